#include "kashf/network/disruption.h"

#include <tuple>

#include <gtest/gtest.h>

#include "kashf/testing/networks.h"

namespace kashf::network {
namespace {

using testing::People;

// Two triangles {0,1,2} and {4,5,6} joined only through node 3, and a separate pair {7,8}.
// Money along the ties: 2 pays 3 100, 3 pays 4 80, 0 pays 1 50.
EntityNetwork Bowtie() {
  return People(9, {{0, 1}, {1, 2}, {0, 2}, {2, 3}, {3, 4}, {4, 5}, {5, 6}, {4, 6}, {7, 8}},
                {{2, 3, 100}, {3, 4, 80}, {0, 1, 50}});
}

TEST(Disruption, RemovingTheCutNodeSplitsTheBowtieAndReportsEveryFigure) {
  EntityNetwork net = Bowtie();
  graph::Graph g = graph::Graph::Build(net.edges(), 1);
  auto r = AnalyseDisruption(net, g, {3});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->before.nodes, 9u);
  EXPECT_EQ(r->before.components, 2u);
  EXPECT_EQ(r->before.largest, 7u);
  EXPECT_EQ(r->before.connected_pairs, 21u + 1u);
  EXPECT_DOUBLE_EQ(r->before.fragmentation, 1.0 - 22.0 / 36.0);
  EXPECT_EQ(r->after.nodes, 8u);
  EXPECT_EQ(r->after.components, 3u);
  EXPECT_EQ(r->after.largest, 3u);
  EXPECT_EQ(r->after.connected_pairs, 3u + 3u + 1u);
  EXPECT_DOUBLE_EQ(r->after.fragmentation, 1.0 - 7.0 / 28.0);
  EXPECT_EQ(r->pairs_disconnected, 9u);  // every pair across the two triangles
  EXPECT_EQ(r->cut_from_largest, 3u);    // the second triangle
  // Money: 2 -> 3 and 3 -> 4 touch the removed; 0 -> 1 does not.
  EXPECT_EQ(r->payments_touched, 2u);
  EXPECT_EQ(r->money_touched, (CurrencyTotals{{"", 180}}));  // no currency recorded
  EXPECT_EQ(r->money_into_removed, (CurrencyTotals{{"", 100}}));
  EXPECT_EQ(r->money_out_of_removed, (CurrencyTotals{{"", 80}}));
  EXPECT_EQ(r->money_relayed, (CurrencyTotals{{"", 80}}));
  ASSERT_EQ(r->removed_nodes.size(), 1u);
  EXPECT_EQ(r->removed_nodes[0].degree, 2u);
  EXPECT_EQ(r->removed_nodes[0].components_tied, 2u);
  EXPECT_EQ(r->removed_nodes[0].money_in, (CurrencyTotals{{"", 100}}));
  EXPECT_EQ(r->removed_nodes[0].money_out, (CurrencyTotals{{"", 80}}));
  // 2 and 4 knew node 3, who tied both triangles: either restores the 9 cross pairs.
  ASSERT_EQ(r->brokers.size(), 2u);
  EXPECT_EQ(r->brokers[0].node, 2u);
  EXPECT_EQ(r->brokers[1].node, 4u);
  for (const auto& b : r->brokers) {
    EXPECT_EQ(b.component_size, 3u);
    EXPECT_EQ(b.components, 1u);
    EXPECT_EQ(b.nodes_reached, 3u);
    EXPECT_EQ(b.pairs_restored, 9u);
    EXPECT_EQ(b.via, std::vector<NodeId>{3});
  }
}

TEST(Disruption, RemovingALeafDisconnectsNothingAndNeedsNoBroker) {
  EntityNetwork net = People(4, {{0, 1}, {1, 2}, {2, 3}});
  graph::Graph g = graph::Graph::Build(net.edges(), 1);
  auto r = AnalyseDisruption(net, g, {3, 3});  // duplicates count once
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->removed, std::vector<NodeId>{3});
  EXPECT_EQ(r->pairs_disconnected, 0u);
  EXPECT_EQ(r->after.components, 1u);
  EXPECT_EQ(r->after.largest, 3u);
  EXPECT_TRUE(r->brokers.empty());
  EXPECT_TRUE(r->money_relayed.empty());
}

TEST(Disruption, AGroupOfAdjacentRemovedNodesIsBridgedByItsContactsOnEitherSide) {
  // Path 0-1-2-3-4 and 3-5: removing 1, 2, 3 leaves {0}, {4}, {5}. Node 0 knew 1, whose group
  // (1-2-3) touched 4 and 5: 0 could rejoin all three (3 pairs); 4 and 5 likewise.
  EntityNetwork net = People(6, {{0, 1}, {1, 2}, {2, 3}, {3, 4}, {3, 5}});
  graph::Graph g = graph::Graph::Build(net.edges(), 1);
  auto r = AnalyseDisruption(net, g, {2, 1, 3});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->after.components, 3u);
  EXPECT_EQ(r->pairs_disconnected, 3u);
  ASSERT_EQ(r->brokers.size(), 3u);
  EXPECT_EQ(r->brokers[0].node, 0u);
  EXPECT_EQ(r->brokers[0].components, 2u);
  EXPECT_EQ(r->brokers[0].pairs_restored, 3u);
  EXPECT_EQ(r->brokers[0].via, std::vector<NodeId>{1});
  EXPECT_EQ(r->brokers[1].node, 4u);
  EXPECT_EQ(r->brokers[2].node, 5u);
}

