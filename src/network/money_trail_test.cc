#include "kashf/network/money_trail.h"

#include <random>

#include <gtest/gtest.h>

namespace kashf::network {
namespace {

graph::Edge Pay(NodeId a, NodeId b, int32_t day, double amount, graph::Channel ch = graph::Channel::kBank) {
  graph::Edge e;
  e.src = a;
  e.dst = b;
  e.day = day;
  e.amount = amount;
  e.rel = graph::Relation::kPayment;
  e.channel = ch;
  return e;
}

graph::EdgeList RandomPayments(uint32_t n, size_t m, uint64_t seed) {
  graph::EdgeList el;
  el.num_nodes = n;
  std::mt19937_64 rng(seed);
  for (size_t i = 0; i < m; ++i) {
    auto ch = static_cast<graph::Channel>(1 + rng() % 3);
    el.edges.push_back(Pay(static_cast<NodeId>(rng() % n), static_cast<NodeId>(rng() % n),
                           19000 + static_cast<int32_t>(rng() % 120), 1000.0 * static_cast<double>(1 + rng() % 20),
                           ch));
    if (i % 7 == 0) {  // some non-payment edges, which trails must ignore
      graph::Edge call = el.edges.back();
      call.rel = graph::Relation::kCall;
      el.edges.push_back(call);
    }
  }
  return el;
}

std::vector<std::vector<uint32_t>> Signature(const TrailResult& r) {
  std::vector<std::vector<uint32_t>> s;
  for (const auto& p : r.paths) {
    std::vector<uint32_t> ids;
    for (const auto& h : p.hops) ids.push_back(h.payment);
    s.push_back(ids);
  }
  return s;
}

TEST(MoneyTrail, WindowToleranceAndTimeOrder) {
  graph::EdgeList el;
  el.num_nodes = 6;
  el.edges = {Pay(0, 1, 100, 1000),  // 0: start
              Pay(1, 2, 105, 950),   // 1: within 30 days, -5%
              Pay(2, 3, 120, 900),   // 2: day 120 <= 100 + 30
              Pay(3, 4, 140, 900),   // 3: outside the window (day 140 > 130)
              Pay(1, 5, 99, 1000),   // 4: before the money arrived at 1
              Pay(1, 4, 110, 300)};  // 5: amount changes by 70% > 50%
  MoneyIndex idx(el);
  TrailOptions o;
  o.hops = 5;
  o.days = 30;
  o.tolerance = 0.5;
  TrailResult r = FollowMoney(idx, 0, o);
  ASSERT_EQ(r.paths.size(), 3u);  // 0->1, 0->1->2, 0->1->2->3
  std::vector<std::vector<uint32_t>> expect = {{0}, {0, 1}, {0, 1, 2}};
  auto sig = Signature(r);
  std::sort(sig.begin(), sig.end());
  EXPECT_EQ(sig, expect);
  // Carried amount is the smallest hop; longest carried first.
  EXPECT_DOUBLE_EQ(r.paths.front().carried, 1000);
  EXPECT_DOUBLE_EQ(r.paths.back().carried, 900);
  ASSERT_EQ(r.endpoints.size(), 3u);
  EXPECT_EQ(r.endpoints.front().node, 1u);
  // Any amount: the 300 hop is followed too.
  o.tolerance = -1;
  EXPECT_EQ(FollowMoney(idx, 0, o).paths.size(), 4u);
  // Backward from 3: 2->3 (day 120), then 1->2 (day 105), then 0->1 (day 100).
  o.forward = false;
  o.tolerance = 0.5;
  TrailResult back = FollowMoney(idx, 3, o);
  ASSERT_EQ(back.paths.size(), 3u);
  EXPECT_EQ(back.endpoints.size(), 3u);
  bool reached_start = false;
  for (const auto& p : back.paths) {
    if (p.end == 0) {
      reached_start = true;
      EXPECT_EQ(p.hops.size(), 3u);
      EXPECT_EQ(p.hops.front().payment, 2u);  // the start node's payment first
      EXPECT_EQ(p.hops.front().from, 2u);     // payer -> payee kept
    }
  }
  EXPECT_TRUE(reached_start);
}

TEST(MoneyTrail, IndexedMatchesScanningReference) {
  for (uint64_t seed : {1, 2, 3}) {
    graph::EdgeList el = RandomPayments(60, 900, seed);
    MoneyIndex idx(el);
    for (bool forward : {true, false})
      for (double tol : {-1.0, 0.3}) {
        TrailOptions o;
        o.forward = forward;
        o.hops = 3;
        o.days = 20;
        o.tolerance = tol;
        o.max_paths = 5000;
        o.channels = ~(1u << static_cast<unsigned>(graph::Channel::kCash));
        for (NodeId s = 0; s < 60; s += 7) {
          TrailResult a = FollowMoney(idx, s, o), b = FollowMoneySerial(idx.payments(), s, o);
          EXPECT_EQ(Signature(a), Signature(b)) << "seed " << seed << " start " << s;
          EXPECT_EQ(a.truncated, b.truncated);
          ASSERT_EQ(a.endpoints.size(), b.endpoints.size());
          for (size_t k = 0; k < a.endpoints.size(); ++k)
            EXPECT_DOUBLE_EQ(a.endpoints[k].carried, b.endpoints[k].carried);
        }
      }
  }
}

TEST(MoneyTrail, MaxPathsTruncates) {
  graph::EdgeList el = RandomPayments(20, 2000, 9);
  MoneyIndex idx(el);
  TrailOptions o;
  o.tolerance = -1;
  o.max_paths = 50;
  TrailResult r = FollowMoney(idx, 3, o);
  EXPECT_TRUE(r.truncated);
  EXPECT_EQ(r.paths.size(), 50u);
  EXPECT_EQ(Signature(r), Signature(FollowMoneySerial(idx.payments(), 3, o)));
}

TEST(Layering, FindsPlantedPatterns) {
  graph::EdgeList el = RandomPayments(200, 1500, 11);  // background: amounts up to 20,000
  // Scatter-gather: 150 splits 900,000 over 151..154, which forward it to 155 within days.
  for (NodeId m = 151; m <= 154; ++m) {
    el.edges.push_back(Pay(150, m, 19010, 225000));
    el.edges.push_back(Pay(m, 155, 19012 + static_cast<int32_t>(m - 151), 220000));
  }
  // Round trip: 160 -> 161 -> 162 -> 160.
  el.edges.push_back(Pay(160, 161, 19050, 500000));
  el.edges.push_back(Pay(161, 162, 19055, 480000));
  el.edges.push_back(Pay(162, 160, 19060, 470000));
  MoneyIndex idx(el);
  LayeringOptions o;
  o.days = 30;
  o.tolerance = 0.2;
  o.min_branches = 4;
  o.min_amount = 100000;
  LayeringReport r = DetectLayering(idx, o);
  ASSERT_EQ(r.scatter_gather.size(), 1u);
  EXPECT_EQ(r.scatter_gather[0].source, 150u);
  EXPECT_EQ(r.scatter_gather[0].sink, 155u);
  EXPECT_EQ(r.scatter_gather[0].intermediaries, (std::vector<NodeId>{151, 152, 153, 154}));
  EXPECT_DOUBLE_EQ(r.scatter_gather[0].amount_out, 900000);
  EXPECT_DOUBLE_EQ(r.scatter_gather[0].amount_in, 880000);
  ASSERT_EQ(r.round_trips.size(), 1u);
  EXPECT_EQ(r.round_trips[0].hops.size(), 3u);
  EXPECT_EQ(r.round_trips[0].hops.front().from, 160u);
  ASSERT_FALSE(r.fan_out.empty());
  EXPECT_EQ(r.fan_out[0].node, 150u);
  EXPECT_EQ(r.fan_out[0].branches, 4u);
  ASSERT_FALSE(r.fan_in.empty());
  EXPECT_EQ(r.fan_in[0].node, 155u);
  // A tighter window misses the gather (the last leg arrives 5 days after the split).
  o.days = 3;
  EXPECT_TRUE(DetectLayering(idx, o).scatter_gather.empty());
}

// Three hand-made fan-outs (0, 10, 20 each pay 3 payees); a limit of 1 shows the largest and
// still counts all three.
TEST(Layering, LimitKeepsTheFoundCount) {
  graph::EdgeList el;
  el.num_nodes = 30;
  for (NodeId hub : {0u, 10u, 20u})
    for (NodeId k = 1; k <= 3; ++k) el.edges.push_back(Pay(hub, hub + k, 100, 1000.0 * (hub + 1)));
  MoneyIndex idx(el);
  LayeringOptions o;
  o.min_branches = 3;
  o.limit = 1;
  LayeringReport r = DetectLayering(idx, o);
  ASSERT_EQ(r.fan_out.size(), 1u);
  EXPECT_EQ(r.fan_out[0].node, 20u);
  EXPECT_EQ(r.found.fan_out, 3u);
  EXPECT_EQ(r.found.fan_in, 0u);
}

// Workers keep only the first `limit` of each kind as they go (bounded memory); the report must be
// the first `limit` of the full one, with the same found counts, for any thread count.
TEST(Layering, BoundedWorkersGiveTheTopOfTheFullReport) {
  graph::EdgeList el = RandomPayments(300, 6000, 13);
  MoneyIndex idx(el);
  LayeringOptions o;
  o.tolerance = 0.5;
  o.min_branches = 3;
  o.limit = 1000000;
  o.threads = 1;
  LayeringReport full = DetectLayering(idx, o);
  ASSERT_GT(full.round_trips.size(), 2u * 7 + 64);  // enough for a worker to trim (KeepFirst)
  for (unsigned threads : {1u, 3u}) {
    o.limit = 7;
    o.threads = threads;
    LayeringReport top = DetectLayering(idx, o);
    EXPECT_EQ(top.found.round_trips, full.round_trips.size());
    EXPECT_EQ(top.found.fan_in, full.fan_in.size());
    EXPECT_EQ(top.found.scatter_gather, full.scatter_gather.size());
    ASSERT_EQ(top.round_trips.size(), 7u);
    for (size_t i = 0; i < 7; ++i) {
      ASSERT_EQ(top.round_trips[i].hops.size(), full.round_trips[i].hops.size());
      for (size_t h = 0; h < top.round_trips[i].hops.size(); ++h)
        EXPECT_EQ(top.round_trips[i].hops[h].payment, full.round_trips[i].hops[h].payment);
    }
    ASSERT_EQ(top.fan_in.size(), std::min<size_t>(7, full.fan_in.size()));
    for (size_t i = 0; i < top.fan_in.size(); ++i) EXPECT_EQ(top.fan_in[i].node, full.fan_in[i].node);
  }
}

TEST(Layering, SameReportForAnyThreadCount) {
  graph::EdgeList el = RandomPayments(300, 6000, 12);
  MoneyIndex idx(el);
  LayeringOptions o;
  o.tolerance = 0.5;
  o.min_branches = 3;
  o.limit = 1000;
  o.threads = 1;
  LayeringReport a = DetectLayering(idx, o);
  o.threads = 3;
  LayeringReport b = DetectLayering(idx, o);
  ASSERT_EQ(a.round_trips.size(), b.round_trips.size());
  EXPECT_GT(a.round_trips.size(), 0u);
  for (size_t i = 0; i < a.round_trips.size(); ++i)
    EXPECT_EQ(a.round_trips[i].hops.front().payment, b.round_trips[i].hops.front().payment);
  ASSERT_EQ(a.scatter_gather.size(), b.scatter_gather.size());
  for (size_t i = 0; i < a.scatter_gather.size(); ++i)
    EXPECT_EQ(a.scatter_gather[i].intermediaries, b.scatter_gather[i].intermediaries);
  ASSERT_EQ(a.fan_out.size(), b.fan_out.size());
  for (size_t i = 0; i < a.fan_out.size(); ++i) EXPECT_EQ(a.fan_out[i].node, b.fan_out[i].node);
}

}  // namespace
}  // namespace kashf::network
