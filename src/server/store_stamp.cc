#include "store_stamp.h"

#include "kashf/store/sqlite_db.h"

namespace kashf::server {

std::string StoreContentStamp::Read(const std::string& db_path) {
  if (!db_) {
    auto opened = sqlite::OpenDatabase(db_path);
    if (!opened.ok()) return "unreadable";
    db_ = *opened;
  }
  std::string stamp;
  for (const char* sql :
       {"SELECT MAX(rid) FROM records", "SELECT COUNT(*) FROM unindexed_records", "SELECT MAX(id) FROM imports",
        "SELECT MAX(id) FROM resolve_runs", "SELECT COUNT(*) FROM judgements"}) {
    sqlite::Stmt st;
    if (st.Prepare(db_, sql).ok() && st.Step() == SQLITE_ROW) stamp += std::to_string(st.Int(0)) + ";";
    else stamp += "-;";
  }
  return stamp;
}

}  // namespace kashf::server
