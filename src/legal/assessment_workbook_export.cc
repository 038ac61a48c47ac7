// Export of the workshop workbook with libxlsxwriter: data validation lists for the status
// columns (ECMA-376 18.3.1.32 dataValidation), unlocked input cells on protected sheets (18.3.1.85
// sheetProtection, here without a password) and a hidden metadata sheet.
#include <unistd.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>

#include <fmt/format.h>

#include "assessment_workbook_layout.h"
#include "kashf/core/text.h"
#include "kashf/legal/assessment_workbook.h"

namespace kashf::legal {
namespace {

using workbook::Field;

struct Selection {
  std::vector<const Catalogue*> catalogues;
  std::vector<const Jurisdiction*> jurisdictions;
};

Result<Selection> Select(const LegalFramework& framework, const WorkbookExportOptions& options) {
  Selection s;
  for (const auto& c : framework.catalogues)
    if (options.catalogues.empty() ||
        std::find(options.catalogues.begin(), options.catalogues.end(), c.id) != options.catalogues.end())
      s.catalogues.push_back(&c);
  for (const auto& id : options.catalogues)
    if (std::none_of(s.catalogues.begin(), s.catalogues.end(), [&id](const Catalogue* c) { return c->id == id; }))
      return Status::InvalidArgument(fmt::format("no catalogue '{}'", id));
  for (const Jurisdiction* j : framework.Jurisdictions())
    if (options.jurisdictions.empty() ||
        std::find(options.jurisdictions.begin(), options.jurisdictions.end(), j->id) != options.jurisdictions.end())
      s.jurisdictions.push_back(j);
  for (const auto& id : options.jurisdictions)
    if (!framework.FindJurisdiction(id)) return Status::InvalidArgument(fmt::format("no jurisdiction '{}'", id));
  if (s.catalogues.empty() || s.jurisdictions.empty())
    return Status::InvalidArgument("nothing to export: no catalogue or no jurisdiction selected");
  return s;
}

struct Formats {
  lxw_format* title = nullptr;
  lxw_format* header = nullptr;
  lxw_format* locked = nullptr;     // requirement columns
  lxw_format* input = nullptr;      // unlocked, wrapped
  lxw_format* inherited = nullptr;  // unlocked, grey italic: the value comes from the jurisdiction deferred to
};

Formats MakeFormats(lxw_workbook* wb) {
  Formats f;
  f.title = workbook_add_format(wb);
  format_set_bold(f.title);
  format_set_font_size(f.title, 14);
  f.header = workbook_add_format(wb);
  format_set_bold(f.header);
  format_set_bg_color(f.header, 0xDDE4EE);
  format_set_text_wrap(f.header);
  format_set_border(f.header, LXW_BORDER_THIN);
  f.locked = workbook_add_format(wb);
  format_set_text_wrap(f.locked);
  format_set_align(f.locked, LXW_ALIGN_VERTICAL_TOP);
  format_set_bg_color(f.locked, 0xF2F2F2);
  f.input = workbook_add_format(wb);
  format_set_unlocked(f.input);
  format_set_text_wrap(f.input);
  format_set_align(f.input, LXW_ALIGN_VERTICAL_TOP);
  f.inherited = workbook_add_format(wb);
  format_set_unlocked(f.inherited);
  format_set_text_wrap(f.inherited);
  format_set_italic(f.inherited);
  format_set_font_color(f.inherited, 0x666666);
  format_set_align(f.inherited, LXW_ALIGN_VERTICAL_TOP);
  return f;
}

// Protection without a password: it stops slips (typing over a requirement id), not people.
void Protect(lxw_worksheet* ws) {
  lxw_protection p = {};
  p.format_columns = 1;
  p.format_rows = 1;
  worksheet_protect(ws, nullptr, &p);
}

void WriteReadMe(lxw_workbook* wb, const Formats& f, const WorkbookExportOptions& options, const Selection& sel) {
  lxw_worksheet* ws = workbook_add_worksheet(wb, std::string(workbook::kReadMeSheet).c_str());
  worksheet_set_column(ws, 0, 0, 110, nullptr);
  std::vector<std::string> statuses;
  for (Compliance c : AllCompliance()) statuses.emplace_back(ComplianceLabel(c));
  std::vector<std::string> names;
  for (const Jurisdiction* j : sel.jurisdictions) names.push_back(fmt::format("{} ({})", j->id, j->name));
  std::vector<std::string> lines = {
      fmt::format("Exported by Kashf on {} by {}.", options.exported_on, options.exported_by),
      "Jurisdictions: " + Join(names, ", "),
      "",
      "How to fill it in",
      "- One sheet per international instrument; one row per requirement.",
      "- For each jurisdiction, fill in three columns: status (choose from the list), provisions and justification.",
      "- Status is one of: " + Join(statuses, ", ") + ".",
      std::string("- Provisions: instrument id and section, e.g. 'pk-arms-ordinance-1965 ") +
          "s.13'; several separated by ';'. The Instruments sheet lists what can be cited.",
      "- Type values; formulas are refused on import.",
      std::string("- Grey italic values are inherited from the jurisdiction this one ") +
          "defers to; overwrite them to give this jurisdiction its own assessment.",
      "",
      "Protection",
      std::string("- The sheets are protected WITHOUT a password so that requirement columns are not changed by ") +
          "mistake. Review > Unprotect Sheet lifts it; no secret is needed. Kashf checks every value again on import.",
      std::string("- Do not rename, add or remove sheets or columns, and do not edit the hidden _kashf sheet: it ") +
          "records what was exported so that the import can tell your changes from changes made in Kashf since.",
      "- Do not encrypt the file with a password: Kashf cannot read an encrypted workbook.",
      "",
      "Import",
      std::string("- kashf gaps import-workbook FILE, or Import workbook on the workbench's Gaps page. Each changed "
                  "cell is stored as a new version ") +
          "under the importing assessor's name; a cell someone else changed in Kashf since this export is shown as a "
          "conflict and not applied.",
  };
  worksheet_write_string(ws, 0, 0, "Legislative gap analysis: workshop workbook", f.title);
  for (size_t i = 0; i < lines.size(); ++i)
    worksheet_write_string(ws, static_cast<lxw_row_t>(i + 2), 0, lines[i].c_str(),
                           i == 3 || i == 11 || i == 16 ? f.header : nullptr);
  Protect(ws);
}

void WriteInstruments(lxw_workbook* wb, const Formats& f, const LegalFramework& framework, const Selection& sel) {
  lxw_worksheet* ws = workbook_add_worksheet(wb, std::string(workbook::kInstrumentsSheet).c_str());
  const char* headers[] = {"Instrument", "Jurisdiction", "Title", "Kind", "In force", "Repealed", "Sections"};
  const double widths[] = {34, 12, 48, 10, 12, 12, 60};
  for (lxw_col_t c = 0; c < 7; ++c) {
    worksheet_write_string(ws, 0, c, headers[c], f.header);
    worksheet_set_column(ws, c, c, widths[c], nullptr);
  }
  lxw_row_t row = 1;
  for (const auto& country : framework.countries)
    for (const auto& ins : country.instruments) {
      if (std::none_of(sel.jurisdictions.begin(), sel.jurisdictions.end(),
                       [&ins](const Jurisdiction* j) { return j->id == ins.jurisdiction; }))
        continue;
      std::vector<std::string> sections;
      for (const auto& s : ins.sections) sections.push_back(s.heading.empty() ? s.number : s.number + " " + s.heading);
      const std::string values[] = {ins.id,       ins.jurisdiction, ins.title,           ins.kind,
                                    ins.in_force, ins.repealed,     Join(sections, "; ")};
      for (lxw_col_t c = 0; c < 7; ++c) worksheet_write_string(ws, row, c, values[c].c_str(), f.locked);
      ++row;
    }
  worksheet_freeze_panes(ws, 1, 1);
  Protect(ws);
}

// The effective assessment of every (requirement, jurisdiction), stored or inherited.
std::map<std::pair<std::string, std::string>, Assessment> EffectiveByKey(const LegalFramework& framework,
                                                                         const std::vector<Assessment>& stored) {
  std::map<std::pair<std::string, std::string>, Assessment> out;
  for (auto& a : EffectiveAssessments(framework, stored)) {
    auto key = std::make_pair(a.requirement, a.jurisdiction);
    out.emplace(std::move(key), std::move(a));
  }
  return out;
}

// Rows of the _kashf sheet, collected while the catalogue sheets are written (the sheet itself
// comes last in tab order).
using MetaRows = std::vector<std::vector<std::string>>;

void WriteMeta(lxw_workbook* wb, const WorkbookExportOptions& options, const MetaRows& rows) {
  lxw_worksheet* ws = workbook_add_worksheet(wb, std::string(workbook::kMetaSheet).c_str());
  worksheet_write_string(ws, 0, 0, std::string(workbook::kMetaFormat).c_str(), nullptr);
  worksheet_write_string(ws, 0, 1, std::string(workbook::kFormat).c_str(), nullptr);
  worksheet_write_string(ws, 1, 0, std::string(workbook::kMetaExported).c_str(), nullptr);
  worksheet_write_string(ws, 1, 1, options.exported_on.c_str(), nullptr);
  worksheet_write_string(ws, 1, 2, options.exported_by.c_str(), nullptr);
  lxw_row_t row = 2;
  for (const auto& cells : rows) {
    for (size_t c = 0; c < cells.size(); ++c)
      worksheet_write_string(ws, row, static_cast<lxw_col_t>(c), cells[c].c_str(), nullptr);
    ++row;
  }
  worksheet_hide(ws);
  Protect(ws);
}

void WriteCatalogueSheet(lxw_workbook* wb, const Formats& f, const Catalogue& cat, const std::string& sheet_name,
                         const Selection& sel,
                         const std::map<std::pair<std::string, std::string>, Assessment>& effective, MetaRows* meta) {
  lxw_worksheet* ws = workbook_add_worksheet(wb, sheet_name.c_str());
  meta->push_back({std::string(workbook::kMetaCatalogue), sheet_name, cat.id, cat.version});
  const double fixed_widths[] = {10, 9, 16, 50, 36};
  for (size_t i = 0; i < workbook::kFixedHeaders.size(); ++i) {
    const auto c = static_cast<lxw_col_t>(i);
    worksheet_set_column(ws, c, c, fixed_widths[i], nullptr);
    worksheet_write_string(ws, workbook::kHeaderRow - 1, c, std::string(workbook::kFixedHeaders[i]).c_str(), f.header);
  }
  worksheet_write_string(ws, 0, 0, fmt::format("{} (catalogue version {})", cat.title, cat.version).c_str(), f.title);
  const auto first_data = static_cast<lxw_row_t>(workbook::kFirstDataRow - 1);
  const auto last_data = static_cast<lxw_row_t>(first_data + std::max<size_t>(cat.requirements.size(), 1) - 1);
  std::vector<std::string> labels;
  for (Compliance c : AllCompliance()) labels.emplace_back(ComplianceLabel(c));
  std::vector<char*> list;  // libxlsxwriter's list type is char** though it only reads it
  for (auto& l : labels) list.push_back(l.data());
  list.push_back(nullptr);

  lxw_col_t col = workbook::kFixedHeaders.size();
  for (const Jurisdiction* j : sel.jurisdictions) {
    worksheet_merge_range(ws, 0, col, 0, col + 2, fmt::format("{} ({})", j->name, j->id).c_str(), f.header);
    const double widths[] = {15, 26, 40};
    for (lxw_col_t k = 0; k < 3; ++k) {
      worksheet_set_column(ws, col + k, col + k, widths[k], nullptr);
      worksheet_write_string(ws, workbook::kHeaderRow - 1, col + k,
                             workbook::ColumnHeader(j->id, static_cast<Field>(k)).c_str(), f.header);
    }
    lxw_data_validation dv = {};
    dv.validate = LXW_VALIDATION_TYPE_LIST;
    dv.value_list = list.data();
    dv.error_title = const_cast<char*>("Status");
    dv.error_message = const_cast<char*>("Choose a status from the list.");
    dv.input_title = const_cast<char*>("Status");
    dv.input_message = const_cast<char*>("met, partly met, not met, not applicable or not yet assessed");
    worksheet_data_validation_range(ws, first_data, col, last_data, col, &dv);
    col += 3;
  }

  lxw_row_t row = first_data;
  for (const Requirement& r : cat.requirements) {
    const std::string fixed[] = {r.id, r.article, cat.ChapterTitle(r.chapter), r.obligation, r.evidence_in_law};
    for (lxw_col_t c = 0; c < 5; ++c) worksheet_write_string(ws, row, c, fixed[c].c_str(), f.locked);
    col = workbook::kFixedHeaders.size();
    for (const Jurisdiction* j : sel.jurisdictions) {
      auto it = effective.find({r.id, j->id});
      Assessment a;
      if (it != effective.end()) a = it->second;
      bool inherited = !a.inherited_from.empty();
      // An inherited value is this jurisdiction's base too: it has no stored version of its own.
      int64_t version = inherited ? 0 : a.version;
      std::string status(ComplianceLabel(a.status)), provisions = FormatCitations(a.provisions);
      lxw_format* fmt_in = inherited ? f.inherited : f.input;
      worksheet_write_string(ws, row, col, status.c_str(), fmt_in);
      worksheet_write_string(ws, row, col + 1, provisions.c_str(), fmt_in);
      worksheet_write_string(ws, row, col + 2, a.justification.c_str(), fmt_in);
      if (inherited) {
        std::string note = fmt::format("Inherited from {}. {}", a.inherited_from, a.note);
        worksheet_write_comment(ws, row, col, note.c_str());
      }
      meta->push_back({std::string(workbook::kMetaCell), sheet_name, r.id, j->id, std::to_string(version),
                       workbook::CellHash(r.id, j->id, version, status, provisions, a.justification), status,
                       provisions, a.justification});
      col += 3;
    }
    ++row;
  }
  worksheet_freeze_panes(ws, workbook::kFirstDataRow - 1, 1);
  Protect(ws);
}

}  // namespace

Status WriteAssessmentWorkbook(const LegalFramework& framework, const std::vector<Assessment>& stored,
                               const WorkbookExportOptions& options, const std::string& path) {
  KASHF_ASSIGN_OR_RETURN(Selection sel, Select(framework, options));
  if (5 + 3 * sel.jurisdictions.size() > 16384)
    return Status::InvalidArgument("too many jurisdictions for one sheet; export fewer with --jurisdiction");
  auto effective = EffectiveByKey(framework, stored);
  lxw_workbook* wb = workbook_new(path.c_str());
  if (!wb) return Status::IoError(fmt::format("cannot create '{}'", path));
  Formats f = MakeFormats(wb);
  WriteReadMe(wb, f, options, sel);
  std::vector<std::string> sheet_names;
  MetaRows meta;
  for (const Catalogue* c : sel.catalogues) {
    sheet_names.push_back(workbook::SheetName(c->short_name, sheet_names));
    WriteCatalogueSheet(wb, f, *c, sheet_names.back(), sel, effective, &meta);
  }
  WriteInstruments(wb, f, framework, sel);
  WriteMeta(wb, options, meta);
  lxw_error err = workbook_close(wb);
  if (err != LXW_NO_ERROR)
    return Status::IoError(fmt::format("cannot write the workbook '{}': {}", path, lxw_strerror(err)));
  return Status::Ok();
}

}  // namespace kashf::legal

namespace kashf::legal {

Result<std::string> AssessmentWorkbookBytes(const LegalFramework& framework, const std::vector<Assessment>& stored,
                                            const WorkbookExportOptions& options) {
  const char* tmp = std::getenv("TMPDIR");
  std::string path = std::string(tmp && *tmp ? tmp : "/tmp") + "/kashf-workbook-XXXXXX";
  int fd = mkstemp(path.data());
  if (fd < 0) return Status::IoError("cannot create a temporary file for the workbook");
  close(fd);
  Status st = WriteAssessmentWorkbook(framework, stored, options, path);
  std::string bytes;
  if (st.ok()) {
    std::FILE* in = std::fopen(path.c_str(), "rb");
    if (!in) st = Status::IoError("cannot read back the temporary workbook");
    char buf[1 << 16];
    for (size_t n; in && (n = std::fread(buf, 1, sizeof buf, in)) > 0;) bytes.append(buf, n);
    if (in) std::fclose(in);
  }
  std::remove(path.c_str());
  if (!st.ok()) return st;
  return bytes;
}

}  // namespace kashf::legal
