#include "kashf/resolve/clustering.h"

#include <gtest/gtest.h>

namespace kashf::resolve {
namespace {

TEST(Clustering, ComponentsOfEdges) {
  auto c = ClusterRecords(6, {{0, 1, 5}, {1, 2, 4}, {4, 5, 3}}, {});
  EXPECT_EQ(c, (std::vector<uint32_t>{0, 0, 0, 3, 4, 4}));
}

TEST(Clustering, CannotLinkCutsTheWeakestBridge) {
  // 0-1 strong, 1-2 weak, 0-2 forbidden: the weak bridge is skipped.
  ClusterConstraints k;
  k.cannot_link = {{0, 2}};
  auto c = ClusterRecords(3, {{0, 1, 10}, {1, 2, 2}}, k);
  EXPECT_EQ(c[0], c[1]);
  EXPECT_NE(c[1], c[2]);
  // The same constraint holds through a chain of several edges.
  ClusterConstraints apart;
  apart.cannot_link = {{0, 4}};
  auto d = ClusterRecords(5, {{0, 1, 9}, {1, 2, 8}, {2, 3, 7}, {3, 4, 6}}, apart);
  EXPECT_NE(d[0], d[4]);
  EXPECT_EQ(d[0], d[3]);
}

TEST(Clustering, WeakEdgesAttachSingletonsButNeverBridgeTwoEntities) {
  ClusterConstraints k;
  k.bridge_weight = 5;
  // {0,1} and {2,3} are entities (strong edges); 1-2 is weak: no bridge. 4 attaches weakly to 3.
  auto c = ClusterRecords(5, {{0, 1, 9}, {2, 3, 9}, {1, 2, 3}, {3, 4, 2}}, k);
  EXPECT_EQ(c[0], c[1]);
  EXPECT_EQ(c[2], c[3]);
  EXPECT_NE(c[1], c[2]);
  EXPECT_EQ(c[4], c[3]);
  // Without the rule the weak edge chains everything together.
  auto all = ClusterRecords(5, {{0, 1, 9}, {2, 3, 9}, {1, 2, 3}, {3, 4, 2}}, {});
  EXPECT_EQ(all, (std::vector<uint32_t>(5, 0)));
}

TEST(Clustering, MustLinkJoinsWithoutAnEdge) {
  ClusterConstraints k;
  k.must_link = {{1, 3}};
  auto c = ClusterRecords(4, {}, k);
  EXPECT_EQ(c[1], c[3]);
  EXPECT_NE(c[0], c[1]);
}

TEST(Clustering, SeedGroupsStartJoined) {
  auto c = ClusterRecords(4, {{2, 3, 1}}, {}, {{0, 1}});
  EXPECT_EQ(c, (std::vector<uint32_t>{0, 0, 2, 2}));
}

TEST(StableIds, NewClustersAreNamedAfterTheirSmallestMember) {
  std::vector<std::string> ids = {"b", "a", "c"};
  auto out = AssignStableClusterIds({0, 0, 2}, ids, {});
  EXPECT_EQ(out[0], NewClusterId("a"));
  EXPECT_EQ(out[1], out[0]);
  EXPECT_EQ(out[2], NewClusterId("c"));
  EXPECT_EQ(AssignStableClusterIds({0, 0, 2}, ids, {}), out);  // same input, same ids
}

TEST(StableIds, OldIdsSurviveGrowthMergeAndSplit) {
  std::vector<std::string> ids = {"a", "b", "c", "d", "e"};
  std::unordered_map<std::string, std::string> prev = {{"a", "X"}, {"b", "X"}, {"c", "Y"}};
  // Growth: d joins X; e is new on its own.
  auto grown = AssignStableClusterIds({0, 0, 2, 0, 4}, ids, prev);
  EXPECT_EQ(grown[0], "X");
  EXPECT_EQ(grown[3], "X");
  EXPECT_EQ(grown[2], "Y");
  EXPECT_EQ(grown[4], NewClusterId("e"));
  // Merge of X (2 members) and Y (1 member): the larger old cluster's id wins.
  auto merged = AssignStableClusterIds({0, 0, 0, 3, 4}, ids, prev);
  EXPECT_EQ(merged[2], "X");
  // Split of X: one part keeps X, the other gets a fresh id distinct from X.
  auto split = AssignStableClusterIds({0, 1, 2, 3, 4}, ids, prev);
  EXPECT_TRUE((split[0] == "X") != (split[1] == "X"));
  EXPECT_NE(split[0], split[1]);
}

TEST(StableIds, FreshIdNeverCollidesWithAKeptOldId) {
  // Old cluster named after member "a" splits so that "a" is in the minority part.
  const std::string old = NewClusterId("a");
  std::unordered_map<std::string, std::string> prev = {{"a", old}, {"b", old}, {"c", old}};
  auto out = AssignStableClusterIds({0, 1, 1}, {"a", "b", "c"}, prev);
  EXPECT_EQ(out[1], old);
  EXPECT_NE(out[0], old);
}

// Cluster-level consistency: records 0 and 3 carry conflicting ids (say two different national
// ids); the chain 0-1-2-3 of strong pairwise matches must not put them in one cluster, the weakest
// link of the chain is the one left out, and a "match" judgement still joins them.
TEST(Clustering, ConflictingRecordsStayApartThroughAChain) {
  ClusterConstraints k;
  k.has_conflict_values = [](uint32_t x) { return x == 0 || x == 3; };
  k.conflicts = [](uint32_t x, uint32_t y) { return (x == 0 && y == 3) || (x == 3 && y == 0); };
  uint64_t skipped = 0;
  k.conflicts_skipped = &skipped;
  auto c = ClusterRecords(4, {{0, 1, 9}, {1, 2, 5}, {2, 3, 8}}, k);
  EXPECT_NE(c[0], c[3]);
  EXPECT_EQ(c[0], c[1]);
  EXPECT_EQ(c[2], c[3]);
  EXPECT_EQ(skipped, 1u);
  k.must_link = {{0, 3}};
  auto judged = ClusterRecords(4, {{0, 1, 9}, {1, 2, 5}, {2, 3, 8}}, k);
  EXPECT_EQ(judged[0], judged[3]);
}

}  // namespace
}  // namespace kashf::resolve
