#include "kashf/victims/identity_vault.h"

#include <sys/stat.h>

#include <cstdlib>

#include <gtest/gtest.h>

#include "kashf/testing/files.h"

namespace kashf::victims {
namespace {

IdentityVault NewVault(const std::string& dir, const std::string& name = "key") {
  std::string path = dir + "/" + name;
  EXPECT_TRUE(IdentityVault::GenerateKeyFile(path).ok());
  auto v = IdentityVault::FromKeyFile(path);
  EXPECT_TRUE(v.ok()) << v.status().ToString();
  return *v;
}

TEST(IdentityVault, KeyFileIsPrivateAndNeverOverwritten) {
  std::string dir = testing::FreshTempDir("vault-key");
  ASSERT_TRUE(IdentityVault::GenerateKeyFile(dir + "/k").ok());
  struct stat st {};
  ASSERT_EQ(stat((dir + "/k").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  EXPECT_EQ(testing::ReadFile(dir + "/k").size(), 65u);  // 64 hex digits and a newline
  EXPECT_EQ(IdentityVault::GenerateKeyFile(dir + "/k").code(), StatusCode::kAlreadyExists);
  testing::WriteFile(dir + "/junk", "not a key\n");
  EXPECT_EQ(IdentityVault::FromKeyFile(dir + "/junk").status().code(), StatusCode::kInvalidArgument);
}

TEST(IdentityVault, SealsWithFreshNoncesAndOpens) {
  IdentityVault v = NewVault(testing::FreshTempDir("vault-seal"));
  std::string a = v.Seal("case-000001", "full_name", "Shazia Bibi");
  std::string b = v.Seal("case-000001", "full_name", "Shazia Bibi");
  EXPECT_NE(a, b);
  EXPECT_EQ(a.find("Shazia"), std::string::npos);
  EXPECT_EQ(v.Open("case-000001", "full_name", a).value(), "Shazia Bibi");
  EXPECT_EQ(v.Open("case-000001", "full_name", b).value(), "Shazia Bibi");
  EXPECT_EQ(v.Seal("case-000001", "phone", ""), "");
}

TEST(IdentityVault, CiphertextIsBoundToCaseFieldAndKey) {
  std::string dir = testing::FreshTempDir("vault-bind");
  IdentityVault v = NewVault(dir, "k1");
  IdentityVault other = NewVault(dir, "k2");
  std::string sealed = v.Seal("case-000001", "national_id", "35202-1234567-2");
  for (const auto& r : {v.Open("case-000002", "national_id", sealed), v.Open("case-000001", "full_name", sealed),
                        other.Open("case-000001", "national_id", sealed)}) {
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().message().find("35202"), std::string::npos);
  }
  std::string tampered = sealed;
  tampered[tampered.size() / 2] = tampered[tampered.size() / 2] == 'A' ? 'B' : 'A';
  EXPECT_FALSE(v.Open("case-000001", "national_id", tampered).ok());
}

TEST(IdentityVault, BlindIndexNormalisesAndDependsOnKey) {
  std::string dir = testing::FreshTempDir("vault-index");
  IdentityVault v = NewVault(dir, "k1");
  IdentityVault other = NewVault(dir, "k2");
  EXPECT_EQ(v.BlindIndex("35202-1234567-2"), v.BlindIndex("3520212345672"));
  EXPECT_EQ(v.BlindIndex(" 35202 1234567 2 "), v.BlindIndex("3520212345672"));
  EXPECT_NE(v.BlindIndex("35202-1234567-2"), v.BlindIndex("35202-1234567-4"));
  EXPECT_NE(v.BlindIndex("35202-1234567-2"), other.BlindIndex("35202-1234567-2"));
  EXPECT_EQ(v.BlindIndex("x").size(), 64u);
}

TEST(IdentityVault, WithoutKeyTheErrorSaysHowToSupplyOne) {
  unsetenv("KASHF_VICTIM_KEY");
  auto r = IdentityVault::FromFlagOrEnv("");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(r.status().message().find("--key-file"), std::string::npos);
  EXPECT_NE(r.status().message().find("KASHF_VICTIM_KEY"), std::string::npos);
  std::string dir = testing::FreshTempDir("vault-env");
  ASSERT_TRUE(IdentityVault::GenerateKeyFile(dir + "/k").ok());
  setenv("KASHF_VICTIM_KEY", (dir + "/k").c_str(), 1);
  EXPECT_TRUE(IdentityVault::FromFlagOrEnv("").ok());
  unsetenv("KASHF_VICTIM_KEY");
}

}  // namespace
}  // namespace kashf::victims
