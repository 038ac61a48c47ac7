#include "kashf/ingest/xlsx_workbook.h"

#include <gtest/gtest.h>
#include <xlsxwriter.h>

#include "kashf/ingest/row_source.h"
#include "kashf/testing/files.h"
#include "kashf/testing/zip_parts.h"

namespace kashf {
namespace {

std::string MakeWorkbook() {
  std::string path = testing::FreshTempDir("xlsx-workbook") + "/book.xlsx";
  lxw_workbook* wb = workbook_new(path.c_str());
  lxw_worksheet* visible = workbook_add_worksheet(wb, "Firearms Protocol");
  lxw_worksheet* meta = workbook_add_worksheet(wb, "_meta");
  worksheet_write_string(visible, 0, 0, "id", nullptr);
  worksheet_write_string(visible, 0, 2, "status", nullptr);
  worksheet_write_string(visible, 1, 0, "FP-05a", nullptr);
  worksheet_write_string(visible, 1, 2, "=1+1 typed as text", nullptr);  // a string, not a formula
  worksheet_write_number(visible, 3, 1, 42, nullptr);
  worksheet_write_formula_num(visible, 3, 2, "=B4*2", nullptr, 84);
  worksheet_write_boolean(visible, 4, 0, 1, nullptr);
  worksheet_write_string(meta, 0, 0, "version", nullptr);
  worksheet_hide(meta);
  EXPECT_EQ(workbook_close(wb), LXW_NO_ERROR);
  return path;
}

TEST(XlsxWorkbook, ReadsEverySheetWithHiddenStateSparseCellsAndFormulas) {
  auto wb = ReadXlsxWorkbook(MakeWorkbook());
  ASSERT_TRUE(wb.ok()) << wb.status().ToString();
  ASSERT_EQ(wb->sheets.size(), 2u);
  const XlsxSheet* s = wb->Find("Firearms Protocol");
  ASSERT_NE(s, nullptr);
  EXPECT_FALSE(s->hidden);
  ASSERT_EQ(s->rows.size(), 4u);  // row 3 was never written
  EXPECT_EQ(s->rows[0].number, 1);
  EXPECT_EQ(s->rows[1].Cell(0).value, "FP-05a");
  EXPECT_EQ(s->rows[1].Cell(1).value, "");  // absent cell between two present ones
  EXPECT_EQ(s->rows[1].Cell(2).value, "=1+1 typed as text");
  EXPECT_FALSE(s->rows[1].Cell(2).formula);
  EXPECT_EQ(s->rows[2].number, 4);
  EXPECT_EQ(s->rows[2].Cell(1).value, "42");
  EXPECT_TRUE(s->rows[2].Cell(2).formula);
  EXPECT_EQ(s->rows[2].Cell(2).value, "84");
  EXPECT_EQ(s->rows[3].Cell(0).value, "true");
  EXPECT_EQ(s->rows[3].Cell(99).value, "");
  const XlsxSheet* meta = wb->Find("_meta");
  ASSERT_NE(meta, nullptr);
  EXPECT_TRUE(meta->hidden);
  EXPECT_EQ(meta->rows.at(0).Cell(0).value, "version");
  EXPECT_EQ(wb->Find("nothing"), nullptr);
}

TEST(XlsxWorkbook, ReadsFromMemoryLikeFromAFile) {
  std::string path = MakeWorkbook();
  std::string bytes = testing::ReadFile(path);
  auto wb = ReadXlsxWorkbookBytes(bytes, "upload.xlsx");
  ASSERT_TRUE(wb.ok()) << wb.status().ToString();
  ASSERT_EQ(wb->sheets.size(), 2u);
  EXPECT_EQ(wb->sheets[0].rows[1].Cell(0).value, "FP-05a");
  auto junk = ReadXlsxWorkbookBytes("id,status\nFP-05a,met\n", "upload.xlsx");
  ASSERT_FALSE(junk.ok());
  EXPECT_NE(junk.status().message().find("not an XLSX workbook"), std::string::npos) << junk.status().ToString();
}

TEST(XlsxWorkbook, FormulasHandEditedIntoTheSheetXmlAreFlaggedSharedOnesToo) {
  std::string path = MakeWorkbook();
  std::string xml = testing::ReadZipPart(path, "xl/worksheets/sheet1.xml");
  // A shared formula's dependent cells carry an empty <f t="shared" si="0"/>.
  std::string row =
      "<row r=\"9\"><c r=\"A9\"><f t=\"shared\" si=\"0\"/><v>1</v></c>"
      "<c r=\"B9\" t=\"str\"><f>UPPER(\"met\")</f><v>MET</v></c></row>";
  xml.insert(xml.find("</sheetData>"), row);
  testing::WriteZipParts(path, {{"xl/worksheets/sheet1.xml", xml}});
  auto wb = ReadXlsxWorkbook(path);
  ASSERT_TRUE(wb.ok()) << wb.status().ToString();
  const XlsxRow& r = wb->sheets[0].rows.back();
  EXPECT_EQ(r.number, 9);
  EXPECT_TRUE(r.Cell(0).formula);
  EXPECT_TRUE(r.Cell(1).formula);
  EXPECT_EQ(r.Cell(1).value, "MET");
}

TEST(XlsxWorkbook, EncryptedWorkbooksAreExplainedNotCalledDamaged) {
  // A password-encrypted .xlsx is an OLE compound file (MS-OFFCRYPTO), not a zip.
  std::string cfb("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
  cfb += std::string(504, '\0') + "EncryptedPackage";
  std::string path = testing::FreshTempDir("xlsx-workbook") + "/locked.xlsx";
  testing::WriteFile(path, cfb);
  for (const Status& st : {ReadXlsxWorkbook(path).status(), ReadXlsxWorkbookBytes(cfb, "locked.xlsx").status()}) {
    EXPECT_EQ(st.code(), StatusCode::kInvalidArgument);
    EXPECT_NE(st.message().find("password-protected"), std::string::npos) << st.ToString();
    EXPECT_NE(st.message().find("remove the password"), std::string::npos) << st.ToString();
  }
  SourceOptions o;
  o.format = SourceFormat::kXlsx;
  auto src = OpenRowSource(path, o, {"id"});
  ASSERT_FALSE(src.ok());
  EXPECT_NE(src.status().message().find("password-protected"), std::string::npos) << src.status().ToString();
}

TEST(XlsxWorkbook, LimitsHoldForCellsAndColumns) {
  std::string path = MakeWorkbook();
  InputLimits limits;
  limits.max_cell_bytes = 10;
  limits.max_columns = 2;
  auto wb = ReadXlsxWorkbook(path, limits);
  ASSERT_TRUE(wb.ok()) << wb.status().ToString();
  const XlsxSheet& s = wb->sheets[0];
  EXPECT_TRUE(s.rows[1].too_wide);  // column C
  EXPECT_EQ(s.rows[1].cells.size(), 1u);
  EXPECT_FALSE(s.rows[3].too_wide);
  limits.max_columns = 100;
  wb = ReadXlsxWorkbook(path, limits);
  ASSERT_TRUE(wb.ok());
  EXPECT_TRUE(wb->sheets[0].rows[1].Cell(2).too_long);
  EXPECT_EQ(wb->sheets[0].rows[1].Cell(2).value.size(), 11u);
  EXPECT_FALSE(wb->sheets[0].rows[1].Cell(0).too_long);
}

TEST(XlsxWorkbook, CellReferences) {
  EXPECT_EQ(XlsxCellReference(7, 2), "C7");
  EXPECT_EQ(XlsxCellReference(1, 0), "A1");
  EXPECT_EQ(XlsxCellReference(3, 25), "Z3");
  EXPECT_EQ(XlsxCellReference(3, 26), "AA3");
  EXPECT_EQ(XlsxCellReference(10, 16383), "XFD10");
}

}  // namespace
}  // namespace kashf
