// Password hashing with Argon2id (RFC 9106) through libsodium's crypto_pwhash_str: the stored
// string carries algorithm, salt and cost, so hashes made with an older cost still verify.
// Policy: 12..1024 bytes of valid UTF-8 (NIST SP 800-63B 5.1.1: length over composition rules).
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "kashf/core/result.h"

namespace kashf::auth {

struct PasswordCost {
  uint64_t ops = 2;                  // crypto_pwhash_OPSLIMIT_INTERACTIVE
  size_t mem = 64u * 1024u * 1024u;  // crypto_pwhash_MEMLIMIT_INTERACTIVE (64 MiB)
  // libsodium's minimum cost: only for tests (fast under sanitizers), never for real accounts.
  static PasswordCost MinimumForTests();
};

inline constexpr size_t kMinPasswordLength = 12;
inline constexpr size_t kMaxPasswordLength = 1024;

// InvalidArgument saying what is wrong (never echoing the password).
Status CheckPasswordPolicy(std::string_view password);
// "$argon2id$v=19$m=...,t=...,p=1$salt$hash". Internal if libsodium runs out of memory.
Result<std::string> HashPassword(std::string_view password, const PasswordCost& cost = {});
// Constant-time check of `password` against a string made by HashPassword. False for a malformed hash.
bool VerifyPassword(const std::string& hash, std::string_view password);
// A random password of `length` characters from an alphabet without look-alikes (for seeded accounts).
std::string GeneratePassword(size_t length = 20);

}  // namespace kashf::auth
