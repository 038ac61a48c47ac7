#include "kashf/sharing/agency_identity.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include "kashf/testing/files.h"

namespace kashf::sharing {
namespace {

AgencyCard Named() { return {"punjab-police", "Punjab Police", "pk", {}, {}}; }

TEST(AgencyIdentity, GenerateWritesSecretKeyFile0600AndAPublicCard) {
  const std::string path = kashf::testing::FreshTempDir("agency-id") + "/agency.key";
  auto card = AgencyIdentity::Generate(path, Named());
  ASSERT_TRUE(card.ok()) << card.status().ToString();
  EXPECT_EQ(card->country, "PK");  // canonicalised
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  // The .pub card carries the public keys and fingerprint, not the secrets.
  const std::string pub = kashf::testing::ReadFile(path + ".pub");
  auto read = ParseCard(pub, path + ".pub");
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  EXPECT_EQ(read->Fingerprint(), card->Fingerprint());
  EXPECT_EQ(pub.find("secret"), std::string::npos);
  // The key file gives back the same public identity, and its signatures verify against the card.
  auto id = AgencyIdentity::FromFile(path);
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  EXPECT_EQ(id->card().Fingerprint(), card->Fingerprint());
  const auto sig = id->Sign("package manifest");
  EXPECT_TRUE(VerifySignature(*read, "package manifest", sig));
  EXPECT_FALSE(VerifySignature(*read, "package manifesT", sig));
}

TEST(AgencyIdentity, NeverOverwritesAKey) {
  const std::string path = kashf::testing::FreshTempDir("agency-id-twice") + "/agency.key";
  ASSERT_TRUE(AgencyIdentity::Generate(path, Named()).ok());
  const std::string before = kashf::testing::ReadFile(path);
  auto again = AgencyIdentity::Generate(path, Named());
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.status().code(), StatusCode::kAlreadyExists);
  EXPECT_EQ(kashf::testing::ReadFile(path), before);
}

TEST(AgencyIdentity, BadInputsAreClearErrors) {
  const std::string dir = kashf::testing::FreshTempDir("agency-id-bad");
  auto no_name = AgencyIdentity::Generate(dir + "/a.key", {"x", "", "PK", {}, {}});
  EXPECT_EQ(no_name.status().code(), StatusCode::kInvalidArgument);
  auto missing = AgencyIdentity::FromFile(dir + "/none.key");
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
  EXPECT_NE(missing.status().message().find("kashf agency init"), std::string::npos);
  ASSERT_TRUE(AgencyIdentity::Generate(dir + "/b.key", Named()).ok());
  auto pub = AgencyIdentity::FromFile(dir + "/b.key.pub");  // the card is not a key file
  EXPECT_EQ(pub.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(pub.status().message().find(".pub card"), std::string::npos);
}

}  // namespace
}  // namespace kashf::sharing
