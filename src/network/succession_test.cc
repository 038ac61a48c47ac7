#include "kashf/network/succession.h"

#include <gtest/gtest.h>

#include "kashf/testing/networks.h"

namespace kashf::network {
namespace {

// Before day 100: R (0) is the hub of A (1), B (2), C (3) and D (4), and A-B call each other.
// From day 100 (R arrested): B ties A, C and newcomer E (5): B stepped up; D falls silent.
EntityNetwork Phases() {
  EntityNetwork base = testing::People(6, {});
  graph::EdgeList el = base.edges();
  auto tie = [&](NodeId a, NodeId b, int32_t day) {
    el.edges.push_back({.src = a, .dst = b, .day = day, .rel = graph::Relation::kCall});
  };
  for (NodeId x : {1u, 2u, 3u, 4u}) tie(0, x, 50);
  tie(1, 2, 60);
  tie(2, 1, 150);
  tie(2, 3, 150);
  tie(2, 5, 160);
  return EntityNetwork::FromParts(base.nodes(), el);
}

TEST(Succession, TheNeighbourWhoseBetweennessRoseMostReplacedTheRemoved) {
  auto r = FindSuccessors(Phases(), {0}, {.removal_day = 100});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->edges_before, 5u);
  EXPECT_EQ(r->edges_after, 3u);
  ASSERT_EQ(r->successors.size(), 4u);   // A, B, C, D: the neighbours of R before
  EXPECT_EQ(r->successors[0].node, 2u);  // B now lies on every path among A, C and E
  EXPECT_EQ(r->successors[0].replaced, std::vector<NodeId>{0});
  EXPECT_DOUBLE_EQ(r->successors[0].betweenness_before, 0);
  EXPECT_GT(r->successors[0].betweenness_after, 0);
  EXPECT_EQ(r->successors[0].degree_before, 2u);
  EXPECT_EQ(r->successors[0].degree_after, 3u);
  EXPECT_EQ(r->successors[1].node, 3u);      // C lies on B-E paths
  EXPECT_EQ(r->successors.back().node, 4u);  // D lost its only tie
  EXPECT_EQ(r->successors.back().degree_after, 0u);
}

TEST(Succession, BadInputsGiveClearErrors) {
  EntityNetwork net = Phases();
  EXPECT_FALSE(FindSuccessors(net, {}, {.removal_day = 100}).ok());
  EXPECT_FALSE(FindSuccessors(net, {42}, {.removal_day = 100}).ok());
  auto late = FindSuccessors(net, {0}, {.removal_day = 1000});
  ASSERT_FALSE(late.ok());
  EXPECT_NE(late.status().message().find("8 before and 0 after"), std::string::npos) << late.status().message();
}

}  // namespace
}  // namespace kashf::network
