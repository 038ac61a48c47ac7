// JSON forms of analysts' node labels and of a learned ranking, shared by `kashf network label |
// learn --json` and the HTTP API (/api/v1/network/labels, /api/v1/network/learn) so both speak the
// same shapes (docs/network.md). Victims appear only as "[victim]" (network::NodeJson).
#pragma once
#include <nlohmann/json.hpp>

#include "kashf/learning/node_learning.h"
#include "kashf/network/entity_network.h"
#include "kashf/store/store.h"

namespace kashf::learning {

// {node, label, user, at (ISO 8601 UTC), note}
nlohmann::json NodeLabelJson(const NodeLabel& l);

// {label, positives, actors, folds, cv_r_precision, cv_precision_at_10, fold_r_precision,
//  degree_r_precision, pagerank_r_precision, importance: {feature: mean |contribution|},
//  features: [names in order], ranked: [{rank, NodeJson..., label, score,
//  features: [{feature, value, contribution}]}]}
nlohmann::json LearnJson(const network::EntityNetwork& net, const LearnResult& r);

}  // namespace kashf::learning
