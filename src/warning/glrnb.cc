// Negative-binomial GLR CUSUM for a rise of the intercept (Höhle & Paul 2008, "Count data regression
// charts for the monitoring of surveillance time series", CSDA 52; surveillance::algo.glrnb with
// change "intercept", Mtilde 1, dir "inc"). With a constant in-control mean mu0 the log-likelihood
// ratio of the counts x_k..x_n (sum S over L periods) at the change kappa is
//   NB:      kappa S + (S + L/alpha) log((1 + alpha mu0) / (1 + alpha mu0 e^kappa))
//   Poisson: kappa S + (1 - e^kappa) L mu0
// and its maximum over kappa >= 0 is at e^kappa = S / (L mu0) (the score is zero there for both), so
// each change point costs O(1) from a running sum; R finds the same maximum by Newton-Raphson.
#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "detector_support.h"
#include "kashf/warning/detectors.h"

namespace kashf::warning {
namespace {

// The log-likelihood ratio of `sum` counts over `len` periods at the maximum-likelihood kappa >= 0.
double MaxLogLikRatio(double sum, double len, double mu0, double alpha) {
  if (!(sum > len * mu0)) return 0;  // kappa = 0: no rise, ratio 1
  const double kappa = std::log(sum / (len * mu0));
  if (alpha == 0) return kappa * sum + (1 - std::exp(kappa)) * len * mu0;
  // log1p keeps the ratio exact for a small alpha, where (sum + len/alpha) is large.
  return kappa * sum + (sum + len / alpha) * (std::log1p(alpha * mu0) - std::log1p(alpha * mu0 * std::exp(kappa)));
}

class Glr {
 public:
  Glr(const std::vector<int64_t>& counts, double mu0, double alpha, int window)
      : counts_(counts), mu0_(mu0), alpha_(alpha), window_(window) {}

  // The statistic at t, change points from `start` on, with count `x` at t.
  double At(int64_t start, int64_t t, double x) const {
    const int64_t low = window_ > 0 ? std::max(start, t - window_) : start;
    double sum = x, best = 0;
    for (int64_t k = t; k >= low; --k) {
      if (k < t) sum += static_cast<double>(counts_[static_cast<size_t>(k)]);
      best = std::max(best, MaxLogLikRatio(sum, static_cast<double>(t - k + 1), mu0_, alpha_));
    }
    return best;
  }

  // The smallest count at t whose statistic reaches c_arl (the statistic grows with the count).
  double SmallestAlarmingCount(int64_t start, int64_t t, double c_arl) const {
    double lo = 0, hi = 1;
    if (At(start, t, lo) >= c_arl) return 0;
    while (At(start, t, hi) < c_arl) {
      lo = hi;
      hi *= 2;
      if (hi > 1e15) return hi;  // unreachable in practice: the ratio grows linearly in the count
    }
    while (hi - lo > 1) {  // At(lo) < c_arl <= At(hi)
      const double mid = std::floor((lo + hi) / 2);
      (At(start, t, mid) >= c_arl ? hi : lo) = mid;
    }
    return hi;
  }

 private:
  const std::vector<int64_t>& counts_;
  double mu0_, alpha_;
  int window_;
};

}  // namespace

Result<std::vector<Detection>> RunGlrnb(const std::vector<int64_t>& counts, int64_t from, int64_t to,
                                        const GlrnbParams& p) {
  KASHF_RETURN_IF_ERROR(CheckRange(counts, from, to));
  if (!(p.c_arl > 0) || p.baseline < 0 || p.window < 0 || std::isnan(p.alpha))
    return Status::InvalidArgument("glrnb parameters out of range (c_arl > 0, baseline >= 0, window >= 0)");
  if (from < 1) return NoneEvaluated(counts, from, to, "glrnb needs at least one earlier period for its mean");
  const int64_t lo = p.baseline > 0 ? std::max<int64_t>(0, from - p.baseline) : 0;
  const MeanSd m = Moments(counts, lo, from - 1);
  if (m.mean <= 0)
    return NoneEvaluated(counts, from, to, "glrnb baseline mean is 0: no in-control mean to compare with");
  std::vector<Detection> out;
  std::string note;
  double alpha = p.alpha;
  if (alpha < 0) {
    alpha = from - lo >= 2 ? std::max(0.0, (m.var - m.mean) / (m.mean * m.mean)) : 0;
    note = alpha > 0 ? fmt::format("dispersion alpha {:.4g} estimated from the baseline", alpha)
                     : "baseline not overdispersed: Poisson GLR (alpha 0)";
  }
  const Glr glr(counts, m.mean, alpha, p.window);
  int64_t start = from;  // the first change point considered: the first evaluated period, or after an alarm
  for (int64_t t = from; t <= to; ++t) {
    Detection d = BaselinePoint(counts, t, m.mean, lo, from - 1);
    d.statistic = glr.At(start, t, static_cast<double>(d.observed));
    d.threshold = glr.SmallestAlarmingCount(start, t, p.c_arl);
    d.alarm = d.statistic >= p.c_arl;
    d.note = note;
    if (d.alarm) start = t + 1;
    out.push_back(d);
  }
  return out;
}

}  // namespace kashf::warning
