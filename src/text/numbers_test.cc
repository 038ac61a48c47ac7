// Phones, CNICs, wallets and account numbers in text (numbers.cc).
#include "text_test_util.h"

namespace kashf::text {
namespace {

TEST(Phones, PakistaniFormatsWithSpacesDashesAndPrefixes) {
  EXPECT_THAT(Find("call 0300-1234567 now", "phone"), ElementsAre(Found{"phone", "0300-1234567", "+923001234567"}));
  EXPECT_THAT(Find("call 0300 123 4567", "phone"), ElementsAre(Found{"phone", "0300 123 4567", "+923001234567"}));
  EXPECT_THAT(Find("+92 300 1234567", "phone"), ElementsAre(Found{"phone", "+92 300 1234567", "+923001234567"}));
  EXPECT_THAT(Find("0092-300-1234567", "phone"), ElementsAre(Found{"phone", "0092-300-1234567", "+923001234567"}));
  EXPECT_THAT(Find("923001234567", "phone"), ElementsAre(Found{"phone", "923001234567", "+923001234567"}));
  EXPECT_THAT(Find("(042) 3555-1234", "phone"), ElementsAre(Found{"phone", "042) 3555-1234", "+924235551234"}));
  EXPECT_THAT(Find("Tel 051-5552233", "phone"), ElementsAre(Found{"phone", "051-5552233", "+92515552233"}));
}

TEST(Phones, UrduAndArabicDigitsAndInvisibleMarks) {
  EXPECT_THAT(Find("رابطہ ۰۳۰۰۱۲۳۴۵۶۷ پر", "phone"), ElementsAre(Found{"phone", "۰۳۰۰۱۲۳۴۵۶۷", "+923001234567"}));
  EXPECT_THAT(Find("٠٣٠٠١٢٣٤٥٦٧", "phone"), ElementsAre(Found{"phone", "٠٣٠٠١٢٣٤٥٦٧", "+923001234567"}));
  // Zero-width space and right-to-left mark inside the number are read through.
  EXPECT_THAT(Find("0300\u200b123\u200b4567", "phone"),
              ElementsAre(Found{"phone", "0300\u200b123\u200b4567", "+923001234567"}));
  EXPECT_THAT(Find("+92\u200f300\u200e1234567", "phone"),
              ElementsAre(Found{"phone", "+92\u200f300\u200e1234567", "+923001234567"}));
}

TEST(Phones, SpeltOutInEnglishRomanUrduAndUrdu) {
  EXPECT_THAT(Find("zero three zero zero one two three four five six seven", "phone"),
              ElementsAre(Found{"phone", "zero three zero zero one two three four five six seven", "+923001234567"}));
  EXPECT_THAT(
      Find("sifar teen sifar sifar aik do teen chaar paanch chay saat", "phone"),
      ElementsAre(Found{"phone", "sifar teen sifar sifar aik do teen chaar paanch chay saat", "+923001234567"}));
  EXPECT_THAT(Find("صفر تین صفر صفر ایک دو تین چار پانچ چھ سات", "phone"),
              ElementsAre(Found{"phone", "صفر تین صفر صفر ایک دو تین چار پانچ چھ سات", "+923001234567"}));
  // Mixed digits and words, "double".
  EXPECT_THAT(Find("0300 one two three double four 67", "phone"),
              ElementsAre(Found{"phone", "0300 one two three double four 67", "+923001234467"}));
}

TEST(Phones, InternationalThroughThePhoneNormaliser) {
  EXPECT_THAT(Find("+971 50 555 0199", "phone"), ElementsAre(Found{"phone", "+971 50 555 0199", "+971505550199"}));
  EXPECT_THAT(Find("00971505550199", "phone"), ElementsAre(Found{"phone", "00971505550199", "+971505550199"}));
}

TEST(Phones, AdjacentNumbersAndWordsDoNotGlue) {
  // A price after the number, a digit word before it, two numbers with a slash.
  EXPECT_THAT(Find("0300 1234567 5000", "phone"), ElementsAre(Found{"phone", "0300 1234567", "+923001234567"}));
  EXPECT_THAT(Find("mujhe do 0300-1234567", "phone"), ElementsAre(Found{"phone", "0300-1234567", "+923001234567"}));
  EXPECT_THAT(Find("0300-1234567/0321-7654321", "phone"), ElementsAre(Found{"phone", "0300-1234567", "+923001234567"},
                                                                      Found{"phone", "0321-7654321", "+923217654321"}));
}

TEST(Phones, Negatives) {
  EXPECT_THAT(FindAll("Order 1234567890123456, tracking 55512345678, room 303, 10:30"), IsEmpty());
  EXPECT_THAT(Find("12345", "phone"), IsEmpty());
  EXPECT_THAT(Find("do teen char", "phone"), IsEmpty());  // number words alone are not a number
  EXPECT_THAT(Find("0300-12345678901", "phone"), IsEmpty());
}

TEST(Cnic, DashedSpacedAndBareAndNotAPhone) {
  EXPECT_THAT(FindAll("CNIC 35202-1234567-1"), ElementsAre(Found{"cnic", "35202-1234567-1", "35202-1234567-1"}));
  EXPECT_THAT(FindAll("35202 1234567 1"), ElementsAre(Found{"cnic", "35202 1234567 1", "35202-1234567-1"}));
  EXPECT_THAT(FindAll("3520212345671"), ElementsAre(Found{"cnic", "3520212345671", "35202-1234567-1"}));
  // Region digit 0 does not exist; 5-6-2 grouping is not a CNIC either.
  EXPECT_THAT(FindAll("05202-1234567-1"), IsEmpty());
  EXPECT_THAT(FindAll("35202-123456-12"), IsEmpty());
}

TEST(Wallets, CueBeforeOrAfterTypesTheMobileNumber) {
  EXPECT_THAT(FindAll("easypaisa 0345-5550777"), ElementsAre(Found{"wallet", "0345-5550777", "+923455550777"}));
  EXPECT_THAT(FindAll("0345-5550777 jazz cash pe"), ElementsAre(Found{"wallet", "0345-5550777", "+923455550777"}));
  EXPECT_THAT(FindAll("ایزی پیسہ نمبر ۰۳۴۵۵۵۵۰۷۷۷"), ElementsAre(Found{"wallet", "۰۳۴۵۵۵۵۰۷۷۷", "+923455550777"}));
  auto found = testing::DefaultExtractor().Extract("send via JazzCash 0312 5550987");
  ASSERT_TRUE(found.ok());
  ASSERT_EQ(found->size(), 1u);
  EXPECT_EQ(found->front().attributes.at("provider"), "jazzcash");
  // A landline beside a wallet word stays a phone; a wallet word on another line does not count.
  EXPECT_THAT(FindAll("easypaisa\n0345-5550777"), ElementsAre(Found{"phone", "0345-5550777", "+923455550777"}));
}

TEST(Accounts, LongNumberAfterAnAccountCue) {
  EXPECT_THAT(FindAll("HBL account 0012-7788990011-03"),
              ElementsAre(Found{"account", "0012-7788990011-03", "0012778899001103"}));
  EXPECT_THAT(FindAll("a/c no 1234 5678 9012"), ElementsAre(Found{"account", "1234 5678 9012", "123456789012"}));
  // Without a cue a long number is nothing; a short one after a cue is nothing.
  EXPECT_THAT(FindAll("ref 0012-7788990011-03"), IsEmpty());
  EXPECT_THAT(FindAll("account 1234"), IsEmpty());
}

}  // namespace
}  // namespace kashf::text
