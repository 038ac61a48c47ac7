#include "kashf/audit/audit_log.h"

#include <sodium.h>

#include <fmt/format.h>

#include "kashf/core/text.h"
#include "kashf/store/database_location.h"
#include "kashf/store/sqlite_db.h"

namespace kashf::audit {
namespace {

std::string ToHex(const unsigned char* p, size_t n) {
  std::string out(n * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), p, n);
  out.pop_back();
  return out;
}

void AddField(crypto_generichash_state* st, std::string_view field) {
  // Length-prefixed so that ("ab","c") and ("a","bc") hash differently.
  uint64_t n = field.size();
  unsigned char len[8];
  for (int i = 0; i < 8; ++i) len[i] = static_cast<unsigned char>(n >> (8 * i));
  crypto_generichash_update(st, len, sizeof len);
  crypto_generichash_update(st, reinterpret_cast<const unsigned char*>(field.data()), field.size());
}

constexpr const char* kColumns = "seq, at, actor, agency, action, subject, detail, prev_hash, hash";

AuditEntry RowEntry(const sqlite::Stmt& q) {
  return {q.Int(0), q.Int(1), q.Text(2), q.Text(3), q.Text(4), q.Text(5), q.Text(6), q.Text(7), q.Text(8)};
}

class SqliteAuditLog final : public AuditLog {
 public:
  explicit SqliteAuditLog(sqlite3* db) : db_(db) {}
  ~SqliteAuditLog() override {
    put_ = sqlite::Stmt();
    sqlite3_close_v2(db_);
  }

  Result<AuditEntry> Append(AuditEntry e) override {
    if (e.at == 0) e.at = NowUnixSeconds();
    KASHF_RETURN_IF_ERROR(sqlite::Exec(db_, "BEGIN IMMEDIATE"));
    Status st = AppendLocked(e);
    if (!st.ok()) {
      (void)sqlite::Exec(db_, "ROLLBACK");
      return st;
    }
    KASHF_RETURN_IF_ERROR(sqlite::Exec(db_, "COMMIT"));
    return e;
  }

  Result<std::vector<AuditEntry>> AppendBatch(std::vector<AuditEntry> entries) override {
    const int64_t now = NowUnixSeconds();
    KASHF_RETURN_IF_ERROR(sqlite::Exec(db_, "BEGIN IMMEDIATE"));
    Status st;
    for (size_t i = 0; st.ok() && i < entries.size(); ++i) {
      if (entries[i].at == 0) entries[i].at = now;
      st = AppendLocked(entries[i], i == 0 ? nullptr : &entries[i - 1]);
    }
    if (st.ok()) st = sqlite::Exec(db_, "COMMIT");
    if (!st.ok()) {
      (void)sqlite::Exec(db_, "ROLLBACK");
      return st;
    }
    return entries;
  }

  Result<std::vector<AuditEntry>> List(int64_t after_seq, size_t limit) override {
    sqlite::Stmt q;
    KASHF_RETURN_IF_ERROR(
        q.Prepare(db_, fmt::format("SELECT {} FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?", kColumns)));
    q.Bind(1, after_seq);
    q.Bind(2, static_cast<int64_t>(limit));
    std::vector<AuditEntry> out;
    int rc;
    while ((rc = q.Step()) == SQLITE_ROW) out.push_back(RowEntry(q));
    if (rc != SQLITE_DONE) return sqlite::Error(db_, "reading the audit log");
    return out;
  }

  Result<VerifyReport> Verify() override { return VerifyChain(*this); }

  Result<std::optional<AuditEntry>> Last() override {
    sqlite::Stmt q;
    KASHF_RETURN_IF_ERROR(q.Prepare(db_, fmt::format("SELECT {} FROM audit_log ORDER BY seq DESC LIMIT 1", kColumns)));
    int rc = q.Step();
    if (rc == SQLITE_DONE) return std::optional<AuditEntry>();
    if (rc != SQLITE_ROW) return sqlite::Error(db_, "reading the audit log");
    return std::optional<AuditEntry>(RowEntry(q));
  }

  Status Migrate() {
    return sqlite::MigrateComponent(
        db_, "audit",
        {{1,
          "CREATE TABLE audit_log (seq INTEGER PRIMARY KEY, at INTEGER NOT NULL, actor TEXT NOT NULL, "
          "agency TEXT NOT NULL, action TEXT NOT NULL, subject TEXT NOT NULL, detail TEXT NOT NULL, "
          "prev_hash TEXT NOT NULL, hash TEXT NOT NULL);"
          "CREATE INDEX audit_log_subject ON audit_log(subject);"}});
  }

