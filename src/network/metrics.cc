// Node measures for role scoring: graph kernels from src/graph plus money aggregates.
#include "kashf/network/metrics.h"

#include <algorithm>
#include <unordered_set>

namespace kashf::network {

NodeMetrics ComputeMetrics(const EntityNetwork& net, const graph::Graph& g, const MetricsOptions& o) {
  NodeMetrics m;
  const uint32_t n = g.num_nodes();
  const graph::Csr& und = g.undirected();
  m.degree.resize(n);
  m.strength.assign(n, 0);
  for (NodeId v = 0; v < n; ++v) {
    m.degree[v] = static_cast<uint32_t>(und.Degree(v));
    for (float w : und.Weights(v)) m.strength[v] += w;
  }
  graph::PageRankOptions pr;
  pr.weighted = true;
  pr.threads = o.threads;
  m.pagerank = graph::PageRank(g, pr);

  graph::BetweennessOptions bo;
  bo.threads = o.threads;
  bo.seed = o.seed;
  bo.normalise = true;
  if (n > o.exact_betweenness_limit) {
    bo.samples = std::min(n, o.betweenness_samples);
    m.betweenness_exact = false;
    m.betweenness_samples = bo.samples;
  }
  m.betweenness = graph::Betweenness(g, bo);
  {
    const auto& nodes = net.nodes();
    bool victims = std::any_of(nodes.begin(), nodes.end(), [](const Node& x) { return x.victim; });
    if (victims) {
      std::vector<NodeId> src, dst;
      std::vector<float> w;
      for (const graph::Edge& e : net.edges().edges) {
        if (e.src >= n || e.dst >= n || nodes[e.src].victim || nodes[e.dst].victim) continue;
        src.push_back(e.src);
        dst.push_back(e.dst);
        w.push_back(e.weight);
      }
      m.suspect_betweenness = graph::Betweenness(graph::Graph::Build(n, src, dst, w, o.threads), bo);
    } else {
      m.suspect_betweenness = m.betweenness;
    }
  }

  graph::LouvainResult lv = graph::Louvain(g);
  m.community = std::move(lv.community);
  m.communities = lv.count;
  m.modularity = lv.modularity;
  m.component = graph::ConnectedComponents(g, o.threads);

  m.participation.assign(n, 0);
  m.bridged_communities.assign(n, 0);
  {
    std::vector<double> share(m.communities, 0);
    std::vector<uint32_t> touched;
    for (NodeId v = 0; v < n; ++v) {
      auto nb = und.Neighbours(v);
      auto w = und.Weights(v);
      if (nb.empty() || m.strength[v] <= 0) continue;
      touched.clear();
      for (size_t j = 0; j < nb.size(); ++j) {
        uint32_t c = m.community[nb[j]];
        if (share[c] == 0) touched.push_back(c);
        share[c] += w[j];
      }
      double sum = 0;
      uint32_t others = 0;
      for (uint32_t c : touched) {
        double f = share[c] / m.strength[v];
        sum += f * f;
        if (c != m.community[v]) ++others;
        share[c] = 0;
      }
      m.participation[v] = 1 - sum;
      m.bridged_communities[v] = others;
    }
  }

  // Money.
  m.money_in.assign(n, 0);
  m.money_out.assign(n, 0);
  m.payments_in.assign(n, 0);
  m.payments_out.assign(n, 0);
  m.hawala_amount.assign(n, 0);
  m.payers.assign(n, 0);
  m.payees.assign(n, 0);
  std::vector<NodeId> src, dst;
  std::vector<float> amount;
  for (const graph::Edge& e : net.edges().edges) {
    if (e.rel != graph::Relation::kPayment || e.src >= n || e.dst >= n) continue;
    m.money_out[e.src] += e.amount;
    m.money_in[e.dst] += e.amount;
    ++m.payments_out[e.src];
    ++m.payments_in[e.dst];
    if (e.channel == graph::Channel::kHawala) {
      m.hawala_amount[e.src] += e.amount;
      m.hawala_amount[e.dst] += e.amount;
    }
    src.push_back(e.src);
    dst.push_back(e.dst);
    amount.push_back(static_cast<float>(e.amount > 0 ? e.amount : 1.0));
  }
  graph::Graph money = graph::Graph::Build(n, src, dst, amount, o.threads);
  for (NodeId v = 0; v < n; ++v) {
    m.payers[v] = static_cast<uint32_t>(money.in().Degree(v));
    m.payees[v] = static_cast<uint32_t>(money.out().Degree(v));
  }
  graph::PageRankOptions mr;
  mr.weighted = true;
  mr.threads = o.threads;
  m.money_rank = graph::PageRank(money, mr);
  return m;
}

}  // namespace kashf::network
