// Count series: events bucketed into ISO weeks (Monday first) or calendar months, zero-filled.
#include "kashf/warning/series.h"

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "kashf/victims/civil_date.h"

namespace kashf::warning {
namespace {

constexpr int64_t kMaxPeriods = 100'000;

// 1970-01-01 was a Thursday: day 0 is weekday 3 counting Monday as 0.
int64_t Weekday(int64_t day) { return ((day % 7) + 7 + 3) % 7; }

}  // namespace

Result<Period> ParsePeriod(const std::string& text) {
  if (text == "week") return Period::kWeek;
  if (text == "month") return Period::kMonth;
  return Status::InvalidArgument(fmt::format("period must be 'week' or 'month', not '{}'", text));
}

const char* PeriodName(Period p) { return p == Period::kWeek ? "week" : "month"; }

int64_t PeriodStart(Period p, int64_t day) {
  if (p == Period::kWeek) return day - Weekday(day);
  std::string d = victims::DateFromDayNumber(day);
  return *victims::DayNumber(d.substr(0, 8) + "01");
}

int64_t NextPeriod(Period p, int64_t start) {
  if (p == Period::kWeek) return start + 7;
  return PeriodStart(p, start + 31);
}

int PeriodsPerYear(Period p) { return p == Period::kWeek ? 52 : 12; }

const std::vector<std::string>& KnownDimensions() {
  static const std::vector<std::string> dims = {"source",
                                                "district",
                                                "province",
                                                "offence",
                                                "firearm_type",
                                                "calibre",
                                                "make",
                                                "seizure_place",
                                                "route",
                                                "origin_country",
                                                "transit_country",
                                                "destination_country",
                                                "victim_sex",
                                                "age_band",
                                                "exploitation_type",
                                                "payment_channel",
                                                "agency",
                                                "report_category"};
  return dims;
}

namespace {

Status CheckDimension(const std::string& d) {
  const auto& known = KnownDimensions();
  if (std::find(known.begin(), known.end(), d) != known.end()) return Status::Ok();
  return Status::InvalidArgument(
      fmt::format("'{}' is not a series dimension; use one of: {}", d, fmt::join(known, ", ")));
}

Result<int64_t> DayOrError(const std::string& what, const std::string& date) {
  int64_t d = ParseDay(date);
  if (d < 0) return Status::InvalidArgument(fmt::format("{} '{}' is not a date YYYY-MM-DD", what, date));
  return d;
}

bool Matches(const Event& e, const std::map<std::string, std::string>& filter) {
  for (const auto& [dim, value] : filter)
    if (e.Value(dim) != value) return false;
  return true;
}

CountSeries EmptySeries(const std::string& cell, size_t n) {
  CountSeries s;
  s.cell = cell;
  s.counts.assign(n, 0);
  s.suppressed.assign(n, false);
  s.records.resize(n);
  return s;
}

// CTDC rule for aggregate-only roles: a period count in [1, k) is withheld.
void Suppress(CountSeries& s, int64_t k) {
  for (size_t i = 0; i < s.counts.size(); ++i) {
    s.records[i].clear();
    if (s.counts[i] > 0 && s.counts[i] < k) {
      s.counts[i] = -1;
      s.suppressed[i] = true;
    }
  }
  if (s.total > 0 && s.total < k) s.total = -1;
}

}  // namespace

Result<SeriesResult> BuildSeries(const std::vector<Event>& events, const SeriesQuery& query) {
  for (const auto& [dim, value] : query.filter) KASHF_RETURN_IF_ERROR(CheckDimension(dim));
  if (!query.breakdown.empty()) KASHF_RETURN_IF_ERROR(CheckDimension(query.breakdown));
  int64_t today = 0;
  if (query.today.empty()) {
    today = *victims::DayNumber(victims::TodayUtc());
  } else {
    KASHF_ASSIGN_OR_RETURN(today, DayOrError("today", query.today));
  }
  SeriesResult out;
  out.period = query.period;
  std::vector<const Event*> kept;
  std::set<std::string> seen_filter_values;
  for (const auto& e : events) {
    if (e.day > today) {
      ++out.future_events_dropped;
      continue;
    }
    if (!Matches(e, query.filter)) continue;
    kept.push_back(&e);
  }
  if (out.future_events_dropped > 0)
    out.warnings.push_back(fmt::format("{} event(s) dated after {} were ignored (future dates)",
                                       out.future_events_dropped, FormatDay(today)));
  int64_t from = 0, to = today;
  if (!query.from.empty()) {
    KASHF_ASSIGN_OR_RETURN(from, DayOrError("from", query.from));
  } else if (!kept.empty()) {
    from = (*std::min_element(kept.begin(), kept.end(), [](auto* a, auto* b) { return a->day < b->day; }))->day;
  } else {
    from = today;
  }
  if (!query.to.empty()) {
    KASHF_ASSIGN_OR_RETURN(to, DayOrError("to", query.to));
    if (to > today) {
      out.warnings.push_back(fmt::format("'to' {} is after today; the series ends at {}", query.to, FormatDay(today)));
      to = today;
    }
  }
  if (from > to)
    return Status::InvalidArgument(
        fmt::format("'from' {} is after '{}' {}", FormatDay(from), query.to.empty() ? "today" : "to", FormatDay(to)));
  for (int64_t p = PeriodStart(query.period, from); p <= to; p = NextPeriod(query.period, p)) {
    out.period_starts.push_back(p);
    if (static_cast<int64_t>(out.period_starts.size()) > kMaxPeriods)
      return Status::InvalidArgument(fmt::format("the range {} .. {} has more than {} periods; narrow it",
                                                 FormatDay(from), FormatDay(to), kMaxPeriods));
  }
  const size_t n = out.period_starts.size();
  out.total = EmptySeries("total", n);
  std::map<std::string, CountSeries> cells;
  for (const Event* e : kept) {
    if (e->day < out.period_starts.front() || e->day > to) continue;
    size_t i = static_cast<size_t>(std::upper_bound(out.period_starts.begin(), out.period_starts.end(), e->day) -
                                   out.period_starts.begin() - 1);
    ++out.total.counts[i];
    ++out.total.total;
    out.total.records[i].push_back(e->record);
    if (query.breakdown.empty()) continue;
    const std::string& v = e->Value(query.breakdown);
    auto it = cells.find(v);
    if (it == cells.end()) it = cells.emplace(v, EmptySeries(v, n)).first;
    ++it->second.counts[i];
    ++it->second.total;
    it->second.records[i].push_back(e->record);
  }
  for (auto& [value, s] : cells) out.cells.push_back(std::move(s));
  std::stable_sort(out.cells.begin(), out.cells.end(),
                   [](const CountSeries& a, const CountSeries& b) { return a.total > b.total; });
  if (query.small_cell_k > 1) {
    // Fold cells whose total is below k into "other", then withhold small period counts.
    std::vector<CountSeries> kept_cells;
    CountSeries other = EmptySeries("other", n);
    bool folded = false;
    for (auto& s : out.cells) {
      if (s.total >= query.small_cell_k) {
        kept_cells.push_back(std::move(s));
        continue;
      }
      folded = true;
      for (size_t i = 0; i < n; ++i) other.counts[i] += s.counts[i];
      other.total += s.total;
    }
    if (folded) kept_cells.push_back(std::move(other));
    out.cells = std::move(kept_cells);
    Suppress(out.total, query.small_cell_k);
    for (auto& s : out.cells) Suppress(s, query.small_cell_k);
  }
  return out;
}

}  // namespace kashf::warning
