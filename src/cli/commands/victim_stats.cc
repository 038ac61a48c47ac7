// kashf case stats (also `kashf stats victims`): disaggregated counts of survivors' cases (sex x CTDC age band,
// exploitation, citizenship, route), with small cells withheld (k). Only cases consenting to "statistics" count.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "case_command.h"
#include "kashf/analytics/statistics_release.h"
#include "kashf/core/text.h"

namespace kashf::cli {
namespace {

struct StatsArgs {
  VictimOptions v;
  std::vector<std::string> by = {"gender,ageBroad", "typeOfExploit", "citizenship", "route"};
  int64_t k = 0;  // 0: not given (the deployment's k applies)
};

// Each table goes through the same release path as the API (statistics_release.h). No count of
// withheld cells is printed: with the total it would narrow them.
Status RunVictimStats(const GlobalOptions& g, const StatsArgs& a) {
  KASHF_ASSIGN_OR_RETURN(victims::Actor actor, ActorFrom(a.v));
  KASHF_ASSIGN_OR_RETURN(auto records, ConsentingCtdcRecords(g, a.v, actor));
  KASHF_ASSIGN_OR_RETURN(auto ledger, analytics::OpenSqliteReleaseLedger(g.db));
  nlohmann::json out = nlohmann::json::array();
  for (const auto& by : a.by) {
    analytics::SuppressedTableRequest r;
    KASHF_ASSIGN_OR_RETURN(r.variables, analytics::ParseVariableList(by));
    if (a.k != 0) r.k = a.k;
    r.actor = actor.user;
    r.agency = actor.agency;
    auto published = analytics::PublishSuppressedTable(records, r, *ledger);
    if (published.status().code() == StatusCode::kFailedPrecondition) {  // the audit refused this table
      if (g.json) out.push_back({{"by", by}, {"refused", published.status().message()}});
      else fmt::print("== by {}: {} ==\n\n", by, published.status().message());
      continue;
    }
    KASHF_RETURN_IF_ERROR(published.status());
    const auto& t = published->table.table;
    if (g.json) {
      nlohmann::json cells = nlohmann::json::array();
      for (const auto& c : t.cells)
        if (c.released) cells.push_back({{"values", c.values}, {"count", *c.released}});
      out.push_back({{"by", by},
                     {"k", published->k},
                     {"release_id", published->release_id},
                     {"cells", cells},
                     {"total", t.released_total ? nlohmann::json(*t.released_total) : nlohmann::json(nullptr)}});
      continue;
    }
    fmt::print("== by {} (cells below {} and their complements withheld) ==\n", by, published->k);
    for (const auto& c : t.cells)
      if (c.released) fmt::print("  {:<60} {:>8}\n", Join(c.values, " | "), *c.released);
    fmt::print("  {:<60} {:>8}\n\n", "total", t.released_total ? std::to_string(*t.released_total) : "withheld");
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
  cmd.add_option("--k", args->k, "Only the deployment's k is accepted (`kashf export ctdc policy`); may be left out");
  AddVictimOptions(&cmd, args->v);
  cmd.footer(
      fmt::format("Variables: the 27 of the CTDC 2024 codebook (yearOfRegistration gender ageBroad citizenship\n"
                  "CountryOfExploitation traffickMonths means* is* typeOfLabour* typeOfSex* recruiterRelation*; see\n"
                  "docs/htcds-coverage.md) and Kashf's typeOfExploit typeOfLabour RecruiterRelationship route\n"
                  "traffickingStatus. Only cases consenting to 'statistics' are counted.\n"
                  "Example: kashf --db kashf.db {} --all-agencies --by gender,ageBroad --by route",
                  invoked_as));
  return [&g, args] { return RunVictimStats(g, *args); };
}

}  // namespace kashf::cli
