// kashf network typologies | evaluate-typologies: laundering typologies (fan-in / fan-out
// structuring, cycles, scatter-gather, pass-through) over the store's payments or a transfers CSV,
// written as JSON lines as they are found; and their evaluation against ground truth next to
// simple baselines. docs/network.md, "Laundering typologies".
#include <chrono>
#include <cstdio>
#include <fstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli_util.h"
#include "kashf/core/text.h"
#include "kashf/network/typology.h"
#include "kashf/network/typology_evaluate.h"
#include "network_command.h"

namespace kashf::cli {
namespace {

struct TypologyArgs {
  NetworkArgs net;
  std::string transfers;  // CSV instead of the store
  std::string exclude;    // CSV of accounts never flagged
  std::vector<std::string> typologies;
  network::TypologyOptions options;
};

// Peak resident memory of this process in MiB (Linux /proc; 0 elsewhere).
double PeakRssMiB() {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line))
    if (StartsWith(line, "VmHWM:")) return std::stod(line.substr(6)) / 1024;
  return 0;
}

void AddTypologyOptions(CLI::App* cmd, TypologyArgs& a) {
  network::TypologyOptions& o = a.options;
  cmd->add_option("--transfers", a.transfers,
                  "Read transfers from this CSV (columns time, from, to, amount[, currency, channel]) instead of "
                  "the store's payments");
  cmd->add_option("--typology", a.typologies,
                  "Only these typologies: fan-in, fan-out, cycle, scatter-gather, pass-through, hawala-settlement "
                  "(repeat or comma-separate)")
      ->delimiter(',');
  cmd->add_option("--exclude", a.exclude,
                  "Never flag the accounts of this CSV (header: account), e.g. licensed money-service agents");
  cmd->add_option("--currency", o.currency, "Compare amounts in this currency only (needed when the data mixes them)");
  auto* fan = cmd->add_option_group("fan-in / fan-out (structuring)");
  fan->add_option("--fan-window-days", o.fan.window_days, "Window of one pattern, 1..366")->capture_default_str();
  fan->add_option("--fan-min-transfers", o.fan.min_transfers, "Fewest transfers, 3..1000")->capture_default_str();
  fan->add_option("--fan-min-counterparties", o.fan.min_counterparties, "Fewest distinct counterparties, 2..1000")
      ->capture_default_str();
  fan->add_option("--fan-amount-band", o.fan.amount_band, "Amounts within this fraction of each other, 0..1")
      ->capture_default_str();
  fan->add_option("--fan-max-gap-cv", o.fan.max_gap_cv, "Largest coefficient of variation of the gaps, 0..2")
      ->capture_default_str();
  fan->add_option("--fan-min-gap-hours", o.fan.min_gap_hours, "Smallest mean gap (a batch is not a rhythm), 0..720")
      ->capture_default_str();
  fan->add_option("--fan-min-share", o.fan.min_share,
                  "The pattern's share of the account's transfers over its span, 0..1")
      ->capture_default_str();
  fan->add_option("--fan-recurring-days", o.fan.recurring_days,
                  "Period of standing orders set aside (3+ like amounts from one party), 0..366; 0 = keep")
      ->capture_default_str();
  fan->add_option("--fan-threshold", o.fan.threshold, "Reporting threshold the amounts stay below; 0 = not used")
      ->capture_default_str();
  auto* cyc = cmd->add_option_group("cycle");
  cyc->add_option("--cycle-min-hops", o.cycle.min_hops, "Shortest cycle (transfers), 2..12")->capture_default_str();
  cyc->add_option("--cycle-max-hops", o.cycle.max_hops, "Longest cycle, min-hops..12")->capture_default_str();
  cyc->add_option("--cycle-window-days", o.cycle.window_days, "Whole cycle within, 1..366")->capture_default_str();
  cyc->add_option("--cycle-min-kept", o.cycle.min_kept, "Each hop passes on at least this share of the last")
      ->capture_default_str();
  cyc->add_option("--cycle-max-kept", o.cycle.max_kept, "... and at most this share")->capture_default_str();
  auto* sg = cmd->add_option_group("scatter-gather");
  sg->add_option("--sg-min-intermediaries", o.scatter_gather.min_intermediaries, "Fewest intermediaries, 2..1000")
      ->capture_default_str();
  sg->add_option("--sg-window-days", o.scatter_gather.window_days, "Whole pattern within, 1..366")
      ->capture_default_str();
  sg->add_option("--sg-min-kept", o.scatter_gather.min_kept, "Each intermediary passes on at least this share, 0..1")
      ->capture_default_str();
  auto* pt = cmd->add_option_group("pass-through (mules)");
  pt->add_option("--pt-max-hold-hours", o.pass_through.max_hold_hours, "Sent on within, 0..720 hours")
      ->capture_default_str();
  pt->add_option("--pt-merge-hours", o.pass_through.merge_hours,
                 "Transfers each within this of the previous are one receipt, 0..48")
      ->capture_default_str();
  pt->add_option("--pt-max-retained", o.pass_through.max_retained, "Keeps at most this share, 0..1")
      ->capture_default_str();
  pt->add_option("--pt-min-events", o.pass_through.min_events, "Fewest pass-throughs, 1..1000")->capture_default_str();
  pt->add_option("--pt-min-share", o.pass_through.min_share, "Passed-through share of all received, 0..1")
      ->capture_default_str();
  auto* hw = cmd->add_option_group("hawala settlement");
  hw->add_option("--hawala-min-customers", o.hawala.min_customers, "Fewest distinct payers per lump, 2..1000")
      ->capture_default_str();
  hw->add_option("--hawala-period-days", o.hawala.period_days, "Collection looked back at most, 1..366")
      ->capture_default_str();
  hw->add_option("--hawala-max-commission", o.hawala.max_commission, "The lump keeps at most this share, 0..1")
      ->capture_default_str();
  hw->add_option("--hawala-min-settlements", o.hawala.min_settlements, "Fewest lumps to one counterpart, 1..1000")
      ->capture_default_str();
  AddNetworkOptions(cmd, a.net);
}

