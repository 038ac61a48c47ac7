// SQLite backend of GapStore: tables legal_assessments (one row per version), legal_reviews (one
// approval per version) and legal_comments, component "legal". Changes go to the audit log after
// their transaction commits and before the call returns.
#include <fmt/format.h>

#include "kashf/audit/audit_log.h"
#include "kashf/legal/gap_store.h"
#include "kashf/store/sqlite_db.h"

namespace kashf::legal {
namespace {

using auth::Permission;

constexpr const char* kSelect =
    "SELECT a.requirement, a.jurisdiction, a.catalogue_version, a.status, a.provisions, a.justification, "
    "a.assessed_by, a.assessed_on, COALESCE(r.reviewer, ''), COALESCE(r.reviewed_on, ''), a.version, a.illustrative "
    "FROM legal_assessments a LEFT JOIN legal_reviews r "
    "ON r.requirement = a.requirement AND r.jurisdiction = a.jurisdiction AND r.version = a.version ";

std::string Key(const std::string& requirement, const std::string& jurisdiction) {
  return requirement + "@" + jurisdiction;
}

class SqliteGapStore final : public GapStore {
 public:
  SqliteGapStore(sqlite3* db, std::unique_ptr<audit::AuditLog> log, const LegalFramework& framework)
      : db_(db), log_(std::move(log)), framework_(framework) {}
  ~SqliteGapStore() override { sqlite3_close_v2(db_); }
  SqliteGapStore(const SqliteGapStore&) = delete;
  SqliteGapStore& operator=(const SqliteGapStore&) = delete;

  Status Migrate() {
    return sqlite::MigrateComponent(
        db_, "legal",
        {{1,
          "CREATE TABLE legal_assessments (requirement TEXT NOT NULL, jurisdiction TEXT NOT NULL, "
          "version INTEGER NOT NULL, catalogue_version TEXT NOT NULL, status TEXT NOT NULL, provisions TEXT NOT NULL, "
          "justification TEXT NOT NULL, assessed_by TEXT NOT NULL, assessed_on TEXT NOT NULL, "
          "illustrative INTEGER NOT NULL, PRIMARY KEY (requirement, jurisdiction, version));"
          "CREATE TABLE legal_reviews (requirement TEXT NOT NULL, jurisdiction TEXT NOT NULL, version INTEGER NOT "
          "NULL, "
          "reviewer TEXT NOT NULL, reviewed_on TEXT NOT NULL, PRIMARY KEY (requirement, jurisdiction, version));"
          "CREATE TABLE legal_comments (seq INTEGER PRIMARY KEY, requirement TEXT NOT NULL, "
          "jurisdiction TEXT NOT NULL, author TEXT NOT NULL, role TEXT NOT NULL, written_on TEXT NOT NULL, "
          "text TEXT NOT NULL);"
          "CREATE INDEX legal_comments_key ON legal_comments(requirement, jurisdiction);"}});
  }

  Result<std::vector<Assessment>> Save(const GapActor& actor, std::vector<Assessment> assessments) override {
    KASHF_RETURN_IF_ERROR(Require(actor, Permission::kAssessGaps, "save assessments"));
    for (const auto& a : assessments) {
      auto errors = CheckAssessment(framework_, a);
      if (!errors.empty())
        return Status::InvalidArgument(fmt::format("{} in {}: {} ({})", a.requirement, a.jurisdiction,
                                                   errors.front().message, errors.front().field));
    }
    KASHF_RETURN_IF_ERROR(sqlite::Exec(db_, "BEGIN IMMEDIATE"));
    auto stored = Insert(actor, assessments);
    if (!stored.ok()) {
      (void)sqlite::Exec(db_, "ROLLBACK");
      return stored.status();
    }
    KASHF_RETURN_IF_ERROR(sqlite::Exec(db_, "COMMIT"));
    for (const auto& a : *stored)
      KASHF_RETURN_IF_ERROR(Audit(actor, "gaps.assess", Key(a.requirement, a.jurisdiction),
                                  fmt::format("version={} status={}", a.version, ComplianceName(a.status))));
    return stored;
  }

