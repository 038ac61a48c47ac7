#include "signature_lsh.h"

#include <algorithm>
#include <thread>
#include <tuple>
#include <utility>

namespace kashf::text {
namespace {

struct Bands {
  const std::vector<uint16_t>& sig;
  const std::vector<uint8_t>& has_text;
  const SignaturePairOptions& o;
  size_t width() const { return size_t{o.bands} * o.rows; }
  const uint16_t* Of(uint32_t item) const { return sig.data() + item * width(); }

  bool BandAgrees(uint32_t a, uint32_t b, uint32_t band) const {
    const uint16_t* x = Of(a) + size_t{band} * o.rows;
    const uint16_t* y = Of(b) + size_t{band} * o.rows;
    return std::equal(x, x + o.rows, y);
  }
  double Similarity(uint32_t a, uint32_t b) const {
    const uint16_t* x = Of(a);
    const uint16_t* y = Of(b);
    size_t equal = 0;
    for (size_t k = 0; k < width(); ++k) equal += x[k] == y[k];
    return static_cast<double>(equal) / static_cast<double>(width());
  }
  uint64_t Key(uint32_t item, uint32_t band) const {
    uint64_t key = 0x9e3779b97f4a7c15ull * (band + 1);
    const uint16_t* x = Of(item) + size_t{band} * o.rows;
    for (uint32_t r = 0; r < o.rows; ++r) {  // FNV-1a over the 16-bit entries
      key ^= x[r];
      key *= 0x100000001b3ull;
    }
    return key;
  }

  void Verify(uint32_t a, uint32_t b, SignaturePairs* out) const {
    ++out->candidates;
    const double s = Similarity(a, b);
    if (s >= o.min_similarity) out->pairs.push_back({std::min(a, b), std::max(a, b), s});
  }

  void Run(uint32_t first_band, uint32_t stride, SignaturePairs* out) const {
    const auto items = static_cast<uint32_t>(has_text.size());
    std::vector<std::pair<uint64_t, uint32_t>> buckets;
    for (uint32_t band = first_band; band < o.bands; band += stride) {
      buckets.clear();
      for (uint32_t i = 0; i < items; ++i)
        if (has_text[i]) buckets.emplace_back(Key(i, band), i);
      std::sort(buckets.begin(), buckets.end());
      for (size_t lo = 0; lo < buckets.size();) {
        size_t hi = lo + 1;
        while (hi < buckets.size() && buckets[hi].first == buckets[lo].first) ++hi;
        if (hi - lo > o.max_bucket) {
          ++out->oversized_buckets;
          for (size_t x = lo + 1; x < hi; ++x) Verify(buckets[lo].second, buckets[x].second, out);
        } else {
          for (size_t x = lo; x < hi; ++x)
            for (size_t y = x + 1; y < hi; ++y) {
              const uint32_t a = buckets[x].second, b = buckets[y].second;
              if (!BandAgrees(a, b, band)) continue;  // a 64-bit key collision
              bool earlier = false;
              for (uint32_t e = 0; e < band && !earlier; ++e) earlier = BandAgrees(a, b, e);
              if (!earlier) Verify(a, b, out);
            }
        }
        lo = hi;
      }
    }
  }
};

bool ByItems(const SimilarPair& x, const SimilarPair& y) { return std::tie(x.a, x.b) < std::tie(y.a, y.b); }

}  // namespace

SignaturePairs SimilarSignaturePairs(const std::vector<uint16_t>& signatures, const std::vector<uint8_t>& has_text,
                                     const SignaturePairOptions& options) {
  const Bands bands{signatures, has_text, options};
  const auto threads =
      static_cast<uint32_t>(std::clamp(options.threads, 1, static_cast<int>(std::max(1u, options.bands))));
  std::vector<SignaturePairs> parts(threads);
  std::vector<std::thread> helpers;
  for (uint32_t t = 1; t < threads; ++t)
    helpers.emplace_back([&bands, &parts, t, threads] { bands.Run(t, threads, &parts[t]); });
  bands.Run(0, threads, &parts[0]);
  for (auto& h : helpers) h.join();
  SignaturePairs out;
  for (auto& part : parts) {
    out.pairs.insert(out.pairs.end(), part.pairs.begin(), part.pairs.end());
    std::vector<SimilarPair>().swap(part.pairs);
    out.candidates += part.candidates;
    out.oversized_buckets += part.oversized_buckets;
  }
  std::sort(out.pairs.begin(), out.pairs.end(), ByItems);
  out.pairs.erase(std::unique(out.pairs.begin(), out.pairs.end(),
                              [](const SimilarPair& x, const SimilarPair& y) { return x.a == y.a && x.b == y.b; }),
                  out.pairs.end());
  return out;
}

}  // namespace kashf::text
