#include "kashf/analytics/count_table.h"

#include <algorithm>
#include <unordered_map>

namespace kashf::analytics {

CountTable Tabulate(const std::vector<CtdcRecord>& records, const std::vector<CtdcVariable>& variables) {
  CountTable t;
  t.variables = variables;
  std::unordered_map<std::string, size_t> index;
  std::string key;
  for (const auto& r : records) {
    key.clear();
    for (CtdcVariable v : variables) {
      key += r.Get(v);
      key += '\x1f';
    }
    auto [it, inserted] = index.try_emplace(key, t.cells.size());
    if (inserted) {
      Cell c;
      for (CtdcVariable v : variables) c.values.push_back(r.Get(v));
      t.cells.push_back(std::move(c));
    }
    ++t.cells[it->second].count;
  }
  t.total = static_cast<int64_t>(records.size());
  std::sort(t.cells.begin(), t.cells.end(), [](const Cell& a, const Cell& b) { return a.values < b.values; });
  return t;
}

}  // namespace kashf::analytics
