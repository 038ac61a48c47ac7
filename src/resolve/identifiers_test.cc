#include "kashf/resolve/identifiers.h"

#include <gtest/gtest.h>

namespace kashf::resolve {
namespace {

TEST(Identifiers, NationalIdDigitsAndChecks) {
  auto id = ParseNationalId("35202-1234567-1");
  ASSERT_TRUE(id.has_value());
  EXPECT_EQ(id->digits, 3520212345671ull);
  EXPECT_EQ(id->length, 13);
  EXPECT_TRUE(id->checks_ok);
  EXPECT_EQ(id->sex_digit, 1);
  EXPECT_EQ(ParseNationalId("3520212345671")->digits, id->digits);
  EXPECT_FALSE(ParseNationalId("05202-1234567-2")->checks_ok);
  EXPECT_FALSE(ParseNationalId("3520A-1234567-1").has_value());
  EXPECT_FALSE(ParseNationalId("12").has_value());
}

TEST(Identifiers, PhonesToE164) {
  EXPECT_EQ(ParsePhoneE164("0300-1234567"), 923001234567ull);
  EXPECT_EQ(ParsePhoneE164("+92 300 1234567"), 923001234567ull);
  EXPECT_EQ(ParsePhoneE164("0092-300-1234567"), 923001234567ull);
  EXPECT_EQ(ParsePhoneE164("3001234567"), 923001234567ull);
  EXPECT_EQ(ParsePhoneE164("+44 20 7946 0958"), 442079460958ull);
  EXPECT_EQ(ParsePhoneE164("020 7946 0958", "44"), 442079460958ull);
  EXPECT_FALSE(ParsePhoneE164("12345").has_value());
  EXPECT_FALSE(ParsePhoneE164("").has_value());
}

TEST(Identifiers, PartialDates) {
  auto d = ParsePartialDate("1985");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->precision(), 1);
  EXPECT_EQ(ParsePartialDate("03/04/1985")->month, 4);
  EXPECT_EQ(ParsePartialDate("1985-04")->precision(), 2);
  EXPECT_EQ(ParsePartialDate("1985-04-03")->day, 3);
  EXPECT_FALSE(ParsePartialDate("31/02/1985").has_value());
  EXPECT_FALSE(ParsePartialDate("yesterday").has_value());
}

TEST(Identifiers, DigitEditsCountsSubstitutionsAndTranspositions) {
  EXPECT_EQ(DigitEdits(3520212345671ull, 3520212345671ull, 13), 0);
  EXPECT_EQ(DigitEdits(3520212345671ull, 3520212345971ull, 13), 1);
  EXPECT_EQ(DigitEdits(3520212345671ull, 3520212346571ull, 13), 1);  // 56 -> 65
  EXPECT_EQ(DigitEdits(3520212345671ull, 3520299345671ull, 13), 2);
  EXPECT_EQ(DigitEdits(3520212345671ull, 13520212345671ull, 13), 99);
}

}  // namespace
}  // namespace kashf::resolve
