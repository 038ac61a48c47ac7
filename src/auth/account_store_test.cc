// The account store's conformance suite, run on both backends (SQLite and PostgreSQL): a behaviour
// difference between them is a failing test.
#include <gtest/gtest.h>

#include "kashf/auth/account_store.h"
#include "kashf/store/pg_db.h"
#include "kashf/store/sqlite_db.h"
#include "kashf/testing/backends.h"

namespace kashf::auth {
namespace {

class AccountStoreTest : public kashf::testing::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    path_ = location();
    auto s = OpenAccountStore(path_, {PasswordCost::MinimumForTests()});
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(*s);
    ASSERT_TRUE(store_->CreateAgency({"fia-lahore", "FIA Lahore", "PAK", 0}).ok());
  }
  User Make(const std::string& name, Role role) {
    NewUser nu;
    nu.user.username = name;
    nu.user.full_name = "Test " + name;
    nu.user.role = role;
    nu.user.agency = "fia-lahore";
    nu.password = "a long enough password";
    auto u = store_->CreateUser(nu);
    EXPECT_TRUE(u.ok()) << u.status().ToString();
    return u.ok() ? *u : User{};
  }
  std::string path_;
  std::unique_ptr<AccountStore> store_;
  SessionPolicy policy_{3600, 600};
};

TEST_P(AccountStoreTest, AgenciesAreValidatedAndUnique) {
  EXPECT_EQ(store_->CreateAgency({"fia-lahore", "again", "", 0}).code(), StatusCode::kAlreadyExists);
  EXPECT_EQ(store_->CreateAgency({"Bad Id", "x", "", 0}).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(store_->CreateAgency({"ok-id", "", "", 0}).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(store_->CreateAgency({"ok-id", "Name", "pk", 0}).code(), StatusCode::kInvalidArgument);
  auto all = store_->Agencies();
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 1u);
  EXPECT_EQ((*all)[0].country, "PAK");
}

TEST_P(AccountStoreTest, UsersNeedAnExistingAgencyAndAValidName) {
  Make("amna", Role::kAnalyst);
  NewUser nu;
  nu.user.username = "amna";
  nu.user.agency = "fia-lahore";
  nu.password = "a long enough password";
  EXPECT_EQ(store_->CreateUser(nu).status().code(), StatusCode::kAlreadyExists);
  nu.user.username = "bilal";
  nu.user.agency = "nowhere";
  EXPECT_EQ(store_->CreateUser(nu).status().code(), StatusCode::kInvalidArgument);
  nu.user.agency = "fia-lahore";
  nu.password = "short";
  EXPECT_EQ(store_->CreateUser(nu).status().code(), StatusCode::kInvalidArgument);
  nu.password = "a long enough password";
  nu.user.all_agencies = true;  // analysts cannot be national coordinators
  EXPECT_EQ(store_->CreateUser(nu).status().code(), StatusCode::kInvalidArgument);
  nu.user.username = "../etc";
  EXPECT_EQ(store_->CreateUser(nu).status().code(), StatusCode::kInvalidArgument);
}

TEST_P(AccountStoreTest, CredentialsHoldAnArgon2idHashNotThePassword) {
  Make("amna", Role::kAnalyst);
  auto c = store_->Credentials("amna");
  ASSERT_TRUE(c.ok());
  EXPECT_TRUE(VerifyPassword(c->second, "a long enough password"));
  EXPECT_EQ(c->second.find("a long enough password"), std::string::npos);
  EXPECT_EQ(c->first.role, Role::kAnalyst);
}

TEST_P(AccountStoreTest, SessionTokensAreStoredHashed) {
  Make("amna", Role::kAnalyst);
  auto s = store_->CreateSession("amna", 1000, policy_);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->token.size(), 64u);
  std::string stored;
  if (postgres()) {
    auto db = pg::Connection::Open(path_);
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    auto rows = db->Query("test", "SELECT token_hash FROM auth_sessions");
    ASSERT_TRUE(rows.ok() && rows->size() == 1);
    stored = rows->Text(0, 0);
  } else {
    auto db = sqlite::OpenDatabase(path_);
    ASSERT_TRUE(db.ok());
    sqlite::Stmt q;
    ASSERT_TRUE(q.Prepare(*db, "SELECT token_hash FROM auth_sessions").ok());
    ASSERT_EQ(q.Step(), SQLITE_ROW);
    stored = q.Text(0);
    q = sqlite::Stmt();
    sqlite3_close_v2(*db);
  }
  EXPECT_EQ(stored, TokenHash(s->token));
  EXPECT_NE(stored, s->token);
}

