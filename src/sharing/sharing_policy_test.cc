#include "kashf/sharing/sharing_policy.h"

#include <gtest/gtest.h>

namespace kashf::sharing {
namespace {

const std::vector<std::string> kPurposes = {"investigation", "criminal-intelligence"};

constexpr std::string_view kPolicy = R"(
kashf_sharing_policy: 1
rules:
  - recipients: [fia-lahore]
    purposes: [investigation]
    schemas:
      Person: {properties: "*", redact: [phone]}
      Vehicle: {properties: [registrationNumber]}
  - recipients: "*"
    purposes: [criminal-intelligence]
    schemas:
      Firearm: {properties: [serialNumber]}
)";

Statement S(const std::string& schema, const std::string& prop) { return {"e1", schema, prop, "v", "d", "r", 0, {}}; }

TEST(SharingPolicy, GrantsOnlyNamedRecipientPurposeSchemaAndProperty) {
  auto p = SharingPolicy::Parse(kPolicy, "test", kPurposes);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(p->Check(S("Person", "name"), "fia-lahore", "investigation"), Withheld::kNone);
  EXPECT_EQ(p->Check(S("Person", "phone"), "fia-lahore", "investigation"), Withheld::kRedacted);
  EXPECT_EQ(p->Check(S("Person", "name"), "sindh-police", "investigation"), Withheld::kPolicy);
  EXPECT_EQ(p->Check(S("Person", "name"), "fia-lahore", "criminal-intelligence"), Withheld::kPolicy);
  EXPECT_EQ(p->Check(S("Vehicle", "registrationNumber"), "fia-lahore", "investigation"), Withheld::kNone);
  EXPECT_EQ(p->Check(S("Vehicle", "owner"), "fia-lahore", "investigation"), Withheld::kPolicy);
  EXPECT_EQ(p->Check(S("Firearm", "serialNumber"), "anyone", "criminal-intelligence"), Withheld::kNone);
  EXPECT_EQ(p->hash().size(), 64u);
}

TEST(SharingPolicy, MalformedPoliciesAreRefusedWithTheRule) {
  auto bad_purpose = SharingPolicy::Parse(
      "kashf_sharing_policy: 1\nrules:\n  - {recipients: [x], purposes: [gossip], schemas: {Person: \"*\"}}\n",
      "p.yaml", kPurposes);
  ASSERT_FALSE(bad_purpose.ok());
  EXPECT_NE(bad_purpose.status().message().find("rule 1"), std::string::npos);
  EXPECT_NE(bad_purpose.status().message().find("gossip"), std::string::npos);
  EXPECT_FALSE(SharingPolicy::Parse("rules: []\n", "p.yaml", kPurposes).ok());
  EXPECT_FALSE(
      SharingPolicy::Parse("kashf_sharing_policy: 1\nrules:\n  - {recipients: [x], purposes: [investigation]}\n", "p",
                           kPurposes)
          .ok());
}

TEST(SharingPolicy, ConsentPurposeNamesRecipientAndPurpose) {
  EXPECT_EQ(ShareConsentPurpose("fia-lahore", "investigation"), "share:fia-lahore:investigation");
}

}  // namespace
}  // namespace kashf::sharing
