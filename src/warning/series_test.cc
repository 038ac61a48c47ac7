#include "kashf/warning/series.h"

#include <gtest/gtest.h>

namespace kashf::warning {
namespace {

Event Ev(const std::string& date, const std::string& district, const std::string& calibre, const std::string& id) {
  Event e;
  e.day = ParseDay(date);
  e.record = id;
  e.source = "seizure";
  e.dims = {{"district", district}, {"calibre", calibre}};
  return e;
}

TEST(SeriesTest, WeeklyCountsWithZeroFilledGapsAndBreakdown) {
  // 2026-01-05 is a Monday. Week 2 has nothing: a gap is a zero, not a missing period.
  std::vector<Event> ev = {Ev("2026-01-05", "Lahore", "9mm", "a"), Ev("2026-01-11", "Lahore", "7.62x39mm", "b"),
                           Ev("2026-01-20", "Quetta", "9mm", "c"), Ev("2026-01-21", "Lahore", "9mm", "d")};
  SeriesQuery q;
  q.breakdown = "district";
  q.today = "2026-01-25";
  auto s = BuildSeries(ev, q);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  ASSERT_EQ(s->period_starts.size(), 3u);
  EXPECT_EQ(FormatDay(s->period_starts[0]), "2026-01-05");
  EXPECT_EQ(s->total.counts, (std::vector<int64_t>{2, 0, 2}));
  ASSERT_EQ(s->cells.size(), 2u);
  EXPECT_EQ(s->cells[0].cell, "Lahore");
  EXPECT_EQ(s->cells[0].counts, (std::vector<int64_t>{2, 0, 1}));
  EXPECT_EQ(s->cells[0].records[2], (std::vector<std::string>{"d"}));
}

TEST(SeriesTest, MonthlyAndFilter) {
  std::vector<Event> ev = {Ev("2025-11-30", "Lahore", "9mm", "a"), Ev("2025-12-01", "Lahore", "9mm", "b"),
                           Ev("2026-01-31", "Quetta", "9mm", "c")};
  SeriesQuery q;
  q.period = Period::kMonth;
  q.filter = {{"district", "Lahore"}};
  q.from = "2025-11-01";
  q.today = "2026-01-31";
  auto s = BuildSeries(ev, q);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->total.counts, (std::vector<int64_t>{1, 1, 0}));
}

TEST(SeriesTest, FutureDatesAreDroppedAndReported) {
  std::vector<Event> ev = {Ev("2026-01-05", "Lahore", "9mm", "a"), Ev("2027-03-01", "Lahore", "9mm", "future")};
  SeriesQuery q;
  q.today = "2026-01-10";
  auto s = BuildSeries(ev, q);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->future_events_dropped, 1);
  EXPECT_EQ(s->total.total, 1);
  ASSERT_FALSE(s->warnings.empty());
  EXPECT_NE(s->warnings[0].find("future"), std::string::npos);
}

TEST(SeriesTest, BadQueriesAreClearErrors) {
  SeriesQuery q;
  q.today = "2026-01-10";
  q.breakdown = "colour";
  auto s = BuildSeries({}, q);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.status().message().find("not a series dimension"), std::string::npos);
  q.breakdown.clear();
  q.from = "2026-13-01";
  EXPECT_NE(BuildSeries({}, q).status().message().find("not a date"), std::string::npos);
  q.from = "2026-02-01";
  EXPECT_NE(BuildSeries({}, q).status().message().find("after"), std::string::npos);
  EXPECT_FALSE(ParsePeriod("day").ok());
}

TEST(SeriesTest, AggregateRolesGetTheCtdcSmallCellRule) {
  std::vector<Event> ev;
  for (int i = 0; i < 12; ++i) ev.push_back(Ev("2026-01-05", "Lahore", "9mm", "x"));
  ev.push_back(Ev("2026-01-12", "Lahore", "9mm", "y"));
  ev.push_back(Ev("2026-01-12", "Quetta", "9mm", "z"));  // Quetta's total is 1 < k: folded into "other"
  SeriesQuery q;
  q.breakdown = "district";
  q.today = "2026-01-18";
  q.small_cell_k = 11;
  auto s = BuildSeries(ev, q);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->total.counts, (std::vector<int64_t>{12, -1}));  // 2 in week 2 is withheld
  EXPECT_TRUE(s->total.suppressed[1]);
  ASSERT_EQ(s->cells.size(), 2u);
  EXPECT_EQ(s->cells[0].cell, "Lahore");
  EXPECT_EQ(s->cells[1].cell, "other");
  EXPECT_EQ(s->cells[1].total, -1);
  for (const auto& r : s->total.records) EXPECT_TRUE(r.empty());  // no record ids for aggregate roles
}

}  // namespace
}  // namespace kashf::warning
