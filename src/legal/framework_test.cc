#include "kashf/legal/framework.h"

#include <gtest/gtest.h>

#include "legal_test_util.h"

namespace kashf::legal {
namespace {

TEST(FrameworkTest, PakistanIsDataWithAFederationAndProvinces) {
  const LegalFramework& f = ShippedFramework();
  ASSERT_NE(f.FindJurisdiction("pk"), nullptr);
  EXPECT_EQ(f.FindJurisdiction("pk-pb")->parent, "pk");
  EXPECT_EQ(f.FindJurisdiction("pk-sd")->level, "provincial");
  ASSERT_NE(f.DeferenceOf("pk-pb", "un-tip-protocol"), nullptr);
  EXPECT_EQ(f.DeferenceOf("pk-pb", "un-firearms-protocol"), nullptr);
  const Instrument* repealed = f.FindInstrument("pk-sd-arms-ordinance-1965");
  ASSERT_NE(repealed, nullptr);
  EXPECT_TRUE(repealed->InForceOn("2010-01-01"));
  EXPECT_FALSE(repealed->InForceOn("2014-01-01"));
  EXPECT_TRUE(f.FindInstrument("pk-sd-arms-act-2013")->InForceOn("2014-01-01"));
}

TEST(FrameworkTest, CheckAssessmentNamesEveryBadField) {
  const LegalFramework& f = ShippedFramework();
  Assessment ok = MakeAssessment("FP-08a", "pk-sd", Compliance::kPartlyMet, "2025-01-01");
  ok.provisions = {{"pk-sd-arms-act-2013", "9"}};
  EXPECT_TRUE(CheckAssessment(f, ok).empty());

  Assessment bad = ok;
  bad.catalogue_version = "2019.1";
  bad.provisions = {{"pk-sd-arms-ordinance-1965", "13"},  // repealed in 2013
                    {"pk-sd-arms-act-2013", "99"},        // no such section
                    {"pk-ptpa-2019", ""}};                // no such instrument
  auto errors = CheckAssessment(f, bad);
  std::vector<std::string> fields;
  for (const auto& e : errors) fields.push_back(e.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"catalogue_version", "provisions", "provisions", "provisions"}));
  EXPECT_NE(errors[1].message.find("not in force"), std::string::npos);

  Assessment unknown = ok;
  unknown.requirement = "FP-99";
  unknown.jurisdiction = "pk-xx";
  fields.clear();
  for (const auto& e : CheckAssessment(f, unknown)) fields.push_back(e.field);
  EXPECT_EQ(fields[0], "requirement");
  EXPECT_EQ(fields[1], "jurisdiction");
}

TEST(FrameworkTest, ProvincesInheritFederalAssessmentsWhereTheyDefer) {
  const LegalFramework& f = ShippedFramework();
  Assessment federal = MakeAssessment("TIP-06f", "pk", Compliance::kPartlyMet);
  Assessment own = MakeAssessment("FP-08a", "pk", Compliance::kMet);
  auto cells = EffectiveAssessments(f, {federal, own});
  auto cell = [&](const std::string& req, const std::string& jur) {
    for (const auto& a : cells)
      if (a.requirement == req && a.jurisdiction == jur) return a;
    ADD_FAILURE() << req << " " << jur;
    return Assessment{};
  };
  Assessment inherited = cell("TIP-06f", "pk-pb");
  EXPECT_EQ(inherited.status, Compliance::kPartlyMet);
  EXPECT_EQ(inherited.inherited_from, "pk");
  EXPECT_NE(inherited.note.find("federally"), std::string::npos);
  // Firearms are provincial: no inheritance, the province is simply not assessed yet.
  Assessment provincial = cell("FP-08a", "pk-pb");
  EXPECT_EQ(provincial.status, Compliance::kNotAssessed);
  EXPECT_TRUE(provincial.inherited_from.empty());
  size_t requirements = 0;
  for (const auto& c : f.catalogues) requirements += c.requirements.size();
  EXPECT_EQ(cells.size(), requirements * f.Jurisdictions().size());
}

}  // namespace
}  // namespace kashf::legal
