#include "kashf/warning/alert_json.h"

namespace kashf::warning {

const char* AlertStateName(AlertState s) {
  switch (s) {
    case AlertState::kOpen: return "open";
    case AlertState::kAcknowledged: return "acknowledged";
    case AlertState::kDismissed: return "dismissed";
    case AlertState::kEscalated: return "escalated";
  }
  return "open";
}

namespace {

AlertState StateFrom(const std::string& s) {
  if (s == "acknowledged") return AlertState::kAcknowledged;
  if (s == "dismissed") return AlertState::kDismissed;
  if (s == "escalated") return AlertState::kEscalated;
  return AlertState::kOpen;
}

}  // namespace

nlohmann::json AlertToJson(const Alert& a) {
  return {{"id", a.id},
          {"kind", a.kind},
          {"series", a.series},
          {"detector", a.detector},
          {"cell", a.cell},
          {"period", a.period},
          {"period_start", a.period_start},
          {"observed", a.observed},
          {"expected", a.expected},
          {"threshold", a.threshold},
          {"statistic", a.statistic},
          {"baseline_from", a.baseline_from},
          {"baseline_to", a.baseline_to},
          {"records", a.records},
          {"explanation", a.explanation},
          {"dedup_key", a.dedup_key},
          {"created_at", a.created_at},
          {"state", AlertStateName(a.state)},
          {"decided_by", a.decided_by},
          {"reason", a.reason},
          {"case_id", a.case_id},
          {"decided_at", a.decided_at}};
}

Alert AlertFromJson(const nlohmann::json& j) {
  Alert a;
  a.id = j.value("id", "");
  a.kind = j.value("kind", "");
  a.series = j.value("series", "");
  a.detector = j.value("detector", "");
  a.cell = j.value("cell", "");
  a.period = j.value("period", "");
  a.period_start = j.value("period_start", "");
  a.observed = j.value("observed", int64_t{0});
  a.expected = j.value("expected", 0.0);
  a.threshold = j.value("threshold", 0.0);
  a.statistic = j.value("statistic", 0.0);
  a.baseline_from = j.value("baseline_from", "");
  a.baseline_to = j.value("baseline_to", "");
  a.records = j.value("records", std::vector<std::string>{});
  a.explanation = j.value("explanation", "");
  a.dedup_key = j.value("dedup_key", "");
  a.created_at = j.value("created_at", int64_t{0});
  a.state = StateFrom(j.value("state", "open"));
  a.decided_by = j.value("decided_by", "");
  a.reason = j.value("reason", "");
  a.case_id = j.value("case_id", "");
  a.decided_at = j.value("decided_at", int64_t{0});
  return a;
}

}  // namespace kashf::warning
