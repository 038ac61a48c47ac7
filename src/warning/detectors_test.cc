// Bad input to the detectors: too-short baselines, zero counts, flat baselines, withheld counts.
#include "kashf/warning/detectors.h"

#include <gtest/gtest.h>

namespace kashf::warning {
namespace {

TEST(DetectorsTest, TooShortBaselineIsNotEvaluatedAndNeverAlarms) {
  std::vector<int64_t> counts = {1, 2, 1, 50};
  DetectorParams p;
  for (const auto& name : DetectorNames()) {
    const bool cusum_like = name == "cusum" || name == "glrnb";  // they run on any baseline of one period or more
    auto r = RunDetector(name, counts, cusum_like ? 1 : 0, 3, p);
    ASSERT_TRUE(r.ok()) << name << ": " << r.status().ToString();
    for (const auto& d : *r) {
      if (cusum_like) continue;
      EXPECT_FALSE(d.evaluated) << name;
      EXPECT_FALSE(d.alarm) << name;
      EXPECT_FALSE(d.note.empty()) << name;
    }
  }
  auto f = RunFarrington(counts, 3, 3, p.farrington);
  EXPECT_NE((*f)[0].note.find("needs"), std::string::npos);
}

TEST(DetectorsTest, AllZeroSeriesNeverAlarms) {
  std::vector<int64_t> counts(400, 0);
  DetectorParams p;
  for (const auto& name : DetectorNames()) {
    auto r = RunDetector(name, counts, 300, 399, p);
    ASSERT_TRUE(r.ok()) << name;
    for (const auto& d : *r) EXPECT_FALSE(d.alarm) << name << " at " << d.index;
  }
}

TEST(DetectorsTest, SpikeAfterSteadyCountsAlarmsEveryDetector) {
  std::vector<int64_t> counts;
  for (int i = 0; i < 400; ++i) counts.push_back(5 + (i % 3));
  counts.back() = 40;
  DetectorParams p;
  for (const auto& name : DetectorNames()) {
    if (name == "ears_c3") continue;  // C3 (as surveillance) alarms on the excess of the two previous periods
    auto r = RunDetector(name, counts, 399, 399, p);
    ASSERT_TRUE(r.ok()) << name;
    EXPECT_TRUE(r->back().alarm) << name << " expected " << r->back().expected << " threshold " << r->back().threshold;
    EXPECT_GT(r->back().threshold, r->back().expected) << name;
  }
}

TEST(DetectorsTest, WithheldCountsAndBadRangesAreRefused) {
  DetectorParams p;
  EXPECT_FALSE(RunDetector("ears_c1", {1, 2, 3, -1, 4, 5, 6, 7, 8}, 8, 8, p).ok());
  EXPECT_FALSE(RunDetector("ears_c1", {1, 2, 3}, 2, 5, p).ok());
  EXPECT_FALSE(RunDetector("shewhart", {1, 2, 3}, 2, 2, p).ok());
  EXPECT_FALSE(RunDetector("ears_c1", {}, 0, 0, p).ok());
}

TEST(DetectorsTest, CusumWithZeroBaselineMeanSaysSo) {
  std::vector<int64_t> counts = {0, 0, 0, 0, 3};
  auto r = RunCusum(counts, 4, 4, {});
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE((*r)[0].evaluated);
  EXPECT_FALSE((*r)[0].alarm);
}

}  // namespace
}  // namespace kashf::warning
