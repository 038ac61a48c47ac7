// PostgreSQL implementation of AccountStore (see account_store.h for the contracts), on the same
// tables as the SQLite store, so several `kashf serve` processes on one database share users and
// sessions: a session created through one server resolves on another, a logout or a role change
// on one ends the session everywhere.
#include <sodium.h>

#include <fmt/format.h>

#include "account_rules.h"
#include "kashf/auth/account_store.h"
#include "kashf/core/text.h"
#include "kashf/store/pg_db.h"

namespace kashf::auth {
namespace {

constexpr std::string_view kUserColumns =
    "username, full_name, role, agency, all_agencies, disabled, created, password_changed";

std::string Num(int64_t v) { return std::to_string(v); }

class PostgresAccountStore final : public AccountStore {
 public:
  PostgresAccountStore(pg::Connection db, AccountStoreOptions options) : db_(std::move(db)), options_(options) {}

  Status Migrate() { return pg::MigrateComponent(db_, "accounts", {{1, rules::kSchemaV1}}); }

  Status CreateAgency(const Agency& a) override {
    KASHF_RETURN_IF_ERROR(rules::CheckAgency(a));
    KASHF_ASSIGN_OR_RETURN(auto rows,
                           db_.Query("storing the agency",
                                     "INSERT INTO auth_agencies(id, name, country, created) "
                                     "VALUES($1,$2,$3,$4) ON CONFLICT DO NOTHING RETURNING id",
                                     {a.id, a.name, a.country, Num(a.created ? a.created : NowUnixSeconds())}));
    if (rows.empty()) return Status::AlreadyExists(fmt::format("agency '{}' already exists", a.id));
    return Status::Ok();
  }

  Result<std::vector<Agency>> Agencies() override {
    KASHF_ASSIGN_OR_RETURN(
        auto rows, db_.Query("reading agencies", "SELECT id, name, country, created FROM auth_agencies ORDER BY id"));
    std::vector<Agency> out;
    for (int i = 0; i < rows.size(); ++i)
      out.push_back({rows.Text(i, 0), rows.Text(i, 1), rows.Text(i, 2), rows.Int(i, 3)});
    return out;
  }

  Result<Agency> GetAgency(const std::string& id) override {
    KASHF_ASSIGN_OR_RETURN(
        auto rows,
        db_.Query("reading an agency", "SELECT id, name, country, created FROM auth_agencies WHERE id=$1", {id}));
    if (rows.empty()) return Status::NotFound(fmt::format("no agency '{}'", id.substr(0, 64)));
    return Agency{rows.Text(0, 0), rows.Text(0, 1), rows.Text(0, 2), rows.Int(0, 3)};
  }

  Result<User> CreateUser(const NewUser& nu) override {
    const User& u = nu.user;
    if (!IsValidAccountName(u.username)) return rules::NameError("user name", u.username);
    KASHF_RETURN_IF_ERROR(rules::CheckUserFields(u, *this));
    KASHF_ASSIGN_OR_RETURN(std::string hash, rules::HashFor(nu, options_.cost));
    const int64_t now = NowUnixSeconds();
    KASHF_ASSIGN_OR_RETURN(
        auto rows, db_.Query("storing the user",
                             "INSERT INTO auth_users(username, full_name, role, agency, all_agencies, disabled, "
                             "created, password_changed, password_hash) VALUES($1,$2,$3,$4,$5,$6,$7,$8,$9) "
                             "ON CONFLICT DO NOTHING RETURNING username",
                             {u.username, u.full_name, std::string(RoleName(u.role)), u.agency, Num(u.all_agencies),
                              Num(u.disabled), Num(now), Num(now), hash}));
    if (rows.empty()) return Status::AlreadyExists(fmt::format("user '{}' already exists", u.username));
    return GetUser(u.username);
  }

  Result<User> GetUser(const std::string& username) override {
    KASHF_ASSIGN_OR_RETURN(auto cred, Credentials(username));
    return cred.first;
  }

  Result<std::vector<User>> Users() override {
    KASHF_ASSIGN_OR_RETURN(
        auto rows,
        db_.Query("reading users", fmt::format("SELECT {} FROM auth_users ORDER BY username", kUserColumns)));
    std::vector<User> out;
    for (int i = 0; i < rows.size(); ++i) {
      KASHF_ASSIGN_OR_RETURN(User u, ReadUser(rows, i));
      out.push_back(std::move(u));
    }
    return out;
  }

  Result<User> UpdateUser(const std::string& username, const UserUpdate& up) override {
    KASHF_ASSIGN_OR_RETURN(User current, GetUser(username));
    KASHF_ASSIGN_OR_RETURN(rules::UserChange change, rules::ApplyUpdate(current, up, options_.cost, *this));
    const User& u = change.user;
    const std::string what = "updating the user";
    const Status written = db_.Transaction(what, [&]() -> Status {
      KASHF_RETURN_IF_ERROR(db_.Exec(
          what,
          "UPDATE auth_users SET full_name=$1, role=$2, agency=$3, all_agencies=$4, disabled=$5 WHERE username=$6",
          {u.full_name, std::string(RoleName(u.role)), u.agency, Num(u.all_agencies), Num(u.disabled), username}));
      if (!change.password_hash.empty())
        KASHF_RETURN_IF_ERROR(db_.Exec("updating the password",
                                       "UPDATE auth_users SET password_hash=$1, password_changed=$2 WHERE username=$3",
                                       {change.password_hash, Num(NowUnixSeconds()), username}));
      if (change.end_sessions) KASHF_RETURN_IF_ERROR(EndUserSessions(username));
      return Status::Ok();
    });
    if (!written.ok()) return written;
    return GetUser(username);
  }

