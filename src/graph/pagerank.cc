// PageRank: Page, Brin, Motwani & Winograd, "The PageRank Citation Ranking: Bringing Order to the
// Web" (1999). Pull-direction power iteration as in the GAP Benchmark Suite's pr.cc (Beamer,
// Asanović & Patterson 2015): each node sums its in-neighbours' contributions, so no atomics.
#include <cmath>

#include "kashf/graph/algorithms.h"
#include "parallel.h"

namespace kashf::graph {
namespace {

std::vector<double> OutStrength(const Graph& g, bool weighted) {
  std::vector<double> s(g.num_nodes(), 0);
  for (NodeId v = 0; v < g.num_nodes(); ++v) {
    if (!weighted) { s[v] = static_cast<double>(g.out().Degree(v)); continue; }
    for (float w : g.out().Weights(v)) s[v] += w;
  }
  return s;
}

}  // namespace

std::vector<double> PageRank(const Graph& g, const PageRankOptions& o) {
  const uint32_t n = g.num_nodes();
  if (n == 0) return {};
  const std::vector<double> strength = OutStrength(g, o.weighted);
  std::vector<double> rank(n, 1.0 / n), next(n), contrib(n);
  const Csr& in = g.in();
  for (int it = 0; it < o.max_iterations; ++it) {
    double dangling = 0;
    for (NodeId u = 0; u < n; ++u) {
      if (strength[u] > 0) contrib[u] = rank[u] / strength[u];
      else { contrib[u] = 0; dangling += rank[u]; }
    }
    const double base = (1 - o.damping) / n + o.damping * dangling / n;
    ParallelFor(n, o.threads, [&](size_t v) {
      double sum = 0;
      const uint64_t b = in.offsets[v], e = in.offsets[v + 1];
      if (o.weighted) for (uint64_t j = b; j < e; ++j) sum += contrib[in.nbr[j]] * in.weight[j];
      else for (uint64_t j = b; j < e; ++j) sum += contrib[in.nbr[j]];
      next[v] = base + o.damping * sum;
    });
    double change = 0;
    for (NodeId v = 0; v < n; ++v) change += std::fabs(next[v] - rank[v]);
    rank.swap(next);
    if (change < o.tolerance) break;
  }
  return rank;
}

// Serial reference: push formulation over out-edges, written independently of the pull kernel.
std::vector<double> PageRankSerial(const Graph& g, const PageRankOptions& o) {
  const uint32_t n = g.num_nodes();
  if (n == 0) return {};
  const std::vector<double> strength = OutStrength(g, o.weighted);
  std::vector<double> rank(n, 1.0 / n);
  for (int it = 0; it < o.max_iterations; ++it) {
    std::vector<double> next(n, 0);
    double dangling = 0;
    for (NodeId u = 0; u < n; ++u) {
      if (strength[u] == 0) { dangling += rank[u]; continue; }
      auto nb = g.out().Neighbours(u);
      auto w = g.out().Weights(u);
      for (size_t j = 0; j < nb.size(); ++j) next[nb[j]] += rank[u] * (o.weighted ? w[j] : 1.0) / strength[u];
    }
    double change = 0;
    for (NodeId v = 0; v < n; ++v) {
      next[v] = (1 - o.damping) / n + o.damping * (next[v] + dangling / n);
      change += std::fabs(next[v] - rank[v]);
    }
    rank.swap(next);
    if (change < o.tolerance) break;
  }
  return rank;
}

}  // namespace kashf::graph
