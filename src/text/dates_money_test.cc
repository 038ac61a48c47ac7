// Dates (dates.cc) and money (money.cc), and that neither takes the other's text.
#include "text_test_util.h"

namespace kashf::text {
namespace {

TEST(Dates, NumericDayFirstIsoAndTwoDigitYears) {
  EXPECT_THAT(FindAll("on 14/02/2024"), ElementsAre(Found{"date", "14/02/2024", "2024-02-14"}));
  EXPECT_THAT(FindAll("on 1-5-2024"), ElementsAre(Found{"date", "1-5-2024", "2024-05-01"}));
  EXPECT_THAT(FindAll("on 2024-04-15"), ElementsAre(Found{"date", "2024-04-15", "2024-04-15"}));
  EXPECT_THAT(FindAll("on 12.03.24"), ElementsAre(Found{"date", "12.03.24", "2024-03-12"}));
  EXPECT_THAT(FindAll("تاریخ ۲۳/۰۷/۲۰۲۳"), ElementsAre(Found{"date", "۲۳/۰۷/۲۰۲۳", "2023-07-23"}));
}

TEST(Dates, MonthNamesInEnglishAndUrdu) {
  EXPECT_THAT(FindAll("12th March 2024"), ElementsAre(Found{"date", "12th March 2024", "2024-03-12"}));
  EXPECT_THAT(FindAll("March 3, 2023"), ElementsAre(Found{"date", "March 3, 2023", "2023-03-03"}));
  EXPECT_THAT(FindAll("12 مارچ 2024 کو"), ElementsAre(Found{"date", "12 مارچ 2024", "2024-03-12"}));
  EXPECT_THAT(FindAll("for Mar 2024"), ElementsAre(Found{"date", "Mar 2024", "2024-03"}));
}

TEST(Dates, ImpossibleDatesAndLawSectionsAreNotDates) {
  EXPECT_THAT(FindAll("31/02/2024"), IsEmpty());
  EXPECT_THAT(FindAll("Section 13/20/65"), IsEmpty());
  EXPECT_THAT(Find("5th floor", "date"), IsEmpty());
}

TEST(Money, CurrencyBeforeOrAfterWithGrouping) {
  EXPECT_THAT(FindAll("Rs. 85,000"), ElementsAre(Found{"money", "Rs. 85,000", "PKR 85000"}));
  EXPECT_THAT(FindAll("Rs.500"), ElementsAre(Found{"money", "Rs.500", "PKR 500"}));
  EXPECT_THAT(FindAll("4,50,000 rupay"), ElementsAre(Found{"money", "4,50,000 rupay", "PKR 450000"}));
  EXPECT_THAT(FindAll("$1,200.50"), ElementsAre(Found{"money", "$1,200.50", "USD 1200.5"}));
  EXPECT_THAT(FindAll("850$"), ElementsAre(Found{"money", "850$", "USD 850"}));
  EXPECT_THAT(FindAll("2500 AED"), ElementsAre(Found{"money", "2500 AED", "AED 2500"}));
  EXPECT_THAT(FindAll("1,25,000 روپے"), ElementsAre(Found{"money", "1,25,000 روپے", "PKR 125000"}));
  EXPECT_THAT(FindAll("۳۵٬۰۰۰ روپے"), ElementsAre(Found{"money", "۳۵٬۰۰۰ روپے", "PKR 35000"}));
}

TEST(Money, LakhCroreHazarKAndSlashDash) {
  EXPECT_THAT(FindAll("3.5 lakh"), ElementsAre(Found{"money", "3.5 lakh", "PKR 350000"}));
  EXPECT_THAT(FindAll("do lakh"), ElementsAre(Found{"money", "do lakh", "PKR 200000"}));
  EXPECT_THAT(FindAll("1.25 crore"), ElementsAre(Found{"money", "1.25 crore", "PKR 12500000"}));
  EXPECT_THAT(FindAll("۵۰ ہزار"), ElementsAre(Found{"money", "۵۰ ہزار", "PKR 50000"}));
  EXPECT_THAT(FindAll("Rs 420k"), ElementsAre(Found{"money", "Rs 420k", "PKR 420000"}));
  EXPECT_THAT(FindAll("35000/-"), ElementsAre(Found{"money", "35000/-", "PKR 35000"}));
  EXPECT_THAT(FindAll("USD 2 million"), ElementsAre(Found{"money", "USD 2 million", "USD 2000000"}));
}

TEST(Money, ADateIsNotAnAmountAndACalibreIsNotAQuantity) {
  EXPECT_THAT(FindAll("paid on 12.03.2024 Rs 12,000"),
              ElementsAre(Found{"date", "12.03.2024", "2024-03-12"}, Found{"money", "Rs 12,000", "PKR 12000"}));
  EXPECT_THAT(Find("9mm pistol, 30 bore, 12 bore, 50 rounds, 2 magazines", "money"), IsEmpty());
  EXPECT_THAT(Find("500 k liye", "money"), IsEmpty());  // Roman Urdu "k" (of) is no thousand
  EXPECT_THAT(Find("room 12, 35000", "money"), IsEmpty());
}

}  // namespace
}  // namespace kashf::text
