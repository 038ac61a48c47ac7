// Sorted neighbourhood blocking (Hernández & Stolfo 1995, "The merge/purge problem for large
// databases"): the records are sorted by one key each, and every record is paired with the records
// at most `window` positions after it in that order, so near-equal keys (one typo near the end of a
// name, a missing last token) meet at linear cost instead of needing an identical blocking key.
// Contract:
//   - keys[i] is record i's sort key; a record with an empty key takes no part.
//   - Order is by (key bytes, record index): ties between equal keys are broken by index, so the
//     result never depends on the sort's stability or the platform.
//   - Record at sorted position p is paired with positions p+1 .. p+window (window 0: no pairs).
//   - Pairs are MakePair(a, b) values ((a << 32) | b, a < b), sorted ascending and unique.
//   - With first_new > 0 (incremental linking) only pairs with at least one index >= first_new are
//     returned; the window itself is unchanged (old records still occupy positions).
// Thread safety: pure function.
#pragma once
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace kashf::resolve {

struct SortedNeighbourhoodOptions {
  size_t window = 8;     // neighbours after each record in key order
  size_t first_new = 0;  // only pairs touching an index >= first_new
};

std::vector<uint64_t> SortedNeighbourhoodPairs(std::span<const std::string> keys,
                                               const SortedNeighbourhoodOptions& options);

}  // namespace kashf::resolve
