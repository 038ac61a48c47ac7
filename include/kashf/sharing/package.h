// Sharing packages (docs/sharing.md, "Packages"): statements one agency sends another, as
// FollowTheMoney-shaped JSON lines, with a manifest, encrypted to each recipient and signed by the
// sender. One file:
//   "KASHF-PACKAGE 1 <sender agency id>\n"
//   header: one JSON line {"manifest":{...},"keys":[{"recipient":ID,"sealed_key":HEX}],"stream":HEX}
//   body:   the JSON lines encrypted with a random content key by libsodium secretstream
//           (XChaCha20-Poly1305) in chunks of kPackageChunk bytes; the content key is sealed to each
//           recipient's X25519 key (crypto_box_seal)
//   signature: 64 bytes, Ed25519 (RFC 8032) by the sender over
//           "kashf-package-v1\n" || BLAKE2b-512(every byte before it)
// Because the signature covers every byte, one changed byte anywhere is refused before anything
// is decrypted. A retraction is a signed JSON object naming the package (no content).
// Thread safety: pure functions.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "kashf/core/result.h"
#include "kashf/model/statement.h"
#include "kashf/sharing/agency_identity.h"
#include "kashf/sharing/partner_directory.h"

namespace kashf::sharing {

inline constexpr size_t kPackageChunk = 64 * 1024;
// The largest package accepted by default (`kashf share import --max-bytes`): the body is
// decrypted in memory and checked whole before anything is imported.
inline constexpr int64_t kDefaultMaxPackageBytes = int64_t{1} << 30;

struct PackageManifest {
  std::string package_id;  // "pkg-" + 32 hex digits, random
  std::string sender;      // agency id
  std::string sender_fingerprint;
  std::vector<std::string> recipients;
  std::string purpose;               // a sharing purpose of the grading scheme
  std::string legal_basis;           // free text, e.g. "PECA 2016 s.35; MoU FIA-PP 2025"
  int64_t created = 0, expires = 0;  // Unix seconds
  std::string policy_hash;           // SharingPolicy::hash()
  int64_t entities = 0, statements = 0;
  int64_t withheld_policy = 0, withheld_handling = 0, withheld_victims = 0;
  std::string content_hash;  // BLAKE2b-256 hex of the plaintext body
  int64_t content_bytes = 0;
};

// Why a package or retraction is refused; each has its own exit code (RefusalExitCode).
enum class Refusal {
  kNone,
  kMalformed,        // not a package, or a broken header
  kBadSignature,     // a changed byte, or signed by another key
  kUnknownSender,    // the sender is not (or no longer) in the partner directory
  kNotAddressed,     // addressed to other agencies
  kExpired,          // past the manifest's expiry
  kReplayed,         // this package id was imported before with other content
  kRetracted,        // the sender has retracted this package
  kOversized,        // larger than the limit
  kContentMismatch,  // the manifest's hash or counts do not match the content
};
// 20 .. 28 in the order above (docs/sharing.md, README "Exit codes"); 0 for kNone.
int RefusalExitCode(Refusal r);

// A random package id.
std::string NewPackageId();

// Encrypts `body` to every recipient of `manifest` (each must be in `partners`) and signs it as
// `sender`; fills manifest.sender, sender_fingerprint, content_hash and content_bytes.
Result<std::string> SealPackage(PackageManifest manifest, std::string_view body, const AgencyIdentity& sender,
                                const PartnerDirectory& partners);

struct OpenedPackage {
  PackageManifest manifest;
  std::string body;  // the FtM JSON lines
};

// Checks and decrypts a package for `me`, in this order: size (`max_bytes`), format, sender in
// `partners`, signature, recipient, expiry (`now`), decryption, content hash and size. On failure
// *refusal says which check failed and the Status says what to do; nothing is returned.
Result<OpenedPackage> OpenPackage(std::string_view file, const AgencyIdentity& me, const PartnerDirectory& partners,
                                  int64_t now, int64_t max_bytes, Refusal* refusal);

// One FtM entity line of a package: {"id","schema","properties":{prop:[values]},"datasets":[sender],
// "kashf_grading":{prop:[[source,information,handling],...]}} (the grading parallel to the values).
// `statements` are one entity's, in any order.
std::string EntityLine(const std::vector<Statement>& statements, std::string_view sender);

// The statements of an opened package as the receiver stores them: dataset
// "<sender>/<package id>", record "<package id>:<line>", first_seen `now`, the sender's grading.
// kContentMismatch (in *refusal) when a line is not an entity or the counts differ from the manifest.
Result<std::vector<Statement>> PackageStatements(const OpenedPackage& package, int64_t now, Refusal* refusal);
std::string PackageDataset(const PackageManifest& m);

// A retraction: the sender withdraws a package.
struct Retraction {
  std::string package_id;
  std::string sender;
  std::string reason;
  int64_t created = 0;
};
std::string SealRetraction(const Retraction& r, const AgencyIdentity& sender);
// Checks format (kMalformed), sender (kUnknownSender) and signature (kBadSignature).
Result<Retraction> OpenRetraction(std::string_view text, const PartnerDirectory& partners, Refusal* refusal);

}  // namespace kashf::sharing
