// CTDC-style aggregate exports: one count table over chosen CTDC variables, released either with
// small-cell suppression (k, default 11) or with differential privacy (epsilon charged to the
// ledger), rendered as CSV. Withheld cells are omitted, not marked, so a reader cannot tell a
// withheld cell from an empty one.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "kashf/analytics/count_table.h"
#include "kashf/analytics/differential_privacy.h"
#include "kashf/analytics/small_cell_suppression.h"
#include "kashf/victims/victim_case.h"

namespace kashf::analytics {

struct CtdcExportOptions {
  std::vector<CtdcVariable> variables;  // 1..4 variables
  int64_t k = 11;
  std::optional<DpOptions> dp;  // set: differential privacy instead of suppression
};

struct CtdcExport {
  CountTable table;
  SuppressionReport suppression;  // zero under DP
  std::string csv;                // header "<variables...>,count", then released cells, then "TOTAL"
};

// Builds the release. Under DP the caller charges options.dp->epsilon to the PrivacyBudget first.
Result<CtdcExport> ExportCtdc(const std::vector<CtdcRecord>& records, const CtdcExportOptions& options,
                              const VariableDomains* domains, UniformSource* noise);

// The CSV of a released table: header "<variables...>,count", the released cells, then "TOTAL".
std::string RenderCtdcCsv(const CountTable& table);

// Parses "gender,ageBroad" into variables (1..4, no repeats).
Result<std::vector<CtdcVariable>> ParseVariableList(const std::string& list);

}  // namespace kashf::analytics
