// Blocking: only records that share at least one blocking key are compared (Fellegi & Sunter's
// "blocking"; Christen 2012, "Data Matching", ch. 4). The passes are declared per schema in the
// ComparisonModel (e.g. exact identifier, identifier halves, name-token pairs, name token + birth
// year / postcode, sorted neighbourhood, MinHash LSH on name q-grams); the union of their pairs is
// compared, so one bad field does not hide a match. A key block larger than `max_block_size` is
// not compared all-against-all (quadratic) but with a sliding window over its records, and
// counted; in a loose pass (LoosePass: a name token alone or with a date or place) such a block is
// skipped and counted. The candidate count stays below records x keys x max(max_block_size, window).
// Only records of the same schema are paired.
// Thread safety: pure function.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "kashf/resolve/encoded_records.h"

namespace kashf::resolve {

struct BlockingOptions {
  size_t max_block_size = 64;
  size_t window = 8;  // neighbours each record meets inside a block above max_block_size, and in a sorted pass
  // Incremental linking: only pairs with at least one record at index >= first_new are produced.
  size_t first_new = 0;
  int threads = 1;
  bool keep_pass_pairs = false;  // fill BlockingKeyStats::pair_list (pair completeness per pass)
};

struct BlockingKeyStats {
  std::string key;               // "Person: name.tokens+birth_date.year"
  uint64_t blocks = 0;           // blocks with two or more records
  uint64_t pairs = 0;            // pairs this pass produced (before removing pairs other passes also produced)
  uint64_t windowed_blocks = 0;  // blocks above max_block_size: windowed (tight pass) or skipped (loose pass)
  uint64_t windowed_records = 0;
  std::vector<uint64_t> pair_list;  // sorted, unique; only with keep_pass_pairs
};

struct CandidatePairs {
  std::vector<uint64_t> pairs;  // (a << 32) | b with a < b, sorted, unique
  // The pairs some tight pass produced (an identifier, a phone, an e-mail, or a whole name's
  // skeleton with or without a date, place or relative): the set EM trains on. Loose passes (one
  // name token, token pairs, sorted neighbourhood, q-grams) bring mostly pairs of different people
  // with similar names, and trained on them EM takes "similar name" for its match class.
  std::vector<uint64_t> training_pairs;  // sorted, unique, a subset of pairs
  // The same pairs per tight pass, with the fields the pass blocks on: EM trains one session per
  // pass with those fields masked (TrainEmSessions).
  struct TrainingPass {
    int schema = 0;
    uint64_t masked_fields = 0;   // bit f: the pass's key uses field f
    std::vector<uint64_t> pairs;  // sorted, unique
  };
  std::vector<TrainingPass> training_passes;
  std::vector<BlockingKeyStats> stats;
};

// True for a pass with a token-level name part (tokens, token_pairs, metaphone, sorted, qgrams).
bool LoosePass(const BlockingPass& pass);

inline uint32_t PairFirst(uint64_t p) { return static_cast<uint32_t>(p >> 32); }
inline uint32_t PairSecond(uint64_t p) { return static_cast<uint32_t>(p & 0xffffffffu); }
inline uint64_t MakePair(uint32_t a, uint32_t b) { return a < b ? (uint64_t{a} << 32) | b : (uint64_t{b} << 32) | a; }

// The keys record `i` takes in `pass` (0 or more; no keys when a part has no value). Exposed for tests.
void BlockingKeys(const EncodedRecords& records, const BlockingPass& pass, uint32_t i, std::vector<uint64_t>* out);

CandidatePairs GenerateCandidatePairs(const EncodedRecords& records, const BlockingOptions& options);

}  // namespace kashf::resolve
