#include "kashf/analytics/ctdc_record.h"

#include <gtest/gtest.h>

namespace kashf::analytics {
namespace {

TEST(AgeBands, CtdcBoundaries) {
  auto b = AgeBands::LoadDefault();
  ASSERT_TRUE(b.ok()) << b.status().ToString();
  EXPECT_EQ(b->BandOf(0), "0--8");
  EXPECT_EQ(b->BandOf(8), "0--8");
  EXPECT_EQ(b->BandOf(9), "9--17");
  EXPECT_EQ(b->BandOf(17), "9--17");
  EXPECT_EQ(b->BandOf(18), "18--20");
  EXPECT_EQ(b->BandOf(29), "27--29");
  EXPECT_EQ(b->BandOf(38), "30--38");
  EXPECT_EQ(b->BandOf(47), "39--47");
  EXPECT_EQ(b->BandOf(48), "48+");
  EXPECT_EQ(b->BandOf(90), "48+");
  EXPECT_EQ(b->BandOf(-1), "unknown");
  EXPECT_EQ(b->Labels().size(), 10u);
}

TEST(CtdcRecord, KeepsOnlyReleasableVariables) {
  victims::VictimCase c;
  c.registration_date = "2024-06-30";
  c.sex = "female";
  c.age_at_registration = 16;
  c.citizenship = "PAK";
  c.exploitation_types = {"sexual_exploitation", "forced_labour"};
  c.recruiter_relation = "agent";
  c.trafficking_status = "actual";
  c.events = {{"exploitation", "ARE", "Dubai", "2024-02-01"}, {"recruitment", "PAK", "Sialkot", "2024-01-01"}};
  CtdcRecord r = ToCtdcRecord(c, *AgeBands::LoadDefault());
  EXPECT_EQ(r.Get(CtdcVariable::kYearOfRegistration), "2024");
  EXPECT_EQ(r.Get(CtdcVariable::kGender), "female");
  EXPECT_EQ(r.Get(CtdcVariable::kAgeBroad), "9--17");
  EXPECT_EQ(r.Get(CtdcVariable::kCountryOfExploitation), "ARE");
  EXPECT_EQ(r.Get(CtdcVariable::kTypeOfExploit), "sexual_exploitation");
  EXPECT_EQ(r.Get(CtdcVariable::kRoute), "PAK>ARE");
  EXPECT_EQ(r.Get(CtdcVariable::kRecruiterRelationship), "agent");
}

TEST(CtdcRecord, VariableNamesParse) {
  EXPECT_EQ(ParseCtdcVariable("ageBroad").value(), CtdcVariable::kAgeBroad);
  auto bad = ParseCtdcVariable("name");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("gender"), std::string::npos);
}

}  // namespace
}  // namespace kashf::analytics
