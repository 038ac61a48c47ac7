// JSON and verdict of a truth-file evaluation (truth_evaluation_json.h).
#include "kashf/evaluation/truth_evaluation_json.h"

#include <vector>

#include <fmt/format.h>

#include "kashf/core/text.h"

namespace kashf::evaluation {
namespace {

nlohmann::json RankingJson(const RankingScore& r) {
  return {{"ranking", r.ranking},         {"k", r.k},
          {"hits_at_k", r.hits_at_k},     {"precision_at_k", r.precision_at_k},
          {"recall_at_k", r.recall_at_k}, {"hits_at_r", r.hits_at_r},
          {"r_precision", r.r_precision}};
}

}  // namespace

std::string TruthVerdict(const LabelEvaluation& l) {
  if (l.kashf_score.empty() || l.rankings.empty())
    return "no Kashf score for this label (--score LABEL=ROLE picks one)";
  const auto& kashf = l.rankings[0];
  std::vector<std::string> parts;
  for (size_t i = 1; i < l.rankings.size(); ++i) {
    const auto& base = l.rankings[i];
    const std::string& name = base.ranking;
    if (kashf.precision_at_k != base.precision_at_k)
      parts.push_back(
          fmt::format("{} than {} at k", kashf.precision_at_k > base.precision_at_k ? "better" : "worse", name));
    else if (kashf.r_precision != base.r_precision)
      parts.push_back(fmt::format("ties {} at k, {} in R-precision", name,
                                  kashf.r_precision > base.r_precision ? "better" : "worse"));
    else parts.push_back("same as " + name);
  }
  return kashf.ranking + ": " + Join(parts, "; ");
}

nlohmann::json TruthEvaluationJson(const TruthEvaluation& ev, size_t k) {
  nlohmann::json labels = nlohmann::json::array();
  for (const auto& l : ev.labels) {
    nlohmann::json r = nlohmann::json::array();
    for (const auto& x : l.rankings) r.push_back(RankingJson(x));
    labels.push_back({{"label", l.label},
                      {"kashf_score", l.kashf_score},
                      {"true_nodes", l.true_nodes},
                      {"true_actors", l.true_actors},
                      {"verdict", TruthVerdict(l)},
                      {"rankings", r}});
  }
  return {{"rows", ev.rows},       {"matched_rows", ev.matched_rows},
          {"unknown", ev.unknown}, {"unknown_examples", ev.unknown_examples},
          {"actors", ev.actors},   {"k", k},
          {"labels", labels}};
}

}  // namespace kashf::evaluation
