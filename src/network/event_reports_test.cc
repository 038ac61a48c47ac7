#include "kashf/network/event_reports.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "kashf/testing/networks.h"

namespace kashf::network {
namespace {

// Hand-made: a boss (0) who attends nothing, six attendees (1..6), a hub (7) and a place (8).
//   E1 day 100 {1..6}: 1, 2 and 3 call or text the boss within two days; 4 only on day 103 (too
//      late); 1 calls 2 (an attendee: not a report); 5 calls the hub (alone); 5 called the boss on
//      day 99 (before); 6 calls the place (not an actor).
//   E2 day 200 {1, 2, 3}: 1 and 2 call the boss on day 201.
//   E3 day 300 {4, 5, 6}: only 4 calls the boss.
//   E4 undated {1, 2}: never counts.
// With the defaults (2 days, 2 reporters) the boss heard from 3 of 6 after E1 and 2 of 3 after E2.
struct Fixture {
  std::vector<Node> nodes;
  graph::EdgeList el;
  std::vector<EntityNetwork::EventParts> events;
  void Call(NodeId a, NodeId b, int32_t day, uint32_t calls, uint32_t messages = 0) {
    el.edges.push_back(testing::CallEdge(a, b, day, calls, messages));
  }
  void Event(const std::string& id, int32_t day, std::vector<NodeId> who) {
    EntityNetwork::EventParts ev;
    ev.info.id = id;
    ev.info.schema = "Meeting";
    ev.info.caption = id;
    ev.info.day = day;
    ev.attendees = std::move(who);
    events.push_back(std::move(ev));
  }
  NodeId Add(const std::string& id, NodeKind kind = NodeKind::kPerson, NodeId holder = kNoNode) {
    Node n;
    n.id = id;
    n.caption = id;
    n.kind = kind;
    n.holder = holder;
    nodes.push_back(n);
    return static_cast<NodeId>(nodes.size() - 1);
  }
  EntityNetwork Build(View view = View::kPersons) { return EntityNetwork::FromParts(nodes, el, view, events); }
};

Fixture Meetings() {
  Fixture f;
  f.Add("boss");
  for (int i = 1; i <= 6; ++i) f.Add(fmt::format("a{}", i));
  f.Add("hub");
  f.Add("place", NodeKind::kLocation);
  f.Event("E1", 100, {1, 2, 3, 4, 5, 6});
  f.Event("E2", 200, {1, 2, 3});
  f.Event("E3", 300, {4, 5, 6});
  f.Event("E4", 0, {1, 2});
  f.Call(1, 0, 100, 2);
  f.Call(2, 0, 101, 0, 3);
  f.Call(3, 0, 102, 1);
  f.Call(4, 0, 103, 1);
  f.Call(1, 2, 100, 1);
  f.Call(5, 7, 100, 1);
  f.Call(5, 0, 99, 1);
  f.Call(6, 8, 100, 1);
  f.Call(1, 0, 201, 1);
  f.Call(2, 0, 201, 1, 1);
  f.Call(4, 0, 300, 1);
  f.Call(1, 0, 0, 5);  // undated: never in a window
  return f;
}

TEST(EventReports, CountsDistinctAttendeesWhoReportWithinTheWindow) {
  const EntityNetwork net = Meetings().Build();
  const EventReports r = FindEventReports(net);
  ASSERT_TRUE(r.HasEvidence());
  EXPECT_DOUBLE_EQ(r.score[0], 3.0 / 6 + 2.0 / 3);
  EXPECT_EQ(r.events[0], 2u);
  EXPECT_EQ(r.reporters[0], 5u);
  EXPECT_EQ(r.attendees[0], 9u);
  EXPECT_EQ(r.calls[0], 2u + 1 + 1 + 1);  // calls and messages apart
  EXPECT_EQ(r.messages[0], 3u + 1);
  EXPECT_EQ(net.events()[r.top_event[0]].id, "E2");  // 2 of 3 beats 3 of 6
  EXPECT_EQ(r.top_reporters[0], 2u);
  for (NodeId v = 1; v < net.num_nodes(); ++v) {
    EXPECT_EQ(r.score[v], 0) << net.nodes()[v].id;  // attendees, the hub (one reporter), the place
    EXPECT_EQ(r.top_event[v], EventReports::kNoEvent);
  }
}

TEST(EventReports, WindowAndMinimumReportersAreParameters) {
  const EntityNetwork net = Meetings().Build();
  const EventReports wide = FindEventReports(net, {.window_days = 3});
  EXPECT_DOUBLE_EQ(wide.score[0], 4.0 / 6 + 2.0 / 3);  // a4's call on day 103 now counts
  const EventReports same_day = FindEventReports(net, {.window_days = 0});
  EXPECT_EQ(same_day.score[0], 0);  // on the day itself only one attendee called it after E1 and E3
  const EventReports single = FindEventReports(net, {.min_reporters = 1});
  EXPECT_DOUBLE_EQ(single.score[0], 3.0 / 6 + 2.0 / 3 + 1.0 / 3);  // E3 counts with one reporter
  EXPECT_DOUBLE_EQ(single.score[7], 1.0 / 6);                      // and the hub's single call after E1
  EXPECT_TRUE(CheckEventReportOptions({}).ok());
  EXPECT_FALSE(CheckEventReportOptions({.window_days = -1}).ok());
  EXPECT_FALSE(CheckEventReportOptions({.window_days = 366}).ok());
  EXPECT_FALSE(CheckEventReportOptions({.min_reporters = 0}).ok());
}

TEST(EventReports, NoDatedEventsIsNoEvidence) {
  Fixture f = Meetings();
  for (auto& ev : f.events) ev.info.day = 0;
  const EventReports r = FindEventReports(f.Build());
  EXPECT_FALSE(r.has_dated_events);
  EXPECT_TRUE(r.has_dated_calls);
  EXPECT_FALSE(r.HasEvidence());
  EXPECT_TRUE(r.score.empty());
}

// Identifiers view: phones stand for their holders, so calls between the attendees' phones and the
// boss's phone are reports to the boss, not to the phone.
TEST(EventReports, PhonesStandForTheirHolders) {
  Fixture f;
  const NodeId boss = f.Add("boss"), a = f.Add("a"), b = f.Add("b");
  const NodeId pa = f.Add("pa", NodeKind::kPhone, a), pb = f.Add("pb", NodeKind::kPhone, b),
               pboss = f.Add("pboss", NodeKind::kPhone, boss);
  f.Event("M", 10, {a, b});
  f.Call(pa, pboss, 10, 1);
  f.Call(pb, pboss, 11, 1);
  f.Call(pa, pb, 10, 1);  // attendee to attendee
  const EventReports r = FindEventReports(f.Build(View::kIdentifiers));
  EXPECT_DOUBLE_EQ(r.score[boss], 1.0);
  EXPECT_EQ(r.score[pboss], 0);
  EXPECT_EQ(r.score[b], 0);
  EXPECT_EQ(r.score[pb], 0);
}

}  // namespace
}  // namespace kashf::network
