#include "kashf/store/sqlite_db.h"

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

namespace kashf::sqlite {

Result<sqlite3*> OpenDatabase(const std::string& path) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr) !=
      SQLITE_OK) {
    Status st = Error(db, fmt::format("opening '{}'", path));
    sqlite3_close_v2(db);
    return st;
  }
  Status st = Exec(db, "PRAGMA foreign_keys=ON; PRAGMA busy_timeout=5000; PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;");
  if (!st.ok()) {
    sqlite3_close_v2(db);
    return st;
  }
  return db;
}

Status MigrateComponent(sqlite3* db, const std::string& component,
                        const std::vector<std::pair<int, std::string>>& migrations) {
  KASHF_RETURN_IF_ERROR(Exec(db, "CREATE TABLE IF NOT EXISTS kashf_components (name TEXT PRIMARY KEY, version INTEGER NOT NULL)"));
  Stmt get;
  KASHF_RETURN_IF_ERROR(get.Prepare(db, "SELECT version FROM kashf_components WHERE name=?"));
  get.Bind(1, component);
  int64_t version = get.Step() == SQLITE_ROW ? get.Int(0) : 0;
  for (const auto& [v, sql] : migrations) {
    if (v <= version) continue;
    KASHF_RETURN_IF_ERROR(Exec(db, "BEGIN IMMEDIATE"));
    Status st = Exec(db, sql);
    if (st.ok()) {
      Stmt put;
      st = put.Prepare(db, "INSERT OR REPLACE INTO kashf_components(name, version) VALUES(?, ?)");
      if (st.ok()) {
        put.Bind(1, component);
        put.Bind(2, int64_t{v});
        if (put.Step() != SQLITE_DONE) st = Error(db, "recording component version");
      }
    }
    if (!st.ok()) {
      (void)Exec(db, "ROLLBACK");
      return st.WithContext(fmt::format("{} migration {}", component, v));
    }
    KASHF_RETURN_IF_ERROR(Exec(db, "COMMIT"));
  }
  return Status::Ok();
}

}  // namespace kashf::sqlite
