// The content of an outgoing package: which of the selected statements leave, as FtM entity lines.
// Every statement passes, for every recipient and the purpose, three gates in turn and stays home
// at the first it fails (counted by reason, never named):
//  1. MayRelease (release_check.h): the recipient is a partner and the handling code allows the
//     purpose; a value whose handling code forbids release never leaves;
//  2. the sharing policy (sharing_policy.h): recipient, purpose, schema, property, redactions;
//  3. the victim rule: a statement of a recorded victim (a survivor), or one whose value names a
//     victim's entity id, leaves only when the case register records the survivor's consent for
//     that recipient and purpose (`consent`); with no consent check, never.
// One body goes to every recipient, so a statement leaves only if it passes for all of them.
#pragma once
#include <string>
#include <unordered_set>
#include <vector>

#include "kashf/model/grading.h"
#include "kashf/model/statement.h"
#include "kashf/sharing/partner_directory.h"
#include "kashf/sharing/sharing_policy.h"

namespace kashf::sharing {

struct ReleaseRules {
  const GradingScheme* scheme = nullptr;
  const PartnerDirectory* partners = nullptr;
  const SharingPolicy* policy = nullptr;
  std::vector<std::string> recipients;
  std::string purpose;
  const std::unordered_set<std::string>* victims = nullptr;  // entity ids of recorded victims
  VictimConsent consent;                                     // empty: no survivor's identity leaves
};

struct PackageContent {
  std::string body;  // FtM entity lines (EntityLine), one per entity with at least one statement left
  int64_t entities = 0, statements = 0;
  int64_t withheld_policy = 0, withheld_handling = 0, withheld_victims = 0;
};

// `statements` grouped by entity id (as Store::ScanStatements and GetEntity give them).
PackageContent BuildPackageContent(const std::vector<Statement>& statements, const ReleaseRules& rules,
                                   const std::string& sender);

}  // namespace kashf::sharing
