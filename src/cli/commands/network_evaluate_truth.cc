// Role scores against a generic truth file, beside the degree and PageRank baselines (network_evaluate_truth.h).
#include "network_evaluate_truth.h"

#include <algorithm>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli_util.h"
#include "kashf/core/text.h"

namespace kashf::cli {
namespace {

nlohmann::json RankingJson(const evaluation::RankingScore& r) {
  return {{"ranking", r.ranking},         {"k", r.k},
          {"hits_at_k", r.hits_at_k},     {"precision_at_k", r.precision_at_k},
          {"recall_at_k", r.recall_at_k}, {"hits_at_r", r.hits_at_r},
          {"r_precision", r.r_precision}};
}

// Kashf's ranking (the first) against each baseline: precision at k first, R-precision on a tie.
std::string Verdict(const evaluation::LabelEvaluation& l) {
  if (l.kashf_score.empty()) return "no Kashf score for this label (--score LABEL=ROLE picks one)";
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

}  // namespace

Status PrintTruthFileEvaluation(const GlobalOptions& g, const network::NetworkAnalysis& a, const std::string& path,
                                const evaluation::TruthEvaluationOptions& o) {
  KASHF_ASSIGN_OR_RETURN(auto rows, evaluation::LoadTruthFile(path));
  KASHF_ASSIGN_OR_RETURN(auto ev, evaluation::EvaluateAgainstTruth(a, rows, o));
  if (g.json) {
    nlohmann::json labels = nlohmann::json::array();
    for (const auto& l : ev.labels) {
      nlohmann::json r = nlohmann::json::array();
      for (const auto& x : l.rankings) r.push_back(RankingJson(x));
      labels.push_back({{"label", l.label},
                        {"kashf_score", l.kashf_score},
                        {"true_nodes", l.true_nodes},
                        {"true_actors", l.true_actors},
                        {"rankings", r}});
    }
    fmt::print("{}\n", nlohmann::json{{"rows", ev.rows},
                                      {"matched_rows", ev.matched_rows},
                                      {"unknown", ev.unknown},
                                      {"unknown_examples", ev.unknown_examples},
                                      {"actors", ev.actors},
                                      {"k", o.k},
                                      {"labels", labels}}
                           .dump(2));
    return Status::Ok();
  }
  fmt::print("{}: {} rows, {} matched", path, Thousands(static_cast<int64_t>(ev.rows)),
             Thousands(static_cast<int64_t>(ev.matched_rows)));
  if (ev.unknown)
    fmt::print(", {} skipped as unknown (first: {})", Thousands(static_cast<int64_t>(ev.unknown)),
               Join(ev.unknown_examples, ", "));
  fmt::print("; ranked among {} actors\n", Thousands(static_cast<int64_t>(ev.actors)));
  fmt::print("{:<14} {:>6} {:<18} {:>9} {:>9} {:>12}\n", "label", "true", "ranking", fmt::format("P@{}", o.k),
             fmt::format("R@{}", o.k), "R-precision");
  for (const auto& l : ev.labels) {
    for (size_t i = 0; i < l.rankings.size(); ++i) {
      const auto& r = l.rankings[i];
      fmt::print("{:<14} {:>6} {:<18} {:>9.2f} {:>9.2f} {:>12.2f}\n", i ? "" : l.label,
                 i ? "" : std::to_string(l.true_nodes), r.ranking, r.precision_at_k, r.recall_at_k, r.r_precision);
    }
    fmt::print("{:<14} {}{}\n", "", Verdict(l),
               l.true_actors < l.true_nodes ? fmt::format("; {} of the true nodes are not actors and cannot be ranked",
                                                          l.true_nodes - l.true_actors)
                                            : "");
  }
  return Status::Ok();
}

}  // namespace kashf::cli
