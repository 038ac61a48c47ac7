#include "numeric.h"

#include <gtest/gtest.h>

#include <cmath>

namespace kashf::warning::numeric {
namespace {

// Reference values from R 4.2: 2*pt(-2,10), 2*pt(-0.5,150), qnbinom(0.95, 3.3/0.7, 1/1.7), qpois(0.95, 7.2).
TEST(NumericTest, DistributionsMatchR) {
  EXPECT_NEAR(TwoSidedT(2.0, 10), 0.0733880347707, 1e-10);
  EXPECT_NEAR(TwoSidedT(-0.5, 150), 0.6178078, 1e-6);
  EXPECT_NEAR(Qnorm(0.999), 3.090232306167813, 1e-10);
  EXPECT_EQ(Qnbinom(0.95, 3.3 / 0.7, 1 / 1.7), 8);
  EXPECT_EQ(Qpois(0.95, 7.2), 12);
}

// A quasi-Poisson fit of y on an intercept is the log of the mean; dispersion is Pearson / df.
TEST(NumericTest, InterceptOnlyFitIsTheMean) {
  std::vector<double> y = {1, 4, 2, 7, 3}, x(5, 1.0);
  auto f = FitQuasiPoisson(x, 1, y, {});
  ASSERT_TRUE(f.converged);
  EXPECT_NEAR(std::exp(f.beta[0]), 3.4, 1e-9);
  double pearson = 0;
  for (double v : y) pearson += (v - 3.4) * (v - 3.4) / 3.4;
  EXPECT_NEAR(f.dispersion, pearson / 4, 1e-9);
}

}  // namespace
}  // namespace kashf::warning::numeric
