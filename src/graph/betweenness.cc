// Betweenness centrality: Brandes, "A Faster Algorithm for Betweenness Centrality" (J. Math.
// Sociol. 2001), BFS from each source with dependency accumulation. The sampled variant follows
// Brandes & Pich, "Centrality Estimation in Large Networks" (2007): k uniformly drawn pivots,
// contributions scaled by n/k (unbiased). Sources are processed in parallel, one accumulator per
// worker, summed in worker order.
#include <algorithm>
#include <atomic>
#include <numeric>
#include <random>
#include <thread>

#include "kashf/graph/algorithms.h"
#include "kashf/graph/parallel.h"

namespace kashf::graph {
namespace {

struct Scratch {
  std::vector<int32_t> dist;
  std::vector<double> sigma, coef;
  std::vector<NodeId> order;
  explicit Scratch(uint32_t n) : dist(n, -1), sigma(n, 0), coef(n, 0) { order.reserve(n); }
};

// Adds the dependencies of source s to `acc`. Backward pass in the successor form:
// delta(v) = sigma(v) * sum over successors u of (1 + delta(u)) / sigma(u); coef holds the
// bracket per node, so each edge costs one add.
void Accumulate(const Csr& adj, NodeId s, Scratch& w, std::vector<double>& acc, double scale) {
  const uint64_t* off = adj.offsets.data();
  const NodeId* nbr = adj.nbr.data();
  int32_t* dist = w.dist.data();
  double* sigma = w.sigma.data();
  double* coef = w.coef.data();
  w.order.clear();
  dist[s] = 0;
  sigma[s] = 1;
  w.order.push_back(s);
  for (size_t head = 0; head < w.order.size(); ++head) {
    const NodeId v = w.order[head];
    const int32_t next = dist[v] + 1;
    const double sv = sigma[v];
    for (uint64_t j = off[v]; j < off[v + 1]; ++j) {
      const NodeId u = nbr[j];
      if (dist[u] < 0) {
        dist[u] = next;
        w.order.push_back(u);
      }
      if (dist[u] == next) sigma[u] += sv;
    }
  }
  for (size_t i = w.order.size(); i-- > 0;) {
    const NodeId v = w.order[i];
    const int32_t next = dist[v] + 1;
    double sum = 0;
    for (uint64_t j = off[v]; j < off[v + 1]; ++j)
      if (dist[nbr[j]] == next) sum += coef[nbr[j]];
    const double delta = sigma[v] * sum;
    coef[v] = (1 + delta) / sigma[v];
    if (v != s) acc[v] += scale * delta;
  }
  for (NodeId v : w.order) {
    dist[v] = -1;
    sigma[v] = 0;
    coef[v] = 0;
  }
}

}  // namespace

std::vector<double> Betweenness(const Graph& g, const BetweennessOptions& o) {
  const uint32_t n = g.num_nodes();
  std::vector<NodeId> sources(n);
  std::iota(sources.begin(), sources.end(), 0);
  double scale = 0.5;  // each unordered pair is seen from both ends
  if (o.samples > 0 && o.samples < n) {
    std::mt19937_64 rng(o.seed);
    for (uint32_t i = 0; i < o.samples; ++i) {
      std::uniform_int_distribution<uint32_t> pick(i, n - 1);
      std::swap(sources[i], sources[pick(rng)]);
    }
    sources.resize(o.samples);
    std::sort(sources.begin(), sources.end());
    scale *= static_cast<double>(n) / o.samples;
  }
  unsigned t = std::min<unsigned>(ThreadCount(o.threads), std::max<size_t>(1, sources.size()));
  std::vector<std::vector<double>> acc(t, std::vector<double>(n, 0));
  std::atomic<size_t> next{0};
  auto work = [&](unsigned id) {
    Scratch w(n);
    for (size_t i; (i = next.fetch_add(1)) < sources.size();) Accumulate(g.undirected(), sources[i], w, acc[id], scale);
  };
  std::vector<std::thread> pool;
  for (unsigned id = 1; id < t; ++id) pool.emplace_back(work, id);
  work(0);
  for (auto& th : pool) th.join();
  std::vector<double> bc(n, 0);
  for (auto& a : acc)
    for (NodeId v = 0; v < n; ++v) bc[v] += a[v];
  if (o.normalise && n > 2) {
    double f = 2.0 / ((static_cast<double>(n) - 1) * (static_cast<double>(n) - 2));
    for (double& b : bc) b *= f;
  }
  return bc;
}

// Serial reference: textbook Brandes with explicit predecessor lists.
std::vector<double> BetweennessSerial(const Graph& g) {
  const uint32_t n = g.num_nodes();
  std::vector<double> bc(n, 0);
  for (NodeId s = 0; s < n; ++s) {
    std::vector<std::vector<NodeId>> pred(n);
    std::vector<double> sigma(n, 0), delta(n, 0);
    std::vector<int64_t> dist(n, -1);
    std::vector<NodeId> stack, queue{s};
    sigma[s] = 1;
    dist[s] = 0;
    for (size_t h = 0; h < queue.size(); ++h) {
      NodeId v = queue[h];
      stack.push_back(v);
      for (NodeId w : g.undirected().Neighbours(v)) {
        if (dist[w] < 0) {
          queue.push_back(w);
          dist[w] = dist[v] + 1;
        }
        if (dist[w] == dist[v] + 1) {
          sigma[w] += sigma[v];
          pred[w].push_back(v);
        }
      }
    }
    while (!stack.empty()) {
      NodeId w = stack.back();
      stack.pop_back();
      for (NodeId v : pred[w]) delta[v] += sigma[v] / sigma[w] * (1 + delta[w]);
      if (w != s) bc[w] += delta[w];
    }
  }
  for (double& b : bc) b /= 2;
  return bc;
}

}  // namespace kashf::graph
