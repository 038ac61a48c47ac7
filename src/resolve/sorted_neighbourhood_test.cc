#include "kashf/resolve/sorted_neighbourhood.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <set>

#include "kashf/resolve/blocking.h"

namespace kashf::resolve {
namespace {

// Serial reference: brute force over every pair, each record's rank in (key, index) order computed
// by counting, pair kept when the ranks differ by 1..window.
std::vector<uint64_t> Reference(const std::vector<std::string>& keys, size_t window, size_t first_new) {
  auto rank = [&](uint32_t i) {
    size_t r = 0;
    for (uint32_t j = 0; j < keys.size(); ++j)
      if (!keys[j].empty() && (keys[j] < keys[i] || (keys[j] == keys[i] && j < i))) ++r;
    return r;
  };
  std::set<uint64_t> out;
  for (uint32_t a = 0; a < keys.size(); ++a)
    for (uint32_t b = a + 1; b < keys.size(); ++b) {
      if (keys[a].empty() || keys[b].empty() || b < first_new) continue;
      const size_t ra = rank(a), rb = rank(b);
      const size_t gap = ra > rb ? ra - rb : rb - ra;
      if (gap >= 1 && gap <= window) out.insert(MakePair(a, b));
    }
  return {out.begin(), out.end()};
}

TEST(SortedNeighbourhood, NearKeysMeetAndFarKeysDoNot) {
  // "smith john" and "smyth john" sort next to each other although they share no exact key.
  const std::vector<std::string> keys = {"smith john", "adams mary", "smyth john", "", "zulu kilo"};
  const auto pairs = SortedNeighbourhoodPairs(keys, {.window = 1});
  // Order: adams mary(1), smith john(0), smyth john(2), zulu kilo(4); record 3 has no key.
  EXPECT_EQ(pairs, (std::vector<uint64_t>{MakePair(0, 1), MakePair(0, 2), MakePair(2, 4)}));
  EXPECT_TRUE(SortedNeighbourhoodPairs(keys, {.window = 0}).empty());
}

TEST(SortedNeighbourhood, EqualKeysAreOrderedByIndex) {
  const std::vector<std::string> keys = {"b", "a", "b", "a", "b"};
  // Order: a(1) a(3) b(0) b(2) b(4); with window 1 only adjacent positions pair up.
  EXPECT_EQ(SortedNeighbourhoodPairs(keys, {.window = 1}),
            (std::vector<uint64_t>{MakePair(0, 2), MakePair(0, 3), MakePair(1, 3), MakePair(2, 4)}));
}

TEST(SortedNeighbourhood, MatchesTheBruteForceReferenceOnRandomKeys) {
  std::mt19937 rng(7);
  for (int round = 0; round < 20; ++round) {
    std::vector<std::string> keys(60 + round * 7);
    for (auto& k : keys) {
      const int len = static_cast<int>(rng() % 4);  // short keys over a small alphabet: many ties
      for (int c = 0; c < len; ++c) k.push_back(static_cast<char>('a' + rng() % 3));
    }
    const size_t window = rng() % 6;
    const size_t first_new = round % 2 ? keys.size() / 2 : 0;
    EXPECT_EQ(SortedNeighbourhoodPairs(keys, {.window = window, .first_new = first_new}),
              Reference(keys, window, first_new))
        << "round " << round << " window " << window;
  }
}

TEST(SortedNeighbourhood, FirstNewKeepsOnlyPairsTouchingNewRecords) {
  const std::vector<std::string> keys = {"a", "b", "c", "d"};
  EXPECT_EQ(SortedNeighbourhoodPairs(keys, {.window = 3, .first_new = 3}),
            (std::vector<uint64_t>{MakePair(0, 3), MakePair(1, 3), MakePair(2, 3)}));
}

}  // namespace
}  // namespace kashf::resolve
