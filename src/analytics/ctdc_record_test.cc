#include "kashf/analytics/ctdc_record.h"

#include <gtest/gtest.h>

#include "kashf/core/paths.h"
#include "kashf/testing/files.h"

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
  c.events = {{"exploitation", "ARE", "Dubai", "2024-02-01", "", ""},
              {"recruitment", "PAK", "Sialkot", "2024-01-01", "", ""}};
  CtdcRecord r = ToCtdcRecord(c, *CtdcCoding::LoadDefault());
  EXPECT_EQ(r.Get(CtdcVariable::kYearOfRegistration), "2024");
  EXPECT_EQ(r.Get(CtdcVariable::kGender), "Woman");
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

// The 27 variables of the CTDC 2024 Global Synthetic Dataset codebook, in its order, typed here
// from the codebook (not taken from Kashf's tables) so a renamed or dropped variable fails.
const std::vector<std::string> kCodebook2024 = {"yearOfRegistration",
                                                "gender",
                                                "ageBroad",
                                                "citizenship",
                                                "CountryOfExploitation",
                                                "traffickMonths",
                                                "meansDebtBondageEarnings",
                                                "meansThreats",
                                                "meansAbusePsyPhySex",
                                                "meansFalsePromises",
                                                "meansDrugsAlcohol",
                                                "meansDenyBasicNeeds",
                                                "meansExcessiveWorkHours",
                                                "meansWithholdDocs",
                                                "isForcedLabour",
                                                "isSexualExploit",
                                                "isOtherExploit",
                                                "typeOfLabourAgriculture",
                                                "typeOfLabourConstruction",
                                                "typeOfLabourDomesticWork",
                                                "typeOfLabourHospitality",
                                                "typeOfSexProstitution",
                                                "typeOfSexPornography",
                                                "recruiterRelationIntimatePartner",
                                                "recruiterRelationFriend",
                                                "recruiterRelationFamily",
                                                "recruiterRelationOther"};

TEST(CtdcCoding, CoversAll27CodebookVariablesInOrder) {
  ASSERT_EQ(kCodebook2024.size(), 27u);
  auto coding = CtdcCoding::LoadDefault();
  ASSERT_TRUE(coding.ok()) << coding.status().ToString();
  std::vector<std::string> ours;
  for (CtdcVariable v : coding->CodebookVariables()) ours.emplace_back(CtdcVariableNames()[static_cast<size_t>(v)]);
  EXPECT_EQ(ours, kCodebook2024);
}

victims::VictimCase CaseForCoding() {
  victims::VictimCase c;
  c.registration_date = "2023-05-02";
  c.sex = "other";
  c.age_at_registration = 30;
  c.citizenship = "BGD";
  c.months_trafficked = 13;
  c.means_of_control = {"withheld_documents", "psychoactive_substances", "takes_earnings"};
  // The exploitation types in an order where the first alone would hide the others.
  c.exploitation_types = {"forced_marriage", "sexual_exploitation", "forced_labour"};
  c.labour_sector = "domestic_work";
  c.sexual_exploitation_types = {"pornography"};
  c.recruiter_relation = "agent";
  c.events = {{"recruitment", "BGD", "Dhaka", "2022-01-01", "", ""},
              {"exploitation", "PAK", "Lahore", "2022-03-01", "", ""}};
  return c;
}

