// data/reference/early-warning.yaml -> WarningConfig (kashf/warning/config.h).
#include "kashf/warning/config.h"

#include <algorithm>
#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

namespace kashf::warning {
namespace {

template <typename T>
Status Read(const YAML::Node& n, const char* key, T& out, const std::string& where) {
  if (!n[key]) return Status::Ok();
  try {
    out = n[key].as<T>();
  } catch (const YAML::Exception&) {
    return Status::InvalidArgument(fmt::format("{}.{}: not a valid value", where, key));
  }
  return Status::Ok();
}

Status ReadEars(const YAML::Node& n, EarsParams& p, const std::string& where) {
  if (!n) return Status::Ok();
  KASHF_RETURN_IF_ERROR(Read(n, "baseline", p.baseline, where));
  KASHF_RETURN_IF_ERROR(Read(n, "alpha", p.alpha, where));
  KASHF_RETURN_IF_ERROR(Read(n, "min_sigma", p.min_sigma_floor, where));
  if (p.baseline < 3) return Status::InvalidArgument(fmt::format("{}.baseline must be at least 3", where));
  if (!(p.alpha > 0 && p.alpha < 1)) return Status::InvalidArgument(fmt::format("{}.alpha must lie in (0, 1)", where));
  return Status::Ok();
}

Status ReadDetectors(const YAML::Node& d, DetectorParams& p) {
  if (!d) return Status::Ok();
  KASHF_RETURN_IF_ERROR(ReadEars(d["ears_c1"], p.c1, "detectors.ears_c1"));
  KASHF_RETURN_IF_ERROR(ReadEars(d["ears_c2"], p.c2, "detectors.ears_c2"));
  KASHF_RETURN_IF_ERROR(ReadEars(d["ears_c3"], p.c3, "detectors.ears_c3"));
  if (const auto f = d["farrington"]) {
    const std::string w = "detectors.farrington";
    auto& q = p.farrington;
    KASHF_RETURN_IF_ERROR(Read(f, "b", q.b, w));
    KASHF_RETURN_IF_ERROR(Read(f, "w", q.w, w));
    KASHF_RETURN_IF_ERROR(Read(f, "reweight", q.reweight, w));
    KASHF_RETURN_IF_ERROR(Read(f, "weights_threshold", q.weights_threshold, w));
    KASHF_RETURN_IF_ERROR(Read(f, "trend", q.trend, w));
    KASHF_RETURN_IF_ERROR(Read(f, "trend_threshold", q.trend_threshold, w));
    KASHF_RETURN_IF_ERROR(Read(f, "no_periods", q.no_periods, w));
    KASHF_RETURN_IF_ERROR(Read(f, "past_weeks_not_included", q.past_weeks_not_included, w));
    KASHF_RETURN_IF_ERROR(Read(f, "alpha", q.alpha, w));
    KASHF_RETURN_IF_ERROR(Read(f, "threshold_method", q.threshold_method, w));
    KASHF_RETURN_IF_ERROR(Read(f, "limit54", q.limit54, w));
    if (q.b < 1 || q.w < 0 || q.no_periods < 1 || q.past_weeks_not_included < 0 || !(q.alpha > 0 && q.alpha < 1))
      return Status::InvalidArgument(
          "detectors.farrington: b >= 1, w >= 0, no_periods >= 1, past_weeks_not_included >= 0, 0 < alpha < 1");
    if (q.threshold_method != "nbPlugin" && q.threshold_method != "muan")
      return Status::InvalidArgument("detectors.farrington.threshold_method must be nbPlugin or muan");
  }
  if (const auto c = d["cusum"]) {
    KASHF_RETURN_IF_ERROR(Read(c, "k", p.cusum.k, "detectors.cusum"));
    KASHF_RETURN_IF_ERROR(Read(c, "h", p.cusum.h, "detectors.cusum"));
    KASHF_RETURN_IF_ERROR(Read(c, "baseline", p.cusum.baseline, "detectors.cusum"));
    if (!(p.cusum.h > 0) || p.cusum.k < 0 || p.cusum.baseline < 0)
      return Status::InvalidArgument("detectors.cusum: h > 0, k >= 0, baseline >= 0");
  }
  if (const auto g = d["glrnb"]) {
    const std::string w = "detectors.glrnb";
    KASHF_RETURN_IF_ERROR(Read(g, "c_arl", p.glrnb.c_arl, w));
    KASHF_RETURN_IF_ERROR(Read(g, "baseline", p.glrnb.baseline, w));
    KASHF_RETURN_IF_ERROR(Read(g, "window", p.glrnb.window, w));
    if (g["alpha"] && g["alpha"].IsScalar() && g["alpha"].Scalar() == "estimate") {
      p.glrnb.alpha = -1;
    } else {
      KASHF_RETURN_IF_ERROR(Read(g, "alpha", p.glrnb.alpha, w));
      if (p.glrnb.alpha < 0) return Status::InvalidArgument(w + ".alpha must be >= 0 or 'estimate'");
    }
    if (!(p.glrnb.c_arl > 0) || p.glrnb.baseline < 0 || p.glrnb.window < 0)
      return Status::InvalidArgument(w + ": c_arl > 0, baseline >= 0, window >= 0");
  }
  return Read(d, "min_expected_for_alarm", p.min_expected_for_alarm, "detectors");
}

Status CheckSource(const std::string& source, const std::string& where) {
  const auto& names = EventSourceNames();
  if (std::find(names.begin(), names.end(), source) != names.end()) return Status::Ok();
  return Status::InvalidArgument(
      fmt::format("{}: '{}' is not an event source; use one of: {}", where, source, fmt::join(names, ", ")));
}

}  // namespace

Result<WarningConfig> ParseWarningConfig(const std::string& yaml_text) {
  YAML::Node root;
  try {
    root = YAML::Load(yaml_text);
  } catch (const YAML::Exception& e) {
    return Status::InvalidArgument(
        fmt::format("early-warning configuration is not valid YAML (line {})", e.mark.line + 1));
  }
  WarningConfig c;
  KASHF_RETURN_IF_ERROR(ReadDetectors(root["detectors"], c.detectors));
  const auto& dims = KnownDimensions();
  auto check_dim = [&](const std::string& d, const std::string& where) {
    if (d.empty() || std::find(dims.begin(), dims.end(), d) != dims.end()) return Status::Ok();
    return Status::InvalidArgument(fmt::format("{}: '{}' is not a series dimension", where, d));
  };
  for (const auto& s : root["series"]) {
    WatchedSeries w;
    std::string where = "series";
    KASHF_RETURN_IF_ERROR(Read(s, "name", w.name, where));
    if (w.name.empty()) return Status::InvalidArgument("series: every watched series needs a name");
    where = "series " + w.name;
    std::string period = "week";
    KASHF_RETURN_IF_ERROR(Read(s, "period", period, where));
    KASHF_ASSIGN_OR_RETURN(w.query.period, ParsePeriod(period));
    KASHF_RETURN_IF_ERROR(Read(s, "by", w.query.breakdown, where));
    KASHF_RETURN_IF_ERROR(check_dim(w.query.breakdown, where + ".by"));
    if (s["filter"]) {
      if (!s["filter"].IsMap()) return Status::InvalidArgument(where + ".filter: expected dimension: value pairs");
      for (const auto& kv : s["filter"]) {
        auto k = kv.first.as<std::string>();
        KASHF_RETURN_IF_ERROR(check_dim(k, where + ".filter"));
        w.query.filter[k] = kv.second.as<std::string>();
      }
    }
    if (auto src = w.query.filter.find("source"); src != w.query.filter.end())
      KASHF_RETURN_IF_ERROR(CheckSource(src->second, where + ".filter.source"));
    KASHF_RETURN_IF_ERROR(Read(s, "detectors", w.detectors, where));
    for (const auto& d : w.detectors)
      if (std::find(DetectorNames().begin(), DetectorNames().end(), d) == DetectorNames().end())
        return Status::InvalidArgument(fmt::format("{}: '{}' is not a detector", where, d));
    KASHF_RETURN_IF_ERROR(Read(s, "evaluate_last", w.evaluate_last, where));
    if (w.evaluate_last < 1) return Status::InvalidArgument(where + ".evaluate_last must be at least 1");
    c.series.push_back(std::move(w));
  }
  for (const auto& s : root["new_category"]) {
    NewCategoryRule r;
    KASHF_RETURN_IF_ERROR(Read(s, "name", r.name, "new_category"));
    KASHF_RETURN_IF_ERROR(Read(s, "source", r.source, "new_category " + r.name));
    KASHF_RETURN_IF_ERROR(Read(s, "dimension", r.dimension, "new_category " + r.name));
    KASHF_RETURN_IF_ERROR(Read(s, "within", r.within, "new_category " + r.name));
    if (!r.source.empty()) KASHF_RETURN_IF_ERROR(CheckSource(r.source, "new_category " + r.name + ".source"));
    KASHF_RETURN_IF_ERROR(Read(s, "lookback_periods", r.lookback_periods, "new_category " + r.name));
    if (r.name.empty() || r.dimension.empty())
      return Status::InvalidArgument("new_category: every rule needs a name and a dimension");
    KASHF_RETURN_IF_ERROR(check_dim(r.dimension, "new_category " + r.name));
    KASHF_RETURN_IF_ERROR(check_dim(r.within, "new_category " + r.name));
    c.new_category.push_back(std::move(r));
  }
  return c;
}

Result<WarningConfig> LoadWarningConfig(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound(fmt::format("{}: early-warning configuration not found", path));
  std::stringstream ss;
  ss << in.rdbuf();
  auto c = ParseWarningConfig(ss.str());
  if (!c.ok()) return c.status().WithContext(path);
  return c;
}

}  // namespace kashf::warning
