// Whole-workbook XLSX reader (ECMA-376 Part 1, 18.3 worksheets): each sheet part is parsed by
// expat into rows of cells; formulas are recognised by the <f> child of a cell (plain, shared and
// array formulas alike).
#include "kashf/ingest/xlsx_workbook.h"

#include <cstdlib>

#include <fmt/format.h>

#include "xlsx_package.h"

namespace kashf {

const XlsxCell& XlsxRow::Cell(size_t column) const {
  static const XlsxCell empty;
  return column < cells.size() ? cells[column] : empty;
}

const XlsxSheet* XlsxWorkbook::Find(std::string_view name) const {
  for (const auto& s : sheets)
    if (s.name == name) return &s;
  return nullptr;
}

std::string XlsxCellReference(int64_t row, size_t column) {
  std::string letters;
  for (size_t c = column + 1; c > 0; c = (c - 1) / 26)
    letters.insert(letters.begin(), static_cast<char>('A' + (c - 1) % 26));
  return letters + std::to_string(row);
}

namespace {

// Parse state of one worksheet.
struct SheetParse {
  const std::vector<std::string>* shared = nullptr;
  const std::vector<bool>* xf_is_date = nullptr;
  const InputLimits* limits = nullptr;
  XlsxSheet* sheet = nullptr;
  XlsxRow row;
  bool in_row = false;
  size_t col = 0, next_col = 0;
  std::string type, text;
  bool in_text = false, is_date = false, formula = false;
};

void OnStart(void* u, const char* name, const char** atts) {
  auto* p = static_cast<SheetParse*>(u);
  std::string ln = xlsx::LocalName(name);
  if (ln == "row") {
    const char* r = xlsx::Attr(atts, "r");
    int64_t previous = p->sheet->rows.empty() ? 0 : p->sheet->rows.back().number;
    p->row = XlsxRow();
    p->row.number = r ? std::atoll(r) : previous + 1;
    p->in_row = true;
    p->next_col = 0;
  } else if (ln == "c") {
    const char* r = xlsx::Attr(atts, "r");
    const char* t = xlsx::Attr(atts, "t");
    const char* s = xlsx::Attr(atts, "s");
    p->col = r ? xlsx::ColumnIndex(r) : p->next_col;
    p->next_col = p->col + 1;
    p->type = t ? t : "n";
    size_t xf = s ? static_cast<size_t>(std::atoll(s)) : 0;
    p->is_date = s && xf < p->xf_is_date->size() && (*p->xf_is_date)[xf];
    p->text.clear();
    p->formula = false;
  } else if (ln == "f") {
    p->formula = true;
  } else if (ln == "v" || (ln == "t" && p->type == "inlineStr")) {
    p->in_text = true;
  }
}

void OnEnd(void* u, const char* name) {
  auto* p = static_cast<SheetParse*>(u);
  std::string ln = xlsx::LocalName(name);
  if (ln == "v" || ln == "t") {
    p->in_text = false;
  } else if (ln == "c" && p->in_row) {
    XlsxCell cell;
    cell.formula = p->formula;
    if (p->type == "s") {
      size_t i = static_cast<size_t>(std::atoll(p->text.c_str()));
      if (i < p->shared->size()) cell.value = (*p->shared)[i];
    } else if (p->type == "b") {
      cell.value = p->text == "1" ? "true" : "false";
    } else if (p->type == "n" && p->is_date && !p->text.empty()) {
      cell.value = xlsx::SerialToIsoDate(std::atof(p->text.c_str()));
    } else {
      cell.value = p->text;
    }
    cell.too_long = cell.value.size() > p->limits->max_cell_bytes;
    if (p->col >= p->limits->max_columns) {
      p->row.too_wide = true;
      return;
    }
    if (p->row.cells.size() <= p->col) p->row.cells.resize(p->col + 1);
    p->row.cells[p->col] = std::move(cell);
  } else if (ln == "row") {
    p->sheet->rows.push_back(std::move(p->row));
    p->in_row = false;
  }
}

void OnText(void* u, const char* s, int len) {
  auto* p = static_cast<SheetParse*>(u);
  if (p->in_text) xlsx::AppendCapped(&p->text, s, len, p->limits->max_cell_bytes + 1);
}

Result<XlsxWorkbook> ReadPackage(zip_t* z, const std::string& what, const InputLimits& limits) {
  auto in_context = [&what](const Status& st) { return st.WithContext(fmt::format("'{}'", what)); };
  auto parts = xlsx::ReadSheetList(z, limits);
  if (!parts.ok()) return in_context(parts.status());
  auto shared = xlsx::ReadSharedStrings(z, limits);
  if (!shared.ok()) return in_context(shared.status());
  auto dates = xlsx::ReadDateStyles(z, limits);
  if (!dates.ok()) return in_context(dates.status());
  XlsxWorkbook wb;
  for (const auto& part : *parts) {
    XlsxSheet& sheet = wb.sheets.emplace_back();
    sheet.name = part.name;
    sheet.hidden = part.hidden;
    auto xml = xlsx::ReadEntry(z, part.part, true, limits);
    if (!xml.ok()) return in_context(xml.status());
    SheetParse parse;
    parse.shared = &*shared;
    parse.xf_is_date = &*dates;
    parse.limits = &limits;
    parse.sheet = &sheet;
    Status st = xlsx::ParseXml(*xml, &parse, OnStart, OnEnd, OnText, fmt::format("sheet '{}'", part.name));
    if (!st.ok()) return in_context(st);
  }
  return wb;
}

}  // namespace

Result<XlsxWorkbook> ReadXlsxWorkbook(const std::string& path, const InputLimits& limits) {
  KASHF_ASSIGN_OR_RETURN(xlsx::ZipPtr z, xlsx::OpenPackage(path, limits));
  return ReadPackage(z.get(), path, limits);
}

Result<XlsxWorkbook> ReadXlsxWorkbookBytes(std::string_view bytes, const std::string& what, const InputLimits& limits) {
  KASHF_ASSIGN_OR_RETURN(xlsx::ZipPtr z, xlsx::OpenPackageBytes(bytes, what, limits));
  return ReadPackage(z.get(), what, limits);
}

}  // namespace kashf
