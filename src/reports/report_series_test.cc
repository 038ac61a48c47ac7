#include "kashf/reports/report_series.h"

#include <gtest/gtest.h>

namespace kashf::reports {
namespace {

std::vector<ReportKey> Keys() {
  return {{"2026-11-02", "Gujrat", "Punjab", "missing_person"},  // Monday
          {"2026-11-08", "Gujrat", "Punjab", "missing_person"},  // Sunday, same ISO week
          {"2026-11-09", "Lahore", "Punjab", "recruitment_in_village"},
          {"2026-11-24", "Peshawar", "Khyber Pakhtunkhwa", "weapons_offered_online"},
          {"2026-12-01", "Gujrat", "Punjab", "weapons_offered_online"}};
}

TEST(ReportSeriesTest, WeeksAreIsoWeeksLabelledByMondayAndGapsAreZeros) {
  auto s = BuildReportSeries(Keys(), {});
  ASSERT_TRUE(s.ok()) << s.status().message();
  EXPECT_EQ(s->periods,
            (std::vector<std::string>{"2026-11-02", "2026-11-09", "2026-11-16", "2026-11-23", "2026-11-30"}));
  ASSERT_EQ(s->cells.size(), 1u);
  EXPECT_EQ(s->cells[0].counts, (std::vector<int64_t>{2, 1, 0, 1, 1}));
  EXPECT_EQ(s->cells[0].total, 5);
}

TEST(ReportSeriesTest, MonthlyBreakdownsLargestFirstWithFilters) {
  SeriesQuery q;
  q.interval = SeriesInterval::kMonth;
  q.by = "district";
  auto s = BuildReportSeries(Keys(), q);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->periods, (std::vector<std::string>{"2026-11", "2026-12"}));
  ASSERT_EQ(s->cells.size(), 3u);
  EXPECT_EQ(s->cells[0].key, "Gujrat");
  EXPECT_EQ(s->cells[0].counts, (std::vector<int64_t>{2, 1}));
  q.by = "province";
  q.category = "weapons_offered_online";
  s = BuildReportSeries(Keys(), q);
  ASSERT_TRUE(s.ok());
  ASSERT_EQ(s->cells.size(), 2u);
  EXPECT_EQ(s->cells[0].total + s->cells[1].total, 2);
}

TEST(ReportSeriesTest, BoundsFixThePeriodsEvenWithoutData) {
  SeriesQuery q;
  q.interval = SeriesInterval::kMonth;
  q.from = "2025-01-15";
  q.to = "2025-03-01";
  auto s = BuildReportSeries(Keys(), q);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->periods, (std::vector<std::string>{"2025-01", "2025-02", "2025-03"}));
  ASSERT_EQ(s->cells.size(), 1u);
  EXPECT_EQ(s->cells[0].counts, (std::vector<int64_t>{0, 0, 0}));
  auto empty = BuildReportSeries({}, {});
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(empty->periods.empty());
}

TEST(ReportSeriesTest, BadQueriesAreClearErrors) {
  SeriesQuery q;
  q.by = "contact";
  EXPECT_EQ(BuildReportSeries(Keys(), q).status().code(), StatusCode::kInvalidArgument);
  q.by = "";
  q.from = "2026-13-01";
  EXPECT_NE(BuildReportSeries(Keys(), q).status().message().find("from"), std::string::npos);
  q.from = "2026-12-01";
  q.to = "2026-11-01";
  EXPECT_EQ(BuildReportSeries(Keys(), q).status().code(), StatusCode::kInvalidArgument);
  EXPECT_FALSE(ParseSeriesInterval("day").ok());
  EXPECT_EQ(*PeriodOf("1969-12-31", SeriesInterval::kWeek), "1969-12-29");
  EXPECT_EQ(*PeriodOf("2026-01-01", SeriesInterval::kMonth), "2026-01");
}

}  // namespace
}  // namespace kashf::reports