TEST(CtdcCoding, FlagsSeeEveryExploitationTypeAndMeansOfControl) {
  auto coding = *CtdcCoding::LoadDefault();
  CtdcRecord r = coding.Code(CaseForCoding());
  EXPECT_EQ(r.Get(CtdcVariable::kGender), "Trans/Transgender/NonConforming");
  EXPECT_EQ(r.Get(CtdcVariable::kTraffickMonths), "13--24 (1-2 yrs)");
  EXPECT_EQ(r.Get(CtdcVariable::kIsForcedLabour), "1");
  EXPECT_EQ(r.Get(CtdcVariable::kIsSexualExploit), "1");
  EXPECT_EQ(r.Get(CtdcVariable::kIsOtherExploit), "1");
  EXPECT_EQ(r.Get(CtdcVariable::kTypeOfExploit), "forced_marriage");  // Kashf's first-type variable, unchanged
  EXPECT_EQ(r.Get(CtdcVariable::kMeansDrugsAlcohol), "1");
  EXPECT_EQ(r.Get(CtdcVariable::kMeansWithholdDocs), "1");
  EXPECT_EQ(r.Get(CtdcVariable::kMeansDebtBondageEarnings), "1");
  EXPECT_EQ(r.Get(CtdcVariable::kMeansThreats), "0");
  EXPECT_EQ(r.Get(CtdcVariable::kTypeOfLabourDomesticWork), "1");
  EXPECT_EQ(r.Get(CtdcVariable::kTypeOfLabourAgriculture), "0");
  EXPECT_EQ(r.Get(CtdcVariable::kTypeOfSexPornography), "1");
  EXPECT_EQ(r.Get(CtdcVariable::kTypeOfSexProstitution), "0");
  EXPECT_EQ(r.Get(CtdcVariable::kRecruiterRelationOther), "1");
  EXPECT_EQ(r.Get(CtdcVariable::kRecruiterRelationFamily), "0");
  EXPECT_EQ(r.Get(CtdcVariable::kCountryOfExploitation), "PAK");

  victims::VictimCase unknown;  // nothing recorded: CTDC's missing, not "no"
  unknown.recruiter_relation = "unknown";
  r = coding.Code(unknown);
  EXPECT_EQ(r.Get(CtdcVariable::kGender), "unknown");
  EXPECT_EQ(r.Get(CtdcVariable::kTraffickMonths), "unknown");
  EXPECT_EQ(r.Get(CtdcVariable::kMeansThreats), "unknown");
  EXPECT_EQ(r.Get(CtdcVariable::kIsForcedLabour), "unknown");
  EXPECT_EQ(r.Get(CtdcVariable::kRecruiterRelationFriend), "unknown");
  EXPECT_EQ(r.Get(CtdcVariable::kTypeOfSexProstitution), "0");
}

TEST(CtdcCoding, RefusesTablesThatDoNotDescribeEveryVariable) {
  std::string dir = testing::FreshTempDir("ctdc-coding");
  std::string ages = DataPath("data/reference/ctdc_age_bands.tsv");
  std::string months = DataPath("data/reference/ctdc_traffick_months.tsv");
  std::string vars = testing::ReadFile(DataPath("data/reference/ctdc_variables.tsv"));
  std::string codes = testing::ReadFile(DataPath("data/reference/ctdc_coding.tsv"));
  ASSERT_FALSE(vars.empty());
  auto load = [&](const std::string& v, const std::string& k) {
    testing::WriteFile(dir + "/v.tsv", v);
    testing::WriteFile(dir + "/k.tsv", k);
    return CtdcCoding::Load(dir + "/v.tsv", dir + "/k.tsv", ages, months);
  };
  EXPECT_TRUE(load(vars, codes).ok());
  // A variable without a rule.
  std::string no_drugs = vars;
  no_drugs.erase(no_drugs.find("meansDrugsAlcohol\t"),
                 no_drugs.find('\n', no_drugs.find("meansDrugsAlcohol\t")) - no_drugs.find("meansDrugsAlcohol\t") + 1);
  auto r = load(no_drugs, codes);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("meansDrugsAlcohol"), std::string::npos);
  // A coding for a variable that is copied, not coded.
  r = load(vars, codes + "route\tPAK\t1\n");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("route"), std::string::npos);
  // A source field that does not exist.
  r = load(vars + "typeOfLabour\tkashf\tvalue\tsalary\t\tx\n", codes);
  EXPECT_FALSE(r.ok());
}

}  // namespace
}  // namespace kashf::analytics
