// Alerts: what a detector or a new-category rule found, with the explanation an analyst needs
// (observed, expected, threshold, baseline window, breakdown cell, the records behind the spike),
// and the analyst's decision on it (acknowledge, dismiss with a reason, escalate to a case).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace kashf::warning {

enum class AlertState { kOpen, kAcknowledged, kDismissed, kEscalated };
const char* AlertStateName(AlertState s);  // "open" | "acknowledged" | "dismissed" | "escalated"

struct Alert {
  std::string id;            // "alert-000001"; assigned by the store
  std::string kind;          // "spike" (a detector) | "new_category"
  std::string series;        // watched series name, e.g. "seizures-by-calibre"
  std::string detector;      // "ears_c2", "farrington", "cusum", or the new-category rule name
  std::string cell;          // breakdown cell that drove it, e.g. "district=Lahore" or "calibre=7.62x39mm"
  std::string period;        // "week" | "month"
  std::string period_start;  // YYYY-MM-DD: first day of the period that alarmed
  int64_t observed = 0;
  double expected = 0;
  double threshold = 0;
  double statistic = 0;
  std::string baseline_from, baseline_to;  // YYYY-MM-DD of the baseline window's first and last period
  std::vector<std::string> records;        // records behind the spike (ids; never a victim's identity)
  std::string explanation;                 // one sentence for people
  std::string dedup_key;                   // series|detector|cell|period_start: one alert per key
  int64_t created_at = 0;                  // Unix seconds
  AlertState state = AlertState::kOpen;
  std::string decided_by;
  std::string reason;   // dismissal reason or escalation note
  std::string case_id;  // escalated: the case it was escalated to
  int64_t decided_at = 0;
};

}  // namespace kashf::warning
