// SQLite ReportStore: table cso_reports (one row per report; text and contact in their own
// columns so that the series query never reads them) and cso_report_links (analysts' links to
// entities and cases, unique per report, kind and target).
#include <fmt/format.h>

#include "kashf/reports/report_store.h"
#include "kashf/store/sqlite_db.h"

namespace kashf::reports {
namespace {

const std::vector<std::pair<int, std::string>>& Migrations() {
  static const std::vector<std::pair<int, std::string>> m = {
      {1,
       "CREATE TABLE cso_reports (id INTEGER PRIMARY KEY AUTOINCREMENT, date TEXT NOT NULL, "
       "district TEXT NOT NULL, province TEXT NOT NULL, category TEXT NOT NULL, text TEXT NOT NULL, "
       "contact TEXT NOT NULL, submitted_by TEXT NOT NULL, agency TEXT NOT NULL, submitted_at INTEGER NOT NULL);"
       "CREATE INDEX cso_reports_submitter ON cso_reports(submitted_by);"
       "CREATE TABLE cso_report_links (report_id INTEGER NOT NULL REFERENCES cso_reports(id), "
       "kind TEXT NOT NULL, target TEXT NOT NULL, linked_by TEXT NOT NULL, linked_at INTEGER NOT NULL, "
       "PRIMARY KEY (report_id, kind, target));"}};
  return m;
}

constexpr const char* kColumns =
    "SELECT id, date, district, province, category, text, contact, submitted_by, agency, submitted_at "
    "FROM cso_reports";

class SqliteReportStore final : public ReportStore {
 public:
  SqliteReportStore(sqlite3* db, ReportReference reference) : db_(db), reference_(std::move(reference)) {}
  ~SqliteReportStore() override { sqlite3_close_v2(db_); }
  SqliteReportStore(const SqliteReportStore&) = delete;
  SqliteReportStore& operator=(const SqliteReportStore&) = delete;

  Result<int64_t> Submit(CsoReport report, const std::string& today) override {
    KASHF_RETURN_IF_ERROR(ValidateNewReport(reference_, today, report));
    if (report.submitted_by.empty()) return Status::InvalidArgument("a report needs the user who submitted it");
    sqlite::Stmt q;
    KASHF_RETURN_IF_ERROR(q.Prepare(db_,
                                    "INSERT INTO cso_reports (date, district, province, category, text, contact, "
                                    "submitted_by, agency, submitted_at) VALUES (?,?,?,?,?,?,?,?,?)"));
    q.Bind(1, report.date);
    q.Bind(2, report.district);
    q.Bind(3, report.province);
    q.Bind(4, report.category);
    q.Bind(5, report.text);
    q.Bind(6, report.contact);
    q.Bind(7, report.submitted_by);
    q.Bind(8, report.agency);
    q.Bind(9, report.submitted_at);
    if (q.Step() != SQLITE_DONE) return sqlite::Error(db_, "storing a report");
    return sqlite3_last_insert_rowid(db_);
  }

  Result<CsoReport> Get(int64_t id) override {
    sqlite::Stmt q;
    KASHF_RETURN_IF_ERROR(q.Prepare(db_, std::string(kColumns) + " WHERE id=?"));
    q.Bind(1, id);
    KASHF_ASSIGN_OR_RETURN(bool found, q.Next("reading a report"));
    if (!found) return Status::NotFound(fmt::format("there is no report {}", id));
    CsoReport r = Row(q);
    KASHF_RETURN_IF_ERROR(LoadLinks(r));
    return r;
  }

  Result<std::vector<CsoReport>> List(const ReportFilter& filter) override {
    sqlite::Stmt q;
    KASHF_RETURN_IF_ERROR(q.Prepare(
        db_, std::string(kColumns) + " WHERE (?1 IS NULL OR submitted_by=?1) ORDER BY id DESC LIMIT ? OFFSET ?"));
    if (filter.submitted_by) q.Bind(1, *filter.submitted_by);
    q.Bind(2, filter.limit);
    q.Bind(3, filter.offset);
    std::vector<CsoReport> out;
    int rc = 0;
    while ((rc = q.Step()) == SQLITE_ROW) out.push_back(Row(q));
    if (rc != SQLITE_DONE) return sqlite::Error(db_, "listing reports");
    for (auto& r : out) KASHF_RETURN_IF_ERROR(LoadLinks(r));
    return out;
  }

