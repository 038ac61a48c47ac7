// The early-warning configuration: detector parameters and the series `kashf alerts run` watches.
// Defaults live in data/reference/early-warning.yaml (documented there and in docs/early-warning.md);
// a key left out keeps the default of detectors.h.
#pragma once
#include <string>
#include <vector>

#include "kashf/core/result.h"
#include "kashf/warning/detectors.h"
#include "kashf/warning/series.h"

namespace kashf::warning {

// One watched series: a query plus the detectors to run on its total and on each breakdown cell.
struct WatchedSeries {
  std::string name;                    // e.g. "seizures-by-calibre"
  SeriesQuery query;                   // period, filter, breakdown
  std::vector<std::string> detectors;  // names from DetectorNames()
  int evaluate_last = 1;               // how many most recent periods to evaluate per run
};

// A new-category rule: alert when a value of `dimension` appears within a `within` cell for the
// first time (e.g. the first seizure of a calibre in a district: dimension calibre, within district;
// the first victim through a new transit country: dimension transit_country, within "" = anywhere).
struct NewCategoryRule {
  std::string name;
  std::string source;        // event source, e.g. "seizure"
  std::string dimension;     // e.g. "calibre"
  std::string within;        // e.g. "district"; "" = globally
  int lookback_periods = 0;  // 0 = ever before; else only the last N periods count as "seen"
};

struct WarningConfig {
  DetectorParams detectors;
  std::vector<WatchedSeries> series;
  std::vector<NewCategoryRule> new_category;
};

// Parses the YAML text. InvalidArgument names the key and what is wrong with it.
Result<WarningConfig> ParseWarningConfig(const std::string& yaml_text);
Result<WarningConfig> LoadWarningConfig(const std::string& path);

}  // namespace kashf::warning
