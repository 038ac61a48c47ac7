#include "kashf/store/pg_db.h"

#include <algorithm>
#include <charconv>
#include <cstdlib>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

namespace kashf::pg {
namespace {

// The first line of a libpq message (libpq ends them with a newline and may add detail lines).
std::string FirstLine(const char* message) {
  std::string_view m = message ? message : "";
  return std::string(m.substr(0, m.find('\n')));
}

// The user reads what failed and what to do, chosen by SQLSTATE class (PostgreSQL manual,
// appendix A); PostgreSQL's message (which may quote SQL or name tables) goes to the debug log.
Status Error(PGconn* conn, const PGresult* res, std::string_view what) {
  const char* state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : nullptr;
  const std::string sqlstate = state ? state : "";
  spdlog::debug("postgresql: {} failed: {} (SQLSTATE {})", what,
                FirstLine(res ? PQresultErrorMessage(res) : PQerrorMessage(conn)), sqlstate);
  const std::string cls = sqlstate.substr(0, 2);
  if (sqlstate.empty() || cls == "08" || cls == "57")
    return Status::IoError(fmt::format(
        "{} failed: the PostgreSQL server cannot be reached or is shutting down; try again when it is up", what));
  if (cls == "40" || sqlstate == "55P03")
    return Status::FailedPrecondition(
        fmt::format("{} failed: another Kashf process is writing the same data; try again", what));
  if (cls == "53")
    return Status::IoError(fmt::format("{} failed: the PostgreSQL server is out of disk or memory", what));
  if (cls == "28" || sqlstate == "42501")
    return Status::PermissionDenied(
        fmt::format("{} failed: the database user lacks the rights Kashf needs; see docs/postgresql.md", what));
  if (sqlstate == "25006")
    return Status::IoError(fmt::format("{} failed: the database is read-only here (a standby?)", what));
  return Status::Internal(fmt::format("{} failed inside the store (run with KASHF_LOG=debug for details)", what));
}

}  // namespace

int64_t Rows::Int(int row, int col) const {
  const char* p = PQgetvalue(r_.get(), row, col);
  const char* end = p + PQgetlength(r_.get(), row, col);
  int64_t v = 0;
  std::from_chars(p, end, v);
  return v;
}

double Rows::Double(int row, int col) const {
  // PostgreSQL 12+ prints a double in its shortest form that reads back exactly (extra_float_digits=1).
  return std::strtod(PQgetvalue(r_.get(), row, col), nullptr);
}

int64_t Rows::Affected() const {
  if (!r_) return 0;
  const char* n = PQcmdTuples(r_.get());
  int64_t v = 0;
  std::from_chars(n, n + std::char_traits<char>::length(n), v);
  return v;
}

void AppendCopyText(std::string* out, std::string_view value) {
  for (char c : value) {
    switch (c) {
      case '\\': *out += "\\\\"; break;
      case '\t': *out += "\\t"; break;
      case '\n': *out += "\\n"; break;
      case '\r': *out += "\\r"; break;
      default: out->push_back(c);
    }
  }
}

Result<int64_t> Connection::CopyIn(std::string_view what, const std::string& copy_sql, std::string_view data) {
  Rows start(PQexec(c_.get(), copy_sql.c_str()));
  if (PQresultStatus(start.get()) != PGRES_COPY_IN) return Error(c_.get(), start.get(), what);
  // PQputCopyData takes an int length: send large data in pieces.
  constexpr size_t kPiece = size_t{1} << 20;
  bool sent = true;
  for (size_t at = 0; sent && at < data.size(); at += kPiece) {
    const size_t n = std::min(kPiece, data.size() - at);
    sent = PQputCopyData(c_.get(), data.data() + at, static_cast<int>(n)) == 1;
  }
  const bool ended = PQputCopyEnd(c_.get(), sent ? nullptr : "sending the rows failed") == 1;
  // The command's result follows (then a null result); every result must be read.
  Rows result(PQgetResult(c_.get()));
  while (PGresult* more = PQgetResult(c_.get())) PQclear(more);
  if (!ended || PQresultStatus(result.get()) != PGRES_COMMAND_OK) return Error(c_.get(), result.get(), what);
  return result.Affected();
}

Status Connection::ForEach(std::string_view what, const std::string& sql, const std::vector<std::string>& params,
                           const std::function<bool(const Rows& rows, int row)>& fn) {
  const bool own = !InTransaction();
  if (own) KASHF_RETURN_IF_ERROR(Exec(what, "BEGIN"));
  const std::string cursor = fmt::format("kashf_cursor_{}", ++cursors_);
  Status st = Exec(what, fmt::format("DECLARE {} NO SCROLL CURSOR FOR {}", cursor, sql), params);
  constexpr int kBatch = 5000;
  bool go_on = true;
  while (st.ok() && go_on) {
    auto rows = Query(what, fmt::format("FETCH {} FROM {}", kBatch, cursor));
    if (!rows.ok()) {
      st = rows.status();
      break;
    }
    for (int i = 0; i < rows->size() && go_on; ++i) go_on = fn(*rows, i);
    if (rows->size() < kBatch) break;
  }
  if (own) {
    Status end = Exec(what, st.ok() ? "COMMIT" : "ROLLBACK");
    return st.ok() ? end : st;
  }
  return st.ok() ? Exec(what, "CLOSE " + cursor) : st;
}

bool Connection::InTransaction() const { return PQtransactionStatus(c_.get()) != PQTRANS_IDLE; }

Result<Connection> Connection::Open(const std::string& url) {
  PGconn* c = PQconnectdb(url.c_str());
  if (!c) return Status::Internal("connecting to PostgreSQL failed: out of memory");
  if (PQstatus(c) != CONNECTION_OK) {
    // libpq's connection message names the server and the reason, never the password.
    Status st =
        Status::IoError(fmt::format("cannot connect to PostgreSQL: {}; check the --db URL and that the server "
                                    "is running",
                                    FirstLine(PQerrorMessage(c))));
    PQfinish(c);
    return st;
  }
  PQsetNoticeProcessor(
      c, [](void*, const char* message) { spdlog::debug("postgresql: {}", FirstLine(message)); }, nullptr);
  return Connection(c);
}

Result<Rows> Connection::Query(std::string_view what, const std::string& sql, const std::vector<std::string>& params) {
  PGresult* res = nullptr;
  if (params.empty()) {
    res = PQexec(c_.get(), sql.c_str());  // may hold several statements (migrations)
  } else {
    std::vector<const char*> values;
    values.reserve(params.size());
    for (const auto& p : params) values.push_back(p.c_str());
    res = PQexecParams(c_.get(), sql.c_str(), static_cast<int>(values.size()), nullptr, values.data(), nullptr, nullptr,
                       0);
  }
  Rows rows(res);
  const ExecStatusType status = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;
  if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) return Error(c_.get(), res, what);
  return rows;
}

