// SQLite implementation of AccountStore (see account_store.h for the contracts).
#include <sodium.h>

#include <fmt/format.h>

#include "account_rules.h"
#include "kashf/auth/account_store.h"
#include "kashf/core/text.h"
#include "kashf/store/sqlite_db.h"

namespace kashf::auth {

namespace {

constexpr std::string_view kUserColumns =
    "username, full_name, role, agency, all_agencies, disabled, created, password_changed";

class SqliteAccountStore final : public AccountStore {
 public:
  SqliteAccountStore(sqlite3* db, AccountStoreOptions options) : db_(db), options_(options) {}
  ~SqliteAccountStore() override { sqlite3_close_v2(db_); }

  Status Migrate() { return sqlite::MigrateComponent(db_, "accounts", {{1, rules::kSchemaV1}}); }

  Status CreateAgency(const Agency& a) override {
    KASHF_RETURN_IF_ERROR(rules::CheckAgency(a));
    sqlite::Stmt q;
    KASHF_RETURN_IF_ERROR(
        q.Prepare(db_, "INSERT INTO auth_agencies(id, name, country, created) VALUES(?,?,?,?) ON CONFLICT DO NOTHING"));
    q.Bind(1, a.id);
    q.Bind(2, a.name);
    q.Bind(3, a.country);
    q.Bind(4, a.created ? a.created : NowUnixSeconds());
    if (q.Step() != SQLITE_DONE) return sqlite::Error(db_, "storing the agency");
    if (sqlite3_changes(db_) == 0) return Status::AlreadyExists(fmt::format("agency '{}' already exists", a.id));
    return Status::Ok();
  }

  Result<std::vector<Agency>> Agencies() override {
    sqlite::Stmt q;
    KASHF_RETURN_IF_ERROR(q.Prepare(db_, "SELECT id, name, country, created FROM auth_agencies ORDER BY id"));
    std::vector<Agency> out;
    int rc;
    while ((rc = q.Step()) == SQLITE_ROW) out.push_back({q.Text(0), q.Text(1), q.Text(2), q.Int(3)});
    if (rc != SQLITE_DONE) return sqlite::Error(db_, "reading agencies");
    return out;
  }

  Result<Agency> GetAgency(const std::string& id) override {
    sqlite::Stmt q;
    KASHF_RETURN_IF_ERROR(q.Prepare(db_, "SELECT id, name, country, created FROM auth_agencies WHERE id=?"));
    q.Bind(1, id);
    KASHF_ASSIGN_OR_RETURN(bool found, q.Next("reading an agency"));
    if (!found) return Status::NotFound(fmt::format("no agency '{}'", id.substr(0, 64)));
    return Agency{q.Text(0), q.Text(1), q.Text(2), q.Int(3)};
  }

  Result<User> CreateUser(const NewUser& nu) override {
    const User& u = nu.user;
    if (!IsValidAccountName(u.username)) return rules::NameError("user name", u.username);
    KASHF_RETURN_IF_ERROR(rules::CheckUserFields(u, *this));
    KASHF_ASSIGN_OR_RETURN(std::string hash, rules::HashFor(nu, options_.cost));
    int64_t now = NowUnixSeconds();
    sqlite::Stmt q;
    KASHF_RETURN_IF_ERROR(
        q.Prepare(db_,
                  "INSERT INTO auth_users(username, full_name, role, agency, all_agencies, disabled, created, "
                  "password_changed, password_hash) VALUES(?,?,?,?,?,?,?,?,?) ON CONFLICT DO NOTHING"));
    q.Bind(1, u.username);
    q.Bind(2, u.full_name);
    q.Bind(3, RoleName(u.role));
    q.Bind(4, u.agency);
    q.Bind(5, int64_t{u.all_agencies});
    q.Bind(6, int64_t{u.disabled});
    q.Bind(7, now);
    q.Bind(8, now);
    q.Bind(9, hash);
    if (q.Step() != SQLITE_DONE) return sqlite::Error(db_, "storing the user");
    if (sqlite3_changes(db_) == 0) return Status::AlreadyExists(fmt::format("user '{}' already exists", u.username));
    return GetUser(u.username);
  }