  Status Review(const GapActor& actor, const std::string& requirement, const std::string& jurisdiction, int64_t version,
                const std::string& on) override {
    KASHF_RETURN_IF_ERROR(Require(actor, Permission::kReviewGaps, "approve assessments"));
    KASHF_ASSIGN_OR_RETURN(auto history, History(requirement, jurisdiction));
    if (history.empty())
      return Status::NotFound(fmt::format("{} in {} has not been assessed", requirement, jurisdiction));
    const Assessment& current = history.back();
    if (current.version != version)
      return Status::FailedPrecondition(
          fmt::format("version {} of {} in {} is no longer current (now {}); review the current version", version,
                      requirement, jurisdiction, current.version));
    if (current.assessed_by == actor.user)
      return Status::FailedPrecondition("a reviewer cannot approve an assessment they made themselves");
    if (!current.reviewed_by.empty())
      return Status::AlreadyExists(fmt::format("version {} was already approved by {}", version, current.reviewed_by));
    sqlite::Stmt st;
    KASHF_RETURN_IF_ERROR(st.Prepare(db_, "INSERT INTO legal_reviews VALUES (?1, ?2, ?3, ?4, ?5)"));
    st.Bind(1, requirement);
    st.Bind(2, jurisdiction);
    st.Bind(3, version);
    st.Bind(4, actor.user);
    st.Bind(5, on);
    if (st.Step() != SQLITE_DONE) return sqlite::Error(db_, "storing a review");
    return Audit(actor, "gaps.review", Key(requirement, jurisdiction), fmt::format("version={}", version));
  }

  Status AddComment(const GapActor& actor, Comment comment) override {
    KASHF_RETURN_IF_ERROR(Require(actor, Permission::kCommentGaps, "comment on assessments"));
    if (!framework_.FindRequirement(comment.requirement))
      return Status::NotFound(fmt::format("requirement '{}' is in no catalogue", comment.requirement));
    if (!framework_.FindJurisdiction(comment.jurisdiction))
      return Status::NotFound(fmt::format("jurisdiction '{}' does not exist", comment.jurisdiction));
    if (comment.text.empty() || comment.text.size() > 10000)
      return Status::InvalidArgument("a comment has 1 to 10000 characters");
    sqlite::Stmt st;
    KASHF_RETURN_IF_ERROR(st.Prepare(db_,
                                     "INSERT INTO legal_comments (requirement, jurisdiction, author, role, written_on, "
                                     "text) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"));
    st.Bind(1, comment.requirement);
    st.Bind(2, comment.jurisdiction);
    st.Bind(3, actor.user);
    st.Bind(4, auth::RoleName(actor.role));
    st.Bind(5, comment.on);
    st.Bind(6, comment.text);
    if (st.Step() != SQLITE_DONE) return sqlite::Error(db_, "storing a comment");
    return Audit(actor, "gaps.comment", Key(comment.requirement, comment.jurisdiction),
                 fmt::format("length={}", comment.text.size()));
  }

  Result<std::vector<Assessment>> Latest(const std::string& as_of) override {
    return Query(std::string(kSelect) +
                     "WHERE a.version = (SELECT MAX(b.version) FROM legal_assessments b WHERE b.requirement = "
                     "a.requirement AND b.jurisdiction = a.jurisdiction AND (?1 = '' OR b.assessed_on <= ?1)) "
                     "ORDER BY a.requirement, a.jurisdiction",
                 {as_of});
  }

  Result<std::vector<Assessment>> History(const std::string& requirement, const std::string& jurisdiction) override {
    return Query(std::string(kSelect) + "WHERE a.requirement = ?1 AND a.jurisdiction = ?2 ORDER BY a.version",
                 {requirement, jurisdiction});
  }

  Result<std::vector<Comment>> Comments(const std::string& requirement, const std::string& jurisdiction) override {
    sqlite::Stmt st;
    KASHF_RETURN_IF_ERROR(st.Prepare(db_,
                                     "SELECT requirement, jurisdiction, author, role, written_on, text FROM "
                                     "legal_comments WHERE (?1 = '' OR requirement = ?1) AND (?2 = '' OR "
                                     "jurisdiction = ?2) ORDER BY seq"));
    st.Bind(1, requirement);
    st.Bind(2, jurisdiction);
    std::vector<Comment> out;
    int rc;
    while ((rc = st.Step()) == SQLITE_ROW)
      out.push_back({st.Text(0), st.Text(1), st.Text(2), st.Text(3), st.Text(4), st.Text(5)});
    if (rc != SQLITE_DONE) return sqlite::Error(db_, "reading comments");
    return out;
  }

 private:
  static Status Require(const GapActor& actor, Permission p, std::string_view what) {
    if (auth::Allows(actor.role, p)) return Status::Ok();
    return Status::PermissionDenied(fmt::format("the role {} may not {}", auth::RoleName(actor.role), what));
  }

