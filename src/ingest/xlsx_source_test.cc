#include <gtest/gtest.h>
#include <xlsxwriter.h>

#include "kashf/core/testing.h"
#include "kashf/ingest/row_source.h"

namespace kashf {
namespace {

std::string MakeWorkbook() {
  std::string path = testing::FreshTempDir("xlsx") + "/register.xlsx";
  lxw_workbook* wb = workbook_new(path.c_str());
  lxw_worksheet* other = workbook_add_worksheet(wb, "Notes");
  worksheet_write_string(other, 0, 0, "ignore me", nullptr);
  lxw_worksheet* ws = workbook_add_worksheet(wb, "Register");
  lxw_format* date = workbook_add_format(wb);
  format_set_num_format(date, "dd/mm/yyyy");
  worksheet_write_string(ws, 0, 0, "name", nullptr);
  worksheet_write_string(ws, 0, 1, "cnic", nullptr);
  worksheet_write_string(ws, 0, 2, "arrested", nullptr);
  worksheet_write_string(ws, 0, 3, "count", nullptr);
  worksheet_write_string(ws, 1, 0, "محمد آصف ولد غلام رسول", nullptr);
  worksheet_write_string(ws, 1, 1, "35202-1234567-1", nullptr);
  lxw_datetime dt = {2021, 3, 4, 0, 0, 0};
  worksheet_write_datetime(ws, 1, 2, &dt, date);
  worksheet_write_number(ws, 1, 3, 7, nullptr);
  // Row 3 left blank; row 4 sparse (no cnic).
  worksheet_write_string(ws, 3, 0, "Ghulam Rasool", nullptr);
  worksheet_write_number(ws, 3, 3, 2, nullptr);
  workbook_close(wb);
  return path;
}

TEST(XlsxSource, ReadsNamedSheetSharedStringsDatesAndSparseRows) {
  std::string path = MakeWorkbook();
  SourceOptions o;
  o.format = SourceFormat::kXlsx;
  o.sheet = "Register";
  auto src = OpenRowSource(path, o, {"count", "name", "arrested", "cnic"});
  ASSERT_TRUE(src.ok()) << src.status().ToString();
  SourceRow r;
  ASSERT_TRUE(*(*src)->Next(&r));
  EXPECT_EQ(r.line, 2);
  EXPECT_EQ(r.values, (std::vector<std::string>{"7", "محمد آصف ولد غلام رسول", "2021-03-04", "35202-1234567-1"}));
  ASSERT_TRUE(*(*src)->Next(&r));
  EXPECT_EQ(r.line, 4);
  EXPECT_EQ(r.values, (std::vector<std::string>{"2", "Ghulam Rasool", "", ""}));
  EXPECT_FALSE(*(*src)->Next(&r));
}

TEST(XlsxSource, ExplainsWrongSheetAndNonWorkbook) {
  std::string path = MakeWorkbook();
  SourceOptions o;
  o.format = SourceFormat::kXlsx;
  o.sheet = "Regster";
  auto src = OpenRowSource(path, o, {"name"});
  ASSERT_FALSE(src.ok());
  EXPECT_NE(src.status().message().find("did you mean 'Register'"), std::string::npos);
  std::string csv = testing::FreshTempDir("xlsx") + "/fake.xlsx";
  testing::WriteFile(csv, "a,b\n1,2\n");
  o.sheet.clear();
  auto bad = OpenRowSource(csv, o, {"a"});
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("not an XLSX"), std::string::npos) << bad.status().message();
}

}  // namespace
}  // namespace kashf
