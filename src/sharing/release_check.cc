#include "kashf/sharing/release_check.h"

#include <fmt/format.h>

namespace kashf::sharing {

ReleaseDecision MayRelease(const Statement& statement, const GradingScheme& scheme, const PartnerDirectory& partners,
                           std::string_view partner_id, std::string_view purpose) {
  ReleaseDecision d;
  if (!partners.Find(partner_id)) {
    d.reason = fmt::format("'{}' is not in the partner directory", partner_id);
    return d;
  }
  d.allowed = scheme.PermitsSharing(statement.grading, purpose, &d.reason);
  return d;
}

}  // namespace kashf::sharing
