// Learning from analysts: nodes an analyst marked as known organisers, brokers, couriers or
// laundering accounts (Store::NodeLabels) train a gradient-boosted tree model (XGBoost, Chen &
// Guestrin 2016, through its C API) over each actor's graph features; the model ranks the other
// actors and explains each score by its features' contributions (TreeSHAP, Lundberg et al. 2020,
// XGBoost's pred_contribs). Cross-validation says how far to trust the ranking.
//
// Positive-unlabelled learning: the labelled nodes are the positives and every other actor counts
// as a negative, although some of them are unlabelled positives (the ones an analyst wants found);
// the precision reported is therefore a lower bound. Precision is measured out of fold: actors
// are split into `folds` folds (positives spread evenly, order shuffled by `seed`), each fold is
// scored by a model trained on the others, and the out-of-fold scores are ranked.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "kashf/core/result.h"
#include "kashf/network/analysis.h"
#include "kashf/store/store.h"

namespace kashf::learning {

// The features of one actor, in this order (raw values; trees need no scaling): degree, strength,
// PageRank, betweenness, suspect betweenness, participation, communities bridged, money in, money
// out, net inflow, payers, payees, payments in, payments out, hawala amount, money-flow rank, case
// records, and Kashf's organiser, broker and peripheral scores.
const std::vector<std::string>& NodeFeatureNames();
// Row-major, one row per actor of a.Roles() (in that order), NodeFeatureNames().size() columns.
std::vector<float> NodeFeatures(const network::NetworkAnalysis& a);

struct LearnOptions {
  size_t folds = 5;          // cross-validation folds (fewer when there are fewer positives)
  size_t min_positives = 5;  // fewer labelled nodes than this: InvalidArgument
  int rounds = 30;           // boosting rounds
  int max_depth = 2;         // tree depth (shallow: a few labels must not be memorised)
  double eta = 0.2;          // learning rate
  uint64_t seed = 1;         // fold assignment and XGBoost's seed
  size_t limit = 20;         // ranked unlabelled nodes to return
  size_t top_features = 3;   // contributions kept per ranked node
  unsigned threads = 1;      // XGBoost threads (1 = reproducible to the bit)
};

struct FeatureContribution {
  std::string feature;
  double value = 0;         // the node's feature value
  double contribution = 0;  // its SHAP contribution to the log-odds (+ raises the score)
};

struct LearnedScore {
  network::NodeId node = network::kNoNode;
  double score = 0;                      // model probability of the label, in [0, 1]
  std::vector<FeatureContribution> top;  // largest |contribution| first
};

struct LearnResult {
  std::string label;
  size_t positives = 0, actors = 0, folds = 0;
  // Out-of-fold ranking of all actors: share of labelled nodes among the top `positives`
  // (R-precision) and among the top 10; per fold, the same R-precision within the fold.
  double cv_r_precision = 0, cv_precision_at_10 = 0;
  std::vector<double> fold_r_precision;
  // Baselines on the same folds' rankings: degree and PageRank (R-precision over all actors).
  double degree_r_precision = 0, pagerank_r_precision = 0;
  std::vector<LearnedScore> ranked;  // unlabelled actors by the full model's score, best first
  std::vector<double> importance;    // mean |contribution| per feature over all actors
};

// The actors labelled `label` among `labels`. InvalidArgument naming the first five ids that name
// no node of the network (another dataset, or filtered out) and when an id names a node that is
// not an actor (a location, an asset).
Result<std::vector<network::NodeId>> LabelledNodes(const network::NetworkAnalysis& a,
                                                   const std::vector<NodeLabel>& labels, const std::string& label);

// Trains on `positives` (actors of `a`), cross-validates, and ranks the other actors.
// InvalidArgument when there are fewer than o.min_positives positives or fewer unlabelled actors
// than positives; Internal with XGBoost's message when the library fails.
Result<LearnResult> LearnFromLabels(const network::NetworkAnalysis& a, const std::vector<network::NodeId>& positives,
                                    const std::string& label, const LearnOptions& o = {});

}  // namespace kashf::learning
