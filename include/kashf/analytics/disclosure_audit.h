// The disclosure audit run before a small-cell-suppressed table is published: a linear program over
// every table released from the same data (the release ledger plus the candidate) computes, for each
// withheld cell, the smallest and largest count consistent with all released cells and totals
// (the "feasibility interval" of statistical disclosure control; Fischetti & Salazar-Gonzalez 2001,
// "Solving the cell suppression problem on tabular data with linear constraints", and the audit
// step of tau-ARGUS / sdcTable). The unknowns are the cells of the joint table over every released
// variable, each >= 0; a released cell or total fixes the sum of the joint cells it covers.
// The reader is assumed to know which cells are empty (the strongest reader: Kashf omits withheld
// and empty cells alike, but emptiness can leak from elsewhere, as the old "withheld_cells" count
// did): a withheld cell is at least 1, and joint cells under an empty cell of any table are 0.
// The LP relaxation is solved with GLPK's simplex; its bounds are rounded inward to integers
// (ceil(min), floor(max)). An integer program can only narrow an interval further, so the audit is
// exact when the LP's vertices are integral (two-way tables) and otherwise checks the relaxation.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "kashf/analytics/ctdc_record.h"
#include "kashf/analytics/release_ledger.h"
#include "kashf/core/result.h"

namespace kashf::analytics {

// One cell of some table: the values of `variables` (in that order).
struct CellQuery {
  std::vector<CtdcVariable> variables;
  std::vector<std::string> values;
};

struct FeasibleRange {
  int64_t min = 0;
  std::optional<int64_t> max;  // none: unbounded
};

struct AuditLimits {
  double seconds = 10.0;             // wall-clock bound of the whole audit; past it the table is refused
  size_t max_joint_cells = 200'000;  // above it the joint table is restricted to its non-zero cells
};

// For each query, its feasible range given `tables` (their released cells and totals, and which of
// their cells are non-empty: released or `withheld`) over the joint table whose variable values are
// `domains` (every variable of every table and query must have a domain). DeadlineExceeded-like
// FailedPrecondition when `limits.seconds` runs out; InvalidArgument when the released tables
// contradict each other (they were not computed from one data set).
Result<std::vector<FeasibleRange>> FeasibleRanges(const std::vector<ReleasedTable>& tables,
                                                  const std::map<CtdcVariable, std::vector<std::string>>& domains,
                                                  const std::vector<CellQuery>& queries, const AuditLimits& limits);

struct AuditReport {
  bool approved = false;
  size_t tables = 0;         // released tables audited together (the candidate included)
  size_t joint_cells = 0;    // LP columns
  size_t constraints = 0;    // LP rows
  size_t cells_checked = 0;  // withheld cells below k whose range was computed
  double seconds = 0;
  std::string reason;  // why the table was refused (names no count)
  // The withheld cells below k the tables would expose (internal: never published).
  std::vector<CellQuery> exposed;
};

// Audits `tables` (earlier releases of the same data and the candidate last) against `records`:
// refuses when a withheld cell whose true count is in [1, k-1] is pinned exactly or its feasible
// range lies inside [1, k-1], or when the audit cannot finish within the limits (fail closed).
Result<AuditReport> AuditReleases(const std::vector<ReleasedTable>& tables, const std::vector<CtdcRecord>& records,
                                  int64_t k, const AuditLimits& limits);

// True when a cell with true count `truth` is disclosed by `range` under threshold k.
bool Discloses(const FeasibleRange& range, int64_t truth, int64_t k);

}  // namespace kashf::analytics
