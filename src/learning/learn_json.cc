// JSON forms of node labels and learned rankings (learn_json.h).
#include "kashf/learning/learn_json.h"

#include "kashf/core/text.h"
#include "kashf/network/json.h"

namespace kashf::learning {

nlohmann::json NodeLabelJson(const NodeLabel& l) {
  return {{"node", l.node_id},
          {"label", l.label},
          {"user", l.user},
          {"at", l.at ? nlohmann::json(FormatIsoUtc(l.at)) : nlohmann::json(nullptr)},
          {"note", l.note}};
}

nlohmann::json LearnJson(const network::EntityNetwork& net, const LearnResult& r) {
  const auto& names = NodeFeatureNames();
  nlohmann::json ranked = nlohmann::json::array();
  for (size_t i = 0; i < r.ranked.size(); ++i) {
    const LearnedScore& s = r.ranked[i];
    nlohmann::json top = nlohmann::json::array();
    for (const FeatureContribution& f : s.top)
      top.push_back({{"feature", f.feature}, {"value", f.value}, {"contribution", f.contribution}});
    nlohmann::json j = network::NodeJson(net, s.node);
    j["rank"] = i + 1;
    j["label"] = net.Label(s.node);
    j["score"] = s.score;
    j["features"] = std::move(top);
    ranked.push_back(std::move(j));
  }
  nlohmann::json importance = nlohmann::json::object();
  for (size_t c = 0; c < names.size() && c < r.importance.size(); ++c) importance[names[c]] = r.importance[c];
  return {{"label", r.label},
          {"positives", r.positives},
          {"actors", r.actors},
          {"folds", r.folds},
          {"cv_r_precision", r.cv_r_precision},
          {"cv_precision_at_10", r.cv_precision_at_10},
          {"fold_r_precision", r.fold_r_precision},
          {"degree_r_precision", r.degree_r_precision},
          {"pagerank_r_precision", r.pagerank_r_precision},
          {"importance", importance},
          {"features", names},
          {"ranked", ranked}};
}

}  // namespace kashf::learning
