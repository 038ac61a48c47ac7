// kashf simulate-typologies: write a synthetic payment set with laundering typologies injected
// into ordinary payments, and its ground truth (kashf::sim::SimulateTypologies).
#include <chrono>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli_util.h"
#include "kashf/sim/typologies.h"

namespace kashf::cli {
namespace {

CommandRegistration reg(16, [](CLI::App& app, GlobalOptions& g) -> RunFn {
  auto o = std::make_shared<sim::TypologySimOptions>();
  CLI::App* cmd = app.add_subcommand(
      "simulate-typologies", "Write synthetic payments with laundering typologies injected, and their ground truth");
  cmd->footer(
      "Writes DIR/data/transfers.csv (txn_id,time,channel,from,to,amount,currency) and DIR/truth/typologies.csv\n"
      "(account,typology,role). Ordinary payments among people, merchants, payrolls, rents and money-service\n"
      "agents; injected: fan-in and fan-out structuring, cycles, scatter-gather, mule chains and hawala dealers\n"
      "settling in lumps. All invented;\n"
      "the same options give byte-identical files. docs/simulator.md, \"Laundering typologies\".\n\n"
      "Example:\n"
      "  kashf simulate-typologies --out pay --seed 1\n"
      "  kashf network evaluate-typologies --transfers pay/data/transfers.csv --truth pay/truth/typologies.csv");
  cmd->add_option("--out", o->out_dir, "Output folder (created if missing; files in it are overwritten)")->required();
  cmd->add_option("--seed", o->seed, "Random seed")->capture_default_str();
  cmd->add_option("--accounts", o->accounts, "Accounts, 100 .. 10,000,000")->capture_default_str();
  cmd->add_option("--transfers", o->transfers, "Ordinary payments (besides payrolls, rents, agents and patterns)")
      ->capture_default_str();
  cmd->add_option("--fan-in", o->patterns[0], "Fan-in structuring patterns")->capture_default_str();
  cmd->add_option("--fan-out", o->patterns[1], "Fan-out structuring patterns")->capture_default_str();
  cmd->add_option("--cycles", o->patterns[2], "Cycles")->capture_default_str();
  cmd->add_option("--scatter-gather", o->patterns[3], "Scatter-gather patterns")->capture_default_str();
  cmd->add_option("--mule-chains", o->patterns[4], "Mule chains (pass-through)")->capture_default_str();
  cmd->add_option("--hawala", o->patterns[5], "Hawala dealer pairs (collect and settle)")->capture_default_str();
  cmd->add_option("--amount-noise", o->amount_noise, "Relative jitter of structured amounts, 0 .. 0.5")
      ->capture_default_str();
  cmd->add_option("--timing-noise", o->timing_noise, "Relative jitter of rhythms and delays, 0 .. 1")
      ->capture_default_str();
  return [&g, o]() -> Status {
    auto start = std::chrono::steady_clock::now();
    KASHF_ASSIGN_OR_RETURN(sim::TypologySimSummary s, sim::SimulateTypologies(*o));
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (g.json) {
      fmt::print("{}\n", nlohmann::json{{"out", o->out_dir},
                                        {"seed", o->seed},
                                        {"accounts", s.accounts},
                                        {"transfers", s.transfers},
                                        {"pattern_transfers", s.pattern_transfers},
                                        {"labelled", s.labelled},
                                        {"seconds", secs}}
                             .dump(2));
      return Status::Ok();
    }
    if (g.quiet) return Status::Ok();
    fmt::print(
        "Wrote {} transfers ({} in injected patterns) among {} accounts to {}/data/transfers.csv in {:.1f} s\n"
        "  truth/typologies.csv: fan-in {}, fan-out {}, cycle {}, scatter-gather {}, pass-through {}, hawala "
        "settlement {} accounts\n",
        Thousands(static_cast<int64_t>(s.transfers)), Thousands(static_cast<int64_t>(s.pattern_transfers)),
        Thousands(s.accounts), o->out_dir, secs, s.labelled[0], s.labelled[1], s.labelled[2], s.labelled[3],
        s.labelled[4], s.labelled[5]);
    return Status::Ok();
  };
});

}  // namespace
}  // namespace kashf::cli
