#include "kashf/sharing/agency_card.h"

#include <sodium.h>

#include <algorithm>
#include <cctype>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>
#include <nlohmann/json.hpp>

#include "kashf/model/model.h"
#include "kashf/model/values.h"

namespace kashf::sharing {
namespace {

constexpr int kCardVersion = 1;
constexpr std::string_view kFingerprintDomain = "kashf-agency-fingerprint-v1\n";
constexpr size_t kFingerprintBytes = 20;

// `a` upper-cased, without white space (fingerprints compare so; country codes are written so).
std::string UpperWithoutSpaces(std::string_view a) {
  std::string out;
  for (char c : a)
    if (!std::isspace(static_cast<unsigned char>(c)))
      out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

// A scalar multiplication by a fixed non-zero scalar gives the identity only for a point of small
// order (libsodium's crypto_scalarmult returns -1 then): such a key would make every shared secret
// known in advance.
bool FullOrderX25519(const PublicKey& key) {
  unsigned char scalar[crypto_scalarmult_SCALARBYTES] = {9};
  unsigned char out[crypto_scalarmult_BYTES];
  return crypto_scalarmult(out, scalar, key.data()) == 0;
}

}  // namespace

std::string KeyHex(const PublicKey& key) {
  std::string out(key.size() * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), key.data(), key.size());
  out.pop_back();
  return out;
}

bool KeyFromHex(std::string_view hex, PublicKey* key) {
  size_t len = 0;
  return hex.size() == 2 * key->size() &&
         sodium_hex2bin(key->data(), key->size(), hex.data(), hex.size(), nullptr, &len, nullptr) == 0 &&
         len == key->size();
}

std::string AgencyCard::Fingerprint() const {
  crypto_generichash_state st;
  crypto_generichash_init(&st, nullptr, 0, crypto_generichash_BYTES);
  auto feed = [&](const void* p, size_t n) { crypto_generichash_update(&st, static_cast<const unsigned char*>(p), n); };
  feed(kFingerprintDomain.data(), kFingerprintDomain.size());
  feed(agency_id.data(), agency_id.size());
  feed("\n", 1);
  feed(sign_public.data(), sign_public.size());
  feed(encrypt_public.data(), encrypt_public.size());
  unsigned char digest[crypto_generichash_BYTES];
  crypto_generichash_final(&st, digest, sizeof digest);
  std::string out;
  for (size_t i = 0; i < kFingerprintBytes; i += 2) {
    if (i) out += ' ';
    out += fmt::format("{:02X}{:02X}", digest[i], digest[i + 1]);
  }
  return out;
}

bool IsAgencyId(std::string_view id) {
  return !id.empty() && id.size() <= 64 && std::all_of(id.begin(), id.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
  });
}

bool SameFingerprint(std::string_view a, std::string_view b) {
  const std::string x = UpperWithoutSpaces(a);
  return !x.empty() && x == UpperWithoutSpaces(b);
}

Status CheckCard(AgencyCard* card, std::string_view where) {
  if (sodium_init() < 0) return Status::Internal("libsodium could not be initialised");
  if (!IsAgencyId(card->agency_id))
    return Status::InvalidArgument(fmt::format(
        "{}: agency id '{}' must be 1-64 letters, digits, '-' or '_' (e.g. punjab-police)", where, card->agency_id));
  if (card->name.empty()) return Status::InvalidArgument(fmt::format("{}: the agency needs a name", where));
  std::string country;
  if (!ValidateValue(PropertyType::kCountry, card->country, &country).ok())
    return Status::InvalidArgument(
        fmt::format("{}: country '{}' is not an ISO 3166-1 country code (e.g. PK)", where, card->country));
  card->country = UpperWithoutSpaces(country);  // the model canonicalises to "pk"; ISO 3166 writes "PK"
  if (crypto_core_ed25519_is_valid_point(card->sign_public.data()) != 1)
    return Status::InvalidArgument(
        fmt::format("{}: sign_public of '{}' is not a valid Ed25519 public key; ask the partner for its card again",
                    where, card->agency_id));
  if (!FullOrderX25519(card->encrypt_public))
    return Status::InvalidArgument(
        fmt::format("{}: encrypt_public of '{}' is not a usable X25519 public key; ask the partner for its card again",
                    where, card->agency_id));
  return Status::Ok();
}

std::string CardJson(const AgencyCard& card) {
  return nlohmann::ordered_json{{"kashf_agency", kCardVersion},
                                {"agency_id", card.agency_id},
                                {"name", card.name},
                                {"country", card.country},
                                {"sign_public", KeyHex(card.sign_public)},
                                {"encrypt_public", KeyHex(card.encrypt_public)},
                                {"fingerprint", card.Fingerprint()}}
      .dump(2);
}

Result<AgencyCard> ParseCard(std::string_view text, std::string_view where) {
  YAML::Node n;
  try {
    n = YAML::Load(std::string(text));
  } catch (const YAML::Exception& e) {
    return Status::InvalidArgument(fmt::format("{}: not an agency card (line {}: {})", where, e.mark.line + 1, e.msg));
  }
  if (!n.IsMap())
    return Status::InvalidArgument(fmt::format(
        "{}: not an agency card (a map with agency_id:, name:, country:, sign_public:, encrypt_public:, fingerprint:)",
        where));
  AgencyCard card;
  auto field = [&](const char* key, std::string* out) -> Status {
    if (!n[key] || !n[key].IsScalar()) return Status::InvalidArgument(fmt::format("{}: '{}:' is missing", where, key));
    *out = n[key].as<std::string>();
    return Status::Ok();
  };
  std::string sign_hex, encrypt_hex, fingerprint;
  KASHF_RETURN_IF_ERROR(field("agency_id", &card.agency_id));
  const std::string at = fmt::format("{} (agency '{}')", where, card.agency_id);
  KASHF_RETURN_IF_ERROR(field("name", &card.name));
  KASHF_RETURN_IF_ERROR(field("country", &card.country));
  KASHF_RETURN_IF_ERROR(field("sign_public", &sign_hex));
  KASHF_RETURN_IF_ERROR(field("encrypt_public", &encrypt_hex));
  KASHF_RETURN_IF_ERROR(field("fingerprint", &fingerprint));
  if (!KeyFromHex(sign_hex, &card.sign_public))
    return Status::InvalidArgument(fmt::format("{}: sign_public must be 64 hex digits (an Ed25519 public key)", at));
  if (!KeyFromHex(encrypt_hex, &card.encrypt_public))
    return Status::InvalidArgument(fmt::format("{}: encrypt_public must be 64 hex digits (an X25519 public key)", at));
  KASHF_RETURN_IF_ERROR(CheckCard(&card, where));
  if (!SameFingerprint(fingerprint, card.Fingerprint()))
    return Status::InvalidArgument(fmt::format(
        "{}: the fingerprint does not match the keys (they were altered or copied wrongly); get the card again and "
        "compare its fingerprint with the partner by telephone or letter",
        at));
  return card;
}

}  // namespace kashf::sharing