  Result<std::vector<Assessment>> Query(const std::string& sql, const std::vector<std::string>& args) {
    sqlite::Stmt st;
    KASHF_RETURN_IF_ERROR(st.Prepare(db_, sql));
    for (size_t i = 0; i < args.size(); ++i) st.Bind(static_cast<int>(i + 1), args[i]);
    std::vector<Assessment> out;
    int rc;
    while ((rc = st.Step()) == SQLITE_ROW) {
      Assessment a;
      a.requirement = st.Text(0);
      a.jurisdiction = st.Text(1);
      a.catalogue_version = st.Text(2);
      auto status = ParseCompliance(st.Text(3));
      if (!status.ok()) return Status::Corruption("a stored assessment has an unknown status");
      a.status = *status;
      auto provisions = ParseCitations(st.Text(4));
      if (!provisions.ok()) return Status::Corruption("a stored assessment has unreadable provisions");
      a.provisions = std::move(*provisions);
      a.justification = st.Text(5);
      a.assessed_by = st.Text(6);
      a.assessed_on = st.Text(7);
      a.reviewed_by = st.Text(8);
      a.reviewed_on = st.Text(9);
      a.version = st.Int(10);
      a.illustrative = st.Int(11) != 0;
      out.push_back(std::move(a));
    }
    if (rc != SQLITE_DONE) return sqlite::Error(db_, "reading assessments");
    return out;
  }

  // Inside the caller's transaction: each assessment becomes the next version of its key unless it
  // equals the current one.
  Result<std::vector<Assessment>> Insert(const GapActor& actor, std::vector<Assessment>& assessments) {
    sqlite::Stmt insert;
    KASHF_RETURN_IF_ERROR(
        insert.Prepare(db_, "INSERT INTO legal_assessments VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"));
    std::vector<Assessment> stored;
    for (auto& a : assessments) {
      KASHF_ASSIGN_OR_RETURN(auto history, History(a.requirement, a.jurisdiction));
      const int64_t current = history.empty() ? 0 : history.back().version;
      if (a.based_on >= 0 && a.based_on != current)
        return Status::FailedPrecondition(fmt::format(
            "{} in {} was edited from version {}, but version {} was saved since; nothing was stored: reconcile "
            "with the current assessment and save again",
            a.requirement, a.jurisdiction, a.based_on, current));
      if (!history.empty()) {
        const Assessment& cur = history.back();
        if (cur.status == a.status && FormatCitations(cur.provisions) == FormatCitations(a.provisions) &&
            cur.justification == a.justification && cur.catalogue_version == a.catalogue_version)
          continue;
      }
      a.version = history.empty() ? 1 : history.back().version + 1;
      a.assessed_by = actor.user;
      a.reviewed_by.clear();
      a.reviewed_on.clear();
      a.inherited_from.clear();
      a.note.clear();
      insert.Reset();
      insert.Bind(1, a.requirement);
      insert.Bind(2, a.jurisdiction);
      insert.Bind(3, a.version);
      insert.Bind(4, a.catalogue_version);
      insert.Bind(5, ComplianceName(a.status));
      insert.Bind(6, FormatCitations(a.provisions));
      insert.Bind(7, a.justification);
      insert.Bind(8, a.assessed_by);
      insert.Bind(9, a.assessed_on);
      insert.Bind(10, int64_t{a.illustrative ? 1 : 0});
      if (insert.Step() != SQLITE_DONE) return sqlite::Error(db_, "storing an assessment");
      stored.push_back(a);
    }
    return stored;
  }

  Status Audit(const GapActor& actor, const std::string& action, const std::string& subject,
               const std::string& detail) {
    auto r = log_->Append({0, 0, actor.user, actor.agency, action, subject, detail, "", ""});
    if (!r.ok()) return r.status().WithContext("writing the audit log (the change is stored but not audited)");
    return Status::Ok();
  }

  sqlite3* db_;
  std::unique_ptr<audit::AuditLog> log_;
  const LegalFramework& framework_;
};

}  // namespace

Result<std::unique_ptr<GapStore>> OpenSqliteGapStore(const std::string& path, const LegalFramework& framework) {
  KASHF_ASSIGN_OR_RETURN(auto log, audit::OpenSqliteAuditLog(path));
  KASHF_ASSIGN_OR_RETURN(sqlite3 * db, sqlite::OpenDatabase(path, "the legislative gap store"));
  auto store = std::make_unique<SqliteGapStore>(db, std::move(log), framework);
  KASHF_RETURN_IF_ERROR(store->Migrate());
  return std::unique_ptr<GapStore>(std::move(store));
}

}  // namespace kashf::legal
