// Firearm mentions (firearm_mentions.cc) and places (places.cc).
#include "text_test_util.h"

namespace kashf::text {
namespace {

TEST(Firearms, TypeMakeAndCalibreFromTheReferenceTables) {
  EXPECT_THAT(FindAll("Glock 19 9mm"),
              ElementsAre(Found{"firearm", "Glock 19 9mm", "type=pistol make=Glock calibre=9mm"}));
  EXPECT_THAT(FindAll("a 7.62x39mm rifle"),
              ElementsAre(Found{"firearm", "7.62x39mm rifle", "type=rifle calibre=7.62x39mm"}));
  // A calibre written with its leading dot stays in the mention (found by the unseen set, u-20).
  EXPECT_THAT(
      FindAll("Taurus revolver .38 special"),
      ElementsAre(Found{"firearm", "Taurus revolver .38 special", "type=revolver make=Taurus calibre=.38 Special"}));
  EXPECT_THAT(FindAll("Mossberg 500 pump action 12 gauge"),
              ElementsAre(Found{"firearm", "Mossberg 500 pump action 12 gauge",
                                "type=shotgun make=Mossberg calibre=12 gauge"}));
}

TEST(Firearms, SlangInRomanUrduAndUrduFromData) {
  EXPECT_THAT(FindAll("tees bore pistol"),
              ElementsAre(Found{"firearm", "tees bore pistol", "type=pistol calibre=.30 Mauser"}));
  EXPECT_THAT(FindAll("kalakov chahiye"), ElementsAre(Found{"firearm", "kalakov", "type=rifle calibre=7.62x39mm"}));
  EXPECT_THAT(FindAll("ٹی ٹی"), ElementsAre(Found{"firearm", "ٹی ٹی", "type=pistol make=Norinco calibre=.30 Mauser"}));
  EXPECT_THAT(FindAll("AK-47"), ElementsAre(Found{"firearm", "AK-47", "type=rifle calibre=7.62x39mm"}));
  EXPECT_THAT(FindAll("Darra made pistol"),
              ElementsAre(Found{"firearm", "Darra made pistol", "type=craft_made make=Darra craft"}));
}

TEST(Firearms, DisagreeingTermsAreTwoMentionsAndGapsAreShort) {
  EXPECT_THAT(FindAll("ٹی ٹی اور کلاشن"),
              ElementsAre(Found{"firearm", "ٹی ٹی", "type=pistol make=Norinco calibre=.30 Mauser"},
                          Found{"firearm", "کلاشن", "type=rifle calibre=7.62x39mm"}));
  EXPECT_THAT(FindAll("Kalashnikov with 2 magazines and a pistol"),
              ElementsAre(Found{"firearm", "Kalashnikov", "type=rifle calibre=7.62x39mm"},
                          Found{"firearm", "pistol", "type=pistol"}));
}

TEST(Firearms, Negatives) {
  EXPECT_THAT(FindAll("meet at 9 o'clock, 303 rupees? no: room 303"),
              ::testing::Not(::testing::Contains(::testing::Field(&Found::kind, "firearm"))));
  EXPECT_THAT(Find("ak baat suno", "firearm"), IsEmpty());
}

TEST(Places, DistrictsCitiesAndSpellings) {
  EXPECT_THAT(FindAll("Lahore se pindi"),
              ElementsAre(Found{"place", "Lahore", "Lahore"}, Found{"place", "pindi", "Rawalpindi"}));
  EXPECT_THAT(FindAll("ڈیرہ غازی خان اور کراچی"),
              ElementsAre(Found{"place", "ڈیرہ غازی خان", "Dera Ghazi Khan"}, Found{"place", "کراچی", "Karachi"}));
  EXPECT_THAT(FindAll("D.G. Khan"), ElementsAre(Found{"place", "D.G. Khan", "Dera Ghazi Khan"}));
  EXPECT_THAT(FindAll("Mirpur Khas"), ElementsAre(Found{"place", "Mirpur Khas", "Mirpur Khas"}));
  EXPECT_THAT(FindAll("Dubai"), ElementsAre(Found{"place", "Dubai", "Dubai"}));
}

TEST(Places, CommonWordsAreRemovedByData) {
  EXPECT_THAT(FindAll("the tank was full, the hub closed, a swat team came, bagh mein"), IsEmpty());
  EXPECT_THAT(FindAll("Tank district"), ElementsAre(Found{"place", "Tank district", "Tank"}));
}

}  // namespace
}  // namespace kashf::text
