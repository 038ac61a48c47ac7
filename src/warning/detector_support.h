// Helpers the detectors share (internal to src/warning): range checks, baseline moments and the
// "not evaluated" point.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "kashf/core/result.h"
#include "kashf/warning/detectors.h"

namespace kashf::warning {

// InvalidArgument unless from..to lies inside a non-empty series of full (not withheld) counts.
Status CheckRange(const std::vector<int64_t>& counts, int64_t from, int64_t to);

struct MeanSd {
  double mean = 0, sd = 0;
  double var = 0;  // sd squared, computed directly (no square root and back)
};
// Mean, sample variance and standard deviation (n - 1) of counts[lo..hi].
MeanSd Moments(const std::vector<int64_t>& counts, int64_t lo, int64_t hi);

// Point t, evaluated against the constant expected count of the baseline lo..hi (CUSUM, GLR).
Detection BaselinePoint(const std::vector<int64_t>& counts, int64_t t, double expected, int64_t lo, int64_t hi);

// Point t, not evaluated, with the reason.
Detection NotEvaluated(const std::vector<int64_t>& counts, int64_t t, std::string note);
// Points from..to, none evaluated, with the reason.
std::vector<Detection> NoneEvaluated(const std::vector<int64_t>& counts, int64_t from, int64_t to,
                                     const std::string& note);

}  // namespace kashf::warning
