// Deterministic fixture series for the detector tests (test-only header): weekly, 6 years (312
// weeks), each with an injected outbreak. Counts come from a fixed LCG and Poisson inversion, so they
// are the same on every platform.
#pragma once
#include <cmath>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace kashf::warning {

class FixtureRandom {
 public:
  explicit FixtureRandom(uint64_t seed) : s_(seed) {}
  double Uniform() {
    s_ = s_ * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<double>(s_ >> 11) / 9007199254740992.0;
  }
  int64_t Poisson(double mu) {
    double u = Uniform(), p = std::exp(-mu), cdf = p;
    int64_t x = 0;
    while (u > cdf && x < 100000) {
      ++x;
      p *= mu / static_cast<double>(x);
      cdf += p;
    }
    return x;
  }

 private:
  uint64_t s_;
};

inline std::map<std::string, std::vector<int64_t>> FixtureSeries() {
  constexpr double kPi = 3.14159265358979323846;
  std::map<std::string, std::vector<int64_t>> out;
  FixtureRandom r(20130);
  const int n = 312;
  auto& seasonal = out["seasonal"];
  auto& low = out["low"];
  auto& overdispersed = out["overdispersed"];
  auto& gap = out["gaps"];
  for (int t = 1; t <= n; ++t) {
    seasonal.push_back(r.Poisson(10 * std::exp(0.4 * std::sin(2 * kPi * t / 52))) + (t >= 290 && t <= 293 ? 20 : 0));
    low.push_back(r.Poisson(1.2) + (t >= 300 && t <= 303 ? 7 : 0));
    double frailty = -std::log(1 - r.Uniform());  // Exp(1): gamma-Poisson mixture, var > mean
    overdispersed.push_back(r.Poisson(6 * (1 + 0.002 * t) * frailty) + (t >= 280 && t <= 284 ? 30 : 0));
    bool silent = (t >= 100 && t <= 130) || (t >= 240 && t <= 250);  // weeks with no reporting at all
    gap.push_back(silent ? 0 : r.Poisson(4) + (t >= 305 ? 12 : 0));
  }
  return out;
}

}  // namespace kashf::warning
