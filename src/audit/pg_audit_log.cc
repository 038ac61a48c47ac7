// The PostgreSQL audit log: the same chain as the SQLite log (EntryHash), in table audit_log.
// Appends take a transaction-level advisory lock before reading the chain's head, so appends from
// any number of connections and servers are serialised into one chain (READ COMMITTED: the read
// after the lock sees every append committed before it); the lock ends with the transaction.
#include <sodium.h>

#include <algorithm>

#include <fmt/format.h>

#include "kashf/audit/audit_log.h"
#include "kashf/core/text.h"
#include "kashf/store/pg_db.h"

namespace kashf::audit {
namespace {

constexpr const char* kColumns = "seq, at, actor, agency, action, subject, detail, prev_hash, hash";
constexpr int kFields = 9;
// Entries per INSERT statement (PostgreSQL binds at most 65535 parameters per statement).
constexpr size_t kInsertChunk = 1000;

AuditEntry RowEntry(const pg::Rows& r, int i) {
  return {r.Int(i, 0),  r.Int(i, 1),  r.Text(i, 2), r.Text(i, 3), r.Text(i, 4),
          r.Text(i, 5), r.Text(i, 6), r.Text(i, 7), r.Text(i, 8)};
}

class PostgresAuditLog final : public AuditLog {
 public:
  explicit PostgresAuditLog(pg::Connection db) : db_(std::move(db)) {}

  Result<AuditEntry> Append(AuditEntry e) override {
    std::vector<AuditEntry> one;
    one.push_back(std::move(e));
    KASHF_ASSIGN_OR_RETURN(auto stored, AppendBatch(std::move(one)));
    return std::move(stored.front());
  }

  Result<std::vector<AuditEntry>> AppendBatch(std::vector<AuditEntry> entries) override {
    const int64_t now = NowUnixSeconds();
    const std::string what = "writing the audit log";
    const Status written = db_.Transaction(what, [&]() -> Status {
      KASHF_RETURN_IF_ERROR(db_.Exec(what, "SELECT pg_advisory_xact_lock(hashtext('kashf.audit_log'))"));
      KASHF_ASSIGN_OR_RETURN(auto head, db_.Query(what, "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1"));
      int64_t seq = head.empty() ? 0 : head.Int(0, 0);
      std::string prev = head.empty() ? "" : head.Text(0, 1);
      for (auto& e : entries) {
        if (e.at == 0) e.at = now;
        e.seq = ++seq;
        e.prev_hash = prev;
        e.hash = EntryHash(e);
        prev = e.hash;
      }
      for (size_t from = 0; from < entries.size(); from += kInsertChunk)
        KASHF_RETURN_IF_ERROR(Insert(what, entries, from, std::min(entries.size(), from + kInsertChunk)));
      return Status::Ok();
    });
    if (!written.ok()) return written;
    return entries;
  }

  Result<std::vector<AuditEntry>> List(int64_t after_seq, size_t limit) override {
    KASHF_ASSIGN_OR_RETURN(
        auto rows, db_.Query("reading the audit log",
                             fmt::format("SELECT {} FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT $2", kColumns),
                             {std::to_string(after_seq), std::to_string(limit)}));
    std::vector<AuditEntry> out;
    out.reserve(static_cast<size_t>(rows.size()));
    for (int i = 0; i < rows.size(); ++i) out.push_back(RowEntry(rows, i));
    return out;
  }

  Result<VerifyReport> Verify() override { return VerifyChain(*this); }

  Result<std::optional<AuditEntry>> Last() override {
    KASHF_ASSIGN_OR_RETURN(auto rows,
                           db_.Query("reading the audit log",
                                     fmt::format("SELECT {} FROM audit_log ORDER BY seq DESC LIMIT 1", kColumns)));
    if (rows.empty()) return std::optional<AuditEntry>();
    return std::optional<AuditEntry>(RowEntry(rows, 0));
  }

  Status Migrate() {
    return pg::MigrateComponent(
        db_, "audit",
        {{1,
          "CREATE TABLE audit_log (seq BIGINT PRIMARY KEY, at BIGINT NOT NULL, actor TEXT NOT NULL, "
          "agency TEXT NOT NULL, action TEXT NOT NULL, subject TEXT NOT NULL, detail TEXT NOT NULL, "
          "prev_hash TEXT NOT NULL, hash TEXT NOT NULL);"
          "CREATE INDEX audit_log_subject ON audit_log(subject);"}});
  }

 private:
  // Inserts entries [from, to) with one statement.
  Status Insert(const std::string& what, const std::vector<AuditEntry>& entries, size_t from, size_t to) {
    std::string sql = "INSERT INTO audit_log VALUES ";
    std::vector<std::string> params;
    params.reserve((to - from) * kFields);
    for (size_t i = from; i < to; ++i) {
      const AuditEntry& e = entries[i];
      const size_t base = (i - from) * kFields;
      sql += fmt::format("{}(${}, ${}, ${}, ${}, ${}, ${}, ${}, ${}, ${})", i == from ? "" : ", ", base + 1, base + 2,
                         base + 3, base + 4, base + 5, base + 6, base + 7, base + 8, base + 9);
      for (std::string v : {std::to_string(e.seq), std::to_string(e.at), e.actor, e.agency, e.action, e.subject,
                            e.detail, e.prev_hash, e.hash})
        params.push_back(std::move(v));
    }
    return db_.Exec(what, sql, params);
  }

  pg::Connection db_;
};

}  // namespace

Result<std::unique_ptr<AuditLog>> OpenPostgresAuditLog(const std::string& url) {
  if (sodium_init() < 0) return Status::Internal("libsodium could not be initialised");
  KASHF_ASSIGN_OR_RETURN(auto db, pg::Connection::Open(url));
  auto log = std::make_unique<PostgresAuditLog>(std::move(db));
  KASHF_RETURN_IF_ERROR(log->Migrate());
  return std::unique_ptr<AuditLog>(std::move(log));
}

}  // namespace kashf::audit
