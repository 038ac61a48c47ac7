// SQLite AlertStore: table warning_alerts (the alert as JSON plus the columns needed to filter and
// decide), in the Kashf file, with decisions appended to the audit log (src/audit).
#include <ctime>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "kashf/audit/audit_log.h"
#include "kashf/store/sqlite_db.h"
#include "kashf/warning/alert_json.h"
#include "kashf/warning/alert_store.h"

namespace kashf::warning {

namespace {

class SqliteAlertStore final : public AlertStore {
 public:
  SqliteAlertStore(sqlite3* db, std::unique_ptr<audit::AuditLog> log) : db_(db), log_(std::move(log)) {}
  ~SqliteAlertStore() override { sqlite3_close_v2(db_); }

  Status Migrate() {
    return sqlite::MigrateComponent(
        db_, "warning",
        {{1,
          "CREATE TABLE warning_alerts (seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, "
          "dedup_key TEXT NOT NULL UNIQUE, series TEXT NOT NULL, period_start TEXT NOT NULL, "
          "state TEXT NOT NULL, record TEXT NOT NULL);"
          "CREATE INDEX warning_alerts_period ON warning_alerts(period_start);"}});
  }

  Result<std::vector<std::string>> Put(const AlertActor& actor, std::vector<Alert> alerts) override {
    KASHF_RETURN_IF_ERROR(CheckActor(actor));
    KASHF_RETURN_IF_ERROR(sqlite::Exec(db_, "BEGIN IMMEDIATE"));
    auto ids = Insert(alerts);
    if (!ids.ok()) {
      (void)sqlite::Exec(db_, "ROLLBACK");
      return ids.status();
    }
    KASHF_RETURN_IF_ERROR(sqlite::Exec(db_, "COMMIT"));
    KASHF_RETURN_IF_ERROR(Audit(actor, "alerts.run", ids->empty() ? "" : ids->front(),
                                fmt::format("evaluated={} new={}", alerts.size(), ids->size())));
    return ids;
  }

  Result<std::vector<Alert>> List(const AlertFilter& f) override {
    sqlite::Stmt st;
    KASHF_RETURN_IF_ERROR(
        st.Prepare(db_,
                   "SELECT record FROM warning_alerts WHERE (?1 = '' OR state = ?1) AND (?2 = '' OR series = ?2) AND "
                   "period_start >= ?3 ORDER BY period_start DESC, seq LIMIT ?4"));
    st.Bind(1, f.state ? std::string(AlertStateName(*f.state)) : std::string());
    st.Bind(2, f.series);
    st.Bind(3, f.since);
    st.Bind(4, static_cast<int64_t>(f.limit));
    std::vector<Alert> out;
    int rc;
    while ((rc = st.Step()) == SQLITE_ROW) {
      KASHF_ASSIGN_OR_RETURN(Alert a, Parse(st.Text(0)));
      out.push_back(std::move(a));
    }
    if (rc != SQLITE_DONE) return sqlite::Error(db_, "listing alerts");
    return out;
  }

  Result<Alert> Get(const std::string& id) override {
    sqlite::Stmt st;
    KASHF_RETURN_IF_ERROR(st.Prepare(db_, "SELECT record FROM warning_alerts WHERE id = ?1"));
    st.Bind(1, id);
    int rc = st.Step();
    if (rc == SQLITE_DONE) return Status::NotFound(fmt::format("no alert '{}'", id));
    if (rc != SQLITE_ROW) return sqlite::Error(db_, "reading an alert");
    return Parse(st.Text(0));
  }

  Status Acknowledge(const AlertActor& actor, const std::string& id, const std::string& note) override {
    return Decide(actor, id, AlertState::kAcknowledged, note, "", "alert.acknowledge");
  }

  Status Dismiss(const AlertActor& actor, const std::string& id, const std::string& reason) override {
    if (reason.find_first_not_of(" \t\r\n") == std::string::npos)
      return Status::InvalidArgument("dismissing an alert needs a reason (why it is not a threat)");
    return Decide(actor, id, AlertState::kDismissed, reason, "", "alert.dismiss");
  }

  Status Escalate(const AlertActor& actor, const std::string& id, const std::string& case_id,
                  const std::string& note) override {
    if (case_id.find_first_not_of(" \t\r\n") == std::string::npos)
      return Status::InvalidArgument("escalating an alert needs the id of the case it goes to");
    return Decide(actor, id, AlertState::kEscalated, note, case_id, "alert.escalate");
  }

