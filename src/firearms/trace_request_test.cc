#include "kashf/firearms/trace_request.h"

#include <gtest/gtest.h>

namespace kashf::firearms {
namespace {

TEST(TraceRequest, ValidationNamesEveryMissingItiElement) {
  TraceRequest r;
  r.date = "2024-01-01";
  Status st = ValidateTraceRequest(r);
  ASSERT_FALSE(st.ok());
  for (const char* part : {"why the weapon is illicit", "legal basis", "markings", "type", "calibre", "intended use"})
    EXPECT_NE(st.message().find(part), std::string::npos) << part;
  r = {"", 1, "2024-01-01", "FIA", "iARMS", "seized", "s.13", "serial X", "pistol", "9mm", "prosecution"};
  EXPECT_TRUE(ValidateTraceRequest(r).ok());
  r.date = "01/01/2024";
  EXPECT_FALSE(ValidateTraceRequest(r).ok());
}

TEST(TraceRequest, MarkingsDescription) {
  Firearm f;
  f.serial.append("123");
  f.import_country.append("pk");
  f.import_year = 2019;
  f.state_stock_mark.append("pk-GOV");
  EXPECT_EQ(DescribeMarkings(f), "serial 123; import mark pk 2019; state-stock mark pk-GOV");
}

}  // namespace
}  // namespace kashf::firearms
