// Default implementations of Store methods that later backends may override with one query.
#include "kashf/store/store.h"

namespace kashf {

Status Store::ScanClusters(const std::function<bool(const std::string&, const std::string&)>& fn) {
  std::string last;
  Status inner = Status::Ok();
  bool stopped = false;
  Status st = ScanStatements({}, [&](const Statement& s) {
    if (s.entity_id == last) return true;
    last = s.entity_id;
    auto cluster = ClusterOf(s.entity_id);
    if (!cluster.ok()) {
      inner = cluster.status();
      return false;
    }
    if (*cluster != s.entity_id && !fn(s.entity_id, *cluster)) {
      stopped = true;
      return false;
    }
    return true;
  });
  if (!inner.ok()) return inner;
  return stopped ? Status::Ok() : st;
}

}  // namespace kashf
