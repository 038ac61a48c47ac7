// Thin RAII wrappers over libpq, for PostgreSQL backends of the store interfaces (docs/postgresql.md).
// libpq directly rather than libpqxx: Kashf's errors are values (Status), and libpq's C API returns
// them as values too, where libpqxx throws; the wrapper here is what a backend needs and no more.
// Parameters are sent as text ($1, $2 ...; PQexecParams), never spliced into SQL.
// Thread safety: a Connection is used by one thread at a time.
#pragma once
#include <libpq-fe.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kashf/core/result.h"

namespace kashf::pg {

// The rows of one query (a PGresult, freed at destruction).
class Rows {
 public:
  Rows() = default;
  explicit Rows(PGresult* r) : r_(r) {}
  const PGresult* get() const { return r_.get(); }
  int size() const { return r_ ? PQntuples(r_.get()) : 0; }
  bool empty() const { return size() == 0; }
  std::string Text(int row, int col) const { return PQgetvalue(r_.get(), row, col); }
  int64_t Int(int row, int col) const;
  double Double(int row, int col) const;
  // Rows an INSERT, UPDATE, DELETE or COPY changed (PQcmdTuples); 0 for other commands.
  int64_t Affected() const;

 private:
  struct Clear {
    void operator()(PGresult* r) const { PQclear(r); }
  };
  std::unique_ptr<PGresult, Clear> r_;
};

class Connection {
 public:
  // Connects to `url` (libpq URI). The error names what failed without repeating the URL (which may
  // hold a password).
  static Result<Connection> Open(const std::string& url);
  Connection() = default;

  // Runs `sql` with `params` bound to $1..$n. Errors name `what` (e.g. "reading the audit log") and
  // what the user can do; PostgreSQL's own message goes to the debug log only (KASHF_LOG=debug).
  Result<Rows> Query(std::string_view what, const std::string& sql, const std::vector<std::string>& params = {});
  // As Query, for statements without rows.
  Status Exec(std::string_view what, const std::string& sql, const std::vector<std::string>& params = {});
  // Calls fn(rows, i) for every row of the query `sql`, read through a cursor in batches, so a large
  // result is never held whole; stops early when fn returns false. An error on any batch is returned
  // (never a short read as success). Outside a transaction it opens (and ends) one of its own.
  Status ForEach(std::string_view what, const std::string& sql, const std::vector<std::string>& params,
                 const std::function<bool(const Rows& rows, int row)>& fn);
  // Streams `data` (rows in COPY's text format, see CopyText) into `copy_sql` ("COPY t (...) FROM
  // STDIN") through PQputCopyData; returns how many rows were copied.
  Result<int64_t> CopyIn(std::string_view what, const std::string& copy_sql, std::string_view data);
  // True inside a transaction block (BEGIN without COMMIT/ROLLBACK yet).
  bool InTransaction() const;
  // Runs `body` in a transaction: COMMIT when it returns Ok, ROLLBACK otherwise.
  template <typename Body>
  Status Transaction(std::string_view what, Body&& body) {
    KASHF_RETURN_IF_ERROR(Exec(what, "BEGIN"));
    Status st = body();
    if (st.ok()) st = Exec(what, "COMMIT");
    if (!st.ok()) (void)Exec(what, "ROLLBACK");
    return st;
  }

 private:
  struct Finish {
    void operator()(PGconn* c) const { PQfinish(c); }
  };
  explicit Connection(PGconn* c) : c_(c) {}
  std::unique_ptr<PGconn, Finish> c_;
  int64_t cursors_ = 0;  // names the cursors of ForEach apart (a scan may run inside another's callback)
};

// Appends `value` to *out as one field of COPY's text format: backslash, tab, newline and carriage
// return escaped (PostgreSQL manual, COPY, "Text Format").
void AppendCopyText(std::string* out, std::string_view value);

// Applies the `migrations` (version, sql) of one component (e.g. "audit") that the database lacks, in
// order and in one transaction (PostgreSQL's DDL is transactional), recording the component's version
// in table kashf_components; refuses a database whose recorded version is newer than this program
// knows. Processes that migrate at once are serialised by a transaction-level advisory lock.
// Idempotent.
Status MigrateComponent(Connection& db, const std::string& component,
                        const std::vector<std::pair<int, std::string>>& migrations);

}  // namespace kashf::pg
