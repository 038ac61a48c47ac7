// Count series by week or month, optionally filtered (source=seizure, district=Lahore) and broken
// down by one dimension (by calibre: one series per calibre, plus their total).
// Weeks are ISO weeks starting Monday; months are calendar months. A series has one count per
// period from `from` to `to` inclusive with zeros filled in: a gap in the data is a zero count, never
// a missing period (the detectors need equally spaced points).
// Small cells: for roles that see only aggregates, victim series obey the CTDC export's rule
// (kashf/analytics/small_cell_suppression.h): a cell with a period count in [1, k) is withheld
// (count -1 and `suppressed`), and a breakdown cell whose total is below k is folded into "other".
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "kashf/core/result.h"
#include "kashf/warning/event.h"

namespace kashf::warning {

enum class Period { kWeek, kMonth };

// "week" | "month" -> Period; InvalidArgument otherwise.
Result<Period> ParsePeriod(const std::string& text);
const char* PeriodName(Period p);
// The first day of the period that contains `day`.
int64_t PeriodStart(Period p, int64_t day);
// The first day of the period after the one starting at `start`.
int64_t NextPeriod(Period p, int64_t start);
// Periods per year (52 or 12): the detectors' seasonal lag.
int PeriodsPerYear(Period p);

struct SeriesQuery {
  Period period = Period::kWeek;
  std::map<std::string, std::string> filter;  // dimension -> value; every one must match
  std::string breakdown;                      // "" = total only; otherwise a dimension name
  std::string from;                           // YYYY-MM-DD; "" = first event
  std::string to;                             // YYYY-MM-DD; "" = last event (never after `today`)
  std::string today;                          // YYYY-MM-DD; "" = the system clock. Events after it are future.
  int64_t small_cell_k = 0;                   // 0 = full counts (need-to-know roles); else the CTDC k
};

struct CountSeries {
  std::string cell;                               // breakdown value, or "total"
  std::vector<int64_t> counts;                    // one per period; -1 where suppressed
  std::vector<bool> suppressed;                   // same length as counts
  std::vector<std::vector<std::string>> records;  // per period: the records counted (not for aggregate roles)
  int64_t total = 0;
};

struct SeriesResult {
  Period period = Period::kWeek;
  std::vector<int64_t> period_starts;  // day number of each period's first day
  CountSeries total;
  std::vector<CountSeries> cells;     // breakdown cells, largest total first
  int64_t future_events_dropped = 0;  // events dated after `today`: ignored, reported here
  std::vector<std::string> warnings;  // e.g. "unknown district 'Lahor' (12 events)"
};

// Builds the series. Errors: a malformed date, `from` after `to`, an unknown dimension name, or more
// than 100 000 periods. Unknown filter values are not errors (they match nothing; a warning says so).
Result<SeriesResult> BuildSeries(const std::vector<Event>& events, const SeriesQuery& query);

// The dimensions events may carry (see event.h), for validation and --help.
const std::vector<std::string>& KnownDimensions();

}  // namespace kashf::warning
