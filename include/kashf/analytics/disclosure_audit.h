// The disclosure audit run before a small-cell-suppressed table is published: a linear program over
// every table released (the release ledger plus the candidate) computes, for each withheld cell,
// the smallest and largest count consistent with all released cells and totals (the "feasibility
// interval" of statistical disclosure control; Fischetti & Salazar-Gonzalez 2001, "Solving the cell
// suppression problem on tabular data with linear constraints", and the audit step of tau-ARGUS /
// sdcTable). The unknowns are the cells of the joint table over every released variable, one joint
// table per data version (ReleasedTable::snapshot), each cell >= 0; a released cell or total fixes
// the sum of the joint cells of its version that it covers.
// The reader is assumed to know which cells are empty (the strongest reader: Kashf omits withheld
// and empty cells alike, but emptiness can leak from elsewhere, as the old "withheld_cells" count
// did): a withheld cell is at least 1, and joint cells under an empty cell of any table are 0.
// Across data versions (releases before and after cases were added), the reader is also assumed to
// know that cases are only added: each joint cell of a later version is at least the same cell of
// the version before (dropped when the released tables contradict it, e.g. after consent was
// withdrawn). A cell's growth between two versions (now minus then) is a linear function of the
// unknowns like a cell, and is audited like one: a growth of 1..k-1 cases (or a loss of as many)
// that the tables pin or confine is a disclosure (differencing over time).
// The LP relaxation is solved with GLPK's simplex. When the simplex optimum is fractional, GLPK's
// branch and bound (glp_intopt) with a time limit gives the integer optimum (cells are counts);
// when it runs out of time the LP bound, rounded inward, is kept (never narrower than the truth).
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

// One cell of some table: the values of `variables` (in that order; none: the grand total) in the
// data version `snapshot`, or, when `since` is set, that cell's growth from version `since` to
// version `snapshot` (its count then subtracted from its count now).
struct CellQuery {
  std::vector<CtdcVariable> variables;
  std::vector<std::string> values;
  std::string snapshot{};
  std::optional<std::string> since{};
};

struct FeasibleRange {
  std::optional<int64_t> min;  // none: unbounded (only a growth can be)
  std::optional<int64_t> max;  // none: unbounded
  bool integer = false;        // proved by the integer program (or the LP optimum was integral)
};

struct AuditLimits {
  double seconds = 10.0;             // wall-clock bound of the whole audit; past it the table is refused
  size_t max_joint_cells = 200'000;  // above it the joint table is restricted to its non-zero cells
  // Time limit of each integer program (0: LP bounds only). Past it the LP bound is kept.
  double integer_seconds = 1.0;
};

// How the bounds were obtained (for the audit's verdict).
struct BoundStats {
  size_t fractional = 0;        // LP optima that were fractional
  size_t integer_solved = 0;    // of those, tightened by the integer program
  size_t integer_timeouts = 0;  // of those, the integer program ran out of time: the LP bound kept
};

// For each query, its feasible range given `tables` (their released cells and totals, and which of
// their cells are non-empty: released or `withheld`) over the joint table whose variable values are
// `domains` (every variable of every table and query must have a domain). Tables with the same
// snapshot describe one data version; versions are ordered by their first table. DeadlineExceeded-like
// FailedPrecondition when `limits.seconds` runs out; InvalidArgument when the released tables of
// one version contradict each other (they were not computed from one data set).
Result<std::vector<FeasibleRange>> FeasibleRanges(const std::vector<ReleasedTable>& tables,
                                                  const std::map<CtdcVariable, std::vector<std::string>>& domains,
                                                  const std::vector<CellQuery>& queries, const AuditLimits& limits,
                                                  BoundStats* stats = nullptr);

struct AuditReport {
  bool approved = false;
  size_t tables = 0;         // released tables audited together (the candidate included)
  size_t versions = 0;       // data versions they came from (1: all from the data now)
  size_t joint_cells = 0;    // LP columns
  size_t constraints = 0;    // LP rows
  size_t cells_checked = 0;  // withheld cells below k and growths whose range was computed (internal)
  BoundStats bounds;
  double seconds = 0;
  std::string reason;  // why the table was refused (names no count)
  // The withheld cells below k the tables would expose (internal: never published).
  std::vector<CellQuery> exposed;
};

// Audits `tables` (earlier releases, of this data or of earlier versions, and the candidate last,
// computed from `records`) : refuses when
//   - a withheld cell (of any version) whose true count is in [1, k-1] is pinned exactly or its
//     feasible range lies inside [1, k-1];
//   - a cell of a table shape (variables) released both from the data now and from an earlier
//     version, or the grand total, grew (or shrank) by 1..k-1 and that growth is pinned or confined
//     to [1, k-1] (or [-(k-1), -1]);
//   - the audit cannot finish within the limits (fail closed).
// Earlier versions' true counts come from the ledger (released and withheld counts); where a
// withheld count is unknown (ledger schema 1) its growths are judged by their range alone.
Result<AuditReport> AuditReleases(const std::vector<ReleasedTable>& tables, const std::vector<CtdcRecord>& records,
                                  int64_t k, const AuditLimits& limits);

// True when a cell (or a growth) with true value `truth` is disclosed by `range` under threshold k:
// |truth| in [1, k-1] and the range pins it or lies inside [1, k-1] (for a loss, [-(k-1), -1]).
// With the truth unknown, judged by the range alone (a pinned value, or either side).
bool Discloses(const FeasibleRange& range, std::optional<int64_t> truth, int64_t k);

}  // namespace kashf::analytics
