// kashf evaluate: score the current resolution against ground truth (simulated data or any
// labelled CSV): pairwise precision / recall / F1, B-cubed and cluster counts.
#include <chrono>
#include <optional>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli_util.h"
#include "kashf/resolve/blocking.h"
#include "kashf/resolve/deterministic_baseline.h"
#include "kashf/resolve/evaluation.h"
#include "kashf/resolve/exact_key_resolution.h"
#include "kashf/resolve/store_resolution.h"

namespace kashf::cli {
namespace {

struct EvaluateArgs {
  std::string truth;
  std::string schema;
  bool baseline = false;
};

nlohmann::json ToJson(const resolve::EvaluationResult& e) {
  return {{"records", e.records},
          {"precision", e.precision},
          {"recall", e.recall},
          {"f1", e.f1},
          {"true_pairs", e.true_pairs},
          {"predicted_pairs", e.predicted_pairs},
          {"correct_pairs", e.correct_pairs},
          {"bcubed_precision", e.bcubed_precision},
          {"bcubed_recall", e.bcubed_recall},
          {"bcubed_f1", e.bcubed_f1},
          {"true_clusters", e.true_clusters},
          {"predicted_clusters", e.predicted_clusters},
          {"exact_clusters", e.exact_clusters}};
}

void PrintText(const std::string& label, const resolve::EvaluationResult& e) {
  fmt::print("{}: {} labelled records\n", label, e.records);
  fmt::print(
      "  pairwise  precision {:.4f}  recall {:.4f}  F1 {:.4f}   ({} of {} predicted pairs correct; {} true pairs)\n",
      e.precision, e.recall, e.f1, e.correct_pairs, e.predicted_pairs, e.true_pairs);
  fmt::print("  B-cubed   precision {:.4f}  recall {:.4f}  F1 {:.4f}\n", e.bcubed_precision, e.bcubed_recall,
             e.bcubed_f1);
  fmt::print("  clusters  predicted {}  true {}  exactly right {}\n", e.predicted_clusters, e.true_clusters,
             e.exact_clusters);
}

Status RunEvaluate(const GlobalOptions& g, const EvaluateArgs& a) {
  KASHF_ASSIGN_OR_RETURN(auto truth, resolve::LoadTruthCsv(a.truth));
  KASHF_ASSIGN_OR_RETURN(Opened o, OpenStore(g));
  KASHF_ASSIGN_OR_RETURN(auto state, resolve::ResolutionState::Open(g.db));
  KASHF_ASSIGN_OR_RETURN(resolve::Assignment assignment, state->LoadAssignment());
  if (assignment.empty()) return Status::FailedPrecondition("nothing resolved yet; run `kashf resolve` first");
  KASHF_ASSIGN_OR_RETURN(auto spec, resolve::LoadComparisonModel(""));
  KASHF_ASSIGN_OR_RETURN(auto all_records, resolve::LoadResolvableRecords(*o.store, spec));
  KASHF_ASSIGN_OR_RETURN(auto keyed, resolve::LoadKeyedEntities(*o.store));
  for (const auto& k : keyed) {
    resolve::PersonRecord r;
    r.id = k.id;
    r.schema = k.key.substr(0, k.key.find('|'));
    all_records.push_back(std::move(r));
  }
  std::vector<resolve::PersonRecord> records;
  for (auto& r : all_records)
    if (a.schema.empty() || r.schema == a.schema) records.push_back(std::move(r));
  std::vector<std::string> predicted, labels;
  size_t unlabelled = 0;
  for (const auto& r : records) {
    auto t = truth.find(r.id);
    if (t == truth.end()) {
      ++unlabelled;
      continue;
    }
    auto p = assignment.find(r.id);
    predicted.push_back(p == assignment.end() ? r.id : p->second);
    labels.push_back(t->second);
  }
  if (labels.empty())
    return Status::InvalidArgument(
        fmt::format("no record of {} appears in '{}'; is it the truth file of the data loaded?", g.db, a.truth));
  const auto result = resolve::EvaluateClusters(predicted, labels);
  std::optional<resolve::EvaluationResult> base;
  double base_seconds = 0;
  if (a.baseline) {
    std::vector<resolve::PersonRecord> labelled;
    for (const auto& r : records)
      if (truth.count(r.id)) labelled.push_back(r);
    const auto start = std::chrono::steady_clock::now();
    base = resolve::EvaluateClusters(resolve::ResolveDeterministicBaseline(labelled), labels);
    base_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  }
  // Pair completeness of blocking: the candidate pairs the stored model's blocking produces now.
  std::optional<resolve::PairCompleteness> completeness;
  {
    KASHF_ASSIGN_OR_RETURN(auto normaliser, resolve::NameNormaliser::LoadDefault());
    auto resolver = resolve::ResolverForStore(*o.store, g.db, normaliser);
    if (resolver.ok()) {
      const auto& encoded = (*resolver)->records();
      std::vector<std::string> label_of(encoded.size());
      for (size_t i = 0; i < encoded.size(); ++i) {
        auto t = truth.find(encoded.Id(i));
        const auto* s = encoded.Schema(i);
        if (t != truth.end() && s && (a.schema.empty() || s->schema == a.schema)) label_of[i] = t->second;
      }
      resolve::BlockingOptions bo;
      bo.max_block_size = (*resolver)->options().max_block_size;
      bo.window = (*resolver)->options().window;
      bo.threads = (*resolver)->options().threads;
      bo.keep_pass_pairs = true;
      completeness = resolve::MeasurePairCompleteness(resolve::GenerateCandidatePairs(encoded, bo), label_of);
    }
  }
  if (g.json) {
    nlohmann::json j{{"kashf", ToJson(result)}, {"unlabelled_records", unlabelled}};
    if (completeness) {
      nlohmann::json passes = nlohmann::json::object();
      for (const auto& [pass, share] : completeness->per_pass) passes[pass] = share;
      j["blocking"] = {{"pair_completeness", completeness->completeness},
                       {"true_pairs", completeness->true_pairs},
                       {"true_pairs_in_candidates", completeness->found},
                       {"candidate_pairs", completeness->candidate_pairs},
                       {"per_pass", passes}};
    }
    if (base) {
      j["baseline"] = ToJson(*base);
      j["baseline"]["seconds"] = base_seconds;
    }
    fmt::print("{}\n", j.dump(2));
    return Status::Ok();
  }
  PrintText(a.schema.empty() ? "kashf resolve" : "kashf resolve, " + a.schema + " records", result);
  if (base)
    PrintText(fmt::format("baseline (same national id, or same name text + birth date; {:.2f} s)", base_seconds),
              *base);
  if (completeness) {
    fmt::print("  blocking  pair completeness {:.4f}  ({} of {} true pairs among {} candidate pairs)\n",
               completeness->completeness, completeness->found, completeness->true_pairs,
               completeness->candidate_pairs);
    for (const auto& [pass, share] : completeness->per_pass)
      fmt::print("            {:<44} alone {:.4f}\n", pass, share);
  }
  if (unlabelled) fmt::print("{} loaded records have no truth label and were not scored\n", unlabelled);
  return Status::Ok();
}

CommandRegistration reg(54, [](CLI::App& app, GlobalOptions& g) -> RunFn {
  auto args = std::make_shared<EvaluateArgs>();
  auto* cmd = app.add_subcommand("evaluate", "Score the entity resolution against ground truth");
  cmd->footer(
      "TRUTH is the simulator's truth/records.csv (dataset,schema,key,true_id) or any CSV with\n"
      "columns entity_id,true_id.\n"
      "Example: kashf --db demo.db evaluate --truth demo/truth/records.csv --baseline");
  cmd->add_option("--truth", args->truth, "Ground-truth CSV")->required();
  cmd->add_option("--schema", args->schema, "Score only records of this schema (e.g. Person)");
  cmd->add_flag("--baseline", args->baseline, "Also score the simple deterministic baseline on the same records");
  return [&g, args] { return RunEvaluate(g, *args); };
});

}  // namespace
}  // namespace kashf::cli
