#include "kashf/firearms/serial_search.h"

#include <gtest/gtest.h>

#include <random>

#include "kashf/firearms/firearm_reference.h"
#include "kashf/firearms/lifecycle_rules.h"
#include "kashf/firearms/registry_generator.h"

namespace kashf::firearms {
namespace {

const std::string& Fold() {
  static std::string f = std::move(FirearmReference::LoadDefault()).value().ConfusableFold();
  return f;
}

SerialIndex Small() {
  SerialIndex idx(Fold());
  idx.Add({1, "AB12345", "Glock", "9mm"});
  idx.Add({2, "AB12845", "Beretta", "9mm"});
  idx.Add({3, "ab-12-3-4-5", "Glock", ".32 ACP"});  // same normalised serial as 1
  idx.Add({4, "A812345", "Glock", "9mm"});          // B read as 8: a near miss for AB12345
  idx.Add({5, "XYZ999", "Norinco", "7.62x39mm"});
  idx.Add({6, "Q12AB12345", "CZ", "9mm"});
  idx.Build();
  return idx;
}

std::vector<int64_t> Ids(const std::vector<SerialCandidate>& c) {
  std::vector<int64_t> out;
  for (const auto& x : c) out.push_back(x.id);
  return out;
}

TEST(SerialSearch, UnknownCharacterRankedByExactnessThenSerial) {
  SerialIndex idx = Small();
  SerialQuery q;
  q.pattern = "AB12?45";
  auto r = idx.Search(q);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  // 1, 2, 3 match exactly on every readable character; 4 has 8 for B (a confusable near miss).
  EXPECT_EQ(Ids(*r), (std::vector<int64_t>{1, 3, 2, 4}));
  EXPECT_EQ((*r)[0].exact_chars, 6);
  EXPECT_EQ((*r)[3].exact_chars, 5);
  EXPECT_EQ((*r)[3].confusable_chars, 1);
  EXPECT_GT((*r)[2].score, (*r)[3].score);
}

TEST(SerialSearch, StarMatchesAnyRunAndAnchorsHold) {
  SerialIndex idx = Small();
  SerialQuery q;
  q.pattern = "*12345";
  EXPECT_EQ(Ids(*idx.Search(q)), (std::vector<int64_t>{4, 1, 3, 6}));  // equal scores: by serial
  q.pattern = "AB*";
  EXPECT_EQ(Ids(*idx.Search(q)), (std::vector<int64_t>{1, 3, 2, 4}));  // not 6: AB is not at its start
  q.pattern = "Q*5";
  EXPECT_EQ(Ids(*idx.Search(q)), (std::vector<int64_t>{6}));
}

TEST(SerialSearch, MakeAndCalibreRestrictOrRank) {
  SerialIndex idx = Small();
  SerialQuery q;
  q.pattern = "AB12?45";
  q.make = "glock";
  q.calibre = "9mm";
  EXPECT_EQ(Ids(*idx.Search(q)), (std::vector<int64_t>{1, 4}));
  q.restrict_to_make_calibre = false;
  auto soft = *idx.Search(q);
  EXPECT_EQ(Ids(soft), (std::vector<int64_t>{1, 4, 3, 2}));  // agreement outranks one near miss
  EXPECT_TRUE(soft[0].make_agrees && soft[0].calibre_agrees);
  q.restrict_to_make_calibre = true;
  q.make = "Unknown maker";
  EXPECT_TRUE(idx.Search(q)->empty());
}

TEST(SerialSearch, ScatteredCharactersUseThePositionalIndexAndOnlyFreeRunsScan) {
  SerialIndex idx = Small();
  SerialQuery q;
  SerialSearchStats st;
  q.pattern = "X?Z???";  // no trigram, but X and Z sit at fixed offsets from the start
  EXPECT_EQ(Ids(*idx.Search(q, &st)), (std::vector<int64_t>{5}));
  EXPECT_TRUE(st.used_index);
  EXPECT_EQ(st.candidates_verified, 1u);
  q.pattern = "*3?5";                                                       // offsets from the end
  EXPECT_EQ(Ids(*idx.Search(q, &st)), (std::vector<int64_t>{4, 1, 3, 6}));  // equal scores: serial order
  EXPECT_TRUE(st.used_index);
  q.pattern = "*9*";  // nothing at a fixed place and no trigram: a scan of the rows
  EXPECT_EQ(Ids(*idx.Search(q, &st)), (std::vector<int64_t>{5}));
  EXPECT_FALSE(st.used_index);
  EXPECT_EQ(st.candidates_verified, 6u);
}

TEST(SerialSearch, RefusesUnusablePatterns) {
  SerialIndex idx = Small();
  SerialQuery q;
  q.pattern = "??*";
  EXPECT_NE(idx.Search(q).status().message().find("no readable letter or digit"), std::string::npos);
  q.pattern = "AB#1";
  EXPECT_NE(idx.Search(q).status().message().find("the character '#'"), std::string::npos);
  SerialIndex unbuilt(Fold());
  q.pattern = "AB1";
  EXPECT_EQ(unbuilt.Search(q).status().code(), StatusCode::kFailedPrecondition);
}

// The index returns exactly what the brute-force scan returns, on generated serials with
// obliterated characters, confusable substitutions and '*' runs.
TEST(SerialSearch, AgreesWithBruteForceOnGeneratedSerials) {
  auto rules = std::move(LifecycleRules::LoadDefault()).value();
  GeneratorOptions o;
  o.count = 10000;  // small enough for the ASan build (the scan runs 400 times)
  o.seed = 11;
  auto gen = std::move(RegistryGenerator::Create(o, rules)).value();
  auto records = gen.GenerateSerials();
  SerialIndex idx(Fold());
  for (const auto& r : records) idx.Add(r);
  idx.Build();
  std::mt19937 rng(5);
  const std::string swaps = "O0I1S5B8";
  size_t verified = 0, nonempty = 0, unreadable = 0;
  for (int t = 0; t < 400; ++t) {
    const SerialRecord& src = records[rng() % records.size()];
    std::string p;
    for (char c : src.serial) {
      if (c == '-') continue;
      unsigned roll = rng() % 10;
      if (roll == 0 || (t % 8 == 5 && roll < 5)) p += '?';  // every 8th pattern: about half unreadable
      else if (roll == 1 && swaps.find(c) != std::string::npos) p += swaps[swaps.find(c) ^ 1];
      else p += c;
    }
    if (t % 4 == 1) p = "*" + p.substr(p.size() / 2);
    if (t % 4 == 2) p = p.substr(0, p.size() / 2) + "*";
    if (t % 4 == 3) p = p.substr(0, 2) + "*" + p.substr(p.size() - 3);
    SerialQuery q;
    q.pattern = p;
    q.limit = 1000000;
    if (t % 5 == 0) q.make = src.make;
    if (t % 7 == 0) {
      q.calibre = src.calibre;
      q.restrict_to_make_calibre = false;
    }
    SerialSearchStats st;
    auto fast = idx.Search(q, &st);
    auto slow = idx.BruteForce(q);
    if (!slow.ok()) {  // e.g. a half-unreadable pattern left with no letter or digit
      EXPECT_FALSE(fast.ok()) << p;
      ++unreadable;
      continue;
    }
    ASSERT_TRUE(fast.ok()) << p << ": " << fast.status().ToString();
    ASSERT_EQ(fast->size(), slow->size()) << p;
    for (size_t i = 0; i < fast->size(); ++i) {
      EXPECT_EQ((*fast)[i].id, (*slow)[i].id) << p;
      EXPECT_EQ((*fast)[i].score, (*slow)[i].score) << p;
    }
    bool found_source = false;
    for (const auto& c : *fast) found_source |= c.id == src.id;
    EXPECT_TRUE(found_source) << "the weapon the pattern came from must be a candidate: " << p << " from "
                              << src.serial;
    if (t % 4 == 0) verified += st.candidates_verified;  // whole-length patterns with unknown characters
    nonempty += fast->empty() ? 0 : 1;
  }
  EXPECT_EQ(nonempty + unreadable, 400u);
  EXPECT_LT(unreadable, 20u);
  // For whole-length patterns the index verifies well under 1 % of the rows per query.
  EXPECT_LT(verified, 100u * records.size() / 100) << verified;
}

}  // namespace
}  // namespace kashf::firearms
