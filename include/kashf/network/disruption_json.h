// JSON forms of disruption analysis and the key-player search, shared by `kashf network disrupt |
// key-players --json` and the HTTP server (docs/network.md, docs/openapi.yaml). Nodes use NodeJson
// (json.h): victims appear only as "[victim]".
#pragma once
#include <nlohmann/json.hpp>

#include "kashf/network/disruption.h"
#include "kashf/network/entity_network.h"
#include "kashf/network/key_players.h"
#include "kashf/network/succession.h"

namespace kashf::network {

// {nodes, components, largest, connected_pairs, fragmentation}
nlohmann::json ComponentFiguresJson(const ComponentFigures& f);
// {removed: [node... degree, components_tied, money_in, money_out], before, after, pairs_disconnected,
//  cut_from_largest, money: {payments_touched, touched, into_removed, out_of_removed, relayed},
//  brokers: [node... component_size, components, nodes_reached, pairs_restored, via: [node ids]]}
nlohmann::json DisruptionJson(const EntityNetwork& net, const DisruptionReport& r);
// {k, players: [node... contribution], before, after, greedy_pairs, candidates, swaps, best_start, graph_passes}
nlohmann::json KeyPlayersJson(const EntityNetwork& net, const KeyPlayerResult& r);

// {removal_date, edges_before, edges_after, betweenness_exact, successors: [node... betweenness_before,
//  betweenness_after, degree_before, degree_after, replaced: [node ids]]}
nlohmann::json SuccessionJson(const EntityNetwork& net, const SuccessionReport& r);

}  // namespace kashf::network
