#include "kashf/victims/identity_vault.h"

#include <sodium.h>

#include <cctype>
#include <cstdlib>
#include <fstream>
#include <vector>

#include <fmt/format.h>

#include "kashf/core/new_file.h"
#include "kashf/core/text.h"

namespace kashf::victims {
namespace {

constexpr char kKdfContext[crypto_kdf_CONTEXTBYTES] = {'k', 'a', 's', 'h', 'f', 'v', 'i', 'c'};

std::string ToBase64(const std::vector<unsigned char>& bytes) {
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), bytes.data(), bytes.size(), sodium_base64_VARIANT_ORIGINAL);
  out.pop_back();  // trailing NUL
  return out;
}

std::string AssociatedData(std::string_view case_id, std::string_view field) {
  return fmt::format("kashf-victim-v1/{}/{}", case_id, field);
}

}  // namespace

std::string NormaliseNationalId(std::string_view id) {
  std::string out;
  for (char c : id)
    if (std::isalnum(static_cast<unsigned char>(c)))
      out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

Status IdentityVault::GenerateKeyFile(const std::string& path) {
  if (sodium_init() < 0) return Status::Internal("libsodium could not be initialised");
  unsigned char key[crypto_kdf_KEYBYTES];
  crypto_kdf_keygen(key);
  char hex[crypto_kdf_KEYBYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, key, sizeof key);
  sodium_memzero(key, sizeof key);
  std::string content = std::string(hex) + "\n";
  sodium_memzero(hex, sizeof hex);
  Status st = CreateNewFile(path, content, 0600);
  sodium_memzero(content.data(), content.size());
  if (st.code() == StatusCode::kAlreadyExists)
    return Status::AlreadyExists(
        fmt::format("key file {} already exists; Kashf never overwrites a key (data sealed "
                    "with it would be lost). Choose another path.",
                    path));
  return st;
}

Result<IdentityVault> IdentityVault::FromKeyFile(const std::string& path) {
  if (sodium_init() < 0) return Status::Internal("libsodium could not be initialised");
  std::ifstream in(path);
  if (!in) return Status::NotFound(fmt::format("key file {} cannot be read; {}", path, kKeyAdvice));
  std::string hex;
  std::getline(in, hex);
  std::string_view trimmed = Trim(hex);
  unsigned char master[crypto_kdf_KEYBYTES];
  size_t len = 0;
  if (trimmed.size() != crypto_kdf_KEYBYTES * 2 ||
      sodium_hex2bin(master, sizeof master, trimmed.data(), trimmed.size(), nullptr, &len, nullptr) != 0 ||
      len != sizeof master)
    return Status::InvalidArgument(
        fmt::format("key file {} is not a Kashf victim-identity key (64 hex digits); {}", path, kKeyAdvice));
  sodium_memzero(hex.data(), hex.size());
  IdentityVault v;
  crypto_kdf_derive_from_key(v.enc_key_.data(), v.enc_key_.size(), 1, kKdfContext, master);
  crypto_kdf_derive_from_key(v.index_key_.data(), v.index_key_.size(), 2, kKdfContext, master);
  sodium_memzero(master, sizeof master);
  return v;
}

Result<IdentityVault> IdentityVault::FromFlagOrEnv(const std::string& key_file) {
  if (!key_file.empty()) return FromKeyFile(key_file);
  if (const char* env = std::getenv("KASHF_VICTIM_KEY"); env && *env) return FromKeyFile(env);
  return Status::FailedPrecondition(
      fmt::format("victim identities are encrypted and no key was given: {}", kKeyAdvice));
}

std::string IdentityVault::Seal(std::string_view case_id, std::string_view field, std::string_view plaintext) const {
  if (plaintext.empty()) return "";
  std::string ad = AssociatedData(case_id, field);
  std::vector<unsigned char> out(crypto_aead_xchacha20poly1305_ietf_NPUBBYTES + plaintext.size() +
                                 crypto_aead_xchacha20poly1305_ietf_ABYTES);
  unsigned char* nonce = out.data();
  randombytes_buf(nonce, crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
  unsigned long long clen = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(out.data() + crypto_aead_xchacha20poly1305_ietf_NPUBBYTES, &clen,
                                             reinterpret_cast<const unsigned char*>(plaintext.data()), plaintext.size(),
                                             reinterpret_cast<const unsigned char*>(ad.data()), ad.size(), nullptr,
                                             nonce, enc_key_.data());
  return ToBase64(out);
}

Result<std::string> IdentityVault::Open(std::string_view case_id, std::string_view field,
                                        std::string_view sealed) const {
  if (sealed.empty()) return std::string();
  std::vector<unsigned char> bytes(sealed.size());
  size_t len = 0;
  if (sodium_base642bin(bytes.data(), bytes.size(), sealed.data(), sealed.size(), nullptr, &len, nullptr,
                        sodium_base64_VARIANT_ORIGINAL) != 0 ||
      len < crypto_aead_xchacha20poly1305_ietf_NPUBBYTES + crypto_aead_xchacha20poly1305_ietf_ABYTES)
    return Status::Corruption(fmt::format("case {}: stored {} is not a sealed value", case_id, field));
  std::string ad = AssociatedData(case_id, field);
  const unsigned char* nonce = bytes.data();
  const unsigned char* c = bytes.data() + crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
  size_t clen = len - crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
  std::string plain(clen - crypto_aead_xchacha20poly1305_ietf_ABYTES, '\0');
  unsigned long long plen = 0;
  if (crypto_aead_xchacha20poly1305_ietf_decrypt(reinterpret_cast<unsigned char*>(plain.data()), &plen, nullptr, c,
                                                 clen, reinterpret_cast<const unsigned char*>(ad.data()), ad.size(),
                                                 nonce, enc_key_.data()) != 0)
    return Status::PermissionDenied(fmt::format(
        "case {}: the {} cannot be decrypted with this key (wrong key file, or the stored value was altered)", case_id,
        field));
  plain.resize(plen);
  return plain;
}

std::string IdentityVault::BlindIndex(std::string_view national_id) const {
  std::string norm = NormaliseNationalId(national_id);
  unsigned char out[32];
  crypto_generichash(out, sizeof out, reinterpret_cast<const unsigned char*>(norm.data()), norm.size(),
                     index_key_.data(), index_key_.size());
  sodium_memzero(norm.data(), norm.size());
  char hex[65];
  sodium_bin2hex(hex, sizeof hex, out, sizeof out);
  return hex;
}

}  // namespace kashf::victims
