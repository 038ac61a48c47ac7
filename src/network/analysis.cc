// NetworkAnalysis: lazily computed measures over one built network (analysis.h).
#include "kashf/network/analysis.h"

namespace kashf::network {

Result<std::unique_ptr<NetworkAnalysis>> NetworkAnalysis::Build(Store& store, const Model& model,
                                                                const BuildOptions& build,
                                                                const MetricsOptions& metrics) {
  KASHF_ASSIGN_OR_RETURN(EntityNetwork net, BuildNetwork(store, model, build));
  return std::make_unique<NetworkAnalysis>(std::move(net), metrics);
}

NetworkAnalysis::NetworkAnalysis(EntityNetwork net, const MetricsOptions& metrics)
    : net_(std::move(net)), metrics_options_(metrics) {}

const graph::Graph& NetworkAnalysis::graph() const {
  std::call_once(graph_once_, [&] { graph_ = graph::Graph::Build(net_.edges(), metrics_options_.threads); });
  return graph_;
}

const NodeMetrics& NetworkAnalysis::Metrics() const {
  std::call_once(metrics_once_, [&] { metrics_ = ComputeMetrics(net_, graph(), metrics_options_); });
  return metrics_;
}

const std::vector<RoleScore>& NetworkAnalysis::Roles() const {
  std::call_once(roles_once_, [&] {
    roles_ = ScoreRoles(net_, graph(), Metrics(), {}, metrics_options_.reports);
    role_index_.assign(net_.num_nodes(), -1);
    for (size_t i = 0; i < roles_.size(); ++i) role_index_[roles_[i].node] = static_cast<int64_t>(i);
  });
  return roles_;
}

const RoleScore* NetworkAnalysis::RoleOf(NodeId v) const {
  Roles();
  return v < role_index_.size() && role_index_[v] >= 0 ? &roles_[static_cast<size_t>(role_index_[v])] : nullptr;
}

const MoneyIndex& NetworkAnalysis::Money() const {
  std::call_once(money_once_, [&] { money_ = std::make_unique<MoneyIndex>(net_.edges()); });
  return *money_;
}

std::vector<graph::Path> NetworkAnalysis::Paths(NodeId from, NodeId to, uint32_t k) const {
  return graph::KShortestPaths(graph(), from, to, k);
}

NetworkAnalysis::Ego NetworkAnalysis::EgoNetwork(NodeId center, uint32_t radius) const {
  Ego ego;
  ego.nodes = graph::EgoNetwork(graph(), center, radius);
  std::vector<char> in(net_.num_nodes(), 0);
  for (const auto& n : ego.nodes) in[n.node] = 1;
  for (const graph::Edge& e : net_.edges().edges)
    if (in[e.src] && in[e.dst]) ego.edges.push_back(e);
  return ego;
}

}  // namespace kashf::network
