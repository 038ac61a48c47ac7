// Network kernels on a Graph. Each parallel kernel has a plain serial reference (…Serial) that the
// tests compare it with. `threads` = 0 means std::thread::hardware_concurrency().
#pragma once
#include <cstdint>
#include <vector>

#include "kashf/graph/graph.h"

namespace kashf::graph {

struct DegreeStats {
  std::vector<uint32_t> in, out, undirected;  // distinct neighbours
  std::vector<double> in_weight, out_weight;  // summed edge weights
};
DegreeStats Degrees(const Graph& g);

struct PageRankOptions {
  double damping = 0.85;
  double tolerance = 1e-9;  // stop when the L1 change of the rank vector falls below this
  int max_iterations = 100;
  bool weighted = false;  // follow out-edges in proportion to their weight
  unsigned threads = 0;
};
// Directed PageRank (Page, Brin, Motwani, Winograd 1999), pull formulation; dangling mass is
// spread uniformly. Ranks sum to 1.
struct PageRankStats {
  int iterations = 0;
  double last_change = 0;  // L1 change of the last iteration
};
std::vector<double> PageRank(const Graph& g, const PageRankOptions& o = {}, PageRankStats* stats = nullptr);
std::vector<double> PageRankSerial(const Graph& g, const PageRankOptions& o = {});

// Weakly connected components; label = smallest node id in the component.
std::vector<NodeId> ConnectedComponents(const Graph& g, unsigned threads = 0);
std::vector<NodeId> ConnectedComponentsSerial(const Graph& g);

struct BetweennessOptions {
  // 0 = exact (every source). Otherwise the number of sampled sources (Brandes & Pich 2007): the
  // estimate is n/k times the sum over k uniform sources, unbiased, with standard error shrinking
  // as 1/sqrt(k); see docs/network.md for the measured error.
  uint32_t samples = 0;
  uint64_t seed = 1;
  bool normalise = false;  // divide by (n-1)(n-2)/2
  unsigned threads = 0;
};
// Unweighted betweenness on the undirected view (Brandes 2001), each unordered pair counted once.
std::vector<double> Betweenness(const Graph& g, const BetweennessOptions& o = {});
std::vector<double> BetweennessSerial(const Graph& g);  // exact, one thread, no sampling

struct LouvainResult {
  std::vector<uint32_t> community;  // per node, dense 0..count-1
  uint32_t count = 0;
  double modularity = 0;
};
// Louvain method (Blondel, Guillaume, Lambiotte, Lefebvre 2008) on the weighted undirected view.
// Deterministic (nodes visited in id order).
LouvainResult Louvain(const Graph& g, int max_levels = 10);
// Newman-Girvan modularity of a partition of the weighted undirected view (reference for tests).
double Modularity(const Graph& g, const std::vector<uint32_t>& community);

struct Path {
  std::vector<NodeId> nodes;
  double cost = 0;
};
// Up to k loopless shortest paths from s to t on the undirected view (Yen 1971), edge cost
// 1/weight (strong ties are short), ascending cost. Empty if t is unreachable.
std::vector<Path> KShortestPaths(const Graph& g, NodeId s, NodeId t, uint32_t k);

// Nodes within `radius` hops of `center` on the undirected view, with their hop distance
// (center first, then by distance, then id).
struct EgoNode {
  NodeId node;
  uint32_t hops;
};
std::vector<EgoNode> EgoNetwork(const Graph& g, NodeId center, uint32_t radius);

}  // namespace kashf::graph
