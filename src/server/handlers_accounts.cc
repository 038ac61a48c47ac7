// Health, login/logout/me/password, agencies and users (administrator), audit review.
#include <fmt/format.h>

#include "body_reader.h"
#include "json_views.h"
#include "kashf/core/text.h"
#include "server_state.h"

namespace kashf::server {
namespace {

using auth::Permission;

std::string SessionCookie(const Call& c, const std::string& token, int64_t max_age) {
  return fmt::format("kashf_session={}; Path=/; HttpOnly; SameSite=Strict; Max-Age={}{}", token, max_age,
                     c.state.config.secure_cookies || c.req.tls ? "; Secure" : "");
}

// Runs an Argon2id computation in one of the few slots (each takes 64 MiB).
template <typename Fn>
auto WithHashSlot(Api::State& s, Fn fn) {
  s.hash_slots->acquire();
  struct Release {
    Api::State& s;
    ~Release() { s.hash_slots->release(); }
  } release{s};
  return fn();
}

Reply TooManyAttempts(int64_t wait) {
  Reply r = ErrorReply(429, "too_many_requests",
                       fmt::format("too many failed password checks; try again in {} seconds", wait));
  r.headers.push_back({"Retry-After", std::to_string(wait)});
  return r;
}

Result<Reply> Health(Call&) { return JsonReply({{"status", "ok"}, {"version", "0.1.0"}, {"api", "v1"}}); }

Result<Reply> Login(Call& c) {
  BodyReader b(c.body);
  b.OnlyFields({"username", "password"});
  std::string username = b.String("username", true, 200);
  std::string password = b.String("password", true, auth::kMaxPasswordLength);
  KASHF_RETURN_IF_ERROR(b.status());
  auto& s = c.state;
  const int64_t now = NowUnixSeconds();
  const std::string user_key = "u:" + ToLowerAscii(username), ip_key = "ip:" + c.req.remote_addr;
  // Both slots are taken before the password is checked (an attempt in flight counts against the
  // allowance), so parallel guesses cannot slip in between the check and the count.
  auth::LoginLimiter::Attempt user_attempt = s.limiter->Reserve(user_key, now);
  std::optional<auth::LoginLimiter::Attempt> ip_attempt;
  if (user_attempt.granted() && !c.req.remote_addr.empty()) ip_attempt.emplace(s.ip_limiter->Reserve(ip_key, now));
  if (!user_attempt.granted()) return TooManyAttempts(user_attempt.retry_after());
  if (ip_attempt && !ip_attempt->granted()) return TooManyAttempts(ip_attempt->retry_after());
  Result<std::pair<auth::User, std::string>> cred = Status::NotFound("");
  if (auth::IsValidAccountName(username)) {
    MutexLock lock(s.accounts_mu);
    cred = s.accounts->Credentials(username);
  }
  if (!cred.ok() && cred.status().code() != StatusCode::kNotFound) return cred.status();
  // Verify against a dummy hash for unknown users so timing does not reveal which names exist.
  bool good = WithHashSlot(s, [&] { return auth::VerifyPassword(cred.ok() ? cred->second : s.dummy_hash, password); });
  if (!good || !cred.ok() || cred->first.disabled) {
    user_attempt.Failed();
    if (ip_attempt) ip_attempt->Failed();
    // Only a real account name goes to the audit log (a mistyped password in the name field must not).
    if (cred.ok())
      KASHF_RETURN_IF_ERROR(c.Audit("auth.login.failed", cred->first.username,
                                    cred->first.disabled ? "disabled" : "bad-password", cred->first.username,
                                    cred->first.agency));
    else KASHF_RETURN_IF_ERROR(c.Audit("auth.login.failed", "", "unknown-user", "-", "-"));
    return ErrorReply(401, "invalid_credentials", "the user name or password is wrong, or the account is disabled");
  }
  user_attempt.Succeeded();
  const auth::User& u = cred->first;
  Result<auth::Session> session = Status::Internal("");
  {
    MutexLock lock(s.accounts_mu);
    session = s.accounts->CreateSession(u.username, now, s.config.sessions);
  }
  if (!session.ok()) return session.status();
  c.user = u;
  KASHF_RETURN_IF_ERROR(c.Audit("auth.login", u.username, ""));
  Reply r = JsonReply({{"token", session->token},
                       {"expires_at", TimeJson(session->expires)},
                       {"idle_timeout_seconds", s.config.sessions.idle_seconds},
                       {"user", UserJson(u)},
                       {"permissions", auth::PermissionNames(u.role)}});
  r.headers.push_back({"Set-Cookie", SessionCookie(c, session->token, s.config.sessions.lifetime_seconds)});
  return r;
}

Result<Reply> Logout(Call& c) {
  {
    MutexLock lock(c.state.accounts_mu);
    KASHF_RETURN_IF_ERROR(c.state.accounts->EndSession(c.token));
  }
  KASHF_RETURN_IF_ERROR(c.Audit("auth.logout", c.user->username, ""));
  Reply r = JsonReply({{"logged_out", true}});
  r.headers.push_back({"Set-Cookie", SessionCookie(c, "", 0)});
  return r;
}

Result<Reply> Me(Call& c) {
  return JsonReply({{"user", UserJson(*c.user)},
                    {"permissions", auth::PermissionNames(c.user->role)},
                    {"identity_key_configured", c.state.vault.has_value()}});
}

Result<Reply> ChangePassword(Call& c) {
  BodyReader b(c.body);
  b.OnlyFields({"current_password", "new_password"});
  std::string current = b.String("current_password", true, auth::kMaxPasswordLength);
  std::string fresh = b.String("new_password", true, auth::kMaxPasswordLength);
  KASHF_RETURN_IF_ERROR(b.status());
  KASHF_RETURN_IF_ERROR(auth::CheckPasswordPolicy(fresh));
  auto& s = c.state;
  Result<std::pair<auth::User, std::string>> cred = Status::NotFound("");
  {
    MutexLock lock(s.accounts_mu);
    cred = s.accounts->Credentials(c.user->username);
  }
  if (!cred.ok()) return cred.status();
  // The same per-user brake as login: a stolen session must not become a way to guess the password.
  auth::LoginLimiter::Attempt attempt = s.limiter->Reserve("u:" + ToLowerAscii(c.user->username), NowUnixSeconds());
  if (!attempt.granted()) return TooManyAttempts(attempt.retry_after());
  if (!WithHashSlot(s, [&] { return auth::VerifyPassword(cred->second, current); })) {
    attempt.Failed();
    KASHF_RETURN_IF_ERROR(c.Audit("auth.password.refused", c.user->username, "wrong-current-password"));
    return ErrorReply(403, "forbidden", "the current password is wrong");
  }
  attempt.Succeeded();
  auto hash = WithHashSlot(s, [&] { return auth::HashPassword(fresh, s.config.password_cost); });
  if (!hash.ok()) return hash.status();
  auth::UserUpdate up;
  up.password_hash = *hash;
  {
    MutexLock lock(s.accounts_mu);
    KASHF_RETURN_IF_ERROR(s.accounts->UpdateUser(c.user->username, up).status());
  }
  KASHF_RETURN_IF_ERROR(c.Audit("auth.password", c.user->username, "sessions-ended"));
  Reply r = JsonReply(
      {{"changed", true}, {"message", "password changed; every session of this account has ended, log in again"}});
  r.headers.push_back({"Set-Cookie", SessionCookie(c, "", 0)});
  return r;
}

Result<Reply> ListAgencies(Call& c) {
  KASHF_ASSIGN_OR_RETURN(Page page, c.Paging(100));
  Result<std::vector<auth::Agency>> all = Status::Internal("");
  {
    MutexLock lock(c.state.accounts_mu);
    all = c.state.accounts->Agencies();
  }
  if (!all.ok()) return all.status();
  nlohmann::json items = nlohmann::json::array();
  for (const auto& a : *all) items.push_back(AgencyJson(a));
  KASHF_RETURN_IF_ERROR(c.Audit("agencies.list", "", fmt::format("count={}", all->size())));
  return JsonReply(PageOf(items, page));
}

Result<Reply> CreateAgency(Call& c) {
  BodyReader b(c.body);
  b.OnlyFields({"id", "name", "country"});
  auth::Agency a;
  a.id = b.String("id", true, 64);
  a.name = b.String("name", true, 200);
  a.country = b.String("country", false, 3);
  KASHF_RETURN_IF_ERROR(b.status());
  {
    MutexLock lock(c.state.accounts_mu);
    KASHF_RETURN_IF_ERROR(c.state.accounts->CreateAgency(a));
    KASHF_ASSIGN_OR_RETURN(a, c.state.accounts->GetAgency(a.id));
  }
  KASHF_RETURN_IF_ERROR(c.Audit("agency.create", a.id, ""));
  return JsonReply(AgencyJson(a), 201);
}

Result<Reply> ListUsers(Call& c) {
  KASHF_ASSIGN_OR_RETURN(Page page, c.Paging(100));
  std::string role = c.Query("role"), agency = c.Query("agency");
  if (!role.empty()) KASHF_RETURN_IF_ERROR(auth::ParseRole(role).status());
  Result<std::vector<auth::User>> all = Status::Internal("");
  {
    MutexLock lock(c.state.accounts_mu);
    all = c.state.accounts->Users();
  }
  if (!all.ok()) return all.status();
  nlohmann::json items = nlohmann::json::array();
  for (const auto& u : *all)
    if ((role.empty() || auth::RoleName(u.role) == role) && (agency.empty() || u.agency == agency))
      items.push_back(UserJson(u));
  KASHF_RETURN_IF_ERROR(c.Audit("users.list", "", fmt::format("count={}", items.size())));
  return JsonReply(PageOf(items, page));
}

Result<Reply> CreateUser(Call& c) {
  BodyReader b(c.body);
  b.OnlyFields({"username", "full_name", "role", "agency", "all_agencies", "password"});
  auth::NewUser nu;
  nu.user.username = b.String("username", true, 64);
  nu.user.full_name = b.String("full_name", false, 200);
  std::string role = b.String("role", true, 32);
  nu.user.agency = b.String("agency", true, 64);
  nu.user.all_agencies = b.Bool("all_agencies", false);
  std::string password = b.String("password", false, auth::kMaxPasswordLength);
  KASHF_RETURN_IF_ERROR(b.status());
  KASHF_ASSIGN_OR_RETURN(nu.user.role, auth::ParseRole(role));
  bool generated = password.empty();
  if (generated) password = auth::GeneratePassword(20);
  KASHF_RETURN_IF_ERROR(auth::CheckPasswordPolicy(password));
  auto hash = WithHashSlot(c.state, [&] { return auth::HashPassword(password, c.state.config.password_cost); });
  if (!hash.ok()) return hash.status();
  nu.password_hash = *hash;
  Result<auth::User> u = Status::Internal("");
  {
    MutexLock lock(c.state.accounts_mu);
    u = c.state.accounts->CreateUser(nu);
  }
  if (!u.ok()) return u.status();
  KASHF_RETURN_IF_ERROR(c.Audit(
      "user.create", u->username,
      fmt::format("role={} agency={}{}", auth::RoleName(u->role), u->agency, u->all_agencies ? " all_agencies" : "")));
  nlohmann::json body{{"user", UserJson(*u)}};
  if (generated) body["password"] = password;  // shown once; the administrator hands it over
  return JsonReply(body, 201);
}

Result<Reply> GetUser(Call& c) {
  Result<auth::User> u = Status::Internal("");
  {
    MutexLock lock(c.state.accounts_mu);
    u = c.state.accounts->GetUser(c.Param("username"));
  }
  if (!u.ok()) return u.status();
  KASHF_RETURN_IF_ERROR(c.Audit("user.read", u->username, ""));
  return JsonReply(UserJson(*u));
}

Result<Reply> UpdateUser(Call& c) {
  BodyReader b(c.body);
  b.OnlyFields({"full_name", "role", "agency", "all_agencies", "disabled", "password"});
  auth::UserUpdate up;
  up.full_name = b.OptString("full_name", 200);
  auto role = b.OptString("role", 32);
  up.agency = b.OptString("agency", 64);
  up.all_agencies = b.OptBool("all_agencies");
  up.disabled = b.OptBool("disabled");
  auto password = b.OptString("password", auth::kMaxPasswordLength);
  KASHF_RETURN_IF_ERROR(b.status());
  if (role) {
    KASHF_ASSIGN_OR_RETURN(up.role, auth::ParseRole(*role));
  }
  const std::string& name = c.Param("username");
  if (name == c.user->username &&
      ((up.disabled && *up.disabled) || (up.role && *up.role != auth::Role::kAdministrator)))
    return ErrorReply(409, "failed_precondition",
                      "administrators cannot disable or demote themselves; ask another administrator");
  if (password) {
    KASHF_RETURN_IF_ERROR(auth::CheckPasswordPolicy(*password));
    auto hash = WithHashSlot(c.state, [&] { return auth::HashPassword(*password, c.state.config.password_cost); });
    if (!hash.ok()) return hash.status();
    up.password_hash = *hash;
  }
  Result<auth::User> u = Status::Internal("");
  {
    MutexLock lock(c.state.accounts_mu);
    u = c.state.accounts->UpdateUser(name, up);
  }
  if (!u.ok()) return u.status();
  std::vector<std::string> changed;
  for (const auto& [k, v] : c.body.items()) changed.push_back(k);
  KASHF_RETURN_IF_ERROR(c.Audit("user.update", u->username, "fields=" + Join(changed, ",")));
  return JsonReply(UserJson(*u));
}

Result<Reply> ListAudit(Call& c) {
  KASHF_ASSIGN_OR_RETURN(int64_t after, c.QueryInt("after", 0, 0, INT64_MAX));
  KASHF_ASSIGN_OR_RETURN(int64_t limit, c.QueryInt("limit", 100, 1, 1000));
  KASHF_RETURN_IF_ERROR(c.state.audit_writer->Flush());  // the entries of reads answered before this one
  KASHF_ASSIGN_OR_RETURN(audit::AuditLog * log, c.db.audit());
  KASHF_ASSIGN_OR_RETURN(auto entries, log->List(after, static_cast<size_t>(limit)));
  nlohmann::json items = nlohmann::json::array();
  for (const auto& e : entries)
    items.push_back({{"seq", e.seq},
                     {"at", TimeJson(e.at)},
                     {"actor", e.actor},
                     {"agency", e.agency},
                     {"action", e.action},
                     {"subject", e.subject},
                     {"detail", e.detail},
                     {"prev_hash", e.prev_hash},
                     {"hash", e.hash}});
  nlohmann::json next =
      entries.size() == static_cast<size_t>(limit) ? nlohmann::json(entries.back().seq) : nlohmann::json(nullptr);
  KASHF_RETURN_IF_ERROR(c.Audit("audit.read", "", fmt::format("after={} count={}", after, entries.size())));
  return JsonReply({{"items", items}, {"limit", limit}, {"after", after}, {"next_after", next}});
}

Result<Reply> VerifyAudit(Call& c) {
  KASHF_RETURN_IF_ERROR(c.state.audit_writer->Flush());
  KASHF_ASSIGN_OR_RETURN(audit::AuditLog * log, c.db.audit());
  KASHF_ASSIGN_OR_RETURN(auto r, log->Verify());
  KASHF_RETURN_IF_ERROR(
      c.Audit("audit.verify", "", r.first_bad_seq ? fmt::format("broken-at={}", *r.first_bad_seq) : "intact"));
  return JsonReply({{"entries", r.entries},
                    {"intact", !r.first_bad_seq.has_value()},
                    {"first_bad_entry", r.first_bad_seq ? nlohmann::json(*r.first_bad_seq) : nlohmann::json(nullptr)},
                    {"problem", r.problem}});
}

}  // namespace

void AddAccountRoutes(Router& r) {
  r.Add({"GET", "/api/v1/health", std::nullopt, false, Health, "liveness and version (no login)"});
  r.Add({"POST", "/api/v1/auth/login", std::nullopt, true, Login, "log in; returns a session token and sets a cookie"});
  r.Add({"POST", "/api/v1/auth/logout", Permission::kOwnAccount, false, Logout, "end this session"});
  r.Add({"GET", "/api/v1/auth/me", Permission::kOwnAccount, false, Me, "the logged-in user, role and permissions"});
  r.Add({"POST", "/api/v1/auth/password", Permission::kOwnAccount, true, ChangePassword,
         "change own password (ends sessions)"});
  r.Add({"GET", "/api/v1/agencies", Permission::kManageAccounts, false, ListAgencies, "list agencies"});
  r.Add({"POST", "/api/v1/agencies", Permission::kManageAccounts, true, CreateAgency, "create an agency"});
  r.Add({"GET", "/api/v1/users", Permission::kManageAccounts, false, ListUsers, "list users (filter role, agency)"});
  r.Add({"POST", "/api/v1/users", Permission::kManageAccounts, true, CreateUser, "create a user"});
  r.Add({"GET", "/api/v1/users/{username}", Permission::kManageAccounts, false, GetUser, "one user"});
  r.Add({"PATCH", "/api/v1/users/{username}", Permission::kManageAccounts, true, UpdateUser,
         "change role, agency, scope, name, password; disable/enable"});
  r.Add(
      {"GET", "/api/v1/audit", Permission::kReadAudit, false, ListAudit, "audit log entries after a sequence number"});
  r.Add({"GET", "/api/v1/audit/verify", Permission::kReadAudit, false, VerifyAudit, "verify the audit hash chain"});
}

}  // namespace kashf::server
