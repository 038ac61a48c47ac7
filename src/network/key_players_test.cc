#include "kashf/network/key_players.h"

#include <random>

#include <gtest/gtest.h>

#include "kashf/testing/networks.h"

namespace kashf::network {
namespace {

using testing::People;

graph::Graph GraphOf(uint32_t n, const std::vector<std::pair<NodeId, NodeId>>& ties) {
  return graph::Graph::Build(People(n, ties).edges(), 1);
}

graph::Graph RandomGraph(std::mt19937_64& rng, uint32_t n, uint32_t edges) {
  std::vector<std::pair<NodeId, NodeId>> ties;
  for (uint32_t i = 0; i < edges; ++i) ties.emplace_back(rng() % n, rng() % n);  // self-loops are dropped
  return GraphOf(n, ties);
}

TEST(KeyPlayers, TheCentreOfAStarIsTheKeyPlayer) {
  graph::Graph g = GraphOf(6, {{0, 1}, {0, 2}, {0, 3}, {0, 4}, {0, 5}});
  auto r = FindKeyPlayers(g, {.k = 1});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->players, std::vector<NodeId>{0});
  EXPECT_EQ(r->after.connected_pairs, 0u);
  EXPECT_EQ(r->after.components, 5u);
  EXPECT_DOUBLE_EQ(r->after.fragmentation, 1.0);
  EXPECT_EQ(r->contribution, std::vector<uint64_t>{15});  // putting 0 back reconnects all 6 nodes
}

TEST(KeyPlayers, TheSwapFixesWhatGreedyGetsWrongOnAPath) {
  // Path 0-1-...-6. Greedy first takes the middle (3), then 1: pairs {0} {2} {4,5,6} = 3. The best
  // pair of nodes is {1, 4} (or {2, 4}, {2, 5}): {0} {2,3} {5,6} = 2 pairs.
  graph::Graph g = GraphOf(7, {{0, 1}, {1, 2}, {2, 3}, {3, 4}, {4, 5}, {5, 6}});
  auto greedy = FindKeyPlayers(g, {.k = 2, .max_swap_rounds = 0, .restarts = 0});
  ASSERT_TRUE(greedy.ok());
  EXPECT_EQ(greedy->players, (std::vector<NodeId>{3, 1}));
  EXPECT_EQ(greedy->greedy_pairs, (std::vector<uint64_t>{6, 3}));
  EXPECT_EQ(greedy->after.connected_pairs, 3u);
  auto swapped = FindKeyPlayers(g, {.k = 2, .restarts = 0});
  ASSERT_TRUE(swapped.ok());
  EXPECT_EQ(swapped->players, (std::vector<NodeId>{4, 1}));
  EXPECT_EQ(swapped->swaps, 1u);
  EXPECT_EQ(swapped->after.connected_pairs, 2u);
  auto best = FindKeyPlayersExhaustive(g, {.k = 2});
  ASSERT_TRUE(best.ok());
  EXPECT_EQ(best->players, (std::vector<NodeId>{1, 4}));
  EXPECT_EQ(best->after.connected_pairs, 2u);
}

TEST(KeyPlayers, GreedyWithSwapsAndRestartsMatchesBruteForceOnSmallRandomGraphs) {
  std::mt19937_64 rng(7);
  int local_optima = 0;  // greedy + swaps alone, without random restarts, stuck above the optimum
  for (int trial = 0; trial < 60; ++trial) {
    const uint32_t n = 9 + static_cast<uint32_t>(trial % 5);
    graph::Graph g = RandomGraph(rng, n, n + 4 + static_cast<uint32_t>(trial % 7));
    for (uint32_t k = 1; k <= 3; ++k) {
      auto search = FindKeyPlayers(g, {.k = k, .threads = 2});
      auto best = FindKeyPlayersExhaustive(g, {.k = k});
      ASSERT_TRUE(search.ok() && best.ok());
      EXPECT_EQ(search->after.connected_pairs, best->after.connected_pairs) << "trial " << trial << " k " << k;
      auto no_restarts = FindKeyPlayers(g, {.k = k, .restarts = 0});
      ASSERT_TRUE(no_restarts.ok());
      EXPECT_GE(no_restarts->after.connected_pairs, best->after.connected_pairs);
      local_optima += no_restarts->after.connected_pairs > best->after.connected_pairs;
    }
  }
  EXPECT_GT(local_optima, 0);  // the restarts are what closes the gap on these graphs
}

TEST(KeyPlayers, TheAnswerDoesNotDependOnTheThreadCount) {
  std::mt19937_64 rng(11);
  graph::Graph g = RandomGraph(rng, 400, 520);
  auto one = FindKeyPlayers(g, {.k = 4, .candidates = 60, .threads = 1});
  auto all = FindKeyPlayers(g, {.k = 4, .threads = 2});
  auto four = FindKeyPlayers(g, {.k = 4, .candidates = 60, .threads = 4});
  ASSERT_TRUE(one.ok() && four.ok());
  EXPECT_EQ(one->players, four->players);
  EXPECT_EQ(one->after.connected_pairs, four->after.connected_pairs);
  EXPECT_EQ(one->candidates, 60u);
  EXPECT_LT(one->after.connected_pairs, one->before.connected_pairs);
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->candidates, 400u);  // every node by default
  EXPECT_LE(all->after.connected_pairs, one->after.connected_pairs);
}

TEST(KeyPlayers, OnlyEligibleNodesAreChosen) {
  // The star's centre is not eligible (say, a place): the best eligible choice is any leaf, the lowest.
  graph::Graph g = GraphOf(4, {{0, 1}, {0, 2}, {0, 3}});
  auto r = FindKeyPlayers(g, {.k = 1, .eligible = {0, 1, 1, 1}});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->players, std::vector<NodeId>{1});
  EXPECT_EQ(r->after.connected_pairs, 3u);
}

TEST(KeyPlayers, BadInputsGiveClearErrors) {
  graph::Graph g = GraphOf(4, {{0, 1}, {0, 2}, {0, 3}});
  auto zero = FindKeyPlayers(g, {.k = 0});
  ASSERT_FALSE(zero.ok());
  EXPECT_NE(zero.status().message().find("at least 1"), std::string::npos);
  auto big = FindKeyPlayers(g, {.k = 5});
  ASSERT_FALSE(big.ok());
  EXPECT_NE(big.status().message().find("k = 5 but the network has only 4 nodes"), std::string::npos);
  auto mask = FindKeyPlayers(g, {.k = 1, .eligible = {1, 1}});
  ASSERT_FALSE(mask.ok());
  std::mt19937_64 rng(3);
  graph::Graph large = RandomGraph(rng, 200, 300);
  auto brute = FindKeyPlayersExhaustive(large, {.k = 5}, 1000);
  ASSERT_FALSE(brute.ok());
  EXPECT_NE(brute.status().message().find("greedy"), std::string::npos);
}

}  // namespace
}  // namespace kashf::network
