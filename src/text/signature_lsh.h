// Near-duplicate pairs from stored MinHash signatures (internal to src/text; used by
// kashf/text/ad_clusters.h).
// Signatures are b-bit MinHash (Li & König 2010, "b-Bit Minwise Hashing"): the low 16 bits of each
// of bands × rows minima (resolve::MinHashSignature), so a pair's share of equal entries estimates
// its Jaccard similarity (the chance that two unrelated 16-bit values agree, 2^-16, is neglected)
// at 2 bytes per hash. Banding (Leskovec, Rajaraman & Ullman, "Mining of Massive Datasets", 3.4):
// ads whose rows agree in a band are candidates; each candidate is verified by its estimated
// Jaccard over the whole signature. A pair is examined in the first band where its rows agree, so
// no pair is verified twice. A band bucket of more than max_bucket ads is not expanded pairwise
// (quadratic): each of its ads is verified against the bucket's first ad only (a star), and the
// bucket is counted. Contract: pairs are sorted by (a, b) with a < b and unique; `threads` > 1
// splits the bands between threads and gives exactly the result of threads = 1.
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

namespace kashf::text {

struct SignaturePairOptions {
  uint32_t bands = 20;
  uint32_t rows = 5;
  double min_similarity = 0.5;
  size_t max_bucket = 200;
  int threads = 1;
};

struct SimilarPair {
  uint32_t a = 0, b = 0;  // a < b
  double similarity = 0;  // estimated Jaccard: share of equal signature entries
  bool operator==(const SimilarPair&) const = default;
};

struct SignaturePairs {
  std::vector<SimilarPair> pairs;
  uint64_t candidates = 0;         // pairs verified
  uint64_t oversized_buckets = 0;  // buckets expanded as stars
};

// `signatures` holds bands × rows entries per item, item i at [i × bands × rows, ...); items whose
// has_text[i] is 0 take no part.
SignaturePairs SimilarSignaturePairs(const std::vector<uint16_t>& signatures, const std::vector<uint8_t>& has_text,
                                     const SignaturePairOptions& options);

}  // namespace kashf::text
