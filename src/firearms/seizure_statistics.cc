// IAFQ-shaped seizure statistics and SDG 16.4.2 (see seizure_statistics.h).
#include "kashf/firearms/seizure_statistics.h"

#include <fmt/format.h>
#include <xlsxwriter.h>

#include <set>
#include <unordered_map>

#include "csv_text.h"

namespace kashf::firearms {
namespace {

struct FirearmFacts {
  std::string type, calibre, country, bore;
};

bool InPeriod(const std::string& date, const StatisticsPeriod& p) {
  return (p.from.empty() || date >= p.from) && (p.to.empty() || date <= p.to);
}

std::string OrUnrecorded(const std::string& v) { return v.empty() ? "(not recorded)" : v; }

}  // namespace

const std::vector<std::string>& SeizureDimensions() {
  static const std::vector<std::string> k = {
      "type", "calibre", "bore_class", "country_of_manufacture", "seizure_context", "district", "month"};
  return k;
}

Result<SeizureStatistics> ComputeSeizureStatistics(FirearmRegistry& registry, const StatisticsPeriod& period) {
  std::unordered_map<int64_t, FirearmFacts> facts;
  KASHF_RETURN_IF_ERROR(registry.ForEachFirearm([&](const Firearm& f) {
    facts[f.id] = {f.type, f.calibre, f.country_of_manufacture, f.bore_class};
    return true;
  }));
  SeizureStatistics s;
  for (const auto& d : SeizureDimensions()) s.by[d];
  std::set<int64_t> seized, surrendered;
  KASHF_RETURN_IF_ERROR(registry.ForEachEvent([&](const LifecycleEvent& e) {
    if (!InPeriod(e.date, period)) return true;
    if (e.kind == "surrendered") surrendered.insert(e.firearm_id);
    if (e.kind != "seized") return true;
    ++s.seizure_events;
    seized.insert(e.firearm_id);
    const FirearmFacts& f = facts[e.firearm_id];
    ++s.by["type"][OrUnrecorded(f.type)];
    ++s.by["calibre"][OrUnrecorded(f.calibre)];
    ++s.by["bore_class"][OrUnrecorded(f.bore)];
    ++s.by["country_of_manufacture"][OrUnrecorded(f.country)];
    ++s.by["seizure_context"][OrUnrecorded(e.seizure_context)];
    ++s.by["district"][OrUnrecorded(e.district)];
    ++s.by["month"][e.date.substr(0, 7)];
    return true;
  }));
  s.seized_firearms = static_cast<int64_t>(seized.size());
  s.surrendered_firearms = static_cast<int64_t>(surrendered.size());
  std::set<int64_t> in_scope = seized;
  in_scope.insert(surrendered.begin(), surrendered.end());
  s.in_scope_firearms = static_cast<int64_t>(in_scope.size());
  KASHF_ASSIGN_OR_RETURN(auto requests, registry.TraceRequests(std::nullopt));
  std::set<int64_t> requested;
  for (const auto& r : requests)
    if (in_scope.count(r.firearm_id)) requested.insert(r.firearm_id);
  s.trace_requested = static_cast<int64_t>(requested.size());
  KASHF_ASSIGN_OR_RETURN(auto established, registry.FirearmsWithEstablishedOrigin());
  for (int64_t id : established) s.origin_established += in_scope.count(id) ? 1 : 0;
  s.sdg_16_4_2_share =
      s.in_scope_firearms ? static_cast<double>(s.origin_established) / static_cast<double>(s.in_scope_firearms) : 0;
  return s;
}

std::string SeizureStatisticsCsv(const SeizureStatistics& s) {
  std::string out = "dimension,value,seized\n";
  for (const auto& d : SeizureDimensions()) {
    auto it = s.by.find(d);
    if (it == s.by.end()) continue;
    for (const auto& [value, n] : it->second) out += fmt::format("{},{},{}\n", d, CsvCell(value), n);
  }
  out += fmt::format("summary,seizure_events,{}\n", s.seizure_events);
  out += fmt::format("summary,seized_firearms,{}\n", s.seized_firearms);
  out += fmt::format("summary,surrendered_firearms,{}\n", s.surrendered_firearms);
  out += fmt::format("summary,seized_found_or_surrendered,{}\n", s.in_scope_firearms);
  out += fmt::format("summary,trace_requested,{}\n", s.trace_requested);
  out += fmt::format("summary,origin_established_by_tracing,{}\n", s.origin_established);
  out += fmt::format("summary,sdg_16_4_2_share,{:.4f}\n", s.sdg_16_4_2_share);
  return out;
}

Status WriteSeizureStatisticsXlsx(const SeizureStatistics& s, const std::string& path) {
  lxw_workbook* wb = workbook_new(path.c_str());
  if (!wb) return Status::IoError(fmt::format("cannot create '{}'", path));
  lxw_format* bold = workbook_add_format(wb);
  format_set_bold(bold);
  lxw_worksheet* sum = workbook_add_worksheet(wb, "Summary");
  worksheet_write_string(sum, 0, 0, "measure", bold);
  worksheet_write_string(sum, 0, 1, "value", bold);
  const std::pair<const char*, double> rows[] = {
      {"seizure events", static_cast<double>(s.seizure_events)},
      {"seized firearms", static_cast<double>(s.seized_firearms)},
      {"surrendered firearms", static_cast<double>(s.surrendered_firearms)},
      {"seized, found or surrendered firearms", static_cast<double>(s.in_scope_firearms)},
      {"trace requested", static_cast<double>(s.trace_requested)},
      {"illicit origin established by tracing", static_cast<double>(s.origin_established)},
      {"SDG 16.4.2 share", s.sdg_16_4_2_share}};
  lxw_row_t r = 1;
  for (const auto& [label, v] : rows) {
    worksheet_write_string(sum, r, 0, label, nullptr);
    worksheet_write_number(sum, r++, 1, v, nullptr);
  }
  for (const auto& d : SeizureDimensions()) {
    auto it = s.by.find(d);
    if (it == s.by.end()) continue;
    lxw_worksheet* ws = workbook_add_worksheet(wb, d.substr(0, 31).c_str());
    worksheet_write_string(ws, 0, 0, d.c_str(), bold);
    worksheet_write_string(ws, 0, 1, "seized", bold);
    lxw_row_t row = 1;
    for (const auto& [value, n] : it->second) {
      worksheet_write_string(ws, row, 0, value.c_str(), nullptr);
      worksheet_write_number(ws, row++, 1, static_cast<double>(n), nullptr);
    }
  }
  lxw_error err = workbook_close(wb);
  if (err != LXW_NO_ERROR) return Status::IoError(fmt::format("writing '{}': {}", path, lxw_strerror(err)));
  return Status::Ok();
}

}  // namespace kashf::firearms
