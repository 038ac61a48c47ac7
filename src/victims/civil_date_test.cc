#include "kashf/victims/civil_date.h"

#include <gtest/gtest.h>

namespace kashf::victims {
namespace {

TEST(CivilDate, KnownDayNumbers) {
  EXPECT_EQ(DayNumber("1970-01-01"), 0);
  EXPECT_EQ(DayNumber("2000-03-01"), 11017);
  EXPECT_EQ(DayNumber("2024-02-29").value() - DayNumber("2024-02-28").value(), 1);
}

TEST(CivilDate, RoundTripsEveryDayOfADecade) {
  for (int64_t d = DayNumber("2018-01-01").value(); d < DayNumber("2028-01-01").value(); ++d)
    ASSERT_EQ(DayNumber(DateFromDayNumber(d)), d);
}

TEST(CivilDate, RejectsInvalidDates) {
  for (const char* bad :
       {"2023-02-29", "2024-13-01", "2024-00-10", "2024-04-31", "24-01-01", "2024/01/01", "", "2024-1-1"})
    EXPECT_FALSE(DayNumber(bad).has_value()) << bad;
  EXPECT_TRUE(DayNumber("2000-02-29").has_value());
  EXPECT_FALSE(DayNumber("1900-02-29").has_value());
}

}  // namespace
}  // namespace kashf::victims
