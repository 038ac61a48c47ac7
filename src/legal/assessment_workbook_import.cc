// Import of the workshop workbook: a three-way comparison per cell (requirement × jurisdiction)
// between the values exported (base, kept in the hidden _kashf sheet), the workbook (theirs) and
// the store now (ours), as in a version-control merge: only theirs changed -> apply; both changed
// differently -> conflict; both changed the same way -> nothing to do. Accepted cells are then
// validated like any other import (ValidateImport, gap_import.h).
#include <algorithm>
#include <map>
#include <optional>
#include <tuple>

#include <fmt/format.h>

#include "assessment_workbook_layout.h"
#include "kashf/core/text.h"
#include "kashf/legal/assessment_workbook.h"
#include "kashf/legal/gap_import.h"

namespace kashf::legal {
namespace {

struct Base {
  WorkbookValues values;
  std::string hash;
};

struct SheetMeta {
  std::string sheet, catalogue, version;
};

struct Meta {
  std::vector<SheetMeta> sheets;
  std::map<std::tuple<std::string, std::string, std::string>, Base> cells;  // sheet, requirement, jurisdiction
};

std::string Text(const XlsxRow& row, size_t col) { return std::string(Trim(row.Cell(col).value)); }

Result<Meta> ReadMeta(const XlsxWorkbook& wb) {
  const XlsxSheet* sheet = wb.Find(workbook::kMetaSheet);
  if (!sheet)
    return Status::InvalidArgument(
        "this workbook was not exported by Kashf (it has no hidden _kashf sheet): export one with `kashf gaps "
        "export-workbook` (or Export workbook on the Gaps page), fill that in and import it");
  Meta meta;
  bool format_ok = false;
  for (const XlsxRow& row : sheet->rows) {
    std::string kind = Text(row, 0);
    if (kind == workbook::kMetaFormat) {
      format_ok = Text(row, 1) == workbook::kFormat;
      if (!format_ok)
        return Status::InvalidArgument(
            fmt::format("the workbook's format '{}' is not one this version of Kashf reads ({}); export a fresh one",
                        Text(row, 1), workbook::kFormat));
    } else if (kind == workbook::kMetaCatalogue) {
      meta.sheets.push_back({row.Cell(1).value, Text(row, 2), Text(row, 3)});
    } else if (kind == workbook::kMetaCell) {
      Base b;
      b.values = {row.Cell(6).value, row.Cell(7).value, row.Cell(8).value, 0};
      b.values.version = std::atoll(Text(row, 4).c_str());
      b.hash = Text(row, 5);
      meta.cells[{row.Cell(1).value, Text(row, 2), Text(row, 3)}] = std::move(b);
    }
  }
  if (!format_ok) return Status::InvalidArgument("the workbook's hidden _kashf sheet was damaged; export a fresh one");
  return meta;
}

// The jurisdiction columns of a catalogue sheet, found by their headers.
struct JurisdictionColumns {
  std::string jurisdiction;
  std::array<size_t, 3> col = {SIZE_MAX, SIZE_MAX, SIZE_MAX};
};

// Provisions in the canonical form when they parse, else as typed (so a typo still counts as a change).
std::string CanonicalProvisions(const std::string& text) {
  auto parsed = ParseCitations(text);
  return parsed.ok() ? FormatCitations(*parsed) : std::string(Trim(text));
}

WorkbookValues ValuesOf(const Assessment& a) {
  return {std::string(ComplianceLabel(a.status)), FormatCitations(a.provisions), a.justification, a.version};
}

class Importer {
 public:
  Importer(const LegalFramework& framework, const std::vector<Assessment>& stored, const std::string& today)
      : framework_(framework), stored_(stored), today_(today) {
    for (const auto& a : stored) current_[{a.requirement, a.jurisdiction}] = &a;
  }

  WorkbookImportReport Run(const XlsxWorkbook& wb, const Meta& meta) {
    for (const SheetMeta& sm : meta.sheets) ReadSheet(wb, meta, sm);
    ImportReport validated = ValidateImport(framework_, stored_, rows_, today_);
    for (const ImportError& e : validated.errors) {
      auto it = pending_.find({e.requirement, e.jurisdiction});
      WorkbookProblem p;
      if (it != pending_.end()) {
        p.sheet = it->second.sheet;
        p.cell = it->second.cell;
      }
      p.row = e.line;
      p.requirement = e.requirement;
      p.jurisdiction = e.jurisdiction;
      p.message = e.field.empty() ? e.message : fmt::format("{}: {}", e.field, e.message);
      report_.errors.push_back(std::move(p));
    }
    for (Assessment& a : validated.accepted) {
      auto it = pending_.find({a.requirement, a.jurisdiction});
      if (it == pending_.end()) continue;  // cannot happen: every row sent was pending
      report_.changes.push_back(it->second);
      report_.accepted.push_back(std::move(a));
    }
    return std::move(report_);
  }

