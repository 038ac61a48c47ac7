#include "kashf/text/shingles.h"

#include <gtest/gtest.h>

namespace kashf::text {
namespace {

TEST(Shingles, BaseIsTheNormalisedWordsInLowerCase) {
  EXPECT_EQ(ShingleBase("Saudi  JOBS!!\nVisa, ticket..."), "saudi jobs visa ticket");
  // Urdu digits and a zero-width space inside a number read as the extractors read them.
  EXPECT_EQ(ShingleBase("Call ۰۳۰۰\u200B123"), "call 0300123");
  EXPECT_EQ(ShingleBase(" ... "), "");
}

TEST(Shingles, SpacingPunctuationAndCaseDoNotChangeTheSet) {
  EXPECT_EQ(Shingles("Driver jobs in Dubai. Salary 80k!"), Shingles("driver   JOBS in dubai salary 80k"));
  EXPECT_NE(Shingles("driver jobs in dubai"), Shingles("nurse jobs in dubai"));
}

TEST(Shingles, CountCodePointsNotBytes) {
  // "نوکری" is five Urdu letters (ten bytes): one 5-shingle, not six byte windows.
  EXPECT_EQ(Shingles("نوکری").size(), 1u);
  EXPECT_EQ(Shingles("abcdef").size(), 2u);
  EXPECT_EQ(Shingles("abc").size(), 1u);  // shorter than k: the whole text
  EXPECT_TRUE(Shingles("!!").empty());
}

TEST(Shingles, JaccardOfSortedSets) {
  EXPECT_DOUBLE_EQ(Jaccard({1, 2, 3}, {2, 3, 4}), 0.5);
  EXPECT_DOUBLE_EQ(Jaccard({1, 2}, {1, 2}), 1.0);
  EXPECT_DOUBLE_EQ(Jaccard({}, {}), 0.0);
  EXPECT_DOUBLE_EQ(Jaccard({1}, {}), 0.0);
}

}  // namespace
}  // namespace kashf::text
