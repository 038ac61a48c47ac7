// Thin RAII wrappers over libpq, for PostgreSQL backends of the store interfaces (docs/postgresql.md).
// libpq directly rather than libpqxx: Kashf's errors are values (Status), and libpq's C API returns
// them as values too, where libpqxx throws; the wrapper here is what a backend needs and no more.
// Parameters are sent as text ($1, $2 ...; PQexecParams), never spliced into SQL.
// Thread safety: a Connection is used by one thread at a time.
#pragma once
#include <libpq-fe.h>

#include <cstdint>
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
  int size() const { return r_ ? PQntuples(r_.get()) : 0; }
  bool empty() const { return size() == 0; }
  std::string Text(int row, int col) const { return PQgetvalue(r_.get(), row, col); }
  int64_t Int(int row, int col) const;
  double Double(int row, int col) const;

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
};

// Applies the `migrations` (version, sql) of one component (e.g. "audit") that the database lacks, in
// order and in one transaction (PostgreSQL's DDL is transactional), recording the component's version
// in table kashf_components; refuses a database whose recorded version is newer than this program
// knows. Processes that migrate at once are serialised by a transaction-level advisory lock.
// Idempotent.
Status MigrateComponent(Connection& db, const std::string& component,
                        const std::vector<std::pair<int, std::string>>& migrations);

}  // namespace kashf::pg
