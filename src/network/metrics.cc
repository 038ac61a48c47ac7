// Node measures for role scoring: graph kernels from src/graph plus contact counts and money aggregates
// (per currency, never added across currencies).
#include "kashf/network/metrics.h"

#include <algorithm>
#include <unordered_set>

namespace kashf::network {
namespace {

void CountContacts(const EntityNetwork& net, uint32_t n, NodeMetrics& m) {
  m.calls_in.assign(n, 0);
  m.calls_out.assign(n, 0);
  m.messages_in.assign(n, 0);
  m.messages_out.assign(n, 0);
  for (const graph::Edge& e : net.edges().edges) {
    if (e.rel != graph::Relation::kCall || e.src >= n || e.dst >= n) continue;
    m.calls_out[e.src] += e.count;
    m.calls_in[e.dst] += e.count;
    m.messages_out[e.src] += e.messages;
    m.messages_in[e.dst] += e.messages;
  }
}

// The payments' currencies (sorted codes) and, when there is one, its code.
void FindCurrencies(const graph::EdgeList& edges, NodeMetrics& m) {
  std::vector<char> seen(edges.currencies.size(), 0);
  for (const graph::Edge& e : edges.edges)
    if (e.rel == graph::Relation::kPayment && e.currency != 0 && e.currency < seen.size()) seen[e.currency] = 1;
  for (size_t c = 1; c < seen.size(); ++c)
    if (seen[c]) m.payment_currencies.push_back(edges.currencies[c]);
  std::sort(m.payment_currencies.begin(), m.payment_currencies.end());
  if (m.payment_currencies.size() == 1) m.money_currency = m.payment_currencies[0];
}

// Totals per node and currency, for payments in several currencies.
void MoneyByCurrency(const graph::EdgeList& edges, uint32_t n, NodeMetrics& m) {
  m.money_by_currency.assign(n, {});
  auto flow = [&](NodeId v, const std::string& currency) -> NodeMetrics::CurrencyFlow& {
    auto& flows = m.money_by_currency[v];
    auto it = std::lower_bound(flows.begin(), flows.end(), currency,
                               [](const NodeMetrics::CurrencyFlow& f, const std::string& c) { return f.currency < c; });
    if (it == flows.end() || it->currency != currency) it = flows.insert(it, {currency, 0, 0, 0});
    return *it;
  };
  for (const graph::Edge& e : edges.edges) {
    if (e.rel != graph::Relation::kPayment || e.src >= n || e.dst >= n) continue;
    const std::string& currency = edges.currencies[e.currency < edges.currencies.size() ? e.currency : 0];
    const bool hawala = e.channel == graph::Channel::kHawala;
    NodeMetrics::CurrencyFlow& out = flow(e.src, currency);
    out.out += e.amount;
    if (hawala) out.hawala += e.amount;
    NodeMetrics::CurrencyFlow& in = flow(e.dst, currency);
    in.in += e.amount;
    if (hawala) in.hawala += e.amount;
  }
}

// Money in and out, counterparties, hawala volume and the money-flow rank (metrics.h).
void MeasureMoney(const EntityNetwork& net, uint32_t n, const MetricsOptions& o, NodeMetrics& m) {
  FindCurrencies(net.edges(), m);
  const bool mixed = m.MoneyMixed();
  if (mixed) MoneyByCurrency(net.edges(), n, m);
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
    ++m.payments_out[e.src];
    ++m.payments_in[e.dst];
    src.push_back(e.src);
    dst.push_back(e.dst);
    // Several currencies: amounts cannot be compared, so every payment weighs the same.
    amount.push_back(static_cast<float>(!mixed && e.amount > 0 ? e.amount : 1.0));
    if (mixed) continue;
    m.money_out[e.src] += e.amount;
    m.money_in[e.dst] += e.amount;
    if (e.channel == graph::Channel::kHawala) {
      m.hawala_amount[e.src] += e.amount;
      m.hawala_amount[e.dst] += e.amount;
    }
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
}

}  // namespace

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

  CountContacts(net, n, m);
  MeasureMoney(net, n, o, m);
  return m;
}

std::vector<NodeMetrics::CurrencyFlow> MoneyOf(const NodeMetrics& m, NodeId v) {
  if (v >= m.payments_in.size() || m.payments_in[v] + m.payments_out[v] == 0) return {};
  if (m.MoneyMixed())
    return v < m.money_by_currency.size() ? m.money_by_currency[v] : std::vector<NodeMetrics::CurrencyFlow>{};
  return {{m.money_currency, m.money_in[v], m.money_out[v], m.hawala_amount[v]}};
}

}  // namespace kashf::network
