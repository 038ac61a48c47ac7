// Per-node measures of an EntityNetwork: structure (degree, PageRank, betweenness, communities,
// components, participation) and money (amounts in and out, counterparties, channels, and a
// money-flow rank). They feed role scoring (roles.h) and the `kashf network centrality` output.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "kashf/graph/algorithms.h"
#include "kashf/network/entity_network.h"
#include "kashf/network/event_reports.h"

namespace kashf::network {

struct MetricsOptions {
  unsigned threads = 0;  // 0 = hardware concurrency
  // Betweenness is exact up to this many nodes; above, Brandes-Pich sampling with `samples`
  // pivots (error bound in docs/network.md).
  uint32_t exact_betweenness_limit = 5000;
  uint32_t betweenness_samples = 1024;
  uint64_t seed = 1;
  // Role scoring's reports-after-events evidence (event_reports.h; roles.h): the window after an
  // event in which calls count as reports. Check with CheckEventReportOptions.
  EventReportOptions reports = {};
};

struct NodeMetrics {
  // Structure: the graph of every edge kept by the build filters.
  std::vector<uint32_t> degree;     // distinct neighbours (undirected)
  std::vector<double> strength;     // summed edge weight (undirected)
  std::vector<double> pagerank;     // weighted directed PageRank, sums to 1
  std::vector<double> betweenness;  // normalised to [0, 1] by (n-1)(n-2)/2
  // The same on the suspect network: edges of victims (Node::victim) left out, because every
  // path to a victim runs through whoever recruited them, which measures exposure, not brokerage.
  // Equal to `betweenness` when no node is a victim.
  std::vector<double> suspect_betweenness;
  bool betweenness_exact = true;
  uint32_t betweenness_samples = 0;  // pivots used when not exact
  std::vector<uint32_t> community;   // Louvain community, dense ids
  uint32_t communities = 0;
  double modularity = 0;
  std::vector<NodeId> component;  // weakly connected component (smallest node id)
  // Guimerà & Amaral (Nature 2005) participation coefficient 1 - sum_c (k_ic / k_i)^2 over the
  // communities c of a node's neighbours: 0 = all ties inside one community, -> 1 = spread out.
  std::vector<double> participation;
  std::vector<uint32_t> bridged_communities;  // distinct communities among the neighbours (own excluded)

  // Contacts: call records only, voice calls and text messages counted apart (graph::Edge::count,
  // graph::Edge::messages), never added into one figure.
  std::vector<uint64_t> calls_in, calls_out, messages_in, messages_out;

  // Money: payment edges only. Amounts are never added across currencies (money.h): money_in,
  // money_out and hawala_amount are in `money_currency`, the one currency the payments were
  // recorded in ("" when none is; payments without a recorded currency count with the one that is,
  // as SingleCurrency does). When the payments are in several currencies (not converted with
  // ConvertPayments first), those three are 0 for every node, `money_by_currency` holds each
  // node's totals per currency, and money_rank weighs payments by their number, not their amount.
  std::vector<double> money_in, money_out;
  std::vector<uint32_t> payers, payees;  // distinct counterparties
  std::vector<uint32_t> payments_in, payments_out;
  std::vector<double> hawala_amount;  // in + out through hawala settlements
  // PageRank on the payment graph weighted by amount: where the money ends up (a node ranks high
  // when it receives much from nodes that themselves receive much).
  std::vector<double> money_rank;
  std::string money_currency;
  std::vector<std::string> payment_currencies;  // every recorded currency, sorted
  bool MoneyMixed() const { return payment_currencies.size() > 1; }
  struct CurrencyFlow {
    std::string currency;
    double in = 0, out = 0, hawala = 0;
  };
  // Per node, only when MoneyMixed(): its totals in each currency it has, sorted by currency.
  std::vector<std::vector<CurrencyFlow>> money_by_currency;
};

// Node v's money per currency: one entry in money_currency, or its entries of money_by_currency
// when the payments mix currencies; empty when v made and received no payment.
std::vector<NodeMetrics::CurrencyFlow> MoneyOf(const NodeMetrics& m, NodeId v);

// Everything above on `g` = graph::Graph::Build(net.edges()).
NodeMetrics ComputeMetrics(const EntityNetwork& net, const graph::Graph& g, const MetricsOptions& o = {});

}  // namespace kashf::network
