// Role detection scored against a generic truth file (truth_file.h), on any data: for each label,
// precision and recall at k of Kashf's role score for it and of two plain baselines computed in
// the same run, degree and PageRank (so a role score is only worth reading when it beats them).
//
// Each truth row is matched to the network node whose cluster id or member entity id it names
// (never by node number or name: a numeric account number must not silently hit node #1234).
// Rows naming no node are unknown: counted and named (first five) in the error, or, with
// skip_unknown, in the result. The rankings are over the actor nodes (people, organisations,
// phones, accounts); precision@k = true nodes in the top k / k; recall@k = true nodes in the top k /
// true nodes with the label (a true node that is not an actor counts as missed by every ranking);
// R-precision is both at k = the number of true nodes.
#pragma once
#include <map>
#include <string>
#include <vector>

#include "kashf/core/result.h"
#include "kashf/evaluation/truth_file.h"
#include "kashf/network/analysis.h"

namespace kashf::evaluation {

struct RankingScore {
  std::string ranking;  // "organiser score" (Kashf's), "degree", "pagerank"
  size_t k = 0;         // min(k, actors)
  size_t hits_at_k = 0;
  double precision_at_k = 0, recall_at_k = 0;
  size_t hits_at_r = 0;  // in the top (true nodes)
  double r_precision = 0;
};

struct LabelEvaluation {
  std::string label;
  std::string kashf_score;             // the role whose score ranks this label; empty when Kashf has none for it
  size_t true_nodes = 0;               // distinct nodes with the label
  size_t true_actors = 0;              // ... of them actors
  std::vector<RankingScore> rankings;  // Kashf's (when it has one), degree, PageRank
};

struct TruthEvaluation {
  size_t rows = 0, matched_rows = 0, actors = 0;
  size_t unknown = 0;
  std::vector<std::string> unknown_examples;  // the first five unknown references, as written
  std::vector<LabelEvaluation> labels;        // by label
};

struct TruthEvaluationOptions {
  size_t k = 10;
  bool skip_unknown = false;  // evaluate on the rows that matched instead of refusing
  // Label -> role whose score ranks it, for labels that are not role names ("boss" -> organiser,
  // "laundering" -> broker). Role names (and "organizer") map to themselves.
  std::map<std::string, std::string> score_for{};
};

// InvalidArgument when rows name nodes that are not in the network (unless skip_unknown; always when
// none matched), when k is 0, or when score_for names an unknown role.
Result<TruthEvaluation> EvaluateAgainstTruth(const network::NetworkAnalysis& a, const std::vector<TruthRow>& rows,
                                             const TruthEvaluationOptions& o = {});

}  // namespace kashf::evaluation
