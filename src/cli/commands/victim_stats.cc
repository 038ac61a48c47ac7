// kashf case stats (also `kashf stats victims`): disaggregated counts of survivors' cases (sex x CTDC age band,
// exploitation, citizenship, route), with small cells withheld (k). Only cases consenting to "statistics" count.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "case_command.h"
#include "kashf/analytics/ctdc_export.h"
#include "kashf/core/text.h"

namespace kashf::cli {
namespace {

struct StatsArgs {
  VictimOptions v;
  std::vector<std::string> by = {"gender,ageBroad", "typeOfExploit", "citizenship", "route"};
  int64_t k = 11;
};

Status RunVictimStats(const GlobalOptions& g, const StatsArgs& a) {
  KASHF_ASSIGN_OR_RETURN(victims::Actor actor, ActorFrom(a.v));
  KASHF_ASSIGN_OR_RETURN(auto registry, OpenRegistry(g, a.v, false, false));
  KASHF_ASSIGN_OR_RETURN(auto bands, analytics::AgeBands::LoadDefault());
  KASHF_ASSIGN_OR_RETURN(auto cases, registry->CasesWithConsent(actor, "statistics"));
  std::vector<analytics::CtdcRecord> records;
  records.reserve(cases.size());
  for (const auto& c : cases) records.push_back(analytics::ToCtdcRecord(c, bands));
  nlohmann::json out = nlohmann::json::array();
  for (const auto& by : a.by) {
    analytics::CtdcExportOptions o;
    KASHF_ASSIGN_OR_RETURN(o.variables, analytics::ParseVariableList(by));
    o.k = a.k;
    KASHF_ASSIGN_OR_RETURN(auto e, analytics::ExportCtdc(records, o, nullptr, nullptr));
    if (g.json) {
      nlohmann::json cells = nlohmann::json::array();
      for (const auto& c : e.table.cells)
        if (c.released) cells.push_back({{"values", c.values}, {"count", *c.released}});
      out.push_back(
          {{"by", by},
           {"k", a.k},
           {"cells", cells},
           {"total", e.table.released_total ? nlohmann::json(*e.table.released_total) : nlohmann::json(nullptr)},
           {"withheld_cells", e.suppression.primary + e.suppression.complementary}});
      continue;
    }
    fmt::print("== by {} (cells below {} and their complements withheld: {}) ==\n", by, a.k,
               e.suppression.primary + e.suppression.complementary);
    for (const auto& c : e.table.cells)
      if (c.released) fmt::print("  {:<60} {:>8}\n", Join(c.values, " | "), *c.released);
    fmt::print("  {:<60} {:>8}\n\n", "total",
               e.table.released_total ? std::to_string(*e.table.released_total) : "withheld");
  }
  if (g.json) fmt::print("{}\n", out.dump(2));
  return Status::Ok();
}

CaseSubcommandRegistration reg(60, [](CLI::App& app, GlobalOptions& g) -> RunFn {
  auto* cmd =
      app.add_subcommand("stats", "Disaggregated case counts (sex x age band, exploitation, citizenship, route)");
  return SetupVictimStats(*cmd, g, "case stats");
});

}  // namespace

RunFn SetupVictimStats(CLI::App& cmd, GlobalOptions& g, const std::string& invoked_as) {
  auto args = std::make_shared<StatsArgs>();
  cmd.add_option("--by", args->by, "Variables to cross, comma-separated; repeat for several tables")
      ->capture_default_str();
  cmd.add_option("--k", args->k, "Withhold cells below k (CTDC uses 11)")->capture_default_str();
  AddVictimOptions(&cmd, args->v);
  cmd.footer(fmt::format(
      "Variables: yearOfRegistration gender ageBroad citizenship CountryOfExploitation typeOfExploit typeOfLabour\n"
      "RecruiterRelationship route traffickingStatus. Only cases consenting to 'statistics' are counted.\n"
      "Example: kashf --db kashf.db {} --all-agencies --by gender,ageBroad --by route",
      invoked_as));
  return [&g, args] { return RunVictimStats(g, *args); };
}

}  // namespace kashf::cli
