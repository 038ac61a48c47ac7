// Farrington flexible (Farrington et al. 1996; Noufaily et al. 2013, "An improved algorithm for
// outbreak detection in multiple surveillance systems", Stat Med 32:1206), as
// surveillance::farringtonFlexible with epochAsDate = FALSE: for point k the reference windows are
// k - i*freq +- w (i = 1..b); with no_periods > 1 the rest of each year is split into no_periods-1
// blocks modelled by a factor (Noufaily); the most recent past_weeks_not_included periods and k are
// left out. A quasi-Poisson GLM (log link, linear trend kept only if significant, the prediction is
// not above the largest baseline count and b >= 3) is fitted, refitted with weights that down-weight
// points whose Anscombe residual exceeds weights_threshold, and the threshold is the 1-alpha quantile
// of a negative binomial with mean exp(eta) and dispersion phi (nbPlugin) or of exp(eta's upper
// 1-alpha quantile) (muan). No alarm with fewer than 5 cases in the last 4 periods (limit54).
#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <optional>

#include <fmt/format.h>

#include "kashf/warning/detectors.h"
#include "numeric.h"

namespace kashf::warning {
namespace {

struct Baseline {
  std::vector<double> y;
  std::vector<double> wtime;  // 1-based index, as R
  std::vector<int> block;     // seasonal group
};

// Seasonal blocks of surveillance's blocks(): NaN = not in the baseline.
Baseline BuildBaseline(const std::vector<int64_t>& counts, int64_t k, const FarringtonParams& p) {
  const int64_t n = static_cast<int64_t>(counts.size());
  std::vector<int> factor(static_cast<size_t>(n), 0);  // 0 = NA
  const int per = p.no_periods;
  for (int64_t i = k - p.w; i <= k; ++i) factor[static_cast<size_t>(i)] = per;
  for (int i = 1; i <= p.b; ++i) {
    int64_t ref = k - static_cast<int64_t>(i) * p.freq;
    int64_t prev = k - static_cast<int64_t>(i - 1) * p.freq;
    for (int64_t j = ref - p.w; j <= ref + p.w; ++j) factor[static_cast<size_t>(j)] = per;
    if (per == 1) continue;
    int64_t period = prev - 2 * p.w - 1 - ref;
    int64_t len = period / (per - 1), rest = period % (per - 1);
    int64_t start = ref + p.w + 1;
    for (int j = 1; j <= per - 1; ++j) {
      int64_t l = len + (j <= rest ? 1 : 0);
      for (int64_t q = start; q < start + l; ++q) factor[static_cast<size_t>(q)] = j;
      start += l;
    }
  }
  Baseline b;
  for (int64_t i = 0; i < n; ++i) {
    if (factor[static_cast<size_t>(i)] == 0) continue;
    if (i >= k - p.past_weeks_not_included && i <= k) continue;
    b.y.push_back(static_cast<double>(counts[static_cast<size_t>(i)]));
    b.wtime.push_back(static_cast<double>(i + 1));
    b.block.push_back(factor[static_cast<size_t>(i)]);
  }
  return b;
}

struct Design {
  std::vector<double> x;
  int p = 0;
  std::vector<int> levels;  // factor levels (sorted); the first is the reference level
};

std::vector<double> Row(const Design& d, double wtime, int block, bool trend) {
  std::vector<double> r;
  r.push_back(1);
  if (trend) r.push_back(wtime);
  for (size_t l = 1; l < d.levels.size(); ++l) r.push_back(block == d.levels[l] ? 1 : 0);
  return r;
}

Design MakeDesign(const Baseline& b, bool trend, bool factors) {
  Design d;
  if (factors) {
    d.levels = b.block;
    std::sort(d.levels.begin(), d.levels.end());
    d.levels.erase(std::unique(d.levels.begin(), d.levels.end()), d.levels.end());
  }
  d.p = 1 + (trend ? 1 : 0) + (d.levels.empty() ? 0 : static_cast<int>(d.levels.size()) - 1);
  for (size_t i = 0; i < b.y.size(); ++i) {
    auto r = Row(d, b.wtime[i], b.block[i], trend);
    d.x.insert(d.x.end(), r.begin(), r.end());
  }
  return d;
}

struct Model {
  numeric::GlmFit fit;
  Design design;
  bool trend = false;
  double phi = 1;
  // The dispersion R's summary.glm reports for the returned model, used for the trend's t-test and
  // the prediction's standard error. After reweighting, surveillance stores the Anscombe weights in
  // model$weights (where glm keeps the working weights), so summary.glm computes
  // sum(omega * ((y - mu) / mu)^2) / df rather than the Pearson statistic; we do the same to agree.
  double summary_dispersion = 0;
};

// surveillance's algo.farrington.fitGLM.flexible: fit, and refit with Anscombe weights.
std::optional<Model> FitFlexible(const Baseline& b, bool trend, const FarringtonParams& p) {
  Model m;
  m.trend = trend;
  m.design = MakeDesign(b, trend, p.no_periods != 1);
  m.fit = numeric::FitQuasiPoisson(m.design.x, m.design.p, b.y, {});
  if (!m.fit.converged && trend) {
    m.trend = false;
    m.design = MakeDesign(b, false, p.no_periods != 1);
    m.fit = numeric::FitQuasiPoisson(m.design.x, m.design.p, b.y, {});
  }
  if (!m.fit.converged) return std::nullopt;
  m.phi = std::max(m.fit.dispersion, 1.0);
  m.summary_dispersion = m.fit.dispersion;
  if (p.reweight) {
    const size_t n = b.y.size();
    std::vector<double> s(n), omega(n);
    double denom = 0;
    for (size_t i = 0; i < n; ++i) {
      double mu = m.fit.mu[i];
      s[i] = 1.5 * (std::pow(b.y[i], 2.0 / 3) * std::pow(mu, -1.0 / 6) - std::sqrt(mu)) /
             std::sqrt(m.phi * (1 - m.fit.hat[i]));
      denom += s[i] > p.weights_threshold ? 1 / (s[i] * s[i]) : 1;
    }
    double gamma = static_cast<double>(n) / denom;
    for (size_t i = 0; i < n; ++i) omega[i] = s[i] > p.weights_threshold ? gamma / (s[i] * s[i]) : gamma;
    m.fit = numeric::FitQuasiPoisson(m.design.x, m.design.p, b.y, omega);
    if (!m.fit.converged) return std::nullopt;
    m.phi = std::max(m.fit.dispersion, 1.0);
    double quirk = 0;
    for (size_t i = 0; i < n; ++i) {
      double r = (b.y[i] - m.fit.mu[i]) / m.fit.mu[i];
      quirk += omega[i] * r * r;
    }
    m.summary_dispersion = m.fit.df_residual > 0 ? quirk / m.fit.df_residual : std::numeric_limits<double>::quiet_NaN();
  }
  return m;
}

struct Prediction {
  double eta = 0, se = 0;
};

Prediction Predict(const Model& m, double wtime, int block) {
  auto r = Row(m.design, wtime, block, m.trend);
  Prediction pr;
  const auto P = static_cast<size_t>(m.design.p);
  double q = 0;
  for (size_t a = 0; a < P; ++a) {
    pr.eta += r[a] * m.fit.beta[a];
    for (size_t c = 0; c < P; ++c) q += r[a] * m.fit.cov_unscaled[a * P + c] * r[c];
  }
  pr.se = std::sqrt(q * m.summary_dispersion);
  return pr;
}

}  // namespace

Result<std::vector<Detection>> RunFarrington(const std::vector<int64_t>& counts, int64_t from, int64_t to,
                                             const FarringtonParams& p) {
  if (counts.empty() || from < 0 || to >= static_cast<int64_t>(counts.size()) || from > to)
    return Status::InvalidArgument(
        fmt::format("points {}..{} are outside the series of {} periods", from, to, counts.size()));
  for (int64_t c : counts)
    if (c < 0)
      return Status::InvalidArgument("the series has withheld (small-cell) counts; detectors need full counts");
  if (p.b < 1 || p.w < 0 || p.freq < 2 || p.no_periods < 1 || !(p.alpha > 0 && p.alpha < 1))
    return Status::InvalidArgument(
        "farrington parameters out of range (b >= 1, w >= 0, freq >= 2, no_periods >= 1, 0 < alpha < 1)");
  if (p.threshold_method != "nbPlugin" && p.threshold_method != "muan")
    return Status::InvalidArgument("farrington threshold_method must be nbPlugin or muan");
  if (p.no_periods > 1 && p.freq - 2 * p.w - 1 < p.no_periods - 1)
    return Status::InvalidArgument("farrington no_periods is too large for the year left outside the windows");
  const int64_t need = static_cast<int64_t>(p.b) * p.freq + p.w;
  std::vector<Detection> out;
  for (int64_t k = from; k <= to; ++k) {
    Detection d;
    d.index = k;
    d.observed = counts[static_cast<size_t>(k)];
    if (k < need) {
      d.note = fmt::format("farrington needs {} earlier periods ({} years of {} plus the window {}), only {} exist",
                           need, p.b, p.freq, p.w, k);
      out.push_back(d);
      continue;
    }
    Baseline b = BuildBaseline(counts, k, p);
    d.baseline_from = k - static_cast<int64_t>(p.b) * p.freq - p.w;
    d.baseline_to = k - p.past_weeks_not_included - 1;
    auto model = FitFlexible(b, p.trend, p);
    if (model && model->trend) {
      Prediction pr = Predict(*model, static_cast<double>(k + 1), p.no_periods);
      double se =
          std::sqrt(model->fit.cov_unscaled[1 * static_cast<size_t>(model->design.p) + 1] * model->summary_dispersion);
      double pval = numeric::TwoSidedT(model->fit.beta[1] / se, model->fit.df_residual);
      double ymax = *std::max_element(b.y.begin(), b.y.end());
      bool keep = p.b >= 3 && pval < p.trend_threshold && std::exp(pr.eta) <= ymax;
      if (!keep) model = FitFlexible(b, false, p);
    }
    if (!model) {
      d.note = "the model did not converge with or without trend: no result for this period";
      out.push_back(d);
      continue;
    }
    Prediction pr = Predict(*model, static_cast<double>(k + 1), p.no_periods);
    double mu0 =
        p.threshold_method == "nbPlugin" ? std::exp(pr.eta) : std::exp(pr.eta + numeric::Qnorm(1 - p.alpha) * pr.se);
    double upper = std::numeric_limits<double>::quiet_NaN();
    if (std::isfinite(mu0))
      upper = model->phi > 1 ? numeric::Qnbinom(1 - p.alpha, mu0 / (model->phi - 1), 1 / model->phi)
                             : numeric::Qpois(1 - p.alpha, mu0);
    int64_t recent = 0;
    for (int64_t i = std::max<int64_t>(0, k - 3); i <= k; ++i) recent += counts[static_cast<size_t>(i)];
    bool enough = !p.limit54 || recent >= 5;
    double score = std::isnan(upper) ? std::numeric_limits<double>::quiet_NaN()
                                     : (static_cast<double>(d.observed) - pr.eta) / (upper - pr.eta);
    d.evaluated = true;
    d.expected = std::exp(pr.eta);
    d.threshold = upper;
    d.statistic = score;
    d.alarm = enough && !std::isnan(score) && score > 1 && d.observed != 0;
    if (!enough) d.note = "fewer than 5 cases in the last 4 periods: no alarm (limit54)";
    out.push_back(d);
  }
  return out;
}

}  // namespace kashf::warning
