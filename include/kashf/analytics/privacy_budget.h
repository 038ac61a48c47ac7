// The privacy-loss ledger: every differentially private release from a Kashf file is recorded with
// its epsilon and delta, and a release that would take the total past the budget is refused
// (basic sequential composition, Dwork & Roth 2014, Thm. 3.16).
#pragma once
#include <memory>
#include <string>
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

// The ledger in table analytics_dp_releases of the Kashf file at `path`.
Result<std::unique_ptr<PrivacyBudget>> OpenSqlitePrivacyBudget(const std::string& path);

}  // namespace kashf::analytics
