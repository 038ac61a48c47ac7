#include "kashf/firearms/campaign_statistics.h"

#include <gtest/gtest.h>

#include "firearms_test_util.h"
#include "kashf/firearms/registry_generator.h"
#include "kashf/testing/golden.h"

namespace kashf::firearms {
namespace {

TEST(CampaignStatistics, CountsSurrendersByTypeAndDistrict) {
  auto reg = FreshRegistry("camp");
  Firearm shotgun = Pistol("S1", "Mossberg", "12 gauge");
  shotgun.type = "shotgun";
  int64_t ids[] = {*reg->AddFirearm(Pistol("P1")), *reg->AddFirearm(Pistol("P2")), *reg->AddFirearm(shotgun)};
  const char* districts[] = {"Lahore", "Multan", "Lahore"};
  for (int i = 0; i < 3; ++i) {
    LifecycleEvent e = Event(ids[i], "surrendered", "2023-03-0" + std::to_string(i + 1));
    e.campaign = "VSC-2023-PB";
    e.district = districts[i];
    ASSERT_TRUE(reg->RecordEvent(e).ok());
  }
  LifecycleEvent d = Event(ids[0], "destroyed", "2023-09-01");
  d.document = "D-1";
  ASSERT_TRUE(reg->RecordEvent(d).ok());
  auto c = ComputeCampaignStatistics(*reg);
  ASSERT_TRUE(c.ok());
  const CampaignCounts& k = c->at("VSC-2023-PB");
  EXPECT_EQ(k.surrendered, 3);
  EXPECT_EQ(k.destroyed_since, 1);
  EXPECT_EQ(k.by_type.at("pistol"), 2);
  EXPECT_EQ(k.by_district.at("Lahore"), 2);
  EXPECT_EQ(k.first_date, "2023-03-01");
  EXPECT_EQ(k.last_date, "2023-03-03");
  EXPECT_EQ(CampaignStatisticsCsv(*c),
            "campaign,dimension,value,surrendered\nVSC-2023-PB,total,all,3\nVSC-2023-PB,total,destroyed_since,1\n"
            "VSC-2023-PB,type,pistol,2\nVSC-2023-PB,type,shotgun,1\nVSC-2023-PB,district,Lahore,2\nVSC-2023-PB,"
            "district,Multan,1\n");
}

TEST(CampaignStatistics, GeneratedRegistryMatchesGoldenCsv) {
  auto reg = FreshRegistry("camp");
  GeneratorOptions o;
  o.count = 600;
  o.seed = 7;
  ASSERT_TRUE(SimulateIntoRegistry(*reg, o).ok());
  auto c = ComputeCampaignStatistics(*reg);
  ASSERT_TRUE(c.ok());
  EXPECT_FALSE(c->empty());
  std::string csv = CampaignStatisticsCsv(*c);
  EXPECT_TRUE(testing::MatchesGoldenFile(csv, "firearms/campaigns-seed7-600.csv"));
}

}  // namespace
}  // namespace kashf::firearms
