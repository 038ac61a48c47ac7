// Small hand-made networks for the network and evaluation tests (header only; the test links kashf_network): people
// joined by ties and payments, with node ids "p0", "p1", ... in node order.
#pragma once
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "kashf/network/entity_network.h"

namespace kashf::network::testing {

struct Payment {
  NodeId from = 0, to = 0;
  double amount = 0;
};

// A payment edge in currency index `currency` of the EdgeList (0 = not recorded).
inline graph::Edge PaymentEdge(NodeId from, NodeId to, double amount, uint16_t currency = 0,
                               graph::Channel channel = graph::Channel::kBank, int32_t day = 19000) {
  return {.src = from,
          .dst = to,
          .day = day,
          .amount = amount,
          .currency = currency,
          .rel = graph::Relation::kPayment,
          .channel = channel};
}

// A call record standing for `calls` voice calls and `messages` text messages (weight: both).
inline graph::Edge CallEdge(NodeId from, NodeId to, int32_t day, uint32_t calls = 1, uint32_t messages = 0) {
  return {.src = from,
          .dst = to,
          .weight = static_cast<float>(calls + messages),
          .day = day,
          .count = calls,
          .messages = messages,
          .rel = graph::Relation::kCall};
}

// `n` people "p0".."p<n-1>", an associate tie per pair in `ties`, and the payments.
inline EntityNetwork People(uint32_t n, const std::vector<std::pair<NodeId, NodeId>>& ties,
                            const std::vector<Payment>& payments = {}) {
  std::vector<Node> nodes(n);
  for (uint32_t i = 0; i < n; ++i) {
    nodes[i].id = fmt::format("p{}", i);
    nodes[i].caption = fmt::format("Person {}", i);
    nodes[i].kind = NodeKind::kPerson;
    nodes[i].records = 1;
  }
  graph::EdgeList el;
  for (auto [a, b] : ties) el.edges.push_back({.src = a, .dst = b, .rel = graph::Relation::kAssociate});
  for (const Payment& p : payments)
    el.edges.push_back(
        {.src = p.from, .dst = p.to, .day = 19000, .amount = p.amount, .rel = graph::Relation::kPayment});
  return EntityNetwork::FromParts(std::move(nodes), std::move(el));
}

}  // namespace kashf::network::testing
