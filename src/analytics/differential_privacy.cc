#include "kashf/analytics/differential_privacy.h"

#include <sodium.h>

#include <cmath>
#include <fstream>
#include <unordered_map>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "kashf/core/paths.h"
#include "kashf/core/random.h"
#include "kashf/core/text.h"

namespace kashf::analytics {
namespace {

class SystemSource final : public UniformSource {
 public:
  double Next() override {
    for (;;) {
      uint64_t x;
      randombytes_buf(&x, sizeof x);
      double u = static_cast<double>(x >> 11) * 0x1.0p-53;
      if (u > 0.0) return u;
    }
  }
};

class SeededSource final : public UniformSource {
 public:
  explicit SeededSource(uint64_t seed) : rng_(seed) {}
  double Next() override {
    for (;;) {
      double u = rng_.Unit();
      if (u > 0.0) return u;
    }
  }

 private:
  Rng rng_;
};

}  // namespace

std::unique_ptr<UniformSource> SystemUniformSource() {
  if (sodium_init() < 0) return nullptr;
  return std::make_unique<SystemSource>();
}
std::unique_ptr<UniformSource> SeededUniformSource(uint64_t seed) { return std::make_unique<SeededSource>(seed); }

double SampleLaplace(UniformSource& u, double scale) {
  // Inverse CDF: X = -b sgn(v) ln(1 - 2|v|), v uniform on (-1/2, 1/2).
  double v = u.Next() - 0.5;
  return -scale * (v < 0 ? -1.0 : 1.0) * std::log(1.0 - 2.0 * std::fabs(v));
}

double SampleGaussian(UniformSource& u, double sigma) {
  // Box-Muller.
  double a = u.Next(), b = u.Next();
  return sigma * std::sqrt(-2.0 * std::log(a)) * std::cos(2.0 * M_PI * b);
}

Result<double> GaussianSigma(double epsilon, double delta) {
  if (!(epsilon > 0 && epsilon < 1))
    return Status::InvalidArgument(
        fmt::format("the Gaussian mechanism needs 0 < epsilon < 1 (got {}); use Laplace for larger epsilon", epsilon));
  if (!(delta > 0 && delta < 1))
    return Status::InvalidArgument(fmt::format("the Gaussian mechanism needs 0 < delta < 1 (got {})", delta));
  return std::sqrt(2.0 * std::log(1.25 / delta)) / epsilon;
}

Status ValidateDpOptions(const DpOptions& o) {
  if (!std::isfinite(o.epsilon) || o.epsilon <= 0 || o.epsilon > kMaxEpsilon)
    return Status::InvalidArgument(fmt::format(
        "epsilon must be a number greater than 0 and at most {} (the privacy loss of this release)", kMaxEpsilon));
  if (!std::isfinite(o.delta) || o.delta < 0 || o.delta >= 1)
    return Status::InvalidArgument("delta must be a number from 0 up to (not including) 1");
  if (o.threshold < 0) return Status::InvalidArgument("threshold cannot be negative");
  if (o.mechanism == DpMechanism::kGaussian) return GaussianSigma(o.epsilon, o.delta).status();
  return Status::Ok();
}

Result<VariableDomains> VariableDomains::LoadDefault(int first_year, int last_year) {
  if (first_year > last_year)
    return Status::InvalidArgument(fmt::format("years {}..{} are empty", first_year, last_year));
  VariableDomains d;
  std::string path = DataPath("data/reference/ctdc_domains.yaml");
  try {
    YAML::Node root = YAML::LoadFile(path);
    for (const auto& kv : root["domains"]) {
      KASHF_ASSIGN_OR_RETURN(CtdcVariable v, ParseCtdcVariable(kv.first.as<std::string>()));
      d.Set(v, kv.second.as<std::vector<std::string>>());
    }
  } catch (const YAML::Exception& e) {
    return Status::InvalidArgument(fmt::format("cannot read {}: {}", path, e.what()));
  }
  std::ifstream countries(DataPath("data/reference/countries.tsv"));
  if (!countries) return Status::NotFound("data/reference/countries.tsv not found");
  std::vector<std::string> iso3;
  std::string line;
  std::getline(countries, line);  // header
  while (std::getline(countries, line)) {
    auto f = Split(line, '\t');
    if (f.size() < 2 || f[1].empty()) continue;
    std::string code;
    for (char c : f[1]) code += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    iso3.push_back(code);
  }
  iso3.push_back("unknown");
  d.Set(CtdcVariable::kCitizenship, iso3);
  d.Set(CtdcVariable::kCountryOfExploitation, iso3);
  KASHF_ASSIGN_OR_RETURN(AgeBands bands, AgeBands::LoadDefault());
  d.Set(CtdcVariable::kAgeBroad, bands.Labels());
  std::vector<std::string> years;
  for (int y = first_year; y <= last_year; ++y) years.push_back(std::to_string(y));
  d.Set(CtdcVariable::kYearOfRegistration, years);
  return d;
}

const std::vector<std::string>* VariableDomains::Find(CtdcVariable v) const {
  auto it = domains_.find(v);
  return it == domains_.end() ? nullptr : &it->second;
}

Status ReleaseWithDp(CountTable& table, const VariableDomains& domains, const DpOptions& options,
                     UniformSource& noise) {
  KASHF_RETURN_IF_ERROR(ValidateDpOptions(options));
  double scale = 0;
  if (options.mechanism == DpMechanism::kLaplace) {
    scale = 1.0 / options.epsilon;  // L1 sensitivity 1
  } else {
    KASHF_ASSIGN_OR_RETURN(scale, GaussianSigma(options.epsilon, options.delta));
  }
  // Each variable's enumerated domain is its public domain plus "other" (if not listed): a value
  // outside the domain is counted there, so no request fails or succeeds depending on the data.
  std::vector<std::vector<std::string>> domain_values;
  size_t cells = 1;
  for (CtdcVariable v : table.variables) {
    const auto* d = domains.Find(v);
    if (!d || d->empty())
      return Status::InvalidArgument(
          fmt::format("variable {} has no public domain in data/reference/ctdc_domains.yaml; "
                      "it cannot be released with differential privacy",
                      CtdcVariableNames()[static_cast<size_t>(v)]));
    domain_values.push_back(*d);
    if (std::find(d->begin(), d->end(), "other") == d->end()) domain_values.back().push_back("other");
    if (cells > options.max_cells / domain_values.back().size())
      return Status::InvalidArgument(fmt::format(
          "the table's domain has more than {} cells; release fewer variables together", options.max_cells));
    cells *= domain_values.back().size();
  }
  std::vector<const std::vector<std::string>*> doms;
  for (const auto& d : domain_values) doms.push_back(&d);
  // True counts keyed by domain values.
  std::unordered_map<std::string, int64_t> truth;
  for (const auto& c : table.cells) {
    std::string key;
    for (size_t i = 0; i < c.values.size(); ++i) {
      const auto& d = *doms[i];
      key += std::find(d.begin(), d.end(), c.values[i]) == d.end() ? std::string("other") : c.values[i];
      key += '\x1f';
    }
    truth[key] += c.count;
  }
  CountTable out;
  out.variables = table.variables;
  out.total = table.total;
  int64_t released_total = 0;
  std::vector<size_t> digit(doms.size(), 0);
  for (size_t n = 0; n < cells; ++n) {
    std::string key;
    std::vector<std::string> values;
    for (size_t i = 0; i < doms.size(); ++i) {
      values.push_back((*doms[i])[digit[i]]);
      key += values.back();
      key += '\x1f';
    }
    auto it = truth.find(key);
    int64_t count = it == truth.end() ? 0 : it->second;
    double z = options.mechanism == DpMechanism::kLaplace ? SampleLaplace(noise, scale) : SampleGaussian(noise, scale);
    auto noisy = static_cast<int64_t>(std::llround(std::max(0.0, static_cast<double>(count) + z)));
    if (noisy >= std::max<int64_t>(1, options.threshold)) {
      Cell c{values, count, false, noisy};
      out.cells.push_back(std::move(c));
      released_total += noisy;
    }
    for (size_t i = doms.size(); i-- > 0;) {  // odometer over the domain
      if (++digit[i] < doms[i]->size()) break;
      digit[i] = 0;
    }
  }
  out.released_total = released_total;
  table = std::move(out);
  return Status::Ok();
}

}  // namespace kashf::analytics
