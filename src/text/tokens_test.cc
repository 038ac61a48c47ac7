#include "tokens.h"

#include <gtest/gtest.h>

namespace kashf::text {
namespace {

TEST(Tokens, WordsOfAnyScriptAndSingleSymbols) {
  const TokenisedText t("Rs.500 لاہور\nok");
  ASSERT_EQ(t.size(), 5u);
  EXPECT_EQ(t.View(0), "Rs");
  EXPECT_TRUE(t.Is(1, '.'));
  EXPECT_TRUE(t[2].digits);
  EXPECT_EQ(t.View(3), "لاہور");
  EXPECT_TRUE(t[4].line_before);
}

TEST(PhraseTable, JoinersAreSkippedAndTheLongestPhraseWins) {
  PhraseTable p;
  p.Add("AK-47", 1);
  p.Add("Mirpur", 2);
  p.Add("Mirpur Khas", 3);
  EXPECT_EQ(PhraseKey(".30 Bore"), "30 bore");
  const TokenisedText a("buy ak 47 now");
  ASSERT_TRUE(p.LongestAt(a, 1));
  EXPECT_EQ(p.LongestAt(a, 1)->payload, 1);
  EXPECT_EQ(p.LongestAt(a, 1)->last, 2u);
  const TokenisedText b("mirpur khas");
  EXPECT_EQ(p.LongestAt(b, 0)->payload, 3);
  const TokenisedText c("Mirpur\nKhas");  // not across a line break
  EXPECT_EQ(p.LongestAt(c, 0)->payload, 2);
  EXPECT_FALSE(p.LongestAt(c, 1));
}

}  // namespace
}  // namespace kashf::text
