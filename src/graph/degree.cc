// Degree and strength (weighted degree) per node: a single pass over each CSR.
#include "kashf/graph/algorithms.h"

namespace kashf::graph {

DegreeStats Degrees(const Graph& g) {
  DegreeStats d;
  uint32_t n = g.num_nodes();
  d.in.resize(n);
  d.out.resize(n);
  d.undirected.resize(n);
  d.in_weight.assign(n, 0);
  d.out_weight.assign(n, 0);
  for (NodeId v = 0; v < n; ++v) {
    d.out[v] = static_cast<uint32_t>(g.out().Degree(v));
    d.in[v] = static_cast<uint32_t>(g.in().Degree(v));
    d.undirected[v] = static_cast<uint32_t>(g.undirected().Degree(v));
    for (float w : g.out().Weights(v)) d.out_weight[v] += w;
    for (float w : g.in().Weights(v)) d.in_weight[v] += w;
  }
  return d;
}

}  // namespace kashf::graph