  Result<User> GetUser(const std::string& username) override {
    KASHF_ASSIGN_OR_RETURN(auto cred, Credentials(username));
    return cred.first;
  }

  Result<std::vector<User>> Users() override {
    sqlite::Stmt q;
    KASHF_RETURN_IF_ERROR(q.Prepare(db_, fmt::format("SELECT {} FROM auth_users ORDER BY username", kUserColumns)));
    std::vector<User> out;
    int rc;
    while ((rc = q.Step()) == SQLITE_ROW) {
      KASHF_ASSIGN_OR_RETURN(User u, ReadUser(q));
      out.push_back(std::move(u));
    }
    if (rc != SQLITE_DONE) return sqlite::Error(db_, "reading users");
    return out;
  }

  Result<User> UpdateUser(const std::string& username, const UserUpdate& up) override {
    KASHF_ASSIGN_OR_RETURN(User current, GetUser(username));
    KASHF_ASSIGN_OR_RETURN(rules::UserChange change, rules::ApplyUpdate(current, up, options_.cost, *this));
    const User& u = change.user;
    const std::string& hash = change.password_hash;
    KASHF_RETURN_IF_ERROR(sqlite::Exec(db_, "BEGIN IMMEDIATE"));
    Status st = [&]() -> Status {
      sqlite::Stmt q;
      KASHF_RETURN_IF_ERROR(q.Prepare(
          db_, "UPDATE auth_users SET full_name=?, role=?, agency=?, all_agencies=?, disabled=? WHERE username=?"));
      q.Bind(1, u.full_name);
      q.Bind(2, RoleName(u.role));
      q.Bind(3, u.agency);
      q.Bind(4, int64_t{u.all_agencies});
      q.Bind(5, int64_t{u.disabled});
      q.Bind(6, username);
      if (q.Step() != SQLITE_DONE) return sqlite::Error(db_, "updating the user");
      if (!hash.empty()) {
        sqlite::Stmt p;
        KASHF_RETURN_IF_ERROR(
            p.Prepare(db_, "UPDATE auth_users SET password_hash=?, password_changed=? WHERE username=?"));
        p.Bind(1, hash);
        p.Bind(2, NowUnixSeconds());
        p.Bind(3, username);
        if (p.Step() != SQLITE_DONE) return sqlite::Error(db_, "updating the password");
      }
      if (change.end_sessions) KASHF_RETURN_IF_ERROR(EndUserSessionsLocked(username));
      return Status::Ok();
    }();
    if (!st.ok()) {
      (void)sqlite::Exec(db_, "ROLLBACK");
      return st;
    }
    KASHF_RETURN_IF_ERROR(sqlite::Exec(db_, "COMMIT"));
    return GetUser(username);
  }

  Result<std::pair<User, std::string>> Credentials(const std::string& username) override {
    sqlite::Stmt q;
    KASHF_RETURN_IF_ERROR(
        q.Prepare(db_, fmt::format("SELECT {}, password_hash FROM auth_users WHERE username=?", kUserColumns)));
    q.Bind(1, username);
    int rc = q.Step();
    if (rc == SQLITE_DONE) return Status::NotFound(fmt::format("no user '{}'", username.substr(0, 64)));
    if (rc != SQLITE_ROW) return sqlite::Error(db_, "reading the user");
    KASHF_ASSIGN_OR_RETURN(User u, ReadUser(q));
    return std::pair{std::move(u), q.Text(8)};
  }

  Result<Session> CreateSession(const std::string& username, int64_t now, const SessionPolicy& policy) override {
    Session s;
    s.token = NewSessionToken();
    if (s.token.empty()) return Status::Internal("libsodium could not be initialised");
    s.username = username;
    s.created = s.last_seen = now;
    s.expires = now + policy.lifetime_seconds;
    sqlite::Stmt q;
    KASHF_RETURN_IF_ERROR(q.Prepare(
        db_, "INSERT INTO auth_sessions(token_hash, username, created, expires, last_seen) VALUES(?,?,?,?,?)"));
    q.Bind(1, TokenHash(s.token));
    q.Bind(2, username);
    q.Bind(3, s.created);
    q.Bind(4, s.expires);
    q.Bind(5, s.last_seen);
    if (q.Step() != SQLITE_DONE) return sqlite::Error(db_, "storing the session");
    return s;
  }

