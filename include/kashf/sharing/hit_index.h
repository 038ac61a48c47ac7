// HitIndex: the answering agency's set of selectors, as 64-bit tags of their OPRF outputs
// (tag = the first 8 bytes of F_k("kind:value"), oprf.h), given to one partner so that it can tell
// hit from no-hit on its own machine once the answering agency has evaluated its blinded selectors.
// Without the OPRF key nobody can compute a tag, so the index cannot be searched offline: every
// guess needs an online, rate-limited, audited evaluation by its owner (docs/sharing.md, threat model).
//
// File (binary, one per recipient):
//   "KASHF-HIT-INDEX-1\n"
//   header: one line of JSON {"agency_id","recipient","purpose","contact","created","expires",
//           "oprf_key" (hex of k*G, names the key without revealing it),"count"} and "\n"
//   count tags, 8 bytes each, big-endian, strictly increasing
//   Ed25519 signature (64 bytes) of everything before it, by the answering agency's signing key.
// `count` may include random padding tags (BuildHitIndex's `pad_to`), which hide the exact number
// of selectors and match nothing a real selector gives except with probability count/2^64.
// Thread safety: immutable after building or parsing; Contains() may be called from any thread.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "kashf/core/result.h"
#include "kashf/sharing/agency_identity.h"
#include "kashf/sharing/oprf.h"
#include "kashf/sharing/partner_directory.h"

namespace kashf::sharing {

struct HitIndexInfo {
  std::string agency_id;   // the answering agency (signer)
  std::string recipient;   // the partner agency the index was made for
  std::string purpose;     // the sharing purpose it was filtered for (release_check.h)
  std::string contact;     // whom to contact after a hit (a desk, not a person's private details)
  int64_t created = 0;     // Unix seconds
  int64_t expires = 0;     // Unix seconds; the index is refused after this
  OprfElement oprf_key{};  // public element of the OPRF key the tags were made with
};

// The tag of one OPRF output.
uint64_t HitTag(const OprfOutput& output);

class HitIndex {
 public:
  // Tags of F_k(s) for every canonical selector in `selectors` (duplicates fold), computed in
  // `threads` threads (1 = serially; the result does not depend on it), plus random padding tags
  // up to the next multiple of `pad_to` (0 = none).
  static HitIndex Build(const OprfScalar& key, const std::vector<std::string>& selectors, HitIndexInfo info,
                        unsigned threads = 1, size_t pad_to = 0);
  // An index of the given tags (sorted and deduplicated here); for tests and benchmarks.
  static HitIndex FromTags(std::vector<uint64_t> tags, HitIndexInfo info);

  // The signed file (see above).
  std::string Serialise(const AgencyIdentity& signer) const;
  // Reads a file from Serialise. Refused (nothing returned) when: not an index (InvalidArgument);
  // its agency is not in `partners` (PermissionDenied); it was made for another agency than `me`
  // (PermissionDenied); the signature does not verify with the partner's key, i.e. any byte was
  // changed (Corruption); it has expired at `now` (FailedPrecondition); its tags are not strictly
  // increasing or the size does not match the count (Corruption).
  static Result<HitIndex> Parse(std::string_view bytes, const PartnerDirectory& partners, std::string_view me,
                                int64_t now);

  bool Contains(const OprfOutput& output) const;
  const HitIndexInfo& info() const { return info_; }
  size_t size() const { return tags_.size(); }

 private:
  HitIndexInfo info_;
  std::vector<uint64_t> tags_;  // sorted, unique
};

}  // namespace kashf::sharing
