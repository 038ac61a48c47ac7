#include "kashf/warning/outbreak_sim.h"

#include <gtest/gtest.h>

#include "kashf/testing/files.h"

namespace kashf::warning {
namespace {

TEST(OutbreakSimTest, ThreatsAreInTheTruthAndInTheCounts) {
  OutbreakSimOptions o;
  o.districts = 6;
  o.categories = 3;
  o.years = 4;
  o.threats = 3;
  auto s = SimulateOutbreaks(o);
  ASSERT_TRUE(s.ok());
  ASSERT_EQ(s->names.size(), 18u);
  ASSERT_EQ(s->truth.size(), 3u);
  const Threat& route = s->truth[0];
  EXPECT_EQ(route.kind, "new_route");
  const auto& c = s->counts[static_cast<size_t>(route.series)];
  for (int64_t w = 0; w < route.start; ++w) EXPECT_EQ(c[static_cast<size_t>(w)], 0);  // nothing before the route
  int64_t after = 0;
  for (int64_t w = route.start; w <= route.end; ++w) after += c[static_cast<size_t>(w)];
  EXPECT_GT(after, 0);
  auto again = SimulateOutbreaks(o);
  EXPECT_EQ(again->counts, s->counts);  // deterministic for a seed

  const std::string dir = testing::FreshTempDir("outbreaks");
  ASSERT_TRUE(WriteSimulatedSeries(*s, dir).ok());
  auto back = ReadSimulatedSeries(dir);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->counts, s->counts);
  EXPECT_EQ(back->truth.size(), 3u);
  auto events = SeriesToEvents(*s, 1'000'000);
  ASSERT_TRUE(events.ok());
  ASSERT_TRUE(WriteEventsCsv(*events, dir + "/events.csv").ok());
  auto read = ReadEventsCsv(dir + "/events.csv");
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(read->size(), events->size());
  EXPECT_FALSE(SeriesToEvents(*s, 10).ok());
}

TEST(OutbreakSimTest, ScoringCountsDetectionsDelaysAndFalseAlarms) {
  SimulatedSeries s;
  s.names = {"a", "b"};
  s.counts = {std::vector<int64_t>(104, 1), std::vector<int64_t>(104, 1)};
  s.truth = {{"victim_burst", 0, 60, 63}};
  std::vector<std::vector<bool>> alarms(2, std::vector<bool>(104, false));
  alarms[0][62] = true;  // detected 2 weeks after the start
  alarms[1][10] = true;  // a false alarm
  alarms[1][90] = true;  // another
  auto sc = ScoreAlarms(s, "x", alarms, 52);
  EXPECT_EQ(sc.threats, 1);
  EXPECT_EQ(sc.detected, 1);
  EXPECT_DOUBLE_EQ(sc.median_delay_weeks, 2);
  // From week 52 on: 2 series x 52 weeks = 2 series-years; one false alarm in that window.
  EXPECT_DOUBLE_EQ(sc.false_alarms_per_series_year, 0.5);
}

TEST(OutbreakSimTest, BadEventFilesAreClearErrors) {
  const std::string dir = testing::FreshTempDir("events_bad");
  testing::WriteFile(dir + "/e.csv", "date,source,record,district\n2026-13-01,seizure,r1,Lahore\n");
  auto r = ReadEventsCsv(dir + "/e.csv");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find(":2:"), std::string::npos);
  testing::WriteFile(dir + "/h.csv", "when,what\n");
  EXPECT_FALSE(ReadEventsCsv(dir + "/h.csv").ok());
  EXPECT_EQ(ReadEventsCsv(dir + "/none.csv").status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace kashf::warning
