#include "kashf/ingest/date_format.h"

#include <gtest/gtest.h>

namespace kashf {
namespace {

// Reads `raw` with one layout; "" when it does not fit (the reason is checked separately).
std::string ReadAs(const std::string& layout, const std::string& raw) {
  auto f = DateFormat::Parse(layout);
  EXPECT_TRUE(f.ok()) << f.status().ToString();
  std::string iso;
  return f.ok() && f->Read(raw, &iso).ok() ? iso : "";
}

TEST(DateFormatTest, ReadsTheCommonLayoutsIntoIso) {
  EXPECT_EQ(ReadAs("%Y%m%d", "19081209"), "1908-12-09");
  EXPECT_EQ(ReadAs("%m/%d/%Y", "3/15/1992"), "1992-03-15");
  EXPECT_EQ(ReadAs("%d/%m/%Y", "15/03/1992"), "1992-03-15");
  EXPECT_EQ(ReadAs("%d-%b-%y", "15-Mar-92"), "1992-03-15");
  EXPECT_EQ(ReadAs("%d-%b-%y", "01-JAN-05"), "2005-01-01");
  EXPECT_EQ(ReadAs("%d %B %Y", "4  september 1066"), "1066-09-04");
  EXPECT_EQ(ReadAs("%Y-%m-%d", " 2021-03-04 "), "2021-03-04");
}

TEST(DateFormatTest, KeepsThePrecisionTheLayoutCarries) {
  EXPECT_EQ(ReadAs("%Y", "1850"), "1850");
  EXPECT_EQ(ReadAs("%m/%Y", "3/1850"), "1850-03");
  EXPECT_EQ(ReadAs("%b %Y", "Mar 1850"), "1850-03");
}

TEST(DateFormatTest, TwoDigitYearsPivotAsPosixDoes) {
  EXPECT_EQ(ReadAs("%y", "68"), "2068");
  EXPECT_EQ(ReadAs("%y", "69"), "1969");
  EXPECT_EQ(ReadAs("%y", "00"), "2000");
}

TEST(DateFormatTest, YearsFromOneThousandOnAreDates) {
  EXPECT_EQ(ReadAs("%Y", "1000"), "1000");
  EXPECT_EQ(ReadAs("%Y%m%d", "17990101"), "1799-01-01");
  EXPECT_EQ(ReadAs("%Y", "0999"), "");
  EXPECT_EQ(ReadAs("%Y", "2201"), "");
}

TEST(DateFormatTest, ValuesThatDoNotFitAreRefusedWithTheReason) {
  auto f = DateFormat::Parse("%Y%m%d");
  ASSERT_TRUE(f.ok());
  std::string iso;
  EXPECT_NE(f->Read("1908120", &iso).message().find("does not fit the date format '%Y%m%d'"), std::string::npos);
  EXPECT_NE(f->Read("190812091", &iso).message().find("does not fit"), std::string::npos);
  EXPECT_NE(f->Read("19081309", &iso).message().find("month out of range"), std::string::npos);
  EXPECT_NE(f->Read("19090229", &iso).message().find("day does not exist"), std::string::npos);
  EXPECT_TRUE(f->Read("20000229", &iso).ok());
  EXPECT_EQ(ReadAs("%d-%b-%y", "15-Mrz-92"), "");
  EXPECT_EQ(ReadAs("%m/%d/%Y", "1992-03-15"), "");
}

TEST(DateFormatTest, BadLayoutsAreRefusedWithWhatIsWrong) {
  auto message = [](const std::string& layout) { return DateFormat::Parse(layout).status().message(); };
  EXPECT_NE(message("%d/%m").find("has no year"), std::string::npos);
  EXPECT_NE(message("%Y-%d").find("a day (%d) but no month"), std::string::npos);
  EXPECT_NE(message("%Y-%q").find("unknown directive '%q'"), std::string::npos);
  EXPECT_NE(message("%Y%").find("lone '%'"), std::string::npos);
  EXPECT_NE(message("%Y-%m-%Y").find("twice"), std::string::npos);
  EXPECT_TRUE(DateFormat::Parse("%Y%%").ok());
}

TEST(DateFormatTest, TheFirstFittingFormatOfSeveralIsUsed) {
  std::vector<DateFormat> formats;
  for (const char* layout : {"%Y%m%d", "%Y"}) formats.push_back(*DateFormat::Parse(layout));
  std::string iso;
  size_t matched = 9;
  ASSERT_TRUE(ReadDateWithFormats(formats, "19990219", &iso, &matched).ok());
  EXPECT_EQ(iso, "1999-02-19");
  EXPECT_EQ(matched, 0u);
  ASSERT_TRUE(ReadDateWithFormats(formats, "1999", &iso, &matched).ok());
  EXPECT_EQ(iso, "1999");
  EXPECT_EQ(matched, 1u);
  Status none = ReadDateWithFormats(formats, "02/19/1999", &iso, &matched);
  EXPECT_NE(none.message().find("fits none of the date formats '%Y%m%d', '%Y'"), std::string::npos) << none.ToString();
}

}  // namespace
}  // namespace kashf
