// The gap report as an XLSX workbook (libxlsxwriter): a Matrix sheet (requirements × jurisdictions,
// each cell the status word on its status colour), a Chapters sheet (completeness and score per
// jurisdiction and chapter) and a Top gaps sheet (with the operational evidence). Read-only
// report: the workshop workbook that is filled in and imported back is assessment_workbook.h.
#include <xlsxwriter.h>

#include <map>
#include <string>
#include <utility>

#include <fmt/format.h>

#include "kashf/legal/gap_report.h"

namespace kashf::legal {
namespace {

lxw_row_t Row(size_t r) { return static_cast<lxw_row_t>(r); }
lxw_col_t Col(size_t c) { return static_cast<lxw_col_t>(c); }

void WriteNote(lxw_worksheet* ws, const GapReport& r, lxw_format* bold) {
  worksheet_write_string(ws, 0, 0, fmt::format("Legislative gap report, {}", r.generated_on).c_str(), bold);
  if (r.illustrative)
    worksheet_write_string(
        ws, 1, 0, fmt::format("ILLUSTRATIVE: to be verified against the law's text. {}", r.illustrative_note).c_str(),
        nullptr);
}

void WriteMatrix(lxw_workbook* wb, const GapReport& r, lxw_format* bold) {
  lxw_worksheet* ws = workbook_add_worksheet(wb, "Matrix");
  WriteNote(ws, r, bold);
  const size_t header = 3;
  const char* fixed[] = {"catalogue", "requirement", "article", "mandatory", "obligation"};
  for (size_t c = 0; c < 5; ++c) worksheet_write_string(ws, Row(header), Col(c), fixed[c], bold);
  for (size_t j = 0; j < r.jurisdictions.size(); ++j)
    worksheet_write_string(ws, Row(header), Col(5 + j), r.jurisdictions[j]->name.c_str(), bold);
  worksheet_set_column(ws, 4, 4, 60, nullptr);
  worksheet_set_column(ws, 5, Col(5 + r.jurisdictions.size()), 16, nullptr);
  worksheet_freeze_panes(ws, Row(header + 1), 5);
  lxw_format* fills[5] = {};
  for (Compliance c : {Compliance::kMet, Compliance::kPartlyMet, Compliance::kNotMet, Compliance::kNotApplicable,
                       Compliance::kNotAssessed}) {
    lxw_format* f = workbook_add_format(wb);
    format_set_bg_color(f, ComplianceColour(c));
    fills[static_cast<int>(c)] = f;
  }
  std::map<std::pair<std::string, std::string>, const Assessment*> by_cell;  // (requirement, jurisdiction)
  for (const auto& a : r.cells) by_cell[{a.requirement, a.jurisdiction}] = &a;
  size_t row = header + 1;
  for (const Catalogue* cat : r.catalogues) {
    for (const Requirement& q : cat->requirements) {
      worksheet_write_string(ws, Row(row), 0, cat->short_name.c_str(), nullptr);
      worksheet_write_string(ws, Row(row), 1, q.id.c_str(), nullptr);
      worksheet_write_string(ws, Row(row), 2, q.article.c_str(), nullptr);
      worksheet_write_string(ws, Row(row), 3, q.force == Force::kMandatory ? "mandatory" : "optional", nullptr);
      worksheet_write_string(ws, Row(row), 4, q.obligation.c_str(), nullptr);
      for (size_t j = 0; j < r.jurisdictions.size(); ++j) {
        auto it = by_cell.find({q.id, r.jurisdictions[j]->id});
        const Assessment* a = it == by_cell.end() ? nullptr : it->second;
        const Compliance status = a ? a->status : Compliance::kNotAssessed;
        std::string text(ComplianceName(status));
        if (a && !a->inherited_from.empty()) text += " (inherited)";
        worksheet_write_string(ws, Row(row), Col(5 + j), text.c_str(), fills[static_cast<int>(status)]);
      }
      ++row;
    }
  }
}

void WriteChapters(lxw_workbook* wb, const GapReport& r, lxw_format* bold, lxw_format* percent) {
  lxw_worksheet* ws = workbook_add_worksheet(wb, "Chapters");
  WriteNote(ws, r, bold);
  const char* headers[] = {"jurisdiction", "catalogue", "chapter",        "requirements", "assessed", "met",
                           "partly met",   "not met",   "not applicable", "completeness", "score"};
  for (size_t c = 0; c < std::size(headers); ++c) worksheet_write_string(ws, 3, Col(c), headers[c], bold);
  worksheet_set_column(ws, 2, 2, 44, nullptr);
  size_t row = 4;
  for (const auto& s : r.summaries) {
    for (const auto& ch : s.chapters) {
      worksheet_write_string(ws, Row(row), 0, s.name.c_str(), nullptr);
      worksheet_write_string(ws, Row(row), 1, ch.catalogue.c_str(), nullptr);
      worksheet_write_string(ws, Row(row), 2, ch.title.c_str(), nullptr);
      const int counts[] = {ch.requirements, ch.assessed, ch.met, ch.partly_met, ch.not_met, ch.not_applicable};
      for (size_t c = 0; c < std::size(counts); ++c)
        worksheet_write_number(ws, Row(row), Col(3 + c), counts[c], nullptr);
      worksheet_write_number(ws, Row(row), 9, ch.completeness, percent);
      if (ch.score) worksheet_write_number(ws, Row(row), 10, *ch.score, percent);
      else worksheet_write_string(ws, Row(row), 10, "n/a", nullptr);
      ++row;
    }
  }
}

void WriteTopGaps(lxw_workbook* wb, const GapReport& r, lxw_format* bold) {
  lxw_worksheet* ws = workbook_add_worksheet(wb, "Top gaps");
  WriteNote(ws, r, bold);
  const char* headers[] = {"rank",
                           "requirement",
                           "jurisdiction",
                           "status",
                           "article",
                           "obligation",
                           "provisions cited",
                           "justification",
                           "evidence from operations"};
  for (size_t c = 0; c < std::size(headers); ++c) worksheet_write_string(ws, 3, Col(c), headers[c], bold);
  worksheet_set_column(ws, 5, 8, 48, nullptr);
  size_t row = 4;
  for (const auto& g : r.top_gaps) {
    const Assessment& a = g.assessment;
    worksheet_write_number(ws, Row(row), 0, static_cast<double>(row - 3), nullptr);
    worksheet_write_string(ws, Row(row), 1, a.requirement.c_str(), nullptr);
    worksheet_write_string(ws, Row(row), 2, a.jurisdiction.c_str(), nullptr);
    worksheet_write_string(ws, Row(row), 3, std::string(ComplianceName(a.status)).c_str(), nullptr);
    worksheet_write_string(ws, Row(row), 4, g.article.c_str(), nullptr);
    worksheet_write_string(ws, Row(row), 5, g.obligation.c_str(), nullptr);
    worksheet_write_string(ws, Row(row), 6, FormatCitations(a.provisions).c_str(), nullptr);
    worksheet_write_string(ws, Row(row), 7, a.justification.c_str(), nullptr);
    std::string evidence;
    for (const auto& m : g.evidence)
      evidence += fmt::format(
          "{}{}: {}", evidence.empty() ? "" : "; ", m.title,
          m.share ? fmt::format("{:.1f}% ({} of {})", 100 * *m.share, m.count, m.base) : "n/a (" + m.note + ")");
    worksheet_write_string(ws, Row(row), 8, evidence.c_str(), nullptr);
    ++row;
  }
}

}  // namespace

Status WriteGapReportXlsx(const GapReport& report, const std::string& path) {
  lxw_workbook* wb = workbook_new(path.c_str());
  if (!wb) return Status::IoError(fmt::format("cannot create '{}'", path));
  lxw_format* bold = workbook_add_format(wb);
  format_set_bold(bold);
  lxw_format* percent = workbook_add_format(wb);
  format_set_num_format(percent, "0%");
  WriteMatrix(wb, report, bold);
  WriteChapters(wb, report, bold, percent);
  WriteTopGaps(wb, report, bold);
  const lxw_error err = workbook_close(wb);
  if (err != LXW_NO_ERROR)
    return Status::IoError(fmt::format("cannot write the report '{}': {}", path, lxw_strerror(err)));
  return Status::Ok();
}

}  // namespace kashf::legal
