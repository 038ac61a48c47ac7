#include "kashf/analytics/privacy_budget.h"

#include <cmath>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "kashf/core/paths.h"
#include "kashf/core/text.h"
#include "kashf/store/database_location.h"
#include "kashf/store/sqlite_db.h"

namespace kashf::analytics {
namespace {

constexpr double kSlack = 1e-12;

class SqlitePrivacyBudget final : public PrivacyBudget {
 public:
  explicit SqlitePrivacyBudget(sqlite3* db) : db_(db) {}
  ~SqlitePrivacyBudget() override { sqlite3_close_v2(db_); }

  Status Migrate() {
    return sqlite::MigrateComponent(
        db_, "analytics",
        {{1,
          "CREATE TABLE analytics_dp_releases (id INTEGER PRIMARY KEY, at INTEGER NOT NULL, actor TEXT NOT NULL, "
          "agency TEXT NOT NULL, description TEXT NOT NULL, epsilon REAL NOT NULL, delta REAL NOT NULL)"}});
  }

  Result<DpRelease> Spend(DpRelease r, const BudgetLimits& limits) override {
    if (r.at == 0) r.at = NowUnixSeconds();
    KASHF_RETURN_IF_ERROR(sqlite::Exec(db_, "BEGIN IMMEDIATE"));
    Status st = SpendLocked(r, limits);
    if (!st.ok()) {
      (void)sqlite::Exec(db_, "ROLLBACK");
      return st;
    }
    KASHF_RETURN_IF_ERROR(sqlite::Exec(db_, "COMMIT"));
    return r;
  }

  Result<std::vector<DpRelease>> Releases() override {
    sqlite::Stmt q;
    KASHF_RETURN_IF_ERROR(q.Prepare(
        db_, "SELECT id, at, actor, agency, description, epsilon, delta FROM analytics_dp_releases ORDER BY id"));
    std::vector<DpRelease> out;
    KASHF_RETURN_IF_ERROR(q.ForEachRow("reading the privacy ledger", [&] {
      out.push_back({q.Int(0), q.Int(1), q.Text(2), q.Text(3), q.Text(4), q.Double(5), q.Double(6)});
    }));
    return out;
  }

  Result<std::pair<double, double>> SpentBy(const std::string& actor) override {
    sqlite::Stmt q;
    KASHF_RETURN_IF_ERROR(q.Prepare(
        db_, "SELECT COALESCE(SUM(epsilon), 0), COALESCE(SUM(delta), 0) FROM analytics_dp_releases WHERE actor = ?"));
    q.Bind(1, actor);
    if (q.Step() != SQLITE_ROW) return sqlite::Error(db_, "reading the privacy budget");
    return std::pair<double, double>{q.Double(0), q.Double(1)};
  }

  Result<std::pair<double, double>> Spent() override {
    sqlite::Stmt q;
    KASHF_RETURN_IF_ERROR(
        q.Prepare(db_, "SELECT COALESCE(SUM(epsilon), 0), COALESCE(SUM(delta), 0) FROM analytics_dp_releases"));
    if (q.Step() != SQLITE_ROW) return sqlite::Error(db_, "reading the privacy budget");
    return std::pair<double, double>{q.Double(0), q.Double(1)};
  }

 private:
  // Spend inside the write transaction.
  Status SpendLocked(DpRelease& r, const BudgetLimits& limits) {
    KASHF_ASSIGN_OR_RETURN(auto spent, Spent());
    KASHF_ASSIGN_OR_RETURN(auto mine, SpentBy(r.actor));
    KASHF_ASSIGN_OR_RETURN(int64_t releases, Count());
    KASHF_RETURN_IF_ERROR(CheckSpend(r, limits, spent, mine, releases));
    sqlite::Stmt put;
    KASHF_RETURN_IF_ERROR(put.Prepare(
        db_, "INSERT INTO analytics_dp_releases(at, actor, agency, description, epsilon, delta) VALUES (?,?,?,?,?,?)"));
    put.Bind(1, r.at);
    put.Bind(2, r.actor);
    put.Bind(3, r.agency);
    put.Bind(4, r.description);
    sqlite3_bind_double(put.get(), 5, r.epsilon);
    sqlite3_bind_double(put.get(), 6, r.delta);
    if (put.Step() != SQLITE_DONE) return sqlite::Error(db_, "recording the release");
    r.id = sqlite3_last_insert_rowid(db_);
    return Status::Ok();
  }

