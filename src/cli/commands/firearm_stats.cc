// kashf firearm stats | campaigns: seizure statistics shaped like UNODC's Illicit Arms Flows
// Questionnaire with SDG 16.4.2, and collection-campaign counts; CSV / XLSX export.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <fstream>

#include "cli_util.h"
#include "firearm_command.h"
#include "kashf/firearms/campaign_statistics.h"
#include "kashf/firearms/seizure_statistics.h"

namespace kashf::cli {
namespace {

struct StatsArgs {
  firearms::StatisticsPeriod period;
  std::string csv, xlsx;
};

FirearmSubcommandRegistration stats(70, [](CLI::App& parent, GlobalOptions& g) -> RunFn {
  auto a = std::make_shared<StatsArgs>();
  auto* cmd = parent.add_subcommand("stats", "Seizure statistics (UNODC IAFQ shape) and SDG 16.4.2; CSV/XLSX export");
  cmd->add_option("--from", a->period.from, "First day YYYY-MM-DD (inclusive)");
  cmd->add_option("--to", a->period.to, "Last day YYYY-MM-DD (inclusive)");
  cmd->add_option("--csv", a->csv, "Write the table as CSV to this file");
  cmd->add_option("--xlsx", a->xlsx, "Write a workbook (Summary + one sheet per dimension)");
  cmd->footer("Example: kashf --db k.db firearm stats --from 2024-01-01 --to 2024-12-31 --xlsx iafq-2024.xlsx");
  return [&g, a]() -> Status {
    KASHF_ASSIGN_OR_RETURN(auto reg, OpenFirearmRegistry(g, false));
    KASHF_ASSIGN_OR_RETURN(auto s, firearms::ComputeSeizureStatistics(*reg, a->period));
    if (!a->csv.empty()) KASHF_RETURN_IF_ERROR(WriteText(a->csv, firearms::SeizureStatisticsCsv(s)));
    if (!a->xlsx.empty()) KASHF_RETURN_IF_ERROR(firearms::WriteSeizureStatisticsXlsx(s, a->xlsx));
    if (g.json) {
      nlohmann::json j{{"seizure_events", s.seizure_events},
                       {"seized_firearms", s.seized_firearms},
                       {"surrendered_firearms", s.surrendered_firearms},
                       {"in_scope_firearms", s.in_scope_firearms},
                       {"trace_requested", s.trace_requested},
                       {"origin_established", s.origin_established},
                       {"sdg_16_4_2_share", s.sdg_16_4_2_share},
                       {"by", s.by}};
      fmt::print("{}\n", j.dump(2));
      return Status::Ok();
    }
    fmt::print(
        "{} seizure events ({} firearms); {} surrendered; SDG 16.4.2: {} of {} seized, found or surrendered arms "
        "traced to their illicit origin ({:.1f} %); {} with a trace request\n",
        s.seizure_events, s.seized_firearms, s.surrendered_firearms, s.origin_established, s.in_scope_firearms,
        100 * s.sdg_16_4_2_share, s.trace_requested);
    for (const auto& d : firearms::SeizureDimensions()) {
      fmt::print("by {}:\n", d);
      for (const auto& [v, n] : s.by.at(d)) fmt::print("  {:<32} {:>8}\n", v, n);
    }
    if (!a->csv.empty()) fmt::print("CSV written to {}\n", a->csv);
    if (!a->xlsx.empty()) fmt::print("XLSX written to {}\n", a->xlsx);
    return Status::Ok();
  };
});

FirearmSubcommandRegistration campaigns(80, [](CLI::App& parent, GlobalOptions& g) -> RunFn {
  auto csv = std::make_shared<std::string>();
  auto* cmd = parent.add_subcommand("campaigns", "Collection campaigns: surrendered arms by type and district");
  cmd->add_option("--csv", *csv, "Write the counts as CSV to this file");
  return [&g, csv]() -> Status {
    KASHF_ASSIGN_OR_RETURN(auto reg, OpenFirearmRegistry(g, false));
    KASHF_ASSIGN_OR_RETURN(auto c, firearms::ComputeCampaignStatistics(*reg));
    if (!csv->empty()) KASHF_RETURN_IF_ERROR(WriteText(*csv, firearms::CampaignStatisticsCsv(c)));
    if (g.json) {
      nlohmann::json j = nlohmann::json::object();
      for (const auto& [id, k] : c)
        j[id] = {{"surrendered", k.surrendered}, {"destroyed_since", k.destroyed_since}, {"by_type", k.by_type},
                 {"by_district", k.by_district}, {"first_date", k.first_date},           {"last_date", k.last_date}};
      fmt::print("{}\n", j.dump(2));
      return Status::Ok();
    }
    if (c.empty()) fmt::print("no surrenders with a campaign id recorded\n");
    for (const auto& [id, k] : c) {
      fmt::print("{}: {} surrendered ({} .. {}), {} destroyed since\n", id, k.surrendered, k.first_date, k.last_date,
                 k.destroyed_since);
      for (const auto& [t, n] : k.by_type) fmt::print("  type     {:<24} {:>6}\n", t, n);
      for (const auto& [d, n] : k.by_district) fmt::print("  district {:<24} {:>6}\n", d, n);
    }
    return Status::Ok();
  };
});

}  // namespace
}  // namespace kashf::cli
