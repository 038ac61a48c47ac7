// Shared by the `kashf share ...` subcommands (commands/share*.cc): sharing packages between
// partner agencies (docs/sharing.md).
#pragma once
#include <string>
#include <vector>

#include "case_command.h"
#include "command.h"
#include "kashf/sharing/package.h"

namespace kashf::cli {

struct ShareArgs {
  std::string key_file;  // --key-file / $KASHF_AGENCY_KEY
  std::string partners;  // --partners / $KASHF_PARTNERS
  // export
  std::vector<std::string> recipients, entities, victim_cases;
  std::string purpose, legal_basis, policy, out, search, case_id, dataset, resend_id;
  int hops = 0;
  size_t search_limit = 50;
  double expires_days = 30;
  VictimOptions victim;  // --user/--agency/--key-file of the case register, for --case and --victim-case
  // import
  std::string file;
  int64_t max_bytes = sharing::kDefaultMaxPackageBytes;
  // retract
  std::string package_id, reason;
};

// The identity (key file) and partner directory every share command needs, with advice when unnamed.
struct SharingContext {
  sharing::AgencyIdentity me;
  sharing::PartnerDirectory partners;
};
Result<SharingContext> LoadSharingContext(const ShareArgs& a);

Status RunShareExport(GlobalOptions& g, const ShareArgs& a);
Status RunShareRetract(GlobalOptions& g, const ShareArgs& a);
Status RunShareImport(GlobalOptions& g, const ShareArgs& a);
Status RunShareList(GlobalOptions& g, const ShareArgs& a);

// The import-run "mapping" that records a received package (with its content hash) and a
// received retraction; `kashf share list` and the replay check read them back.
inline constexpr std::string_view kImportedPackageTag = "kashf-package ";
inline constexpr std::string_view kRetractedPackageTag = "kashf-retraction";

}  // namespace kashf::cli
