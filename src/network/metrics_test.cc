#include "kashf/network/metrics.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "kashf/testing/networks.h"

namespace kashf::network {
namespace {

// Three people: 0 pays 1 PKR 100 and PKR 50 (one through hawala), 2 pays 1 USD 7; 0 calls 1 three
// times and texts it twice, 1 texts 2 four times.
struct Small {
  EntityNetwork net;
  graph::Graph g;
};

Small MakeSmall(bool second_currency) {
  std::vector<Node> nodes(3);
  for (NodeId v = 0; v < 3; ++v) {
    nodes[v].id = fmt::format("n{}", v);
    nodes[v].kind = NodeKind::kPerson;
  }
  graph::EdgeList el;
  el.currencies = {"", "PKR", "USD"};
  el.edges = {testing::PaymentEdge(0, 1, 100, 1), testing::PaymentEdge(0, 1, 50, 1, graph::Channel::kHawala),
              testing::PaymentEdge(2, 1, 7, second_currency ? 2 : 1), testing::CallEdge(0, 1, 19000, 3, 2),
              testing::CallEdge(1, 2, 19000, 0, 4)};
  Small s{EntityNetwork::FromParts(std::move(nodes), std::move(el)), {}};
  s.g = graph::Graph::Build(s.net.edges(), 1);
  return s;
}

TEST(Metrics, CallsAndMessagesAreCountedApart) {
  Small s = MakeSmall(false);
  NodeMetrics m = ComputeMetrics(s.net, s.g, {.threads = 1});
  EXPECT_EQ(m.calls_out[0], 3u);
  EXPECT_EQ(m.messages_out[0], 2u);
  EXPECT_EQ(m.calls_in[1], 3u);
  EXPECT_EQ(m.messages_in[1], 2u);
  EXPECT_EQ(m.calls_out[1], 0u);
  EXPECT_EQ(m.messages_out[1], 4u);
  EXPECT_EQ(m.messages_in[2], 4u);
  EXPECT_EQ(m.calls_in[2], 0u);
}

TEST(Metrics, OneCurrencyIsTotalledInIt) {
  Small s = MakeSmall(false);
  NodeMetrics m = ComputeMetrics(s.net, s.g, {.threads = 1});
  EXPECT_FALSE(m.MoneyMixed());
  EXPECT_EQ(m.money_currency, "PKR");
  EXPECT_DOUBLE_EQ(m.money_in[1], 157);
  EXPECT_DOUBLE_EQ(m.hawala_amount[1], 50);
  EXPECT_TRUE(m.money_by_currency.empty());
  const auto flows = MoneyOf(m, 1);
  ASSERT_EQ(flows.size(), 1u);
  EXPECT_EQ(flows[0].currency, "PKR");
  EXPECT_DOUBLE_EQ(flows[0].in, 157);
}

// PKR and USD: no total adds them; each node's money is reported per currency, and the money-flow
// rank weighs payments by number (node 1 receives three payments).
TEST(Metrics, TwoCurrenciesAreNeverAdded) {
  Small s = MakeSmall(true);
  NodeMetrics m = ComputeMetrics(s.net, s.g, {.threads = 1});
  ASSERT_TRUE(m.MoneyMixed());
  EXPECT_EQ(m.payment_currencies, (std::vector<std::string>{"PKR", "USD"}));
  EXPECT_EQ(m.money_currency, "");
  for (NodeId v = 0; v < 3; ++v) {
    EXPECT_EQ(m.money_in[v], 0) << v;  // never 157, a sum of rupees and dollars
    EXPECT_EQ(m.money_out[v], 0) << v;
    EXPECT_EQ(m.hawala_amount[v], 0) << v;
  }
  EXPECT_EQ(m.payments_in[1], 3u);
  EXPECT_EQ(m.payers[1], 2u);
  const auto flows = MoneyOf(m, 1);
  ASSERT_EQ(flows.size(), 2u);
  EXPECT_EQ(flows[0].currency, "PKR");
  EXPECT_DOUBLE_EQ(flows[0].in, 150);
  EXPECT_DOUBLE_EQ(flows[0].hawala, 50);
  EXPECT_EQ(flows[1].currency, "USD");
  EXPECT_DOUBLE_EQ(flows[1].in, 7);
  const auto payer = MoneyOf(m, 2);
  ASSERT_EQ(payer.size(), 1u);
  EXPECT_EQ(payer[0].currency, "USD");
  EXPECT_DOUBLE_EQ(payer[0].out, 7);
  EXPECT_GT(m.money_rank[1], m.money_rank[0]);
}

}  // namespace
}  // namespace kashf::network
