#include <gtest/gtest.h>
#include <xlsxwriter.h>
#include <zip.h>

#include <utility>
#include <vector>

#include "kashf/ingest/row_source.h"
#include "kashf/testing/files.h"

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

// A workbook written part by part: the minimal package (workbook, its relationships, one sheet
// whose rows are given as <row> XML) plus any extra parts.
std::string WriteWorkbook(const std::string& rows_xml,
                          const std::vector<std::pair<std::string, std::string>>& extra = {}) {
  std::string path = testing::FreshTempDir("xlsx") + "/crafted.xlsx";
  std::vector<std::pair<std::string, std::string>> parts = {
      {"xl/workbook.xml", "<workbook><sheets><sheet name=\"S\" r:id=\"rId1\"/></sheets></workbook>"},
      {"xl/_rels/workbook.xml.rels",
       "<Relationships><Relationship Id=\"rId1\" Target=\"worksheets/sheet1.xml\"/></Relationships>"},
      {"xl/worksheets/sheet1.xml", "<worksheet><sheetData>" + rows_xml + "</sheetData></worksheet>"}};
  parts.insert(parts.end(), extra.begin(), extra.end());
  int err = 0;
  zip_t* z = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &err);
  EXPECT_NE(z, nullptr);
  for (const auto& [name, body] : parts) {
    zip_source_t* src = zip_source_buffer(z, body.data(), body.size(), 0);
    EXPECT_GE(zip_file_add(z, name.c_str(), src, ZIP_FL_OVERWRITE), 0);
  }
  EXPECT_EQ(zip_close(z), 0);  // compresses and writes while the buffers are alive
  return path;
}

std::string InlineRow(int row, const std::vector<std::pair<std::string, std::string>>& cells) {
  std::string xml = "<row r=\"" + std::to_string(row) + "\">";
  for (const auto& [ref, text] : cells) xml += "<c r=\"" + ref + "\" t=\"inlineStr\"><is><t>" + text + "</t></is></c>";
  return xml + "</row>";
}

SourceOptions XlsxOptions() {
  SourceOptions o;
  o.format = SourceFormat::kXlsx;
  return o;
}

TEST(XlsxSource, CellsPastTheColumnLimitRejectTheirRowOnly) {
  // XFE is column 16,385; the 15-letter reference used to size a vector of ~10^21 cells.
  std::string path =
      WriteWorkbook(InlineRow(1, {{"A1", "name"}}) + InlineRow(2, {{"A2", "Asif"}, {"XFE2", "x"}}) +
                    InlineRow(3, {{"A3", "Rasool"}, {"ZZZZZZZZZZZZZZZ3", "x"}}) + InlineRow(4, {{"A4", "Zeta"}}));
  auto src = OpenRowSource(path, XlsxOptions(), {"name"});
  ASSERT_TRUE(src.ok()) << src.status().ToString();
  SourceRow r;
  for (int line : {2, 3}) {
    ASSERT_TRUE(*(*src)->Next(&r));
    EXPECT_EQ(r.line, line);
    EXPECT_NE(r.error.find("more than 16384 columns"), std::string::npos) << r.error;
  }
  ASSERT_TRUE(*(*src)->Next(&r));
  EXPECT_TRUE(r.error.empty());
  EXPECT_EQ(r.values[0], "Zeta");
  std::string wide_header = WriteWorkbook(InlineRow(1, {{"A1", "name"}, {"XFE1", "x"}}));
  auto refused = OpenRowSource(wide_header, XlsxOptions(), {"name"});
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.status().message().find("header row has more than 16384 columns"), std::string::npos)
      << refused.status().ToString();
}

TEST(XlsxSource, ZipBombsTooManyPartsAndTooManySharedStringsAreRefused) {
  // 4 MB of one letter packs to a few KB: far above the 200:1 ratio.
  std::string bomb =
      WriteWorkbook(InlineRow(1, {{"A1", "name"}}), {{"xl/sharedStrings.xml", std::string(4u << 20, 'x')}});
  auto r = OpenRowSource(bomb, XlsxOptions(), {"name"});
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("zip bomb"), std::string::npos) << r.status().ToString();

  std::vector<std::pair<std::string, std::string>> many;
  for (int i = 0; i < 20; ++i) many.emplace_back("xl/media/x" + std::to_string(i), "x");
  std::string crowded = WriteWorkbook(InlineRow(1, {{"A1", "name"}}), many);
  SourceOptions o = XlsxOptions();
  o.limits.max_zip_entries = 16;
  r = OpenRowSource(crowded, o, {"name"});
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("more than 16 files"), std::string::npos) << r.status().ToString();

  std::string strings = "<sst>";
  for (int i = 0; i < 11; ++i) strings += "<si><t>s</t></si>";
  std::string shared = WriteWorkbook(InlineRow(1, {{"A1", "name"}}), {{"xl/sharedStrings.xml", strings + "</sst>"}});
  o = XlsxOptions();
  o.limits.max_shared_strings = 10;
  r = OpenRowSource(shared, o, {"name"});
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("more than 10 shared strings"), std::string::npos) << r.status().ToString();
  o.limits.max_shared_strings = 11;
  EXPECT_TRUE(OpenRowSource(shared, o, {"name"}).ok());
}

}  // namespace
}  // namespace kashf
