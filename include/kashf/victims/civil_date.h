// Calendar dates "YYYY-MM-DD" as day numbers, for NRM deadlines (proleptic Gregorian calendar;
// days_from_civil after H. Hinnant, "chrono-Compatible Low-Level Date Algorithms").
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace kashf::victims {

// Days since 1970-01-01, or nullopt if `date` is not a valid YYYY-MM-DD.
std::optional<int64_t> DayNumber(std::string_view date);
// Inverse of DayNumber.
std::string DateFromDayNumber(int64_t day);
// Today's date in UTC.
std::string TodayUtc();

}  // namespace kashf::victims
