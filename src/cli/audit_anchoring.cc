#include "audit_anchoring.h"

#include <sys/stat.h>

#include "kashf/audit/audit_log.h"
#include "kashf/core/text.h"

namespace kashf::cli {

Result<audit::AnchorKey> AnchorKeyFor(const GlobalOptions& g, const std::string& flag) {
  const std::string& path = flag.empty() ? g.audit_key : flag;
  if (path.empty()) return Status::FailedPrecondition(std::string(audit::kAnchorKeyAdvice));
  return audit::AnchorKey::FromFile(path);
}

Status CheckpointAfterCommand(const GlobalOptions& g) {
  struct stat st {};
  if (g.audit_anchor.empty() || ::stat(g.db.c_str(), &st) != 0) return Status::Ok();
  KASHF_ASSIGN_OR_RETURN(auto key, AnchorKeyFor(g));
  KASHF_ASSIGN_OR_RETURN(auto log, audit::OpenAuditLog(g.db));
  return audit::WriteCheckpoint(*log, g.audit_anchor, key, NowUnixSeconds()).status();
}

}  // namespace kashf::cli
