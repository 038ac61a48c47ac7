// Components without removed nodes, by breadth-first search (fragmentation.h).
#include "kashf/network/fragmentation.h"

#include <algorithm>

namespace kashf::network {

ComponentFigures Fragments::Figures() const {
  ComponentFigures f;
  f.components = static_cast<uint32_t>(sizes.size());
  for (uint32_t s : sizes) {
    f.nodes += s;
    f.largest = std::max(f.largest, s);
    f.connected_pairs += Pairs(s);
  }
  const uint64_t all = Pairs(f.nodes);
  f.fragmentation = all ? 1.0 - static_cast<double>(f.connected_pairs) / static_cast<double>(all) : 0.0;
  return f;
}

Fragments FragmentsWithout(const graph::Graph& g, std::span<const char> removed) {
  const uint32_t n = g.num_nodes();
  const graph::Csr& und = g.undirected();
  auto gone = [&](graph::NodeId v) { return !removed.empty() && removed[v]; };
  Fragments f;
  f.component.assign(n, Fragments::kNoComponent);
  std::vector<graph::NodeId> queue;
  for (graph::NodeId s = 0; s < n; ++s) {
    if (gone(s) || f.component[s] != Fragments::kNoComponent) continue;
    const auto c = static_cast<uint32_t>(f.sizes.size());
    f.component[s] = c;
    queue.assign(1, s);
    for (size_t head = 0; head < queue.size(); ++head)
      for (graph::NodeId w : und.Neighbours(queue[head]))
        if (!gone(w) && f.component[w] == Fragments::kNoComponent) {
          f.component[w] = c;
          queue.push_back(w);
        }
    f.sizes.push_back(static_cast<uint32_t>(queue.size()));
  }
  return f;
}

FragmentCounter::FragmentCounter(const graph::Graph& g) : g_(g), seen_(g.num_nodes(), 0) {}

uint64_t FragmentCounter::ConnectedPairs(std::span<const char> removed) {
  if (++stamp_ == 0) {  // wrapped: clear the stamps once every 4 billion evaluations
    std::fill(seen_.begin(), seen_.end(), 0);
    stamp_ = 1;
  }
  const graph::Csr& und = g_.undirected();
  uint64_t pairs = 0;
  for (graph::NodeId s = 0; s < g_.num_nodes(); ++s) {
    if (removed[s] || seen_[s] == stamp_) continue;
    seen_[s] = stamp_;
    queue_.assign(1, s);
    for (size_t head = 0; head < queue_.size(); ++head)
      for (graph::NodeId w : und.Neighbours(queue_[head]))
        if (!removed[w] && seen_[w] != stamp_) {
          seen_[w] = stamp_;
          queue_.push_back(w);
        }
    pairs += Pairs(queue_.size());
  }
  return pairs;
}

std::vector<uint64_t> PairsWithEachRemoved(const graph::Graph& g, std::span<const char> removed) {
  const uint32_t n = g.num_nodes();
  const graph::Csr& und = g.undirected();
  auto gone = [&](graph::NodeId v) { return !removed.empty() && removed[v]; };
  constexpr uint32_t kUnseen = 0;
  std::vector<uint32_t> disc(n, kUnseen), low(n, 0), sub(n, 1);
  std::vector<uint64_t> split(n, 0);     // Σ Pairs(piece) over the pieces cut off below v
  std::vector<uint32_t> cut_size(n, 0);  // nodes in those pieces
  std::vector<graph::NodeId> parent(n, graph::NodeId(~0u));
  std::vector<uint32_t> comp_of(n, 0), comp_sizes;
  std::vector<std::pair<graph::NodeId, uint64_t>> stack;  // node, next neighbour offset
  std::vector<graph::NodeId> order;                       // nodes of the current component, in discovery order
  uint32_t time = 0;
  uint64_t total = 0;
  for (graph::NodeId root = 0; root < n; ++root) {
    if (gone(root) || disc[root] != kUnseen) continue;
    const auto c = static_cast<uint32_t>(comp_sizes.size());
    disc[root] = low[root] = ++time;
    stack.assign(1, {root, und.offsets[root]});
    order.assign(1, root);
    while (!stack.empty()) {
      auto& [v, next] = stack.back();
      if (next < und.offsets[v + 1]) {
        const graph::NodeId w = und.nbr[next++];
        if (gone(w)) continue;
        if (disc[w] == kUnseen) {
          parent[w] = v;
          disc[w] = low[w] = ++time;
          order.push_back(w);
          stack.push_back({w, und.offsets[w]});
        } else if (w != parent[v]) {
          low[v] = std::min(low[v], disc[w]);
        }
        continue;
      }
      const graph::NodeId done = v;
      stack.pop_back();
      if (stack.empty()) break;
      const graph::NodeId up = stack.back().first;
      low[up] = std::min(low[up], low[done]);
      sub[up] += sub[done];
      if (low[done] >= disc[up]) {  // removing `up` cuts off done's subtree
        split[up] += Pairs(sub[done]);
        cut_size[up] += sub[done];
      }
    }
    for (graph::NodeId v : order) comp_of[v] = c;
    comp_sizes.push_back(static_cast<uint32_t>(order.size()));
    total += Pairs(order.size());
  }
  std::vector<uint64_t> out(n, total);
  for (graph::NodeId v = 0; v < n; ++v) {
    if (gone(v)) continue;
    const uint64_t size = comp_sizes[comp_of[v]];
    const uint64_t rest = size - 1 - cut_size[v];  // the root has no rest: all its children are cut off
    out[v] = total - Pairs(size) + split[v] + Pairs(rest);
  }
  return out;
}

}  // namespace kashf::network
