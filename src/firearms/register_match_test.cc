#include "kashf/firearms/register_match.h"

#include <gtest/gtest.h>

#include "firearms_test_util.h"

namespace kashf::firearms {
namespace {

TEST(MatchAgainstRegister, FoundWeaponWithObliteratedSerialLeadsToTheStolenOriginal) {
  auto reg = FreshRegistry("match");
  int64_t original = *reg->AddFirearm(Pistol("ABC923"));
  LifecycleEvent imp = Event(original, "import", "2015-02-01");
  imp.licence_number = "IMP-1";
  imp.export_country = "at";
  imp.import_country = "pk";
  ASSERT_TRUE(reg->RecordEvent(imp).ok());
  LifecycleEvent lic = Event(original, "licence_issue", "2015-06-01");
  lic.licence_number = "LIC-1";
  lic.holder = "Licensee 000017";
  ASSERT_TRUE(reg->RecordEvent(lic).ok());
  ASSERT_TRUE(reg->RecordEvent(Event(original, "stolen", "2019-03-03")).ok());

  int64_t sibling = *reg->AddFirearm(Pistol("ABC123"));                // same make, fits too, sorts first, but lawful
  int64_t other_make = *reg->AddFirearm(Pistol("ABC923", "Beretta"));  // same serial, other maker
  int64_t other_calibre = *reg->AddFirearm(Pistol("ABC923", "Glock", ".32 ACP"));

  Firearm found = Pistol("ABC?23");
  found.id = *reg->AddFirearm(found);
  LifecycleEvent seize = Event(found.id, "seized", "2023-09-09");
  seize.seizure_context = "border crossing";
  ASSERT_TRUE(reg->RecordEvent(seize).ok());

  auto matches = MatchAgainstRegister(*reg, found, 10);
  ASSERT_TRUE(matches.ok()) << matches.status().ToString();
  ASSERT_EQ(matches->size(), 2u);  // make and calibre restrict; the found record itself is excluded
  EXPECT_EQ((*matches)[0].candidate.score, (*matches)[1].candidate.score);
  EXPECT_EQ((*matches)[0].firearm.id, original);  // equal score: the stolen firearm ranks first
  EXPECT_EQ((*matches)[1].firearm.id, sibling);
  for (const auto& m : *matches) {
    EXPECT_NE(m.firearm.id, other_make);
    EXPECT_NE(m.firearm.id, other_calibre);
  }
  const RegisterMatch& top = (*matches)[0];
  ASSERT_EQ(top.events.size(), 3u);
  ASSERT_EQ(top.chain.diversions.size(), 1u);
  EXPECT_EQ(top.chain.diversions[0].event_kind, "stolen");
  EXPECT_EQ(top.chain.diversions[0].from_state, "licensed");
  EXPECT_EQ(top.chain.diversions[0].last_lawful_holder, "Licensee 000017");
  EXPECT_EQ(top.chain.steps.back().opened_by, &top.events.back());
  EXPECT_TRUE((*matches)[1].chain.steps.empty());

  Firearm unreadable = Pistol(
      "?"
      "?-?"
      "?");
  EXPECT_TRUE(MatchAgainstRegister(*reg, unreadable, 10)->empty());
}

}  // namespace
}  // namespace kashf::firearms
