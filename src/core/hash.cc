#include "kashf/core/hash.h"

#include "kashf/core/random.h"

namespace kashf {
namespace {
constexpr uint64_t kFnvOffset = 1469598103934665603ULL;
constexpr uint64_t kFnvPrime = 1099511628211ULL;

uint64_t Fnv(std::string_view bytes, uint64_t h) {
  for (unsigned char c : bytes) {
    h ^= c;
    h *= kFnvPrime;
  }
  return h;
}
}  // namespace

uint64_t StableHash64(std::string_view bytes, uint64_t seed) { return SplitMix64(Fnv(bytes, kFnvOffset ^ seed)); }

uint64_t StableHashParts(std::initializer_list<std::string_view> parts) {
  uint64_t h = kFnvOffset;
  for (std::string_view p : parts) {
    uint64_t len = p.size();
    for (int i = 0; i < 8; ++i) {
      h ^= (len >> (8 * i)) & 0xff;
      h *= kFnvPrime;
    }
    h = Fnv(p, h);
  }
  return SplitMix64(h);
}

std::string Hex64(uint64_t value) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i) {
    out[static_cast<size_t>(i)] = kDigits[value & 0xf];
    value >>= 4;
  }
  return out;
}

}  // namespace kashf
