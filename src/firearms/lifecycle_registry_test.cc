// Every transition of data/reference/firearm-lifecycle.yaml through the registry: for each state
// the table declares, a firearm is driven there along the shortest path of allowed events, then
// every event kind is attempted. Allowed kinds must be stored and move the firearm to the rule's
// target state; the others must be refused with FailedPrecondition, a message naming the last
// event and the allowed next events, and no change to the record. The table is iterated, so a
// new state or event in the YAML is covered without editing this test.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <deque>
#include <map>

#include "firearms_test_util.h"

namespace kashf::firearms {
namespace {

// An event with every field filled, so only the transition decides.
LifecycleEvent Complete(int64_t firearm, const std::string& kind, int day) {
  LifecycleEvent e;
  e.firearm_id = firearm;
  e.kind = kind;
  e.date = fmt::format("2020-{:02d}-{:02d}", 1 + day / 28, 1 + day % 28);
  e.place = "Lahore";
  e.district = "Lahore";
  e.agency = "Punjab Police";
  e.document = fmt::format("DOC-{}-{}", kind, day);
  e.holder = "Holder";
  e.licence_number = "L-1";
  e.licence_expiry = "2029-01-01";
  e.export_country = "it";
  e.import_country = "pk";
  e.transit_country = "ae";
  e.final_recipient = "Dealer";
  e.seizure_context = "raid on premises";
  e.campaign = "VSC-1";
  return e;
}

// Shortest event path from "none" to every reachable state (breadth-first over the rules).
std::map<std::string, std::vector<std::string>> PathsToStates(const LifecycleRules& rules) {
  std::map<std::string, std::vector<std::string>> path{{"none", {}}};
  std::deque<std::string> queue{"none"};
  while (!queue.empty()) {
    std::string s = queue.front();
    queue.pop_front();
    for (const auto& kind : rules.AllowedFrom(s)) {
      const std::string& next = rules.NextState(kind);
      if (path.count(next)) continue;
      path[next] = path[s];
      path[next].push_back(kind);
      queue.push_back(next);
    }
  }
  return path;
}

TEST(LifecycleThroughRegistry, EveryStateEveryEventKindAcceptedOrRefused) {
  auto reg = FreshRegistry("lifecycle");
  const LifecycleRules& rules = reg->rules();
  auto paths = PathsToStates(rules);
  ASSERT_EQ(paths.size(), rules.States().size()) << "every declared state must be reachable from 'none'";
  int accepted = 0, refused = 0;
  ASSERT_TRUE(reg->Begin().ok());
  for (const auto& state : rules.States()) {
    for (const auto& kind : rules.EventKinds()) {
      SCOPED_TRACE(kind + " from " + state);
      int64_t id = *reg->AddFirearm(Pistol(fmt::format("SN{}{}", state, kind)));
      int day = 0;
      for (const auto& step : paths[state]) ASSERT_TRUE(reg->RecordEvent(Complete(id, step, day++)).ok()) << step;
      ASSERT_EQ(reg->GetFirearm(id)->state, state);
      auto result = reg->RecordEvent(Complete(id, kind, day));
      if (rules.Rule(kind).from.count(state)) {
        ASSERT_TRUE(result.ok()) << result.status().ToString();
        EXPECT_EQ(reg->GetFirearm(id)->state, rules.NextState(kind));
        EXPECT_EQ(reg->Events(id)->size(), paths[state].size() + 1);
        ++accepted;
      } else {
        ASSERT_FALSE(result.ok());
        const std::string msg = result.status().message();
        EXPECT_EQ(result.status().code(), StatusCode::kFailedPrecondition) << msg;
        EXPECT_NE(msg.find(fmt::format("'{}' is not a valid next event from state '{}'", kind, state)),
                  std::string::npos)
            << msg;
        EXPECT_NE(msg.find("(allowed: "), std::string::npos) << msg;
        if (!paths[state].empty()) {  // names the event that put the firearm in this state, with its document
          const std::string& last = paths[state].back();
          EXPECT_NE(msg.find(fmt::format("was {} on ", last)), std::string::npos) << msg;
          EXPECT_NE(msg.find(fmt::format("(DOC-{}-", last)), std::string::npos) << msg;
        } else {
          EXPECT_NE(msg.find("no recorded event yet"), std::string::npos) << msg;
        }
        EXPECT_EQ(reg->GetFirearm(id)->state, state);  // nothing changed
        EXPECT_EQ(reg->Events(id)->size(), paths[state].size());
        ++refused;
      }
    }
  }
  ASSERT_TRUE(reg->Commit().ok());
  int table_transitions = 0;
  for (const auto& kind : rules.EventKinds()) table_transitions += static_cast<int>(rules.Rule(kind).from.size());
  EXPECT_EQ(accepted, table_transitions);  // every allowed transition of the table was exercised
  EXPECT_EQ(accepted + refused, static_cast<int>(rules.States().size() * rules.EventKinds().size()));
}

TEST(LifecycleThroughRegistry, EveryRequiredFieldIsEnforced) {
  auto reg = FreshRegistry("lifecycle-fields");
  const LifecycleRules& rules = reg->rules();
  auto paths = PathsToStates(rules);
  int checked = 0;
  for (const auto& kind : rules.EventKinds()) {
    const EventRule& rule = rules.Rule(kind);
    const std::string& from = *rule.from.begin();
    for (const auto& field : rule.requires_fields) {
      SCOPED_TRACE(kind + " without " + field);
      int64_t id = *reg->AddFirearm(Pistol(fmt::format("RF{}{}", kind, field)));
      int day = 0;
      for (const auto& step : paths[from]) ASSERT_TRUE(reg->RecordEvent(Complete(id, step, day++)).ok());
      LifecycleEvent e = Complete(id, kind, day);
      std::string* value = const_cast<std::string*>(e.Field(field));
      ASSERT_NE(value, nullptr);
      value->clear();
      auto result = reg->RecordEvent(e);
      ASSERT_FALSE(result.ok());
      EXPECT_EQ(result.status().code(), StatusCode::kInvalidArgument);
      EXPECT_NE(result.status().message().find(fmt::format("a '{}' event must record", kind)), std::string::npos);
      EXPECT_NE(result.status().message().find(field), std::string::npos) << result.status().message();
      EXPECT_EQ(reg->GetFirearm(id)->state, from);
      ++checked;
    }
  }
  EXPECT_GT(checked, static_cast<int>(rules.EventKinds().size()));
}

}  // namespace
}  // namespace kashf::firearms
