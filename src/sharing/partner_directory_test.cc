#include "kashf/sharing/partner_directory.h"

#include <gtest/gtest.h>

#include "kashf/testing/files.h"
#include "sharing_test_util.h"

namespace kashf::sharing {
namespace {

TEST(PartnerDirectory, AddSaveLoadRemove) {
  const std::string path = kashf::testing::FreshTempDir("partners") + "/partners.yaml";
  auto empty = PartnerDirectory::Load(path);  // no file yet: no partner
  ASSERT_TRUE(empty.ok()) << empty.status().ToString();
  EXPECT_TRUE(empty->partners().empty());
  PartnerDirectory dir;
  const AgencyCard fia = testing::RandomCard("fia-ahtc-lahore"), kp = testing::RandomCard("kp-police");
  ASSERT_TRUE(dir.Add(fia, fia.Fingerprint()).ok());
  ASSERT_TRUE(dir.Add(kp, kp.Fingerprint()).ok());
  ASSERT_TRUE(dir.Save(path).ok());
  auto loaded = PartnerDirectory::Load(path);
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  ASSERT_EQ(loaded->partners().size(), 2u);
  ASSERT_NE(loaded->Find("kp-police"), nullptr);
  EXPECT_EQ(loaded->Find("kp-police")->encrypt_public, kp.encrypt_public);
  EXPECT_EQ(loaded->Find("nobody"), nullptr);
  ASSERT_TRUE(loaded->Remove("fia-ahtc-lahore").ok());
  EXPECT_EQ(loaded->Remove("fia-ahtc-lahore").code(), StatusCode::kNotFound);
  ASSERT_TRUE(loaded->Save(path).ok());
  auto after = PartnerDirectory::Load(path);
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(after->partners().size(), 1u);
  EXPECT_EQ(after->Find("fia-ahtc-lahore"), nullptr);
}

TEST(PartnerDirectory, AddRefusesAWrongFingerprintAndADuplicate) {
  PartnerDirectory dir;
  const AgencyCard fia = testing::RandomCard("fia"), impostor = testing::RandomCard("fia");
  Status wrong = dir.Add(fia, impostor.Fingerprint());
  EXPECT_EQ(wrong.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(wrong.message().find("does not match"), std::string::npos);
  EXPECT_TRUE(dir.partners().empty());
  ASSERT_TRUE(dir.Add(fia, fia.Fingerprint()).ok());
  Status twice = dir.Add(impostor, impostor.Fingerprint());
  EXPECT_EQ(twice.code(), StatusCode::kAlreadyExists);
  EXPECT_EQ(dir.Find("fia")->sign_public, fia.sign_public);  // the first keys stay
}

TEST(PartnerDirectory, HandEditedFilesAreCheckedEntryByEntry) {
  PartnerDirectory dir;
  const AgencyCard a = testing::RandomCard("balochistan-levies"), b = testing::RandomCard("fia");
  ASSERT_TRUE(dir.Add(a, a.Fingerprint()).ok());
  ASSERT_TRUE(dir.Add(b, b.Fingerprint()).ok());
  const std::string good = dir.ToYaml();
  ASSERT_TRUE(PartnerDirectory::Parse(good, "p.yaml").ok());
  auto refused = [](const std::string& text, const std::string& says) {
    auto r = PartnerDirectory::Parse(text, "p.yaml");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
    EXPECT_NE(r.status().message().find(says), std::string::npos) << r.status().message();
  };
  auto replaced = [&](const std::string& from, const std::string& to) {
    std::string t = good;
    t.replace(t.find(from), from.size(), to);
    return t;
  };
  // A duplicate agency id (the second entry renamed to the first, its fingerprint fixed to match).
  AgencyCard b_renamed = b;
  b_renamed.agency_id = "balochistan-levies";
  std::string dup = replaced("agency_id: fia", "agency_id: balochistan-levies");
  dup = dup.replace(dup.find(b.Fingerprint()), b.Fingerprint().size(), b_renamed.Fingerprint());
  refused(dup, "listed twice");
  // A key changed by one digit: its fingerprint no longer matches.
  std::string key = KeyHex(b.sign_public);
  std::string flipped = key;
  flipped[10] = flipped[10] == 'a' ? 'b' : 'a';
  refused(replaced(key, flipped), "entry 2");  // not a curve point, or a fingerprint that does not match
  refused(replaced(key, key.substr(1)), "sign_public must be 64 hex digits");
  refused("partners: {a: 1}", "a list of agencies");
  refused("kashf_partners: 2\npartners: []\n", "version 2");
  refused("partners: [\n", "line");
  EXPECT_TRUE(PartnerDirectory::Parse("kashf_partners: 1\npartners: []\n", "p.yaml").ok());
}

}  // namespace
}  // namespace kashf::sharing
