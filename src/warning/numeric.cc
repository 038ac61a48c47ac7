#include "numeric.h"

#include <cmath>
#include <limits>

namespace kashf::warning::numeric {

double Pnorm(double x) { return 0.5 * std::erfc(-x / std::sqrt(2.0)); }

double Qnorm(double p) {
  if (p <= 0) return -std::numeric_limits<double>::infinity();
  if (p >= 1) return std::numeric_limits<double>::infinity();
  double lo = -40, hi = 40;
  for (int i = 0; i < 200 && hi - lo > 1e-14; ++i) {
    double mid = 0.5 * (lo + hi);
    (Pnorm(mid) < p ? lo : hi) = mid;
  }
  return 0.5 * (lo + hi);
}

namespace {

// Walks the CDF from 0 until it reaches p (R's fuzz: p * (1 - 64 eps) guards round-off).
template <typename LogPmf>
double QuantileBySum(double p, LogPmf log_pmf) {
  const double target = p * (1 - 64 * std::numeric_limits<double>::epsilon());
  double cdf = 0;
  for (int64_t x = 0; x < 100'000'000; ++x) {
    cdf += std::exp(log_pmf(static_cast<double>(x)));
    if (cdf >= target) return static_cast<double>(x);
  }
  return std::numeric_limits<double>::infinity();
}

}  // namespace

double Qpois(double p, double mu) {
  if (mu <= 0) return 0;
  return QuantileBySum(p, [mu](double x) { return x * std::log(mu) - mu - std::lgamma(x + 1); });
}

double Qnbinom(double p, double size, double prob) {
  if (prob >= 1) return 0;
  return QuantileBySum(p, [size, prob](double x) {
    return std::lgamma(x + size) - std::lgamma(size) - std::lgamma(x + 1) + size * std::log(prob) +
           x * std::log1p(-prob);
  });
}

namespace {

// Regularised incomplete beta I_x(a, b) by Lentz's continued fraction.
double BetaContinuedFraction(double a, double b, double x) {
  const double tiny = 1e-300;
  double c = 1, d = 1 - (a + b) * x / (a + 1);
  if (std::fabs(d) < tiny) d = tiny;
  d = 1 / d;
  double h = d;
  for (int m = 1; m <= 300; ++m) {
    double m2 = 2.0 * m;
    double aa = m * (b - m) * x / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    if (std::fabs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (std::fabs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    if (std::fabs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (std::fabs(c) < tiny) c = tiny;
    d = 1 / d;
    double del = d * c;
    h *= del;
    if (std::fabs(del - 1) < 1e-15) break;
  }
  return h;
}

double IncompleteBeta(double a, double b, double x) {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  double front = std::exp(std::lgamma(a + b) - std::lgamma(a) - std::lgamma(b) + a * std::log(x) + b * std::log1p(-x));
  if (x < (a + 1) / (a + b + 2)) return front * BetaContinuedFraction(a, b, x) / a;
  return 1 - front * BetaContinuedFraction(b, a, 1 - x) / b;
}

// Solves A z = r for symmetric positive definite A (p x p) by Gauss-Jordan; also returns A^-1.
bool Invert(std::vector<double> a, int p, std::vector<double>& inv) {
  const size_t n = static_cast<size_t>(p);
  auto at = [n](size_t row, size_t col) { return row * n + col; };
  inv.assign(n * n, 0);
  for (size_t i = 0; i < n; ++i) inv[at(i, i)] = 1;
  for (size_t c = 0; c < n; ++c) {
    size_t piv = c;
    for (size_t r = c + 1; r < n; ++r)
      if (std::fabs(a[at(r, c)]) > std::fabs(a[at(piv, c)])) piv = r;
    if (std::fabs(a[at(piv, c)]) < 1e-300) return false;
    for (size_t k = 0; k < n; ++k) {
      std::swap(a[at(c, k)], a[at(piv, k)]);
      std::swap(inv[at(c, k)], inv[at(piv, k)]);
    }
    double d = a[at(c, c)];
    for (size_t k = 0; k < n; ++k) {
      a[at(c, k)] /= d;
      inv[at(c, k)] /= d;
    }
    for (size_t r = 0; r < n; ++r) {
      if (r == c) continue;
      double f = a[at(r, c)];
      if (f == 0) continue;
      for (size_t k = 0; k < n; ++k) {
        a[at(r, k)] -= f * a[at(c, k)];
        inv[at(r, k)] -= f * inv[at(c, k)];
      }
    }
  }
  return true;
}

double Deviance(const std::vector<double>& y, const std::vector<double>& mu, const std::vector<double>& w) {
  double dev = 0;
  for (size_t i = 0; i < y.size(); ++i) {
    double term = y[i] > 0 ? y[i] * std::log(y[i] / mu[i]) - (y[i] - mu[i]) : mu[i];
    dev += 2 * w[i] * term;
  }
  return dev;
}

}  // namespace

double TwoSidedT(double t, double df) {
  if (!std::isfinite(t)) return 0;
  return IncompleteBeta(df / 2, 0.5, df / (df + t * t));
}

GlmFit FitQuasiPoisson(const std::vector<double>& x, int p, const std::vector<double>& y,
                       const std::vector<double>& prior) {
  const size_t n = y.size();
  const auto P = static_cast<size_t>(p);
  std::vector<double> w = prior.empty() ? std::vector<double>(n, 1.0) : prior;
  GlmFit fit;
  std::vector<double> mu(n), eta(n), z(n), ww(n);
  for (size_t i = 0; i < n; ++i) {
    mu[i] = y[i] + 0.1;
    eta[i] = std::log(mu[i]);
  }
  double dev_old = Deviance(y, mu, w);
  std::vector<double> xtwx(P * P), xtwz(P), inv;
  for (int iter = 0; iter < 25; ++iter) {
    for (size_t i = 0; i < n; ++i) {
      z[i] = eta[i] + (y[i] - mu[i]) / mu[i];
      ww[i] = w[i] * mu[i];
    }
    std::fill(xtwx.begin(), xtwx.end(), 0.0);
    std::fill(xtwz.begin(), xtwz.end(), 0.0);
    for (size_t i = 0; i < n; ++i) {
      const double* xi = &x[i * P];
      for (size_t a = 0; a < P; ++a) {
        xtwz[a] += ww[i] * xi[a] * z[i];
        for (size_t b = 0; b < P; ++b) xtwx[a * P + b] += ww[i] * xi[a] * xi[b];
      }
    }
    if (!Invert(xtwx, p, inv)) return fit;
    fit.beta.assign(P, 0);
    for (size_t a = 0; a < P; ++a)
      for (size_t b = 0; b < P; ++b) fit.beta[a] += inv[a * P + b] * xtwz[b];
    for (size_t i = 0; i < n; ++i) {
      eta[i] = 0;
      for (size_t a = 0; a < P; ++a) eta[i] += x[i * P + a] * fit.beta[a];
      mu[i] = std::exp(eta[i]);
    }
    double dev = Deviance(y, mu, w);
    if (std::fabs(dev - dev_old) / (std::fabs(dev) + 0.1) < 1e-8) {
      fit.converged = true;
      break;
    }
    dev_old = dev;
  }
  // Final weights, covariance and hat values at the fitted means (R computes them from the last
  // IRLS step's weights; at convergence the difference is below the tolerance).
  for (size_t i = 0; i < n; ++i) ww[i] = w[i] * mu[i];
  std::fill(xtwx.begin(), xtwx.end(), 0.0);
  for (size_t i = 0; i < n; ++i)
    for (size_t a = 0; a < P; ++a)
      for (size_t b = 0; b < P; ++b) xtwx[a * P + b] += ww[i] * x[i * P + a] * x[i * P + b];
  if (!Invert(xtwx, p, inv)) {
    fit.converged = false;
    return fit;
  }
  fit.cov_unscaled = inv;
  fit.hat.assign(n, 0);
  double pearson = 0;
  for (size_t i = 0; i < n; ++i) {
    double q = 0;
    for (size_t a = 0; a < P; ++a)
      for (size_t b = 0; b < P; ++b) q += x[i * P + a] * inv[a * P + b] * x[i * P + b];
    fit.hat[i] = ww[i] * q;
    pearson += w[i] * (y[i] - mu[i]) * (y[i] - mu[i]) / mu[i];
  }
  fit.df_residual = static_cast<int>(n) - p;
  fit.dispersion = fit.df_residual > 0 ? pearson / fit.df_residual : std::numeric_limits<double>::quiet_NaN();
  fit.mu = std::move(mu);
  return fit;
}

}  // namespace kashf::warning::numeric
