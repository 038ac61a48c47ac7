// kashf trend | kashf alerts ...: early warning (docs/early-warning.md). Series of seizures, survivors'
// cases, FIRs, payments, journeys (routes) and civil-society reports by week or month with a breakdown; detectors;
// alerts with their explanation and the analyst's decision (acknowledge, dismiss with a reason,
// escalate to a case), all audited.

#include <chrono>
#include <ctime>
#include <fstream>
#include <map>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "case_command.h"
#include "cli_util.h"
#include "firearm_command.h"
#include "kashf/core/paths.h"
#include "kashf/core/text.h"
#include "kashf/reports/report_events.h"
#include "kashf/reports/report_store.h"
#include "kashf/victims/civil_date.h"
#include "kashf/warning/alert_json.h"
#include "kashf/warning/alert_store.h"
#include "kashf/warning/evaluate.h"
#include "kashf/warning/event_sources.h"
#include "kashf/warning/outbreak_sim.h"

namespace kashf::cli {
namespace {

using warning::Alert;

struct SourceArgs {
  VictimOptions v;
  bool victims = true;
  std::string only;  // read only this source (one of warning::EventSourceNames()); "" = every source
};

Status RequireStore(const GlobalOptions& g) {
  return RequireExistingStore(g.db, fmt::format("create one with `kashf --db {} init`", g.db));
}

// Events from --db: seizures from the firearms register, consenting cases (all agencies: aggregates),
// FIRs, payments and journeys from the statement store, and civil-society reports; only `a.only` when
// given.
Result<std::vector<warning::Event>> LoadEvents(const GlobalOptions& g, const SourceArgs& a,
                                               std::vector<std::string>& warnings) {
  KASHF_RETURN_IF_ERROR(RequireStore(g));
  const auto wanted = [&a](std::string_view s) { return a.only.empty() || a.only == s; };
  warning::EventRegisters from;
  std::unique_ptr<firearms::FirearmRegistry> firearms;
  if (wanted("seizure")) {
    KASHF_ASSIGN_OR_RETURN(firearms, OpenFirearmRegistry(g, false));
    from.firearms = firearms.get();
  }
  std::unique_ptr<victims::CaseRegistry> cases;
  if (a.victims && wanted("victim")) {
    KASHF_ASSIGN_OR_RETURN(from.actor, ActorFrom(a.v));
    from.actor.all_agencies = true;  // series are aggregates; the registry audits the bulk read
    KASHF_ASSIGN_OR_RETURN(cases, OpenRegistry(g, a.v, false, false));
    from.cases = cases.get();
  }
  Opened statements;
  if (a.only.empty() || warning::IsStatementStoreSource(a.only)) {
    KASHF_ASSIGN_OR_RETURN(statements, OpenStore(g));
    warning::UseStatementStore(statements.store.get(), wanted, from);
  }
  KASHF_ASSIGN_OR_RETURN(auto events, warning::CollectEvents(from, warnings));
  if (wanted("report")) {  // their date, district and category only (never the text or contact)
    KASHF_ASSIGN_OR_RETURN(auto reference, reports::ReportReference::LoadDefault());
    KASHF_ASSIGN_OR_RETURN(auto report_store, reports::OpenSqliteReportStore(g.db, std::move(reference)));
    KASHF_ASSIGN_OR_RETURN(auto reported, reports::ReportEvents(*report_store));
    events.insert(events.end(), std::make_move_iterator(reported.begin()), std::make_move_iterator(reported.end()));
  }
  return events;
}

void AddSourceOptions(CLI::App* cmd, SourceArgs& a) {
  AddVictimOptions(cmd, a.v);
  cmd->add_flag("!--no-victims", a.victims, "Leave survivors' cases out");
}

std::string Today(const std::string& given) { return given.empty() ? victims::TodayUtc() : given; }

void PrintAlert(const Alert& a) {
  fmt::print("{}  [{}] {} / {} / {}  ({} of {})\n", a.id, warning::AlertStateName(a.state), a.series, a.detector,
             a.cell, a.period, a.period_start);
  fmt::print("    observed {}  expected {:.2f}  threshold {:.2f}  baseline {} .. {}\n", a.observed, a.expected,
             a.threshold, a.baseline_from, a.baseline_to);
  fmt::print("    {}\n", a.explanation);
  if (!a.records.empty()) {
    size_t shown = std::min<size_t>(a.records.size(), 8);
    fmt::print("    records: {}{}\n", fmt::join(a.records.begin(), a.records.begin() + static_cast<long>(shown), " "),
               a.records.size() > shown ? fmt::format(" (+{} more)", a.records.size() - shown) : "");
  }
  if (!a.decided_by.empty())
    fmt::print("    decided by {}{}{}\n", a.decided_by, a.reason.empty() ? "" : ": " + a.reason,
               a.case_id.empty() ? "" : " -> " + a.case_id);
}

struct TrendArgs {
  SourceArgs src;
  std::string source = "seizure", period = "week", by, from, to, today, detector;
  std::vector<std::string> filters;
  int64_t k = 0;
  size_t cells = 8;
};

Status RunTrend(const GlobalOptions& g, const TrendArgs& a) {
  warning::SeriesQuery q;
  KASHF_ASSIGN_OR_RETURN(q.period, warning::ParsePeriod(a.period));
  q.filter["source"] = a.source;
  for (const auto& f : a.filters) {
    auto eq = f.find('=');
    if (eq == std::string::npos || eq == 0)
      return Status::InvalidArgument(fmt::format("--filter '{}' must be dimension=value, e.g. district=Quetta", f));
    q.filter[f.substr(0, eq)] = f.substr(eq + 1);
  }
  q.breakdown = a.by;
  q.from = a.from;
  q.to = a.to;
  q.today = Today(a.today);
  q.small_cell_k = a.k;
  SourceArgs src = a.src;
  src.only = a.source;
  std::vector<std::string> warnings;
  KASHF_ASSIGN_OR_RETURN(auto events, LoadEvents(g, src, warnings));
  KASHF_ASSIGN_OR_RETURN(auto s, warning::BuildSeries(events, q));
  warnings.insert(warnings.end(), s.warnings.begin(), s.warnings.end());
  std::vector<warning::Detection> det;
  int64_t det_from = 0;  // the first period the detector evaluates
  if (!a.detector.empty()) {
    if (a.k > 0) return Status::InvalidArgument("--detector needs full counts; leave out --k");
    const int64_t n = static_cast<int64_t>(s.total.counts.size());
    // CUSUM and the GLR estimate their mean from the periods before the run: they run on the last 104.
    if (a.detector == "cusum" || a.detector == "glrnb") det_from = std::max<int64_t>(1, n - 104);
    KASHF_ASSIGN_OR_RETURN(auto config, warning::LoadWarningConfig(DataPath("data/reference/early-warning.yaml")));
    KASHF_ASSIGN_OR_RETURN(det, warning::RunDetector(a.detector, s.total.counts, det_from, n - 1, config.detectors));
  }
  const size_t cells = std::min(a.cells, s.cells.size());
  if (g.json) {
    nlohmann::json j{{"period", warning::PeriodName(s.period)}, {"by", a.by}, {"warnings", warnings}};
    nlohmann::json starts = nlohmann::json::array(), cs = nlohmann::json::array();
    for (auto d : s.period_starts) starts.push_back(warning::FormatDay(d));
    j["period_starts"] = starts;
    j["total"] = s.total.counts;
    for (size_t i = 0; i < cells; ++i) cs.push_back({{"cell", s.cells[i].cell}, {"counts", s.cells[i].counts}});
    j["cells"] = cs;
    fmt::print("{}\n", j.dump(2));
    return Status::Ok();
  }
  fmt::print("{} by {}{}{}\n", a.source, warning::PeriodName(s.period), a.by.empty() ? "" : ", broken down by " + a.by,
             a.k > 0 ? fmt::format(" (cells of 1..{} withheld as '-')", a.k - 1) : "");
  fmt::print("{:<12}{:>8}", "period", "total");
  if (!det.empty()) fmt::print("{:>10}{:>10}{:>7}", "expected", "threshold", "alarm");
  for (size_t i = 0; i < cells; ++i) fmt::print(" {:>12.12}", s.cells[i].cell);
  fmt::print("\n");
  auto num = [](int64_t v) { return v < 0 ? std::string("-") : std::to_string(v); };
  for (size_t p = 0; p < s.period_starts.size(); ++p) {
    fmt::print("{:<12}{:>8}", warning::FormatDay(s.period_starts[p]), num(s.total.counts[p]));
    if (!det.empty()) {
      const auto i = static_cast<int64_t>(p) - det_from;
      if (i >= 0 && det[static_cast<size_t>(i)].evaluated) {
        const auto& d = det[static_cast<size_t>(i)];
        fmt::print("{:>10.2f}{:>10.2f}{:>7}", d.expected, d.threshold, d.alarm ? "ALARM" : "");
      } else {
        fmt::print("{:>10}{:>10}{:>7}", "", "", "");
      }
    }
    for (size_t i = 0; i < cells; ++i) fmt::print(" {:>12}", num(s.cells[i].counts[p]));
    fmt::print("\n");
  }
  if (s.cells.size() > cells) fmt::print("({} more cells; --cells N shows more)\n", s.cells.size() - cells);
  for (const auto& w : warnings) fmt::print(stderr, "note: {}\n", w);
  return Status::Ok();
}

CommandRegistration trend(57, [](CLI::App& app, GlobalOptions& g) -> RunFn {
  auto a = std::make_shared<TrendArgs>();
  auto* cmd = app.add_subcommand(
      "trend",
      "Counts of seizures, survivors' cases, FIRs, payments, journeys or reports by week or month, with a breakdown");
  cmd->add_option("--source", a->source,
                  "seizure, victim, report (civil-society reports), fir (FIR and case records of the store), "
                  "payment (payments of the store) or travel (journeys of the store: routes)")
      ->capture_default_str()
      ->check(CLI::IsMember(warning::EventSourceNames()));
  cmd->add_option("--period", a->period, "week or month")->capture_default_str();
  cmd->add_option("--by", a->by, "Breakdown dimension (district, province, calibre, firearm_type, make, ...)");
  cmd->add_option("--filter", a->filters, "dimension=value; repeat for several (all must match)");
  cmd->add_option("--from", a->from, "First day YYYY-MM-DD (default: the first event)");
  cmd->add_option("--to", a->to, "Last day YYYY-MM-DD (default: today)");
  cmd->add_option("--today", a->today, "Evaluate as of this day (events after it are future and ignored)");
  cmd->add_option("--k", a->k, "Withhold period counts of 1..k-1 and fold small cells (CTDC rule; 0 = exact)");
  cmd->add_option("--detector", a->detector,
                  "Also show a detector on the total: ears_c1 ears_c2 ears_c3 farrington cusum glrnb");
  cmd->add_option("--cells", a->cells, "Breakdown cells shown (largest first)")->capture_default_str();
  AddSourceOptions(cmd, a->src);
  cmd->footer(
      "Dimensions: district province offence firearm_type calibre make seizure_place route origin_country\n"
      "transit_country destination_country victim_sex age_band exploitation_type payment_channel agency\n"
      "report_category. Examples:\n"
      "  kashf --db k.db trend --by calibre --filter district=Quetta --detector farrington\n"
      "  kashf --db k.db trend --source fir --by offence --period month\n"
      "  kashf --db k.db trend --source payment --by payment_channel --filter agency=transactions\n"
      "  kashf --db k.db trend --source travel --by route --period month");
  return [&g, a] { return RunTrend(g, *a); };
});

struct AlertArgs {
  SourceArgs src;
  std::string config, today, id, reason, case_id, state, series, events;
  size_t limit = 50;
};

Result<std::unique_ptr<warning::AlertStore>> Store(const GlobalOptions& g) {
  KASHF_RETURN_IF_ERROR(RequireStore(g));
  return warning::OpenSqliteAlertStore(g.db);
}

Result<warning::AlertActor> Actor(const AlertArgs& a) {
  KASHF_ASSIGN_OR_RETURN(auto actor, ActorFrom(a.src.v));
  return warning::AlertActor{actor.user, actor.agency};
}

Status RunAlerts(const GlobalOptions& g, const AlertArgs& a) {
  std::string path = a.config.empty() ? DataPath("data/reference/early-warning.yaml") : a.config;
  KASHF_ASSIGN_OR_RETURN(auto config, warning::LoadWarningConfig(path));
  KASHF_ASSIGN_OR_RETURN(auto actor, Actor(a));
  std::vector<std::string> warnings;
  std::vector<warning::Event> events;
  if (!a.events.empty()) {
    KASHF_ASSIGN_OR_RETURN(events, warning::ReadEventsCsv(a.events));
  } else {
    KASHF_ASSIGN_OR_RETURN(events, LoadEvents(g, a.src, warnings));
  }
  KASHF_ASSIGN_OR_RETURN(auto report, warning::EvaluateAlerts(events, config, Today(a.today)));
  KASHF_ASSIGN_OR_RETURN(auto store, Store(g));
  KASHF_ASSIGN_OR_RETURN(auto ids, store->Put(actor, report.alerts));
  warnings.insert(warnings.end(), report.notes.begin(), report.notes.end());
  std::vector<Alert> fresh;
  for (const auto& id : ids) {
    KASHF_ASSIGN_OR_RETURN(Alert al, store->Get(id));
    fresh.push_back(std::move(al));
  }
  if (g.json) {
    nlohmann::json arr = nlohmann::json::array();
    for (const auto& al : fresh) arr.push_back(warning::AlertToJson(al));
    fmt::print("{}\n", nlohmann::json{{"series_evaluated", report.series_evaluated},
                                      {"points_evaluated", report.points_evaluated},
                                      {"new_alerts", arr},
                                      {"notes", warnings}}
                           .dump(2));
    return Status::Ok();
  }
  fmt::print("{} events; {} series cells x detectors evaluated ({} points); {} alarm(s), {} new alert(s)\n",
             events.size(), report.series_evaluated, report.points_evaluated, report.alerts.size(), fresh.size());
  for (const auto& al : fresh) PrintAlert(al);
  for (const auto& w : warnings) fmt::print(stderr, "note: {}\n", w);
  return Status::Ok();
}

struct BenchArgs {
  std::string dir, r_alarms;
  // Detector names, and "farrington_muan": Farrington with threshold_method muan.
  std::vector<std::string> detectors = {"ears_c1", "ears_c2",         "ears_c3", "farrington",
                                        "cusum",   "farrington_muan", "glrnb"};
  int64_t limit = 0;
  double r_seconds = 0;
};

// Reads R's alarms (detector,series,week per alarm; 0-based series and week) for the same series.
Result<std::map<std::string, std::vector<std::vector<bool>>>> ReadRAlarms(const std::string& path, size_t series,
                                                                          size_t weeks) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound(fmt::format("{}: R alarms not found", path));
  std::map<std::string, std::vector<std::vector<bool>>> out;
  std::string line;
  std::getline(in, line);
  while (std::getline(in, line)) {
    auto f = Split(line, ',');
    if (f.size() != 3) continue;
    for (auto& x : f)
      if (!x.empty() && x.front() == '"') x = x.substr(1, x.size() - 2);
    auto& m = out[f[0]];
    if (m.empty()) m.assign(series, std::vector<bool>(weeks, false));
    size_t i = std::stoul(f[1]), w = std::stoul(f[2]);
    if (i < series && w < weeks) m[i][w] = true;
  }
  return out;
}

Status RunBench(const GlobalOptions& g, const BenchArgs& a) {
  KASHF_ASSIGN_OR_RETURN(auto s, warning::ReadSimulatedSeries(a.dir));
  if (a.limit > 0) {  // the first `limit` threat series (truth order) and the first `limit` quiet ones
    std::vector<int64_t> keep;
    std::vector<bool> threat(s.names.size(), false);
    for (const auto& t : s.truth) threat[static_cast<size_t>(t.series)] = true;
    for (const auto& t : s.truth)
      if (static_cast<int64_t>(keep.size()) < a.limit) keep.push_back(t.series);
    for (size_t i = 0, quiet = 0; i < s.names.size() && static_cast<int64_t>(quiet) < a.limit; ++i)
      if (!threat[i]) keep.push_back(static_cast<int64_t>(i)), ++quiet;
    warning::SimulatedSeries sub;
    sub.first_day = s.first_day;
    for (size_t j = 0; j < keep.size(); ++j) {
      sub.names.push_back(s.names[static_cast<size_t>(keep[j])]);
      sub.counts.push_back(s.counts[static_cast<size_t>(keep[j])]);
      for (const auto& t : s.truth)
        if (t.series == keep[j]) sub.truth.push_back({t.kind, static_cast<int64_t>(j), t.start, t.end});
    }
    s = std::move(sub);
  }
  const int64_t weeks = s.counts.empty() ? 0 : static_cast<int64_t>(s.counts[0].size());
  const int64_t from = std::max<int64_t>(0, weeks - 104);
  KASHF_ASSIGN_OR_RETURN(auto config, warning::LoadWarningConfig(DataPath("data/reference/early-warning.yaml")));
  std::vector<warning::DetectorScore> scores;
  warning::DetectorParams muan = config.detectors;
  muan.farrington.threshold_method = "muan";
  for (const auto& d : a.detectors) {
    const bool is_muan = d == "farrington_muan";
    std::vector<std::vector<bool>> alarms(s.counts.size(), std::vector<bool>(static_cast<size_t>(weeks), false));
    int64_t points = 0;
    auto t0 = std::chrono::steady_clock::now();
    const std::clock_t c0 = std::clock();
    for (size_t i = 0; i < s.counts.size(); ++i) {
      KASHF_ASSIGN_OR_RETURN(auto det, warning::RunDetector(is_muan ? "farrington" : d, s.counts[i], from, weeks - 1,
                                                            is_muan ? muan : config.detectors));
      for (const auto& x : det) {
        alarms[i][static_cast<size_t>(x.index)] = x.alarm;
        points += x.evaluated ? 1 : 0;
      }
    }
    auto sc = warning::ScoreAlarms(s, d, alarms, from);
    sc.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    sc.cpu_seconds = static_cast<double>(std::clock() - c0) / CLOCKS_PER_SEC;
    sc.points = points;
    scores.push_back(sc);
  }
  std::vector<warning::DetectorScore> r_scores;
  if (!a.r_alarms.empty()) {
    KASHF_ASSIGN_OR_RETURN(auto r, ReadRAlarms(a.r_alarms, s.counts.size(), static_cast<size_t>(weeks)));
    for (const auto& [d, alarms] : r) r_scores.push_back(warning::ScoreAlarms(s, "R " + d, alarms, from));
  }
  if (g.json) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto* list : {&scores, &r_scores})
      for (const auto& sc : *list)
        out.push_back({{"detector", sc.detector},
                       {"threats", sc.threats},
                       {"detected", sc.detected},
                       {"probability_of_detection", sc.probability_of_detection},
                       {"false_alarms_per_series_year", sc.false_alarms_per_series_year},
                       {"median_delay_weeks", sc.median_delay_weeks},
                       {"seconds", sc.seconds},
                       {"cpu_seconds", sc.cpu_seconds},
                       {"points", sc.points}});
    fmt::print("{}\n", out.dump(2));
    return Status::Ok();
  }
  fmt::print("{} series x {} weeks, last {} weeks evaluated, {} threats\n", s.counts.size(), weeks, weeks - from,
             s.truth.size());
  fmt::print(
      "| detector | POD | false alarms / series-year | median delay (weeks) | points | wall s | CPU s |\n"
      "|---|---:|---:|---:|---:|---:|---:|\n");
  for (const auto* list : {&scores, &r_scores})
    for (const auto& sc : *list)
      fmt::print("| {} | {:.2f} ({}/{}) | {:.3f} | {:.1f} | {} | {} | {} |\n", sc.detector, sc.probability_of_detection,
                 sc.detected, sc.threats, sc.false_alarms_per_series_year, sc.median_delay_weeks, sc.points,
                 sc.seconds > 0 ? fmt::format("{:.2f}", sc.seconds) : "-",
                 sc.cpu_seconds > 0 ? fmt::format("{:.2f}", sc.cpu_seconds) : "-");
  return Status::Ok();
}

