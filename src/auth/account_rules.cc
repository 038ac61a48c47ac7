// Backend-independent account rules (account_rules.h).
#include "account_rules.h"

#include <algorithm>

#include <fmt/format.h>

#include "kashf/core/text.h"

namespace kashf::auth::rules {

const char* const kSchemaV1 =
    "CREATE TABLE auth_agencies (id TEXT PRIMARY KEY, name TEXT NOT NULL, country TEXT NOT NULL, "
    "created BIGINT NOT NULL);"
    "CREATE TABLE auth_users (username TEXT PRIMARY KEY, full_name TEXT NOT NULL, role TEXT NOT NULL, "
    "agency TEXT NOT NULL REFERENCES auth_agencies(id), all_agencies BIGINT NOT NULL, disabled BIGINT NOT NULL, "
    "created BIGINT NOT NULL, password_changed BIGINT NOT NULL, password_hash TEXT NOT NULL);"
    "CREATE TABLE auth_sessions (token_hash TEXT PRIMARY KEY, username TEXT NOT NULL REFERENCES "
    "auth_users(username), created BIGINT NOT NULL, expires BIGINT NOT NULL, last_seen BIGINT NOT NULL);"
    "CREATE INDEX auth_sessions_user ON auth_sessions(username);";

bool SessionEnded(const Session& s, int64_t now, const SessionPolicy& policy) {
  return now >= s.expires || now - s.last_seen > policy.idle_seconds;
}

Status NameError(std::string_view what, std::string_view name) {
  return Status::InvalidArgument(
      fmt::format("'{}' is not a valid {}: use 2-64 lower-case letters, digits, '.', '-' or '_'",
                  name.size() > 80 ? std::string(name.substr(0, 80)) + "..." : std::string(name), what));
}

Status CheckAgency(const Agency& a) {
  if (!IsValidAccountName(a.id)) return NameError("agency id", a.id);
  if (Trim(a.name).empty()) return Status::InvalidArgument(fmt::format("agency '{}' needs a name", a.id));
  if (a.name.size() > 200 || !IsValidUtf8(a.name))
    return Status::InvalidArgument("the agency name must be UTF-8 text of at most 200 bytes");
  if (!a.country.empty() && (a.country.size() != 3 || !std::all_of(a.country.begin(), a.country.end(),
                                                                   [](char c) { return c >= 'A' && c <= 'Z'; })))
    return Status::InvalidArgument(
        fmt::format("country '{}' must be an ISO 3166-1 alpha-3 code such as PAK", a.country.substr(0, 10)));
  return Status::Ok();
}

Status CheckUserFields(const User& u, AccountStore& store) {
  if (u.full_name.size() > 200 || !IsValidUtf8(u.full_name))
    return Status::InvalidArgument("the full name must be UTF-8 text of at most 200 bytes");
  if (!IsValidAccountName(u.agency)) return NameError("agency id", u.agency);
  auto agency = store.GetAgency(u.agency);
  if (!agency.ok() && agency.status().code() != StatusCode::kNotFound) return agency.status();
  if (!agency.ok())
    return Status::InvalidArgument(
        fmt::format("agency '{}' does not exist; create it first (kashf user agency-add)", u.agency));
  if (u.all_agencies && u.role != Role::kCaseWorker)
    return Status::InvalidArgument("all_agencies (national NRM coordinator) applies to case workers only");
  return Status::Ok();
}

namespace {
Status CheckArgon2id(const std::string& hash) {
  if (!StartsWith(hash, "$argon2id$")) return Status::InvalidArgument("the stored password must be an Argon2id hash");
  return Status::Ok();
}
}  // namespace

Result<std::string> HashFor(const NewUser& nu, const PasswordCost& cost) {
  if (nu.password_hash.empty()) return HashPassword(nu.password, cost);
  KASHF_RETURN_IF_ERROR(CheckArgon2id(nu.password_hash));
  return nu.password_hash;
}

Result<UserChange> ApplyUpdate(User u, const UserUpdate& up, const PasswordCost& cost, AccountStore& store) {
  UserChange out;
  if (up.full_name) u.full_name = *up.full_name;
  if (up.role && *up.role != u.role) {
    u.role = *up.role;
    out.end_sessions = true;
  }
  if (up.agency && *up.agency != u.agency) {
    u.agency = *up.agency;
    out.end_sessions = true;
  }
  if (up.all_agencies && *up.all_agencies != u.all_agencies) {
    u.all_agencies = *up.all_agencies;
    out.end_sessions = true;
  }
  if (up.disabled && *up.disabled != u.disabled) {
    u.disabled = *up.disabled;
    out.end_sessions = true;
  }
  if (up.role && *up.role != Role::kCaseWorker && !up.all_agencies) u.all_agencies = false;
  KASHF_RETURN_IF_ERROR(CheckUserFields(u, store));
  if (up.password_hash) {
    KASHF_RETURN_IF_ERROR(CheckArgon2id(*up.password_hash));
    out.password_hash = *up.password_hash;
    out.end_sessions = true;
  } else if (up.password) {
    KASHF_ASSIGN_OR_RETURN(out.password_hash, HashPassword(*up.password, cost));
    out.end_sessions = true;
  }
  out.user = std::move(u);
  return out;
}

}  // namespace kashf::auth::rules
