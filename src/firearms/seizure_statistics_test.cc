#include "kashf/firearms/seizure_statistics.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "firearms_test_util.h"
#include "kashf/firearms/registry_generator.h"
#include "kashf/testing/golden.h"

namespace kashf::firearms {
namespace {

// Three weapons by hand: two seized (one traced), one surrendered.
std::unique_ptr<FirearmRegistry> HandMade() {
  auto reg = FreshRegistry("stats");
  int64_t a = *reg->AddFirearm(Pistol("A1"));
  Firearm rifle = Pistol("R1", "Norinco", "7.62x39mm");
  rifle.type = "rifle";
  rifle.country_of_manufacture = "cn";
  int64_t b = *reg->AddFirearm(rifle);
  int64_t c = *reg->AddFirearm(Pistol("C1"));
  LifecycleEvent s1 = Event(a, "seized", "2024-01-05");
  s1.seizure_context = "border crossing";
  s1.district = "Chaman";
  EXPECT_TRUE(reg->RecordEvent(s1).ok());
  LifecycleEvent s2 = Event(b, "seized", "2024-02-10");
  s2.seizure_context = "raid, premises";
  EXPECT_TRUE(reg->RecordEvent(s2).ok());
  LifecycleEvent s3 = Event(c, "surrendered", "2024-02-11");
  s3.campaign = "VSC-1";
  EXPECT_TRUE(reg->RecordEvent(s3).ok());
  TraceRequest t{"", b, "2024-02-12", "FIA", "iARMS", "seized", "s.13", "", "", "", "prosecution"};
  auto id = reg->CreateTraceRequest(t);
  EXPECT_TRUE(id.ok());
  TraceAnswer ans;
  ans.request_id = *id;
  ans.date = "2024-03-01";
  ans.responder = "iARMS";
  ans.outcome = "origin_established";
  EXPECT_TRUE(reg->RecordTraceAnswer(ans).ok());
  return reg;
}

TEST(SeizureStatistics, CountsByDimensionAndSdg1642) {
  auto reg = HandMade();
  auto s = ComputeSeizureStatistics(*reg, {});
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->seizure_events, 2);
  EXPECT_EQ(s->in_scope_firearms, 3);
  EXPECT_EQ(s->trace_requested, 1);
  EXPECT_EQ(s->origin_established, 1);
  EXPECT_DOUBLE_EQ(s->sdg_16_4_2_share, 1.0 / 3.0);
  EXPECT_EQ(s->by.at("type").at("rifle"), 1);
  EXPECT_EQ(s->by.at("bore_class").at("prohibited"), 1);
  EXPECT_EQ(s->by.at("district").at("Chaman"), 1);
  EXPECT_EQ(s->by.at("month").at("2024-02"), 1);
  EXPECT_EQ(SeizureStatisticsCsv(*s),
            "dimension,value,seized\n"
            "type,pistol,1\ntype,rifle,1\n"
            "calibre,7.62x39mm,1\ncalibre,9mm,1\n"
            "bore_class,non-prohibited,1\nbore_class,prohibited,1\n"
            "country_of_manufacture,at,1\ncountry_of_manufacture,cn,1\n"
            "seizure_context,border crossing,1\nseizure_context,\"raid, premises\",1\n"
            "district,Chaman,1\ndistrict,Lahore,1\n"
            "month,2024-01,1\nmonth,2024-02,1\n"
            "summary,seizure_events,2\nsummary,seized_firearms,2\nsummary,surrendered_firearms,1\n"
            "summary,seized_found_or_surrendered,3\nsummary,trace_requested,1\n"
            "summary,origin_established_by_tracing,1\nsummary,sdg_16_4_2_share,0.3333\n");
  auto jan = ComputeSeizureStatistics(*reg, {"2024-01-01", "2024-01-31"});
  EXPECT_EQ(jan->seizure_events, 1);
  EXPECT_EQ(jan->origin_established, 0);  // the traced rifle was seized in February
}

TEST(SeizureStatistics, GeneratedRegistryMatchesGoldenCsvAndTotalsAddUp) {
  auto reg = FreshRegistry("stats");
  GeneratorOptions o;
  o.count = 600;
  o.seed = 7;
  ASSERT_TRUE(SimulateIntoRegistry(*reg, o).ok());
  auto s = ComputeSeizureStatistics(*reg, {});
  ASSERT_TRUE(s.ok());
  for (const auto& d : SeizureDimensions()) {
    int64_t sum = 0;
    for (const auto& [v, n] : s->by.at(d)) sum += n;
    EXPECT_EQ(sum, s->seizure_events) << d;
  }
  std::string csv = SeizureStatisticsCsv(*s);
  EXPECT_TRUE(testing::MatchesGoldenFile(csv, "firearms/seizure-statistics-seed7-600.csv"));
}

TEST(SeizureStatistics, WritesAnXlsxWorkbook) {
  auto reg = HandMade();
  auto s = ComputeSeizureStatistics(*reg, {});
  std::string path = testing::FreshTempDir("xlsx") + "/stats.xlsx";
  ASSERT_TRUE(WriteSeizureStatisticsXlsx(*s, path).ok());
  std::string bytes = testing::ReadFile(path);
  ASSERT_GT(bytes.size(), 1000u);
  EXPECT_EQ(bytes.substr(0, 2), "PK");                                   // a zip container
  EXPECT_NE(bytes.find("xl/worksheets/sheet8.xml"), std::string::npos);  // Summary + 7 dimensions
  EXPECT_FALSE(WriteSeizureStatisticsXlsx(*s, "/nonexistent-dir/x.xlsx").ok());
}

}  // namespace
}  // namespace kashf::firearms