// Two connections to one store (two servers on one database): a session made through one resolves
// through the other, and a role change through either ends it for both.
TEST_P(AccountStoreTest, SessionsAreSharedBetweenConnections) {
  Make("amna", Role::kAnalyst);
  auto other = OpenAccountStore(path_, {PasswordCost::MinimumForTests()});
  ASSERT_TRUE(other.ok()) << other.status().ToString();
  auto s = store_->CreateSession("amna", 1000, policy_);
  ASSERT_TRUE(s.ok());
  auto seen = (*other)->ResolveSession(s->token, 1010, policy_);
  ASSERT_TRUE(seen.ok()) << seen.status().ToString();
  EXPECT_EQ(seen->second.username, "amna");
  UserUpdate up;
  up.role = Role::kResearcher;
  ASSERT_TRUE((*other)->UpdateUser("amna", up).ok());
  EXPECT_FALSE(store_->ResolveSession(s->token, 1020, policy_).ok());
  auto t = (*other)->CreateSession("amna", 1030, policy_);
  ASSERT_TRUE(t.ok());
  ASSERT_TRUE(store_->EndSession(t->token).ok());
  EXPECT_FALSE((*other)->ResolveSession(t->token, 1040, policy_).ok());
}

TEST_P(AccountStoreTest, SessionsExpireIdleAndEnd) {
  Make("amna", Role::kAnalyst);
  auto s = store_->CreateSession("amna", 1000, policy_);
  ASSERT_TRUE(s.ok());
  auto r = store_->ResolveSession(s->token, 1500, policy_);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->second.username, "amna");
  EXPECT_EQ(r->first.last_seen, 1500);
  EXPECT_FALSE(store_->ResolveSession(s->token, 1500 + 601, policy_).ok());  // idle too long (and now deleted)
  EXPECT_FALSE(store_->ResolveSession(s->token, 1600, policy_).ok());

  auto t = store_->CreateSession("amna", 2000, policy_);
  ASSERT_TRUE(t.ok());
  for (int64_t now = 2000; now < 2000 + 3600; now += 500)
    EXPECT_TRUE(store_->ResolveSession(t->token, now, policy_).ok());
  EXPECT_FALSE(store_->ResolveSession(t->token, 2000 + 3600, policy_).ok());  // absolute lifetime

  auto u = store_->CreateSession("amna", 9000, policy_);
  ASSERT_TRUE(u.ok());
  ASSERT_TRUE(store_->EndSession(u->token).ok());
  EXPECT_FALSE(store_->ResolveSession(u->token, 9001, policy_).ok());
  EXPECT_FALSE(store_->ResolveSession("zz", 9001, policy_).ok());
  EXPECT_FALSE(store_->ResolveSession(std::string(64, 'a'), 9001, policy_).ok());
}

TEST_P(AccountStoreTest, RoleChangeDisableAndPasswordChangeEndSessions) {
  Make("amna", Role::kAnalyst);
  auto s = store_->CreateSession("amna", 1000, policy_);
  ASSERT_TRUE(s.ok());
  UserUpdate up;
  up.full_name = "Amna B.";
  ASSERT_TRUE(store_->UpdateUser("amna", up).ok());
  EXPECT_TRUE(store_->ResolveSession(s->token, 1001, policy_).ok());  // a name change keeps the session

  up = {};
  up.role = Role::kResearcher;
  auto changed = store_->UpdateUser("amna", up);
  ASSERT_TRUE(changed.ok());
  EXPECT_EQ(changed->role, Role::kResearcher);
  EXPECT_FALSE(store_->ResolveSession(s->token, 1002, policy_).ok());

  auto t = store_->CreateSession("amna", 1003, policy_);
  up = {};
  up.disabled = true;
  ASSERT_TRUE(store_->UpdateUser("amna", up).ok());
  EXPECT_FALSE(store_->ResolveSession(t->token, 1004, policy_).ok());

  up = {};
  up.disabled = false;
  up.password = "another long password";
  ASSERT_TRUE(store_->UpdateUser("amna", up).ok());
  auto c = store_->Credentials("amna");
  EXPECT_TRUE(VerifyPassword(c->second, "another long password"));
  EXPECT_FALSE(VerifyPassword(c->second, "a long enough password"));
  EXPECT_EQ(store_->UpdateUser("nobody", up).status().code(), StatusCode::kNotFound);
}

TEST_P(AccountStoreTest, PurgeRemovesOnlyDeadSessions) {
  Make("amna", Role::kAnalyst);
  ASSERT_TRUE(store_->CreateSession("amna", 1000, policy_).ok());
  auto live = store_->CreateSession("amna", 4000, policy_);
  auto n = store_->PurgeSessions(4200, policy_);
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(*n, 1);
  EXPECT_TRUE(store_->ResolveSession(live->token, 4300, policy_).ok());
}

KASHF_INSTANTIATE_BACKENDS(AccountStoreTest);

}  // namespace
}  // namespace kashf::auth
