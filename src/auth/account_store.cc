// Backend-independent parts of the account store (account_store.h): names, session tokens and the
// choice of backend by location.
#include <sodium.h>

#include "kashf/auth/account_store.h"
#include "kashf/store/database_location.h"

namespace kashf::auth {

bool IsValidAccountName(std::string_view name) {
  if (name.size() < 2 || name.size() > 64) return false;
  for (char c : name)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_')) return false;
  return true;
}

std::string TokenHash(std::string_view token) {
  unsigned char h[crypto_generichash_BYTES];
  crypto_generichash(h, sizeof h, reinterpret_cast<const unsigned char*>(token.data()), token.size(), nullptr, 0);
  char hex[2 * sizeof h + 1];
  sodium_bin2hex(hex, sizeof hex, h, sizeof h);
  return hex;
}

std::string NewSessionToken() {
  if (sodium_init() < 0) return {};
  unsigned char raw[32];
  randombytes_buf(raw, sizeof raw);
  char hex[2 * sizeof raw + 1];
  sodium_bin2hex(hex, sizeof hex, raw, sizeof raw);
  sodium_memzero(raw, sizeof raw);
  return hex;
}

Result<std::unique_ptr<AccountStore>> OpenAccountStore(const std::string& location,
                                                       const AccountStoreOptions& options) {
  if (store::IsPostgresUrl(location)) return OpenPostgresAccountStore(location, options);
  return OpenSqliteAccountStore(location, options);
}

}  // namespace kashf::auth
