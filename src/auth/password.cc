#include "kashf/auth/password.h"

#include <sodium.h>

#include <fmt/format.h>

#include "kashf/core/text.h"

namespace kashf::auth {

PasswordCost PasswordCost::MinimumForTests() { return {crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN}; }

Status CheckPasswordPolicy(std::string_view password) {
  if (password.size() < kMinPasswordLength)
    return Status::InvalidArgument(fmt::format(
        "the password is too short: use at least {} characters (a few words work well)", kMinPasswordLength));
  if (password.size() > kMaxPasswordLength)
    return Status::InvalidArgument(fmt::format("the password is too long: use at most {} bytes", kMaxPasswordLength));
  if (!IsValidUtf8(password)) return Status::InvalidArgument("the password is not valid UTF-8 text");
  return Status::Ok();
}

Result<std::string> HashPassword(std::string_view password, const PasswordCost& cost) {
  KASHF_RETURN_IF_ERROR(CheckPasswordPolicy(password));
  if (sodium_init() < 0) return Status::Internal("libsodium could not be initialised");
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), cost.ops, cost.mem, crypto_pwhash_ALG_ARGON2ID13) !=
      0)
    return Status::Internal("hashing the password ran out of memory; try again when the server is less busy");
  return std::string(out);
}

bool VerifyPassword(const std::string& hash, std::string_view password) {
  if (sodium_init() < 0 || hash.empty() || hash.size() >= crypto_pwhash_STRBYTES) return false;
  if (password.size() > kMaxPasswordLength) return false;
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

std::string GeneratePassword(size_t length) {
  static constexpr std::string_view kAlphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  if (sodium_init() < 0) return {};
  std::string out;
  out.reserve(length);
  for (size_t i = 0; i < length; ++i)
    out.push_back(kAlphabet[randombytes_uniform(static_cast<uint32_t>(kAlphabet.size()))]);
  return out;
}

}  // namespace kashf::auth
