// Count series of civil-society reports by week or month, whole or broken down by district,
// province or category: the series source the early-warning detectors run on (issue 17).
// Periods are ISO weeks (labelled by their Monday, YYYY-MM-DD) or calendar months (YYYY-MM),
// zero-filled from the first to the last period so that gaps are counted as zeros, not skipped.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "kashf/core/result.h"
#include "kashf/reports/report_store.h"

namespace kashf::reports {

enum class SeriesInterval { kWeek, kMonth };

struct SeriesQuery {
  SeriesInterval interval = SeriesInterval::kWeek;
  std::string by;                  // "" (one total series), "district", "province" or "category"
  std::string category, district;  // optional filters (exact codes / canonical names)
  std::string from, to;            // optional YYYY-MM-DD bounds (inclusive); default: the data's range
};

struct CountSeries {
  std::vector<std::string> periods;  // labels, oldest first
  struct Cell {
    std::string key;              // the breakdown value ("" for the total)
    std::vector<int64_t> counts;  // one per period
    int64_t total = 0;
  };
  std::vector<Cell> cells;  // largest total first, then by key
};

// "week" / "month"; InvalidArgument otherwise.
Result<SeriesInterval> ParseSeriesInterval(const std::string& name);

// The period label of a YYYY-MM-DD date; InvalidArgument for a malformed date.
Result<std::string> PeriodOf(const std::string& date, SeriesInterval interval);

// Builds the series from report keys. InvalidArgument for an unknown `by`, malformed bounds or
// from > to; no keys in range gives no periods (an empty series, not an error).
Result<CountSeries> BuildReportSeries(const std::vector<ReportKey>& keys, const SeriesQuery& query);

}  // namespace kashf::reports
