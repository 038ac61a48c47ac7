#include "kashf/model/grading.h"

#include <gtest/gtest.h>

namespace kashf {
namespace {

TEST(GradingScheme, ShippedEuropolSchemeLoads) {
  auto s = GradingScheme::LoadDefault();
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->id(), "europol-4x4-h");
  EXPECT_EQ(s->source_codes().size(), 4u);       // A B C X (Europol Regulation Art. 29(1))
  EXPECT_EQ(s->information_codes().size(), 4u);  // 1-4 (Art. 29(2))
  EXPECT_EQ(s->handling_codes().size(), 4u);     // H0-H3
  EXPECT_EQ(s->ungraded_handling().code, "H2");  // fail closed
  ASSERT_NE(s->FindHandling("h1"), nullptr);
  EXPECT_EQ(s->FindHandling("h1")->code, "H1");
}

TEST(GradingScheme, CanonicalSpellsCodesAndRefusesUnknownOnes) {
  auto s = GradingScheme::LoadDefault();
  ASSERT_TRUE(s.ok());
  auto g = s->Canonical({"b", " 2 ", "h0"});
  ASSERT_TRUE(g.ok()) << g.status().ToString();
  EXPECT_EQ(*g, (Grading{"B", "2", "H0"}));
  EXPECT_EQ(g->Compact(), "B2 H0");
  auto bad = s->Canonical({"", "", "H9"}, "--handling");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("--handling: 'H9' is not a handling code"), std::string::npos);
  EXPECT_NE(bad.status().message().find("H0, H1, H2, H3"), std::string::npos);
  EXPECT_FALSE(s->Canonical({"E", "", ""}).ok());  // 5x5x5's E is not a Europol source code
  EXPECT_FALSE(s->Canonical({"", "5", ""}).ok());
}

TEST(GradingScheme, HandlingCodesDecideSharingPerPurpose) {
  auto s = GradingScheme::LoadDefault();
  ASSERT_TRUE(s.ok());
  std::string why;
  EXPECT_TRUE(s->PermitsSharing({"A", "1", "H0"}, "judicial-proceedings", &why)) << why;
  EXPECT_TRUE(s->PermitsSharing({"", "", "H1"}, "investigation"));
  EXPECT_FALSE(s->PermitsSharing({"", "", "H1"}, "judicial-proceedings", &why));  // not in court without permission
  EXPECT_NE(why.find("H1"), std::string::npos);
  for (const char* purpose : {"criminal-intelligence", "investigation", "judicial-proceedings", "victim-protection"}) {
    EXPECT_FALSE(s->PermitsSharing({"A", "1", "H2"}, purpose)) << purpose;
    EXPECT_FALSE(s->PermitsSharing({"A", "1", "H3"}, purpose)) << purpose;
    EXPECT_FALSE(s->PermitsSharing({"A", "1", ""}, purpose, &why)) << purpose;  // ungraded = H2
    EXPECT_NE(why.find("ungraded"), std::string::npos);
  }
  EXPECT_FALSE(s->PermitsSharing({"", "", "H0"}, "curiosity", &why));  // unknown purpose
  EXPECT_NE(why.find("not a sharing purpose"), std::string::npos);
}

TEST(GradingScheme, RefusesBrokenSchemeFiles) {
  const std::string head =
      "scheme: t\npurposes: [{id: p, meaning: m}]\nsource_evaluation: [{code: A, meaning: a}]\n"
      "information_evaluation: [{code: '1', meaning: one}]\n";
  auto ok = GradingScheme::LoadYaml(head + "handling: [{code: H, meaning: h, shareable: true}]\nungraded_handling: H\n",
                                    "t.yaml");
  EXPECT_TRUE(ok.ok()) << ok.status().ToString();
  auto dup = GradingScheme::LoadYaml(
      head +
          "handling: [{code: H, meaning: h, shareable: true}, {code: h, meaning: again, shareable: false}]\n"
          "ungraded_handling: H\n",
      "t.yaml");
  ASSERT_FALSE(dup.ok());
  EXPECT_NE(dup.status().message().find("twice"), std::string::npos);
  auto purpose = GradingScheme::LoadYaml(
      head + "handling: [{code: H, meaning: h, shareable: true, purposes: [nope]}]\nungraded_handling: H\n", "t.yaml");
  ASSERT_FALSE(purpose.ok());
  EXPECT_NE(purpose.status().message().find("'nope'"), std::string::npos);
  auto ungraded =
      GradingScheme::LoadYaml(head + "handling: [{code: H, meaning: h, shareable: true}]\nungraded_handling: Z\n", "t");
  EXPECT_FALSE(ungraded.ok());
  auto no_shareable = GradingScheme::LoadYaml(head + "handling: [{code: H, meaning: h}]\nungraded_handling: H\n", "t");
  EXPECT_FALSE(no_shareable.ok());
}

}  // namespace
}  // namespace kashf
