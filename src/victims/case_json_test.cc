#include "kashf/victims/case_json.h"

#include <gtest/gtest.h>

namespace kashf::victims {
namespace {

VictimCase FullCase() {
  VictimCase c;
  c.id = "case-000007";
  c.agency = "fia-ahtc-lahore";
  c.registration_date = "2025-02-03";
  c.sex = "female";
  c.age_at_registration = 24;
  c.citizenship = "AFG";
  c.additional_citizenships = {"PAK"};
  c.primary_language = "pus";
  c.secondary_language = "urd";
  c.education = "primary";
  c.marital_status = "married";
  c.number_of_children = 2;
  c.trafficking_status = "actual";
  c.recruitment_methods = {"job_offer", "internet"};
  c.recruitment_platforms = {"whatsapp"};
  c.means_of_control = {"debt_bondage", "psychoactive_substances"};
  c.exploitation_types = {"forced_labour", "sexual_exploitation"};
  c.labour_sector = "domestic_work";
  c.sexual_exploitation_types = {"prostitution", "pornography"};
  c.exploitation_platforms = {"telegram"};
  c.vulnerabilities = {"poverty", "migration"};
  c.perpetrators = {{{"recruiter_or_intermediary", "transporter"}, "drove the van", "", "ent-42", "male", "PAK"},
                    {{"exploiter"}, "", "a kiln", "", "unknown", ""}};
  c.events = {{"recruitment", "AFG", "Jalalabad", "2024-06-01", "Nangarhar", "met at the bazaar"}};
  c.support_plan = {"shelter"};
  c.support_objectives = {{"shelter", "safe housing for 90 days", "2025-02-03", "2025-05-03", "", "in_progress"}};
  c.case_status = "closed_referred";
  c.case_owner = "amna";
  c.closure_reason = "moved to Peshawar; referred on";
  c.referrals = {{"out", "legal_aid", "Legal Aid NGO", "2025-02-10", false, "Mr. Worker",
                  "migration_or_change_of_location", "escort arranged", "accepted"}};
  return c;
}

TEST(CaseJson, RoundTripsEveryHtcdsField) {
  VictimCase c = FullCase();
  auto back = CaseFromJson(CaseToJson(c));
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(CaseToJson(*back), CaseToJson(c));
  EXPECT_EQ(back->recruitment_methods, (std::vector<std::string>{"job_offer", "internet"}));
  EXPECT_EQ(back->perpetrators.at(0).entity_id, "ent-42");
  EXPECT_EQ(back->PerpetratorRoles(),
            (std::vector<std::string>{"recruiter_or_intermediary", "transporter", "exploiter"}));
  EXPECT_EQ(back->support_objectives.at(0).target_date, "2025-05-03");
  EXPECT_EQ(back->referrals.at(0).case_worker, "Mr. Worker");
  EXPECT_EQ(back->events.at(0).description, "met at the bazaar");
  EXPECT_EQ(back->case_status, "closed_referred");
  EXPECT_EQ(back->number_of_children, 2);
}

// A record as stored before the HTCDS v2 fields existed (one recruitment method, perpetrator roles).
constexpr const char* kOldRecord = R"({
  "id": "case-000001", "agency": "fia-ahtc-lahore", "registration_date": "2021-04-05",
  "person": {"sex": "male", "age_at_registration": 31, "citizenship": "PAK"},
  "victim_context": {"trafficking_status": "possible", "status_decided_by": "fia", "age_when_trafficked": 30,
    "recruiter_relation": "agent", "recruitment_method": "job_offer", "means_of_control": ["threats"],
    "exploitation_types": ["forced_labour"], "labour_sector": "construction", "months_trafficked": 9},
  "perpetrator_roles": ["recruiter", "exploiter"],
  "events": [{"kind": "recruitment", "country": "PAK", "city": "Gujrat", "date": "2020-07-01"}],
  "support_plan": ["legal_aid"], "offences": [],
  "nrm": {"stages": [{"stage": "identification", "date": "2021-04-05", "authority": "", "note": ""}], "extensions": 0},
  "referrals": [{"direction": "out", "service": "legal_aid", "provider": "NGO", "date": "2021-04-06",
                 "identity_shared": false}],
  "consents": []})";

TEST(CaseJson, ReadsRecordsStoredBeforeHtcdsV2) {
  auto c = CaseFromJson(nlohmann::json::parse(kOldRecord));
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->recruitment_methods, std::vector<std::string>{"job_offer"});
  ASSERT_EQ(c->perpetrators.size(), 2u);
  EXPECT_EQ(c->perpetrators[0].roles, std::vector<std::string>{"recruiter"});
  EXPECT_EQ(c->PerpetratorRoles(), (std::vector<std::string>{"recruiter", "exploiter"}));
  EXPECT_EQ(c->case_status, "active");
  EXPECT_EQ(c->number_of_children, -1);
  EXPECT_TRUE(c->additional_citizenships.empty());
  EXPECT_EQ(c->events.at(0).description, "");
  EXPECT_EQ(c->referrals.at(0).outcome, "");
  // Written back, it takes the current shape (and reads the same again).
  nlohmann::json now = CaseToJson(*c);
  EXPECT_FALSE(now["victim_context"].contains("recruitment_method"));
  EXPECT_FALSE(now.contains("perpetrator_roles"));
  EXPECT_EQ(CaseToJson(*CaseFromJson(now)), now);
}

TEST(CaseJson, WrongTypesAreCorruptionNamingTheCase) {
  nlohmann::json j = CaseToJson(FullCase());
  j["perpetrators"] = "several";
  auto c = CaseFromJson(j);
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.status().message().find("case-000007"), std::string::npos);
  j = CaseToJson(FullCase());
  j["person"]["number_of_children"] = "two";
  EXPECT_FALSE(CaseFromJson(j).ok());
}

TEST(CaseJson, IdentityFieldsAreAllNamedAndAddressable) {
  Identity id;
  id.first_name = "Synthetic";
  id.address_city = "Nowhere";
  nlohmann::json j = IdentityToJson(id);
  EXPECT_EQ(j.size(), IdentityFieldNames().size() + 2);  // and event_points, comments
  EXPECT_EQ(j["first_name"], "Synthetic");
  EXPECT_EQ(j["comments"], nlohmann::json::array());
  EXPECT_EQ(j["address_city"], "Nowhere");
  for (const char* name : IdentityFieldNames()) EXPECT_NE(IdentityField(id, name), nullptr) << name;
  EXPECT_EQ(IdentityField(id, "salary"), nullptr);
  EXPECT_EQ(id.DisplayName(), "Synthetic");
  id.full_name = "Old Style";
  EXPECT_EQ(id.DisplayName(), "Synthetic");
  id.first_name.clear();
  EXPECT_EQ(id.DisplayName(), "Old Style");
}

}  // namespace
}  // namespace kashf::victims
