// Accounts: agencies, users and login sessions, in tables auth_agencies, auth_users and
// auth_sessions (component "accounts") of a SQLite file (by default the Kashf store itself, or a
// separate file given to `kashf serve --accounts`) or of a PostgreSQL database.
// Sessions: a token is 32 random bytes (libsodium randombytes) shown once to the client as 64 hex
// digits; only its BLAKE2b-256 hash is stored, so a copy of the database cannot be used to log in.
// A session ends at its absolute expiry, after `idle` seconds without use, at logout, or when the
// user is disabled or their password or role changes.
// Thread safety: one AccountStore per thread (one database connection); the server guards its one
// store with a mutex and keeps slow password hashing outside it.
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "kashf/auth/password.h"
#include "kashf/auth/roles.h"
#include "kashf/core/result.h"

namespace kashf::auth {

struct Agency {
  std::string id;       // "fia-ahtc-lahore": lower-case letters, digits, '.', '-', '_' (2..64)
  std::string name;     // "FIA Anti-Human Trafficking Circle, Lahore"
  std::string country;  // ISO 3166-1 alpha-3, e.g. "PAK"; may be empty
  int64_t created = 0;
};

struct User {
  std::string username;  // same alphabet as agency ids
  std::string full_name;
  Role role = Role::kAnalyst;
  std::string agency;
  bool all_agencies = false;  // case workers only: national NRM coordinator (sees every agency's cases)
  bool disabled = false;
  int64_t created = 0;
  int64_t password_changed = 0;
};

struct NewUser {
  User user;
  std::string password;       // must pass CheckPasswordPolicy ...
  std::string password_hash;  // ... or, when set, a HashPassword() result made beforehand (so a
                              // server can hash outside its lock); `password` is then ignored
};

// A change to a user; unset fields stay as they are.
struct UserUpdate {
  std::optional<std::string> full_name;
  std::optional<Role> role;
  std::optional<std::string> agency;
  std::optional<bool> all_agencies;
  std::optional<bool> disabled;
  std::optional<std::string> password;
  std::optional<std::string> password_hash;  // pre-computed HashPassword() result (see NewUser)
};

struct Session {
  std::string token;  // only set when the session is created; never stored
  std::string username;
  int64_t created = 0, expires = 0, last_seen = 0;
};

struct SessionPolicy {
  int64_t lifetime_seconds = 8 * 3600;  // absolute
  int64_t idle_seconds = 30 * 60;
};

// Letters a-z, digits, '.', '-', '_', 2..64 characters.
bool IsValidAccountName(std::string_view name);

class AccountStore {
 public:
  virtual ~AccountStore() = default;

  // AlreadyExists / InvalidArgument with the reason.
  virtual Status CreateAgency(const Agency& agency) = 0;
  virtual Result<std::vector<Agency>> Agencies() = 0;
  virtual Result<Agency> GetAgency(const std::string& id) = 0;

  // Hashes the password with the store's cost. The agency must exist; all_agencies only for case workers.
  virtual Result<User> CreateUser(const NewUser& user) = 0;
  virtual Result<User> GetUser(const std::string& username) = 0;
  virtual Result<std::vector<User>> Users() = 0;
  // Ends every session of the user when the role, agency, scope, password or disabled flag changes.
  virtual Result<User> UpdateUser(const std::string& username, const UserUpdate& update) = 0;
  // The user and their stored password hash (for the caller to verify outside any lock).
  virtual Result<std::pair<User, std::string>> Credentials(const std::string& username) = 0;

  // Starts a session for `username` at `now`; the returned Session carries the token.
  virtual Result<Session> CreateSession(const std::string& username, int64_t now, const SessionPolicy& policy) = 0;
  // The session and its (enabled) user for a token, refreshing last_seen (at most once a minute).
  // NotFound (same message for every reason) if the token is unknown, expired, idle too long or
  // the user is disabled.
  virtual Result<std::pair<Session, User>> ResolveSession(const std::string& token, int64_t now,
                                                          const SessionPolicy& policy) = 0;
  virtual Status EndSession(const std::string& token) = 0;
  virtual Status EndUserSessions(const std::string& username) = 0;
  // Deletes sessions past expiry or idle; returns how many.
  virtual Result<int64_t> PurgeSessions(int64_t now, const SessionPolicy& policy) = 0;
};

struct AccountStoreOptions {
  PasswordCost cost;
};

// The store at `location`: a PostgreSQL URL (postgresql://...) or a SQLite file path.
Result<std::unique_ptr<AccountStore>> OpenAccountStore(const std::string& location,
                                                       const AccountStoreOptions& options = {});
Result<std::unique_ptr<AccountStore>> OpenSqliteAccountStore(const std::string& path,
                                                             const AccountStoreOptions& options = {});
// Tables auth_agencies, auth_users, auth_sessions (component "accounts") in a PostgreSQL database, so
// several servers on one database share users and sessions (docs/postgresql.md).
Result<std::unique_ptr<AccountStore>> OpenPostgresAccountStore(const std::string& url,
                                                               const AccountStoreOptions& options = {});

// hex BLAKE2b-256 of a session token (what the store keeps).
std::string TokenHash(std::string_view token);
// A new token: 32 random bytes as 64 hex digits.
std::string NewSessionToken();

}  // namespace kashf::auth