 private:
  static Status CheckActor(const AlertActor& a) {
    if (a.user.empty()) return Status::InvalidArgument("the acting user is not named (--user)");
    return Status::Ok();
  }

  static Result<Alert> Parse(const std::string& text) {
    auto j = nlohmann::json::parse(text, nullptr, false);
    if (j.is_discarded()) return Status::Corruption("a stored alert is not JSON");
    return AlertFromJson(j);
  }

  Result<std::vector<std::string>> Insert(std::vector<Alert>& alerts) {
    sqlite::Stmt next, ins;
    KASHF_RETURN_IF_ERROR(next.Prepare(db_, "SELECT COALESCE(MAX(seq), 0) + 1 FROM warning_alerts"));
    if (next.Step() != SQLITE_ROW) return sqlite::Error(db_, "numbering alerts");
    int64_t seq = next.Int(0);
    KASHF_RETURN_IF_ERROR(ins.Prepare(db_,
                                      "INSERT INTO warning_alerts (seq, id, dedup_key, series, period_start, state, "
                                      "record) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT(dedup_key) DO NOTHING"));
    std::vector<std::string> ids;
    const int64_t now = static_cast<int64_t>(std::time(nullptr));
    for (auto& a : alerts) {
      a.id = fmt::format("alert-{:06d}", seq);
      a.created_at = now;
      a.state = AlertState::kOpen;
      ins.Reset();
      ins.Bind(1, seq);
      ins.Bind(2, a.id);
      ins.Bind(3, a.dedup_key.empty() ? a.id : a.dedup_key);
      ins.Bind(4, a.series);
      ins.Bind(5, a.period_start);
      ins.Bind(6, std::string("open"));
      ins.Bind(7, AlertToJson(a).dump());
      if (ins.Step() != SQLITE_DONE) return sqlite::Error(db_, "storing an alert");
      if (sqlite3_changes(db_) == 0) continue;  // the same alert was stored by an earlier run
      ids.push_back(a.id);
      ++seq;
    }
    return ids;
  }

  Status Decide(const AlertActor& actor, const std::string& id, AlertState to, const std::string& reason,
                const std::string& case_id, const std::string& action) {
    KASHF_RETURN_IF_ERROR(CheckActor(actor));
    KASHF_ASSIGN_OR_RETURN(Alert a, Get(id));
    if (a.state == AlertState::kDismissed || a.state == AlertState::kEscalated) {
      if (!(a.state == AlertState::kDismissed && to == AlertState::kEscalated))
        return Status::FailedPrecondition(
            fmt::format("alert {} is already {}; a decided alert is not reopened", id, AlertStateName(a.state)));
    }
    if (a.state == to) return Status::FailedPrecondition(fmt::format("alert {} is already {}", id, AlertStateName(to)));
    a.state = to;
    a.decided_by = actor.user;
    a.decided_at = static_cast<int64_t>(std::time(nullptr));
    if (!reason.empty()) a.reason = reason;
    if (!case_id.empty()) a.case_id = case_id;
    sqlite::Stmt up;
    KASHF_RETURN_IF_ERROR(up.Prepare(db_, "UPDATE warning_alerts SET state = ?2, record = ?3 WHERE id = ?1"));
    up.Bind(1, id);
    up.Bind(2, std::string(AlertStateName(to)));
    up.Bind(3, AlertToJson(a).dump());
    if (up.Step() != SQLITE_DONE) return sqlite::Error(db_, "recording an alert decision");
    return Audit(actor, action, id, case_id.empty() ? "" : "case=" + case_id);
  }

  Status Audit(const AlertActor& actor, const std::string& action, const std::string& subject,
               const std::string& detail) {
    auto r = log_->Append({0, 0, actor.user, actor.agency, action, subject, detail, "", ""});
    if (!r.ok()) return r.status().WithContext("writing the audit log (the operation was not completed)");
    return Status::Ok();
  }

  sqlite3* db_;
  std::unique_ptr<audit::AuditLog> log_;
};

}  // namespace

Result<std::unique_ptr<AlertStore>> OpenSqliteAlertStore(const std::string& path) {
  KASHF_ASSIGN_OR_RETURN(auto log, audit::OpenSqliteAuditLog(path));
  KASHF_ASSIGN_OR_RETURN(sqlite3 * db, sqlite::OpenDatabase(path, "the early-warning alert store"));
  auto store = std::make_unique<SqliteAlertStore>(db, std::move(log));
  KASHF_RETURN_IF_ERROR(store->Migrate());
  return std::unique_ptr<AlertStore>(std::move(store));
}

}  // namespace kashf::warning
