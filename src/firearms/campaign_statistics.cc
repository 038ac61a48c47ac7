// Collection-campaign counts (see campaign_statistics.h).
#include "kashf/firearms/campaign_statistics.h"

#include <fmt/format.h>

#include <unordered_map>

#include "csv_text.h"

namespace kashf::firearms {

Result<std::map<std::string, CampaignCounts>> ComputeCampaignStatistics(FirearmRegistry& registry) {
  std::unordered_map<int64_t, std::string> type_of;
  KASHF_RETURN_IF_ERROR(registry.ForEachFirearm([&](const Firearm& f) {
    type_of[f.id] = f.type;
    return true;
  }));
  std::map<std::string, CampaignCounts> out;
  std::unordered_map<int64_t, std::string> surrendered_in;  // firearm -> campaign of its last surrender
  KASHF_RETURN_IF_ERROR(registry.ForEachEvent([&](const LifecycleEvent& e) {
    if (e.kind == "surrendered" && !e.campaign.empty()) {
      CampaignCounts& c = out[e.campaign];
      ++c.surrendered;
      ++c.by_type[type_of[e.firearm_id]];
      ++c.by_district[e.district.empty() ? "(not recorded)" : e.district];
      if (c.first_date.empty() || e.date < c.first_date) c.first_date = e.date;
      if (e.date > c.last_date) c.last_date = e.date;
      surrendered_in[e.firearm_id] = e.campaign;
    } else if (e.kind == "destroyed") {
      auto it = surrendered_in.find(e.firearm_id);
      if (it != surrendered_in.end()) ++out[it->second].destroyed_since;
    }
    return true;
  }));
  return out;
}

std::string CampaignStatisticsCsv(const std::map<std::string, CampaignCounts>& campaigns) {
  std::string out = "campaign,dimension,value,surrendered\n";
  for (const auto& [id, c] : campaigns) {
    out += fmt::format("{},total,all,{}\n", CsvCell(id), c.surrendered);
    out += fmt::format("{},total,destroyed_since,{}\n", CsvCell(id), c.destroyed_since);
    for (const auto& [t, n] : c.by_type) out += fmt::format("{},type,{},{}\n", CsvCell(id), CsvCell(t), n);
    for (const auto& [d, n] : c.by_district) out += fmt::format("{},district,{},{}\n", CsvCell(id), CsvCell(d), n);
  }
  return out;
}

}  // namespace kashf::firearms
