#include "kashf/victims/nrm_process.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "kashf/testing/files.h"
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
  // Consent to share the identity with one partner agency for one purpose (sharing packages).
  EXPECT_TRUE(p.IsConsentPurpose("share:fia-lahore:investigation"));
  EXPECT_FALSE(p.IsConsentPurpose("share:fia-lahore:"));
  EXPECT_FALSE(p.IsConsentPurpose("share::investigation"));
}

TEST(NrmProcess, FullPathIsAllowedStepByStep) {
  NrmProcess p = Default();
  VictimCase c = At("identification", "2025-01-01");
  const std::vector<std::pair<std::string, std::string>> path = {{"referral", ""},
                                                                 {"reasonable_grounds", "fia"},
                                                                 {"recovery_reflection", ""},
                                                                 {"services", ""},
                                                                 {"conclusive_decision", "court"},
                                                                 {"justice_participation", ""},
                                                                 {"return_reintegration", ""},
                                                                 {"follow_up", ""},
                                                                 {"closure", ""}};
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

// Every (stage, target) pair of the profile, read from the table itself: a listed `next` stage is
// accepted (with an allowed authority where the target needs one), every other target is refused
// with FailedPrecondition naming the allowed stages, and an unknown target with InvalidArgument.
TEST(NrmProcess, EveryTransitionOfTheTableAcceptedOrRefused) {
  NrmProcess p = Default();
  int accepted = 0, refused = 0;
  for (const auto& from : p.stages()) {
    for (const auto& to : p.stages()) {
      SCOPED_TRACE(from.id + " -> " + to.id);
      VictimCase c = At(from.id, "2025-01-01");
      std::string authority =
          to.authorities.empty() ? (to.requires_authority ? "nrm_competent_authority" : "") : to.authorities.front();
      Status st = p.CheckTransition(c, to.id, "2025-01-02", authority);
      bool allowed = std::find(from.next.begin(), from.next.end(), to.id) != from.next.end();
      if (allowed) {
        EXPECT_TRUE(st.ok()) << st.ToString();
        ++accepted;
        if (to.requires_authority) {  // the same move without a deciding authority is refused
          Status none = p.CheckTransition(c, to.id, "2025-01-02", "");
          EXPECT_EQ(none.code(), StatusCode::kInvalidArgument) << none.ToString();
        }
      } else {
        ASSERT_FALSE(st.ok());
        EXPECT_EQ(st.code(), StatusCode::kFailedPrecondition) << st.ToString();
        for (const auto& n : from.next) {
          EXPECT_NE(st.message().find(n), std::string::npos) << st.message();
        }
        if (from.next.empty()) {
          EXPECT_NE(st.message().find("closed"), std::string::npos) << st.message();
        }
        ++refused;
      }
    }
    Status unknown = p.CheckTransition(At(from.id, "2025-01-01"), "no_such_stage", "2025-01-02", "");
    EXPECT_EQ(unknown.code(), StatusCode::kInvalidArgument);
  }
  size_t table = 0;
  for (const auto& s : p.stages()) table += s.next.size();
  EXPECT_EQ(static_cast<size_t>(accepted), table);
  EXPECT_EQ(static_cast<size_t>(accepted + refused), p.stages().size() * p.stages().size());
}

TEST(NrmProcess, DecisionsNeedAnAllowedAuthorityAndDatesMoveForward) {
  NrmProcess p = Default();
  VictimCase c = At("referral", "2025-01-10");
  EXPECT_EQ(p.CheckTransition(c, "reasonable_grounds", "2025-01-12", "").code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(p.CheckTransition(c, "reasonable_grounds", "2025-01-12", "a-neighbour").code(),
            StatusCode::kInvalidArgument);
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
