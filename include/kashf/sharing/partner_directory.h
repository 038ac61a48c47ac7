// PartnerDirectory: the partner agencies this installation trusts, each with its public keys and
// fingerprint (agency_card.h), kept in a YAML file an administrator edits by hand or fills with
// `kashf agency add-partner`:
//   kashf_partners: 1
//   partners:
//     - agency_id: fia-ahtc-lahore
//       name: FIA Anti-Human Trafficking Circle, Lahore
//       country: PK
//       sign_public: <64 hex>
//       encrypt_public: <64 hex>
//       fingerprint: 3F2A 91C0 77DE 0B14 5A6C 2E98 D1F3 4407 8B2C E915
// Loading checks every entry (CheckCard), that each fingerprint matches its keys (an altered key
// or a copying mistake shows), and that no agency id appears twice; the first problem is reported
// with the file and the entry. A missing file is an empty directory.
// Thread safety: a loaded directory is immutable; Save() replaces the file atomically (write to a
// temporary file, fsync, rename), so a reader never sees half a file.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "kashf/core/result.h"
#include "kashf/sharing/agency_card.h"

namespace kashf::sharing {

class PartnerDirectory {
 public:
  static Result<PartnerDirectory> Load(const std::string& path);
  static Result<PartnerDirectory> Parse(std::string_view yaml, const std::string& origin);

  const std::vector<AgencyCard>& partners() const { return partners_; }
  // nullptr when `agency_id` is not a partner.
  const AgencyCard* Find(std::string_view agency_id) const;

  // Adds `card` (checked; its fingerprint must equal `expected_fingerprint`, the one compared out
  // of band). AlreadyExists when its agency id is already a partner; InvalidArgument when the
  // fingerprint differs.
  Status Add(AgencyCard card, std::string_view expected_fingerprint);
  // NotFound when `agency_id` is not a partner.
  Status Remove(std::string_view agency_id);

  // The directory as YAML (the layout above) and written to `path` atomically.
  std::string ToYaml() const;
  Status Save(const std::string& path) const;

 private:
  std::vector<AgencyCard> partners_;
};

}  // namespace kashf::sharing