TEST(Disruption, BrokersAreRankedByPairsRestoredAndNeverVictims) {
  // Hub 0 ties a big group {1,2,3,4} (via 1), a pair {5,6} (via 5) and node 7. Node 7 is a victim.
  EntityNetwork base = People(8, {{0, 1}, {1, 2}, {2, 3}, {3, 4}, {0, 5}, {5, 6}, {0, 7}});
  std::vector<Node> nodes = base.nodes();
  nodes[7].victim = true;
  EntityNetwork net = EntityNetwork::FromParts(nodes, base.edges());
  graph::Graph g = graph::Graph::Build(net.edges(), 1);
  auto r = AnalyseDisruption(net, g, {0}, {.max_brokers = 10});
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->brokers.size(), 2u);
  // Either rejoins all 7: Pairs(7) = 21 minus the pairs kept (6 in the group of 4, 1 in the pair).
  EXPECT_EQ(r->brokers[0].node, 1u);
  EXPECT_EQ(r->brokers[0].pairs_restored, 21u - 6u - 1u);
  EXPECT_EQ(r->brokers[1].node, 5u);
  EXPECT_EQ(r->brokers[1].pairs_restored, 21u - 6u - 1u);
  auto one = AnalyseDisruption(net, g, {0}, {.max_brokers = 1});
  ASSERT_TRUE(one.ok());
  EXPECT_EQ(one->brokers.size(), 1u);
}

TEST(Disruption, BadInputsGiveClearErrors) {
  EntityNetwork net = Bowtie();
  graph::Graph g = graph::Graph::Build(net.edges(), 1);
  auto none = AnalyseDisruption(net, g, {});
  ASSERT_FALSE(none.ok());
  EXPECT_NE(none.status().message().find("at least one node"), std::string::npos);
  auto outside = AnalyseDisruption(net, g, {42});
  ASSERT_FALSE(outside.ok());
  EXPECT_NE(outside.status().message().find("node 42 is not in the network"), std::string::npos);
  auto all = AnalyseDisruption(net, g, {0, 1, 2, 3, 4, 5, 6, 7, 8});
  ASSERT_FALSE(all.ok());
  EXPECT_NE(all.status().message().find("every node"), std::string::npos);
  auto unknown = FindNodes(net, {"p3", "nobody-here"});
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.status().ToString().find("nobody-here"), std::string::npos);
  auto found = FindNodes(net, {"p3", "4"});
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(*found, (std::vector<NodeId>{3, 4}));
}

// Two currencies through the removed node 3: 2 pays 3 PKR 100 and USD 7, 3 pays 4 PKR 80 and USD 9.
// Totals stay per currency: relayed is PKR 80 (min 100, 80) and USD 7 (min 7, 9), never 87 or 96.
TEST(Disruption, MoneyIsTotalledPerCurrencyNeverAcross) {
  EntityNetwork base = Bowtie();
  graph::EdgeList el = base.edges();
  el.currencies = {"", "PKR", "USD"};
  for (graph::Edge& e : el.edges)
    if (e.rel == graph::Relation::kPayment) e.currency = 1;
  for (auto [src, dst, amount] : {std::tuple<NodeId, NodeId, double>{2, 3, 7}, {3, 4, 9}}) {
    graph::Edge e;
    e.src = src;
    e.dst = dst;
    e.rel = graph::Relation::kPayment;
    e.amount = amount;
    e.currency = 2;
    el.edges.push_back(e);
  }
  EntityNetwork net = EntityNetwork::FromParts(base.nodes(), el);
  graph::Graph g = graph::Graph::Build(net.edges(), 1);
  auto r = AnalyseDisruption(net, g, {3});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->payments_touched, 4u);
  EXPECT_EQ(r->money_touched, (CurrencyTotals{{"PKR", 180}, {"USD", 16}}));
  EXPECT_EQ(r->money_into_removed, (CurrencyTotals{{"PKR", 100}, {"USD", 7}}));
  EXPECT_EQ(r->money_out_of_removed, (CurrencyTotals{{"PKR", 80}, {"USD", 9}}));
  EXPECT_EQ(r->money_relayed, (CurrencyTotals{{"PKR", 80}, {"USD", 7}}));
  EXPECT_EQ(FormatTotals(r->money_relayed), "PKR 80, USD 7");
  EXPECT_EQ(FormatTotals({}), "0");
}

}  // namespace
}  // namespace kashf::network
