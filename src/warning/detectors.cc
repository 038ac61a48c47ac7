// EARS C1-C2-C3 (Hutwagner et al. 2003, as surveillance::earsC) and the standardised Poisson CUSUM
// (Rossi, Lampugnani, Marchi 1999, as surveillance::algo.cusum with trans = "standard").
#include "kashf/warning/detectors.h"

#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "detector_support.h"
#include "numeric.h"

namespace kashf::warning {

Status CheckRange(const std::vector<int64_t>& counts, int64_t from, int64_t to) {
  if (counts.empty()) return Status::InvalidArgument("the series is empty");
  if (from < 0 || to >= static_cast<int64_t>(counts.size()) || from > to)
    return Status::InvalidArgument(
        fmt::format("points {}..{} are outside the series of {} periods", from, to, counts.size()));
  for (int64_t c : counts)
    if (c < 0)
      return Status::InvalidArgument("the series has withheld (small-cell) counts; detectors need full counts");
  return Status::Ok();
}

MeanSd Moments(const std::vector<int64_t>& counts, int64_t lo, int64_t hi) {
  MeanSd m;
  const double n = static_cast<double>(hi - lo + 1);
  for (int64_t i = lo; i <= hi; ++i) m.mean += static_cast<double>(counts[static_cast<size_t>(i)]);
  m.mean /= n;
  double ss = 0;
  for (int64_t i = lo; i <= hi; ++i) {
    double d = static_cast<double>(counts[static_cast<size_t>(i)]) - m.mean;
    ss += d * d;
  }
  m.var = n > 1 ? ss / (n - 1) : 0;
  m.sd = std::sqrt(m.var);
  return m;
}

Detection BaselinePoint(const std::vector<int64_t>& counts, int64_t t, double expected, int64_t lo, int64_t hi) {
  Detection d;
  d.index = t;
  d.observed = counts[static_cast<size_t>(t)];
  d.evaluated = true;
  d.expected = expected;
  d.baseline_from = lo;
  d.baseline_to = hi;
  return d;
}

Detection NotEvaluated(const std::vector<int64_t>& counts, int64_t t, std::string note) {
  Detection d;
  d.index = t;
  d.observed = counts[static_cast<size_t>(t)];
  d.note = std::move(note);
  return d;
}

std::vector<Detection> NoneEvaluated(const std::vector<int64_t>& counts, int64_t from, int64_t to,
                                     const std::string& note) {
  std::vector<Detection> out;
  for (int64_t t = from; t <= to; ++t) out.push_back(NotEvaluated(counts, t, note));
  return out;
}

Result<std::vector<Detection>> RunEars(const std::vector<int64_t>& counts, int64_t from, int64_t to,
                                       const EarsParams& p) {
  KASHF_RETURN_IF_ERROR(CheckRange(counts, from, to));
  if (p.method != "C1" && p.method != "C2" && p.method != "C3")
    return Status::InvalidArgument(fmt::format("EARS method must be C1, C2 or C3, not '{}'", p.method));
  if (p.baseline < 3) return Status::InvalidArgument("EARS needs a baseline of at least 3 periods");
  if (!(p.alpha > 0 && p.alpha < 1)) return Status::InvalidArgument("EARS alpha must lie in (0, 1)");
  const double z = numeric::Qnorm(1 - p.alpha);
  const int64_t lag = p.method == "C1" ? 0 : 2;
  const int64_t need = p.method == "C1" ? p.baseline : p.method == "C2" ? p.baseline + 2 : p.baseline + 4;
  const double floor = p.min_sigma_floor;
  // C2 statistic at t (baseline t-lag-baseline .. t-lag-1); NaN when sd is 0 and the floor is 0.
  auto c2_at = [&](int64_t t, MeanSd& m) {
    m = Moments(counts, t - 2 - p.baseline, t - 3);
    double sd = std::max(m.sd, floor);
    return (static_cast<double>(counts[static_cast<size_t>(t)]) - m.mean) / sd;
  };
  std::vector<Detection> out;
  for (int64_t t = from; t <= to; ++t) {
    if (t < need) {
      out.push_back(
          NotEvaluated(counts, t, fmt::format("EARS {} needs {} earlier periods, only {} exist", p.method, need, t)));
      continue;
    }
    Detection d;
    d.index = t;
    d.observed = counts[static_cast<size_t>(t)];
    d.evaluated = true;
    d.baseline_from = t - lag - p.baseline;
    d.baseline_to = t - lag - 1;
    MeanSd m = Moments(counts, d.baseline_from, d.baseline_to);
    double sd = std::max(m.sd, floor);
    d.expected = m.mean;
    if (p.method != "C3") {
      d.threshold = m.mean + z * sd;
      d.statistic = sd > 0 ? (static_cast<double>(d.observed) - m.mean) / sd : 0;
    } else {
      MeanSd m1, m2, m0;
      double c2_1 = c2_at(t - 1, m1), c2_2 = c2_at(t - 2, m2), c2_0 = c2_at(t, m0);
      double part = std::max(0.0, c2_2 - 1) + std::max(0.0, c2_1 - 1);
      // As surveillance 1.20.3 earsC: upperbound = max(0, y_t + sd * (z - part)) where part sums
      // max(0, C2 - 1) of the two previous periods; so it alarms when that sum exceeds z.
      (void)c2_0;
      double raw = static_cast<double>(d.observed) + sd * (z - part);
      d.statistic = part;
      d.threshold = std::isnan(raw) ? raw : std::max(0.0, raw);
      if (std::isnan(part) || std::isnan(raw)) {
        d.evaluated = false;
        d.note = "baseline has no variation (sd 0): C3 is undefined; set min_sigma to evaluate";
        out.push_back(d);
        continue;
      }
    }
    d.alarm = static_cast<double>(d.observed) > d.threshold;
    if (sd == 0) d.note = "baseline has no variation (sd 0): any count above the mean alarms";
    out.push_back(d);
  }
  return out;
}

Result<std::vector<Detection>> RunCusum(const std::vector<int64_t>& counts, int64_t from, int64_t to,
                                        const CusumParams& p) {
  KASHF_RETURN_IF_ERROR(CheckRange(counts, from, to));
  if (from < 1) return NoneEvaluated(counts, from, to, "CUSUM needs at least one earlier period for its mean");
  const int64_t lo = p.baseline > 0 ? std::max<int64_t>(0, from - p.baseline) : 0;
  MeanSd m = Moments(counts, lo, from - 1);
  if (m.mean <= 0)
    return NoneEvaluated(counts, from, to, "CUSUM baseline mean is 0: the standardised count is undefined");
  std::vector<Detection> out;
  const double sm = std::sqrt(m.mean);
  double s = 0;
  for (int64_t t = from; t <= to; ++t) {
    Detection d = BaselinePoint(counts, t, m.mean, lo, from - 1);
    d.threshold = std::max(0.0, std::ceil(sm * (p.h + p.k - s) + m.mean));
    s = std::max(0.0, s + (static_cast<double>(d.observed) - m.mean) / sm - p.k);
    d.statistic = s;
    d.alarm = s >= p.h;
    if (d.alarm && p.reset) s = 0;
    out.push_back(d);
  }
  return out;
}

const std::vector<std::string>& DetectorNames() {
  static const std::vector<std::string> names = {"ears_c1", "ears_c2", "ears_c3", "farrington", "cusum", "glrnb"};
  return names;
}

Result<std::vector<Detection>> RunDetector(const std::string& name, const std::vector<int64_t>& counts, int64_t from,
                                           int64_t to, const DetectorParams& params) {
  Result<std::vector<Detection>> r = Status::InvalidArgument(
      fmt::format("'{}' is not a detector; use one of: {}", name, fmt::join(DetectorNames(), ", ")));
  if (name == "ears_c1") r = RunEars(counts, from, to, params.c1);
  if (name == "ears_c2") r = RunEars(counts, from, to, params.c2);
  if (name == "ears_c3") r = RunEars(counts, from, to, params.c3);
  if (name == "farrington") r = RunFarrington(counts, from, to, params.farrington);
  if (name == "cusum") r = RunCusum(counts, from, to, params.cusum);
  if (name == "glrnb") r = RunGlrnb(counts, from, to, params.glrnb);
  if (!r.ok() || params.min_expected_for_alarm <= 0) return r;
  for (auto& d : *r)
    if (d.alarm && d.expected < params.min_expected_for_alarm) {
      d.alarm = false;
      d.note = fmt::format("alarm withheld: expected {:.2f} is below min_expected_for_alarm", d.expected);
    }
  return r;
}

}  // namespace kashf::warning
