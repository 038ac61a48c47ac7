#include "csv_text.h"

#include <gtest/gtest.h>

namespace kashf::firearms {
namespace {

TEST(CsvCell, QuotesOnlyWhenNeeded) {
  EXPECT_EQ(CsvCell("Lahore"), "Lahore");
  EXPECT_EQ(CsvCell("raid, premises"), "\"raid, premises\"");
  EXPECT_EQ(CsvCell("say \"x\""), "\"say \"\"x\"\"\"");
}

}  // namespace
}  // namespace kashf::firearms