Status RunList(const GlobalOptions& g, const AlertArgs& a) {
  KASHF_ASSIGN_OR_RETURN(auto store, Store(g));
  warning::AlertFilter f;
  f.series = a.series;
  f.limit = a.limit;
  if (!a.state.empty()) {
    bool found = false;
    for (auto s : {warning::AlertState::kOpen, warning::AlertState::kAcknowledged, warning::AlertState::kDismissed,
                   warning::AlertState::kEscalated})
      if (a.state == warning::AlertStateName(s)) f.state = s, found = true;
    if (!found) return Status::InvalidArgument("--state must be open, acknowledged, dismissed or escalated");
  }
  KASHF_ASSIGN_OR_RETURN(auto alerts, store->List(f));
  if (g.json) {
    nlohmann::json arr = nlohmann::json::array();
    for (const auto& al : alerts) arr.push_back(warning::AlertToJson(al));
    fmt::print("{}\n", arr.dump(2));
    return Status::Ok();
  }
  for (const auto& al : alerts) PrintAlert(al);
  if (alerts.empty()) fmt::print("no alerts{}\n", a.state.empty() ? "" : " in state " + a.state);
  return Status::Ok();
}

Status RunDecision(const GlobalOptions& g, const AlertArgs& a, const std::string& what) {
  KASHF_ASSIGN_OR_RETURN(auto store, Store(g));
  if (what == "show") {
    KASHF_ASSIGN_OR_RETURN(auto al, store->Get(a.id));
    if (g.json) fmt::print("{}\n", warning::AlertToJson(al).dump(2));
    else PrintAlert(al);
    return Status::Ok();
  }
  KASHF_ASSIGN_OR_RETURN(auto actor, Actor(a));
  if (what == "ack") KASHF_RETURN_IF_ERROR(store->Acknowledge(actor, a.id, a.reason));
  if (what == "dismiss") KASHF_RETURN_IF_ERROR(store->Dismiss(actor, a.id, a.reason));
  if (what == "escalate") KASHF_RETURN_IF_ERROR(store->Escalate(actor, a.id, a.case_id, a.reason));
  KASHF_ASSIGN_OR_RETURN(auto al, store->Get(a.id));
  PrintAlert(al);
  return Status::Ok();
}

