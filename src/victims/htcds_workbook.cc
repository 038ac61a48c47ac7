// The spreadsheet layout of an HTCDS case document (libxlsxwriter to write, the ingest layer's
// XLSX reader to read): one sheet per group of htcds_schema.h, HTCDS field names in row 1, one row
// per record; every sheet but Case starts with cas_CaseId, which joins a case's rows. Multi-valued
// cells hold the values separated by "; " (the HTCDS spreadsheets' multi-select form).
#include <xlsxwriter.h>

#include <charconv>
#include <cstdlib>
#include <map>

#include <fmt/format.h>

#include "htcds_schema.h"
#include "kashf/core/text.h"
#include "kashf/ingest/xlsx_workbook.h"
#include "kashf/victims/htcds_exchange.h"

namespace kashf::victims {
namespace {

using htcds::Field;
using htcds::Group;
using htcds::Kind;
using nlohmann::json;

lxw_row_t Row(size_t r) { return static_cast<lxw_row_t>(r); }
lxw_col_t Col(size_t c) { return static_cast<lxw_col_t>(c); }

bool IsCaseGroup(const Group& g) { return std::string_view(g.key) == "case"; }

// Column names of a group's sheet: cas_CaseId first (the Case sheet has it as its first field).
std::vector<std::string> Columns(const Group& g) {
  std::vector<std::string> out;
  if (!IsCaseGroup(g)) out.emplace_back(htcds::kCaseId);
  for (const Field& f : g.fields) out.emplace_back(f.name);
  return out;
}

void WriteCell(lxw_worksheet* ws, size_t row, size_t col, const json& v) {
  if (v.is_string()) {
    worksheet_write_string(ws, Row(row), Col(col), v.get_ref<const std::string&>().c_str(), nullptr);
  } else if (v.is_boolean()) {
    worksheet_write_boolean(ws, Row(row), Col(col), v.get<bool>(), nullptr);
  } else if (v.is_number()) {
    worksheet_write_number(ws, Row(row), Col(col), v.get<double>(), nullptr);
  } else if (v.is_array() && std::all_of(v.begin(), v.end(), [](const json& x) { return x.is_string(); })) {
    worksheet_write_string(ws, Row(row), Col(col), Join(v.get<std::vector<std::string>>(), "; ").c_str(), nullptr);
  } else if (!v.is_null()) {
    worksheet_write_string(ws, Row(row), Col(col), v.dump().c_str(), nullptr);
  }
}

// A cell's text as the value its column's kind asks for; the text itself when it is not one.
json CellValue(const std::string& text, Kind kind) {
  switch (kind) {
    case Kind::kInt: {
      int64_t n = 0;
      auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
      return ec == std::errc() && end == text.data() + text.size() ? json(n) : json(text);
    }
    case Kind::kNumber: {
      char* end = nullptr;
      double d = std::strtod(text.c_str(), &end);
      return end && *end == '\0' ? json(d) : json(text);
    }
    case Kind::kBool:
      if (text == "true" || text == "TRUE") return true;
      if (text == "false" || text == "FALSE") return false;
      return text;
    case Kind::kTextList: {
      json out = json::array();
      for (const auto& part : Split(text, ';'))
        if (!Trim(part).empty()) out.push_back(std::string(Trim(part)));
      return out;
    }
    case Kind::kJson: {
      json parsed = json::parse(text, nullptr, false);
      return parsed.is_discarded() ? json(text) : parsed;
    }
    case Kind::kText:
    case Kind::kDate: break;
  }
  return text;
}

}  // namespace

Status WriteHtcdsWorkbook(const json& doc, const std::string& path) {
  lxw_workbook* wb = workbook_new(path.c_str());
  if (!wb) return Status::IoError(fmt::format("cannot create '{}'", path));
  lxw_format* bold = workbook_add_format(wb);
  format_set_bold(bold);
  for (const Group& g : htcds::Groups()) {
    lxw_worksheet* ws = workbook_add_worksheet(wb, g.sheet);
    const auto columns = Columns(g);
    for (size_t c = 0; c < columns.size(); ++c) worksheet_write_string(ws, 0, Col(c), columns[c].c_str(), bold);
    size_t row = 1;
    for (const json& cj : doc.at("cases")) {
      const json& id = cj.at("case").at(htcds::kCaseId);
      auto it = cj.find(g.key);
      if (it == cj.end()) continue;
      json records = g.many ? *it : json::array({*it});
      for (const json& rec : records) {
        size_t col = 0;
        if (!IsCaseGroup(g)) WriteCell(ws, row, col++, id);
        for (const Field& f : g.fields) {
          if (auto v = rec.find(f.name); v != rec.end()) WriteCell(ws, row, col, *v);
          ++col;
        }
        ++row;
      }
    }
  }
  const lxw_error err = workbook_close(wb);
  if (err != LXW_NO_ERROR)
    return Status::IoError(fmt::format("cannot write the workbook '{}': {}", path, lxw_strerror(err)));
  return Status::Ok();
}

Result<json> ReadHtcdsWorkbook(const std::string& path) {
  KASHF_ASSIGN_OR_RETURN(XlsxWorkbook wb, ReadXlsxWorkbook(path));
  if (!wb.Find("Case"))
    return Status::InvalidArgument(fmt::format(
        "'{}' is not an HTCDS case workbook: it has no sheet 'Case' (see `kashf case export --format htcds-xlsx`)",
        path));
  json cases = json::array();
  std::map<std::string, size_t> position;  // cas_CaseId -> index in cases
  bool identities = false;
  for (const Group& g : htcds::Groups()) {
    const XlsxSheet* sheet = wb.Find(g.sheet);
    if (!sheet || sheet->rows.empty()) continue;
    const XlsxRow& header = sheet->rows.front();
    for (size_t r = 1; r < sheet->rows.size(); ++r) {
      const XlsxRow& row = sheet->rows[r];
      json rec = json::object();
      std::string id;
      for (size_t c = 0; c < header.cells.size(); ++c) {
        const std::string& name = header.cells[c].value;
        const std::string& text = row.Cell(c).value;
        if (name.empty() || text.empty()) continue;
        if (name == htcds::kCaseId) id = text;
        if (name == htcds::kCaseId && !IsCaseGroup(g)) continue;
        auto f = std::find_if(g.fields.begin(), g.fields.end(), [&](const Field& x) { return name == x.name; });
        rec[name] = f == g.fields.end() ? json(text) : CellValue(text, f->kind);
        identities = identities || (f != g.fields.end() && f->sealed);
      }
      if (rec.empty() && id.empty()) continue;  // a blank row
      rec["_row"] = fmt::format("{} row {}", g.sheet, row.number);
      auto [at, added] = position.try_emplace(id, cases.size());
      if (added || IsCaseGroup(g)) {
        at->second = cases.size();
        cases.push_back({{"case", {{htcds::kCaseId, id}}}});
      }
      json& cj = cases[at->second];
      if (g.many) cj[g.key].push_back(std::move(rec));
      else cj[g.key] = std::move(rec);
    }
  }
  return json{
      {"standard", htcds::kStandard}, {"identities", identities ? "included" : "sealed"}, {"cases", std::move(cases)}};
}

}  // namespace kashf::victims
