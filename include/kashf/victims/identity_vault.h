// Field-level encryption of victim identities (libsodium).
// Each identity field is sealed on its own with XChaCha20-Poly1305 (crypto_aead_xchacha20poly1305_ietf)
// under a fresh random 192-bit nonce, with "<case id>/<field>" as associated data, so a ciphertext
// cannot be moved to another case or field unnoticed. A blind index (keyed BLAKE2b of the
// normalised national id) allows exact look-up without decryption.
// The master key lives in a file outside the database (0600); two subkeys are derived from it with
// crypto_kdf (one for encryption, one for the blind index).
// Contract: no method ever puts plaintext in a Status message.
#pragma once
#include <array>
#include <string>
#include <string_view>

#include "kashf/core/result.h"
#include "kashf/victims/victim_case.h"

namespace kashf::victims {

// The advice every "no key" error carries.
inline constexpr std::string_view kKeyAdvice =
    "supply the victim-identity key with --key-file PATH or the environment variable KASHF_VICTIM_KEY "
    "(create one once with `kashf case keygen --key-file PATH` and keep it outside the database)";

class IdentityVault {
 public:
  // Writes a new random key (hex) to `path` with mode 0600. AlreadyExists if the file exists.
  static Status GenerateKeyFile(const std::string& path);
  // Reads a key file written by GenerateKeyFile.
  static Result<IdentityVault> FromKeyFile(const std::string& path);
  // The key file named by `key_file`, else by $KASHF_VICTIM_KEY; FailedPrecondition with kKeyAdvice if neither.
  static Result<IdentityVault> FromFlagOrEnv(const std::string& key_file);

  // "base64(nonce || ciphertext)" of `plaintext`; empty plaintext gives "".
  std::string Seal(std::string_view case_id, std::string_view field, std::string_view plaintext) const;
  // Inverse of Seal; Corruption if the ciphertext was altered, moved, or sealed under another key.
  Result<std::string> Open(std::string_view case_id, std::string_view field, std::string_view sealed) const;
  // Hex keyed BLAKE2b-256 of the normalised id (digits and letters only, upper case).
  std::string BlindIndex(std::string_view national_id) const;

 private:
  std::array<unsigned char, 32> enc_key_{};
  std::array<unsigned char, 32> index_key_{};
};

// Digits and ASCII letters only, upper-cased: "35202-1234567-1" -> "3520212345671".
std::string NormaliseNationalId(std::string_view id);

}  // namespace kashf::victims
