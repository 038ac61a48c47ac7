// A stamp of the store's content that derived caches (the network, the recorded victims) compare
// to decide whether to rebuild: Store::ContentVersion() read through a connection of the cache's
// own (a Store is used by one thread at a time; each cache reads its stamp under its own mutex).
// Not thread-safe.
#pragma once
#include <memory>
#include <string>

#include "kashf/model/model.h"
#include "kashf/store/store.h"

namespace kashf::server {

class StoreContentStamp {
 public:
  // The current stamp of the store at `db_path` (opened read-only on first use);
  // "unreadable" when it cannot be opened or read, so a cache rebuilds and reports the error itself.
  std::string Read(const std::string& db_path, const Model& model);

 private:
  std::unique_ptr<Store> store_;
};

}  // namespace kashf::server
