// The privacy-loss ledger: every differentially private release from a Kashf file is recorded with
// its epsilon and delta, and a release that would take the total past the budget is refused
// (basic sequential composition, Dwork & Roth 2014, Thm. 3.16). Backends: SQLite and PostgreSQL
// (docs/postgresql.md), one suite (privacy_budget_test.cc); concurrent Spends from several
// connections or servers are serialised by the database, so together they never pass the budget.
#pragma once
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "kashf/core/result.h"

namespace kashf::analytics {

struct DpRelease {
  int64_t id = 0;
  int64_t at = 0;  // Unix seconds
  std::string actor, agency;
  std::string description;  // e.g. "ctdc gender,ageBroad laplace"
  double epsilon = 0, delta = 0;
};

struct BudgetLimits {
  double total_epsilon = 4.0;  // per deployment (every user's releases together)
  double total_delta = 1e-5;
  double user_epsilon = 2.0;  // per user (releases recorded under one actor)
  double user_delta = 1e-5;
  // data/reference/ctdc_domains.yaml "dp".
  static Result<BudgetLimits> LoadDefault();
};

class PrivacyBudget {
 public:
  virtual ~PrivacyBudget() = default;
  // Records `release` if the deployment's spent budget plus it, and the spent budget of
  // `release.actor` plus it, stay within `limits`; FailedPrecondition (saying how much is left)
  // otherwise. InvalidArgument for a non-finite or non-positive epsilon or a bad delta. Returns the stored release with
  // its id.
  virtual Result<DpRelease> Spend(DpRelease release, const BudgetLimits& limits) = 0;
  virtual Result<std::vector<DpRelease>> Releases() = 0;
  virtual Result<std::pair<double, double>> Spent() = 0;  // (epsilon, delta), whole deployment
  virtual Result<std::pair<double, double>> SpentBy(const std::string& actor) = 0;
};

// The rule every backend applies inside its Spend transaction: InvalidArgument for a non-finite or
// non-positive epsilon or a bad delta; FailedPrecondition, saying how much is left, when `release`
// would take the deployment's spending `spent` (over `releases` earlier releases) or its actor's
// spending `spent_by_actor` past `limits`.
Status CheckSpend(const DpRelease& release, const BudgetLimits& limits, std::pair<double, double> spent,
                  std::pair<double, double> spent_by_actor, int64_t releases);

// The ledger in table analytics_dp_releases of the Kashf file at `path`.
Result<std::unique_ptr<PrivacyBudget>> OpenSqlitePrivacyBudget(const std::string& path);

// The ledger in table analytics_dp_releases of the PostgreSQL database at `url`.
Result<std::unique_ptr<PrivacyBudget>> OpenPostgresPrivacyBudget(const std::string& url);

// The ledger of the store at `location`: PostgreSQL for a postgresql:// URL, else the SQLite file.
Result<std::unique_ptr<PrivacyBudget>> OpenPrivacyBudget(const std::string& location);

}  // namespace kashf::analytics
