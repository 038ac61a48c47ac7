#include "kashf/auth/password.h"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace kashf::auth
