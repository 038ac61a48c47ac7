// `kashf alerts run`: evaluates every watched series and new-category rule of a WarningConfig over
// the events and returns the alerts (not yet stored). Pure: no clock, no store.
#pragma once
#include <string>
#include <vector>

#include "kashf/core/result.h"
#include "kashf/warning/alert.h"
#include "kashf/warning/config.h"
#include "kashf/warning/event.h"

namespace kashf::warning {

struct EvaluationReport {
  std::vector<Alert> alerts;
  int64_t series_evaluated = 0;  // cells x detectors
  int64_t points_evaluated = 0;
  std::vector<std::string> notes;  // fallbacks used, e.g. "series X: 30 weeks, farrington needs 3 years: skipped"
};

// `today` (YYYY-MM-DD) bounds the series; events after it are ignored and counted in the notes.
Result<EvaluationReport> EvaluateAlerts(const std::vector<Event>& events, const WarningConfig& config,
                                        const std::string& today);

}  // namespace kashf::warning
