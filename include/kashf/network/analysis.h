// NetworkAnalysis: one built network with its analysis graph, and the measures, role scores and
// money index computed on first use. The entry point for the CLI (`kashf network ...`) and for
// the HTTP server: build once per (store state, filters), then answer many queries.
//
//   auto a = NetworkAnalysis::Build(store, model, {.view = View::kPersons});
//   for (const RoleScore& s : TopByRole((*a)->Roles(), Role::kOrganiser, 10)) ...
//   TrailResult t = FollowMoney((*a)->Money(), node, {.hops = 3, .days = 30});
//
// Thread safety: every const method may be called from many threads; lazily computed parts are
// built once (std::call_once).
#pragma once
#include <memory>
#include <mutex>
#include <vector>

#include "kashf/graph/algorithms.h"
#include "kashf/network/entity_network.h"
#include "kashf/network/metrics.h"
#include "kashf/network/money_trail.h"
#include "kashf/network/roles.h"

namespace kashf::network {

class NetworkAnalysis {
 public:
  // Builds the network from the store (BuildNetwork) and its CSR graph.
  static Result<std::unique_ptr<NetworkAnalysis>> Build(Store& store, const Model& model,
                                                        const BuildOptions& build = {},
                                                        const MetricsOptions& metrics = {});
  // Wraps an already built network (tests, other sources).
  explicit NetworkAnalysis(EntityNetwork net, const MetricsOptions& metrics = {});

  const EntityNetwork& network() const { return net_; }
  // The CSR graph, built on first use (layering and money trails never need it, so at 10M payments
  // they do not pay for it).
  const graph::Graph& graph() const;
  const NodeMetrics& Metrics() const;           // degree, PageRank, betweenness, communities, money
  const std::vector<RoleScore>& Roles() const;  // one per actor node, in node order
  const RoleScore* RoleOf(NodeId v) const;      // nullptr for non-actors
  const MoneyIndex& Money() const;              // payments indexed for trails and layering

  // Up to k loopless shortest paths between two nodes (Yen; edge cost 1 / tie strength).
  std::vector<graph::Path> Paths(NodeId from, NodeId to, uint32_t k) const;
  // Nodes within `radius` hops and the edges among them.
  struct Ego {
    std::vector<graph::EgoNode> nodes;
    std::vector<graph::Edge> edges;  // edges of network() with both ends in the ego network
  };
  Ego EgoNetwork(NodeId center, uint32_t radius) const;

 private:
  EntityNetwork net_;
  mutable graph::Graph graph_;
  MetricsOptions metrics_options_;
  mutable std::once_flag graph_once_, metrics_once_, roles_once_, money_once_;
  mutable NodeMetrics metrics_;
  mutable std::vector<RoleScore> roles_;
  mutable std::vector<int64_t> role_index_;
  mutable std::unique_ptr<MoneyIndex> money_;
};

}  // namespace kashf::network