Status Connection::Exec(std::string_view what, const std::string& sql, const std::vector<std::string>& params) {
  return Query(what, sql, params).status();
}

Status MigrateComponent(Connection& db, const std::string& component,
                        const std::vector<std::pair<int, std::string>>& migrations) {
  const std::string what = fmt::format("updating the {} tables", component);
  return db.Transaction(what, [&]() -> Status {
    // One lock for every component's migrations: CREATE TABLE IF NOT EXISTS is not safe to race.
    KASHF_RETURN_IF_ERROR(db.Exec(what, "SELECT pg_advisory_xact_lock(hashtext('kashf.migrate'))"));
    KASHF_RETURN_IF_ERROR(
        db.Exec(what, "CREATE TABLE IF NOT EXISTS kashf_components (name TEXT PRIMARY KEY, version INTEGER NOT NULL)"));
    KASHF_ASSIGN_OR_RETURN(auto rows,
                           db.Query(what, "SELECT version FROM kashf_components WHERE name = $1", {component}));
    const int64_t version = rows.empty() ? 0 : rows.Int(0, 0);
    const int64_t known = migrations.empty() ? 0 : migrations.back().first;
    if (version > known)
      return Status::FailedPrecondition(
          fmt::format("the database holds {} tables of version {}, newer than this Kashf knows ({}); upgrade Kashf",
                      component, version, known));
    for (const auto& [v, sql] : migrations) {
      if (v <= version) continue;
      KASHF_RETURN_IF_ERROR(db.Exec(what, sql).WithContext(fmt::format("{} migration {}", component, v)));
    }
    if (known > version)
      KASHF_RETURN_IF_ERROR(db.Exec(what,
                                    "INSERT INTO kashf_components (name, version) VALUES ($1, $2) "
                                    "ON CONFLICT (name) DO UPDATE SET version = EXCLUDED.version",
                                    {component, std::to_string(known)}));
    return Status::Ok();
  });
}

}  // namespace kashf::pg
