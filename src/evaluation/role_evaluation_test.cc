#include "kashf/evaluation/role_evaluation.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "kashf/network/analysis.h"

namespace kashf::evaluation {
namespace {

using network::NodeId;

// A star whose hub is an ordinary, busy person and a shielded boss reached by two lieutenants who
// pay it: the true organiser (P1) is found by the organiser score, not by degree; every role is
// ranked three ways.
TEST(RoleEvaluation, RanksEveryRoleByItsScoreBesideDegreeAndPageRank) {
  std::vector<network::Node> nodes;
  graph::EdgeList el;
  auto add = [&](const std::string& id) {
    network::Node n;
    n.id = id;
    n.caption = id;
    n.kind = network::NodeKind::kPerson;
    nodes.push_back(n);
    return static_cast<NodeId>(nodes.size() - 1);
  };
  auto edge = [&](NodeId a, NodeId b, graph::Relation rel, double amount) {
    graph::Edge e;
    e.src = a;
    e.dst = b;
    e.rel = rel;
    e.amount = amount;
    e.channel = amount > 0 ? graph::Channel::kBank : graph::Channel::kNone;
    e.day = 19000;
    el.edges.push_back(e);
  };
  const NodeId hub = add("hub"), boss = add("boss");
  std::vector<NodeId> others;
  for (int i = 0; i < 40; ++i) {
    others.push_back(add(fmt::format("o{}", i)));
    edge(hub, others.back(), graph::Relation::kCall, 0);
  }
  for (size_t l = 0; l < 2; ++l) {
    const NodeId lt = add(fmt::format("lt{}", l));
    for (int k = 0; k < 5; ++k) edge(lt, boss, graph::Relation::kPayment, 5e6);
    for (size_t m = 0; m < 6; ++m) edge(others[10 * l + m], lt, graph::Relation::kPayment, 4e5);
  }
  network::NetworkAnalysis a(network::EntityNetwork::FromParts(std::move(nodes), std::move(el)));
  SimulatorTruth truth;
  truth.person_of_entity = {{"boss", "P1"}, {"hub", "P2"}, {"lt0", "P3"}, {"lt1", "P4"}};
  truth.roles = {{"P1", {"organiser"}}, {"P2", {"other"}}, {"P3", {"broker"}}, {"P4", {"broker"}}};
  const RoleEvaluation ev = EvaluateRoles(a.network(), a.Metrics(), a.Roles(), truth, 1);
  ASSERT_EQ(ev.rankings.size(), 12u);  // 4 roles x (score, degree, PageRank)
  EXPECT_EQ(ev.rankings[0].ranking, "organiser score");
  EXPECT_EQ(ev.rankings[1].ranking, "degree");
  EXPECT_EQ(ev.rankings[2].ranking, "pagerank");
  EXPECT_EQ(ev.rankings[9].role, "transporter");
  EXPECT_EQ(ev.organisers.found_at_k, 1u) << "the boss is the top organiser";
  EXPECT_EQ(ev.organisers.precision_at_k, 1.0);
  EXPECT_EQ(ev.rankings[1].found_at_k, 0u) << "degree puts the hub first";
  EXPECT_EQ(ev.brokers.true_in_graph, 2u);
  EXPECT_EQ(ev.labelled_actors, 4u);
}

}  // namespace
}  // namespace kashf::evaluation