// The transfers (CSV or the store's payments; accounts named by node id) and the options with
// the chosen typologies.
Result<network::TransferSet> LoadTransfers(const GlobalOptions& g, TypologyArgs& a) {
  a.options.only.clear();
  for (const auto& t : a.typologies) {
    KASHF_ASSIGN_OR_RETURN(network::Typology typ, network::ParseTypology(t));
    a.options.only.push_back(typ);
  }
  KASHF_RETURN_IF_ERROR(network::Validate(a.options));  // before the (slow) load
  if (!a.exclude.empty()) {
    KASHF_ASSIGN_OR_RETURN(a.options.exclude, network::ReadAccountList(a.exclude));
  }
  if (!a.transfers.empty()) return network::ReadTransfersCsv(a.transfers);
  KASHF_ASSIGN_OR_RETURN(auto an, LoadNetwork(g, a.net));
  const auto& net = an->network();
  return network::TransfersFromPayments(an->Money().payments(), [&](uint32_t v) { return net.nodes()[v].id; });
}

struct FindArgs : TypologyArgs {
  std::string out;
  size_t limit = 1000;
};

NetworkSubcommandRegistration typologies_command(86, [](CLI::App& parent, GlobalOptions& g) -> RunFn {
  auto a = std::make_shared<FindArgs>();
  auto* cmd = parent.add_subcommand(
      "typologies",
      "Laundering typologies: structuring fan-in/fan-out, cycles, scatter-gather, pass-through, hawala settlement");
  cmd->add_option("--out", a->out, "Write the JSON lines to this file (default: standard output)");
  cmd->add_option("--limit", a->limit, "Most hits written (the count of all is reported); 0 = no limit")
      ->capture_default_str();
  AddTypologyOptions(cmd, *a);
  cmd->footer(
      "One JSON line per flagged account and typology, written as found:\n"
      "  {\"account\", \"typology\", \"score\", \"reason\", \"evidence\": [transfers]}\n"
      "Example: kashf network typologies --transfers sim/data/transfers.csv --typology fan-in --out hits.jsonl\n"
      "Definitions and defaults: docs/network.md, \"Laundering typologies\".");
  return [&g, a]() -> Status {
    KASHF_ASSIGN_OR_RETURN(network::TransferSet ts, LoadTransfers(g, *a));
    std::FILE* out = stdout;
    if (!a->out.empty()) {
      out = std::fopen(a->out.c_str(), "wb");
      if (!out) return Status::IoError(fmt::format("cannot write {}", a->out));
    }
    std::array<uint64_t, network::kTypologyCount> counts{};
    uint64_t written = 0;
    const auto start = std::chrono::steady_clock::now();
    Status st = network::DetectTypologies(ts, a->options, [&](network::TypologyHit&& h) {
      ++counts[static_cast<size_t>(h.typology)];
      if (a->limit == 0 || written < a->limit) {
        fmt::print(out, "{}\n", network::TypologyHitJson(ts, h).dump());
        ++written;
      }
      return true;
    });
    if (out != stdout && std::fclose(out) != 0 && st.ok()) st = Status::IoError(fmt::format("cannot write {}", a->out));
    KASHF_RETURN_IF_ERROR(st);
    const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (g.quiet) return Status::Ok();
    std::vector<std::string> parts;
    uint64_t total = 0;
    for (int k = 0; k < network::kTypologyCount; ++k) {
      total += counts[static_cast<size_t>(k)];
      parts.push_back(fmt::format("{} {}", network::TypologyName(static_cast<network::Typology>(k)),
                                  counts[static_cast<size_t>(k)]));
    }
    fmt::print(stderr, "{} accounts flagged over {} transfers ({}) in {:.2f} s, peak memory {:.0f} MiB; {} written{}\n",
               total, ts.transfers().size(), Join(parts, ", "), secs, PeakRssMiB(), written,
               written < total ? fmt::format(" (--limit {}; raise it or choose --typology)", a->limit) : "");
    return Status::Ok();
  };
});

