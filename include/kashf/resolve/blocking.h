// Blocking: only records that share at least one blocking key are compared (Fellegi & Sunter's
// "blocking"; Christen 2012, "Data Matching", ch. 4). Several keys, so one bad field does not hide a
// match: exact national id; either half of the national id (a mistyped digit leaves the other half
// intact); exact phone; name skeleton + birth year; name skeleton + father's skeleton; given names
// + district. A block larger than `max_block_size` is not compared all-against-all (quadratic) but
// with a sliding window over its records (sorted neighbourhood), and counted.
// Thread safety: pure function.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "kashf/resolve/encoded_records.h"

namespace kashf::resolve {

struct BlockingOptions {
  size_t max_block_size = 64;
  size_t window = 8;  // neighbours each record meets inside a block above max_block_size
  // Incremental linking: only pairs with at least one record at index >= first_new are produced.
  size_t first_new = 0;
  int threads = 1;
};

struct BlockingKeyStats {
  std::string key;               // e.g. "national_id", "name+birth_year"
  uint64_t blocks = 0;           // blocks with two or more records
  uint64_t pairs = 0;            // pairs this key produced (before removing pairs other keys also produced)
  uint64_t windowed_blocks = 0;  // blocks above max_block_size, compared with a sliding window
  uint64_t windowed_records = 0;
};

struct CandidatePairs {
  std::vector<uint64_t> pairs;  // (a << 32) | b with a < b, sorted, unique
  std::vector<BlockingKeyStats> stats;
};

inline uint32_t PairFirst(uint64_t p) { return static_cast<uint32_t>(p >> 32); }
inline uint32_t PairSecond(uint64_t p) { return static_cast<uint32_t>(p & 0xffffffffu); }
inline uint64_t MakePair(uint32_t a, uint32_t b) { return a < b ? (uint64_t{a} << 32) | b : (uint64_t{b} << 32) | a; }

CandidatePairs GenerateCandidatePairs(const EncodedRecords& records, const BlockingOptions& options);

}  // namespace kashf::resolve
