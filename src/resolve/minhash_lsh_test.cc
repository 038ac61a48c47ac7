#include "kashf/resolve/minhash_lsh.h"

#include <gtest/gtest.h>

#include <iostream>
#include <random>
#include <set>

#include "kashf/resolve/blocking.h"

namespace kashf::resolve {
namespace {

std::vector<uint64_t> RandomTokens(std::mt19937_64& rng, size_t n) {
  std::vector<uint64_t> t(n);
  for (auto& x : t) x = rng();
  return t;
}

// Two sets sharing `shared` tokens, each with `own` tokens of its own: Jaccard = shared / (shared + 2 own).
std::pair<std::vector<uint64_t>, std::vector<uint64_t>> PairWithJaccard(std::mt19937_64& rng, size_t shared,
                                                                        size_t own) {
  auto a = RandomTokens(rng, shared);
  auto b = a;
  for (uint64_t x : RandomTokens(rng, own)) a.push_back(x);
  for (uint64_t x : RandomTokens(rng, own)) b.push_back(x);
  return {a, b};
}

TEST(MinHashLsh, PaddedQGrams) {
  EXPECT_EQ(PaddedQGrams("ali"), (std::vector<std::string>{"#a", "al", "li", "i#"}));
  EXPECT_EQ(PaddedQGrams("a", 3), (std::vector<std::string>{"##a", "#a#", "a##"}));
  EXPECT_EQ(PaddedQGrams("", 2), (std::vector<std::string>{"##"}));
  const std::vector<std::string> name = {"ali", "ali"};
  EXPECT_EQ(QGramTokenSet(name).size(), 4u);  // duplicates fold
}

TEST(MinHashLsh, SignatureAgreementEstimatesJaccard) {
  std::mt19937_64 rng(3);
  auto [a, b] = PairWithJaccard(rng, 60, 20);  // Jaccard 0.6
  MinHashOptions o{.bands = 50, .rows = 20};
  const auto sa = MinHashSignature(a, o), sb = MinHashSignature(b, o);
  size_t equal = 0;
  for (size_t k = 0; k < sa.size(); ++k) equal += sa[k] == sb[k];
  EXPECT_NEAR(static_cast<double>(equal) / static_cast<double>(sa.size()), 0.6, 0.05);  // 1000 functions
}

// Serial reference for the banding: a pair is a candidate iff its two signatures agree on every row
// of at least one band (brute force over all pairs).
TEST(MinHashLsh, CandidatesAreExactlyThePairsAgreeingOnABand) {
  std::mt19937_64 rng(11);
  std::vector<std::vector<uint64_t>> sets;
  for (int i = 0; i < 40; ++i) {
    auto [a, b] = PairWithJaccard(rng, 6, 1 + i % 4);
    sets.push_back(a);
    sets.push_back(b);
  }
  sets.emplace_back();  // an empty set takes no part
  const MinHashOptions o{.bands = 6, .rows = 2, .max_bucket = 1000};
  std::vector<std::vector<uint64_t>> sig;
  for (const auto& s : sets) sig.push_back(MinHashSignature(s, o));
  std::set<uint64_t> expected;
  for (uint32_t a = 0; a + 1 < sets.size(); ++a)
    for (uint32_t b = a + 1; b + 1 < sets.size(); ++b)
      for (uint32_t band = 0; band < o.bands; ++band) {
        bool all = true;
        for (uint32_t r = 0; r < o.rows; ++r) all = all && sig[a][band * o.rows + r] == sig[b][band * o.rows + r];
        if (all) expected.insert(MakePair(a, b));
      }
  ASSERT_FALSE(expected.empty());
  EXPECT_EQ(MinHashCandidatePairs(sets, o).pairs, std::vector<uint64_t>(expected.begin(), expected.end()));
}

// Over 400 synthetic pairs of Jaccard 0.8 and 400 of Jaccard 0.2 among unrelated records, with the
// default 20 bands × 5 rows: measured 400/400 (recall 1.0) of the 0.8 pairs and 1/400 of the 0.2 pairs
// (theory: 0.9997 and 0.006). Two threads give exactly the serial result.
TEST(MinHashLsh, FindsSimilarPairsAndRarelyDissimilarOnes) {
  std::mt19937_64 rng(2024);
  std::vector<std::vector<uint64_t>> sets;
  std::vector<uint64_t> high, low;
  for (int i = 0; i < 400; ++i) {
    auto [a, b] = PairWithJaccard(rng, 40, 5);  // 40 / 50 = 0.8
    high.push_back(MakePair(static_cast<uint32_t>(sets.size()), static_cast<uint32_t>(sets.size() + 1)));
    sets.push_back(a);
    sets.push_back(b);
    auto [c, d] = PairWithJaccard(rng, 10, 20);  // 10 / 50 = 0.2
    low.push_back(MakePair(static_cast<uint32_t>(sets.size()), static_cast<uint32_t>(sets.size() + 1)));
    sets.push_back(c);
    sets.push_back(d);
  }
  const MinHashOptions serial;
  const auto result = MinHashCandidatePairs(sets, serial);
  const std::set<uint64_t> found(result.pairs.begin(), result.pairs.end());
  size_t high_found = 0, low_found = 0;
  for (uint64_t p : high) high_found += found.count(p);
  for (uint64_t p : low) low_found += found.count(p);
  EXPECT_GE(high_found, 396u);                                  // recall >= 0.99
  EXPECT_LE(low_found, 12u);                                    // <= 3 %
  EXPECT_LE(result.pairs.size(), high_found + low_found + 20);  // unrelated records (Jaccard 0) stay apart
  std::cout << "Jaccard 0.8 found " << high_found << "/400, Jaccard 0.2 found " << low_found << "/400\n";

  MinHashOptions parallel = serial;
  parallel.threads = 2;
  EXPECT_EQ(MinHashCandidatePairs(sets, parallel).pairs, result.pairs);
}

TEST(MinHashLsh, OversizedBucketsAreCountedNotExpanded) {
  std::mt19937_64 rng(5);
  const auto common = RandomTokens(rng, 10);
  std::vector<std::vector<uint64_t>> sets(30, common);
  const auto capped = MinHashCandidatePairs(sets, {.bands = 4, .rows = 2, .max_bucket = 29});
  EXPECT_TRUE(capped.pairs.empty());
  EXPECT_EQ(capped.oversized_buckets, 4u);
  EXPECT_EQ(capped.oversized_records, 4u * 30);
  EXPECT_EQ(MinHashCandidatePairs(sets, {.bands = 4, .rows = 2, .max_bucket = 30}).pairs.size(), 30u * 29 / 2);
}

TEST(MinHashLsh, NameTyposMeetThroughQGrams) {
  const std::vector<std::string> names[] = {{"catherine", "jones"}, {"katherine", "jones"}, {"muhammad", "asif"}};
  std::vector<std::vector<uint64_t>> sets;
  for (const auto& n : names) sets.push_back(QGramTokenSet(n));
  const auto pairs = MinHashCandidatePairs(sets, {}).pairs;
  EXPECT_EQ(pairs, std::vector<uint64_t>{MakePair(0, 1)});
}

TEST(MinHashLsh, FirstNewKeepsOnlyPairsTouchingNewRecords) {
  std::vector<std::vector<uint64_t>> sets(4, std::vector<uint64_t>{1, 2, 3});
  EXPECT_EQ(MinHashCandidatePairs(sets, {.first_new = 3}).pairs,
            (std::vector<uint64_t>{MakePair(0, 3), MakePair(1, 3), MakePair(2, 3)}));
}

}  // namespace
}  // namespace kashf::resolve
