// kashf simulate: write a synthetic multi-agency data set with ground truth (kashf::sim::Simulate).
#include <chrono>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli_util.h"
#include "kashf/sim/simulate.h"
#include "kashf/warning/outbreak_sim.h"

namespace kashf::cli {
namespace {

CommandRegistration reg(15, [](CLI::App& app, GlobalOptions& g) -> RunFn {
  auto opts = std::make_shared<sim::SimulationOptions>();
  CLI::App* cmd =
      app.add_subcommand("simulate", "Write a synthetic data set (six agency files, their mappings, ground truth)");
  cmd->footer(
      "Writes DIR/data/ (FIR register CSV, FIA case list JSONL, Urdu-script police register XLSX,\n"
      "customs seizure CSV, bank/wallet/hawala transactions CSV, call records CSV), DIR/mappings/\n"
      "(one mapping per file for `kashf ingest`), DIR/truth/ (true person of every record, true roles,\n"
      "network membership, deliberately bad rows) and DIR/README.txt. All data is invented.\n"
      "The same seed and options always give byte-identical files.\n\n"
      "Example:\n"
      "  kashf simulate --out demo --records 20000 --seed 42\n"
      "  kashf ingest demo/data/punjab-police-fir.csv --mapping demo/mappings/punjab-police-fir.yaml");
  cmd->add_option("--out", opts->out_dir, "Output folder (created if missing; files in it are overwritten)")
      ->required();
  cmd->add_option("--seed", opts->seed, "Random seed (default 42)");
  cmd->add_option("--records", opts->records,
                  "Approximate total rows over all data files, 100 .. 100,000,000 (default 20000)");
  cmd->add_option("--bad-rows", opts->bad_row_rate, "Share of rows made invalid on purpose, 0 .. 1 (default 0.001)");
  cmd->add_option("--name-variants", opts->name_variant_rate,
                  "Share of name tokens written with a non-standard spelling (default 0.35)");
  cmd->add_option("--cnic-typos", opts->cnic_typo_rate, "Share of written CNICs with a typo (default 0.04)");
  cmd->add_option("--phone-typos", opts->phone_typo_rate, "Share of written phone numbers with a typo (default 0.03)");
  cmd->add_flag("--shielded-leaders", opts->shielded_leaders,
                "Organisers deal only through one lieutenant each and are never named in a record "
                "(docs/simulator.md)");
  auto no_text = std::make_shared<bool>(false);
  cmd->add_flag("--no-text", *no_text, "Do not write DIR/text/ (ads, chat exports, FIR narratives and their truth)");
  cmd->add_option("--ads", opts->ads, "Ads in DIR/text/ads.jsonl (default: records / 10, at least 300)");
  auto ew = std::make_shared<warning::OutbreakSimOptions>();
  auto outbreaks = std::make_shared<bool>(false), only = std::make_shared<bool>(false);
  cmd->add_flag("--outbreaks", *outbreaks,
                "Also write DIR/early-warning/: weekly series with injected emerging threats (new route, rising "
                "calibre, burst of victims) and their ground truth (docs/early-warning.md)");
  cmd->add_flag("--outbreaks-only", *only, "Write only DIR/early-warning/ (no agency files)");
  cmd->add_option("--outbreak-districts", ew->districts, "Districts in the threat simulation")->capture_default_str();
  cmd->add_option("--outbreak-categories", ew->categories, "Categories per district")->capture_default_str();
  cmd->add_option("--outbreak-years", ew->years, "Years of weeks (at least 3)")->capture_default_str();
  cmd->add_option("--outbreak-threats", ew->threats, "Threats injected in the last two years")->capture_default_str();
  return [&g, opts, ew, outbreaks, only, no_text]() -> Status {
    opts->text = !*no_text;
    if (*outbreaks || *only) {
      ew->seed = opts->seed;
      KASHF_ASSIGN_OR_RETURN(auto series, warning::SimulateOutbreaks(*ew));
      const std::string dir = opts->out_dir + "/early-warning";
      KASHF_RETURN_IF_ERROR(warning::WriteSimulatedSeries(series, dir));
      auto events = warning::SeriesToEvents(series, 2'000'000);
      if (events.ok()) KASHF_RETURN_IF_ERROR(warning::WriteEventsCsv(*events, dir + "/events.csv"));
      if (!g.quiet && !g.json)
        fmt::print("Wrote {} weekly series ({} weeks) with {} injected threats to {}/ (series.csv, truth.csv{})\n",
                   Thousands(static_cast<int64_t>(series.names.size())),
                   series.counts.empty() ? 0 : series.counts[0].size(), series.truth.size(), dir,
                   events.ok() ? ", events.csv" : "");
      if (*only) return Status::Ok();
    }
    auto start = std::chrono::steady_clock::now();
    KASHF_ASSIGN_OR_RETURN(sim::SimulationSummary s, sim::Simulate(*opts));
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (g.json) {
      nlohmann::json files = nlohmann::json::array();
      for (const auto& d : s.datasets)
        files.push_back({{"dataset", d.dataset},
                         {"data", d.data_file},
                         {"mapping", d.mapping_file},
                         {"rows", d.rows},
                         {"bad_rows", d.bad_rows}});
      fmt::print("{}\n", nlohmann::json{{"out", opts->out_dir},
                                        {"seed", opts->seed},
                                        {"rows", s.rows},
                                        {"bad_rows", s.bad_rows},
                                        {"persons", s.persons},
                                        {"networks", s.networks},
                                        {"truth_records", s.truth_records},
                                        {"text",
                                         {{"ads", s.ads},
                                          {"advertisers", s.advertisers},
                                          {"chats", s.chats},
                                          {"chat_messages", s.chat_messages},
                                          {"narratives", s.narratives},
                                          {"labels", s.text_labels}}},
                                        {"seconds", secs},
                                        {"datasets", files}}
                             .dump(2));
      return Status::Ok();
    }
    if (g.quiet) return Status::Ok();
    fmt::print("Wrote {} rows ({} deliberately bad) for {} invented people in {} networks to {} in {:.1f} s\n",
               Thousands(s.rows), Thousands(s.bad_rows), Thousands(s.persons), s.networks, opts->out_dir, secs);
    for (const auto& d : s.datasets)
      fmt::print("  {:<36} {:>10} rows {:>6} bad   mapping {}\n", d.data_file, Thousands(d.rows), Thousands(d.bad_rows),
                 d.mapping_file);
    fmt::print("  truth/records.csv: {} record entities with their true identity; see {}/README.txt\n",
               Thousands(s.truth_records), opts->out_dir);
    if (s.ads > 0)
      fmt::print(
          "  text/: {} ads by {} advertisers, {} chat exports ({} messages), {} FIR narratives; {} labelled "
          "selectors in text/truth/selectors.txt\n",
          Thousands(s.ads), Thousands(s.advertisers), Thousands(s.chats), Thousands(s.chat_messages),
          Thousands(s.narratives), Thousands(s.text_labels));
    return Status::Ok();
  };
});

}  // namespace
}  // namespace kashf::cli
