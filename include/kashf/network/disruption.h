// Disruption analysis: "if these people are arrested, what happens?" Given a set of nodes taken out
// of the network, AnalyseDisruption reports
//  * reachability: connected pairs, components and the largest component before and after
//    (components of the undirected graph; fragmentation.h), and the pairs of remaining nodes that
//    were connected before and are not any more;
//  * money: payments the removed made or received, and the money they relayed between remaining
//    nodes, each total per currency (never added across currencies). Taking the removed set R as one node, what entered
//    R from remaining nodes is `into` and what left R to remaining nodes is `out_of`; by flow conservation at most
//    min(into, out_of) can have travelled between remaining accounts through R (payments among the removed stay inside
//    R), in each currency. This is an upper bound that needs no path enumeration or dates;
//  * reconnecting brokers: remaining nodes that could join the pieces again. A removed group is a
//    connected set of removed nodes; its contacts are the remaining nodes tied to it, spread over
//    the new components. A contact of a group knows (through the removed) every other component
//    that group touched, so it is the natural person to take over the removed's role: brokers are
//    ranked by the connected pairs that would be restored if they tied their own component to all
//    the components their removed contacts reached. (A remaining node cannot itself have
//    neighbours in two new components: ties among remaining nodes are kept, so such components
//    would be one.)
// Thread safety: pure function of its arguments.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "kashf/core/result.h"
#include "kashf/graph/graph.h"
#include "kashf/network/entity_network.h"
#include "kashf/network/fragmentation.h"
#include "kashf/network/money.h"

namespace kashf::network {

struct DisruptionOptions {
  size_t max_brokers = 10;  // reconnecting brokers reported
};

struct RemovedNode {
  NodeId node = 0;
  uint32_t degree = 0;                 // distinct neighbours before removal
  uint32_t components_tied = 0;        // distinct new components among its remaining neighbours
  CurrencyTotals money_in, money_out;  // payments received / made (all counterparties), per currency
};

struct ReconnectingBroker {
  NodeId node = 0;
  uint32_t component_size = 0;  // nodes in its own new component
  uint32_t components = 0;      // other new components its removed contacts reached
  uint32_t nodes_reached = 0;   // nodes in those components
  uint64_t pairs_restored = 0;  // connected pairs gained if it joined them all to its own
  std::vector<NodeId> via;      // its removed contacts (node order, at most 5)
};

struct DisruptionReport {
  std::vector<NodeId> removed;             // sorted, distinct
  std::vector<RemovedNode> removed_nodes;  // same order
  ComponentFigures before, after;          // the whole network; the remaining nodes
  // Pairs of remaining nodes connected before the removal and not after.
  uint64_t pairs_disconnected = 0;
  // Nodes of the largest component before the removal that are (remaining) outside the largest
  // component after it.
  uint32_t cut_from_largest = 0;
  // Money: payment edges only, per currency of the records.
  uint32_t payments_touched = 0;            // payments with a removed payer or payee
  CurrencyTotals money_touched;             // their amount
  CurrencyTotals money_into_removed;        // paid by remaining nodes to removed ones
  CurrencyTotals money_out_of_removed;      // paid by removed nodes to remaining ones
  CurrencyTotals money_relayed;             // per currency, min of the two: the most the removed can have relayed
  std::vector<ReconnectingBroker> brokers;  // by pairs_restored, then node
};

// InvalidArgument when `removed` is empty, names a node outside the network, or would remove every node.
Result<DisruptionReport> AnalyseDisruption(const EntityNetwork& net, const graph::Graph& g,
                                           const std::vector<NodeId>& removed, const DisruptionOptions& o = {});

// The nodes an arrest can remove: actors (people, organisations, phones, accounts) that are not
// victims; one flag per node, for KeyPlayerOptions::eligible.
std::vector<char> RemovableNodes(const EntityNetwork& net);

// Nodes named by cluster id, entity id, node number or exact name (EntityNetwork::Find); the error
// names the key that was not found, with EntityNetwork::Find's advice.
Result<std::vector<NodeId>> FindNodes(const EntityNetwork& net, const std::vector<std::string>& keys);

}  // namespace kashf::network
