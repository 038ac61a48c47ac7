// Connected components: concurrent union-find with lock-free linking of the larger root under the
// smaller, as in Afforest (Sutton, Ben-Nun & Bar, "Optimizing Parallel Graph Connectivity
// Computation via Subgraph Sampling", IPDPS 2018; GAP Benchmark Suite cc.cc), followed by pointer
// jumping. Roots are always the smallest id of their set, so labels are deterministic.
#include <atomic>
#include <deque>

#include "kashf/graph/algorithms.h"
#include "kashf/graph/parallel.h"

namespace kashf::graph {
namespace {

void Link(NodeId u, NodeId v, std::vector<NodeId>& comp) {
  NodeId p1 = std::atomic_ref<NodeId>(comp[u]).load(std::memory_order_relaxed);
  NodeId p2 = std::atomic_ref<NodeId>(comp[v]).load(std::memory_order_relaxed);
  while (p1 != p2) {
    NodeId high = p1 > p2 ? p1 : p2, low = p1 + p2 - high;
    std::atomic_ref<NodeId> ph(comp[high]);
    NodeId p_high = ph.load();
    if (p_high == low) break;
    if (p_high == high && ph.compare_exchange_strong(p_high, low)) break;
    p1 = std::atomic_ref<NodeId>(comp[std::atomic_ref<NodeId>(comp[high]).load()]).load();
    p2 = std::atomic_ref<NodeId>(comp[low]).load();
  }
}

}  // namespace

std::vector<NodeId> ConnectedComponents(const Graph& g, unsigned threads) {
  const uint32_t n = g.num_nodes();
  std::vector<NodeId> comp(n);
  for (NodeId v = 0; v < n; ++v) comp[v] = v;
  const Csr& out = g.out();
  ParallelFor(
      n, threads,
      [&](size_t v) {
        for (NodeId u : out.Neighbours(static_cast<NodeId>(v))) Link(static_cast<NodeId>(v), u, comp);
      },
      1024);
  ParallelFor(n, threads, [&](size_t v) {
    std::atomic_ref<NodeId> c(comp[v]);
    NodeId x = c.load();
    while (true) {
      NodeId px = std::atomic_ref<NodeId>(comp[x]).load();
      if (px == x) break;
      x = px;
    }
    c.store(x);
  });
  return comp;
}

std::vector<NodeId> ConnectedComponentsSerial(const Graph& g) {
  const uint32_t n = g.num_nodes();
  const NodeId kUnset = ~NodeId{0};
  std::vector<NodeId> label(n, kUnset);
  std::deque<NodeId> queue;
  for (NodeId s = 0; s < n; ++s) {
    if (label[s] != kUnset) continue;
    label[s] = s;
    queue.push_back(s);
    while (!queue.empty()) {
      NodeId v = queue.front();
      queue.pop_front();
      for (NodeId u : g.undirected().Neighbours(v))
        if (label[u] == kUnset) {
          label[u] = s;
          queue.push_back(u);
        }
    }
  }
  return label;
}

}  // namespace kashf::graph
