#include "kashf/text/normalised_text.h"

#include <gtest/gtest.h>

namespace kashf::text {
namespace {

TEST(NormalisedText, FoldsDigitsOfEveryScriptAndMapsBack) {
  const std::string original = "رابطہ ۰۳۰۰";  // Urdu digits are two bytes each
  const NormalisedText n(original);
  const size_t at = n.str().find("0300");
  ASSERT_NE(at, std::string::npos);
  EXPECT_EQ(original.substr(n.OriginalBegin(at), n.OriginalEnd(at + 4) - n.OriginalBegin(at)), "۰۳۰۰");
  EXPECT_EQ(NormalisedText("٠١٢٣٤٥٦٧٨٩").str(), "0123456789");
  EXPECT_EQ(NormalisedText("１２３").str(), "123");  // full-width
}

TEST(NormalisedText, DropsInvisibleMarksAndKeepsSpansWhole) {
  const std::string original = "03\u200b00\u200f-\u2013x";
  const NormalisedText n(original);
  EXPECT_EQ(n.str(), "0300--x");
  // The span of "0300" covers the zero-width space inside it.
  EXPECT_EQ(n.OriginalBegin(0), 0u);
  EXPECT_EQ(n.OriginalEnd(4), original.find("\u200f"));
}

TEST(NormalisedText, SpacesPunctuationAndArabicLetterForms) {
  EXPECT_EQ(NormalisedText("a\u00a0b\tc\u2028d").str(), "a b c\nd");
  EXPECT_EQ(NormalisedText("۳۵٬۰۰۰٫۵۔").str(), "35,000.5.");
  EXPECT_EQ(NormalisedText("ي ك ه").str(), "ی ک ہ");  // Arabic yeh, kaf, heh typed for Urdu
}

TEST(NormalisedText, InvalidUtf8BecomesOneQuestionMarkPerByte) {
  const std::string original = std::string("a\xff\xfe") + "b";
  const NormalisedText n(original);
  EXPECT_EQ(n.str(), "a??b");
  EXPECT_EQ(n.OriginalBegin(3), 3u);
}

}  // namespace
}  // namespace kashf::text