  // A failed read is an error: a count of 0 would let a spend past the release limit.
  Result<int64_t> Count() {
    sqlite::Stmt q;
    KASHF_RETURN_IF_ERROR(q.Prepare(db_, "SELECT COUNT(*) FROM analytics_dp_releases"));
    KASHF_ASSIGN_OR_RETURN(bool row, q.Next("counting the privacy releases"));
    if (!row) return Status::Corruption("counting the privacy releases returned no row");
    return q.Int(0);
  }

  sqlite3* db_;
};

}  // namespace

Status CheckSpend(const DpRelease& r, const BudgetLimits& limits, std::pair<double, double> spent,
                  std::pair<double, double> mine, int64_t releases) {
  if (!std::isfinite(r.epsilon) || !(r.epsilon > 0))
    return Status::InvalidArgument("a release must spend a positive, finite epsilon");
  if (!std::isfinite(r.delta) || r.delta < 0) return Status::InvalidArgument("delta must be finite and not negative");
  const auto [eps, delta] = spent;
  if (eps + r.epsilon > limits.total_epsilon + kSlack || delta + r.delta > limits.total_delta + kSlack)
    return Status::FailedPrecondition(
        fmt::format("this release needs epsilon {} (delta {}), but only epsilon {:.4g} (delta {:.3g}) of the "
                    "budget {} ({}) is left "
                    "after {} earlier releases; release fewer tables, use a smaller epsilon, or publish with "
                    "small-cell suppression",
                    r.epsilon, r.delta, std::max(0.0, limits.total_epsilon - eps),
                    std::max(0.0, limits.total_delta - delta), limits.total_epsilon, limits.total_delta, releases));
  if (mine.first + r.epsilon > limits.user_epsilon + kSlack || mine.second + r.delta > limits.user_delta + kSlack)
    return Status::FailedPrecondition(fmt::format(
        "this release needs epsilon {} (delta {}), but your own limit is epsilon {} (delta {}) and you have "
        "spent {:.4g} ({:.3g})",
        r.epsilon, r.delta, limits.user_epsilon, limits.user_delta, mine.first, mine.second));
  return Status::Ok();
}

Result<BudgetLimits> BudgetLimits::LoadDefault() {
  std::string path = DataPath("data/reference/ctdc_domains.yaml");
  BudgetLimits l;
  try {
    YAML::Node dp = YAML::LoadFile(path)["dp"];
    if (dp["total_epsilon"]) l.total_epsilon = dp["total_epsilon"].as<double>();
    if (dp["total_delta"]) l.total_delta = dp["total_delta"].as<double>();
    if (dp["user_epsilon"]) l.user_epsilon = dp["user_epsilon"].as<double>();
    if (dp["user_delta"]) l.user_delta = dp["user_delta"].as<double>();
  } catch (const YAML::Exception& e) {
    return Status::InvalidArgument(fmt::format("cannot read {}: {}", path, e.what()));
  }
  return l;
}

Result<std::unique_ptr<PrivacyBudget>> OpenPrivacyBudget(const std::string& location) {
  if (store::IsPostgresUrl(location)) return OpenPostgresPrivacyBudget(location);
  return OpenSqlitePrivacyBudget(location);
}

Result<std::unique_ptr<PrivacyBudget>> OpenSqlitePrivacyBudget(const std::string& path) {
  KASHF_ASSIGN_OR_RETURN(sqlite3 * db, sqlite::OpenDatabase(path, "the privacy budget"));
  auto b = std::make_unique<SqlitePrivacyBudget>(db);
  KASHF_RETURN_IF_ERROR(b->Migrate());
  return std::unique_ptr<PrivacyBudget>(std::move(b));
}

}  // namespace kashf::analytics
