// JSON forms of disruption analysis and key players (disruption_json.h).
#include "kashf/network/disruption_json.h"

#include "kashf/network/json.h"

namespace kashf::network {
namespace {

// The nodes' ids, in the given order.
nlohmann::json NodeIds(const EntityNetwork& net, const std::vector<NodeId>& nodes) {
  nlohmann::json ids = nlohmann::json::array();
  for (NodeId v : nodes) ids.push_back(net.nodes()[v].id);
  return ids;
}

}  // namespace

nlohmann::json ComponentFiguresJson(const ComponentFigures& f) {
  return {{"nodes", f.nodes},
          {"components", f.components},
          {"largest", f.largest},
          {"connected_pairs", f.connected_pairs},
          {"fragmentation", f.fragmentation}};
}

nlohmann::json DisruptionJson(const EntityNetwork& net, const DisruptionReport& r) {
  nlohmann::json removed = nlohmann::json::array();
  for (const RemovedNode& x : r.removed_nodes) {
    nlohmann::json j = NodeJson(net, x.node);
    j["degree"] = x.degree;
    j["components_tied"] = x.components_tied;
    j["money_in"] = x.money_in;
    j["money_out"] = x.money_out;
    removed.push_back(std::move(j));
  }
  nlohmann::json brokers = nlohmann::json::array();
  for (const ReconnectingBroker& b : r.brokers) {
    nlohmann::json j = NodeJson(net, b.node);
    j["component_size"] = b.component_size;
    j["components"] = b.components;
    j["nodes_reached"] = b.nodes_reached;
    j["pairs_restored"] = b.pairs_restored;
    j["via"] = NodeIds(net, b.via);
    brokers.push_back(std::move(j));
  }
  return {{"removed", removed},
          {"before", ComponentFiguresJson(r.before)},
          {"after", ComponentFiguresJson(r.after)},
          {"pairs_disconnected", r.pairs_disconnected},
          {"cut_from_largest", r.cut_from_largest},
          {"money",
           {{"payments_touched", r.payments_touched},
            {"touched", r.money_touched},
            {"into_removed", r.money_into_removed},
            {"out_of_removed", r.money_out_of_removed},
            {"relayed", r.money_relayed}}},
          {"brokers", brokers}};
}

nlohmann::json KeyPlayersJson(const EntityNetwork& net, const KeyPlayerResult& r) {
  nlohmann::json players = nlohmann::json::array();
  for (size_t i = 0; i < r.players.size(); ++i) {
    nlohmann::json j = NodeJson(net, r.players[i]);
    j["contribution"] = r.contribution[i];
    players.push_back(std::move(j));
  }
  return {{"k", r.players.size()},
          {"players", players},
          {"before", ComponentFiguresJson(r.before)},
          {"after", ComponentFiguresJson(r.after)},
          {"greedy_pairs", r.greedy_pairs},
          {"candidates", r.candidates},
          {"swaps", r.swaps},
          {"best_start", r.best_start},
          {"graph_passes", r.graph_passes}};
}

nlohmann::json SuccessionJson(const EntityNetwork& net, const SuccessionReport& r) {
  nlohmann::json successors = nlohmann::json::array();
  for (const Successor& s : r.successors) {
    nlohmann::json j = NodeJson(net, s.node);
    j["betweenness_before"] = s.betweenness_before;
    j["betweenness_after"] = s.betweenness_after;
    j["degree_before"] = s.degree_before;
    j["degree_after"] = s.degree_after;
    j["replaced"] = NodeIds(net, s.replaced);
    successors.push_back(std::move(j));
  }
  return {{"removal_date", graph::IsoFromDay(r.removal_day)},
          {"edges_before", r.edges_before},
          {"edges_after", r.edges_after},
          {"betweenness_exact", r.betweenness_exact},
          {"successors", successors}};
}

}  // namespace kashf::network
