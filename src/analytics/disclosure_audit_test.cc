#include "kashf/analytics/disclosure_audit.h"

#include <gtest/gtest.h>

namespace kashf::analytics {
namespace {

const std::vector<CtdcVariable> kGender = {CtdcVariable::kGender};
const std::vector<CtdcVariable> kGenderAge = {CtdcVariable::kGender, CtdcVariable::kAgeBroad};

std::vector<CtdcRecord> Records(const std::vector<std::tuple<std::string, std::string, int>>& groups) {
  std::vector<CtdcRecord> out;
  for (const auto& [gender, age, n] : groups)
    for (int i = 0; i < n; ++i) {
      CtdcRecord r;
      r.values[static_cast<size_t>(CtdcVariable::kGender)] = gender;
      r.values[static_cast<size_t>(CtdcVariable::kAgeBroad)] = age;
      out.push_back(r);
    }
  return out;
}

TEST(DisclosureAudit, ATotalBesideOneWithheldCellPinsIt) {
  // female 50 released, other 3 withheld, total 53: other = 53 - 50.
  ReleasedTable t{0, 0, "", "", "", 11, kGender, {{{"female"}, 50}}, {{"other"}}, 53};
  std::map<CtdcVariable, std::vector<std::string>> domains{{CtdcVariable::kGender, {"female", "other"}}};
  auto r = FeasibleRanges({t}, domains, {{kGender, {"other"}}}, {});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ((*r)[0].min, 3);
  EXPECT_EQ((*r)[0].max, 3);
  EXPECT_TRUE(Discloses((*r)[0], 3, 11));
  // Without the total the cell is only known to be at least 1.
  t.total.reset();
  r = FeasibleRanges({t}, domains, {{kGender, {"other"}}}, {});
  EXPECT_EQ((*r)[0].min, 1);
  EXPECT_FALSE((*r)[0].max.has_value());
  EXPECT_FALSE(Discloses((*r)[0], 3, 11));
}

TEST(DisclosureAudit, TwoTablesTogetherPinACellNeitherPinsAlone) {
  auto records = Records({{"female", "a", 30}, {"female", "b", 20}, {"male", "a", 25}, {"male", "b", 4}});
  // Gender alone releases male = 29; gender x age withholds male|b (4) with its complement male|a:
  // together they only say male|a + male|b = 29, each at least 1.
  ReleasedTable gender{0, 0, "", "", "", 11, kGender, {{{"female"}, 50}, {{"male"}, 29}}, {}, 79};
  ReleasedTable cross{
      0, 0, "", "", "", 11, kGenderAge, {{{"female", "a"}, 30}, {{"female", "b"}, 20}}, {{"male", "a"}, {"male", "b"}},
      79};
  auto alone = AuditReleases({cross}, records, 11, {});
  ASSERT_TRUE(alone.ok());
  EXPECT_TRUE(alone->approved) << alone->reason;
  auto together = AuditReleases({gender, cross}, records, 11, {});
  ASSERT_TRUE(together.ok());
  EXPECT_TRUE(together->approved) << "male|a and male|b still share 29";
  // Releasing male|a beside them pins male|b = 29 - 25.
  cross.released.push_back({{"male", "a"}, 25});
  cross.withheld = {{"male", "b"}};
  auto pinned = AuditReleases({gender, cross}, records, 11, {});
  ASSERT_TRUE(pinned.ok());
  EXPECT_FALSE(pinned->approved);
  ASSERT_EQ(pinned->exposed.size(), 1u);
  EXPECT_EQ(pinned->exposed[0].values, (std::vector<std::string>{"male", "b"}));
  EXPECT_EQ(pinned->reason.find('4'), std::string::npos) << "the reason names no count";
}

TEST(DisclosureAudit, AGrowthOfFewerThanKBetweenTwoReleasesIsADisclosure) {
  // Released before: female 50, male 29; now female 53, male 29 (three women joined).
  ReleasedTable then{0, 0, "", "", "v1", 11, kGender, {{{"female"}, 50}, {{"male"}, 29}}, {}, 79};
  ReleasedTable now{0, 0, "", "", "v2", 11, kGender, {{{"female"}, 53}, {{"male"}, 29}}, {}, 82};
  auto records = Records({{"female", "a", 53}, {"male", "a", 29}});
  auto audit = AuditReleases({then, now}, records, 11, {});
  ASSERT_TRUE(audit.ok());
  EXPECT_FALSE(audit->approved);
  EXPECT_EQ(audit->versions, 2u);
  bool female = false, total = false;
  for (const auto& e : audit->exposed) {
    EXPECT_EQ(e.since, "v1");
    female |= e.values == std::vector<std::string>{"female"};
    total |= e.variables.empty();
  }
  EXPECT_TRUE(female && total) << "female's growth and the total's are both pinned at 3";
  // Without the total and female now, the growth is hidden (female >= 50 by growth, male known).
  now.released = {{{"male"}, 29}};
  now.withheld = {{"female"}};
  now.withheld_counts = {53};
  now.total.reset();
  audit = AuditReleases({then, now}, records, 11, {});
  ASSERT_TRUE(audit.ok());
  EXPECT_TRUE(audit->approved) << audit->reason;
  // A growth of k or more is not small.
  auto grown = Records({{"female", "a", 61}, {"male", "a", 29}});
  ReleasedTable big{0, 0, "", "", "v3", 11, kGender, {{{"female"}, 61}, {{"male"}, 29}}, {}, 90};
  audit = AuditReleases({then, big}, grown, 11, {});
  ASSERT_TRUE(audit.ok());
  EXPECT_TRUE(audit->approved) << audit->reason;
}

TEST(DisclosureAudit, FailsClosedWhenOutOfTime) {
  auto records = Records({{"female", "a", 30}, {"male", "a", 4}});
  ReleasedTable t{0, 0, "", "", "", 11, kGender, {{{"female"}, 30}}, {{"male"}}, std::nullopt};
  auto r = AuditReleases({t}, records, 11, AuditLimits{0.0, 1000});
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r->approved);
  EXPECT_NE(r->reason.find("time"), std::string::npos);
}

TEST(DisclosureAudit, ContradictoryTablesAreReported) {
  ReleasedTable a{0, 0, "", "", "", 11, kGender, {{{"female"}, 30}}, {}, 30};
  ReleasedTable b{0, 0, "", "", "", 11, kGender, {{{"female"}, 31}}, {}, 31};
  std::map<CtdcVariable, std::vector<std::string>> domains{{CtdcVariable::kGender, {"female"}}};
  auto r = FeasibleRanges({a, b}, domains, {{kGender, {"female"}}}, {});
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace kashf::analytics
