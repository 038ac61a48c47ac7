#include "kashf/sharing/agency_card.h"

#include <gtest/gtest.h>

#include <cctype>
#include <regex>

#include "sharing_test_util.h"

namespace kashf::sharing {
namespace {

TEST(AgencyCard, FingerprintIsTenGroupsOfFourHexDigitsAndBindsIdAndKeys) {
  const AgencyCard card = testing::RandomCard("punjab-police");
  const std::string fp = card.Fingerprint();
  EXPECT_TRUE(std::regex_match(fp, std::regex("([0-9A-F]{4} ){9}[0-9A-F]{4}"))) << fp;
  EXPECT_EQ(card.Fingerprint(), fp);  // deterministic
  AgencyCard other_id = card;
  other_id.agency_id = "fia";
  EXPECT_NE(other_id.Fingerprint(), fp);  // the same keys under another name do not match
  AgencyCard other_key = card;
  other_key.encrypt_public[31] ^= 1;
  EXPECT_NE(other_key.Fingerprint(), fp);
  AgencyCard renamed = card;
  renamed.name = "Another display name";
  EXPECT_EQ(renamed.Fingerprint(), fp);  // the display name is not what partners trust
  std::string spaced_lower;
  for (char c : fp) spaced_lower += c == ' ' ? std::string("  ") : std::string(1, static_cast<char>(std::tolower(c)));
  EXPECT_TRUE(SameFingerprint(spaced_lower, fp));
  EXPECT_FALSE(SameFingerprint("", ""));
}

TEST(AgencyCard, JsonRoundTripsAndIsCheckedOnReading) {
  const AgencyCard card = testing::RandomCard("fia-ahtc-lahore");
  auto back = ParseCard(CardJson(card), "card.pub");
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->agency_id, card.agency_id);
  EXPECT_EQ(back->sign_public, card.sign_public);
  EXPECT_EQ(back->encrypt_public, card.encrypt_public);
  EXPECT_EQ(back->Fingerprint(), card.Fingerprint());
}

TEST(AgencyCard, BadCardsAreRefusedWithTheReason) {
  const AgencyCard card = testing::RandomCard("sindh-police");
  auto refused = [&](const std::string& text, const std::string& says) {
    auto r = ParseCard(text, "card.pub");
    ASSERT_FALSE(r.ok()) << text;
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
    EXPECT_NE(r.status().message().find(says), std::string::npos) << r.status().message();
  };
  const std::string json = CardJson(card);
  auto with = [&](const std::string& from, const std::string& to) {
    std::string t = json;
    t.replace(t.find(from), from.size(), to);
    return t;
  };
  const std::string sign_hex = KeyHex(card.sign_public), enc_hex = KeyHex(card.encrypt_public);
  refused(with(sign_hex, sign_hex.substr(0, 62)), "sign_public must be 64 hex digits");
  refused(with(enc_hex, std::string(64, 'z')), "encrypt_public must be 64 hex digits");
  refused(with(enc_hex, std::string(64, '0')), "not a usable X25519 public key");  // small order: all zero
  // The identity point (y = 1): on the curve but of small order, which no real key pair gives.
  refused(with(sign_hex, "01" + std::string(62, '0')), "not a valid Ed25519 public key");
  // A valid key of another agency: the fingerprint shows the swap.
  const AgencyCard other = testing::RandomCard("sindh-police");
  refused(with(enc_hex, KeyHex(other.encrypt_public)), "fingerprint does not match");
  refused(with("\"PK\"", "\"ZZ\""), "not an ISO 3166-1 country code");
  refused(with("\"sindh-police\"", "\"sindh police\""), "agency id 'sindh police'");
  refused("{\"agency_id\": \"x\"}", "'name:' is missing");
  refused("[1, 2]", "not an agency card");
}

}  // namespace
}  // namespace kashf::sharing