 private:
  void Problem(const std::string& sheet, const std::string& cell, int64_t row, const std::string& requirement,
               const std::string& jurisdiction, std::string message) {
    report_.errors.push_back({sheet, cell, row, requirement, jurisdiction, std::move(message)});
  }

  // Maps header cells to jurisdictions; reports headers that are not Kashf's.
  std::optional<std::vector<JurisdictionColumns>> ReadHeader(const XlsxSheet& ws, const std::string& name) {
    const XlsxRow* header = nullptr;
    for (const XlsxRow& r : ws.rows)
      if (r.number == workbook::kHeaderRow) header = &r;
    bool fixed_ok = header != nullptr;
    for (size_t c = 0; fixed_ok && c < workbook::kFixedHeaders.size(); ++c)
      fixed_ok = Text(*header, c) == workbook::kFixedHeaders[c];
    if (!fixed_ok) {
      Problem(name, "", workbook::kHeaderRow, "", "",
              "the column headers in row 2 were changed (columns A-E must be Requirement, Article, Chapter, "
              "Obligation, Evidence in law); nothing on this sheet was imported: copy the values into a fresh export");
      return std::nullopt;
    }
    std::vector<JurisdictionColumns> out;
    for (size_t c = workbook::kFixedHeaders.size(); c < header->cells.size(); ++c) {
      std::string text = Text(*header, c);
      if (text.empty()) continue;
      std::string ref = XlsxCellReference(workbook::kHeaderRow, c);
      auto parsed = workbook::ParseColumnHeader(text);
      if (!parsed) {
        Problem(name, ref, workbook::kHeaderRow, "", "",
                fmt::format("column header '{}' is not '<jurisdiction> status|provisions|justification'; the column "
                            "was ignored",
                            text));
        continue;
      }
      if (!framework_.FindJurisdiction(parsed->jurisdiction)) {
        Problem(name, ref, workbook::kHeaderRow, "", parsed->jurisdiction,
                fmt::format("unknown jurisdiction '{}' in column header '{}'; the column was ignored",
                            parsed->jurisdiction, text));
        continue;
      }
      auto it = std::find_if(out.begin(), out.end(),
                             [&](const JurisdictionColumns& j) { return j.jurisdiction == parsed->jurisdiction; });
      if (it == out.end()) it = out.insert(out.end(), JurisdictionColumns{parsed->jurisdiction, {}});
      it->col[static_cast<size_t>(parsed->field)] = c;
    }
    std::vector<JurisdictionColumns> complete;
    for (auto& j : out) {
      if (std::find(j.col.begin(), j.col.end(), SIZE_MAX) != j.col.end()) {
        Problem(name, "", workbook::kHeaderRow, "", j.jurisdiction,
                fmt::format("jurisdiction '{}' lacks one of its status, provisions and justification columns; its "
                            "columns were ignored",
                            j.jurisdiction));
        continue;
      }
      complete.push_back(std::move(j));
    }
    return complete;
  }

  void ReadSheet(const XlsxWorkbook& wb, const Meta& meta, const SheetMeta& sm) {
    const XlsxSheet* ws = wb.Find(sm.sheet);
    if (!ws) {
      Problem(sm.sheet, "", 0, "", "", "the sheet is missing (renamed or deleted); nothing from it was imported");
      return;
    }
    const Catalogue* cat = nullptr;
    for (const auto& c : framework_.catalogues)
      if (c.id == sm.catalogue) cat = &c;
    if (!cat) {
      Problem(sm.sheet, "", 0, "", "", fmt::format("catalogue '{}' no longer exists in Kashf", sm.catalogue));
      return;
    }
    auto columns = ReadHeader(*ws, sm.sheet);
    if (!columns) return;
    std::map<std::string, int64_t> seen;
    for (const XlsxRow& row : ws->rows) {
      if (row.number < workbook::kFirstDataRow) continue;
      bool blank = !row.too_wide;
      for (const auto& c : row.cells) blank = blank && Trim(c.value).empty() && !c.formula;
      if (blank) continue;
      const XlsxCell& id_cell = row.Cell(0);
      std::string id(Trim(id_cell.value));
      std::string id_ref = XlsxCellReference(row.number, 0);
      if (row.too_wide) {
        Problem(sm.sheet, "", row.number, id, "", "the row has cells past the last column Kashf reads; not imported");
        continue;
      }
      if (id_cell.formula) {
        Problem(sm.sheet, id_ref, row.number, "", "", "the requirement id is a formula; type the id instead");
        continue;
      }
      if (id.empty()) {
        Problem(sm.sheet, id_ref, row.number, "", "", "the row has values but no requirement id; not imported");
        continue;
      }
      if (!cat->Find(id)) {
        Problem(sm.sheet, id_ref, row.number, id, "",
                fmt::format("unknown requirement id '{}' in catalogue '{}' (version {}); the row was not imported", id,
                            cat->id, cat->version));
        continue;
      }
      if (auto [it, fresh] = seen.emplace(id, row.number); !fresh) {
        Problem(sm.sheet, id_ref, row.number, id, "",
                fmt::format("requirement '{}' appears twice (rows {} and {}); this row was not imported", id,
                            it->second, row.number));
        continue;
      }
      ++report_.rows;
      for (const JurisdictionColumns& jc : *columns) ReadCell(meta, sm, *cat, row, id, jc);
    }
  }

