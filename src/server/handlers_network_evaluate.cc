// POST /api/v1/network/evaluate (issue 14, point 6): Kashf's role scores scored against an uploaded
// ground-truth CSV (kashf/evaluation/truth_file.h: id,role or dataset,schema,key,role) beside the
// degree and PageRank baselines of the same network — what `kashf network evaluate --truth FILE`
// prints, in the same JSON shape (truth_evaluation_json.h). The answer holds figures only, never
// nodes' names; unknown references are echoed as the caller wrote them.
#include <fmt/format.h>

#include "body_reader.h"
#include "kashf/evaluation/truth_evaluation.h"
#include "kashf/evaluation/truth_evaluation_json.h"
#include "kashf/evaluation/truth_file.h"
#include "server_state.h"

namespace kashf::server {
namespace {

using auth::Permission;

constexpr size_t kMaxTruthBytes = size_t{4} << 20;
constexpr size_t kMaxScoreMappings = 50;

// {truth: CSV text, k, skip_unknown, score: {label: role}}
Result<Reply> Evaluate(Call& c) {
  BodyReader b(c.body);
  b.OnlyFields({"truth", "k", "skip_unknown", "score"});
  const std::string truth = b.String("truth", true, kMaxTruthBytes);
  evaluation::TruthEvaluationOptions o;
  o.k = static_cast<size_t>(b.Int("k", 10, 1, 1000));
  o.skip_unknown = b.Bool("skip_unknown", false);
  const nlohmann::json score = b.Object("score");
  KASHF_RETURN_IF_ERROR(b.status());
  if (score.size() > kMaxScoreMappings)
    return Status::InvalidArgument(fmt::format("'score' maps at most {} labels to roles", kMaxScoreMappings));
  for (const auto& [label, role] : score.items()) {
    if (!role.is_string() || label.empty() || label.size() > 100)
      return Status::InvalidArgument(
          "'score' maps a label to the role whose score ranks it, e.g. {\"boss\": \"organiser\"}");
    o.score_for[label] = role.get<std::string>();
  }
  KASHF_ASSIGN_OR_RETURN(auto rows, evaluation::ParseTruthCsv(truth, "truth"));
  KASHF_ASSIGN_OR_RETURN(auto a, CachedNetwork(c));
  KASHF_ASSIGN_OR_RETURN(auto ev, evaluation::EvaluateAgainstTruth(*a, rows, o));
  KASHF_RETURN_IF_ERROR(
      c.Audit("network.evaluate", "",
              fmt::format("rows={} matched={} labels={} k={}", ev.rows, ev.matched_rows, ev.labels.size(), o.k)));
  return JsonReply(evaluation::TruthEvaluationJson(ev, o.k));
}

}  // namespace

void AddNetworkEvaluateRoutes(Router& r) {
  r.Add({"POST", "/api/v1/network/evaluate", Permission::kReadNetwork, true, Evaluate,
         "score the role rankings against an uploaded ground-truth CSV, beside degree and PageRank"});
}

}  // namespace kashf::server
