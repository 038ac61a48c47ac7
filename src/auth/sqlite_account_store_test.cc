#include <gtest/gtest.h>

#include "kashf/auth/account_store.h"
#include "kashf/store/sqlite_db.h"
#include "kashf/testing/files.h"

namespace kashf::auth {
namespace {

class AccountStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = kashf::testing::FreshTempDir("accounts") + "/k.db";
    auto s = OpenSqliteAccountStore(path_, {PasswordCost::MinimumForTests()});
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

TEST_F(AccountStoreTest, AgenciesAreValidatedAndUnique) {
  EXPECT_EQ(store_->CreateAgency({"fia-lahore", "again", "", 0}).code(), StatusCode::kAlreadyExists);
  EXPECT_EQ(store_->CreateAgency({"Bad Id", "x", "", 0}).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(store_->CreateAgency({"ok-id", "", "", 0}).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(store_->CreateAgency({"ok-id", "Name", "pk", 0}).code(), StatusCode::kInvalidArgument);
  auto all = store_->Agencies();
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 1u);
  EXPECT_EQ((*all)[0].country, "PAK");
}

TEST_F(AccountStoreTest, UsersNeedAnExistingAgencyAndAValidName) {
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

TEST_F(AccountStoreTest, CredentialsHoldAnArgon2idHashNotThePassword) {
  Make("amna", Role::kAnalyst);
  auto c = store_->Credentials("amna");
  ASSERT_TRUE(c.ok());
  EXPECT_TRUE(VerifyPassword(c->second, "a long enough password"));
  EXPECT_EQ(c->second.find("a long enough password"), std::string::npos);
  EXPECT_EQ(c->first.role, Role::kAnalyst);
}

TEST_F(AccountStoreTest, SessionTokensAreStoredHashed) {
  Make("amna", Role::kAnalyst);
  auto s = store_->CreateSession("amna", 1000, policy_);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->token.size(), 64u);
  auto db = sqlite::OpenDatabase(path_);
  ASSERT_TRUE(db.ok());
  sqlite::Stmt q;
  ASSERT_TRUE(q.Prepare(*db, "SELECT token_hash FROM auth_sessions").ok());
  ASSERT_EQ(q.Step(), SQLITE_ROW);
  EXPECT_EQ(q.Text(0), TokenHash(s->token));
  EXPECT_NE(q.Text(0), s->token);
  q = sqlite::Stmt();
  sqlite3_close_v2(*db);
}

TEST_F(AccountStoreTest, SessionsExpireIdleAndEnd) {
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

TEST_F(AccountStoreTest, RoleChangeDisableAndPasswordChangeEndSessions) {
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

TEST_F(AccountStoreTest, PurgeRemovesOnlyDeadSessions) {
  Make("amna", Role::kAnalyst);
  ASSERT_TRUE(store_->CreateSession("amna", 1000, policy_).ok());
  auto live = store_->CreateSession("amna", 4000, policy_);
  auto n = store_->PurgeSessions(4200, policy_);
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(*n, 1);
  EXPECT_TRUE(store_->ResolveSession(live->token, 4300, policy_).ok());
}

}  // namespace
}  // namespace kashf::auth