  Result<int64_t> Count(const ReportFilter& filter) override {
    sqlite::Stmt q;
    KASHF_RETURN_IF_ERROR(q.Prepare(db_, "SELECT count(*) FROM cso_reports WHERE (?1 IS NULL OR submitted_by=?1)"));
    if (filter.submitted_by) q.Bind(1, *filter.submitted_by);
    if (q.Step() != SQLITE_ROW) return sqlite::Error(db_, "counting reports");
    return q.Int(0);
  }

  Status AddLink(int64_t report_id, ReportLink link) override {
    KASHF_RETURN_IF_ERROR(ValidateLink(link));
    KASHF_RETURN_IF_ERROR(Get(report_id).status());
    sqlite::Stmt q;
    KASHF_RETURN_IF_ERROR(q.Prepare(db_,
                                    "INSERT OR IGNORE INTO cso_report_links (report_id, kind, target, linked_by, "
                                    "linked_at) VALUES (?,?,?,?,?)"));
    q.Bind(1, report_id);
    q.Bind(2, link.kind);
    q.Bind(3, link.target);
    q.Bind(4, link.linked_by);
    q.Bind(5, link.linked_at);
    if (q.Step() != SQLITE_DONE) return sqlite::Error(db_, "linking a report");
    if (sqlite3_changes(db_) == 0)
      return Status::AlreadyExists(fmt::format("report {} is linked to that {} already", report_id, link.kind));
    return Status::Ok();
  }

  Result<std::vector<ReportKey>> Keys() override {
    sqlite::Stmt q;
    KASHF_RETURN_IF_ERROR(
        q.Prepare(db_, "SELECT id, date, district, province, category FROM cso_reports ORDER BY date, id"));
    std::vector<ReportKey> out;
    int rc = 0;
    while ((rc = q.Step()) == SQLITE_ROW) out.push_back({q.Int(0), q.Text(1), q.Text(2), q.Text(3), q.Text(4)});
    if (rc != SQLITE_DONE) return sqlite::Error(db_, "reading report counts");
    return out;
  }

  const ReportReference& reference() const override { return reference_; }

 private:
  static CsoReport Row(const sqlite::Stmt& q) {
    CsoReport r;
    r.id = q.Int(0);
    r.date = q.Text(1);
    r.district = q.Text(2);
    r.province = q.Text(3);
    r.category = q.Text(4);
    r.text = q.Text(5);
    r.contact = q.Text(6);
    r.submitted_by = q.Text(7);
    r.agency = q.Text(8);
    r.submitted_at = q.Int(9);
    return r;
  }

  Status LoadLinks(CsoReport& r) {
    sqlite::Stmt q;
    KASHF_RETURN_IF_ERROR(q.Prepare(db_,
                                    "SELECT kind, target, linked_by, linked_at FROM cso_report_links WHERE report_id=? "
                                    "ORDER BY linked_at, kind, target"));
    q.Bind(1, r.id);
    int rc = 0;
    while ((rc = q.Step()) == SQLITE_ROW) r.links.push_back({q.Text(0), q.Text(1), q.Text(2), q.Int(3)});
    if (rc != SQLITE_DONE) return sqlite::Error(db_, "reading a report's links");
    return Status::Ok();
  }

  sqlite3* db_;
  ReportReference reference_;
};

}  // namespace

Result<std::unique_ptr<ReportStore>> OpenSqliteReportStore(const std::string& path, ReportReference reference) {
  KASHF_ASSIGN_OR_RETURN(sqlite3 * db, sqlite::OpenDatabase(path, "the civil-society report store"));
  Status st = sqlite::MigrateComponent(db, "reports", Migrations());
  if (!st.ok()) {
    sqlite3_close_v2(db);
    return st;
  }
  return std::unique_ptr<ReportStore>(std::make_unique<SqliteReportStore>(db, std::move(reference)));
}

}  // namespace kashf::reports
