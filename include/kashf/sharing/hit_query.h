// Hit/no-hit queries between two agencies (issue 16, docs/sharing.md), offline-capable: three
// messages, each a signed JSON file.
//  1. The asking agency normalises its selectors (hit_selector.h), blinds each one (oprf.h) and
//     sends a HitRequest: its agency id, the answering agency, the purpose, the OPRF key the
//     asker's copy of the index was made with, and the blinded elements — random group elements
//     that say nothing about the selectors. The blinds and selectors stay on the asker's machine
//     (PendingHitQuery, a 0600 file).
//  2. The answering agency checks the request (a partner's signature, addressed to it, fresh, not
//     too large, its current key), charges its rate limiter, and returns a HitResponse with each
//     element raised to its OPRF key.
//  3. The asker unblinds each element, computes F_k(selector) and looks its tag up in the signed
//     index (hit_index.h): hit or no-hit, with the index's contact and a reference to quote when
//     asking for a package.
// Signed JSON: the object without its "signature" member, serialised as written (keys in order),
// signed with Ed25519; the verifier serialises the parsed object the same way.
// Thread safety: pure functions over values.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "kashf/core/result.h"
#include "kashf/sharing/agency_identity.h"
#include "kashf/sharing/hit_index.h"
#include "kashf/sharing/oprf.h"
#include "kashf/sharing/partner_directory.h"

namespace kashf::sharing {

// At most this many selectors in one request (a larger one is refused before any evaluation).
inline constexpr size_t kMaxHitSelectorsPerRequest = 1000;
// A request older than this (or dated more than an hour ahead) is refused: offline exchanges take
// days, not months.
inline constexpr int64_t kHitRequestMaxAgeSeconds = 14 * 24 * 3600;

struct HitRequest {
  std::string request_id;  // 32 random hex digits
  std::string from;        // asking agency
  std::string to;          // answering agency
  std::string purpose;
  int64_t created = 0;
  OprfElement oprf_key{};  // the index's key (HitIndexInfo::oprf_key)
  std::vector<OprfElement> blinded;
};

struct HitResponse {
  std::string request_id;
  std::string from;  // answering agency
  std::string to;    // asking agency
  int64_t created = 0;
  OprfElement oprf_key{};
  std::vector<OprfElement> evaluated;  // in the order of the request
};

// What the asker keeps until the response comes: the request, and per blinded element the
// canonical selector and its blind. Secret: whoever holds it knows what was asked.
struct PendingHitQuery {
  HitRequest request;
  std::vector<std::string> selectors;
  std::vector<OprfScalar> blinds;
};

struct HitAnswer {
  std::string selector;  // canonical "kind:value" (shown only to the asker)
  bool hit = false;
  std::string reference;  // on a hit: "<agency>:<16 hex tag>", to quote when requesting a package
};

// Step 1: normalises `selectors` ("kind:value" each; InvalidArgument naming its position when one
// is not valid; duplicates fold) and blinds them for `index`'s agency and key. InvalidArgument
// when there are none or more than kMaxHitSelectorsPerRequest.
Result<PendingHitQuery> PrepareHitQuery(const std::vector<std::string>& selectors, std::string_view me,
                                        std::string_view purpose, const HitIndexInfo& index, int64_t now);

std::string SignHitRequest(const HitRequest& request, const AgencyIdentity& asker);
// Step 2, reading: refused when malformed (InvalidArgument), from an agency not in `partners` or
// badly signed (PermissionDenied), addressed to another agency than `me` (PermissionDenied), too
// old or dated in the future (FailedPrecondition), or too large (InvalidArgument).
Result<HitRequest> ParseHitRequest(std::string_view json, const PartnerDirectory& partners, std::string_view me,
                                   int64_t now);
// Step 2, answering: every blinded element raised to `key`. FailedPrecondition when the request
// names another key (the asker holds an outdated index); InvalidArgument when an element is not a
// valid group element (the whole request is refused, nothing evaluated).
Result<HitResponse> AnswerHitRequest(const HitRequest& request, const OprfScalar& key, int64_t now);
std::string SignHitResponse(const HitResponse& response, const AgencyIdentity& answerer);
// Step 3, reading: refused unless signed by the agency `pending` asked, addressed to `me`, for
// that request and with one element per selector.
Result<HitResponse> ParseHitResponse(std::string_view json, const PartnerDirectory& partners,
                                     const PendingHitQuery& pending, std::string_view me);
// Step 3: hit or no-hit per selector. FailedPrecondition when `index` is another agency's or was
// made with another key than the request used.
Result<std::vector<HitAnswer>> FinishHitQuery(const PendingHitQuery& pending, const HitResponse& response,
                                              const HitIndex& index);

// The pending query as JSON (with the blinds and selectors: keep it 0600) and back.
std::string PendingHitQueryJson(const PendingHitQuery& pending);
Result<PendingHitQuery> ParsePendingHitQuery(std::string_view json);

}  // namespace kashf::sharing
