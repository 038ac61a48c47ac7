// Numerical helpers for the detectors: normal, Poisson, negative-binomial and Student t
// distributions, and a quasi-Poisson GLM with log link fitted by IRLS (as R's glm.fit: start
// mu = y + 0.1, deviance tolerance 1e-8, at most 25 iterations).
#pragma once
#include <cstdint>
#include <vector>

namespace kashf::warning::numeric {

double Pnorm(double x);  // standard normal CDF
double Qnorm(double p);  // standard normal quantile (bisection on Pnorm, |error| < 1e-12)
// Smallest x with P(X <= x) >= p, X ~ Poisson(mu) / NegBin(size, prob) (R's parametrisation).
double Qpois(double p, double mu);
double Qnbinom(double p, double size, double prob);
// Two-sided p-value of a t statistic with `df` degrees of freedom.
double TwoSidedT(double t, double df);

struct GlmFit {
  bool converged = false;
  std::vector<double> beta;
  std::vector<double> mu;            // fitted means
  std::vector<double> hat;           // diagonal of the weighted hat matrix
  std::vector<double> cov_unscaled;  // (X'WX)^-1, p x p row-major
  double dispersion = 0;             // Pearson chi^2 / residual df (NaN when df = 0)
  int df_residual = 0;
};

// x: n rows of p columns (row-major); prior weights w (empty = 1).
GlmFit FitQuasiPoisson(const std::vector<double>& x, int p, const std::vector<double>& y, const std::vector<double>& w);

}  // namespace kashf::warning::numeric
