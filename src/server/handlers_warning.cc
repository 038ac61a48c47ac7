// Early warning over HTTP: count series (trends) and alerts with their explanation, and the
// analyst's decisions on them (kashf/warning/). Roles without read_entities get victim, FIR,
// payment and travel series under the CTDC small-cell rule (k = the server's minimum) and never record ids.
#include <algorithm>

#include <fmt/format.h>

#include "body_reader.h"
#include "json_views.h"
#include "kashf/core/paths.h"
#include "kashf/core/text.h"
#include "kashf/reports/report_events.h"
#include "kashf/victims/civil_date.h"
#include "kashf/warning/alert_json.h"
#include "kashf/warning/evaluate.h"
#include "kashf/warning/event_sources.h"
#include "server_state.h"

namespace kashf::server {
namespace {

using auth::Permission;

Result<warning::WarningConfig> Config() {
  return warning::LoadWarningConfig(DataPath("data/reference/early-warning.yaml"));
}

// The events of one source (one of warning::EventSourceNames(); "" = every source): seizures,
// consenting victim cases, the statement store's FIRs, payments and journeys, and civil-society reports (their
// date, district and category only: never the text or contact). Only the registers the source needs
// are read.
Result<std::vector<warning::Event>> Events(Call& c, const std::string& source, std::vector<std::string>& warnings) {
  const auto wanted = [&source](std::string_view s) { return source.empty() || source == s; };
  warning::EventRegisters from;
  from.actor = c.Actor();
  from.actor.all_agencies = true;  // aggregates span agencies; the registry audits the bulk read
  if (wanted("seizure")) {
    KASHF_ASSIGN_OR_RETURN(from.firearms, c.db.firearms());
  }
  if (wanted("victim")) {
    KASHF_ASSIGN_OR_RETURN(from.cases, c.db.cases());
  }
  if (source.empty() || warning::IsStatementStoreSource(source)) {
    KASHF_ASSIGN_OR_RETURN(Store * store, c.db.store());
    warning::UseStatementStore(store, wanted, from);
  }
  KASHF_ASSIGN_OR_RETURN(auto events, warning::CollectEvents(from, warnings));
  if (wanted("report")) {
    KASHF_ASSIGN_OR_RETURN(reports::ReportStore * report_store, c.db.reports());
    KASHF_ASSIGN_OR_RETURN(auto reported, reports::ReportEvents(*report_store));
    events.insert(events.end(), std::make_move_iterator(reported.begin()), std::make_move_iterator(reported.end()));
  }
  return events;
}

std::string Today(const Call& c) {
  std::string t = c.Query("today");
  return t.empty() ? victims::TodayUtc() : t;
}

nlohmann::json CellJson(const warning::CountSeries& s, bool records) {
  nlohmann::json counts = nlohmann::json::array();
  for (int64_t v : s.counts) counts.push_back(v < 0 ? nlohmann::json(nullptr) : nlohmann::json(v));
  nlohmann::json j{
      {"cell", s.cell}, {"counts", counts}, {"total", s.total < 0 ? nlohmann::json(nullptr) : nlohmann::json(s.total)}};
  if (records) j["records"] = s.records;
  return j;
}

Result<Reply> Trend(Call& c) {
  const std::string source = c.Query("source", "seizure");
  const auto& sources = warning::EventSourceNames();
  if (std::find(sources.begin(), sources.end(), source) == sources.end())
    return Status::InvalidArgument(fmt::format("'source' must be one of: {}", fmt::join(sources, ", ")));
  warning::SeriesQuery q;
  KASHF_ASSIGN_OR_RETURN(q.period, warning::ParsePeriod(c.Query("period", "week")));
  q.breakdown = c.Query("by");
  q.from = c.Query("from");
  q.to = c.Query("to");
  q.today = Today(c);
  q.filter["source"] = source;
  std::string filter = c.Query("filter");
  if (filter.size() > 1000) return Status::InvalidArgument("query parameter 'filter' is too long");
  for (const auto& pair : Split(filter, ',')) {
    if (pair.empty()) continue;
    auto eq = pair.find('=');
    if (eq == std::string::npos || eq == 0)
      return Status::InvalidArgument("'filter' must be dimension=value pairs separated by commas");
    q.filter[pair.substr(0, eq)] = pair.substr(eq + 1);
  }
  KASHF_ASSIGN_OR_RETURN(int64_t max_cells, c.QueryInt("cells", 20, 1, 200));
  const bool may_read_records = auth::Allows(c.user->role, Permission::kReadEntities) ||
                                (source == "seizure" && auth::Allows(c.user->role, Permission::kReadFirearms));
  // Victim series, and series of the statement store's FIRs, payments and journeys (operational records of
  // agencies), reach roles without read_entities under the deployment's k, as every aggregate table.
  if (!may_read_records && (source == "victim" || warning::IsStatementStoreSource(source))) {
    KASHF_ASSIGN_OR_RETURN(analytics::ReleaseLedger * ledger, c.db.releases());
    KASHF_ASSIGN_OR_RETURN(q.small_cell_k, ledger->DeploymentK());
  }
  std::vector<std::string> warnings;
  KASHF_ASSIGN_OR_RETURN(auto events, Events(c, source, warnings));
  KASHF_ASSIGN_OR_RETURN(auto s, warning::BuildSeries(events, q));
  warnings.insert(warnings.end(), s.warnings.begin(), s.warnings.end());
  nlohmann::json starts = nlohmann::json::array(), cells = nlohmann::json::array();
  for (auto d : s.period_starts) starts.push_back(warning::FormatDay(d));
  for (size_t i = 0; i < s.cells.size() && static_cast<int64_t>(i) < max_cells; ++i)
    cells.push_back(CellJson(s.cells[i], may_read_records));
  KASHF_RETURN_IF_ERROR(
      c.Audit("warning.trend", "", fmt::format("source={} by={} k={}", source, q.breakdown, q.small_cell_k)));
  return JsonReply({{"source", source},
                    {"period", warning::PeriodName(s.period)},
                    {"by", q.breakdown},
                    {"period_starts", starts},
                    {"total", CellJson(s.total, may_read_records)},
                    {"cells", cells},
                    {"future_events_dropped", s.future_events_dropped},
                    {"warnings", warnings},
                    {"small_cell_k", q.small_cell_k}});
}

nlohmann::json ApiAlert(const warning::Alert& a) {
  nlohmann::json j = warning::AlertToJson(a);
  j.erase("dedup_key");
  j["created_at"] = TimeJson(a.created_at);
  j["decided_at"] = a.decided_at ? TimeJson(a.decided_at) : nlohmann::json(nullptr);
  return j;
}

Result<warning::AlertState> ParseState(const std::string& s) {
  for (auto st : {warning::AlertState::kOpen, warning::AlertState::kAcknowledged, warning::AlertState::kDismissed,
                  warning::AlertState::kEscalated})
    if (s == warning::AlertStateName(st)) return st;
  return Status::InvalidArgument("'state' must be open, acknowledged, dismissed or escalated");
}

Result<Reply> ListAlerts(Call& c) {
  KASHF_ASSIGN_OR_RETURN(Page page, c.Paging());
  warning::AlertFilter f;
  if (c.HasQuery("state")) {
    KASHF_ASSIGN_OR_RETURN(f.state, ParseState(c.Query("state")));
  }
  f.series = c.Query("series");
  f.since = c.Query("since");
  f.limit = static_cast<size_t>(page.offset + page.limit + 1);
  KASHF_ASSIGN_OR_RETURN(warning::AlertStore * store, c.db.alerts());
  KASHF_ASSIGN_OR_RETURN(auto alerts, store->List(f));
  nlohmann::json items = nlohmann::json::array();
  for (size_t i = static_cast<size_t>(page.offset);
       i < alerts.size() && static_cast<int64_t>(items.size()) < page.limit; ++i)
    items.push_back(ApiAlert(alerts[i]));
  bool more = static_cast<int64_t>(alerts.size()) > page.offset + page.limit;
  KASHF_RETURN_IF_ERROR(c.Audit("alerts.list", "", fmt::format("count={}", items.size())));
  return JsonReply({{"items", items},
                    {"limit", page.limit},
                    {"offset", page.offset},
                    {"total", nullptr},
                    {"next_offset", more ? nlohmann::json(page.offset + page.limit) : nlohmann::json(nullptr)}});
}

Result<Reply> RunAlerts(Call& c) {
  BodyReader b(c.body);
  b.OnlyFields({"today"});
  const std::string today = b.String("today", true, 10);
  KASHF_RETURN_IF_ERROR(b.status());
  KASHF_ASSIGN_OR_RETURN(auto config, Config());
  std::vector<std::string> warnings;
  KASHF_ASSIGN_OR_RETURN(auto events, Events(c, "", warnings));
  KASHF_ASSIGN_OR_RETURN(auto report, warning::EvaluateAlerts(events, config, today));
  KASHF_ASSIGN_OR_RETURN(warning::AlertStore * store, c.db.alerts());
  KASHF_ASSIGN_OR_RETURN(auto ids, store->Put({c.user->username, c.user->agency}, report.alerts));
  nlohmann::json fresh = nlohmann::json::array();
  for (const auto& id : ids) {
    KASHF_ASSIGN_OR_RETURN(auto a, store->Get(id));
    fresh.push_back(ApiAlert(a));
  }
  warnings.insert(warnings.end(), report.notes.begin(), report.notes.end());
  return JsonReply({{"series_evaluated", report.series_evaluated},
                    {"points_evaluated", report.points_evaluated},
                    {"new_alerts", fresh},
                    {"notes", warnings}});
}

// The alert's series cell up to its period, with the detector's expected value and threshold.
Result<nlohmann::json> History(Call& c, const warning::Alert& a) {
  nlohmann::json out = nlohmann::json::array();
  if (a.kind != "spike") return out;
  KASHF_ASSIGN_OR_RETURN(auto config, Config());
  const warning::WatchedSeries* w = nullptr;
  for (const auto& s : config.series)
    if (s.name == a.series) w = &s;
  if (!w) return out;  // the series was removed from the configuration since
  warning::SeriesQuery q = w->query;
  q.today = a.period_start;
  auto eq = a.cell.find('=');
  if (eq != std::string::npos) q.filter[a.cell.substr(0, eq)] = a.cell.substr(eq + 1);
  q.breakdown.clear();
  std::vector<std::string> warnings;
  KASHF_ASSIGN_OR_RETURN(auto events, Events(c, q.filter["source"], warnings));
  KASHF_ASSIGN_OR_RETURN(auto s, warning::BuildSeries(events, q));
  const int64_t n = static_cast<int64_t>(s.total.counts.size());
  if (n == 0) return out;
  const int64_t from = std::max<int64_t>(0, n - 104);
  KASHF_ASSIGN_OR_RETURN(auto det, warning::RunDetector(a.detector, s.total.counts, from, n - 1, config.detectors));
  for (const auto& d : det)
    out.push_back({{"period_start", warning::FormatDay(s.period_starts[static_cast<size_t>(d.index)])},
                   {"observed", d.observed},
                   {"expected", d.evaluated ? nlohmann::json(d.expected) : nlohmann::json(nullptr)},
                   {"threshold", d.evaluated ? nlohmann::json(d.threshold) : nlohmann::json(nullptr)},
                   {"alarm", d.alarm}});
  return out;
}

Result<Reply> GetAlert(Call& c) {
  KASHF_ASSIGN_OR_RETURN(warning::AlertStore * store, c.db.alerts());
  KASHF_ASSIGN_OR_RETURN(auto a, store->Get(c.Param("alert_id")));
  nlohmann::json j = ApiAlert(a);
  KASHF_ASSIGN_OR_RETURN(j["history"], History(c, a));
  KASHF_RETURN_IF_ERROR(c.Audit("alert.read", a.id, ""));
  return JsonReply(j);
}

Result<Reply> Decide(Call& c, const std::string& what) {
  KASHF_ASSIGN_OR_RETURN(warning::AlertStore * store, c.db.alerts());
  const warning::AlertActor actor{c.user->username, c.user->agency};
  const std::string& id = c.Param("alert_id");
  if (what == "acknowledge") {
    BodyReader b(c.body);
    b.OnlyFields({"note"});
    std::string note = b.String("note", true, 2000);
    KASHF_RETURN_IF_ERROR(b.status());
    KASHF_RETURN_IF_ERROR(store->Acknowledge(actor, id, note));
  } else if (what == "dismiss") {
    BodyReader b(c.body);
    b.OnlyFields({"reason"});
    std::string reason = b.String("reason", true, 2000);
    KASHF_RETURN_IF_ERROR(b.status());
    KASHF_RETURN_IF_ERROR(store->Dismiss(actor, id, reason));
  } else {
    BodyReader b(c.body);
    b.OnlyFields({"case_id", "note"});
    std::string case_id = b.String("case_id", true, 200);
    std::string note = b.String("note", false, 2000);
    KASHF_RETURN_IF_ERROR(b.status());
    KASHF_RETURN_IF_ERROR(store->Escalate(actor, id, case_id, note));
  }
  KASHF_ASSIGN_OR_RETURN(auto a, store->Get(id));
  return JsonReply(ApiAlert(a));
}

Result<Reply> Acknowledge(Call& c) { return Decide(c, "acknowledge"); }
Result<Reply> Dismiss(Call& c) { return Decide(c, "dismiss"); }
Result<Reply> Escalate(Call& c) { return Decide(c, "escalate"); }

Result<Reply> Reference(Call&) {
  KASHF_ASSIGN_OR_RETURN(auto config, Config());
  const auto& d = config.detectors;
  nlohmann::json detectors = nlohmann::json::array();
  auto ears = [](const warning::EarsParams& p) {
    return nlohmann::json{{"baseline", p.baseline}, {"alpha", p.alpha}, {"min_sigma", p.min_sigma_floor}};
  };
  detectors.push_back({{"name", "ears_c1"}, {"parameters", ears(d.c1)}});
  detectors.push_back({{"name", "ears_c2"}, {"parameters", ears(d.c2)}});
  detectors.push_back({{"name", "ears_c3"}, {"parameters", ears(d.c3)}});
  const auto& f = d.farrington;
  detectors.push_back({{"name", "farrington"},
                       {"parameters",
                        {{"b", f.b},
                         {"w", f.w},
                         {"reweight", f.reweight},
                         {"weights_threshold", f.weights_threshold},
                         {"trend", f.trend},
                         {"trend_threshold", f.trend_threshold},
                         {"no_periods", f.no_periods},
                         {"past_weeks_not_included", f.past_weeks_not_included},
                         {"alpha", f.alpha},
                         {"threshold_method", f.threshold_method},
                         {"limit54", f.limit54}}}});
  detectors.push_back(
      {{"name", "cusum"}, {"parameters", {{"k", d.cusum.k}, {"h", d.cusum.h}, {"baseline", d.cusum.baseline}}}});
  detectors.push_back({{"name", "glrnb"},
                       {"parameters",
                        {{"c_arl", d.glrnb.c_arl},
                         {"baseline", d.glrnb.baseline},
                         {"alpha", d.glrnb.alpha < 0 ? nlohmann::json("estimate") : nlohmann::json(d.glrnb.alpha)},
                         {"window", d.glrnb.window}}}});
  nlohmann::json series = nlohmann::json::array();
  for (const auto& s : config.series) {
    auto it = s.query.filter.find("source");
    series.push_back({{"name", s.name},
                      {"source", it == s.query.filter.end() ? "" : it->second},
                      {"period", warning::PeriodName(s.query.period)},
                      {"by", s.query.breakdown},
                      {"detectors", s.detectors}});
  }
  return JsonReply({{"dimensions", warning::KnownDimensions()},
                    {"sources", warning::EventSourceNames()},
                    {"detectors", detectors},
                    {"series", series}});
}

}  // namespace

void AddWarningRoutes(Router& r) {
  r.Add({"GET", "/api/v1/trends", Permission::kReadTrends, false, Trend,
         "count series by week/month with a breakdown (source, period, by, filter, from, to)"});
  r.Add({"GET", "/api/v1/alerts", Permission::kReadAlerts, false, ListAlerts, "early-warning alerts"});
  r.Add({"POST", "/api/v1/alerts/run", Permission::kDecideAlerts, true, RunAlerts,
         "evaluate every watched series and store new alerts"});
  r.Add({"GET", "/api/v1/alerts/{alert_id}", Permission::kReadAlerts, false, GetAlert,
         "one alert with its explanation and series history"});
  r.Add({"POST", "/api/v1/alerts/{alert_id}/acknowledge", Permission::kDecideAlerts, true, Acknowledge,
         "acknowledge an alert"});
  r.Add({"POST", "/api/v1/alerts/{alert_id}/dismiss", Permission::kDecideAlerts, true, Dismiss,
         "dismiss an alert with a reason"});
  r.Add({"POST", "/api/v1/alerts/{alert_id}/escalate", Permission::kDecideAlerts, true, Escalate,
         "escalate an alert to a case"});
  r.Add({"GET", "/api/v1/reference/warning", Permission::kReadReference, false, Reference,
         "series dimensions, detectors and watched series"});
}

}  // namespace kashf::server
