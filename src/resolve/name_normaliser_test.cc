#include "kashf/resolve/name_normaliser.h"

#include <gtest/gtest.h>

namespace kashf::resolve {
namespace {

const NameNormaliser& N() {
  static NameNormaliser n = [] {
    auto r = NameNormaliser::LoadDefault();
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return std::move(r).value();
  }();
  return n;
}

TEST(NameNormaliser, VariantsMapToOneCanonicalSpelling) {
  EXPECT_EQ(NameNormaliser::Join(N().Parse("Mohd Asif").tokens), "muhammad asif");
  EXPECT_EQ(NameNormaliser::Join(N().Parse("MUHAMMAD  ASIF").tokens), "muhammad asif");
  EXPECT_EQ(NameNormaliser::Join(N().Parse("M. Asif").tokens), "muhammad asif");
  EXPECT_EQ(NameNormaliser::Join(N().Parse("Abd-ul Rahman").tokens), "abdul rehman");
}

TEST(NameNormaliser, RelationMarkersSplitFatherAndHusband) {
  ParsedName p = N().Parse("Muhammad Asif s/o Ghulam Rasool");
  EXPECT_EQ(NameNormaliser::Join(p.tokens), "muhammad asif");
  EXPECT_EQ(NameNormaliser::Join(p.father), "ghulam rasool");
  ParsedName w = N().Parse("Mst. Nasrin Bibi W/O Tariq Mehmood");
  EXPECT_EQ(NameNormaliser::Join(w.tokens), "nasreen bibi");
  EXPECT_EQ(NameNormaliser::Join(w.spouse), "tariq mehmood");
  EXPECT_TRUE(w.father.empty());
  ParsedName d = N().Parse("Fatima daughter of Akram");
  EXPECT_EQ(NameNormaliser::Join(d.father), "akram");
}

TEST(NameNormaliser, TitlesAreDropped) {
  EXPECT_EQ(NameNormaliser::Join(N().Parse("Haji Mian Muhammad Aslam").tokens), "muhammad aslam");
  // "Ch." is a clan name here, not a title: kept, and written the same way in both scripts.
  EXPECT_EQ(NameNormaliser::Join(N().Parse("Ch. Aslam").tokens), "chaudhry aslam");
  EXPECT_EQ(NameNormaliser::Join(N().Parse("اسلم چوہدری").tokens), "aslam chaudhry");
}

TEST(NameNormaliser, UrduScriptReachesTheSameCanonicalTokens) {
  ParsedName p = N().Parse("محمد آصف ولد غلام رسول");
  EXPECT_EQ(NameNormaliser::Join(p.tokens), "muhammad asif");
  EXPECT_EQ(NameNormaliser::Join(p.father), "ghulam rasool");
}

TEST(NameNormaliser, UnlistedUrduIsTransliteratedToTheSameSkeleton) {
  ParsedName p = N().Parse("شکیل");  // "Shakeel": not in the variant table
  ASSERT_EQ(p.tokens.size(), 1u);
  EXPECT_TRUE(p.transliterated);
  EXPECT_EQ(NameNormaliser::Skeleton(p.tokens[0]), NameNormaliser::Skeleton("shakeel"));
  ParsedName q = N().Parse("پرویز مشرف");
  ASSERT_EQ(q.tokens.size(), 2u);
  EXPECT_EQ(NameNormaliser::Skeleton(q.tokens[0]), NameNormaliser::Skeleton("pervez"));
}

TEST(NameNormaliser, SkeletonMergesSpellings) {
  EXPECT_EQ(NameNormaliser::Skeleton("muhammad"), "mhmd");
  EXPECT_EQ(NameNormaliser::Skeleton("rasool"), NameNormaliser::Skeleton("rswl"));
  EXPECT_EQ(NameNormaliser::Skeleton("qasim"), NameNormaliser::Skeleton("kasim"));
  EXPECT_EQ(NameNormaliser::Skeleton("imran"), NameNormaliser::Skeleton("amran"));
  EXPECT_NE(NameNormaliser::Skeleton("asif"), NameNormaliser::Skeleton("arif"));
}

TEST(NameNormaliser, EmptyAndPunctuationOnly) {
  EXPECT_TRUE(N().Parse("").tokens.empty());
  EXPECT_TRUE(N().Parse(" ., - ").tokens.empty());
}

}  // namespace
}  // namespace kashf::resolve