  void ReadCell(const Meta& meta, const SheetMeta& sm, const Catalogue& cat, const XlsxRow& row,
                const std::string& requirement, const JurisdictionColumns& jc) {
    const std::string& jur = jc.jurisdiction;
    std::string ref = XlsxCellReference(row.number, jc.col[0]);
    auto problem = [&](const std::string& cell, std::string message) {
      Problem(sm.sheet, cell, row.number, requirement, jur, std::move(message));
    };
    for (size_t k = 0; k < 3; ++k) {
      const XlsxCell& c = row.Cell(jc.col[k]);
      std::string cell = XlsxCellReference(row.number, jc.col[k]);
      if (c.formula) return problem(cell, "the cell holds a formula; type the value instead (formulas are refused)");
      if (c.too_long) return problem(cell, "the cell is longer than the import allows");
    }
    Base base;
    base.values = {std::string(ComplianceLabel(Compliance::kNotAssessed)), "", "", 0};
    base.hash = workbook::CellHash(requirement, jur, 0, base.values.status, "", "");
    if (auto it = meta.cells.find({sm.sheet, requirement, jur}); it != meta.cells.end()) base = it->second;
    if (base.hash != workbook::CellHash(requirement, jur, base.values.version, base.values.status,
                                        base.values.provisions, base.values.justification))
      return problem(ref,
                     "the hidden _kashf record of this cell was edited, so Kashf cannot tell what changed; export a "
                     "fresh workbook and enter the value there");
    WorkbookValues theirs{std::string(Trim(row.Cell(jc.col[0]).value)), CanonicalProvisions(row.Cell(jc.col[1]).value),
                          std::string(Trim(row.Cell(jc.col[2]).value)), 0};
    auto status = ParseCompliance(theirs.status);
    if (!status.ok()) return problem(ref, fmt::format("status '{}': {}", theirs.status, status.status().message()));
    theirs.status = ComplianceLabel(*status);
    auto same = [](const WorkbookValues& a, const WorkbookValues& b) {
      return a.status == b.status && CanonicalProvisions(a.provisions) == CanonicalProvisions(b.provisions) &&
             Trim(a.justification) == Trim(b.justification);
    };
    if (same(theirs, base.values)) {
      ++report_.unchanged;
      return;
    }
    if (cat.version != sm.version)
      return problem(ref, fmt::format("catalogue '{}' was version {} when this workbook was exported and is version {} "
                                      "now; export a fresh workbook and enter this change there",
                                      cat.id, sm.version, cat.version));
    auto cur = current_.find({requirement, jur});
    int64_t ours_version = cur == current_.end() ? 0 : cur->second->version;
    if (ours_version != base.values.version) {
      WorkbookValues ours = ValuesOf(*cur->second);
      if (same(ours, theirs)) {
        ++report_.unchanged;  // the same edit was made in Kashf already
        return;
      }
      theirs.version = base.values.version;
      report_.conflicts.push_back({sm.sheet, ref, requirement, jur, base.values, theirs, ours});
      return;
    }
    ImportRow r;
    r.line = static_cast<int>(row.number);
    r.requirement = requirement;
    r.jurisdiction = jur;
    r.catalogue_version = sm.version;
    r.status = std::string(ComplianceName(*status));
    r.provisions = theirs.provisions;
    r.justification = theirs.justification;
    r.assessed_on = today_;
    r.base_version = std::to_string(base.values.version);
    rows_.push_back(std::move(r));
    pending_[{requirement, jur}] = {sm.sheet, ref, requirement, jur, base.values, theirs};
  }