CommandRegistration alerts(58, [](CLI::App& app, GlobalOptions& g) -> RunFn {
  auto a = std::make_shared<AlertArgs>();
  auto* cmd =
      app.add_subcommand("alerts", "Early-warning alerts: run the detectors, list, acknowledge, dismiss, escalate");
  cmd->require_subcommand(1);
  auto chosen = std::make_shared<std::string>();
  auto* run = cmd->add_subcommand("run", "Evaluate every watched series and new-category rule; store new alerts");
  run->add_option("--config", a->config, "Configuration (default data/reference/early-warning.yaml)");
  run->add_option("--today", a->today, "Evaluate as of this day YYYY-MM-DD (default: today, UTC)");
  run->add_option("--events", a->events,
                  "Read events from this CSV (date,source,record,DIMENSION...) instead of the registers, "
                  "e.g. DIR/early-warning/events.csv from kashf simulate --outbreaks");
  AddSourceOptions(run, a->src);
  auto* list = cmd->add_subcommand("list", "Stored alerts, newest period first");
  list->add_option("--state", a->state, "open, acknowledged, dismissed or escalated");
  list->add_option("--series", a->series, "Only this watched series");
  list->add_option("--limit", a->limit, "At most this many")->capture_default_str();
  auto* show = cmd->add_subcommand("show", "One alert with its explanation and records");
  auto b = std::make_shared<BenchArgs>();
  auto* bench = cmd->add_subcommand(
      "bench", "Score the detectors on simulated threats (kashf simulate --outbreaks): detection, false alarms, delay");
  bench->add_option("DIR", b->dir, "The early-warning folder written by kashf simulate --outbreaks")->required();
  bench->add_option("--detector", b->detectors, "Detectors to score (repeat); farrington_muan = the muan threshold");
  bench->add_option("--limit", b->limit,
                    "Only the first N threat series and the first N quiet ones (the subset bench/early_warning_r.R "
                    "runs)");
  bench->add_option("--r-alarms", b->r_alarms,
                    "R's alarms on the same series (bench/early_warning_r.R) to score beside");
  auto* ack = cmd->add_subcommand("ack", "Acknowledge an alert (audited)");
  ack->add_option("--note", a->reason, "What will be done about it");
  auto* dismiss = cmd->add_subcommand("dismiss", "Dismiss an alert with a reason (audited)");
  dismiss->add_option("--reason", a->reason, "Why it is not a threat")->required();
  auto* escalate = cmd->add_subcommand("escalate", "Escalate an alert to a case (audited)");
  escalate->add_option("--case", a->case_id, "The case (investigation or NRM case id)")->required();
  escalate->add_option("--note", a->reason, "A note for the case");
  for (auto* c : {show, ack, dismiss, escalate}) c->add_option("ID", a->id, "Alert id, e.g. alert-000001")->required();
  for (auto* c : {list, show, ack, dismiss, escalate}) AddVictimOptions(c, a->src.v);
  cmd->footer(
      "Example:\n  kashf --db k.db alerts run --user amina --agency fia\n  kashf --db k.db alerts list --state open\n"
      "  kashf --db k.db alerts dismiss alert-000003 --reason 'planned checkpoint operation' --user amina --agency "
      "fia");
  return [&g, a, b, run, list, show, bench, ack, dismiss]() -> Status {  // otherwise: escalate
    if (run->parsed()) return RunAlerts(g, *a);
    if (bench->parsed()) return RunBench(g, *b);
    if (list->parsed()) return RunList(g, *a);
    if (show->parsed()) return RunDecision(g, *a, "show");
    if (ack->parsed()) return RunDecision(g, *a, "ack");
    if (dismiss->parsed()) return RunDecision(g, *a, "dismiss");
    return RunDecision(g, *a, "escalate");
  };
});

}  // namespace
}  // namespace kashf::cli
