// Publishing aggregate statistics of survivors' cases: the one path the API and the CLI both take,
// so both apply the same rules (issue 20, point 3).
//   Suppressed tables: k is the deployment's (ReleaseLedger::DeploymentK); a request naming another
//   k is refused. A table is released consistently with every earlier release (cells an earlier
//   table of the same variables withheld stay withheld; the same table of the same data is the same
//   release), and only after the disclosure audit approved it together with every earlier table of
//   the same data and every earlier table of the data versions before it that released a shape
//   released now (differencing over time). Read, audit and record are one ledger transaction
//   (ReleaseLedger::Exclusive), so releases from several processes are serialised.
//   DP tables: epsilon and delta are validated before anything is charged; the charge is made
//   before any data is read, and nothing after it depends on the data (out-of-domain values are
//   counted under "other"), so a request never fails or succeeds depending on the data.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "kashf/analytics/ctdc_export.h"
#include "kashf/analytics/disclosure_audit.h"
#include "kashf/analytics/privacy_budget.h"
#include "kashf/analytics/release_ledger.h"

namespace kashf::analytics {

struct SuppressionPolicy {
  // TEST ONLY. false reproduces the behaviour before issue 20: k chosen per request (at least the
  // deployment's), no consistency with earlier releases, no audit, nothing recorded. The standing
  // attack test (statistics_attack_test.cc) shows the attacks succeed with it off.
  bool consistent = true;
  // TEST ONLY. false audits a table with the tables of the same data only (before differencing over
  // time was audited); the growth attack (statistics_attack_test.cc) succeeds with it off.
  bool across_versions = true;
  AuditLimits audit;
};

struct SuppressedTableRequest {
  std::vector<CtdcVariable> variables;
  std::optional<int64_t> k;  // a k the caller named; refused unless it is the deployment's
  std::string actor, agency;
};

struct PublishedTable {
  CtdcExport table;
  int64_t k = 0;
  int64_t release_id = 0;  // in the ledger (0 under the test-only inconsistent policy)
  bool repeated = false;   // the same table of the same data was released before; returned as then
  AuditReport audit;
};

// A fingerprint of `records` (BLAKE2b over their sorted CTDC values): releases with the same
// fingerprint describe the same data version.
std::string DataSnapshot(const std::vector<CtdcRecord>& records);

// InvalidArgument for a k other than the deployment's; FailedPrecondition when the audit refuses
// (the message names no count). Serialised with every other release of the deployment through the
// ledger's transaction, also across processes.
Result<PublishedTable> PublishSuppressedTable(const std::vector<CtdcRecord>& records,
                                              const SuppressedTableRequest& request, ReleaseLedger& ledger,
                                              const SuppressionPolicy& policy = {});

// The audit's verdict in words for the person releasing (CLI, demo): approved or repeated, how many
// released tables from how many data versions were checked together, and whether every bound is
// an integer bound. Never a count of cells, withheld or checked (with the total it would narrow a
// withheld cell; docs/privacy.md).
std::string AuditVerdict(const PublishedTable& published);

struct DpTableRequest {
  std::vector<CtdcVariable> variables;
  DpOptions dp;
  int first_year = 2015, last_year = 2030;  // public range of yearOfRegistration (others count as "other")
  std::string actor, agency, description;
};

struct PublishedDpTable {
  CtdcExport table;
  DpRelease release;
};

// Validates the request (InvalidArgument, nothing charged), charges the budget (FailedPrecondition
// when spent, nothing charged), then releases. `records` are read only after the charge.
Result<PublishedDpTable> PublishDpTable(const std::vector<CtdcRecord>& records, const DpTableRequest& request,
                                        PrivacyBudget& budget, const BudgetLimits& limits, UniformSource& noise);

}  // namespace kashf::analytics
