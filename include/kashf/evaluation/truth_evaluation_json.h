// One JSON shape and one verdict for a truth-file evaluation (truth_evaluation.h), shared by
// `kashf network evaluate --truth FILE --json` and POST /api/v1/network/evaluate.
#pragma once
#include <string>

#include <nlohmann/json.hpp>

#include "kashf/evaluation/truth_evaluation.h"

namespace kashf::evaluation {

// Kashf's ranking (the first) against each baseline, in words: precision at k first, R-precision on
// a tie ("organiser score: better than degree at k; ties pagerank at k, better in R-precision").
std::string TruthVerdict(const LabelEvaluation& l);

// {rows, matched_rows, unknown, unknown_examples, actors, k, labels: [{label, kashf_score, true_nodes,
// true_actors, verdict, rankings: [{ranking, k, hits_at_k, precision_at_k, recall_at_k, hits_at_r,
// r_precision}]}]}
nlohmann::json TruthEvaluationJson(const TruthEvaluation& ev, size_t k);

}  // namespace kashf::evaluation
