// May one statement leave this installation, to partner P, for purpose X? The single gate every
// outgoing share (packages, hit/no-hit answers; docs/sharing.md) passes each value through:
//  1. P must be in the partner directory (an unknown or removed agency gets nothing);
//  2. X must be a sharing purpose of the grading scheme;
//  3. the statement's handling code (or, ungraded, the scheme's ungraded_handling: H2, fail
//     closed) must be shareable and permit X. A value whose handling code forbids sharing never passes.
// The later sharing policy (which schemas and properties go to whom) narrows this further; it can
// never widen it.
#pragma once
#include <string>
#include <string_view>

#include "kashf/model/grading.h"
#include "kashf/model/statement.h"
#include "kashf/sharing/partner_directory.h"

namespace kashf::sharing {

struct ReleaseDecision {
  bool allowed = false;
  std::string reason;  // why (not): names the partner, purpose or handling code; never the value
};

ReleaseDecision MayRelease(const Statement& statement, const GradingScheme& scheme, const PartnerDirectory& partners,
                           std::string_view partner_id, std::string_view purpose);

}  // namespace kashf::sharing
