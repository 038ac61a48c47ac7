// kashf case simulate: load deterministic synthetic survivors' cases (tests, benchmark, demo).
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "case_command.h"
#include "kashf/victims/case_generator.h"

namespace kashf::cli {
namespace {

struct SimulateArgs {
  VictimOptions v;
  int64_t count = 500;
  uint64_t seed = 1;
};

Status RunSimulate(const GlobalOptions& g, const SimulateArgs& a) {
  if (a.count < 1) return Status::InvalidArgument("--count must be at least 1");
  KASHF_ASSIGN_OR_RETURN(victims::Actor actor, ActorFrom(a.v));
  KASHF_ASSIGN_OR_RETURN(auto registry, OpenRegistry(g, a.v, /*need_key=*/true, /*create=*/true));
  KASHF_ASSIGN_OR_RETURN(auto process, victims::NrmProcess::LoadDefault());
  victims::GeneratorOptions o;
  o.count = a.count;
  o.seed = a.seed;
  auto cases = victims::GenerateCases(o, process);
  actor.all_agencies = true;  // simulated cases belong to several agencies
  KASHF_ASSIGN_OR_RETURN(auto ids, registry->CreateCases(actor, std::move(cases)));
  if (g.json) {
    fmt::print(
        "{}\n",
        nlohmann::json{{"created", ids.size()}, {"first", ids.front()}, {"last", ids.back()}, {"seed", a.seed}}.dump(
            2));
    return Status::Ok();
  }
  fmt::print("{} synthetic cases registered ({} .. {}), seed {}\n", ids.size(), ids.front(), ids.back(), a.seed);
  return Status::Ok();
}

CaseSubcommandRegistration reg(20, [](CLI::App& app, GlobalOptions& g) -> RunFn {
  auto args = std::make_shared<SimulateArgs>();
  auto* cmd = app.add_subcommand("simulate", "Register N synthetic HTCDS-shaped cases (same seed, same cases)");
  cmd->add_option("--count", args->count, "How many cases")->capture_default_str();
  cmd->add_option("--seed", args->seed, "Random seed")->capture_default_str();
  AddVictimOptions(cmd, args->v);
  cmd->footer(
      "Example: kashf --db demo.db case simulate --count 500 --seed 1 --key-file victim.key --agency nrm-secretariat\n"
      "Cases are spread over the agencies fia-ahtc-lahore, shelter-dar-ul-aman and legal-aid-ngo.");
  return [&g, args] { return RunSimulate(g, *args); };
});

}  // namespace
}  // namespace kashf::cli