  const LegalFramework& framework_;
  const std::vector<Assessment>& stored_;
  std::string today_;
  std::map<std::pair<std::string, std::string>, const Assessment*> current_;
  std::vector<ImportRow> rows_;
  std::map<std::pair<std::string, std::string>, WorkbookChange> pending_;
  WorkbookImportReport report_;
};

nlohmann::json ValuesJson(const WorkbookValues& v) {
  return {
      {"status", v.status}, {"provisions", v.provisions}, {"justification", v.justification}, {"version", v.version}};
}

}  // namespace

Result<WorkbookImportReport> ImportAssessmentWorkbook(const LegalFramework& framework,
                                                      const std::vector<Assessment>& stored,
                                                      const XlsxWorkbook& workbook, const std::string& today) {
  KASHF_ASSIGN_OR_RETURN(Meta meta, ReadMeta(workbook));
  return Importer(framework, stored, today).Run(workbook, meta);
}

Result<WorkbookImportReport> ApplyAssessmentWorkbook(GapStore& store, const GapActor& actor,
                                                     const LegalFramework& framework, const XlsxWorkbook& workbook,
                                                     const std::string& today, bool dry_run) {
  KASHF_ASSIGN_OR_RETURN(std::vector<Assessment> stored, store.Latest(""));
  KASHF_ASSIGN_OR_RETURN(WorkbookImportReport report, ImportAssessmentWorkbook(framework, stored, workbook, today));
  if (dry_run || report.accepted.empty()) return report;
  KASHF_ASSIGN_OR_RETURN(auto saved, store.Save(actor, report.accepted));
  report.stored = static_cast<int>(saved.size());
  return report;
}

nlohmann::json WorkbookImportReportJson(const WorkbookImportReport& report) {
  nlohmann::json changes = nlohmann::json::array(), conflicts = nlohmann::json::array(),
                 errors = nlohmann::json::array();
  for (const auto& c : report.changes)
    changes.push_back({{"sheet", c.sheet},
                       {"cell", c.cell},
                       {"requirement", c.requirement},
                       {"jurisdiction", c.jurisdiction},
                       {"before", ValuesJson(c.before)},
                       {"after", ValuesJson(c.after)}});
  for (const auto& c : report.conflicts)
    conflicts.push_back({{"sheet", c.sheet},
                         {"cell", c.cell},
                         {"requirement", c.requirement},
                         {"jurisdiction", c.jurisdiction},
                         {"base", ValuesJson(c.base)},
                         {"theirs", ValuesJson(c.theirs)},
                         {"ours", ValuesJson(c.ours)}});
  for (const auto& e : report.errors)
    errors.push_back({{"sheet", e.sheet},
                      {"cell", e.cell},
                      {"row", e.row},
                      {"requirement", e.requirement},
                      {"jurisdiction", e.jurisdiction},
                      {"message", e.message}});
  return {{"rows", report.rows},
          {"unchanged", report.unchanged},
          {"changed", report.changes.size()},
          {"stored", report.stored},
          {"changes", changes},
          {"conflicts", conflicts},
          {"errors", errors}};
}

std::string WorkbookImportReportText(const WorkbookImportReport& report) {
  auto values = [](const WorkbookValues& v) {
    return fmt::format("{} | {} | {} (version {})", v.status, v.provisions.empty() ? "-" : v.provisions,
                       v.justification.empty() ? "-" : v.justification, v.version);
  };
  std::string out = fmt::format(
      "{} requirement rows read: {} cells changed ({} versions stored), {} unchanged, {} conflicts, {} "
      "errors\n",
      report.rows, report.changes.size(), report.stored, report.unchanged, report.conflicts.size(),
      report.errors.size());
  for (const auto& c : report.changes)
    out += fmt::format("changed  {}!{} {} {}: {} -> {}\n", c.sheet, c.cell, c.requirement, c.jurisdiction,
                       c.before.status, values(c.after));
  for (const auto& c : report.conflicts)
    out += fmt::format(
        "CONFLICT {}!{} {} {}: changed in Kashf since the export; not applied\n  base   (exported) {}\n  theirs "
        "(workbook) {}\n  ours   (Kashf now) {}\n",
        c.sheet, c.cell, c.requirement, c.jurisdiction, values(c.base), values(c.theirs), values(c.ours));
  for (const auto& e : report.errors)
    out += fmt::format("ERROR    {}{}{}{}: {}\n", e.sheet, e.cell.empty() ? "" : "!" + e.cell,
                       e.requirement.empty() ? "" : " " + e.requirement,
                       e.jurisdiction.empty() ? "" : " " + e.jurisdiction, e.message);
  return out;
}

}  // namespace kashf::legal
