#include "kashf/learning/node_learning.h"

#include <algorithm>
#include <random>
#include <set>

#include <gtest/gtest.h>

namespace kashf::learning {
namespace {

using network::NodeId;

// 400 ordinary people calling and paying each other small sums, and 12 couriers: each collects
// 8 small payments from ordinary people and passes one large payment to a boss. The answer is known:
// a model trained on 6 couriers must find the other 6.
struct Couriers {
  network::EntityNetwork net;
  std::vector<NodeId> couriers;
  NodeId place = 0;
};

Couriers MakeCouriers(uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<network::Node> nodes;
  graph::EdgeList el;
  auto add = [&](const std::string& id, network::NodeKind kind = network::NodeKind::kPerson) {
    network::Node n;
    n.id = id;
    n.caption = id;
    n.kind = kind;
    nodes.push_back(n);
    return static_cast<NodeId>(nodes.size() - 1);
  };
  auto edge = [&](NodeId a, NodeId b, graph::Relation rel, double amount) {
    graph::Edge e;
    e.src = a;
    e.dst = b;
    e.rel = rel;
    e.amount = amount;
    e.channel = amount > 0 ? graph::Channel::kWallet : graph::Channel::kNone;
    e.day = 19000 + static_cast<int32_t>(rng() % 300);
    el.edges.push_back(e);
  };
  Couriers c;
  std::vector<NodeId> others;
  for (int i = 0; i < 400; ++i) others.push_back(add("other" + std::to_string(i)));
  for (int i = 0; i < 1600; ++i) {
    NodeId a = others[rng() % others.size()], b = others[rng() % others.size()];
    if (i % 2) edge(a, b, graph::Relation::kPayment, 500.0 + static_cast<double>(rng() % 20000));
    else edge(a, b, graph::Relation::kCall, 0);
  }
  const NodeId boss = add("boss");
  for (int i = 0; i < 12; ++i) {
    const NodeId courier = add("courier" + std::to_string(i));
    c.couriers.push_back(courier);
    for (int k = 0; k < 8; ++k) edge(others[rng() % others.size()], courier, graph::Relation::kPayment, 9000);
    edge(courier, boss, graph::Relation::kPayment, 72000);
    edge(courier, others[rng() % others.size()], graph::Relation::kCall, 0);
  }
  c.place = add("L-market", network::NodeKind::kLocation);
  edge(others[0], c.place, graph::Relation::kTravel, 0);
  c.net = network::EntityNetwork::FromParts(std::move(nodes), std::move(el));
  return c;
}

TEST(NodeLearning, FindsTheCouriersItWasNotShownAndExplainsThem) {
  Couriers c = MakeCouriers(3);
  network::NetworkAnalysis a(std::move(c.net));
  const std::vector<NodeId> shown(c.couriers.begin(), c.couriers.begin() + 6);
  const std::set<NodeId> hidden(c.couriers.begin() + 6, c.couriers.end());
  LearnOptions o;
  o.limit = 6;
  auto r = LearnFromLabels(a, shown, "courier", o);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->positives, 6u);
  EXPECT_EQ(r->folds, 5u);
  ASSERT_EQ(r->ranked.size(), 6u);
  size_t found = 0;
  for (const LearnedScore& s : r->ranked) {
    found += hidden.count(s.node);
    EXPECT_EQ(std::count(shown.begin(), shown.end(), s.node), 0) << "labelled nodes are not ranked";
    ASSERT_EQ(s.top.size(), 3u);
    EXPECT_GT(std::fabs(s.top[0].contribution), 0);
    EXPECT_GE(std::fabs(s.top[0].contribution), std::fabs(s.top[1].contribution));
  }
  EXPECT_GE(found, 5u) << "the unlabelled couriers lead the ranking";
  // Out of fold the couriers shown are found too, far better than by degree or PageRank. (A lower
  // bound: the 6 unlabelled couriers count as misses when they rank among the top 6.)
  EXPECT_GE(r->cv_r_precision, 0.5);
  EXPECT_GT(r->cv_r_precision, r->degree_r_precision + 0.3);
  EXPECT_GT(r->cv_r_precision, r->pagerank_r_precision + 0.3);
  EXPECT_EQ(r->fold_r_precision.size(), 5u);
  EXPECT_EQ(r->importance.size(), NodeFeatureNames().size());
  // The same inputs give the same ranking.
  auto again = LearnFromLabels(a, shown, "courier", o);
  ASSERT_TRUE(again.ok());
  for (size_t i = 0; i < r->ranked.size(); ++i) EXPECT_EQ(again->ranked[i].node, r->ranked[i].node);
}

TEST(NodeLearning, TooFewLabelsAndUnknownNodesAreClearErrors) {
  Couriers c = MakeCouriers(1);
  network::NetworkAnalysis a(std::move(c.net));
  auto few = LearnFromLabels(a, {c.couriers[0], c.couriers[1]}, "courier");
  ASSERT_FALSE(few.ok());
  EXPECT_EQ(few.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(few.status().message().find("too few labels to learn 'courier': 2 nodes labelled, at least 5"),
            std::string::npos)
      << few.status().message();

  std::vector<NodeLabel> labels = {
      {"courier0", "courier", "a", 1, ""}, {"courier1", "courier", "a", 2, ""}, {"other5", "organiser", "a", 3, ""}};
  auto nodes = LabelledNodes(a, labels, "courier");
  ASSERT_TRUE(nodes.ok()) << nodes.status().ToString();
  EXPECT_EQ(*nodes, (std::vector<NodeId>{c.couriers[0], c.couriers[1]}));
  labels.push_back({"E-nobody", "courier", "a", 4, ""});
  auto unknown = LabelledNodes(a, labels, "courier");
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.status().message().find("1 node labelled 'courier' is not in this network (first: E-nobody)"),
            std::string::npos)
      << unknown.status().message();
  auto place = LabelledNodes(a, {{"L-market", "courier", "a", 1, ""}}, "courier");
  ASSERT_FALSE(place.ok());
  EXPECT_NE(place.status().message().find("cannot hold a role"), std::string::npos);
  // A label nobody used names the labels in use.
  auto none = LabelledNodes(a, labels, "mule");
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(none.status().message().find("no node is labelled 'mule'; labels in use: courier (3), organiser (1)"),
            std::string::npos)
      << none.status().message();
}

}  // namespace
}  // namespace kashf::learning
