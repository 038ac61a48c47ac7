#include "kashf/analytics/differential_privacy.h"

#include <cmath>

#include <gtest/gtest.h>

namespace kashf::analytics {
namespace {

TEST(DifferentialPrivacy, LaplaceHasMeanZeroAndScaleB) {
  auto u = SeededUniformSource(42);
  const int n = 200000;
  double sum = 0, abs_sum = 0;
  for (int i = 0; i < n; ++i) {
    double x = SampleLaplace(*u, 2.0);
    sum += x;
    abs_sum += std::fabs(x);
  }
  EXPECT_NEAR(sum / n, 0.0, 0.03);
  EXPECT_NEAR(abs_sum / n, 2.0, 0.03);  // E|X| = b
}

TEST(DifferentialPrivacy, GaussianSigmaFollowsDworkRoth) {
  auto s = GaussianSigma(0.5, 1e-5);
  ASSERT_TRUE(s.ok());
  EXPECT_NEAR(*s, std::sqrt(2 * std::log(1.25 / 1e-5)) / 0.5, 1e-12);
  EXPECT_FALSE(GaussianSigma(1.5, 1e-5).ok());
  EXPECT_FALSE(GaussianSigma(0.5, 0).ok());
  auto u = SeededUniformSource(3);
  double sq = 0;
  const int n = 100000;
  for (int i = 0; i < n; ++i) sq += std::pow(SampleGaussian(*u, 3.0), 2);
  EXPECT_NEAR(std::sqrt(sq / n), 3.0, 0.05);
}

CountTable GenderTable(int64_t female, int64_t male) {
  CountTable t;
  t.variables = {CtdcVariable::kGender};
  t.cells = {{{"female"}, female, false, std::nullopt}, {{"male"}, male, false, std::nullopt}};
  t.total = female + male;
  return t;
}

TEST(DifferentialPrivacy, ReleaseCoversTheWholeDomainAndTracksTruth) {
  VariableDomains d;
  d.Set(CtdcVariable::kGender, {"female", "male", "other", "unknown"});
  CountTable t = GenderTable(1000, 2000);
  auto u = SeededUniformSource(1);
  DpOptions o;
  o.epsilon = 1.0;
  ASSERT_TRUE(ReleaseWithDp(t, d, o, *u).ok());
  ASSERT_GE(t.cells.size(), 2u);
  for (const auto& c : t.cells) {
    ASSERT_TRUE(c.released.has_value());
    EXPECT_GE(*c.released, 1);
    if (c.values[0] == "female") {
      EXPECT_NEAR(static_cast<double>(*c.released), 1000, 30);
    }
    if (c.values[0] == "male") {
      EXPECT_NEAR(static_cast<double>(*c.released), 2000, 30);
    }
  }
}

TEST(DifferentialPrivacy, NoiseMakesNeighbouringDataSetsHardToTellApart) {
  // With and without one victim, the released count of her cell has overlapping distributions:
  // the empirical probability ratio of any released value stays within about e^epsilon.
  VariableDomains d;
  d.Set(CtdcVariable::kGender, {"female", "male", "other", "unknown"});
  std::map<int64_t, int> with, without;
  const int trials = 20000;
  auto u = SeededUniformSource(9);
  DpOptions o;
  o.epsilon = 0.5;
  for (int i = 0; i < trials; ++i) {
    CountTable a = GenderTable(20, 5), b = GenderTable(21, 5);
    ASSERT_TRUE(ReleaseWithDp(a, d, o, *u).ok());
    ASSERT_TRUE(ReleaseWithDp(b, d, o, *u).ok());
    for (const auto& c : a.cells)
      if (c.values[0] == "female") ++without[*c.released];
    for (const auto& c : b.cells)
      if (c.values[0] == "female") ++with[*c.released];
  }
  for (int64_t v = 18; v <= 23; ++v) {
    double ratio = static_cast<double>(with[v]) / without[v];
    EXPECT_LT(ratio, std::exp(0.5) * 1.25) << v;
    EXPECT_GT(ratio, std::exp(-0.5) / 1.25) << v;
  }
}

TEST(DifferentialPrivacy, RefusesVariablesWithoutPublicDomainOrTooLarge) {
  VariableDomains d;
  CountTable t = GenderTable(1, 1);
  auto u = SeededUniformSource(1);
  EXPECT_EQ(ReleaseWithDp(t, d, DpOptions{}, *u).code(), StatusCode::kInvalidArgument);
  auto all = VariableDomains::LoadDefault(2019, 2025);
  ASSERT_TRUE(all.ok()) << all.status().ToString();
  ASSERT_NE(all->Find(CtdcVariable::kCitizenship), nullptr);
  EXPECT_GT(all->Find(CtdcVariable::kCitizenship)->size(), 200u);
  CountTable big;
  big.variables = {CtdcVariable::kCitizenship, CtdcVariable::kCountryOfExploitation, CtdcVariable::kRoute};
  DpOptions o;
  o.max_cells = 100000;
  EXPECT_EQ(ReleaseWithDp(big, *all, o, *u).code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace kashf::analytics
