#include "kashf/analytics/small_cell_suppression.h"

#include <map>

#include <gtest/gtest.h>

namespace kashf::analytics {
namespace {

const std::vector<std::string> kRows = {"g0", "g1", "g2", "g3"};
const std::vector<std::string> kCols = {"a0", "a1", "a2", "a3", "a4"};

CountTable Grid(const std::vector<std::vector<int64_t>>& counts) {
  CountTable t;
  t.variables = {CtdcVariable::kGender, CtdcVariable::kAgeBroad};
  for (size_t i = 0; i < counts.size(); ++i)
    for (size_t j = 0; j < counts[i].size(); ++j)
      if (counts[i][j] > 0) {
        t.cells.push_back({{kRows.at(i), kCols.at(j)}, counts[i][j], false, std::nullopt});
        t.total += counts[i][j];
      }
  return t;
}

// Every marginal group holds zero or at least two withheld cells.
void ExpectNoSingleWithheldInAnyMarginal(const CountTable& t) {
  for (uint32_t mask = 1; mask < (1u << t.variables.size()); ++mask) {
    std::map<std::vector<std::string>, int> withheld;
    for (const auto& c : t.cells) {
      std::vector<std::string> key;
      for (size_t v = 0; v < c.values.size(); ++v)
        if (!(mask & (1u << v))) key.push_back(c.values[v]);
      withheld[key] += c.suppressed;
    }
    for (const auto& [key, n] : withheld) EXPECT_NE(n, 1) << "mask " << mask;
  }
}

TEST(SmallCellSuppression, WithholdsEveryCellBelowK) {
  CountTable t = Grid({{50, 3, 40}, {30, 25, 60}});
  auto r = SuppressSmallCells(t, 11);
  EXPECT_EQ(r.primary, 1);
  for (const auto& c : t.cells) {
    if (c.count < 11) {
      EXPECT_FALSE(c.released.has_value());
    }
    if (c.released) {
      EXPECT_GE(*c.released, 11);
    }
  }
  ExpectNoSingleWithheldInAnyMarginal(t);
  EXPECT_GE(r.complementary, 1);
}

TEST(SmallCellSuppression, PrimaryOnlyLeavesARecoverableCell) {
  CountTable t = Grid({{50, 3, 40}, {30, 25, 60}});
  SuppressPrimaryOnly(t, 11);
  int64_t released = 0;
  for (const auto& c : t.cells) released += c.released.value_or(0);
  EXPECT_EQ(*t.released_total - released, 3);  // the total gives the withheld cell away
}

TEST(SmallCellSuppression, WithholdsTheTotalWhenNothingCanProtectTheCell) {
  CountTable one = Grid({{4}});
  SuppressSmallCells(one, 11);
  EXPECT_FALSE(one.released_total.has_value());
  CountTable safe = Grid({{40, 30}, {20, 50}});
  auto r = SuppressSmallCells(safe, 11);
  EXPECT_EQ(r.primary + r.complementary, 0);
  EXPECT_EQ(safe.released_total, 140);
}

TEST(SmallCellSuppression, ManySmallCellsStillSatisfyEveryMarginal) {
  CountTable t = Grid({{1, 12, 2, 30, 7}, {14, 1, 15, 16, 40}, {22, 23, 1, 2, 50}, {3, 80, 90, 1, 12}});
  SuppressSmallCells(t, 11);
  ExpectNoSingleWithheldInAnyMarginal(t);
}

}  // namespace
}  // namespace kashf::analytics
