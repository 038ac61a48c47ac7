#include "kashf/sharing/hit_index.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "hit_test_util.h"
#include "kashf/core/text.h"

namespace kashf::sharing {
namespace {

constexpr int64_t kNow = 1'800'000'000;

HitIndexInfo InfoFor(const std::string& recipient) {
  return {"punjab-police",   recipient, "criminal-intelligence", "AHTC liaison desk, +92 42 0000000", kNow,
          kNow + 30 * 86400, {}};
}

std::vector<std::string> SyntheticCnics(int n) {
  std::vector<std::string> out;
  for (int i = 0; i < n; ++i) out.push_back(fmt::format("cnic:{:05d}-{:07d}-{}", 35202, 1000000 + i, i % 10));
  return out;
}

TEST(HitIndex, ThreadedBuildEqualsSerialBuild) {
  auto agencies = testing::MakeTwoAgencies("hit-index-threads");
  const OprfScalar key = NewOprfKey();
  const auto selectors = SyntheticCnics(5000);
  const HitIndex serial = HitIndex::Build(key, selectors, InfoFor("fia-ahtc"), 1);
  const HitIndex threaded = HitIndex::Build(key, selectors, InfoFor("fia-ahtc"), 4);
  EXPECT_EQ(serial.size(), 5000u);
  // Ed25519 signatures are deterministic: equal files mean equal tags and header.
  EXPECT_EQ(serial.Serialise(agencies.police), threaded.Serialise(agencies.police));
}

TEST(HitIndex, SignedIndexRoundTripsAndAnswersMembership) {
  auto agencies = testing::MakeTwoAgencies("hit-index-roundtrip");
  const OprfScalar key = NewOprfKey();
  const HitIndex built = HitIndex::Build(key, SyntheticCnics(100), InfoFor("fia-ahtc"), 1, 64);
  EXPECT_EQ(built.size(), 128u);  // 100 padded up to the next multiple of 64
  auto index = HitIndex::Parse(built.Serialise(agencies.police), agencies.fia_partners, "fia-ahtc", kNow);
  ASSERT_TRUE(index.ok()) << index.status().ToString();
  EXPECT_EQ(index->size(), 128u);
  EXPECT_EQ(index->info().contact, "AHTC liaison desk, +92 42 0000000");
  EXPECT_EQ(index->info().oprf_key, OprfPublicKey(key));
  for (const auto& s : SyntheticCnics(100)) EXPECT_TRUE(index->Contains(OprfDirect(key, s))) << s;
  EXPECT_FALSE(index->Contains(OprfDirect(key, "cnic:61101-9999999-1")));
  EXPECT_FALSE(index->Contains(OprfDirect(NewOprfKey(), SyntheticCnics(1)[0])));  // another key
}

TEST(HitIndex, AlteredIndexIsRefused) {
  auto agencies = testing::MakeTwoAgencies("hit-index-tamper");
  const std::string file =
      HitIndex::Build(NewOprfKey(), SyntheticCnics(10), InfoFor("fia-ahtc")).Serialise(agencies.police);
  ASSERT_TRUE(HitIndex::Parse(file, agencies.fia_partners, "fia-ahtc", kNow).ok());
  // One byte of a tag changed (a tag added for a selector the owner does not hold, say).
  std::string tag_changed = file;
  tag_changed[tag_changed.size() - 64 - 3] ^= 0x01;
  EXPECT_EQ(HitIndex::Parse(tag_changed, agencies.fia_partners, "fia-ahtc", kNow).status().code(),
            StatusCode::kCorruption);
  // The header changed: a later expiry.
  std::string header_changed = file;
  const std::string expires = std::to_string(kNow + 30 * 86400);
  header_changed.replace(header_changed.find(expires), expires.size(), std::to_string(kNow + 99 * 86400));
  EXPECT_EQ(HitIndex::Parse(header_changed, agencies.fia_partners, "fia-ahtc", kNow).status().code(),
            StatusCode::kCorruption);
  // Truncated, or not an index at all.
  EXPECT_FALSE(HitIndex::Parse(file.substr(0, file.size() - 9), agencies.fia_partners, "fia-ahtc", kNow).ok());
  EXPECT_EQ(HitIndex::Parse("hello", agencies.fia_partners, "fia-ahtc", kNow).status().code(),
            StatusCode::kInvalidArgument);
}

TEST(HitIndex, IndexFromStrangerForAnotherAgencyOrExpiredIsRefused) {
  auto agencies = testing::MakeTwoAgencies("hit-index-refused");
  const std::string file =
      HitIndex::Build(NewOprfKey(), SyntheticCnics(3), InfoFor("fia-ahtc")).Serialise(agencies.police);
  EXPECT_EQ(HitIndex::Parse(file, PartnerDirectory(), "fia-ahtc", kNow).status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(HitIndex::Parse(file, agencies.fia_partners, "sindh-police", kNow).status().code(),
            StatusCode::kPermissionDenied);
  auto expired = HitIndex::Parse(file, agencies.fia_partners, "fia-ahtc", kNow + 31 * 86400);
  EXPECT_EQ(expired.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(expired.status().message().find("expired"), std::string::npos);
  // Signed by an agency the directory knows under another key: a forged index.
  auto impostor = testing::NewAgency(kashf::testing::FreshTempDir("hit-index-impostor"), "punjab-police");
  const std::string forged = HitIndex::Build(NewOprfKey(), SyntheticCnics(3), InfoFor("fia-ahtc")).Serialise(impostor);
  EXPECT_EQ(HitIndex::Parse(forged, agencies.fia_partners, "fia-ahtc", kNow).status().code(), StatusCode::kCorruption);
}

}  // namespace
}  // namespace kashf::sharing
