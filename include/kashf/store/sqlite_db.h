// Thin RAII wrappers over the SQLite C API, for SQLite backends of the store interfaces
// (src/store and the per-layer registries such as firearms and victims).
#pragma once
#include <sqlite3.h>

#include <cstdint>
#include <string>
#include <string_view>

#include <utility>
#include <vector>

#include "kashf/core/result.h"

namespace kashf::sqlite {

Status Error(sqlite3* db, std::string_view what);

class Stmt {
 public:
  Stmt() = default;
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;
  Stmt(Stmt&& o) noexcept : s_(o.s_) { o.s_ = nullptr; }
  Stmt& operator=(Stmt&& o) noexcept {
    std::swap(s_, o.s_);
    return *this;
  }
  ~Stmt() { sqlite3_finalize(s_); }

  Status Prepare(sqlite3* db, std::string_view sql);
  void Bind(int i, int64_t v) { sqlite3_bind_int64(s_, i, v); }
  void Bind(int i, std::string_view v) {
    sqlite3_bind_text(s_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
  }
  // Binds without copying; `v` must outlive the next Step().
  void BindStatic(int i, std::string_view v) {
    sqlite3_bind_text(s_, i, v.data(), static_cast<int>(v.size()), SQLITE_STATIC);
  }
  // SQLITE_ROW, SQLITE_DONE or an error code.
  int Step() { return sqlite3_step(s_); }
  // Steps once: true at a row, false when the rows are done, an error naming `what` otherwise (so a
  // failed step is never mistaken for "no row").
  Result<bool> Next(std::string_view what);
  // Calls on_row() at every row. A step that fails part-way is an error naming `what`, never a
  // short result returned as success.
  template <typename OnRow>
  Status ForEachRow(std::string_view what, OnRow&& on_row) {
    while (true) {
      KASHF_ASSIGN_OR_RETURN(bool row, Next(what));
      if (!row) return Status::Ok();
      on_row();
    }
  }
  void Reset() {
    sqlite3_reset(s_);
    sqlite3_clear_bindings(s_);
  }
  int64_t Int(int col) const { return sqlite3_column_int64(s_, col); }
  double Double(int col) const { return sqlite3_column_double(s_, col); }
  std::string Text(int col) const {
    const auto* p = sqlite3_column_text(s_, col);
    return p ? std::string(reinterpret_cast<const char*>(p), static_cast<size_t>(sqlite3_column_bytes(s_, col)))
             : std::string();
  }
  sqlite3_stmt* get() { return s_; }

 private:
  sqlite3_stmt* s_ = nullptr;
};

// Resets a reused statement when it leaves scope. A cached statement stepped only to its first row
// otherwise keeps its read transaction, and with it an old WAL snapshot, open until its next use:
// later reads on the connection see stale data and writers get SQLITE_BUSY.
class ResetOnExit {
 public:
  explicit ResetOnExit(Stmt& s) : s_(s) {}
  ResetOnExit(const ResetOnExit&) = delete;
  ResetOnExit& operator=(const ResetOnExit&) = delete;
  ~ResetOnExit() { sqlite3_reset(s_.get()); }

 private:
  Stmt& s_;
};

Status Exec(sqlite3* db, std::string_view sql);

}  // namespace kashf::sqlite

namespace kashf::sqlite {

// Opens `path` (creating it) with Kashf's pragmas: WAL, foreign keys, busy timeout. A PostgreSQL
// URL is refused with store::NoPostgresBackend(component) (e.g. "the firearm register"): the caller
// is a SQLite backend, and the user asked for PostgreSQL.
Result<sqlite3*> OpenDatabase(const std::string& path, std::string_view component = "this part of Kashf");

// Opens an existing store read-only. A store in WAL mode needs its "-shm" index file to read the
// journal; where the folder is not writable and no "-shm" exists, SQLite cannot create it, so the
// file is opened as immutable instead, which is exact as long as no journal holds unsaved pages
// (a cleanly closed store has none; one that does is refused with advice).
// A PostgreSQL URL is refused as in OpenDatabase.
Result<sqlite3*> OpenDatabaseReadOnly(const std::string& path, std::string_view component = "this part of Kashf");

// Applies `migrations` (version, sql) of one component (e.g. "firearms") in order, each in its own
// transaction, recording the component's version in table kashf_components. Idempotent.
Status MigrateComponent(sqlite3* db, const std::string& component,
                        const std::vector<std::pair<int, std::string>>& migrations);

}  // namespace kashf::sqlite
