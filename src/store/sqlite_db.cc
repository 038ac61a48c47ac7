#include "kashf/store/sqlite_db.h"

#include <filesystem>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "kashf/store/database_location.h"

namespace kashf::sqlite {

// The user reads what failed and what to do; SQLite's own message (which may quote SQL or name
// tables) goes to the debug log only (`KASHF_LOG=debug`).
Status Error(sqlite3* db, std::string_view what) {
  const int code = sqlite3_errcode(db);
  spdlog::debug("sqlite: {} failed: {} (code {}, extended {})", what, db ? sqlite3_errmsg(db) : "out of memory", code,
                sqlite3_extended_errcode(db));
  switch (code) {
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return Status::Corruption(fmt::format(
          "{} failed: the file is damaged or is not a Kashf store; restore it from a backup or check --db", what));
    case SQLITE_READONLY:
      return Status::IoError(fmt::format(
          "{} failed: the store is read-only for this user; writing needs write access to the file and its folder",
          what));
    case SQLITE_CANTOPEN:
      return Status::IoError(
          fmt::format("{} failed: the file cannot be opened; check the path and its permissions", what));
    case SQLITE_FULL: return Status::IoError(fmt::format("{} failed: the disk is full; free some space", what));
    case SQLITE_IOERR:
      return Status::IoError(fmt::format("{} failed: the operating system reported a read or write error", what));
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return Status::FailedPrecondition(
          fmt::format("{} failed: another Kashf process is writing; try again when it ends", what));
    case SQLITE_NOMEM: return Status::Internal(fmt::format("{} failed: out of memory", what));
    default:
      return Status::Internal(fmt::format("{} failed inside the store (run with KASHF_LOG=debug for details)", what));
  }
}

Status Stmt::Prepare(sqlite3* db, std::string_view sql) {
  sqlite3_finalize(s_);
  s_ = nullptr;
  if (sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &s_, nullptr) !=
      SQLITE_OK) {
    spdlog::debug("sqlite: preparing: {}", sql);
    return Error(db, "preparing a query");
  }
  return Status::Ok();
}

Status Exec(sqlite3* db, std::string_view sql) {
  char* err = nullptr;
  std::string s(sql);
  if (sqlite3_exec(db, s.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
    spdlog::debug("sqlite: executing: {}: {}", s, err ? err : "unknown");
    sqlite3_free(err);
    return Error(db, "updating the store");
  }
  return Status::Ok();
}

}  // namespace kashf::sqlite

namespace kashf::sqlite {

Result<bool> Stmt::Next(std::string_view what) {
  const int rc = sqlite3_step(s_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return Error(sqlite3_db_handle(s_), what);
}

Result<sqlite3*> OpenDatabase(const std::string& path, std::string_view component) {
  if (store::IsPostgresUrl(path)) return store::NoPostgresBackend(component);
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr) !=
      SQLITE_OK) {
    Status st = Error(db, fmt::format("opening '{}'", path));
    sqlite3_close_v2(db);
    return st;
  }
  Status st =
      Exec(db, "PRAGMA foreign_keys=ON; PRAGMA busy_timeout=5000; PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;");
  if (!st.ok()) {
    sqlite3_close_v2(db);
    return st;
  }
  return db;
}

namespace {
// "file:" URI for `path` with `query` (RFC 3986 percent-encoding of what a URI path cannot hold).
std::string FileUri(const std::string& path, const std::string& query) {
  std::string uri = "file:";
  for (unsigned char c : path) {
    if (c == '%' || c == '?' || c == '#' || c < 0x20) uri += fmt::format("%{:02X}", c);
    else uri.push_back(static_cast<char>(c));
  }
  return uri + "?" + query;
}

}  // namespace

Result<sqlite3*> OpenDatabaseReadOnly(const std::string& path, std::string_view component) {
  if (store::IsPostgresUrl(path)) return store::NoPostgresBackend(component);
  namespace fs = std::filesystem;
  std::error_code ec;
  const auto wal_bytes = fs::file_size(path + "-wal", ec);
  const bool journal_pending = !ec && wal_bytes > 0;
  for (const char* query : {"mode=ro", "immutable=1"}) {
    if (std::string_view(query) == "immutable=1" && journal_pending) break;
    sqlite3* db = nullptr;
    int rc = sqlite3_open_v2(FileUri(path, query).c_str(), &db,
                             SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc == SQLITE_OK) rc = sqlite3_exec(db, "SELECT count(*) FROM sqlite_master", nullptr, nullptr, nullptr);
    if (rc == SQLITE_OK) return db;
    spdlog::debug("sqlite: read-only open of '{}' with {}: {}", path, query, sqlite3_errmsg(db));
    if (rc == SQLITE_NOTADB || rc == SQLITE_CORRUPT) {
      Status st = Error(db, fmt::format("opening store '{}'", path));
      sqlite3_close_v2(db);
      return st;
    }
    sqlite3_close_v2(db);
  }
  if (journal_pending)
    return Status::IoError(fmt::format(
        "store '{}' is read-only here and its journal '{}-wal' holds changes not yet saved into it (a Kashf process "
        "was killed while writing); open it once with write access, or copy the store and its -wal file to a writable "
        "folder",
        path, path));
  return Status::IoError(fmt::format("cannot read store '{}'; check the path and its permissions", path));
}

Status MigrateComponent(sqlite3* db, const std::string& component,
                        const std::vector<std::pair<int, std::string>>& migrations) {
  KASHF_RETURN_IF_ERROR(
      Exec(db, "CREATE TABLE IF NOT EXISTS kashf_components (name TEXT PRIMARY KEY, version INTEGER NOT NULL)"));
  Stmt get;
  KASHF_RETURN_IF_ERROR(get.Prepare(db, "SELECT version FROM kashf_components WHERE name=?"));
  get.Bind(1, component);
  KASHF_ASSIGN_OR_RETURN(bool recorded, get.Next(fmt::format("reading the version of {}", component)));
  const int64_t version = recorded ? get.Int(0) : 0;
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
