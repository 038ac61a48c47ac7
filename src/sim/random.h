// Counter-based pseudo-random numbers for the simulator: every value is a pure function of
// (seed, stream, index), so any row or person can be regenerated without state (streaming, and the
// same seed gives the same bytes). SplitMix64 finaliser (Steele, Lea, Flood: "Fast splittable
// pseudorandom number generators", OOPSLA 2014).
#pragma once
#include <cstdint>

namespace kashf::sim {

__extension__ typedef unsigned __int128 Uint128;

inline uint64_t SplitMix64(uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

// A small sequential generator seeded from (seed, stream, index).
class Rng {
 public:
  Rng(uint64_t seed, uint64_t stream, uint64_t index)
      : state_(SplitMix64(SplitMix64(SplitMix64(seed) ^ stream) ^ index)) {}
  uint64_t Next() { return SplitMix64(state_ += 0x9e3779b97f4a7c15ULL); }
  // Uniform in [0, n); n > 0. (Lemire's multiply-shift; the tiny bias is irrelevant here.)
  uint64_t Below(uint64_t n) {
    return static_cast<uint64_t>((static_cast<Uint128>(Next()) * n) >> 64);
  }
  int64_t Between(int64_t lo, int64_t hi) { return lo + static_cast<int64_t>(Below(static_cast<uint64_t>(hi - lo + 1))); }
  // Uniform in [0, 1).
  double Unit() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }
  bool Chance(double p) { return Unit() < p; }

 private:
  uint64_t state_;
};

// Streams: one constant per kind of draw, so adding a draw of one kind never shifts another.
enum Stream : uint64_t {
  kPersonStream = 1, kFirStream, kFiaStream, kSindhStream, kCustomsStream, kTransactionStream,
  kCallStream, kFirearmStream, kNoiseStream, kBadRowStream,
};

}  // namespace kashf::sim
