// The negative-binomial GLR CUSUM on counts whose statistic is worked out by hand; agreement with
// R's glrnb on the fixture series is in r_agreement_test.cc.
#include <gtest/gtest.h>

#include <cmath>

#include "kashf/warning/detectors.h"

namespace kashf::warning {
namespace {

// Baseline 2, 2, 2, 2 (mean 2, no spread: Poisson), then 10 and 2.
const std::vector<int64_t> kCounts = {2, 2, 2, 2, 10, 2};

TEST(GlrnbTest, PoissonStatisticThresholdAndRestartAfterAnAlarm) {
  auto r = RunGlrnb(kCounts, 4, 5, {});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const Detection& spike = (*r)[0];
  ASSERT_TRUE(spike.evaluated);
  EXPECT_DOUBLE_EQ(spike.expected, 2);
  // kappa = log(10 / 2); ratio = 10 kappa + (1 - 5) 2.
  EXPECT_NEAR(spike.statistic, 10 * std::log(5.0) - 8, 1e-12);
  EXPECT_TRUE(spike.alarm);
  // 7 gives 7 log 3.5 - 5 = 3.77 < 5; 8 gives 8 log 4 - 6 = 5.09.
  EXPECT_EQ(spike.threshold, 8);
  EXPECT_NE(spike.note.find("Poisson"), std::string::npos) << spike.note;
  EXPECT_EQ(spike.baseline_from, 0);
  EXPECT_EQ(spike.baseline_to, 3);
  // After the alarm the statistic restarts: 2 against a mean of 2 is no evidence of a rise.
  EXPECT_EQ((*r)[1].statistic, 0);
  EXPECT_FALSE((*r)[1].alarm);
}

TEST(GlrnbTest, OverdispersionRaisesTheBar) {
  GlrnbParams p;
  p.alpha = 0.5;  // Var = mu + 0.5 mu^2
  auto r = RunGlrnb(kCounts, 4, 4, p);
  ASSERT_TRUE(r.ok());
  // 10 kappa + (10 + 1/0.5) log((1 + 1) / (1 + 5)).
  EXPECT_NEAR((*r)[0].statistic, 10 * std::log(5.0) + 12 * std::log(2.0 / 6.0), 1e-12);
  EXPECT_FALSE((*r)[0].alarm);
  EXPECT_GT((*r)[0].threshold, 10);
}

TEST(GlrnbTest, ASlowRiseAccumulatesWhereNoSingleWeekAlarms) {
  std::vector<int64_t> counts(104, 4);
  for (int i = 0; i < 6; ++i) counts.push_back(7);  // each week alone is no alarm
  auto r = RunGlrnb(counts, 104, 109, {});
  ASSERT_TRUE(r.ok());
  // L weeks of 7 against 4: L (7 log 1.75 - 3) = 0.917 L, which reaches 5 in the sixth week.
  for (size_t i = 0; i < 5; ++i) EXPECT_FALSE((*r)[i].alarm) << i;
  EXPECT_NEAR((*r)[4].statistic, 5 * (7 * std::log(1.75) - 3), 1e-9);
  EXPECT_TRUE(r->back().alarm);
  // With change points only one period back (window 1) the evidence cannot accumulate.
  GlrnbParams windowed;
  windowed.window = 1;
  auto w = RunGlrnb(counts, 104, 109, windowed);
  ASSERT_TRUE(w.ok());
  for (const auto& d : *w) EXPECT_FALSE(d.alarm) << d.index;
}

// A baseline whose variance equals its mean (0, 2, 2, 2, 4: mean 2, variance 2) is not
// overdispersed: alpha is 0 exactly, not a rounding residue that turns 1/alpha into 1e16.
TEST(GlrnbTest, BaselineWithVarianceEqualToTheMeanIsPoisson) {
  auto r = RunGlrnb({0, 2, 2, 2, 4, 9}, 5, 5, {});
  ASSERT_TRUE(r.ok());
  EXPECT_NEAR((*r)[0].statistic, 9 * std::log(4.5) - 7, 1e-9);
  EXPECT_TRUE((*r)[0].alarm);
  EXPECT_NE((*r)[0].note.find("Poisson"), std::string::npos) << (*r)[0].note;
}

TEST(GlrnbTest, BadParametersAndEmptyBaselinesAreSaidPlainly) {
  auto first = RunGlrnb(kCounts, 0, 4, {});  // no period before the first: nothing to estimate the mean from
  ASSERT_TRUE(first.ok());
  for (const auto& d : *first) {
    EXPECT_FALSE(d.evaluated);
    EXPECT_FALSE(d.alarm);
    EXPECT_NE(d.note.find("earlier period"), std::string::npos) << d.note;
  }
  GlrnbParams bad;
  bad.c_arl = 0;
  EXPECT_FALSE(RunGlrnb(kCounts, 4, 4, bad).ok());
  auto zero = RunGlrnb({0, 0, 0, 5}, 3, 3, {});
  ASSERT_TRUE(zero.ok());
  EXPECT_FALSE((*zero)[0].evaluated);
  EXPECT_FALSE((*zero)[0].alarm);
}

}  // namespace
}  // namespace kashf::warning
