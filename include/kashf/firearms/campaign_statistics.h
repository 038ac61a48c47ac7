// Voluntary collection campaigns: per campaign, the number of surrendered arms by type and by
// district (ITI / Programme of Action collection and destruction reporting).
#pragma once
#include <cstdint>
#include <map>
#include <string>

#include "kashf/core/result.h"
#include "kashf/firearms/firearm_registry.h"

namespace kashf::firearms {

struct CampaignCounts {
  int64_t surrendered = 0;
  int64_t destroyed_since = 0;  // of those, destroyed later (Art. 6.2)
  std::map<std::string, int64_t> by_type;
  std::map<std::string, int64_t> by_district;
  std::string first_date, last_date;
};

// campaign id -> counts, from "surrendered" events carrying a campaign id.
Result<std::map<std::string, CampaignCounts>> ComputeCampaignStatistics(FirearmRegistry& registry);

// CSV "campaign,dimension,value,surrendered" (dimension = total | type | district), sorted.
std::string CampaignStatisticsCsv(const std::map<std::string, CampaignCounts>& c);

}  // namespace kashf::firearms
