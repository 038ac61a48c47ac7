// kashf alerts run: every watched series (total and each breakdown cell) through its detectors,
// and the new-category rules, as of `today`.
#include "kashf/warning/evaluate.h"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

namespace kashf::warning {
namespace {

std::string CellLabel(const std::string& breakdown, const std::string& cell) {
  return breakdown.empty() || cell == "total" ? "total" : breakdown + "=" + cell;
}

Alert SpikeAlert(const WatchedSeries& w, const std::string& detector, const SeriesResult& s, const CountSeries& cell,
                 const Detection& d) {
  Alert a;
  a.kind = "spike";
  a.series = w.name;
  a.detector = detector;
  a.cell = CellLabel(w.query.breakdown, cell.cell);
  a.period = PeriodName(s.period);
  const auto i = static_cast<size_t>(d.index);
  a.period_start = FormatDay(s.period_starts[i]);
  a.observed = d.observed;
  a.expected = d.expected;
  a.threshold = d.threshold;
  a.statistic = d.statistic;
  a.baseline_from = FormatDay(s.period_starts[static_cast<size_t>(std::max<int64_t>(0, d.baseline_from))]);
  a.baseline_to = FormatDay(s.period_starts[static_cast<size_t>(std::max<int64_t>(0, d.baseline_to))]);
  a.records = cell.records[i];
  a.explanation =
      fmt::format("{} {}: {} in the {} of {} where {:.1f} were expected; {} threshold {:.1f} (baseline {} .. {}){}",
                  w.name, a.cell, a.observed, a.period, a.period_start, a.expected, detector, a.threshold,
                  a.baseline_from, a.baseline_to, d.note.empty() ? "" : "; " + d.note);
  a.dedup_key = fmt::format("{}|{}|{}|{}", a.series, a.detector, a.cell, a.period_start);
  return a;
}

// The alert for the first event with `value` (within the cell `within`), in the week from window_start.
Alert NewCategoryAlert(const NewCategoryRule& rule, const Event& e, const std::string& within, const std::string& value,
                       int64_t window_start, int64_t first_day, int64_t earlier) {
  Alert a;
  a.kind = "new_category";
  a.series = rule.name;
  a.detector = rule.name;
  a.cell = rule.within.empty() ? rule.dimension + "=" + value
                               : rule.within + "=" + within + ", " + rule.dimension + "=" + value;
  a.period = "week";
  a.period_start = FormatDay(window_start);
  a.baseline_from = FormatDay(first_day);
  a.baseline_to = FormatDay(window_start - 1);
  a.expected = 0;
  a.threshold = 0;
  a.explanation =
      fmt::format("first {} with {} '{}'{} since records began ({}); {} earlier event(s) {}", e.source, rule.dimension,
                  value, rule.within.empty() ? "" : fmt::format(" in {} '{}'", rule.within, within), a.baseline_from,
                  earlier, rule.within.empty() ? "in all" : "in this " + rule.within);
  a.dedup_key = fmt::format("{}|{}|{}", rule.name, a.cell, a.period_start);
  return a;
}

void NewCategoryAlerts(const std::vector<Event>& events, const NewCategoryRule& rule, int64_t today,
                       EvaluationReport& report) {
  std::vector<const Event*> sorted;
  for (const auto& e : events)
    if (e.day <= today && (rule.source.empty() || e.source == rule.source)) sorted.push_back(&e);
  std::stable_sort(sorted.begin(), sorted.end(), [](auto* a, auto* b) { return a->day < b->day; });
  const int64_t window_start = PeriodStart(Period::kWeek, today);
  std::map<std::string, int64_t> cell_events;  // within value -> events seen before
  std::set<std::pair<std::string, std::string>> seen;
  std::map<std::pair<std::string, std::string>, Alert> fresh;
  for (const Event* e : sorted) {
    const std::string within = rule.within.empty() ? "" : e->Value(rule.within);
    if (!rule.within.empty() && within == "unknown") continue;
    bool counted = false;
    for (const std::string& value : e->Values(rule.dimension)) {  // every transit country of a journey
      if (value == "unknown") continue;
      counted = true;
      auto key = std::make_pair(within, value);
      if (!seen.count(key)) {
        seen.insert(key);
        if (e->day >= window_start && cell_events[within] > 0)
          fresh.emplace(
              key, NewCategoryAlert(rule, *e, within, value, window_start, sorted.front()->day, cell_events[within]));
      }
      if (auto it = fresh.find(key); it != fresh.end()) {
        ++it->second.observed;
        it->second.records.push_back(e->record);
      }
    }
    if (counted) ++cell_events[within];
  }
  for (auto& [k, a] : fresh) report.alerts.push_back(std::move(a));
}

}  // namespace

Result<EvaluationReport> EvaluateAlerts(const std::vector<Event>& events, const WarningConfig& config,
                                        const std::string& today) {
  const int64_t today_day = ParseDay(today);
  if (today_day < 0) return Status::InvalidArgument(fmt::format("today '{}' is not a date YYYY-MM-DD", today));
  EvaluationReport report;
  int64_t future = 0;
  for (const auto& e : events) future += e.day > today_day ? 1 : 0;
  if (future > 0)
    report.notes.push_back(fmt::format("{} event(s) dated after {} were ignored (future dates)", future, today));
  for (const auto& w : config.series) {
    SeriesQuery q = w.query;
    q.today = today;
    q.to = today;
    q.from.clear();
    KASHF_ASSIGN_OR_RETURN(SeriesResult s, BuildSeries(events, q));
    const int64_t n = static_cast<int64_t>(s.period_starts.size());
    std::vector<const CountSeries*> cells = {&s.total};
    for (const auto& c : s.cells) cells.push_back(&c);
    const int64_t from = std::max<int64_t>(0, n - w.evaluate_last);
    for (const auto& detector : w.detectors) {
      int64_t skipped = 0;
      std::string why;
      for (const CountSeries* cell : cells) {
        KASHF_ASSIGN_OR_RETURN(auto dets, RunDetector(detector, cell->counts, from, n - 1, config.detectors));
        ++report.series_evaluated;
        for (const auto& d : dets) {
          if (!d.evaluated) {
            ++skipped;
            why = d.note;
            continue;
          }
          ++report.points_evaluated;
          if (d.alarm) report.alerts.push_back(SpikeAlert(w, detector, s, *cell, d));
        }
      }
      if (skipped > 0)
        report.notes.push_back(fmt::format("{} / {}: {} point(s) not evaluated: {}", w.name, detector, skipped, why));
    }
  }
  for (const auto& rule : config.new_category) NewCategoryAlerts(events, rule, today_day, report);
  return report;
}

}  // namespace kashf::warning
