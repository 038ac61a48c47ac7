// Who replaced whom after a removal (succession.h).
#include "kashf/network/succession.h"

#include <algorithm>

#include <fmt/format.h>

#include "kashf/graph/algorithms.h"

namespace kashf::network {
namespace {

struct Phase {
  graph::Graph graph;
  uint32_t edges = 0;
};

// The dated edges with from <= day < to, without those touching a node marked in `drop`.
Phase PhaseGraph(const EntityNetwork& net, int64_t from, int64_t to, const std::vector<char>& drop, unsigned threads) {
  graph::EdgeList el;
  el.num_nodes = net.num_nodes();
  for (const graph::Edge& e : net.edges().edges)
    if (e.day != 0 && e.day >= from && e.day < to && !drop[e.src] && !drop[e.dst]) el.edges.push_back(e);
  Phase p;
  p.edges = static_cast<uint32_t>(el.edges.size());
  p.graph = graph::Graph::Build(el, threads);
  return p;
}

}  // namespace

Result<SuccessionReport> FindSuccessors(const EntityNetwork& net, const std::vector<NodeId>& removed,
                                        const SuccessionOptions& o) {
  const uint32_t n = net.num_nodes();
  if (removed.empty()) return Status::InvalidArgument("name at least one removed node");
  std::vector<char> gone(n, 0), none(n, 0);
  for (NodeId v : removed) {
    if (v >= n) return Status::InvalidArgument(fmt::format("node {} is not in the network (it has {} nodes)", v, n));
    gone[v] = 1;
  }
  const int64_t day = o.removal_day, w = o.window_days;
  SuccessionReport r;
  r.removal_day = o.removal_day;
  Phase before = PhaseGraph(net, w ? day - w : INT64_MIN, day, none, o.threads);
  Phase after = PhaseGraph(net, day, w ? day + w : INT64_MAX, gone, o.threads);
  r.edges_before = before.edges;
  r.edges_after = after.edges;
  if (!before.edges || !after.edges)
    return Status::InvalidArgument(fmt::format(
        "the removal day splits the dated ties into {} before and {} after; choose a day inside the data's dates",
        before.edges, after.edges));
  graph::BetweennessOptions bo;
  bo.normalise = true;
  bo.threads = o.threads;
  if (n > o.exact_limit) {
    bo.samples = std::min(n, o.samples);
    r.betweenness_exact = false;
  }
  const std::vector<double> b0 = graph::Betweenness(before.graph, bo), b1 = graph::Betweenness(after.graph, bo);
  const graph::Csr& und = before.graph.undirected();
  std::vector<Successor> all;
  std::vector<int64_t> at(n, -1);
  for (NodeId x : removed)
    for (NodeId v : und.Neighbours(x)) {
      if (gone[v] || !IsActor(net.nodes()[v].kind) || net.nodes()[v].victim) continue;
      if (at[v] < 0) {
        at[v] = static_cast<int64_t>(all.size());
        all.push_back({.node = v,
                       .betweenness_before = b0[v],
                       .betweenness_after = b1[v],
                       .degree_before = static_cast<uint32_t>(und.Degree(v)),
                       .degree_after = static_cast<uint32_t>(after.graph.undirected().Degree(v))});
      }
      auto& replaced = all[static_cast<size_t>(at[v])].replaced;
      if (std::find(replaced.begin(), replaced.end(), x) == replaced.end()) replaced.push_back(x);
    }
  std::sort(all.begin(), all.end(), [](const Successor& a, const Successor& b) {
    const double ra = a.betweenness_after - a.betweenness_before, rb = b.betweenness_after - b.betweenness_before;
    if (ra != rb) return ra > rb;
    const int64_t da = int64_t{a.degree_after} - a.degree_before, db = int64_t{b.degree_after} - b.degree_before;
    return da != db ? da > db : a.node < b.node;
  });
  if (all.size() > o.limit) all.resize(o.limit);
  r.successors = std::move(all);
  return r;
}

}  // namespace kashf::network
