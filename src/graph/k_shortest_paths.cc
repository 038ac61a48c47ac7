// k shortest loopless paths: Yen, "Finding the K Shortest Loopless Paths in a Network"
// (Management Science 1971), with Dijkstra (1959) as the inner shortest-path routine.
#include <algorithm>
#include <limits>
#include <queue>
#include <set>

#include "kashf/graph/algorithms.h"

namespace kashf::graph {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

double Cost(float w) { return w > 0 ? 1.0 / w : 1.0; }

// Dijkstra from s to t avoiding blocked nodes and edges (u < v pairs).
Path Dijkstra(const Csr& adj, NodeId s, NodeId t, const std::vector<char>& blocked,
              const std::set<std::pair<NodeId, NodeId>>& cut) {
  std::vector<double> dist(adj.offsets.size() - 1, kInf);
  std::vector<NodeId> prev(dist.size(), ~NodeId{0});
  using Item = std::pair<double, NodeId>;
  std::priority_queue<Item, std::vector<Item>, std::greater<>> pq;
  dist[s] = 0;
  pq.push({0, s});
  while (!pq.empty()) {
    auto [d, v] = pq.top();
    pq.pop();
    if (d > dist[v]) continue;
    if (v == t) break;
    auto nb = adj.Neighbours(v);
    auto w = adj.Weights(v);
    for (size_t j = 0; j < nb.size(); ++j) {
      NodeId u = nb[j];
      if (blocked[u] || cut.count({std::min(u, v), std::max(u, v)})) continue;
      double nd = d + Cost(w[j]);
      if (nd < dist[u] || (nd == dist[u] && v < prev[u])) {
        if (nd < dist[u]) pq.push({nd, u});
        dist[u] = nd;
        prev[u] = v;
      }
    }
  }
  Path p;
  if (dist[t] == kInf) return p;
  for (NodeId v = t; v != s; v = prev[v]) p.nodes.push_back(v);
  p.nodes.push_back(s);
  std::reverse(p.nodes.begin(), p.nodes.end());
  p.cost = dist[t];
  return p;
}

double EdgeCost(const Csr& adj, NodeId a, NodeId b) {
  auto nb = adj.Neighbours(a);
  auto it = std::lower_bound(nb.begin(), nb.end(), b);
  return Cost(adj.Weights(a)[static_cast<size_t>(it - nb.begin())]);
}

}  // namespace

std::vector<Path> KShortestPaths(const Graph& g, NodeId s, NodeId t, uint32_t k) {
  std::vector<Path> found;
  const uint32_t n = g.num_nodes();
  if (s >= n || t >= n || k == 0 || s == t) return found;
  const Csr& adj = g.undirected();
  std::vector<char> blocked(n, 0);
  Path first = Dijkstra(adj, s, t, blocked, {});
  if (first.nodes.empty()) return found;
  found.push_back(first);
  auto cmp = [](const Path& a, const Path& b) { return a.cost != b.cost ? a.cost < b.cost : a.nodes < b.nodes; };
  std::set<Path, decltype(cmp)> candidates(cmp);
  while (found.size() < k) {
    const Path& last = found.back();
    for (size_t i = 0; i + 1 < last.nodes.size(); ++i) {
      NodeId spur = last.nodes[i];
      std::vector<NodeId> root(last.nodes.begin(), last.nodes.begin() + static_cast<std::ptrdiff_t>(i) + 1);
      std::set<std::pair<NodeId, NodeId>> cut;
      for (const Path& p : found)
        if (p.nodes.size() > i + 1 && std::equal(root.begin(), root.end(), p.nodes.begin()))
          cut.insert({std::min(p.nodes[i], p.nodes[i + 1]), std::max(p.nodes[i], p.nodes[i + 1])});
      std::fill(blocked.begin(), blocked.end(), 0);
      for (size_t j = 0; j < i; ++j) blocked[root[j]] = 1;
      Path spur_path = Dijkstra(adj, spur, t, blocked, cut);
      if (spur_path.nodes.empty()) continue;
      Path total;
      total.nodes = root;
      total.nodes.insert(total.nodes.end(), spur_path.nodes.begin() + 1, spur_path.nodes.end());
      for (size_t j = 0; j + 1 < total.nodes.size(); ++j)
        total.cost += EdgeCost(adj, total.nodes[j], total.nodes[j + 1]);
      candidates.insert(total);
    }
    // Drop candidates already accepted.
    while (!candidates.empty() &&
           std::any_of(found.begin(), found.end(), [&](const Path& p) { return p.nodes == candidates.begin()->nodes; }))
      candidates.erase(candidates.begin());
    if (candidates.empty()) break;
    found.push_back(*candidates.begin());
    candidates.erase(candidates.begin());
  }
  return found;
}

}  // namespace kashf::graph
