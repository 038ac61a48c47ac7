#include "kashf/network/json.h"

#include <gtest/gtest.h>

namespace kashf::network {
namespace {

// Two people with payments both ways in two currencies, one call record of 3 calls and 2 messages
// and one of 4 messages: a path's hop shows all of it, money per currency, calls apart from messages.
TEST(PathsJson, EachHopCarriesItsEvidence) {
  std::vector<Node> nodes(2);
  nodes[0].id = "a";
  nodes[1].id = "b";
  graph::EdgeList el;
  el.currencies = {"", "PKR", "USD"};
  auto pay = [&](NodeId s, NodeId d, double amount, uint16_t currency) {
    graph::Edge e;
    e.src = s;
    e.dst = d;
    e.rel = graph::Relation::kPayment;
    e.amount = amount;
    e.currency = currency;
    e.day = 19800;
    el.edges.push_back(e);
  };
  pay(0, 1, 100, 1);
  pay(1, 0, 5, 2);
  pay(0, 1, 50, 1);
  graph::Edge call;
  call.src = 0;
  call.dst = 1;
  call.rel = graph::Relation::kCall;
  call.count = 3;
  call.messages = 2;
  call.weight = 5;
  call.seconds = 60;
  el.edges.push_back(call);
  graph::Edge texts = call;
  texts.count = 0;
  texts.messages = 4;
  texts.weight = 4;
  texts.seconds = 0;
  el.edges.push_back(texts);
  EntityNetwork net = EntityNetwork::FromParts(std::move(nodes), std::move(el));
  graph::Path p;
  p.nodes = {0, 1};
  p.cost = 1;
  nlohmann::json j = PathsJson(net, {p});
  ASSERT_EQ(j.size(), 1u);
  const nlohmann::json& link = j[0]["links"][0];
  EXPECT_EQ(link["relations"]["payment"]["records"], 3);
  EXPECT_EQ(link["relations"]["payment"]["amount_by_currency"], (nlohmann::json{{"PKR", 150.0}, {"USD", 5.0}}));
  EXPECT_EQ(link["relations"]["call"]["records"], 2);
  EXPECT_EQ(link["relations"]["call"]["count"], 3);     // calls only
  EXPECT_EQ(link["relations"]["call"]["messages"], 6);  // counted apart
  EXPECT_EQ(link["relations"]["call"]["weight"], 9.0);
  EXPECT_EQ(link["relations"]["call"]["seconds"], 60.0);
  EXPECT_TRUE(link["events"].empty());
  nlohmann::json usd = EdgeJson(net, net.edges().edges[1]);
  EXPECT_EQ(usd["currency"], "USD");
  nlohmann::json c = EdgeJson(net, net.edges().edges[3]);
  EXPECT_EQ(c["count"], 3);
  EXPECT_EQ(c["messages"], 2);
  EXPECT_FALSE(c.contains("currency"));
}

}  // namespace
}  // namespace kashf::network
