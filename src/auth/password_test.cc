#include "kashf/auth/password.h"

#include <gtest/gtest.h>

#include "kashf/auth/login_limiter.h"
#include "kashf/core/text.h"

namespace kashf::auth {
namespace {

TEST(PasswordTest, HashVerifiesOnlyTheSamePassword) {
  auto h = HashPassword("correct horse battery", PasswordCost::MinimumForTests());
  ASSERT_TRUE(h.ok()) << h.status().ToString();
  EXPECT_TRUE(StartsWith(*h, "$argon2id$"));
  EXPECT_TRUE(VerifyPassword(*h, "correct horse battery"));
  EXPECT_FALSE(VerifyPassword(*h, "correct horse batterY"));
  EXPECT_FALSE(VerifyPassword(*h, ""));
  EXPECT_FALSE(VerifyPassword("not a hash", "correct horse battery"));
  EXPECT_FALSE(VerifyPassword("", "correct horse battery"));
}

TEST(PasswordTest, SaltMakesHashesDiffer) {
  auto a = HashPassword("correct horse battery", PasswordCost::MinimumForTests());
  auto b = HashPassword("correct horse battery", PasswordCost::MinimumForTests());
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_NE(*a, *b);
}

TEST(PasswordTest, PolicyRefusesShortLongAndInvalidWithoutEchoing) {
  auto s = CheckPasswordPolicy("short-pw");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.message().find("short-pw"), std::string::npos);
  EXPECT_FALSE(CheckPasswordPolicy(std::string(kMaxPasswordLength + 1, 'a')).ok());
  EXPECT_FALSE(CheckPasswordPolicy("valid length \xff\xfe bytes").ok());
  EXPECT_TRUE(CheckPasswordPolicy("twelve chars").ok());
  EXPECT_FALSE(HashPassword("tiny", PasswordCost::MinimumForTests()).ok());
}

TEST(PasswordTest, GeneratedPasswordsPassPolicyAndDiffer) {
  std::string a = GeneratePassword(), b = GeneratePassword();
  EXPECT_EQ(a.size(), 20u);
  EXPECT_TRUE(CheckPasswordPolicy(a).ok());
  EXPECT_NE(a, b);
  for (char c : a) EXPECT_EQ(std::string("0O1lI").find(c), std::string::npos);
}

TEST(LoginLimiterTest, LocksAfterMaxFailuresAndReleasesAfterWindow) {
  LoginLimiter l(3, 100);
  EXPECT_EQ(l.RetryAfter("u", 1000), 0);
  l.RecordFailure("u", 1000);
  l.RecordFailure("u", 1010);
  EXPECT_EQ(l.RetryAfter("u", 1020), 0);
  l.RecordFailure("u", 1020);
  EXPECT_EQ(l.RetryAfter("u", 1030), 70);  // the first failure leaves the window at 1100
  EXPECT_EQ(l.RetryAfter("other", 1030), 0);
  EXPECT_EQ(l.RetryAfter("u", 1100), 0);
  l.RecordFailure("u", 1101);
  EXPECT_GT(l.RetryAfter("u", 1102), 0);
  l.RecordSuccess("u");
  EXPECT_EQ(l.RetryAfter("u", 1102), 0);
}

}  // namespace
}  // namespace kashf::auth
