#include "kashf/sharing/release_check.h"

#include <gtest/gtest.h>

#include "sharing_test_util.h"

namespace kashf::sharing {
namespace {

class ReleaseCheckTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto s = GradingScheme::LoadDefault();
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    scheme_ = std::move(*s);
    const AgencyCard fia = testing::RandomCard("fia");
    ASSERT_TRUE(partners_.Add(fia, fia.Fingerprint()).ok());
  }
  Statement Graded(const std::string& handling) {
    Statement st{"d.Person.1", "Person", "name", "Test Person", "d", "f.csv:2", 1};
    st.grading = {"B", "2", handling};
    return st;
  }
  GradingScheme scheme_;
  PartnerDirectory partners_;
};

TEST_F(ReleaseCheckTest, ShareableCodeToAKnownPartnerForAPermittedPurposePasses) {
  auto d = MayRelease(Graded("H0"), scheme_, partners_, "fia", "investigation");
  EXPECT_TRUE(d.allowed) << d.reason;
  EXPECT_TRUE(MayRelease(Graded("H1"), scheme_, partners_, "fia", "victim-protection").allowed);
}

// The rule later sharing rests on: a value whose handling code forbids sharing never passes, to
// any partner, for any purpose; nor does an ungraded value (treated as H2).
TEST_F(ReleaseCheckTest, ForbiddingOrMissingHandlingCodeNeverPasses) {
  for (const auto& purpose : scheme_.purposes())
    for (const char* code : {"H2", "H3", ""}) {
      auto d = MayRelease(Graded(code), scheme_, partners_, "fia", purpose.id);
      EXPECT_FALSE(d.allowed) << code << " for " << purpose.id;
      EXPECT_NE(d.reason.find('H'), std::string::npos) << d.reason;
    }
  auto court = MayRelease(Graded("H1"), scheme_, partners_, "fia", "judicial-proceedings");
  EXPECT_FALSE(court.allowed);
  EXPECT_NE(court.reason.find("judicial-proceedings"), std::string::npos);
}

TEST_F(ReleaseCheckTest, UnknownPartnerOrPurposeGetsNothing) {
  auto stranger = MayRelease(Graded("H0"), scheme_, partners_, "kp-police", "investigation");
  EXPECT_FALSE(stranger.allowed);
  EXPECT_NE(stranger.reason.find("not in the partner directory"), std::string::npos);
  EXPECT_FALSE(MayRelease(Graded("H0"), scheme_, partners_, "fia", "marketing").allowed);
  ASSERT_TRUE(partners_.Remove("fia").ok());  // a removed partner gets nothing either
  EXPECT_FALSE(MayRelease(Graded("H0"), scheme_, partners_, "fia", "investigation").allowed);
}

}  // namespace
}  // namespace kashf::sharing
