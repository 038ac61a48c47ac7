// The National Referral Mechanism as data: stages, allowed transitions, deadlines, extensions and
// consent purposes, loaded from data/reference/nrm.yaml (one country profile per file).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "kashf/core/result.h"
#include "kashf/victims/victim_case.h"

namespace kashf::victims {

struct NrmStage {
  std::string id;
  std::string name;
  std::optional<int> deadline_days;  // none: no deadline (closure)
  int extension_days = 0;
  int max_extensions = 0;
  bool requires_authority = false;
  std::vector<std::string> authorities;  // when non-empty, the deciding authority must be one of these
  std::vector<std::string> next;
};

struct ConsentPurpose {
  std::string id;
  std::string name;
};

class NrmProcess {
 public:
  // Loads a profile; InvalidArgument names the file and the bad entry (unknown `next` stage ...).
  static Result<NrmProcess> LoadFile(const std::string& path);
  // data/reference/nrm.yaml under KashfHome().
  static Result<NrmProcess> LoadDefault();

  const std::vector<NrmStage>& stages() const { return stages_; }
  const std::vector<ConsentPurpose>& consent_purposes() const { return purposes_; }
  const NrmStage* Find(const std::string& id) const;
  const std::string& first_stage() const { return stages_.front().id; }
  // A purpose of nrm.yaml, or "share:<agency id>:<sharing purpose>" (consent to share the identity
  // with one partner agency for one purpose in a sharing package, docs/sharing.md).
  bool IsConsentPurpose(const std::string& id) const;

  // Ok when `c` may move to `to` on `date` decided by `authority`; otherwise FailedPrecondition or
  // InvalidArgument saying which transitions are allowed. Dates must not go backwards.
  Status CheckTransition(const VictimCase& c, const std::string& to, const std::string& date,
                         const std::string& authority) const;
  // Ok when the current stage may be extended once more.
  Status CheckExtension(const VictimCase& c) const;
  // Day number by which `c` must leave its current stage, or nullopt when it has no deadline.
  std::optional<int64_t> DueDay(const VictimCase& c) const;

 private:
  std::vector<NrmStage> stages_;
  std::vector<ConsentPurpose> purposes_;
};

}  // namespace kashf::victims
