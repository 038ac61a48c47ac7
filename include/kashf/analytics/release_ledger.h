// The release ledger: every small-cell-suppressed table published from one Kashf deployment (API
// and CLI alike), with the cells it released and, kept inside the system, the cells it withheld.
// All tables any role can obtain form one growing release: a new table is published only if it
// withholds every cell an earlier table of the same variables withheld, and only after the
// disclosure audit (disclosure_audit.h) has checked it together with every earlier table.
// The ledger also holds the deployment's k, fixed by the administrator (not chosen per request).
#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "kashf/analytics/ctdc_record.h"
#include "kashf/core/result.h"

namespace kashf::analytics {

// The smallest k a deployment may set (CTDC publishes nothing below 11).
inline constexpr int64_t kMinDeploymentK = 11;
inline constexpr int64_t kMaxDeploymentK = 1000;

struct ReleasedCell {
  std::vector<std::string> values;  // one per table variable
  int64_t count = 0;
};

struct ReleasedTable {
  int64_t id = 0;
  int64_t at = 0;  // Unix seconds
  std::string actor, agency;
  std::string snapshot;  // fingerprint of the records the table was computed from (DataSnapshot)
  int64_t k = 0;
  std::vector<CtdcVariable> variables;
  std::vector<ReleasedCell> released;              // published counts
  std::vector<std::vector<std::string>> withheld;  // non-zero cells withheld (never published)
  std::optional<int64_t> total;                    // published total, if any
  // The true counts of `withheld`, in its order (never published; the disclosure audit needs them to
  // tell how much a cell grew between two data versions). Empty for tables recorded before they
  // were kept (ledger schema 1); the audit then treats those counts as unknown.
  std::vector<int64_t> withheld_counts{};
};

class ReleaseLedger {
 public:
  virtual ~ReleaseLedger() = default;
  // The deployment's k (kMinDeploymentK until the administrator sets one).
  virtual Result<int64_t> DeploymentK() = 0;
  // Sets k (kMinDeploymentK..kMaxDeploymentK). FailedPrecondition once a table has been released
  // with another k: changing k would let a reader difference the two suppression patterns.
  virtual Status SetDeploymentK(int64_t k) = 0;
  // Every table released so far, oldest first.
  virtual Result<std::vector<ReleasedTable>> Tables() = 0;
  // Appends `table` (id and, when 0, `at` are assigned). Returns it with its id.
  virtual Result<ReleasedTable> Record(ReleasedTable table) = 0;
  // Runs `body` (which calls this ledger) as one transaction that excludes every other release of
  // the deployment, from this process or any other (the CLI and the server alike): the ledger's
  // read, the audit and the record of a new table happen as if alone. Committed when `body`
  // returns Ok, rolled back otherwise; `body`'s status is returned. FailedPrecondition when
  // another release holds the ledger for longer than the wait allows (try again).
  virtual Status Exclusive(const std::function<Status()>& body) = 0;
};

// The ledger in tables analytics_released_tables / analytics_settings of the Kashf file at `path`.
Result<std::unique_ptr<ReleaseLedger>> OpenSqliteReleaseLedger(const std::string& path);

}  // namespace kashf::analytics
