// Seizure statistics shaped like UNODC's Illicit Arms Flows Questionnaire (IAFQ): seized firearms
// by type, calibre, country of manufacture, seizure context, district and month, plus SDG
// indicator 16.4.2 (share of seized, found or surrendered arms whose illicit origin was
// established by tracing). Exported as CSV (one row per dimension/value) or XLSX (one sheet per
// dimension, and a summary sheet).
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "kashf/core/result.h"
#include "kashf/firearms/firearm_registry.h"

namespace kashf::firearms {

struct StatisticsPeriod {
  std::string from;  // inclusive YYYY-MM-DD; empty = open
  std::string to;    // inclusive
};

struct SeizureStatistics {
  int64_t seizure_events = 0;
  int64_t seized_firearms = 0;  // distinct firearms seized in the period
  int64_t surrendered_firearms = 0;
  int64_t in_scope_firearms = 0;   // seized or surrendered (SDG 16.4.2 denominator)
  int64_t trace_requested = 0;     // in-scope firearms with a trace request
  int64_t origin_established = 0;  // in-scope firearms with origin established (numerator)
  double sdg_16_4_2_share = 0;     // origin_established / in_scope_firearms
  // dimension -> value -> seizure count. Dimensions: type, calibre, country_of_manufacture,
  // seizure_context, district, month, bore_class.
  std::map<std::string, std::map<std::string, int64_t>> by;
};

// The dimension names in report order.
const std::vector<std::string>& SeizureDimensions();

Result<SeizureStatistics> ComputeSeizureStatistics(FirearmRegistry& registry, const StatisticsPeriod& period);

// CSV: "dimension,value,seized" rows in SeizureDimensions() order, values sorted, then summary rows.
std::string SeizureStatisticsCsv(const SeizureStatistics& s);
// Writes an .xlsx workbook with a Summary sheet and one sheet per dimension.
Status WriteSeizureStatisticsXlsx(const SeizureStatistics& s, const std::string& path);

}  // namespace kashf::firearms
