// Fragmentation: the connected components of a network with some nodes taken out, and the figures
// disruption analysis and the key-player search compare (Borgatti 2006, "Identifying sets of key
// players in a social network", Comput. Math. Organ. Theory 12: the fragmentation measure F).
// Components are those of the undirected graph (graph::Graph::undirected()): two nodes are
// connected when some chain of ties of any relation joins them, whatever the direction.
// Thread safety: Fragments is a value; FragmentCounter holds scratch buffers (one per thread).
#pragma once
#include <cstdint>
#include <span>
#include <vector>

#include "kashf/graph/graph.h"

namespace kashf::network {

// Figures of the components among the nodes that are kept.
struct ComponentFigures {
  uint32_t nodes = 0;            // nodes kept
  uint32_t components = 0;       // connected components; an isolated node is one
  uint32_t largest = 0;          // nodes in the largest component
  uint64_t connected_pairs = 0;  // unordered pairs of kept nodes joined by a path: sum of |C|(|C|-1)/2
  // Borgatti's F = 1 - connected_pairs / (n(n-1)/2) over the n kept nodes: 0 when every pair is
  // connected, 1 when no pair is (and 0 when n < 2).
  double fragmentation = 0;
};

// Unordered pairs among `size` nodes.
inline uint64_t Pairs(uint64_t size) { return size < 2 ? 0 : size * (size - 1) / 2; }

// Components of the undirected graph without the nodes marked in `removed` (empty span: none removed;
// otherwise one flag per node). component[v] is the dense component number of a kept node in
// order of its smallest node, or kNoComponent for a removed node; sizes[c] is the size of c.
struct Fragments {
  static constexpr uint32_t kNoComponent = ~uint32_t{0};
  std::vector<uint32_t> component;
  std::vector<uint32_t> sizes;
  ComponentFigures Figures() const;
};
Fragments FragmentsWithout(const graph::Graph& g, std::span<const char> removed = {});

// Connected pairs without some nodes, with reusable buffers for repeated evaluation (the key-player
// search evaluates thousands of removal sets). Not thread-safe: one per thread.
class FragmentCounter {
 public:
  explicit FragmentCounter(const graph::Graph& g);
  // Connected pairs among the nodes not marked in `removed` (one flag per node).
  uint64_t ConnectedPairs(std::span<const char> removed);

 private:
  const graph::Graph& g_;
  std::vector<uint32_t> seen_;  // stamp of the last evaluation that reached a node
  uint32_t stamp_ = 0;
  std::vector<graph::NodeId> queue_;
};

// For every kept node v, the connected pairs among the kept nodes if v were removed too (removed
// nodes get the current connected pairs), in one depth-first search (Hopcroft & Tarjan 1973,
// articulation points): removing v splits its component into the DFS subtrees of the children w
// with low(w) >= disc(v), and the rest. O(n + m) for all nodes at once, instead of one search per
// node. Iterative (no recursion depth limit). `removed` is empty or one flag per node.
std::vector<uint64_t> PairsWithEachRemoved(const graph::Graph& g, std::span<const char> removed = {});

}  // namespace kashf::network
