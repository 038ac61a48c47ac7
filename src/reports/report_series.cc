#include "kashf/reports/report_series.h"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "kashf/victims/civil_date.h"

namespace kashf::reports {
namespace {

// Floor division for day numbers before 1970.
int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0); }

// An index per period: the Monday's day number / 7 for weeks, year*12+month-1 for months.
int64_t PeriodIndex(int64_t day, SeriesInterval interval) {
  if (interval == SeriesInterval::kWeek) return FloorDiv(day + 3, 7);  // 1970-01-01 was a Thursday
  const std::string date = victims::DateFromDayNumber(day);
  return std::stoll(date.substr(0, 4)) * 12 + std::stoll(date.substr(5, 2)) - 1;
}

std::string PeriodLabel(int64_t index, SeriesInterval interval) {
  if (interval == SeriesInterval::kWeek) return victims::DateFromDayNumber(index * 7 - 3);
  return fmt::format("{:04}-{:02}", FloorDiv(index, 12), index - FloorDiv(index, 12) * 12 + 1);
}

const std::string& KeyField(const ReportKey& k, const std::string& by) {
  static const std::string kTotal;
  if (by == "district") return k.district;
  if (by == "province") return k.province;
  if (by == "category") return k.category;
  return kTotal;
}

Result<std::optional<int64_t>> Bound(const std::string& date, const char* name) {
  if (date.empty()) return std::optional<int64_t>();
  auto day = victims::DayNumber(date);
  if (!day) return Status::InvalidArgument(fmt::format("{} must be YYYY-MM-DD", name));
  return std::optional<int64_t>(*day);
}

}  // namespace

Result<SeriesInterval> ParseSeriesInterval(const std::string& name) {
  if (name == "week") return SeriesInterval::kWeek;
  if (name == "month") return SeriesInterval::kMonth;
  return Status::InvalidArgument(fmt::format("'{}' is not an interval; use week or month", name));
}

Result<std::string> PeriodOf(const std::string& date, SeriesInterval interval) {
  auto day = victims::DayNumber(date);
  if (!day) return Status::InvalidArgument(fmt::format("'{}' is not a YYYY-MM-DD date", date));
  return PeriodLabel(PeriodIndex(*day, interval), interval);
}

Result<CountSeries> BuildReportSeries(const std::vector<ReportKey>& keys, const SeriesQuery& query) {
  if (!query.by.empty() && query.by != "district" && query.by != "province" && query.by != "category")
    return Status::InvalidArgument(
        fmt::format("cannot break reports down by '{}'; use district, province or category", query.by));
  KASHF_ASSIGN_OR_RETURN(auto from, Bound(query.from, "from"));
  KASHF_ASSIGN_OR_RETURN(auto to, Bound(query.to, "to"));
  if (from && to && *from > *to) return Status::InvalidArgument("from is after to");
  std::map<std::string, std::map<int64_t, int64_t>> counts;  // cell -> period index -> count
  std::optional<int64_t> first, last;
  for (const auto& k : keys) {
    if (!query.category.empty() && k.category != query.category) continue;
    if (!query.district.empty() && k.district != query.district) continue;
    auto day = victims::DayNumber(k.date);
    if (!day || (from && *day < *from) || (to && *day > *to)) continue;
    const int64_t p = PeriodIndex(*day, query.interval);
    ++counts[KeyField(k, query.by)][p];
    first = first ? std::min(*first, p) : p;
    last = last ? std::max(*last, p) : p;
  }
  if (from) first = PeriodIndex(*from, query.interval);
  if (to) last = PeriodIndex(*to, query.interval);
  CountSeries out;
  if (!first || !last) return out;
  for (int64_t p = *first; p <= *last; ++p) out.periods.push_back(PeriodLabel(p, query.interval));
  for (const auto& [key, by_period] : counts) {
    CountSeries::Cell cell{key, std::vector<int64_t>(out.periods.size(), 0), 0};
    for (const auto& [p, n] : by_period) {
      cell.counts[static_cast<size_t>(p - *first)] = n;
      cell.total += n;
    }
    out.cells.push_back(std::move(cell));
  }
  if (query.by.empty() && out.cells.empty()) out.cells.push_back({"", std::vector<int64_t>(out.periods.size(), 0), 0});
  std::stable_sort(out.cells.begin(), out.cells.end(),
                   [](const CountSeries::Cell& a, const CountSeries::Cell& b) { return a.total > b.total; });
  return out;
}

}  // namespace kashf::reports
