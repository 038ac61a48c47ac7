// Role scores against a generic truth file, beside the degree and PageRank baselines (network_evaluate_truth.h).
#include "network_evaluate_truth.h"

#include <fmt/format.h>

#include "cli_util.h"
#include "kashf/core/text.h"
#include "kashf/evaluation/truth_evaluation_json.h"

namespace kashf::cli {

Status PrintTruthFileEvaluation(const GlobalOptions& g, const network::NetworkAnalysis& a, const std::string& path,
                                const evaluation::TruthEvaluationOptions& o) {
  KASHF_ASSIGN_OR_RETURN(auto rows, evaluation::LoadTruthFile(path));
  KASHF_ASSIGN_OR_RETURN(auto ev, evaluation::EvaluateAgainstTruth(a, rows, o));
  if (g.json) {
    fmt::print("{}\n", evaluation::TruthEvaluationJson(ev, o.k).dump(2));
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
    fmt::print("{:<14} {}{}\n", "", evaluation::TruthVerdict(l),
               l.true_actors < l.true_nodes ? fmt::format("; {} of the true nodes are not actors and cannot be ranked",
                                                          l.true_nodes - l.true_actors)
                                            : "");
  }
  return Status::Ok();
}

}  // namespace kashf::cli
