#include "kashf/sharing/package_content.h"

#include <gtest/gtest.h>

#include "sharing_test_util.h"

namespace kashf::sharing {
namespace {

constexpr std::string_view kScheme = R"(
scheme: test
name: test
purposes:
  - {id: investigation, meaning: x}
  - {id: judicial-proceedings, meaning: y}
source_evaluation: [{code: B, meaning: b}]
information_evaluation: [{code: "2", meaning: c}]
handling:
  - {code: H0, meaning: any, shareable: true}
  - {code: H2, meaning: none, shareable: false}
ungraded_handling: H2
)";

constexpr std::string_view kPolicy = R"(
kashf_sharing_policy: 1
rules:
  - recipients: "*"
    purposes: [investigation]
    schemas:
      Person: {properties: "*", redact: [phone]}
      Involvement: {properties: "*"}
)";

struct Fixture {
  GradingScheme scheme = *GradingScheme::LoadYaml(std::string(kScheme), "test");
  SharingPolicy policy = *SharingPolicy::Parse(kPolicy, "test", {"investigation", "judicial-proceedings"});
  PartnerDirectory partners;
  std::unordered_set<std::string> victims = {"pp.Person.survivor"};
  Fixture() {
    const AgencyCard fia = testing::RandomCard("fia-lahore");
    EXPECT_TRUE(partners.Add(fia, fia.Fingerprint()).ok());
  }
  ReleaseRules Rules(VictimConsent consent = {}) {
    return {&scheme, &partners, &policy, {"fia-lahore"}, "investigation", &victims, std::move(consent)};
  }
};

Statement S(const std::string& entity, const std::string& schema, const std::string& prop, const std::string& value,
            const std::string& handling = "H0") {
  return {entity, schema, prop, value, "pp-fir", "fir.csv:2", 1, {"B", "2", handling}};
}

std::vector<Statement> Selection() {
  return {S("pp.Involvement.1", "Involvement", "party", "pp.Person.survivor"),
          S("pp.Involvement.1", "Involvement", "role", "victim"),
          S("pp.Person.suspect", "Person", "name", "Suspect Test"),
          S("pp.Person.suspect", "Person", "phone", "03001234567"),
          S("pp.Person.suspect", "Person", "cnic", "35202-0000000-1", "H2"),
          S("pp.Person.suspect", "Person", "nationality", "pk", ""),
          S("pp.Person.survivor", "Person", "name", "Survivor Test"),
          S("pp.Vehicle.1", "Vehicle", "registrationNumber", "LEA-1234")};
}

TEST(PackageContent, HandlingPolicyAndRedactionsNarrowTheSelection) {
  Fixture f;
  const PackageContent c = BuildPackageContent(Selection(), f.Rules(), "punjab-police");
  EXPECT_NE(c.body.find("Suspect Test"), std::string::npos);
  EXPECT_EQ(c.body.find("03001234567"), std::string::npos);      // redacted
  EXPECT_EQ(c.body.find("35202-0000000-1"), std::string::npos);  // H2 never leaves
  EXPECT_EQ(c.body.find("LEA-1234"), std::string::npos);         // Vehicle not in the policy
  EXPECT_EQ(c.withheld_handling, 2);                             // H2 and the ungraded nationality
  EXPECT_EQ(c.withheld_policy, 2);                               // phone, vehicle
}

TEST(PackageContent, SurvivorsIdentityLeavesOnlyWithConsentForThatRecipientAndPurpose) {
  Fixture f;
  const PackageContent without = BuildPackageContent(Selection(), f.Rules(), "punjab-police");
  EXPECT_EQ(without.body.find("Survivor Test"), std::string::npos);
  EXPECT_EQ(without.body.find("pp.Person.survivor"), std::string::npos);  // not even the link to her
  EXPECT_EQ(without.withheld_victims, 2);
  std::vector<std::string> asked;
  auto consent_for = [&](const std::string& recipient, const std::string& purpose) {
    return [&asked, recipient, purpose](const std::string& entity, const std::string& r, const std::string& p) {
      asked.push_back(entity);
      return r == recipient && p == purpose;
    };
  };
  const PackageContent other =
      BuildPackageContent(Selection(), f.Rules(consent_for("sindh-police", "investigation")), "punjab-police");
  EXPECT_EQ(other.body.find("Survivor Test"), std::string::npos);  // consent for another recipient
  const PackageContent purpose =
      BuildPackageContent(Selection(), f.Rules(consent_for("fia-lahore", "victim-protection")), "punjab-police");
  EXPECT_EQ(purpose.body.find("Survivor Test"), std::string::npos);  // consent for another purpose
  const PackageContent with =
      BuildPackageContent(Selection(), f.Rules(consent_for("fia-lahore", "investigation")), "punjab-police");
  EXPECT_NE(with.body.find("Survivor Test"), std::string::npos);
  EXPECT_NE(with.body.find("pp.Person.survivor"), std::string::npos);
  EXPECT_EQ(with.withheld_victims, 0);
  EXPECT_FALSE(asked.empty());
  for (const auto& e : asked) EXPECT_EQ(e, "pp.Person.survivor");
}

TEST(PackageContent, EveryRecipientMustBeAllowed) {
  Fixture f;
  ReleaseRules rules = f.Rules();
  rules.recipients.push_back("not-a-partner");
  const PackageContent c = BuildPackageContent(Selection(), rules, "punjab-police");
  EXPECT_EQ(c.statements, 0);
  EXPECT_TRUE(c.body.empty());
}

}  // namespace
}  // namespace kashf::sharing
