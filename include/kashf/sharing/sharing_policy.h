// SharingPolicy: which schemas and properties of this installation's statements may go to which
// partner agency for which purpose (data/reference/sharing-policy.example.yaml, docs/sharing.md).
// It only narrows what MayRelease (release_check.h) allows, never widens it:
//  - a statement leaves only if some rule names its recipient (or "*"), the purpose, its schema and
//    its property (or "*"), and no matching rule redacts that property;
//  - a statement about a recorded victim (a survivor) leaves only when the victim-consent check
//    says the case register records consent for that recipient and purpose; otherwise it is
//    withheld and counted, never named.
// Policy file:
//   kashf_sharing_policy: 1
//   rules:
//     - recipients: [fia-ahtc-lahore]       # agency ids, or "*" for every partner
//       purposes: [investigation]           # purposes of the grading scheme
//       schemas:
//         Person: {properties: "*", redact: [phone, address]}
//         Vehicle: {properties: [registrationNumber, model]}
// Thread safety: a loaded policy is immutable.
#pragma once
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "kashf/core/result.h"
#include "kashf/model/statement.h"

namespace kashf::sharing {

struct PolicyRule {
  std::vector<std::string> recipients;  // agency ids or "*"
  std::vector<std::string> purposes;
  struct SchemaRule {
    std::string schema;
    bool all_properties = false;
    std::vector<std::string> properties;
    std::vector<std::string> redact;  // never leave, even under "*"
  };
  std::vector<SchemaRule> schemas;
};

// Why one statement stays home (counted in the package manifest).
enum class Withheld { kNone, kPolicy, kRedacted, kHandling, kVictim };

class SharingPolicy {
 public:
  static Result<SharingPolicy> LoadFile(const std::string& path, const std::vector<std::string>& known_purposes);
  // InvalidArgument naming `origin` and the rule for a malformed policy (an unknown purpose, a rule
  // without recipients, purposes or schemas, a recipient that is not an agency id).
  static Result<SharingPolicy> Parse(std::string_view yaml, const std::string& origin,
                                     const std::vector<std::string>& known_purposes);

  // kNone when the policy lets `s` go to `recipient` for `purpose`, else kPolicy or kRedacted.
  Withheld Check(const Statement& s, std::string_view recipient, std::string_view purpose) const;
  // BLAKE2b-256 hex of the policy file's bytes (written to the manifest: which policy chose).
  const std::string& hash() const { return hash_; }
  const std::vector<PolicyRule>& rules() const { return rules_; }

 private:
  std::vector<PolicyRule> rules_;
  std::string hash_;
};

// Does the case register record the survivor's consent to share the identity of victim entity
// `entity_id` with `recipient` for `purpose`?
using VictimConsent =
    std::function<bool(const std::string& entity_id, const std::string& recipient, const std::string& purpose)>;

// The case-register consent purpose that lets a survivor's identity go to `recipient` for
// `purpose`: "share:<recipient>:<purpose>" (kashf case consent CASE share:fia-ahtc-lahore:investigation).
std::string ShareConsentPurpose(std::string_view recipient, std::string_view purpose);

}  // namespace kashf::sharing
