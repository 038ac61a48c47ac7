#include "kashf/victims/nrm_process.h"

#include <gtest/gtest.h>

#include "kashf/core/testing.h"
#include "kashf/victims/civil_date.h"

namespace kashf::victims {
namespace {

NrmProcess Default() {
  auto p = NrmProcess::LoadDefault();
  EXPECT_TRUE(p.ok()) << p.status().ToString();
  return *p;
}

VictimCase At(const std::string& stage, const std::string& date) {
  VictimCase c;
  c.id = "case-000001";
  c.stages.push_back({stage, date, "", ""});
  return c;
}

TEST(NrmProcess, DefaultProfileHasTheStagesOfTheIssue) {
  NrmProcess p = Default();
  for (const char* s : {"identification", "referral", "reasonable_grounds", "recovery_reflection", "services",
                        "conclusive_decision", "justice_participation", "return_reintegration", "follow_up", "closure"})
    EXPECT_NE(p.Find(s), nullptr) << s;
  EXPECT_EQ(p.first_stage(), "identification");
  EXPECT_TRUE(p.IsConsentPurpose("statistics"));
  EXPECT_FALSE(p.IsConsentPurpose("marketing"));
}

TEST(NrmProcess, FullPathIsAllowedStepByStep) {
  NrmProcess p = Default();
  VictimCase c = At("identification", "2025-01-01");
  const std::vector<std::pair<std::string, std::string>> path = {
      {"referral", ""}, {"reasonable_grounds", "fia"}, {"recovery_reflection", ""}, {"services", ""},
      {"conclusive_decision", "court"}, {"justice_participation", ""}, {"return_reintegration", ""},
      {"follow_up", ""}, {"closure", ""}};
  for (const auto& [to, authority] : path) {
    ASSERT_TRUE(p.CheckTransition(c, to, "2025-02-01", authority).ok()) << to;
    c.stages.push_back({to, "2025-02-01", authority, ""});
  }
  Status after_closure = p.CheckTransition(c, "referral", "2025-03-01", "");
  EXPECT_EQ(after_closure.code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(after_closure.message().find("closed"), std::string::npos);
}

TEST(NrmProcess, RefusesSkippingStagesAndNamesTheAllowedOnes) {
  NrmProcess p = Default();
  VictimCase c = At("identification", "2025-01-01");
  Status st = p.CheckTransition(c, "conclusive_decision", "2025-01-05", "court");
  EXPECT_EQ(st.code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(st.message().find("referral"), std::string::npos);
  EXPECT_NE(st.message().find("case-000001"), std::string::npos);
  EXPECT_EQ(p.CheckTransition(c, "no_such_stage", "2025-01-05", "").code(), StatusCode::kInvalidArgument);
  VictimCase fresh;
  EXPECT_FALSE(p.CheckTransition(fresh, "referral", "2025-01-05", "").ok());
  EXPECT_TRUE(p.CheckTransition(fresh, "identification", "2025-01-05", "").ok());
}

TEST(NrmProcess, DecisionsNeedAnAllowedAuthorityAndDatesMoveForward) {
  NrmProcess p = Default();
  VictimCase c = At("referral", "2025-01-10");
  EXPECT_EQ(p.CheckTransition(c, "reasonable_grounds", "2025-01-12", "").code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(p.CheckTransition(c, "reasonable_grounds", "2025-01-12", "a-neighbour").code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(p.CheckTransition(c, "reasonable_grounds", "2025-01-12", "fia").ok());
  EXPECT_EQ(p.CheckTransition(c, "reasonable_grounds", "2025-01-09", "fia").code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(p.CheckTransition(c, "reasonable_grounds", "2025-13-01", "fia").code(), StatusCode::kInvalidArgument);
}

TEST(NrmProcess, RecoveryPeriodDeadlineExtendsUpToTheLimit) {
  NrmProcess p = Default();
  VictimCase c = At("recovery_reflection", "2025-01-01");
  const NrmStage* s = p.Find("recovery_reflection");
  ASSERT_TRUE(s && s->deadline_days && s->max_extensions > 0);
  int64_t start = DayNumber("2025-01-01").value();
  EXPECT_EQ(p.DueDay(c), start + *s->deadline_days);
  for (int i = 0; i < s->max_extensions; ++i) {
    ASSERT_TRUE(p.CheckExtension(c).ok());
    ++c.extensions;
  }
  EXPECT_EQ(p.DueDay(c), start + *s->deadline_days + s->max_extensions * s->extension_days);
  EXPECT_EQ(p.CheckExtension(c).code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(p.CheckExtension(At("referral", "2025-01-01")).code(), StatusCode::kFailedPrecondition);
  EXPECT_FALSE(p.DueDay(At("closure", "2025-01-01")).has_value());
}

TEST(NrmProcess, ProfileIsDataAndIsChecked) {
  std::string dir = testing::FreshTempDir("nrm");
  testing::WriteFile(dir + "/ok.yaml",
                     "stages:\n  - {id: intake, deadline_days: 2, next: [done]}\n  - {id: done, next: []}\n"
                     "consent_purposes:\n  - {id: statistics}\n");
  auto ok = NrmProcess::LoadFile(dir + "/ok.yaml");
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_EQ(ok->first_stage(), "intake");
  testing::WriteFile(dir + "/bad.yaml", "stages:\n  - {id: intake, next: [nowhere]}\n");
  auto bad = NrmProcess::LoadFile(dir + "/bad.yaml");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("nowhere"), std::string::npos);
}

}  // namespace
}  // namespace kashf::victims