struct EvaluateArgs : TypologyArgs {
  std::string truth;
};

NetworkSubcommandRegistration evaluate_typologies_command(91, [](CLI::App& parent, GlobalOptions& g) -> RunFn {
  auto a = std::make_shared<EvaluateArgs>();
  auto* cmd = parent.add_subcommand("evaluate-typologies",
                                    "Precision and recall of the typology detectors against ground truth, next to "
                                    "simple baselines computed in the same run");
  cmd->add_option("--truth", a->truth,
                  "CSV account,typology[,role] (kashf simulate-typologies writes truth/typologies.csv)")
      ->required();
  AddTypologyOptions(cmd, *a);
  cmd->footer(
      "Example:\n"
      "  kashf simulate-typologies --out sim --seed 1\n"
      "  kashf network evaluate-typologies --transfers sim/data/transfers.csv --truth sim/truth/typologies.csv");
  return [&g, a]() -> Status {
    const auto start = std::chrono::steady_clock::now();
    KASHF_ASSIGN_OR_RETURN(network::TransferSet ts, LoadTransfers(g, *a));
    KASHF_ASSIGN_OR_RETURN(network::TypologyTruth truth, network::ReadTypologyTruth(a->truth, ts));
    KASHF_ASSIGN_OR_RETURN(network::TypologyEvaluation ev, network::EvaluateTypologies(ts, truth, a->options));
    const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (g.json) {
      nlohmann::json rows = nlohmann::json::array();
      for (const auto& r : ev.rows) {
        nlohmann::json methods = nlohmann::json::array();
        for (const auto& m : r.methods)
          methods.push_back({{"method", m.method},
                             {"tp", m.c.tp},
                             {"fp", m.c.fp},
                             {"fn", m.c.fn},
                             {"precision", m.c.Precision()},
                             {"recall", m.c.Recall()},
                             {"f1", m.c.F1()}});
        rows.push_back({{"typology", r.typology}, {"positives", r.positives}, {"methods", methods}});
      }
      fmt::print("{}\n", nlohmann::json{{"transfers", ts.transfers().size()},
                                        {"accounts", ts.num_accounts()},
                                        {"flagged", ev.flagged},
                                        {"detect_seconds", ev.detect_seconds},
                                        {"seconds", secs},
                                        {"peak_rss_mib", PeakRssMiB()},
                                        {"rows", rows}}
                             .dump(2));
      return Status::Ok();
    }
    fmt::print(
        "{} transfers, {} accounts; Kashf flagged {} accounts (detectors {:.2f} s; total {:.2f} s, peak {:.0f} "
        "MiB)\n\n",
        ts.transfers().size(), ts.num_accounts(), ev.flagged, ev.detect_seconds, secs, PeakRssMiB());
    fmt::print("{:<16} {:>5}  {:<58} {:>6} {:>6} {:>6} {:>6} {:>6}\n", "typology", "true", "method", "flagged", "prec",
               "recall", "F1", "");
    for (const auto& r : ev.rows)
      for (size_t i = 0; i < r.methods.size(); ++i) {
        const auto& m = r.methods[i];
        fmt::print("{:<16} {:>5}  {:<58} {:>7} {:>6.3f} {:>6.3f} {:>6.3f}\n", i ? "" : r.typology,
                   i ? "" : std::to_string(r.positives), m.method, m.c.tp + m.c.fp, m.c.Precision(), m.c.Recall(),
                   m.c.F1());
      }
    return Status::Ok();
  };
});

}  // namespace
}  // namespace kashf::cli