  Result<std::pair<User, std::string>> Credentials(const std::string& username) override {
    KASHF_ASSIGN_OR_RETURN(
        auto rows,
        db_.Query("reading the user",
                  fmt::format("SELECT {}, password_hash FROM auth_users WHERE username=$1", kUserColumns), {username}));
    if (rows.empty()) return Status::NotFound(fmt::format("no user '{}'", username.substr(0, 64)));
    KASHF_ASSIGN_OR_RETURN(User u, ReadUser(rows, 0));
    return std::pair{std::move(u), rows.Text(0, 8)};
  }

  Result<Session> CreateSession(const std::string& username, int64_t now, const SessionPolicy& policy) override {
    Session s;
    s.token = NewSessionToken();
    if (s.token.empty()) return Status::Internal("libsodium could not be initialised");
    s.username = username;
    s.created = s.last_seen = now;
    s.expires = now + policy.lifetime_seconds;
    KASHF_RETURN_IF_ERROR(
        db_.Exec("storing the session",
                 "INSERT INTO auth_sessions(token_hash, username, created, expires, last_seen) VALUES($1,$2,$3,$4,$5)",
                 {TokenHash(s.token), username, Num(s.created), Num(s.expires), Num(s.last_seen)}));
    return s;
  }

  Result<std::pair<Session, User>> ResolveSession(const std::string& token, int64_t now,
                                                  const SessionPolicy& policy) override {
    const Status invalid = Status::NotFound("the session is unknown or has expired; log in again");
    if (token.size() != 64) return invalid;
    const std::string h = TokenHash(token);
    KASHF_ASSIGN_OR_RETURN(
        auto rows,
        db_.Query("reading a session",
                  "SELECT username, created, expires, last_seen FROM auth_sessions WHERE token_hash=$1", {h}));
    if (rows.empty()) return invalid;
    Session s{"", rows.Text(0, 0), rows.Int(0, 1), rows.Int(0, 2), rows.Int(0, 3)};
    if (rules::SessionEnded(s, now, policy)) {
      (void)EndSession(token);
      return invalid;
    }
    auto user = GetUser(s.username);
    if (!user.ok() || user->disabled) return invalid;
    if (rules::SessionRefreshDue(s, now)) {
      KASHF_RETURN_IF_ERROR(db_.Exec("refreshing the session",
                                     "UPDATE auth_sessions SET last_seen=GREATEST(last_seen, $1) WHERE token_hash=$2",
                                     {Num(now), h}));
      s.last_seen = now;
    }
    return std::pair{std::move(s), std::move(*user)};
  }

  Status EndSession(const std::string& token) override {
    return db_.Exec("ending the session", "DELETE FROM auth_sessions WHERE token_hash=$1", {TokenHash(token)});
  }

  Status EndUserSessions(const std::string& username) override {
    return db_.Exec("ending the user's sessions", "DELETE FROM auth_sessions WHERE username=$1", {username});
  }

  Result<int64_t> PurgeSessions(int64_t now, const SessionPolicy& policy) override {
    KASHF_ASSIGN_OR_RETURN(auto rows,
                           db_.Query("purging sessions",
                                     "WITH gone AS (DELETE FROM auth_sessions WHERE expires<=$1 OR last_seen<$2 "
                                     "RETURNING 1) SELECT count(*) FROM gone",
                                     {Num(now), Num(now - policy.idle_seconds)}));
    return rows.Int(0, 0);
  }

 private:
  static Result<User> ReadUser(const pg::Rows& r, int i) {
    User u;
    u.username = r.Text(i, 0);
    u.full_name = r.Text(i, 1);
    auto role = ParseRole(r.Text(i, 2));
    if (!role.ok())
      return Status::Corruption(fmt::format("user '{}' has an unknown role in the accounts table", u.username));
    u.role = *role;
    u.agency = r.Text(i, 3);
    u.all_agencies = r.Int(i, 4) != 0;
    u.disabled = r.Int(i, 5) != 0;
    u.created = r.Int(i, 6);
    u.password_changed = r.Int(i, 7);
    return u;
  }

  pg::Connection db_;
  AccountStoreOptions options_;
};

}  // namespace

Result<std::unique_ptr<AccountStore>> OpenPostgresAccountStore(const std::string& url,
                                                               const AccountStoreOptions& options) {
  if (sodium_init() < 0) return Status::Internal("libsodium could not be initialised");
  KASHF_ASSIGN_OR_RETURN(auto db, pg::Connection::Open(url));
  auto store = std::make_unique<PostgresAccountStore>(std::move(db), options);
  KASHF_RETURN_IF_ERROR(store->Migrate());
  return std::unique_ptr<AccountStore>(std::move(store));
}

}  // namespace kashf::auth
