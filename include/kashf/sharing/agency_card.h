// AgencyCard: the public identity of one Kashf installation (an agency), as a partner holds it:
// agency id, name, country, an Ed25519 signing key and an X25519 encryption key (libsodium,
// RFC 8032 / RFC 7748), and a fingerprint of them that two people compare out of band (read over
// the phone, printed on a letter) before either trusts the other's packages.
//
// Fingerprint (docs/sharing.md): BLAKE2b-256 (libsodium crypto_generichash) over
//   "kashf-agency-fingerprint-v1\n" || agency id || "\n" || signing key (32 bytes) || encryption key (32 bytes),
// of which the first 20 bytes (160 bits) are written as 40 upper-case hex digits in ten groups of
// four, e.g. "3F2A 91C0 77DE 0B14 5A6C 2E98 D1F3 4407 8B2C E915". The agency id is inside, so a
// card that claims another agency's keys under its own name does not match.
// Thread safety: plain values; the functions are pure.
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "kashf/core/result.h"

namespace kashf::sharing {

using PublicKey = std::array<unsigned char, 32>;

struct AgencyCard {
  std::string agency_id;  // letters, digits, '-' and '_' (it names the dataset of what this agency shares)
  std::string name;
  std::string country;  // ISO 3166-1 alpha-2
  PublicKey sign_public{};
  PublicKey encrypt_public{};

  // The fingerprint of this card in its grouped form (see above).
  std::string Fingerprint() const;
};

// True when `id` may be an agency id: 1-64 of letters, digits, '-', '_'.
bool IsAgencyId(std::string_view id);

// Two fingerprints are the same one whatever their spacing and case.
bool SameFingerprint(std::string_view a, std::string_view b);

// Checks a card's fields: agency id, non-empty name, a known country code (canonicalised), a
// signing key that is a valid Ed25519 point and an encryption key of full order. InvalidArgument
// naming `where` and the field otherwise.
Status CheckCard(AgencyCard* card, std::string_view where);

// A card as JSON text (one object; what `kashf agency init` writes to KEY.pub and a partner
// imports with `kashf agency add-partner`), with its fingerprint:
//   {"kashf_agency":1,"agency_id":"...","name":"...","country":"PK","sign_public":"<hex>",
//    "encrypt_public":"<hex>","fingerprint":"3F2A ..."}
std::string CardJson(const AgencyCard& card);
// Reads CardJson() output (or the same keys in YAML). InvalidArgument naming `where` for a
// missing or malformed field, a bad key, or a fingerprint that does not match the keys.
Result<AgencyCard> ParseCard(std::string_view text, std::string_view where);

// Hex of a public key and its inverse (exactly 64 hex digits).
std::string KeyHex(const PublicKey& key);
bool KeyFromHex(std::string_view hex, PublicKey* key);

}  // namespace kashf::sharing
