// Outbreak detectors for count series, after R package `surveillance` (Meyer, Held, Höhle 2017),
// which is the reference the tests compare against (src/warning/r_agreement_test.cc).
//   EARS C1, C2, C3 (Hutwagner et al. 2003; surveillance::earsC, method "C1"/"C2"/"C3").
//   Farrington flexible with the Noufaily et al. (2013) improvements (surveillance::farringtonFlexible:
//     quasi-Poisson GLM on reference windows b years back, optional trend, down-weighting of past
//     outbreaks, negative-binomial plug-in threshold, past weeks excluded from the baseline).
//   CUSUM on standardised counts (Rossi et al. 1999 / surveillance::cusum, trans="standard").
//   Negative-binomial GLR CUSUM for a rise of the intercept (Höhle & Paul 2008; surveillance::glrnb).
// Each detector gives, for each evaluated point t of the series: the expected count, the upper
// threshold, the alarm (observed > threshold, or CUSUM statistic > h) and the baseline window used.
// Points whose baseline is too short are reported as not evaluated, with the reason; they never alarm.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "kashf/core/result.h"

namespace kashf::warning {

struct EarsParams {
  std::string method = "C1";   // C1 | C2 | C3
  int baseline = 7;            // weeks in the baseline (surveillance default 7)
  double alpha = 0.001;        // threshold = mean + qnorm(1-alpha) * sd  (C3: the C2 statistic summed)
  double min_sigma_floor = 0;  // surveillance minSigma: sd is at least this (0: sd 0 -> threshold = mean)
};

struct FarringtonParams {
  int b = 3;             // years back
  int w = 3;             // half window (periods) around the same time of year
  bool reweight = true;  // down-weight past outbreaks (Anscombe residuals > 2.58)
  double weights_threshold = 2.58;
  bool trend = true;  // keep a linear trend if significant at alpha 0.05
  double trend_threshold = 0.05;
  int no_periods = 10;                        // Noufaily: seasonal factor with this many periods (1 = Farrington 1996)
  int past_weeks_not_included = 26;           // Noufaily: ignore the most recent periods in the baseline
  double alpha = 0.05;                        // one-sided: upper threshold is the 1-alpha quantile
  std::string threshold_method = "nbPlugin";  // nbPlugin (Noufaily) | muan (Farrington 1996)
  bool limit54 = true;                        // no alarm unless >= 5 cases in the last 4 periods (incl. current)
  int freq = 52;                              // periods per year
};

struct CusumParams {
  double k = 1.04;     // reference value (standardised units); surveillance default
  double h = 2.26;     // decision limit
  int baseline = 0;    // periods before the first evaluated one used to estimate the mean; 0 = all of them
  bool reset = false;  // restart the statistic at 0 after an alarm (surveillance::cusum does not)
};

// Negative-binomial GLR CUSUM (Höhle & Paul 2008; surveillance::glrnb with change "intercept",
// Mtilde 1, dir "inc"). In control, counts are NB with mean mu0 and Var = mu0 + alpha mu0^2; out of
// control the mean is mu0 e^kappa (kappa >= 0) from an unknown change point k on. The statistic at t
// is the largest log-likelihood ratio over k (since the first evaluated period or the last alarm, at
// most `window` periods back when > 0) with kappa at its maximum-likelihood value; it alarms when it
// reaches c_arl and then restarts, as R does. mu0 is the mean of the `baseline` periods before the
// first evaluated one; alpha is given, or (when negative) estimated there by moments:
// max(0, (s^2 - mean) / mean^2); alpha 0 is the Poisson GLR (surveillance::glrpois).
// The threshold is the smallest count at t that alarms, given the counts before it.
struct GlrnbParams {
  double c_arl = 5;    // decision limit on the GLR (surveillance default c.ARL 5)
  int baseline = 104;  // periods before the first evaluated one that estimate mu0 (and alpha); 0 = all
  double alpha = -1;   // NB dispersion; < 0 = estimate from the baseline; 0 = Poisson
  int window = 0;      // change points at most this many periods back (R's M); 0 = no limit (M = -1)
};

struct DetectorParams {
  EarsParams c1{"C1", 7, 0.001, 0};
  EarsParams c2{"C2", 7, 0.001, 0};
  EarsParams c3{"C3", 7, 0.025, 0};  // surveillance's default alpha for C3
  FarringtonParams farrington;
  CusumParams cusum;
  GlrnbParams glrnb;
  int min_expected_for_alarm = 0;  // extra guard: no alarm when expected < this (0 = off)
};

// One evaluated point.
struct Detection {
  int64_t index = 0;       // position in the series
  bool evaluated = false;  // false: baseline too short / not enough data (see `note`)
  int64_t observed = 0;
  double expected = 0;
  double threshold = 0;  // upper bound; for CUSUM the count that would reach h
  double statistic = 0;  // EARS C statistic / CUSUM S_t / Farrington observed-vs-threshold score
  bool alarm = false;
  int64_t baseline_from = 0, baseline_to = 0;  // indices (inclusive) of the baseline used
  std::string note;                            // why not evaluated, or which fallback was used
};

// Evaluates points `from`..`to` (inclusive indices) of `counts`. Negative counts (suppressed cells)
// are InvalidArgument: detectors run on full counts only.
Result<std::vector<Detection>> RunEars(const std::vector<int64_t>& counts, int64_t from, int64_t to,
                                       const EarsParams& p);
Result<std::vector<Detection>> RunFarrington(const std::vector<int64_t>& counts, int64_t from, int64_t to,
                                             const FarringtonParams& p);
Result<std::vector<Detection>> RunCusum(const std::vector<int64_t>& counts, int64_t from, int64_t to,
                                        const CusumParams& p);
Result<std::vector<Detection>> RunGlrnb(const std::vector<int64_t>& counts, int64_t from, int64_t to,
                                        const GlrnbParams& p);

// Names: "ears_c1", "ears_c2", "ears_c3", "farrington", "cusum", "glrnb".
const std::vector<std::string>& DetectorNames();
// Runs the named detector with its parameters from `params`.
Result<std::vector<Detection>> RunDetector(const std::string& name, const std::vector<int64_t>& counts, int64_t from,
                                           int64_t to, const DetectorParams& params);

}  // namespace kashf::warning
