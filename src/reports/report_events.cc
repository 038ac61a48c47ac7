#include "kashf/reports/report_events.h"

#include <fmt/format.h>

namespace kashf::reports {

Result<std::vector<warning::Event>> ReportEvents(ReportStore& store) {
  KASHF_ASSIGN_OR_RETURN(auto keys, store.Keys());
  std::vector<warning::Event> events;
  events.reserve(keys.size());
  for (const auto& k : keys) {
    warning::Event e;
    e.day = warning::ParseDay(k.date);
    if (e.day < 0) continue;  // the store validates dates on the way in; a bad row is not counted
    e.record = fmt::format("report:{}", k.id);
    e.source = "report";
    e.dims = {
        {"source", "report"}, {"district", k.district}, {"province", k.province}, {"report_category", k.category}};
    events.push_back(std::move(e));
  }
  return events;
}

}  // namespace kashf::reports
