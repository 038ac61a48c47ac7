#include "kashf/resolve/minhash_lsh.h"

#include <algorithm>
#include <limits>
#include <thread>

#include "kashf/core/hash.h"
#include "kashf/resolve/blocking.h"

namespace kashf::resolve {
namespace {

uint64_t SplitMix64(uint64_t z) {  // Steele, Lea & Flood 2014 finaliser
  z += 0x9e3779b97f4a7c15ull;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

// Hash function k of the family: multiply-add-shift over the mixed token (Dietzfelbinger et al.
// 1997), one multiplication per token and function; a_k odd.
struct HashFamily {
  std::vector<uint64_t> a, b;
  HashFamily(uint64_t seed, size_t functions) : a(functions), b(functions) {
    for (size_t k = 0; k < functions; ++k) {
      a[k] = SplitMix64(seed ^ SplitMix64(2 * k)) | 1;
      b[k] = SplitMix64(seed ^ SplitMix64(2 * k + 1));
    }
  }
  uint64_t MinOf(std::span<const uint64_t> mixed_tokens, size_t k) const {
    uint64_t m = std::numeric_limits<uint64_t>::max();
    for (uint64_t x : mixed_tokens) m = std::min(m, (a[k] * x + b[k]) >> 32);
    return m;
  }
};

void Mix(std::span<const uint64_t> tokens, std::vector<uint64_t>* mixed) {
  mixed->clear();
  for (uint64_t t : tokens) mixed->push_back(SplitMix64(t));
}

// Sorts and dedupes `pairs`, whose first `sorted` entries are already sorted and unique.
void Compact(std::vector<uint64_t>* pairs, size_t sorted) {
  const auto mid = pairs->begin() + static_cast<std::ptrdiff_t>(sorted);
  std::sort(mid, pairs->end());
  std::inplace_merge(pairs->begin(), mid, pairs->end());
  pairs->erase(std::unique(pairs->begin(), pairs->end()), pairs->end());
}

// Candidate pairs of the bands first_band, first_band + stride, ..., sorted and unique. A pair
// found in several bands is kept once: the list is compacted whenever it doubles, which bounds
// its memory to about twice the distinct pairs.
void RunBands(std::span<const std::vector<uint64_t>> sets, const MinHashOptions& o, const HashFamily& family,
              uint32_t first_band, uint32_t stride, MinHashCandidates* out) {
  std::vector<std::pair<uint64_t, uint32_t>> buckets;  // (band key, record)
  buckets.reserve(sets.size());
  std::vector<uint64_t> mixed;
  size_t compacted = 0;
  for (uint32_t band = first_band; band < o.bands; band += stride) {
    buckets.clear();
    for (uint32_t i = 0; i < sets.size(); ++i) {
      if (sets[i].empty()) continue;
      Mix(sets[i], &mixed);
      uint64_t key = band;
      for (uint32_t r = 0; r < o.rows; ++r) key = SplitMix64(key ^ family.MinOf(mixed, size_t{band} * o.rows + r));
      buckets.emplace_back(key, i);
    }
    std::sort(buckets.begin(), buckets.end());
    for (size_t lo = 0; lo < buckets.size();) {
      size_t hi = lo + 1;
      while (hi < buckets.size() && buckets[hi].first == buckets[lo].first) ++hi;
      if (hi - lo > o.max_bucket) {
        ++out->oversized_buckets;
        out->oversized_records += hi - lo;
      } else {
        for (size_t a = lo; a < hi; ++a)
          for (size_t b = a + 1; b < hi; ++b)  // indices ascend inside a bucket: b is the larger
            if (buckets[b].second >= o.first_new) out->pairs.push_back(MakePair(buckets[a].second, buckets[b].second));
      }
      lo = hi;
    }
    if (out->pairs.size() > 2 * compacted + 4096) {
      Compact(&out->pairs, compacted);
      compacted = out->pairs.size();
    }
  }
  Compact(&out->pairs, compacted);
}

}  // namespace

std::vector<std::string> PaddedQGrams(std::string_view token, size_t q) {
  if (q == 0) return {};
  const std::string pad(q - 1, '#');
  const std::string padded = pad + std::string(token) + pad;
  std::vector<std::string> grams;
  for (size_t i = 0; i + q <= padded.size(); ++i) grams.push_back(padded.substr(i, q));
  return grams;
}

std::vector<uint64_t> QGramTokenSet(std::span<const std::string> tokens, size_t q) {
  std::vector<uint64_t> set;
  for (const auto& token : tokens)
    for (const auto& gram : PaddedQGrams(token, q)) set.push_back(StableHash64(gram));
  std::sort(set.begin(), set.end());
  set.erase(std::unique(set.begin(), set.end()), set.end());
  return set;
}

std::vector<uint64_t> MinHashSignature(std::span<const uint64_t> tokens, const MinHashOptions& options) {
  const size_t functions = size_t{options.bands} * options.rows;
  const HashFamily family(options.seed, functions);
  std::vector<uint64_t> mixed;
  Mix(tokens, &mixed);
  std::vector<uint64_t> signature(functions);
  for (size_t k = 0; k < functions; ++k) signature[k] = family.MinOf(mixed, k);
  return signature;
}

MinHashCandidates MinHashCandidatePairs(std::span<const std::vector<uint64_t>> token_sets,
                                        const MinHashOptions& options) {
  const uint32_t threads =
      static_cast<uint32_t>(std::clamp(options.threads, 1, static_cast<int>(std::max(1u, options.bands))));
  const HashFamily family(options.seed, size_t{options.bands} * options.rows);
  std::vector<MinHashCandidates> parts(threads);
  std::vector<std::thread> helpers;
  for (uint32_t t = 1; t < threads; ++t)
    helpers.emplace_back(RunBands, token_sets, std::cref(options), std::cref(family), t, threads, &parts[t]);
  RunBands(token_sets, options, family, 0, threads, &parts[0]);
  for (auto& h : helpers) h.join();
  MinHashCandidates out = std::move(parts[0]);
  for (uint32_t t = 1; t < threads; ++t) {
    const size_t sorted = out.pairs.size();
    out.pairs.insert(out.pairs.end(), parts[t].pairs.begin(), parts[t].pairs.end());
    std::vector<uint64_t>().swap(parts[t].pairs);
    std::inplace_merge(out.pairs.begin(), out.pairs.begin() + static_cast<std::ptrdiff_t>(sorted), out.pairs.end());
    out.pairs.erase(std::unique(out.pairs.begin(), out.pairs.end()), out.pairs.end());
    out.oversized_buckets += parts[t].oversized_buckets;
    out.oversized_records += parts[t].oversized_records;
  }
  return out;
}

}  // namespace kashf::resolve
