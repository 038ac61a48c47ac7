#include "kashf/victims/case_generator.h"

#include <map>

#include <gtest/gtest.h>

#include "kashf/victims/civil_date.h"

namespace kashf::victims {
namespace {

TEST(CaseGenerator, IsDeterministicPerSeed) {
  NrmProcess p = *NrmProcess::LoadDefault();
  GeneratorOptions o;
  o.count = 200;
  auto a = GenerateCases(o, p);
  auto b = GenerateCases(o, p);
  o.seed = 2;
  auto c = GenerateCases(o, p);
  ASSERT_EQ(a.size(), 200u);
  for (size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].identity.national_id, b[i].identity.national_id);
    EXPECT_EQ(a[i].record.Route(), b[i].record.Route());
  }
  int same = 0;
  for (size_t i = 0; i < a.size(); ++i) same += a[i].identity.national_id == c[i].identity.national_id;
  EXPECT_LT(same, 5);
}

TEST(CaseGenerator, ProducesPlausibleDistributionsAndValidHistories) {
  NrmProcess p = *NrmProcess::LoadDefault();
  GeneratorOptions o;
  o.count = 5000;
  auto cases = GenerateCases(o, p);
  std::map<std::string, int> sex, routes, exploitation;
  int cnic_parity_ok = 0, pak = 0;
  for (const auto& nc : cases) {
    const VictimCase& c = nc.record;
    ++sex[c.sex];
    ++routes[c.Route()];
    ++exploitation[c.exploitation_types.at(0)];
    ASSERT_TRUE(DayNumber(c.registration_date));
    ASSERT_GE(c.age_at_registration, 0);
    // Replaying the history through the NRM rules accepts every step.
    VictimCase replay;
    replay.id = "case-x";
    for (const auto& s : c.stages) {
      ASSERT_TRUE(p.CheckTransition(replay, s.stage, s.date, s.authority).ok())
          << p.CheckTransition(replay, s.stage, s.date, s.authority).ToString();
      replay.stages.push_back(s);
    }
    if (c.citizenship == "PAK") {
      ++pak;
      const std::string& id = nc.identity.national_id;
      ASSERT_EQ(id.size(), 15u);
      int last = id.back() - '0';
      cnic_parity_ok += (c.sex == "female") == (last % 2 == 0);
    }
  }
  EXPECT_GT(sex["male"], 1500);
  EXPECT_GT(sex["female"], 1000);
  EXPECT_GT(routes["PAK>IRN>TUR>GRC"], 700);
  EXPECT_GT(routes["PAK>LBY>ITA"], 200);
  EXPECT_GT(routes["PAK>ARE"], 400);
  EXPECT_GT(exploitation["forced_labour"], exploitation["sexual_exploitation"]);
  EXPECT_GT(exploitation["forced_marriage"], 0);
  EXPECT_EQ(cnic_parity_ok, pak);  // CNIC last digit: odd for men, even for women
}

}  // namespace
}  // namespace kashf::victims
