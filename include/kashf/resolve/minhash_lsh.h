// MinHash locality-sensitive hashing for candidate pairs on token sets (e.g. the character q-grams of
// a record's name tokens), so names that share most q-grams meet although no exact key agrees.
//   - MinHash (Broder 1997, "On the resemblance and containment of documents"): for a random hash
//     function h, P[min h(A) = min h(B)] = Jaccard(A, B). A signature has bands × rows such minima.
//   - Banding (LSH, Indyk & Motwani 1998; Leskovec, Rajaraman & Ullman, "Mining of Massive
//     Datasets", ch. 3.4): records whose `rows` minima agree in at least one band are candidates, so
//     a pair of Jaccard s is found with probability 1 - (1 - s^rows)^bands (the S-curve). The
//     defaults (20 bands × 5 rows) find s = 0.8 with p ≈ 0.9997, s = 0.5 with p ≈ 0.47 and s = 0.2
//     with p ≈ 0.006.
// Contract: token sets are 64-bit token hashes (duplicates are harmless); an empty set takes no
// part. Hash function k is (a_k · SplitMix64(token) + b_k) mod 2^64, top 32 bits (multiply-add-
// shift, Dietzfelbinger et al. 1997), a_k and b_k derived from `seed`: results depend only on the
// input and the options. A band bucket with more than `max_bucket` records is
// not expanded (it would be quadratic): it is counted in the result instead. Pairs are MakePair
// values, sorted and unique; `threads` > 1 splits the bands between threads and gives exactly the
// result of threads = 1 (the serial reference).
// Thread safety: pure functions.
#pragma once
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace kashf::resolve {

struct MinHashOptions {
  uint32_t bands = 20;
  uint32_t rows = 5;
  uint64_t seed = 0x6b617368664c5348ull;
  size_t max_bucket = 100;  // larger band buckets are counted, not expanded
  size_t first_new = 0;     // only pairs touching an index >= first_new (incremental linking)
  int threads = 1;
};

struct MinHashCandidates {
  std::vector<uint64_t> pairs;     // MakePair(a, b), sorted, unique
  uint64_t oversized_buckets = 0;  // band buckets above max_bucket, skipped
  uint64_t oversized_records = 0;  // record slots in those buckets (a record counts once per band)
};

// Character q-grams of one token, padded with q-1 '#' on each side so the first and last letters
// weigh as much as inner ones ("ali", q = 2: "#a", "al", "li", "i#"). A token shorter than q
// padded yields its one padded gram. Byte-wise: pass ASCII (e.g. canonical name tokens).
std::vector<std::string> PaddedQGrams(std::string_view token, size_t q = 2);

// The set of 64-bit hashes of the padded q-grams of all `tokens`, sorted and unique: the token set
// of one record for MinHashCandidatePairs.
std::vector<uint64_t> QGramTokenSet(std::span<const std::string> tokens, size_t q = 2);

// bands × rows minima of one token set (empty set: all UINT64_MAX). Exposed for tests and for
// estimating Jaccard (share of equal entries).
std::vector<uint64_t> MinHashSignature(std::span<const uint64_t> tokens, const MinHashOptions& options);

MinHashCandidates MinHashCandidatePairs(std::span<const std::vector<uint64_t>> token_sets,
                                        const MinHashOptions& options);

}  // namespace kashf::resolve
