// A stamp of the store's content that derived caches (the network, the recorded victims) compare
// to decide whether to rebuild: the newest packed record row (new or changed statements), the
// number of records a bulk load committed but has not indexed yet (its entity rows, links and
// names land later without a new record row: Store::BeginBulkLoad), the newest import, the newest
// resolution run and the number of judgements, in five index look-ups.
// Audit writes, which every request makes, do not change it. Not thread-safe: each cache reads
// its own stamp under its own mutex.
#pragma once
#include <string>

#include <sqlite3.h>

namespace kashf::server {

class StoreContentStamp {
 public:
  StoreContentStamp() = default;
  StoreContentStamp(const StoreContentStamp&) = delete;
  StoreContentStamp& operator=(const StoreContentStamp&) = delete;
  ~StoreContentStamp() { sqlite3_close_v2(db_); }

  // The current stamp of the database at `db_path` (its connection is opened on first use);
  // "unreadable" when it cannot be opened, "-" for a table that does not exist yet.
  std::string Read(const std::string& db_path);

 private:
  sqlite3* db_ = nullptr;
};

}  // namespace kashf::server
