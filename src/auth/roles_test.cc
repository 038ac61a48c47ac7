#include "kashf/auth/roles.h"

#include <gtest/gtest.h>

#include <set>

namespace kashf::auth {
namespace {

TEST(RolesTest, NamesRoundTrip) {
  for (Role r : AllRoles()) {
    auto parsed = ParseRole(RoleName(r));
    ASSERT_TRUE(parsed.ok());
    EXPECT_EQ(*parsed, r);
  }
  auto bad = ParseRole("superuser");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("case_worker"), std::string::npos);
}

TEST(RolesTest, EveryRoleHasItsOwnAccountAndReferenceData) {
  for (Role r : AllRoles()) {
    EXPECT_TRUE(Allows(r, Permission::kOwnAccount));
    EXPECT_TRUE(Allows(r, Permission::kReadReference));
  }
}

TEST(RolesTest, OnlyCaseWorkersReachCasesAndIdentities) {
  for (Role r : AllRoles()) {
    bool cw = r == Role::kCaseWorker;
    EXPECT_EQ(Allows(r, Permission::kReadCases), cw) << RoleName(r);
    EXPECT_EQ(Allows(r, Permission::kWriteCases), cw) << RoleName(r);
    EXPECT_EQ(Allows(r, Permission::kRevealIdentity), cw) << RoleName(r);
  }
}

TEST(RolesTest, ResearcherSeesAggregatesOnly) {
  for (Permission p :
       {Permission::kSearchEntities, Permission::kReadEntities, Permission::kReadNetwork, Permission::kReadFirearms,
        Permission::kReadCases, Permission::kExplainResolution, Permission::kReadAlerts, Permission::kDecideAlerts})
    EXPECT_FALSE(Allows(Role::kResearcher, p)) << PermissionName(p);
  EXPECT_TRUE(Allows(Role::kResearcher, Permission::kReadTrends));  // small cells withheld by the server
  EXPECT_TRUE(Allows(Role::kResearcher, Permission::kReadAggregateStatistics));
  EXPECT_TRUE(Allows(Role::kResearcher, Permission::kReleaseDpStatistics));
}

// Civil-society partners submit reports and read aggregates, and read and comment on the gap analysis; nothing else
// (issues 17, 18).
TEST(RolesTest, CivilSocietySubmitsReportsAndReadsAggregatesOnly) {
  EXPECT_EQ(RoleName(Role::kCivilSociety), "cso");
  std::set<std::string> granted;
  for (const auto& n : PermissionNames(Role::kCivilSociety)) granted.insert(n);
  EXPECT_EQ(granted,
            (std::set<std::string>{"own_account", "read_reference", "read_aggregate_statistics", "submit_reports",
                                   "read_report_aggregates", "read_trends", "read_gaps", "comment_gaps"}));
  for (Role r : AllRoles()) {
    EXPECT_EQ(Allows(r, Permission::kSubmitReports), r == Role::kCivilSociety) << RoleName(r);
    EXPECT_EQ(Allows(r, Permission::kReadReports), r == Role::kAnalyst) << RoleName(r);
    EXPECT_EQ(Allows(r, Permission::kLinkReports), r == Role::kAnalyst) << RoleName(r);
  }
}

TEST(RolesTest, OnlyAnalystsDecideAlertsAndCaseWorkersSeeNoTrends) {
  for (Role r : AllRoles()) EXPECT_EQ(Allows(r, Permission::kDecideAlerts), r == Role::kAnalyst) << RoleName(r);
  EXPECT_TRUE(Allows(Role::kFirearmsOfficer, Permission::kReadAlerts));
  EXPECT_FALSE(Allows(Role::kCaseWorker, Permission::kReadTrends));
}

// Node labels train the network model: analysts, who read the network, set them (issue 14).
TEST(RolesTest, OnlyAnalystsLabelNetworkNodes) {
  for (Role r : AllRoles()) EXPECT_EQ(Allows(r, Permission::kLabelNodes), r == Role::kAnalyst) << RoleName(r);
  EXPECT_EQ(PermissionName(Permission::kLabelNodes), "label_nodes");
}

TEST(RolesTest, AdministratorManagesAccountsButSeesNoRecords) {
  EXPECT_TRUE(Allows(Role::kAdministrator, Permission::kManageAccounts));
  EXPECT_TRUE(Allows(Role::kAdministrator, Permission::kReadAudit));
  for (Permission p :
       {Permission::kReadEntities, Permission::kReadCases, Permission::kRevealIdentity, Permission::kReadFirearms})
    EXPECT_FALSE(Allows(Role::kAdministrator, p)) << PermissionName(p);
  for (Role r : AllRoles())
    if (r != Role::kAdministrator) {
      EXPECT_FALSE(Allows(r, Permission::kManageAccounts));
      EXPECT_FALSE(Allows(r, Permission::kReadAudit));
    }
}

TEST(RolesTest, FirearmsWritesBelongToFirearmsOfficers) {
  for (Role r : AllRoles()) {
    EXPECT_EQ(Allows(r, Permission::kWriteFirearms), r == Role::kFirearmsOfficer);
    EXPECT_EQ(Allows(r, Permission::kWriteTraces), r == Role::kFirearmsOfficer);
  }
  EXPECT_TRUE(Allows(Role::kAnalyst, Permission::kReadFirearms));
}

TEST(RolesTest, PermissionNamesAreDistinct) {
  std::set<std::string> seen;
  for (Permission p : AllPermissions()) EXPECT_TRUE(seen.insert(std::string(PermissionName(p))).second);
  EXPECT_EQ(PermissionNames(Role::kCaseWorker), (std::vector<std::string>{"own_account", "read_reference", "read_cases",
                                                                          "write_cases", "reveal_identity"}));
}

TEST(RolesTest, GapAnalysisRolesSplitEditingApprovalAndComment) {
  for (Role r : AllRoles()) {
    EXPECT_EQ(Allows(r, Permission::kAssessGaps), r == Role::kAssessor) << RoleName(r);
    EXPECT_EQ(Allows(r, Permission::kReviewGaps), r == Role::kReviewer) << RoleName(r);
    bool commenter = r == Role::kAssessor || r == Role::kReviewer || r == Role::kCivilSociety;
    EXPECT_EQ(Allows(r, Permission::kCommentGaps), commenter) << RoleName(r);
  }
  EXPECT_EQ(RoleName(Role::kCivilSociety), "cso");
  for (Permission p : {Permission::kReadCases, Permission::kReadFirearms, Permission::kReadEntities})
    EXPECT_FALSE(Allows(Role::kCivilSociety, p)) << PermissionName(p);
}

}  // namespace
}  // namespace kashf::auth
