#include "kashf/analytics/disclosure_audit.h"

#include <functional>
#include <limits>

#include <gtest/gtest.h>

namespace kashf::analytics {
namespace {

const std::vector<CtdcVariable> kGender = {CtdcVariable::kGender};
const std::vector<CtdcVariable> kGenderAge = {CtdcVariable::kGender, CtdcVariable::kAgeBroad};

std::vector<CtdcRecord> Records(const std::vector<std::tuple<std::string, std::string, int>>& groups) {
  std::vector<CtdcRecord> out;
  for (const auto& [gender, age, n] : groups)
    for (int i = 0; i < n; ++i) {
      CtdcRecord r;
      r.values[static_cast<size_t>(CtdcVariable::kGender)] = gender;
      r.values[static_cast<size_t>(CtdcVariable::kAgeBroad)] = age;
      out.push_back(r);
    }
  return out;
}

TEST(DisclosureAudit, ATotalBesideOneWithheldCellPinsIt) {
  // female 50 released, other 3 withheld, total 53: other = 53 - 50.
  ReleasedTable t{0, 0, "", "", "", 11, kGender, {{{"female"}, 50}}, {{"other"}}, 53};
  std::map<CtdcVariable, std::vector<std::string>> domains{{CtdcVariable::kGender, {"female", "other"}}};
  auto r = FeasibleRanges({t}, domains, {{kGender, {"other"}}}, {});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ((*r)[0].min, 3);
  EXPECT_EQ((*r)[0].max, 3);
  EXPECT_TRUE(Discloses((*r)[0], 3, 11));
  // Without the total the cell is only known to be at least 1.
  t.total.reset();
  r = FeasibleRanges({t}, domains, {{kGender, {"other"}}}, {});
  EXPECT_EQ((*r)[0].min, 1);
  EXPECT_FALSE((*r)[0].max.has_value());
  EXPECT_FALSE(Discloses((*r)[0], 3, 11));
}

TEST(DisclosureAudit, TwoTablesTogetherPinACellNeitherPinsAlone) {
  auto records = Records({{"female", "a", 30}, {"female", "b", 20}, {"male", "a", 25}, {"male", "b", 4}});
  // Gender alone releases male = 29; gender x age withholds male|b (4) with its complement male|a:
  // together they only say male|a + male|b = 29, each at least 1.
  ReleasedTable gender{0, 0, "", "", "", 11, kGender, {{{"female"}, 50}, {{"male"}, 29}}, {}, 79};
  ReleasedTable cross{
      0, 0, "", "", "", 11, kGenderAge, {{{"female", "a"}, 30}, {{"female", "b"}, 20}}, {{"male", "a"}, {"male", "b"}},
      79};
  auto alone = AuditReleases({cross}, records, 11, {});
  ASSERT_TRUE(alone.ok());
  EXPECT_TRUE(alone->approved) << alone->reason;
  auto together = AuditReleases({gender, cross}, records, 11, {});
  ASSERT_TRUE(together.ok());
  EXPECT_TRUE(together->approved) << "male|a and male|b still share 29";
  // Releasing male|a beside them pins male|b = 29 - 25.
  cross.released.push_back({{"male", "a"}, 25});
  cross.withheld = {{"male", "b"}};
  auto pinned = AuditReleases({gender, cross}, records, 11, {});
  ASSERT_TRUE(pinned.ok());
  EXPECT_FALSE(pinned->approved);
  ASSERT_EQ(pinned->exposed.size(), 1u);
  EXPECT_EQ(pinned->exposed[0].values, (std::vector<std::string>{"male", "b"}));
  EXPECT_EQ(pinned->reason.find('4'), std::string::npos) << "the reason names no count";
}

TEST(DisclosureAudit, AGrowthOfFewerThanKBetweenTwoReleasesIsADisclosure) {
  // Released before: female 50, male 29; now female 53, male 29 (three women joined).
  ReleasedTable then{0, 0, "", "", "v1", 11, kGender, {{{"female"}, 50}, {{"male"}, 29}}, {}, 79};
  ReleasedTable now{0, 0, "", "", "v2", 11, kGender, {{{"female"}, 53}, {{"male"}, 29}}, {}, 82};
  auto records = Records({{"female", "a", 53}, {"male", "a", 29}});
  auto audit = AuditReleases({then, now}, records, 11, {});
  ASSERT_TRUE(audit.ok());
  EXPECT_FALSE(audit->approved);
  EXPECT_EQ(audit->versions, 2u);
  bool female = false, total = false;
  for (const auto& e : audit->exposed) {
    EXPECT_EQ(e.since, "v1");
    female |= e.values == std::vector<std::string>{"female"};
    total |= e.variables.empty();
  }
  EXPECT_TRUE(female && total) << "female's growth and the total's are both pinned at 3";
  // Without the total and female now, the growth is hidden (female >= 50 by growth, male known).
  now.released = {{{"male"}, 29}};
  now.withheld = {{"female"}};
  now.withheld_counts = {53};
  now.total.reset();
  audit = AuditReleases({then, now}, records, 11, {});
  ASSERT_TRUE(audit.ok());
  EXPECT_TRUE(audit->approved) << audit->reason;
  // A growth of k or more is not small.
  auto grown = Records({{"female", "a", 61}, {"male", "a", 29}});
  ReleasedTable big{0, 0, "", "", "v3", 11, kGender, {{{"female"}, 61}, {{"male"}, 29}}, {}, 90};
  audit = AuditReleases({then, big}, grown, 11, {});
  ASSERT_TRUE(audit.ok());
  EXPECT_TRUE(audit->approved) << audit->reason;
}

// The serial reference for integer bounds: every integer joint table over `domains` consistent with
// `tables` (released cells and totals exact, withheld cells at least 1, cells under an empty cell
// 0), enumerated by backtracking; returns each query's smallest and largest value over them.
std::vector<std::pair<int64_t, int64_t>> EnumeratedRanges(
    const std::vector<ReleasedTable>& tables, const std::map<CtdcVariable, std::vector<std::string>>& domains,
    const std::vector<CellQuery>& queries) {
  std::vector<CtdcVariable> vars;
  for (const auto& [v, values] : domains) vars.push_back(v);
  std::vector<std::map<CtdcVariable, std::string>> cells(1);
  for (const auto& [v, values] : domains) {
    std::vector<std::map<CtdcVariable, std::string>> next;
    for (const auto& c : cells)
      for (const auto& value : values) {
        next.push_back(c);
        next.back()[v] = value;
      }
    cells = std::move(next);
  }
  auto covers = [](const std::map<CtdcVariable, std::string>& cell, const std::vector<CtdcVariable>& tv,
                   const std::vector<std::string>& values) {
    for (size_t i = 0; i < tv.size(); ++i)
      if (cell.at(tv[i]) != values[i]) return false;
    return true;
  };
  struct Constraint {
    std::vector<size_t> members;
    int64_t lo, hi;
  };
  constexpr int64_t kNone = std::numeric_limits<int64_t>::max();
  std::vector<Constraint> constraints;
  std::vector<bool> zero(cells.size(), false);
  for (const auto& t : tables) {
    std::vector<bool> covered(cells.size(), false);
    auto add = [&](const std::vector<std::string>& values, int64_t lo, int64_t hi) {
      Constraint c{{}, lo, hi};
      for (size_t j = 0; j < cells.size(); ++j)
        if (covers(cells[j], t.variables, values)) {
          c.members.push_back(j);
          covered[j] = true;
        }
      constraints.push_back(c);
    };
    for (const auto& c : t.released) add(c.values, c.count, c.count);
    for (const auto& w : t.withheld) add(w, 1, kNone);
    if (t.total) add({}, *t.total, *t.total);
    for (size_t j = 0; j < cells.size(); ++j) zero[j] = zero[j] || !covered[j];
  }
  std::vector<int64_t> cap(cells.size(), kNone);
  for (const auto& c : constraints)
    for (size_t j : c.members) cap[j] = std::min(cap[j], c.hi);
  std::vector<std::vector<size_t>> closes(cells.size());  // constraints whose last member is j
  for (size_t i = 0; i < constraints.size(); ++i)
    if (!constraints[i].members.empty()) closes[constraints[i].members.back()].push_back(i);
  std::vector<int64_t> x(cells.size(), 0), sum(constraints.size(), 0);
  std::vector<std::pair<int64_t, int64_t>> out(queries.size(), {kNone, -1});
  std::function<void(size_t)> assign = [&](size_t j) {
    if (j == cells.size()) {
      for (size_t q = 0; q < queries.size(); ++q) {
        int64_t v = 0;
        for (size_t i = 0; i < cells.size(); ++i) v += covers(cells[i], queries[q].variables, queries[q].values) * x[i];
        out[q] = {std::min(out[q].first, v), std::max(out[q].second, v)};
      }
      return;
    }
    const int64_t most = zero[j] ? 0 : cap[j];
    if (most == kNone) {
      ADD_FAILURE() << "a joint cell without an upper bound cannot be enumerated";
      return;
    }
    std::vector<size_t> in;  // constraints holding cell j
    for (size_t i = 0; i < constraints.size(); ++i)
      if (std::find(constraints[i].members.begin(), constraints[i].members.end(), j) != constraints[i].members.end())
        in.push_back(i);
    for (int64_t v = 0; v <= most; ++v) {
      x[j] = v;
      bool over = false, under = false;
      for (size_t i : in) over = (sum[i] += v) > constraints[i].hi || over;
      for (size_t i : closes[j]) under = under || sum[i] < constraints[i].lo;
      if (!over && !under) assign(j + 1);
      for (size_t i : in) sum[i] -= v;
      if (over) break;  // sums only grow with v
    }
    x[j] = 0;
  };
  assign(0);
  return out;
}

// Three binary variables; the data are one record in each of 000, 001, 010, 100. Released: the
// three one-way tables' "0" cells (3 each; the "1" cells withheld) and the three two-way tables
// with their (1,1) cell empty and the rest withheld.
const CtdcVariable kG = CtdcVariable::kGender, kA = CtdcVariable::kAgeBroad, kE = CtdcVariable::kTypeOfExploit;
const std::map<CtdcVariable, std::vector<std::string>> kBinaryDomains{
    {kG, {"0", "1"}}, {kA, {"0", "1"}}, {kE, {"0", "1"}}};

std::vector<ReleasedTable> OddCycleTables() {
  std::vector<ReleasedTable> tables;
  for (auto v : {kG, kA, kE}) tables.push_back({0, 0, "", "", "", 11, {v}, {{{"0"}, 3}}, {{"1"}}, std::nullopt});
  for (auto [v, w] : std::vector<std::pair<CtdcVariable, CtdcVariable>>{{kG, kA}, {kG, kE}, {kA, kE}})
    tables.push_back({0, 0, "", "", "", 11, {v, w}, {}, {{"0", "0"}, {"0", "1"}, {"1", "0"}}, std::nullopt});
  return tables;
}

TEST(DisclosureAudit, IntegerBoundsAreTighterThanTheRelaxation) {
  // OddCycleTables: with s = cell 000, every other cell of
  // the first three equations is (3 - s) / 2, so integers force s odd: s = 1, pinned. The LP
  // relaxation allows s = 0 (the others 1.5): [0, 1], which pins nothing.
  const auto& domains = kBinaryDomains;
  const auto tables = OddCycleTables();
  std::vector<CellQuery> queries{{{kG, kA, kE}, {"0", "0", "0"}}, {{kG, kA, kE}, {"0", "0", "1"}}, {{kG}, {"1"}}};
  AuditLimits lp_only;
  lp_only.integer_seconds = 0;
  BoundStats lp_stats, ip_stats;
  auto relaxed = FeasibleRanges(tables, domains, queries, lp_only, &lp_stats);
  auto integer = FeasibleRanges(tables, domains, queries, {}, &ip_stats);
  ASSERT_TRUE(relaxed.ok() && integer.ok());
  EXPECT_EQ((*relaxed)[0].min, 0);
  EXPECT_EQ((*relaxed)[0].max, 1);
  EXPECT_FALSE((*relaxed)[0].integer);
  EXPECT_FALSE(Discloses((*relaxed)[0], 1, 11)) << "the LP alone misses it";
  EXPECT_GT(lp_stats.fractional, 0u);
  EXPECT_EQ(ip_stats.integer_timeouts, 0u);
  EXPECT_GT(ip_stats.integer_solved, 0u);
  EXPECT_TRUE(Discloses((*integer)[0], 1, 11));
  // Every integer bound equals the enumeration of all integer tables (the serial reference).
  auto reference = EnumeratedRanges(tables, domains, queries);
  for (size_t q = 0; q < queries.size(); ++q) {
    EXPECT_EQ((*integer)[q].min, reference[q].first) << q;
    EXPECT_EQ((*integer)[q].max, reference[q].second) << q;
    EXPECT_TRUE((*integer)[q].integer) << q;
  }
  EXPECT_EQ(reference[0], (std::pair<int64_t, int64_t>{1, 1}));
}

TEST(DisclosureAudit, AnIntegerProgramOutOfTimeKeepsTheLpBound) {
  const auto& domains = kBinaryDomains;
  const auto tables = OddCycleTables();
  AuditLimits tiny;
  tiny.integer_seconds = 1e-9;  // rounds to 0 ms: no time for branch and bound
  BoundStats stats;
  auto r = FeasibleRanges(tables, domains, {{{kG, kA, kE}, {"0", "0", "0"}}}, tiny, &stats);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ((*r)[0].min, 0);
  EXPECT_EQ((*r)[0].max, 1);
  EXPECT_GT(stats.integer_timeouts, 0u);
}

TEST(DisclosureAudit, FailsClosedWhenOutOfTime) {
  auto records = Records({{"female", "a", 30}, {"male", "a", 4}});
  ReleasedTable t{0, 0, "", "", "", 11, kGender, {{{"female"}, 30}}, {{"male"}}, std::nullopt};
  auto r = AuditReleases({t}, records, 11, AuditLimits{0.0, 1000});
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r->approved);
  EXPECT_NE(r->reason.find("time"), std::string::npos);
}

TEST(DisclosureAudit, ContradictoryTablesAreReported) {
  ReleasedTable a{0, 0, "", "", "", 11, kGender, {{{"female"}, 30}}, {}, 30};
  ReleasedTable b{0, 0, "", "", "", 11, kGender, {{{"female"}, 31}}, {}, 31};
  std::map<CtdcVariable, std::vector<std::string>> domains{{CtdcVariable::kGender, {"female"}}};
  auto r = FeasibleRanges({a, b}, domains, {{kGender, {"female"}}}, {});
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace kashf::analytics
