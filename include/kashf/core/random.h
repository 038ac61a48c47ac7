// Pseudo-random numbers for Kashf's synthetic data (the simulator, the firearm registry and
// survivors' case generators, seeded noise in tests and benchmarks). Never for secrets: keys, salts
// and tokens come from libsodium.
// Algorithm: SplitMix64 (Steele, Lea, Flood: "Fast splittable pseudorandom number generators",
// OOPSLA 2014): a Weyl sequence with increment kSplitMix64Gamma, each value passed through a finaliser.
// Contract: for a given seed the sequence of values (and of every draw below) never changes between
// versions or platforms; golden files, documented demo figures and benchmark inputs depend on it, so
// changing it is a data migration.
#pragma once
#include <cstdint>
#include <vector>

namespace kashf {

inline constexpr uint64_t kSplitMix64Gamma = 0x9e3779b97f4a7c15ULL;

// SplitMix64's output for state `x`: the finaliser applied to x + gamma. Also a good 64-bit mixer on
// its own (hash finishing, seeding one stream from another).
constexpr uint64_t SplitMix64(uint64_t x) {
  x += kSplitMix64Gamma;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

// A sequential SplitMix64 generator. Cheap to copy and to construct, so code that must regenerate any
// row on its own gives each row its own generator (the three-argument constructor).
class Rng {
 public:
  // The generator whose first value is SplitMix64(state): the classic SplitMix64 seeded with `state`.
  explicit Rng(uint64_t state) : state_(state) {}
  // Counter-based streams: a generator that is a pure function of (seed, stream, index), so one kind
  // of draw (stream) for one row (index) never shifts another.
  Rng(uint64_t seed, uint64_t stream, uint64_t index)
      : state_(SplitMix64(SplitMix64(SplitMix64(seed) ^ stream) ^ index) + kSplitMix64Gamma) {}

  uint64_t Next() {
    const uint64_t x = state_;
    state_ += kSplitMix64Gamma;
    return SplitMix64(x);
  }
  // Uniform in [0, n); n > 0. Lemire's multiply-shift ("Fast random integer generation in an
  // interval", 2019) without the rejection step: the bias is below n / 2^64.
  uint64_t Below(uint64_t n) { return static_cast<uint64_t>((static_cast<Uint128>(Next()) * n) >> 64); }
  // Uniform in [lo, hi]; lo <= hi.
  int64_t Between(int64_t lo, int64_t hi) {
    return lo + static_cast<int64_t>(Below(static_cast<uint64_t>(hi - lo) + 1));
  }
  // Next() % n, and 0 when n == 0: a different (and slightly more biased) draw than Below(). Prefer
  // Below(); the firearm-registry and survivors' case generators use this one and their published
  // outputs depend on it.
  uint64_t Remainder(uint64_t n) { return n ? Next() % n : 0; }
  // An element chosen with Remainder(); `v` not empty.
  template <typename T>
  const T& Pick(const std::vector<T>& v) {
    return v[Remainder(v.size())];
  }
  // Uniform in [0, 1), 53 random bits.
  double Unit() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }
  bool Chance(double p) { return Unit() < p; }
  // Index i drawn with probability weights[i] / sum(weights); weights not empty, none negative.
  size_t Weighted(const std::vector<double>& weights) {
    double total = 0;
    for (double w : weights) total += w;
    double x = Unit() * total;
    for (size_t i = 0; i < weights.size(); ++i) {
      if (x < weights[i]) return i;
      x -= weights[i];
    }
    return weights.size() - 1;
  }

 private:
  __extension__ using Uint128 = unsigned __int128;  // GCC and Clang; __extension__ keeps -Wpedantic quiet
  uint64_t state_;
};

}  // namespace kashf
