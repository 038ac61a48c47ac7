// kashf evaluate: score the current resolution against ground truth (simulated data or any
// labelled CSV): pairwise precision / recall / F1, B-cubed and cluster counts.
#include <chrono>
#include <optional>
#include <unordered_map>

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
  bool link_only = false;
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

// Every entity in the store with its schema and dataset, so that scoring can count what it leaves out.
Result<std::unordered_map<std::string, resolve::LoadedEntity>> LoadedEntities(Store& store) {
  std::unordered_map<std::string, resolve::LoadedEntity> out;
  KASHF_RETURN_IF_ERROR(store.ScanStatements({}, [&](const Statement& s) {
    out.try_emplace(s.entity_id, resolve::LoadedEntity{s.schema, s.dataset});
    return true;
  }));
  return out;
}

void PrintNotScored(const resolve::TruthScore& score) {
  if (score.records_without_prediction)
    fmt::print(
        "  not scored: {} labelled records were loaded but never resolved (nothing to compare them on, e.g. no "
        "name); they are in {} true pairs\n",
        score.records_without_prediction, score.true_pairs_not_scored);
  if (score.truth_not_loaded)
    fmt::print("  not scored: {} truth rows name no loaded record (rejected rows, or another data set)\n",
               score.truth_not_loaded);
  if (score.records_without_truth)
    fmt::print("  not scored: {} loaded records have no truth label\n", score.records_without_truth);
}

Status RunEvaluate(const GlobalOptions& g, const EvaluateArgs& a) {
  KASHF_ASSIGN_OR_RETURN(auto truth, resolve::LoadTruthCsv(a.truth));
  KASHF_ASSIGN_OR_RETURN(Opened o, OpenStore(g));
  KASHF_ASSIGN_OR_RETURN(auto state, resolve::ResolutionState::Open(g.db));
  KASHF_ASSIGN_OR_RETURN(resolve::Assignment assignment, state->LoadAssignment());
  if (assignment.empty()) return Status::FailedPrecondition("nothing resolved yet; run `kashf resolve` first");
  KASHF_ASSIGN_OR_RETURN(auto spec, resolve::LoadComparisonModel(""));
  KASHF_ASSIGN_OR_RETURN(auto records, resolve::LoadResolvableRecords(*o.store, spec));
  KASHF_ASSIGN_OR_RETURN(auto keyed, resolve::LoadKeyedEntities(*o.store, &spec));
  for (const auto& k : keyed) {
    resolve::PersonRecord r;
    r.id = k.id;
    r.schema = k.key.substr(0, k.key.find('|'));
    records.push_back(std::move(r));
  }
  KASHF_ASSIGN_OR_RETURN(auto loaded, LoadedEntities(*o.store));
  std::vector<std::pair<std::string, std::string>> predicted;
  predicted.reserve(records.size());
  for (const auto& r : records) {
    auto p = assignment.find(r.id);
    predicted.emplace_back(r.id, p == assignment.end() ? r.id : p->second);
  }
  const resolve::TruthScore score = resolve::ScoreAgainstTruth(predicted, loaded, truth, {a.schema, a.link_only});
  if (score.labels.empty())
    return Status::InvalidArgument(
        fmt::format("no record of {} appears in '{}'; is it the truth file of the data loaded?", g.db, a.truth));
  const auto& result = score.scored;
  std::optional<resolve::EvaluationResult> base;
  double base_seconds = 0;
  if (a.baseline) {
    std::unordered_map<std::string, const resolve::PersonRecord*> by_id;
    for (const auto& r : records) by_id.emplace(r.id, &r);
    std::vector<resolve::PersonRecord> labelled;
    for (const auto& id : score.ids) labelled.push_back(*by_id.at(id));
    const auto start = std::chrono::steady_clock::now();
    base = resolve::EvaluateClusters(resolve::ResolveDeterministicBaseline(labelled), score.labels,
                                     a.link_only ? &score.sources : nullptr);
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
    nlohmann::json j{{"kashf", ToJson(result)},
                     {"link_only", a.link_only},
                     {"unlabelled_records", score.records_without_truth},
                     {"not_scored",
                      {{"records_without_truth", score.records_without_truth},
                       {"records_without_prediction", score.records_without_prediction},
                       {"true_pairs_without_prediction", score.true_pairs_not_scored},
                       {"truth_rows_not_loaded", score.truth_not_loaded}}}};
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
  std::string label = a.schema.empty() ? "kashf resolve" : "kashf resolve, " + a.schema + " records";
  if (a.link_only) label += ", pairs across datasets only";
  PrintText(label, result);
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
  PrintNotScored(score);
  return Status::Ok();
}

CommandRegistration reg(54, [](CLI::App& app, GlobalOptions& g) -> RunFn {
  auto args = std::make_shared<EvaluateArgs>();
  auto* cmd = app.add_subcommand("evaluate", "Score the entity resolution against ground truth");
  cmd->footer(
      "TRUTH is the simulator's truth/records.csv (dataset,schema,key,true_id) or any CSV with\n"
      "columns entity_id,true_id.\n"
      "Records that cannot be scored are counted, not dropped: labelled records never resolved (and the\n"
      "true pairs they are in), truth rows naming no loaded record, loaded records without a label.\n"
      "Example: kashf --db demo.db evaluate --truth demo/truth/records.csv --baseline");
  cmd->add_option("--truth", args->truth, "Ground-truth CSV")->required();
  cmd->add_option("--schema", args->schema, "Score only records of this schema (e.g. Person)");
  cmd->add_flag("--baseline", args->baseline, "Also score the simple deterministic baseline on the same records");
  cmd->add_flag("--link-only", args->link_only,
                "Score only pairs of records from different datasets (a link task between files); B-cubed and "
                "cluster counts stay over all records");
  return [&g, args] { return RunEvaluate(g, *args); };
});

}  // namespace
}  // namespace kashf::cli
