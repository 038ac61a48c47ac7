#include "sqlite_db.h"

#include <fmt/format.h>

namespace kashf::sqlite {

Status Error(sqlite3* db, std::string_view what) {
  int code = sqlite3_errcode(db);
  std::string msg = fmt::format("{}: {}", what, sqlite3_errmsg(db));
  if (code == SQLITE_CORRUPT || code == SQLITE_NOTADB) return Status::Corruption(msg + " (is this a Kashf store?)");
  if (code == SQLITE_CANTOPEN || code == SQLITE_IOERR || code == SQLITE_FULL || code == SQLITE_READONLY)
    return Status::IoError(msg);
  if (code == SQLITE_BUSY || code == SQLITE_LOCKED)
    return Status::FailedPrecondition(msg + " (another Kashf process is writing; try again when it ends)");
  return Status::Internal(msg);
}

Status Stmt::Prepare(sqlite3* db, std::string_view sql) {
  sqlite3_finalize(s_);
  s_ = nullptr;
  if (sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &s_, nullptr) != SQLITE_OK)
    return Error(db, fmt::format("preparing '{}'", sql.substr(0, 60)));
  return Status::Ok();
}

Status Exec(sqlite3* db, std::string_view sql) {
  char* err = nullptr;
  std::string s(sql);
  if (sqlite3_exec(db, s.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
    std::string m = err ? err : "unknown";
    sqlite3_free(err);
    Status st = Error(db, "executing SQL");
    return Status(st.code(), fmt::format("{} ({})", m, s.substr(0, 80)));
  }
  return Status::Ok();
}

}  // namespace kashf::sqlite
