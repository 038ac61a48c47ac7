// Ego network: breadth-first search to a fixed radius on the undirected view.
#include <algorithm>

#include "kashf/graph/algorithms.h"

namespace kashf::graph {

std::vector<EgoNode> EgoNetwork(const Graph& g, NodeId center, uint32_t radius) {
  std::vector<EgoNode> out;
  if (center >= g.num_nodes()) return out;
  std::vector<uint32_t> dist(g.num_nodes(), ~0u);
  dist[center] = 0;
  out.push_back({center, 0});
  for (size_t head = 0; head < out.size(); ++head) {
    EgoNode cur = out[head];
    if (cur.hops == radius) continue;
    for (NodeId u : g.undirected().Neighbours(cur.node))
      if (dist[u] == ~0u) {
        dist[u] = cur.hops + 1;
        out.push_back({u, cur.hops + 1});
      }
  }
  std::sort(out.begin(), out.end(),
            [](const EgoNode& a, const EgoNode& b) { return a.hops != b.hops ? a.hops < b.hops : a.node < b.node; });
  return out;
}

}  // namespace kashf::graph
