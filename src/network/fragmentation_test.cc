#include "kashf/network/fragmentation.h"

#include <random>

#include <gtest/gtest.h>

#include "kashf/testing/networks.h"

namespace kashf::network {
namespace {

graph::Graph GraphOf(uint32_t n, const std::vector<std::pair<NodeId, NodeId>>& ties) {
  return graph::Graph::Build(testing::People(n, ties).edges(), 1);
}

TEST(Fragmentation, FiguresOfTwoComponentsAndAnIsolatedNode) {
  graph::Graph g = GraphOf(6, {{0, 1}, {1, 2}, {3, 4}});
  ComponentFigures f = FragmentsWithout(g).Figures();
  EXPECT_EQ(f.nodes, 6u);
  EXPECT_EQ(f.components, 3u);
  EXPECT_EQ(f.largest, 3u);
  EXPECT_EQ(f.connected_pairs, 3u + 1u);
  EXPECT_DOUBLE_EQ(f.fragmentation, 1.0 - 4.0 / 15.0);
  std::vector<char> removed{0, 1, 0, 0, 0, 0};
  Fragments without = FragmentsWithout(g, removed);
  EXPECT_EQ(without.component[1], Fragments::kNoComponent);
  EXPECT_EQ(without.Figures().components, 4u);
  EXPECT_EQ(FragmentCounter(g).ConnectedPairs(removed), 1u);
}

TEST(Fragmentation, PairsWithEachRemovedOnAPathAndAStar) {
  // Path 0-1-2-3-4: removing 2 leaves 1 + 1 pairs; removing an end leaves Pairs(4) = 6.
  EXPECT_EQ(PairsWithEachRemoved(GraphOf(5, {{0, 1}, {1, 2}, {2, 3}, {3, 4}})), (std::vector<uint64_t>{6, 3, 2, 3, 6}));
  // Star around 0 plus a separate pair 5-6: the centre leaves only the pair.
  EXPECT_EQ(PairsWithEachRemoved(GraphOf(7, {{0, 1}, {0, 2}, {0, 3}, {0, 4}, {5, 6}}))[0], 1u);
}

// The single depth-first search against one breadth-first count per node (the serial reference).
TEST(Fragmentation, PairsWithEachRemovedMatchesOneSearchPerNodeOnRandomGraphs) {
  std::mt19937_64 rng(5);
  for (int trial = 0; trial < 40; ++trial) {
    const uint32_t n = 5 + static_cast<uint32_t>(rng() % 60);
    std::vector<std::pair<NodeId, NodeId>> ties;
    const uint32_t m = n / 2 + static_cast<uint32_t>(rng() % (2 * n));
    for (uint32_t i = 0; i < m; ++i) ties.emplace_back(rng() % n, rng() % n);
    graph::Graph g = GraphOf(n, ties);
    std::vector<char> removed(n, 0);
    if (trial % 2)
      for (auto& r : removed) r = rng() % 5 == 0;
    const std::vector<uint64_t> fast = PairsWithEachRemoved(g, removed);
    FragmentCounter counter(g);
    for (NodeId v = 0; v < n; ++v) {
      std::vector<char> mask = removed;
      mask[v] = 1;
      ASSERT_EQ(fast[v], counter.ConnectedPairs(mask)) << "trial " << trial << " node " << v;
    }
  }
}

}  // namespace
}  // namespace kashf::network
