// The CLI's side of the audit anchor (kashf/audit/audit_anchor.h, docs/security.md).
#pragma once
#include <string>

#include "command.h"
#include "kashf/audit/audit_anchor.h"
#include "kashf/core/result.h"

namespace kashf::cli {

// The key named by `flag`, else by --audit-key / $KASHF_AUDIT_KEY; FailedPrecondition with advice if none.
Result<audit::AnchorKey> AnchorKeyFor(const GlobalOptions& g, const std::string& flag = "");

// When an anchor is configured (--audit-anchor / $KASHF_AUDIT_ANCHOR) and the store exists, appends
// a signed checkpoint of its audit log if the log grew; Corruption if the log no longer agrees
// with the anchor. Nothing to do otherwise.
Status CheckpointAfterCommand(const GlobalOptions& g);

}  // namespace kashf::cli
