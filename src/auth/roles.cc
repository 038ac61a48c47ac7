#include "kashf/auth/roles.h"

#include <array>

#include <fmt/format.h>

namespace kashf::auth {
namespace {

struct RoleRow {
  Role role;
  std::string_view name;
};
constexpr std::array<RoleRow, 8> kRoles{{{Role::kAdministrator, "administrator"},
                                         {Role::kAnalyst, "analyst"},
                                         {Role::kFirearmsOfficer, "firearms_officer"},
                                         {Role::kCaseWorker, "case_worker"},
                                         {Role::kResearcher, "researcher"},
                                         {Role::kAssessor, "assessor"},
                                         {Role::kReviewer, "reviewer"},
                                         {Role::kCivilSociety, "cso"}}};

struct PermissionRow {
  Permission permission;
  std::string_view name;
};
constexpr std::array<PermissionRow, 31> kPermissions{{
    {Permission::kOwnAccount, "own_account"},
    {Permission::kReadReference, "read_reference"},
    {Permission::kManageAccounts, "manage_accounts"},
    {Permission::kReadAudit, "read_audit"},
    {Permission::kReadStoreStats, "read_store_stats"},
    {Permission::kSearchEntities, "search_entities"},
    {Permission::kReadEntities, "read_entities"},
    {Permission::kExplainResolution, "explain_resolution"},
    {Permission::kJudgeResolution, "judge_resolution"},
    {Permission::kReadNetwork, "read_network"},
    {Permission::kLabelNodes, "label_nodes"},
    {Permission::kReadFirearms, "read_firearms"},
    {Permission::kWriteFirearms, "write_firearms"},
    {Permission::kWriteTraces, "write_traces"},
    {Permission::kReadFirearmStatistics, "read_firearm_statistics"},
    {Permission::kReadCases, "read_cases"},
    {Permission::kWriteCases, "write_cases"},
    {Permission::kRevealIdentity, "reveal_identity"},
    {Permission::kReadAggregateStatistics, "read_aggregate_statistics"},
    {Permission::kReleaseDpStatistics, "release_dp_statistics"},
    {Permission::kReadTrends, "read_trends"},
    {Permission::kReadAlerts, "read_alerts"},
    {Permission::kDecideAlerts, "decide_alerts"},
    {Permission::kSubmitReports, "submit_reports"},
    {Permission::kReadReports, "read_reports"},
    {Permission::kLinkReports, "link_reports"},
    {Permission::kReadReportAggregates, "read_report_aggregates"},
    {Permission::kReadGaps, "read_gaps"},
    {Permission::kAssessGaps, "assess_gaps"},
    {Permission::kReviewGaps, "review_gaps"},
    {Permission::kCommentGaps, "comment_gaps"},
}};

}  // namespace

std::string_view RoleName(Role role) {
  for (const auto& r : kRoles)
    if (r.role == role) return r.name;
  return "unknown";
}

Result<Role> ParseRole(std::string_view name) {
  for (const auto& r : kRoles)
    if (r.name == name) return r.role;
  return Status::InvalidArgument(
      fmt::format("'{}' is not a role; use administrator, analyst, firearms_officer, case_worker, researcher, "
                  "assessor, reviewer or cso",
                  name));
}

const std::vector<Role>& AllRoles() {
  static const std::vector<Role> roles = [] {
    std::vector<Role> v;
    for (const auto& r : kRoles) v.push_back(r.role);
    return v;
  }();
  return roles;
}

std::string_view PermissionName(Permission p) {
  for (const auto& r : kPermissions)
    if (r.permission == p) return r.name;
  return "unknown";
}

const std::vector<Permission>& AllPermissions() {
  static const std::vector<Permission> all = [] {
    std::vector<Permission> v;
    for (const auto& r : kPermissions) v.push_back(r.permission);
    return v;
  }();
  return all;
}

bool Allows(Role role, Permission p) {
  using P = Permission;
  if (p == P::kOwnAccount || p == P::kReadReference) return true;
  switch (role) {
    case Role::kAdministrator: return p == P::kManageAccounts || p == P::kReadAudit || p == P::kReadStoreStats;
    case Role::kAnalyst:
      return p == P::kReadStoreStats || p == P::kSearchEntities || p == P::kReadEntities ||
             p == P::kExplainResolution || p == P::kJudgeResolution || p == P::kReadNetwork || p == P::kLabelNodes ||
             p == P::kReadFirearms || p == P::kReadFirearmStatistics || p == P::kReadAggregateStatistics ||
             p == P::kReadTrends || p == P::kReadAlerts || p == P::kDecideAlerts || p == P::kReadReports ||
             p == P::kLinkReports || p == P::kReadReportAggregates || p == P::kReadGaps;
    case Role::kFirearmsOfficer:
      return p == P::kReadFirearms || p == P::kWriteFirearms || p == P::kWriteTraces ||
             p == P::kReadFirearmStatistics || p == P::kReadTrends || p == P::kReadAlerts;
    case Role::kCaseWorker: return p == P::kReadCases || p == P::kWriteCases || p == P::kRevealIdentity;
    case Role::kResearcher:
      return p == P::kReadStoreStats || p == P::kReadFirearmStatistics || p == P::kReadAggregateStatistics ||
             p == P::kReleaseDpStatistics || p == P::kReadTrends || p == P::kReadReportAggregates;
    case Role::kAssessor: return p == P::kReadGaps || p == P::kAssessGaps || p == P::kCommentGaps;
    case Role::kReviewer: return p == P::kReadGaps || p == P::kReviewGaps || p == P::kCommentGaps;
    case Role::kCivilSociety:
      return p == P::kSubmitReports || p == P::kReadReportAggregates || p == P::kReadAggregateStatistics ||
             p == P::kReadTrends || p == P::kReadGaps || p == P::kCommentGaps;
  }
  return false;
}

std::vector<std::string> PermissionNames(Role role) {
  std::vector<std::string> out;
  for (Permission p : AllPermissions())
    if (Allows(role, p)) out.emplace_back(PermissionName(p));
  return out;
}

}  // namespace kashf::auth
