// PageRank: Page, Brin, Motwani & Winograd, "The PageRank Citation Ranking: Bringing Order to the
// Web" (1999). Pull-direction power iteration as in the GAP Benchmark Suite's pr.cc (Beamer,
// Asanović & Patterson 2015): each node sums its in-neighbours' contributions, so no atomics.
#include <algorithm>
#include <cmath>

#include "kashf/graph/algorithms.h"
#include "kashf/graph/parallel.h"

namespace kashf::graph {
namespace {

std::vector<double> OutStrength(const Graph& g, bool weighted) {
  std::vector<double> s(g.num_nodes(), 0);
  for (NodeId v = 0; v < g.num_nodes(); ++v) {
    if (!weighted) {
      s[v] = static_cast<double>(g.out().Degree(v));
      continue;
    }
    for (float w : g.out().Weights(v)) s[v] += w;
  }
  return s;
}

// Sum of contrib[nbr[j]] (* w[j]) over [lo, hi) with four accumulators, so the adds do not wait on
// each other (fixed order: the result does not depend on the thread count).
inline double PullSum(const NodeId* nbr, const float* w, const double* contrib, uint64_t lo, uint64_t hi) {
  double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  uint64_t j = lo;
  if (w) {
    for (; j + 4 <= hi; j += 4) {
      s0 += contrib[nbr[j]] * w[j];
      s1 += contrib[nbr[j + 1]] * w[j + 1];
      s2 += contrib[nbr[j + 2]] * w[j + 2];
      s3 += contrib[nbr[j + 3]] * w[j + 3];
    }
    for (; j < hi; ++j) s0 += contrib[nbr[j]] * w[j];
  } else {
    for (; j + 4 <= hi; j += 4) {
      s0 += contrib[nbr[j]];
      s1 += contrib[nbr[j + 1]];
      s2 += contrib[nbr[j + 2]];
      s3 += contrib[nbr[j + 3]];
    }
    for (; j < hi; ++j) s0 += contrib[nbr[j]];
  }
  return (s0 + s1) + (s2 + s3);
}

}  // namespace

std::vector<double> PageRank(const Graph& g, const PageRankOptions& o, PageRankStats* stats) {
  const uint32_t n = g.num_nodes();
  if (n == 0) return {};
  const Csr& in = g.in();
  const std::vector<double> strength = OutStrength(g, o.weighted);
  std::vector<double> inv(n);
  for (NodeId u = 0; u < n; ++u) inv[u] = strength[u] > 0 ? 1.0 / strength[u] : 0.0;
  // Blocks of consecutive nodes with about equal (in-edges + nodes), one per thread.
  const unsigned t = std::min<unsigned>(ThreadCount(o.threads), std::max<uint32_t>(1, n / 1024));
  std::vector<uint32_t> cut{0};
  const uint64_t total = in.offsets[n] + n;
  for (unsigned b = 1; b < t; ++b) {
    uint64_t target = total * b / t;
    uint32_t lo = 0, hi = n;  // first v with offsets[v] + v >= target
    while (lo < hi) {
      uint32_t mid = lo + (hi - lo) / 2;
      if (in.offsets[mid] + mid < target) lo = mid + 1;
      else hi = mid;
    }
    cut.push_back(std::max(lo, cut.back()));
  }
  cut.push_back(n);
  std::vector<double> rank(n, 1.0 / n), next(n), contrib(n), contrib_next(n);
  double dangling = 0;
  for (NodeId u = 0; u < n; ++u) {
    contrib[u] = rank[u] * inv[u];
    if (inv[u] == 0) dangling += rank[u];
  }
  std::vector<double> change_part(t), dangling_part(t);
  const NodeId* nbr = in.nbr.data();
  for (int it = 0; it < o.max_iterations; ++it) {
    const double base = (1 - o.damping) / n + o.damping * dangling / n;
    // One pass per block: pull the in-neighbours' contributions, measure the change, and prepare
    // this node's contribution for the next iteration (double-buffered, so no block reads a
    // value another block is writing).
    const double* c = contrib.data();
    ParallelBlocks(t, t, [&](unsigned b, size_t, size_t) {
      double change = 0, dang = 0;
      for (uint32_t v = cut[b]; v < cut[b + 1]; ++v) {
        const uint64_t lo = in.offsets[v], hi = in.offsets[v + 1];
        const double sum = o.weighted ? PullSum(nbr, in.weight.data(), c, lo, hi) : PullSum(nbr, nullptr, c, lo, hi);
        const double r = base + o.damping * sum;
        change += std::fabs(r - rank[v]);
        next[v] = r;
        contrib_next[v] = r * inv[v];
        if (inv[v] == 0) dang += r;
      }
      change_part[b] = change;
      dangling_part[b] = dang;
    });
    double change = 0;
    dangling = 0;
    for (unsigned b = 0; b < t; ++b) {
      change += change_part[b];
      dangling += dangling_part[b];
    }
    rank.swap(next);
    contrib.swap(contrib_next);
    if (stats) {
      stats->iterations = it + 1;
      stats->last_change = change;
    }
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
      if (strength[u] == 0) {
        dangling += rank[u];
        continue;
      }
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