 private:
  // Appends `e` inside the open transaction, after `previous` (the entry this transaction wrote
  // last) or, if null, after the newest stored entry.
  Status AppendLocked(AuditEntry& e, const AuditEntry* previous = nullptr) {
    e.seq = 1;
    e.prev_hash.clear();
    if (previous) {
      e.seq = previous->seq + 1;
      e.prev_hash = previous->hash;
    } else {
      sqlite::Stmt last;
      KASHF_RETURN_IF_ERROR(last.Prepare(db_, "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1"));
      KASHF_ASSIGN_OR_RETURN(bool has_last, last.Next("reading the audit log's last entry"));
      if (has_last) {
        e.seq = last.Int(0) + 1;
        e.prev_hash = last.Text(1);
      }
    }
    e.hash = EntryHash(e);
    if (!put_.get()) {
      KASHF_RETURN_IF_ERROR(put_.Prepare(db_, "INSERT INTO audit_log VALUES (?,?,?,?,?,?,?,?,?)"));
    }
    sqlite::Stmt& put = put_;
    put.Reset();
    put.Bind(1, e.seq);
    put.Bind(2, e.at);
    put.Bind(3, e.actor);
    put.Bind(4, e.agency);
    put.Bind(5, e.action);
    put.Bind(6, e.subject);
    put.Bind(7, e.detail);
    put.Bind(8, e.prev_hash);
    put.Bind(9, e.hash);
    if (put.Step() != SQLITE_DONE) return sqlite::Error(db_, "writing the audit log");
    return Status::Ok();
  }

  sqlite3* db_;
  sqlite::Stmt put_;  // cached insert (finalized before the connection closes)
};

}  // namespace

std::string EntryHash(const AuditEntry& e) {
  crypto_generichash_state st;
  crypto_generichash_init(&st, nullptr, 0, crypto_generichash_BYTES);
  AddField(&st, "kashf-audit-v1");
  AddField(&st, e.prev_hash);
  AddField(&st, std::to_string(e.seq));
  AddField(&st, std::to_string(e.at));
  AddField(&st, e.actor);
  AddField(&st, e.agency);
  AddField(&st, e.action);
  AddField(&st, e.subject);
  AddField(&st, e.detail);
  unsigned char out[crypto_generichash_BYTES];
  crypto_generichash_final(&st, out, sizeof out);
  return ToHex(out, sizeof out);
}

Result<VerifyReport> VerifyChain(AuditLog& log) {
  VerifyReport report;
  std::string prev;
  int64_t expected_seq = 1;
  int64_t after = 0;
  for (;;) {
    KASHF_ASSIGN_OR_RETURN(auto batch, log.List(after, 4096));
    if (batch.empty()) break;
    for (const auto& e : batch) {
      ++report.entries;
      after = e.seq;
      if (report.first_bad_seq) continue;
      if (e.seq != expected_seq) {
        report.first_bad_seq = e.seq;
        report.problem = fmt::format("entry {} follows {}: entries are missing", e.seq, expected_seq - 1);
      } else if (e.prev_hash != prev) {
        report.first_bad_seq = e.seq;
        report.problem = "its link to the previous entry does not match (an earlier entry was changed or removed)";
      } else if (EntryHash(e) != e.hash) {
        report.first_bad_seq = e.seq;
        report.problem = "its content does not match its hash (the entry was edited)";
      }
      prev = e.hash;
      expected_seq = e.seq + 1;
    }
  }
  return report;
}

Result<std::unique_ptr<AuditLog>> OpenAuditLog(const std::string& location) {
  if (store::IsPostgresUrl(location)) return OpenPostgresAuditLog(location);
  return OpenSqliteAuditLog(location);
}

Result<std::unique_ptr<AuditLog>> OpenSqliteAuditLog(const std::string& path) {
  if (sodium_init() < 0) return Status::Internal("libsodium could not be initialised");
  KASHF_ASSIGN_OR_RETURN(sqlite3 * db, sqlite::OpenDatabase(path, "the SQLite audit log"));
  auto log = std::make_unique<SqliteAuditLog>(db);
  KASHF_RETURN_IF_ERROR(log->Migrate());
  return std::unique_ptr<AuditLog>(std::move(log));
}

}  // namespace kashf::audit
