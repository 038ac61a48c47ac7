// The rules every AccountStore backend applies before it writes (account_store.h): valid names,
// agencies and user fields, the Argon2id hash to store, and which changes to a user end their
// sessions. One place, so the SQLite and PostgreSQL stores cannot drift apart.
#pragma once
#include <string>
#include <string_view>

#include "kashf/auth/account_store.h"

namespace kashf::auth::rules {

// Version 1 of component "accounts", the same DDL on SQLite and PostgreSQL (BIGINT has SQLite's
// INTEGER affinity; no key is a SQLite rowid).
extern const char* const kSchemaV1;

// A session past its absolute expiry or idle too long at `now`.
bool SessionEnded(const Session& s, int64_t now, const SessionPolicy& policy);
// Whether resolving the session at `now` should write last_seen (at most once a minute).
inline bool SessionRefreshDue(const Session& s, int64_t now) { return now - s.last_seen >= 60; }

// InvalidArgument naming the bad name and the alphabet.
Status NameError(std::string_view what, std::string_view name);
// Id, name and country of a new agency.
Status CheckAgency(const Agency& a);
// Full name, agency id (which must exist in `store`) and the all_agencies scope of a user.
Status CheckUserFields(const User& u, AccountStore& store);
// The hash to store for a new user: the pre-computed one (must be Argon2id) or HashPassword(password).
Result<std::string> HashFor(const NewUser& nu, const PasswordCost& cost);

// A user after an update, the new password hash to store (empty: unchanged) and whether the change
// ends the user's sessions (role, agency, scope, disabled flag or password changed).
struct UserChange {
  User user;
  std::string password_hash;
  bool end_sessions = false;
};
// Applies `up` to `current` and checks the result (CheckUserFields).
Result<UserChange> ApplyUpdate(User current, const UserUpdate& up, const PasswordCost& cost, AccountStore& store);

}  // namespace kashf::auth::rules
