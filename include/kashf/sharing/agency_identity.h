// AgencyIdentity: this installation's own agency identity with its secret keys, an Ed25519
// signing key pair and an X25519 encryption key pair (libsodium crypto_sign / crypto_box).
// The secret keys live in a key file outside the database, like the victim-identity key and the
// audit anchor key: written once with mode 0600 and never overwritten, beside a KEY.pub card
// (agency_card.h) to give to partners. Losing the key file means partners must be given a new
// card; a stolen one lets the thief sign as the agency (docs/sharing.md, "Keys").
// Key file: one JSON object,
//   {"kashf_agency_key":1,"agency_id":"...","name":"...","country":"PK",
//    "sign_secret":"<128 hex>","encrypt_secret":"<64 hex>"}
// Thread safety: immutable after loading; Sign() may be called from several threads.
#pragma once
#include <array>
#include <string>
#include <string_view>

#include "kashf/core/result.h"
#include "kashf/sharing/agency_card.h"

namespace kashf::sharing {

// The advice every "no agency key" error carries.
inline constexpr std::string_view kAgencyKeyAdvice =
    "give the agency key with --key-file PATH or the environment variable KASHF_AGENCY_KEY "
    "(create it once with `kashf agency init`; keep it outside the database)";

class AgencyIdentity {
 public:
  AgencyIdentity() = default;
  AgencyIdentity(const AgencyIdentity&) = default;
  AgencyIdentity& operator=(const AgencyIdentity&) = default;
  ~AgencyIdentity();  // wipes the secret keys

  // Creates new key pairs for `card` (its agency id, name and country are checked; its keys are
  // replaced) and writes the key file at `path` (0600) and the card at `path`.pub (0644).
  // AlreadyExists, writing nothing, when either file exists. Returns the card written.
  static Result<AgencyCard> Generate(const std::string& path, AgencyCard card);
  // Reads a key file written by Generate. NotFound / InvalidArgument (never quoting the secret).
  static Result<AgencyIdentity> FromFile(const std::string& path);

  const AgencyCard& card() const { return card_; }
  // Ed25519 detached signature (64 bytes) of `message`.
  std::array<unsigned char, 64> Sign(std::string_view message) const;
  // Opens a libsodium sealed box (crypto_box_seal) made for this agency's encryption key; false
  // when it was made for another key or altered.
  bool Unseal(std::string_view sealed, std::string* plain) const;

 private:
  AgencyCard card_;
  std::array<unsigned char, 64> sign_secret_{};
  std::array<unsigned char, 32> encrypt_secret_{};
};

// True when `signature` is `card`'s Ed25519 signature of `message`.
bool VerifySignature(const AgencyCard& card, std::string_view message, const std::array<unsigned char, 64>& signature);

}  // namespace kashf::sharing