  Result<std::pair<Session, User>> ResolveSession(const std::string& token, int64_t now,
                                                  const SessionPolicy& policy) override {
    const Status invalid = Status::NotFound("the session is unknown or has expired; log in again");
    if (token.size() != 64) return invalid;
    std::string h = TokenHash(token);
    sqlite::Stmt q;
    KASHF_RETURN_IF_ERROR(
        q.Prepare(db_, "SELECT username, created, expires, last_seen FROM auth_sessions WHERE token_hash=?"));
    q.Bind(1, h);
    KASHF_ASSIGN_OR_RETURN(bool found, q.Next("reading a session"));
    if (!found) return invalid;
    Session s{"", q.Text(0), q.Int(1), q.Int(2), q.Int(3)};
    if (rules::SessionEnded(s, now, policy)) {
      (void)EndSession(token);
      return invalid;
    }
    auto user = GetUser(s.username);
    if (!user.ok() || user->disabled) return invalid;
    if (rules::SessionRefreshDue(s, now)) {
      sqlite::Stmt up;
      KASHF_RETURN_IF_ERROR(up.Prepare(db_, "UPDATE auth_sessions SET last_seen=? WHERE token_hash=?"));
      up.Bind(1, now);
      up.Bind(2, h);
      if (up.Step() != SQLITE_DONE) return sqlite::Error(db_, "refreshing the session");
      s.last_seen = now;
    }
    return std::pair{std::move(s), std::move(*user)};
  }

  Status EndSession(const std::string& token) override {
    sqlite::Stmt q;
    KASHF_RETURN_IF_ERROR(q.Prepare(db_, "DELETE FROM auth_sessions WHERE token_hash=?"));
    q.Bind(1, TokenHash(token));
    if (q.Step() != SQLITE_DONE) return sqlite::Error(db_, "ending the session");
    return Status::Ok();
  }

  Status EndUserSessions(const std::string& username) override { return EndUserSessionsLocked(username); }

  Result<int64_t> PurgeSessions(int64_t now, const SessionPolicy& policy) override {
    sqlite::Stmt q;
    KASHF_RETURN_IF_ERROR(q.Prepare(db_, "DELETE FROM auth_sessions WHERE expires<=? OR last_seen<?"));
    q.Bind(1, now);
    q.Bind(2, now - policy.idle_seconds);
    if (q.Step() != SQLITE_DONE) return sqlite::Error(db_, "purging sessions");
    return int64_t{sqlite3_changes(db_)};
  }

 private:
  Status EndUserSessionsLocked(const std::string& username) {
    sqlite::Stmt q;
    KASHF_RETURN_IF_ERROR(q.Prepare(db_, "DELETE FROM auth_sessions WHERE username=?"));
    q.Bind(1, username);
    if (q.Step() != SQLITE_DONE) return sqlite::Error(db_, "ending the user's sessions");
    return Status::Ok();
  }

  static Result<User> ReadUser(sqlite::Stmt& q) {
    User u;
    u.username = q.Text(0);
    u.full_name = q.Text(1);
    auto role = ParseRole(q.Text(2));
    if (!role.ok())
      return Status::Corruption(fmt::format("user '{}' has an unknown role in the accounts table", u.username));
    u.role = *role;
    u.agency = q.Text(3);
    u.all_agencies = q.Int(4) != 0;
    u.disabled = q.Int(5) != 0;
    u.created = q.Int(6);
    u.password_changed = q.Int(7);
    return u;
  }

  sqlite3* db_;
  AccountStoreOptions options_;
};

}  // namespace

Result<std::unique_ptr<AccountStore>> OpenSqliteAccountStore(const std::string& path,
                                                             const AccountStoreOptions& options) {
  if (sodium_init() < 0) return Status::Internal("libsodium could not be initialised");
  KASHF_ASSIGN_OR_RETURN(sqlite3 * db, sqlite::OpenDatabase(path, "the account store"));
  auto store = std::make_unique<SqliteAccountStore>(db, options);
  KASHF_RETURN_IF_ERROR(store->Migrate().WithContext(fmt::format("opening accounts in {}", path)));
  return std::unique_ptr<AccountStore>(std::move(store));
}

}  // namespace kashf::auth
