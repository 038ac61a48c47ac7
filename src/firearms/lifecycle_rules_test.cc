#include "kashf/firearms/lifecycle_rules.h"

#include <gtest/gtest.h>

#include <map>
#include <sstream>

#include "kashf/testing/files.h"

namespace kashf::firearms {
namespace {

const LifecycleRules& Rules() {
  static LifecycleRules r = std::move(LifecycleRules::LoadDefault()).value();
  return r;
}

// A complete event of `kind` (every field filled) so only the transition decides.
LifecycleEvent Full(const std::string& kind) {
  LifecycleEvent e;
  e.kind = kind;
  e.date = "2024-05-01";
  e.place = "Lahore";
  e.district = "Lahore";
  e.agency = "Punjab Police";
  e.document = "DOC-1";
  e.holder = "A. Khan";
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

// The specification of the lifecycle, written independently of the YAML: event -> states it may
// follow. Every (state, event) pair is checked against it, valid and invalid.
const std::map<std::string, std::string>& ExpectedFrom() {
  static const std::map<std::string, std::string> m = {
      {"manufacture", "none"},
      {"import", "none exported"},
      {"export", "in_trade state_stock licensed"},
      {"transit", "exported"},
      {"state_acquisition", "in_trade"},
      {"state_stock_release", "state_stock"},
      {"licence_issue", "in_trade"},
      {"licence_transfer", "licensed"},
      {"lost", "in_trade state_stock licensed"},
      {"stolen", "in_trade state_stock licensed exported"},
      {"seized", "none in_trade state_stock licensed exported lost stolen deactivated"},
      {"surrendered", "none licensed lost stolen"},
      {"returned", "seized surrendered"},
      {"deactivated", "in_trade state_stock licensed seized surrendered"},
      {"destroyed", "in_trade state_stock seized surrendered deactivated"},
  };
  return m;
}

TEST(LifecycleRules, EveryTransitionValidAndInvalid) {
  const auto& rules = Rules();
  ASSERT_EQ(rules.EventKinds().size(), ExpectedFrom().size());
  int valid = 0, invalid = 0;
  LifecycleEvent last;
  last.kind = "manufacture";
  last.date = "2020-01-01";
  last.document = "M-9";
  for (const auto& [kind, from] : ExpectedFrom()) {
    std::set<std::string> allowed;
    std::istringstream in(from);
    for (std::string s; in >> s;) allowed.insert(s);
    for (const auto& state : rules.States()) {
      Status st = rules.Check(state, last, Full(kind), "SN1");
      if (allowed.count(state)) {
        EXPECT_TRUE(st.ok()) << kind << " from " << state << ": " << st.ToString();
        ++valid;
      } else {
        ASSERT_FALSE(st.ok()) << kind << " from " << state << " must be refused";
        EXPECT_EQ(st.code(), StatusCode::kFailedPrecondition);
        EXPECT_NE(st.message().find("'" + kind + "' is not a valid next event from state '" + state + "'"),
                  std::string::npos)
            << st.message();
        ++invalid;
      }
    }
  }
  EXPECT_EQ(valid + invalid, static_cast<int>(rules.States().size() * ExpectedFrom().size()));
  EXPECT_GT(invalid, valid);
}

TEST(LifecycleRules, NextStates) {
  EXPECT_EQ(Rules().NextState("licence_issue"), "licensed");
  EXPECT_EQ(Rules().NextState("destroyed"), "destroyed");
  EXPECT_EQ(Rules().NextState("surrendered"), "surrendered");
  EXPECT_TRUE(Rules().AllowedFrom("destroyed").empty());
  EXPECT_FALSE(Rules().IsLawful("stolen"));
  EXPECT_TRUE(Rules().IsLawful("licensed"));
}

TEST(LifecycleRules, DestroyedWeaponCannotBeSoldAndMessageNamesTheCertificate) {
  LifecycleEvent last = Full("destroyed");
  last.date = "2024-03-01";
  last.document = "certificate D-17";
  LifecycleEvent sale = Full("licence_transfer");
  Status st = Rules().Check("destroyed", last, sale, "AB12345");
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(
      st.message(),
      "firearm AB12345 was destroyed on 2024-03-01 (certificate D-17); 'licence_transfer' is not a valid next event "
      "from state 'destroyed' (allowed: none, the record is closed)");
}

TEST(LifecycleRules, RequiredFieldsUnknownKindsBadAndOutOfOrderDates) {
  LifecycleEvent none;
  LifecycleEvent e = Full("import");
  e.licence_number.clear();
  e.export_country = " ";
  Status st = Rules().Check("none", none, e, "X");
  EXPECT_EQ(st.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(st.message().find("licence_number, export_country"), std::string::npos) << st.message();

  e = Full("sold");
  EXPECT_NE(Rules().Check("licensed", none, e, "X").message().find("unknown event kind 'sold'"), std::string::npos);

  e = Full("lost");
  e.date = "2024-02-30";
  EXPECT_NE(Rules().Check("licensed", none, e, "X").message().find("not a date"), std::string::npos);

  LifecycleEvent last = Full("licence_issue");
  last.date = "2024-06-01";
  e = Full("lost");
  Status order = Rules().Check("licensed", last, e, "X");
  EXPECT_NE(order.message().find("before the last recorded event"), std::string::npos) << order.message();
  e.date = "2024-06-01";
  EXPECT_TRUE(Rules().Check("licensed", last, e, "X").ok());
}

TEST(LifecycleRules, IsoDates) {
  EXPECT_TRUE(IsIsoDate("2024-02-29"));
  EXPECT_FALSE(IsIsoDate("2023-02-29"));
  EXPECT_FALSE(IsIsoDate("2023-13-01"));
  EXPECT_FALSE(IsIsoDate("2023-1-01"));
}

TEST(LifecycleRules, LoaderRejectsUnknownStatesAndFields) {
  std::string dir = testing::FreshTempDir("rules");
  testing::WriteFile(dir + "/a.yaml", "states: {none: {lawful: true}}\nevents: {x: {from: [none], to: gone}}\n");
  EXPECT_NE(LifecycleRules::Load(dir + "/a.yaml").status().message().find("unknown state 'gone'"), std::string::npos);
  testing::WriteFile(dir + "/b.yaml",
                     "states: {none: {lawful: true}}\nevents: {x: {from: [none], to: none, requires: [colour]}}\n");
  EXPECT_NE(LifecycleRules::Load(dir + "/b.yaml").status().message().find("unknown field 'colour'"), std::string::npos);
}

}  // namespace
}  // namespace kashf::firearms
