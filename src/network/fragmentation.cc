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

}  // namespace kashf::network
