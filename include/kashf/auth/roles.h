// Roles and what each may do. Every user has exactly one role and belongs to one agency.
//   administrator    users, agencies, audit review, store counts; no entity, case or identity data
//   analyst          search, entities with provenance, resolution explain/judge, network and money
//                    trails, node labels, firearms (read), aggregate statistics
//   firearms_officer firearms register read/write, tracing requests and answers, seizure statistics
//   case_worker      survivors' cases of their own agency (need-to-know; a user flagged
//                    all_agencies is a national NRM coordinator), identity reveal with a purpose
//   researcher       aggregates only: store counts, k-suppressed and differentially private
//                    statistics, seizure statistics; never an entity, firearm or case record
//   assessor         legislative gap analysis: edits assessments, comments; reads the evidence
//   reviewer         approves assessments, comments; reads the evidence
//   cso              civil-society partners (NGOs, community monitors): submit early-warning reports,
//                    read their own reports and public aggregates (report counts, k-suppressed
//                    tables); read and comment on the gap analysis; never an entity, case,
//                    alert record or another partner's report
// The matrix is fixed in code on purpose: it is the security policy, reviewed with the code.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "kashf/core/result.h"

namespace kashf::auth {

enum class Role {
  kAdministrator,
  kAnalyst,
  kFirearmsOfficer,
  kCaseWorker,
  kResearcher,
  kAssessor,
  kReviewer,
  kCivilSociety,
};

enum class Permission {
  kOwnAccount,      // who am I, change my password, log out (every role)
  kReadReference,   // code tables: NRM stages, firearm types (every role)
  kManageAccounts,  // users and agencies
  kReadAudit,       // audit log review and verification
  kReadStoreStats,  // entity counts by schema and dataset
  kSearchEntities,
  kReadEntities,  // one entity with every statement and its provenance
  kExplainResolution,
  kJudgeResolution,
  kReadNetwork,  // ego networks, paths, roles, money trails
  kLabelNodes,   // mark network nodes as known organisers, brokers, couriers ... (audited)
  kReadFirearms,
  kWriteFirearms,          // register firearms, record lifecycle events
  kWriteTraces,            // tracing requests and answers
  kReadFirearmStatistics,  // IAFQ seizure statistics, campaigns (aggregates)
  kReadCases,              // own agency's cases (need-to-know)
  kWriteCases,
  kRevealIdentity,           // decrypt a survivor's identity, with a purpose
  kReadAggregateStatistics,  // k-suppressed CTDC tables
  kReleaseDpStatistics,      // differentially private releases (spend privacy budget)
  kReadTrends,               // early-warning count series (aggregate roles: small cells withheld, no records)
  kReadAlerts,               // early-warning alerts with their explanation and records
  kDecideAlerts,             // run the detectors; acknowledge, dismiss, escalate alerts
  kSubmitReports,            // civil-society early-warning reports: submit, read one's own
  kReadReports,              // every report with its free text and contact (need-to-know)
  kLinkReports,              // link a report to entities and cases
  kReadReportAggregates,     // report counts by period, district and category (no text)
  kReadGaps,                 // legislative gap analysis: catalogues, assessments, reports, evidence
  kAssessGaps,               // save and import assessments
  kReviewGaps,               // approve an assessment version
  kCommentGaps,              // comment on an assessment
};

// "administrator", "analyst", "firearms_officer", "case_worker", "researcher", "assessor", "reviewer", "cso".
std::string_view RoleName(Role role);
// InvalidArgument listing the role names if `name` is not one.
Result<Role> ParseRole(std::string_view name);
const std::vector<Role>& AllRoles();

std::string_view PermissionName(Permission p);
const std::vector<Permission>& AllPermissions();

// The policy matrix.
bool Allows(Role role, Permission permission);
// Names of the permissions of `role`, in AllPermissions() order (for the client to adapt its UI).
std::vector<std::string> PermissionNames(Role role);

}  // namespace kashf::auth
