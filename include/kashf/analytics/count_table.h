// A contingency table: counts of cases per combination of chosen CTDC variables (the
// disaggregations of the issue: sex x age band, exploitation type, citizenship, route ...).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "kashf/analytics/ctdc_record.h"

namespace kashf::analytics {

struct Cell {
  std::vector<std::string> values;  // one per table variable
  int64_t count = 0;                // true count (never leaves the system for a suppressed cell)
  bool suppressed = false;          // withheld from release
  std::optional<int64_t> released;  // the count that may be published (true or noisy); none if withheld
};

struct CountTable {
  std::vector<CtdcVariable> variables;
  std::vector<Cell> cells;                // non-zero cells, sorted by values
  int64_t total = 0;                      // true number of records
  std::optional<int64_t> released_total;  // the total that may be published
};

// Counts `records` by `variables` (each record in exactly one cell). Cells are sorted by values.
CountTable Tabulate(const std::vector<CtdcRecord>& records, const std::vector<CtdcVariable>& variables);

}  // namespace kashf::analytics
