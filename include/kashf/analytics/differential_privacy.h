// Differentially private release of count tables (Dwork & Roth 2014, "The Algorithmic Foundations
// of Differential Privacy"): the Laplace mechanism (Def. 3.3, Thm. 3.6) and the Gaussian mechanism
// (Thm. A.1: sigma = sqrt(2 ln(1.25/delta)) * Delta2 / epsilon, valid for epsilon < 1).
// Each case falls in exactly one cell of a table, so the L1 and L2 sensitivities are both 1.
// Noise is added to every cell of the public domain (zeros included) so that which cells exist
// reveals nothing; rounding, clamping at 0 and the threshold are post-processing (Prop. 2.1).
// Note: floating-point Laplace sampling has known weaknesses (Mironov 2012); rounding the output
// to integers reduces but does not remove them.
#pragma once
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "kashf/analytics/count_table.h"
#include "kashf/core/result.h"

namespace kashf::analytics {

// Source of uniform doubles in (0, 1).
class UniformSource {
 public:
  virtual ~UniformSource() = default;
  virtual double Next() = 0;
};
// Cryptographically secure (libsodium randombytes); use for real releases.
std::unique_ptr<UniformSource> SystemUniformSource();
// Reproducible (SplitMix64); only for tests and benchmarks.
std::unique_ptr<UniformSource> SeededUniformSource(uint64_t seed);

double SampleLaplace(UniformSource& u, double scale);
double SampleGaussian(UniformSource& u, double sigma);
// sigma of the Gaussian mechanism for sensitivity 1; InvalidArgument unless 0 < epsilon < 1 and 0 < delta < 1.
Result<double> GaussianSigma(double epsilon, double delta);

enum class DpMechanism { kLaplace, kGaussian };

struct DpOptions {
  DpMechanism mechanism = DpMechanism::kLaplace;
  double epsilon = 1.0;
  double delta = 0.0;            // Gaussian only
  int64_t threshold = 0;         // noisy counts below this are not listed (post-processing)
  size_t max_cells = 5'000'000;  // refuse domains larger than this
};

// The largest epsilon one release may spend.
inline constexpr double kMaxEpsilon = 100.0;
// InvalidArgument (nothing charged) unless epsilon is finite in (0, kMaxEpsilon], delta finite in
// [0, 1), threshold >= 0, and for the Gaussian mechanism 0 < epsilon < 1 and 0 < delta.
Status ValidateDpOptions(const DpOptions& options);

// The public domain of each variable (the values a cell may take), from data/reference.
class VariableDomains {
 public:
  // ctdc_domains.yaml + countries.tsv + ctdc_age_bands.tsv; years first_year..last_year.
  static Result<VariableDomains> LoadDefault(int first_year, int last_year);
  void Set(CtdcVariable v, std::vector<std::string> values) { domains_[v] = std::move(values); }
  const std::vector<std::string>* Find(CtdcVariable v) const;

 private:
  std::map<CtdcVariable, std::vector<std::string>> domains_;
};

// Replaces `table` by a noisy release over the full domain of its variables plus an "other" value
// per variable (when the domain lists none): a value outside a domain is counted under "other", so
// whether a release succeeds never depends on the data. Sets `released` on cells whose rounded
// noisy count is >= max(threshold, 1); released_total is the sum of the noisy cells (post-processing).
Status ReleaseWithDp(CountTable& table, const VariableDomains& domains, const DpOptions& options, UniformSource& noise);

}  // namespace kashf::analytics
