// The PostgreSQL privacy-loss ledger: the same rule as the SQLite ledger (CheckSpend), in table
// analytics_dp_releases. Spend takes a transaction-level advisory lock before summing what is spent,
// so two servers spending at once are serialised and together never pass the budget.
#include <fmt/format.h>

#include "kashf/analytics/privacy_budget.h"
#include "kashf/core/text.h"
#include "kashf/store/pg_db.h"

namespace kashf::analytics {
namespace {

// Doubles are sent in their shortest form that reads back exactly.
std::string Text(double v) { return fmt::format("{}", v); }

class PostgresPrivacyBudget final : public PrivacyBudget {
 public:
  explicit PostgresPrivacyBudget(pg::Connection db) : db_(std::move(db)) {}

  Status Migrate() {
    return pg::MigrateComponent(
        db_, "analytics",
        {{1,
          "CREATE TABLE analytics_dp_releases (id BIGSERIAL PRIMARY KEY, at BIGINT NOT NULL, actor TEXT NOT NULL, "
          "agency TEXT NOT NULL, description TEXT NOT NULL, epsilon DOUBLE PRECISION NOT NULL, "
          "delta DOUBLE PRECISION NOT NULL)"}});
  }

  Result<DpRelease> Spend(DpRelease r, const BudgetLimits& limits) override {
    if (r.at == 0) r.at = NowUnixSeconds();
    const std::string what = "recording the release";
    const Status written = db_.Transaction(what, [&]() -> Status {
      KASHF_RETURN_IF_ERROR(db_.Exec(what, "SELECT pg_advisory_xact_lock(hashtext('kashf.privacy_budget'))"));
      KASHF_ASSIGN_OR_RETURN(auto sums,
                             db_.Query(what,
                                       "SELECT COALESCE(SUM(epsilon), 0), COALESCE(SUM(delta), 0), COUNT(*), "
                                       "COALESCE(SUM(epsilon) FILTER (WHERE actor = $1), 0), "
                                       "COALESCE(SUM(delta) FILTER (WHERE actor = $1), 0) FROM analytics_dp_releases",
                                       {r.actor}));
      KASHF_RETURN_IF_ERROR(CheckSpend(r, limits, {sums.Double(0, 0), sums.Double(0, 1)},
                                       {sums.Double(0, 3), sums.Double(0, 4)}, sums.Int(0, 2)));
      KASHF_ASSIGN_OR_RETURN(
          auto id, db_.Query(what,
                             "INSERT INTO analytics_dp_releases (at, actor, agency, description, epsilon, delta) "
                             "VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
                             {std::to_string(r.at), r.actor, r.agency, r.description, Text(r.epsilon), Text(r.delta)}));
      r.id = id.Int(0, 0);
      return Status::Ok();
    });
    if (!written.ok()) return written;
    return r;
  }

  Result<std::vector<DpRelease>> Releases() override {
    KASHF_ASSIGN_OR_RETURN(
        auto rows,
        db_.Query("reading the privacy ledger",
                  "SELECT id, at, actor, agency, description, epsilon, delta FROM analytics_dp_releases ORDER BY id"));
    std::vector<DpRelease> out;
    out.reserve(static_cast<size_t>(rows.size()));
    for (int i = 0; i < rows.size(); ++i)
      out.push_back({rows.Int(i, 0), rows.Int(i, 1), rows.Text(i, 2), rows.Text(i, 3), rows.Text(i, 4),
                     rows.Double(i, 5), rows.Double(i, 6)});
    return out;
  }

  Result<std::pair<double, double>> Spent() override {
    return Sums("SELECT COALESCE(SUM(epsilon), 0), COALESCE(SUM(delta), 0) FROM analytics_dp_releases", {});
  }

  Result<std::pair<double, double>> SpentBy(const std::string& actor) override {
    return Sums("SELECT COALESCE(SUM(epsilon), 0), COALESCE(SUM(delta), 0) FROM analytics_dp_releases WHERE actor = $1",
                {actor});
  }

 private:
  Result<std::pair<double, double>> Sums(const std::string& sql, const std::vector<std::string>& params) {
    KASHF_ASSIGN_OR_RETURN(auto rows, db_.Query("reading the privacy budget", sql, params));
    return std::pair<double, double>{rows.Double(0, 0), rows.Double(0, 1)};
  }

  pg::Connection db_;
};

}  // namespace

Result<std::unique_ptr<PrivacyBudget>> OpenPostgresPrivacyBudget(const std::string& url) {
  KASHF_ASSIGN_OR_RETURN(auto db, pg::Connection::Open(url));
  auto b = std::make_unique<PostgresPrivacyBudget>(std::move(db));
  KASHF_RETURN_IF_ERROR(b->Migrate());
  return std::unique_ptr<PrivacyBudget>(std::move(b));
}

}  // namespace kashf::analytics
