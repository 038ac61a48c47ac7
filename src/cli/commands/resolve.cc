// kashf resolve: entity resolution over the store's records of every schema the resolution model
// lists (Person, Organization; Phone/Wallet numbers join their holders).
#include <optional>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli_util.h"
#include "clusters_out.h"
#include "kashf/resolve/store_resolution.h"

namespace kashf::cli {
namespace {

struct ResolveArgs {
  resolve::StoreResolveOptions options;
  double threshold = 0;
  double bridge = 0;
  bool show_blocking = false;
  std::string out, out_format;  // --out FILE: the record -> cluster table after resolving
};

Status RunResolve(const GlobalOptions& g, ResolveArgs a) {
  KASHF_ASSIGN_OR_RETURN(Opened o, OpenStore(g, StoreAccess::kWrite));
  KASHF_ASSIGN_OR_RETURN(auto normaliser, resolve::NameNormaliser::LoadDefault());
  if (a.threshold > 0 || a.bridge > 0) {
    if (a.threshold > 0) a.options.resolve.match_probability = a.threshold;
    if (a.bridge > 0) a.options.resolve.bridge_probability = a.bridge;
    a.options.threshold_given = true;
  }
  KASHF_ASSIGN_OR_RETURN(auto result, resolve::ResolveStore(*o.store, g.db, normaliser, a.options));
  const auto& r = result.report;
  std::optional<ClusterExportSummary> written;
  if (!a.out.empty()) {
    KASHF_ASSIGN_OR_RETURN(written, WriteClusters(*o.store, {}, a.out, a.out_format));
  }
  if (g.json) {
    nlohmann::json blocking = nlohmann::json::array();
    for (const auto& b : r.blocking)
      blocking.push_back({{"key", b.key},
                          {"blocks", b.blocks},
                          {"pairs", b.pairs},
                          {"windowed_blocks", b.windowed_blocks},
                          {"windowed_records", b.windowed_records}});
    nlohmann::json j{{"mode", result.incremental ? "incremental" : "full"},
                     {"records", r.records},
                     {"new_records", r.new_records},
                     {"candidate_pairs", r.candidate_pairs},
                     {"matched_pairs", r.matched_pairs},
                     {"conflicts_kept_apart", r.conflicts_kept_apart},
                     {"model_changed", result.model_changed},
                     {"identifier_links", r.identifier_links},
                     {"clusters", r.clusters},
                     {"changed_entities", result.changed_entities},
                     {"keyed_entities", result.keyed_entities},
                     {"judgements_applied", r.judgements_applied},
                     {"judgements_unknown", r.judgements_unknown},
                     {"trained", r.trained},
                     {"em_iterations", r.em_iterations},
                     {"blocking", blocking},
                     {"out", a.out.empty() ? nlohmann::json(nullptr)
                                           : nlohmann::json{{"file", a.out},
                                                            {"records", written->records},
                                                            {"clusters", written->clusters},
                                                            {"withheld_victims", written->withheld_victims}}},
                     {"seconds",
                      {{"encode", r.seconds_encode},
                       {"block", r.seconds_block},
                       {"compare", r.seconds_compare},
                       {"train", r.seconds_train},
                       {"cluster", r.seconds_cluster}}}};
    fmt::print("{}\n", j.dump(2));
    return Status::Ok();
  }
  if (r.records == 0) {
    fmt::print("no Person records to resolve yet; load some with `kashf ingest`\n");
    return Status::Ok();
  }
  fmt::print("{} resolution of {} records ({} new): {} candidate pairs, {} above the threshold\n",
             result.incremental ? "incremental" : "full", Thousands(static_cast<int64_t>(r.records)),
             Thousands(static_cast<int64_t>(r.new_records)), Thousands(static_cast<int64_t>(r.candidate_pairs)),
             Thousands(static_cast<int64_t>(r.matched_pairs)));
  if (r.trained)
    fmt::print("model trained without labels (EM, {} iterations){}\n", r.em_iterations,
               result.model_changed ? "; the resolution model file changed since the last run" : "");
  if (r.conflicts_kept_apart)
    fmt::print("{} matching pairs kept apart: their clusters hold different national ids or birth dates\n",
               Thousands(static_cast<int64_t>(r.conflicts_kept_apart)));
  fmt::print("{} entities; {} records changed entity; {} phone/wallet records joined a person by number\n",
             Thousands(static_cast<int64_t>(r.clusters)), Thousands(static_cast<int64_t>(result.changed_entities)),
             Thousands(static_cast<int64_t>(r.identifier_links)));
  if (result.keyed_entities)
    fmt::print("{} records of schemas the resolution model does not declare (firearms ...) grouped by exact number\n",
               Thousands(static_cast<int64_t>(result.keyed_entities)));
  if (r.judgements_applied || r.judgements_unknown)
    fmt::print("{} analyst judgement(s) applied{}\n", r.judgements_applied,
               r.judgements_unknown ? fmt::format(", {} name entities that are not loaded", r.judgements_unknown) : "");
  if (written)
    fmt::print("record -> cluster table written to {} ({} records, {} clusters; {} victim records withheld)\n", a.out,
               Thousands(written->records), Thousands(written->clusters), Thousands(written->withheld_victims));
  if (a.show_blocking) {
    fmt::print("{:<44} {:>10} {:>12} {:>10}\n", "blocking pass", "blocks", "pairs", "windowed");
    for (const auto& b : r.blocking)
      fmt::print("{:<44} {:>10} {:>12} {:>10}\n", b.key, Thousands(static_cast<int64_t>(b.blocks)),
                 Thousands(static_cast<int64_t>(b.pairs)), Thousands(static_cast<int64_t>(b.windowed_blocks)));
  }
  fmt::print(
      "next: kashf explain ID1 ID2 (why two records are or are not one person); kashf judge ID1 ID2 match|no-match\n");
  return Status::Ok();
}

CommandRegistration reg(50, [](CLI::App& app, GlobalOptions& g) -> RunFn {
  auto args = std::make_shared<ResolveArgs>();
  auto* cmd = app.add_subcommand("resolve", "Find the same person across every dataset (entity resolution)");
  cmd->footer(
      "The first run trains a Fellegi-Sunter model without labels (EM) and clusters every Person record;\n"
      "later runs link only new records to the existing entities. Analyst judgements (`kashf judge`)\n"
      "always override the model. Phone and Wallet records join the person holding that number.\n"
      "Examples:\n  kashf --db case.db resolve\n  kashf --db case.db resolve --full --threshold 0.9\n"
      "  kashf --db case.db resolve --retrain --blocking");
  cmd->add_flag("--full", args->options.full, "Re-score every pair with the stored model (not only new records)");
  cmd->add_flag("--retrain", args->options.retrain, "Train the model again from the current data (implies --full)");
  cmd->add_option("--threshold", args->threshold,
                  "Match probability needed to link two records (default 0.5, or the stored one)")
      ->check(CLI::Range(0.01, 0.9999));
  cmd->add_option("--bridge", args->bridge,
                  "Match probability needed to join two entities that already hold several records (default 0.99)")
      ->check(CLI::Range(0.01, 0.999999));
  cmd->add_option("--threads", args->options.resolve.threads, "Worker threads")
      ->capture_default_str()
      ->check(CLI::Range(1, 64));
  cmd->add_option("--max-block", args->options.resolve.max_block_size,
                  "Blocks with more records are compared with a sliding window")
      ->capture_default_str()
      ->check(CLI::Range(2, 100000));
  cmd->add_flag("--blocking", args->show_blocking, "Show how many pairs each blocking pass produced");
  cmd->add_option("--model", args->options.model_path,
                  "Resolution model file: which properties are compared and how (default "
                  "data/reference/resolution-model.yaml; start a file with `extends: default` to add to it)");
  cmd->add_option("--window", args->options.resolve.window, "Sorted-neighbourhood window")
      ->capture_default_str()
      ->check(CLI::Range(1, 1000));
  cmd->add_option("--out", args->out,
                  "Write record -> cluster (entity_id,dataset,record_id,schema,cluster_id) to FILE; CSV, or JSON for "
                  ".json/.jsonl ('-': standard output)");
  cmd->add_option("--out-format", args->out_format, "csv | json | jsonl (default: from the --out file's extension)");
  return [&g, args] { return RunResolve(g, *args); };
});

}  // namespace
}  // namespace kashf::cli
