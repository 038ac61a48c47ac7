#include "kashf/sharing/hit_query.h"

#include <sodium.h>

#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "kashf/core/text.h"
#include "kashf/sharing/hex_bytes.h"
#include "kashf/sharing/hit_selector.h"

namespace kashf::sharing {
namespace {

using Json = nlohmann::ordered_json;
using Signature = std::array<unsigned char, crypto_sign_BYTES>;
constexpr int kVersion = 1;

std::string SignJson(Json j, const AgencyIdentity& signer) {
  j["signature"] = BytesHex(signer.Sign(j.dump()));
  return j.dump();
}

Json Elements(const std::vector<OprfElement>& elements) {
  Json a = Json::array();
  for (const auto& e : elements) a.push_back(KeyHex(e));
  return a;
}

// A signed message of kind `what` ("hit request"), with the version member `version_key`: parsed,
// its "from" a partner, its signature verified with that partner's signing key. The object is
// returned without the signature.
Result<Json> ParseSigned(std::string_view text, std::string_view version_key, std::string_view what,
                         const PartnerDirectory& partners) {
  const Status malformed = Status::InvalidArgument(fmt::format("not a Kashf {} (or it is damaged)", what));
  Json j = Json::parse(text, nullptr, false);
  if (!j.is_object() || !j.contains(version_key) || j[std::string(version_key)] != kVersion) return malformed;
  if (!j.contains("from") || !j["from"].is_string() || !j.contains("signature") || !j["signature"].is_string())
    return malformed;
  const std::string from = j["from"].get<std::string>();
  const AgencyCard* partner = partners.Find(from);
  if (partner == nullptr)
    return Status::PermissionDenied(
        fmt::format("the {} comes from {}, which is not in the partner directory", what, from));
  Signature sig{};
  const bool sig_ok = BytesFromHex(j["signature"].get<std::string>(), &sig);
  j.erase("signature");
  if (!sig_ok || !VerifySignature(*partner, j.dump(), sig))
    return Status::PermissionDenied(fmt::format(
        "the {} does not carry a valid signature of {}: it was altered or signed with another key", what, from));
  return j;
}

// The common members of requests and responses; false when one is missing or has the wrong type.
bool ReadCommon(const Json& j, const char* elements_key, std::string* request_id, std::string* from, std::string* to,
                int64_t* created, OprfElement* key, std::vector<OprfElement>* elements) {
  try {
    *request_id = j.at("request_id").get<std::string>();
    *from = j.at("from").get<std::string>();
    *to = j.at("to").get<std::string>();
    *created = j.at("created").get<int64_t>();
    if (!KeyFromHex(j.at("oprf_key").get<std::string>(), key)) return false;
    const Json& list = j.at(elements_key);
    if (!list.is_array() || list.size() > kMaxHitSelectorsPerRequest) return false;
    elements->resize(list.size());
    for (size_t i = 0; i < list.size(); ++i)
      if (!KeyFromHex(list[i].get<std::string>(), &(*elements)[i])) return false;
  } catch (const nlohmann::json::exception&) {
    return false;
  }
  return true;
}

std::string RandomId() {
  std::array<unsigned char, 16> id{};
  randombytes_buf(id.data(), id.size());
  return BytesHex(id);
}

// The members of a request (and of the pending query that keeps it), under the version member `version_key`.
Json RequestJson(const char* version_key, const HitRequest& r) {
  return Json{{version_key, kVersion},
              {"request_id", r.request_id},
              {"from", r.from},
              {"to", r.to},
              {"purpose", r.purpose},
              {"created", r.created},
              {"oprf_key", KeyHex(r.oprf_key)},
              {"blinded", Elements(r.blinded)}};
}

}  // namespace

Result<PendingHitQuery> PrepareHitQuery(const std::vector<std::string>& selectors, std::string_view me,
                                        std::string_view purpose, const HitIndexInfo& index, int64_t now) {
  if (sodium_init() < 0) return Status::Internal("libsodium could not be initialised");
  PendingHitQuery q;
  std::set<std::string> seen;
  for (size_t i = 0; i < selectors.size(); ++i) {
    auto canonical = NormaliseHitSelector(selectors[i]);
    if (!canonical.ok())
      return Status::InvalidArgument(fmt::format("selector {}: {}", i + 1, canonical.status().message()));
    if (!seen.insert(*canonical).second) continue;
    const OprfBlinded b = OprfBlind(*canonical);
    q.selectors.push_back(*canonical);
    q.blinds.push_back(b.blind);
    q.request.blinded.push_back(b.element);
  }
  if (q.selectors.empty()) return Status::InvalidArgument("give at least one selector (e.g. cnic:35202-1234567-1)");
  if (q.selectors.size() > kMaxHitSelectorsPerRequest)
    return Status::InvalidArgument(fmt::format("{} selectors in one request; at most {} are answered at once",
                                               q.selectors.size(), kMaxHitSelectorsPerRequest));
  q.request.request_id = RandomId();
  q.request.from = std::string(me);
  q.request.to = index.agency_id;
  q.request.purpose = std::string(purpose);
  q.request.created = now;
  q.request.oprf_key = index.oprf_key;
  return q;
}

std::string SignHitRequest(const HitRequest& r, const AgencyIdentity& asker) {
  return SignJson(RequestJson("kashf_hit_request", r), asker);
}

Result<HitRequest> ParseHitRequest(std::string_view json, const PartnerDirectory& partners, std::string_view me,
                                   int64_t now) {
  KASHF_ASSIGN_OR_RETURN(Json j, ParseSigned(json, "kashf_hit_request", "hit request", partners));
  HitRequest r;
  if (!j.contains("purpose") || !j["purpose"].is_string() ||
      !ReadCommon(j, "blinded", &r.request_id, &r.from, &r.to, &r.created, &r.oprf_key, &r.blinded))
    return Status::InvalidArgument(
        fmt::format("the hit request from {} is malformed or asks about more than {} selectors",
                    r.from.empty() ? "a partner" : r.from, kMaxHitSelectorsPerRequest));
  r.purpose = j["purpose"].get<std::string>();
  if (r.to != me)
    return Status::PermissionDenied(
        fmt::format("the hit request from {} is addressed to {}, not to this agency ({})", r.from, r.to, me));
  if (r.created < now - kHitRequestMaxAgeSeconds || r.created > now + 3600)
    return Status::FailedPrecondition(
        fmt::format("the hit request from {} was made on {}: too old (or dated ahead); ask {} to send a new one",
                    r.from, FormatIsoUtc(r.created), r.from));
  if (r.blinded.empty())
    return Status::InvalidArgument(fmt::format("the hit request from {} holds no selector", r.from));
  return r;
}

Result<HitResponse> AnswerHitRequest(const HitRequest& request, const OprfScalar& key, int64_t now) {
  if (request.oprf_key != OprfPublicKey(key))
    return Status::FailedPrecondition(
        fmt::format("the hit request from {} was made against an index of another (older) key; send {} a new index "
                    "(kashf hit index)",
                    request.from, request.from));
  HitResponse r{request.request_id, request.to, request.from, now, request.oprf_key, {}};
  r.evaluated.reserve(request.blinded.size());
  for (size_t i = 0; i < request.blinded.size(); ++i) {
    auto z = OprfEvaluate(key, request.blinded[i]);
    if (!z.ok())
      return Status::InvalidArgument(
          fmt::format("hit request from {}, element {}: {}", request.from, i + 1, z.status().message()));
    r.evaluated.push_back(*z);
  }
  return r;
}

std::string SignHitResponse(const HitResponse& r, const AgencyIdentity& answerer) {
  return SignJson(Json{{"kashf_hit_response", kVersion},
                       {"request_id", r.request_id},
                       {"from", r.from},
                       {"to", r.to},
                       {"created", r.created},
                       {"oprf_key", KeyHex(r.oprf_key)},
                       {"evaluated", Elements(r.evaluated)}},
                  answerer);
}

Result<HitResponse> ParseHitResponse(std::string_view json, const PartnerDirectory& partners,
                                     const PendingHitQuery& pending, std::string_view me) {
  KASHF_ASSIGN_OR_RETURN(Json j, ParseSigned(json, "kashf_hit_response", "hit response", partners));
  HitResponse r;
  if (!ReadCommon(j, "evaluated", &r.request_id, &r.from, &r.to, &r.created, &r.oprf_key, &r.evaluated))
    return Status::InvalidArgument(fmt::format("the hit response from {} is malformed", r.from));
  if (r.from != pending.request.to || r.to != me || r.request_id != pending.request.request_id)
    return Status::PermissionDenied(
        fmt::format("this hit response (from {} to {}, request {}) does not answer request {} to {}", r.from, r.to,
                    r.request_id, pending.request.request_id, pending.request.to));
  if (r.evaluated.size() != pending.selectors.size())
    return Status::InvalidArgument(fmt::format("the hit response from {} answers {} selectors of {}", r.from,
                                               r.evaluated.size(), pending.selectors.size()));
  return r;
}

Result<std::vector<HitAnswer>> FinishHitQuery(const PendingHitQuery& pending, const HitResponse& response,
                                              const HitIndex& index) {
  if (index.info().agency_id != pending.request.to || index.info().oprf_key != pending.request.oprf_key)
    return Status::FailedPrecondition(fmt::format(
        "the hit index is {}'s with key {}, but the request went to {} for key {}; use the index the request was "
        "made with",
        index.info().agency_id, KeyHex(index.info().oprf_key).substr(0, 16), pending.request.to,
        KeyHex(pending.request.oprf_key).substr(0, 16)));
  if (response.evaluated.size() != pending.selectors.size())
    return Status::InvalidArgument("the hit response does not answer every selector");
  std::vector<HitAnswer> answers;
  for (size_t i = 0; i < pending.selectors.size(); ++i) {
    KASHF_ASSIGN_OR_RETURN(OprfOutput out,
                           OprfFinalize(pending.selectors[i], pending.blinds[i], response.evaluated[i]));
    HitAnswer a{pending.selectors[i], index.Contains(out), ""};
    if (a.hit) a.reference = fmt::format("{}:{:016x}", index.info().agency_id, HitTag(out));
    answers.push_back(std::move(a));
  }
  return answers;
}

std::string PendingHitQueryJson(const PendingHitQuery& p) {
  Json blinds = Json::array();
  for (const auto& b : p.blinds) blinds.push_back(KeyHex(b));
  Json j = RequestJson("kashf_hit_pending", p.request);
  j["selectors"] = p.selectors;
  j["blinds"] = blinds;
  return j.dump();
}

Result<PendingHitQuery> ParsePendingHitQuery(std::string_view json) {
  const Status bad = Status::InvalidArgument(
      "not a pending hit query of `kashf hit ask` (the .pending file written beside the request)");
  const Json j = Json::parse(json, nullptr, false);
  if (!j.is_object() || !j.contains("kashf_hit_pending") || j["kashf_hit_pending"] != kVersion) return bad;
  PendingHitQuery p;
  HitRequest& r = p.request;
  if (!ReadCommon(j, "blinded", &r.request_id, &r.from, &r.to, &r.created, &r.oprf_key, &r.blinded)) return bad;
  try {
    r.purpose = j.at("purpose").get<std::string>();
    p.selectors = j.at("selectors").get<std::vector<std::string>>();
    for (const auto& hex : j.at("blinds")) {
      OprfScalar s{};
      if (!KeyFromHex(hex.get<std::string>(), &s)) return bad;
      p.blinds.push_back(s);
    }
  } catch (const nlohmann::json::exception&) {
    return bad;
  }
  if (p.selectors.size() != r.blinded.size() || p.blinds.size() != r.blinded.size()) return bad;
  return p;
}

}  // namespace kashf::sharing
