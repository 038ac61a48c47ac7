// Small-cell suppression for released count tables (k-anonymity of aggregates, after Sweeney 2002,
// "k-anonymity: a model for protecting privacy"; CTDC publishes nothing below k = 11).
//
// Primary suppression withholds every cell with count < k. Complementary suppression then makes
// sure no withheld cell can be recovered by subtraction: for every marginal of the table (every
// subset of its variables summed out, including the grand total), a group of cells that holds
// exactly one withheld cell gets a second one withheld (the smallest released cell of the group);
// this repeats until no group holds exactly one. When a group has no other cell to withhold, its
// total is itself below k, so any table releasing that marginal under the same rule withholds it;
// for the grand total this function withholds the total itself.
// Guarantee (tested): from the released cells and totals of tables released with the same k,
// subtraction yields only sums over two or more withheld non-zero cells, never one cell's count.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "kashf/analytics/count_table.h"

namespace kashf::analytics {

struct SuppressionReport {
  int64_t primary = 0;        // cells below k
  int64_t complementary = 0;  // cells withheld to protect them
};

// Sets `suppressed` and `released` on every cell and `released_total`. k >= 1. Cells whose values
// are in `keep_withheld` (withheld by an earlier release of the same variables) are withheld as
// primary cells whatever their count, so a later release never reveals what an earlier one withheld.
SuppressionReport SuppressSmallCells(CountTable& table, int64_t k,
                                     const std::vector<std::vector<std::string>>& keep_withheld = {});
// Only the primary step (for comparison in tests and the benchmark; not safe to release).
SuppressionReport SuppressPrimaryOnly(CountTable& table, int64_t k);

}  // namespace kashf::analytics
