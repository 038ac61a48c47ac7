#include <gtest/gtest.h>

#include "kashf/model/model.h"
#include "kashf/model/statement.h"
#include "kashf/model/values.h"

namespace kashf {
namespace {

TEST(Model, LoadsShippedSchemaWithInheritance) {
  auto model = Model::LoadDefault();
  ASSERT_TRUE(model.ok()) << model.status().ToString();
  EXPECT_TRUE(model->IsA("Person", "LegalEntity"));
  EXPECT_TRUE(model->IsA("Wallet", "BankAccount"));
  EXPECT_FALSE(model->IsA("Person", "Organization"));
  ASSERT_NE(model->FindProperty("Person", "name"), nullptr);  // inherited from Thing
  EXPECT_EQ(model->FindProperty("Person", "cnic")->type, PropertyType::kCnic);
  EXPECT_TRUE(model->IsInterval("Payment"));
  EXPECT_EQ(model->Edge("Payment"), (std::pair<std::string, std::string>{"payer", "beneficiary"}));
  EXPECT_EQ(model->Edge("Call").first, "caller");
}

TEST(Model, EventsNeedAttendeesAndCallsCarryCounts) {
  auto model = Model::LoadDefault();
  ASSERT_TRUE(model.ok()) << model.status().ToString();
  EXPECT_TRUE(model->IsA("Meeting", "Event"));
  EXPECT_FALSE(model->IsInterval("Meeting"));
  EXPECT_EQ(model->Required("Meeting"), std::vector<std::string>{"attendee"});  // inherited from Event
  EXPECT_TRUE(model->Required("Person").empty());
  ASSERT_NE(model->FindProperty("Meeting", "attendee"), nullptr);
  EXPECT_EQ(model->FindProperty("Meeting", "attendee")->type, PropertyType::kEntity);
  ASSERT_NE(model->FindProperty("Call", "count"), nullptr);
  ASSERT_NE(model->FindProperty("Call", "messages"), nullptr);
  // A required property the schema does not have is an error in the schema file.
  auto bad = Model::LoadYaml("schemata: {A: {required: [nope], properties: {x: {type: string}}}}", "t");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("A.required"), std::string::npos) << bad.status().message();
}

TEST(Model, UnknownNamesGetSuggestions) {
  auto model = Model::LoadDefault();
  ASSERT_TRUE(model.ok());
  EXPECT_NE(model->UnknownSchema("Persn").message().find("did you mean 'Person'"), std::string::npos);
  EXPECT_NE(model->UnknownProperty("Person", "fathername").message().find("did you mean 'fatherName'"),
            std::string::npos);
}

TEST(Model, RejectsBrokenSchemaFiles) {
  EXPECT_FALSE(Model::LoadYaml("schemata: {A: {extends: B}}", "t").ok());
  EXPECT_FALSE(Model::LoadYaml("schemata: {A: {properties: {x: {type: nmae}}}}", "t").ok());
  EXPECT_FALSE(Model::LoadYaml("schemata: [", "t").ok());
  auto cyc = Model::LoadYaml("schemata: {A: {extends: B}, B: {extends: A}}", "t");
  EXPECT_FALSE(cyc.ok());
}

std::string V(PropertyType t, std::string_view raw) {
  std::string out;
  Status st = ValidateValue(t, raw, &out);
  return st.ok() ? out : "ERR";
}

TEST(Values, CanonicalisesPakistaniIdentifiers) {
  EXPECT_EQ(V(PropertyType::kCnic, "3520212345671"), "35202-1234567-1");
  EXPECT_EQ(V(PropertyType::kCnic, " 35202-1234567-1 "), "35202-1234567-1");
  EXPECT_EQ(V(PropertyType::kCnic, "35202-123456-1"), "ERR");
  EXPECT_EQ(V(PropertyType::kPhone, "0300-1234567"), "+923001234567");
  EXPECT_EQ(V(PropertyType::kPhone, "+92 300 1234567"), "+923001234567");
  EXPECT_EQ(V(PropertyType::kPhone, "00923001234567"), "+923001234567");
  EXPECT_EQ(V(PropertyType::kPhone, "3001234567"), "+923001234567");
  EXPECT_EQ(V(PropertyType::kPhone, "12345"), "ERR");
}

TEST(Values, DatesKeepPartialPrecision) {
  EXPECT_EQ(V(PropertyType::kDate, "2021"), "2021");
  EXPECT_EQ(V(PropertyType::kDate, "2021-3"), "2021-03");
  EXPECT_EQ(V(PropertyType::kDate, "04/03/2021"), "2021-03-04");
  EXPECT_EQ(V(PropertyType::kDate, "2021-03-04T10:00:00"), "2021-03-04");
  EXPECT_EQ(V(PropertyType::kDate, "2021-02-29"), "ERR");
  EXPECT_EQ(V(PropertyType::kDate, "2020-02-29"), "2020-02-29");
  EXPECT_EQ(V(PropertyType::kDate, "yesterday"), "ERR");
  // Historical records: years from 1000 on are dates (1800 was the floor before).
  EXPECT_EQ(V(PropertyType::kDate, "1066-10-14"), "1066-10-14");
  EXPECT_EQ(V(PropertyType::kDate, "1799"), "1799");
  EXPECT_EQ(V(PropertyType::kDate, "0999"), "ERR");
}

TEST(Values, AmountsCountriesGender) {
  EXPECT_EQ(V(PropertyType::kAmount, "Rs. 1,250,000.50"), "1250000.5");
  EXPECT_EQ(V(PropertyType::kAmount, "PKR 300"), "300");
  EXPECT_EQ(V(PropertyType::kAmount, "12a"), "ERR");
  EXPECT_EQ(V(PropertyType::kCountry, "Pakistan"), "pk");
  EXPECT_EQ(V(PropertyType::kCountry, "IRN"), "ir");
  EXPECT_EQ(V(PropertyType::kCountry, "UAE"), "ae");
  EXPECT_EQ(V(PropertyType::kCountry, "Atlantis"), "ERR");
  EXPECT_EQ(V(PropertyType::kGender, "F"), "female");
  EXPECT_EQ(V(PropertyType::kName, "  Muhammad   Asif "), "Muhammad Asif");
}

TEST(Statement, IdIgnoresImportTime) {
  Statement a{"e1", "Person", "name", "Asif", "fir", "f.csv:2", 100};
  Statement b = a;
  b.first_seen = 200;
  EXPECT_EQ(a.Id(), b.Id());
  b.record_id = "f.csv:3";
  EXPECT_NE(a.Id(), b.Id());
  EXPECT_EQ(MakeEntityId("fir", "Person", "k"), MakeEntityId("fir", "Person", "k"));
  EXPECT_NE(MakeEntityId("fir", "Person", "k"), MakeEntityId("fia", "Person", "k"));
}

}  // namespace
}  // namespace kashf
