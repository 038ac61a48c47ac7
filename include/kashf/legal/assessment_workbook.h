// The workshop round trip: an assessment exported as an XLSX workbook that officials and civil
// society fill in offline, and imported back with a report of every change, conflict and error.
// Layout (docs/legislative-gaps.md, "Workshop workbook"):
//   - "Read me": how to fill it in; the status list; the sheets are protected WITHOUT a password
//     (the protection only guards against slips: Review > Unprotect Sheet lifts it; the import
//     checks everything again anyway).
//   - one sheet per catalogue: row 1 jurisdiction names, row 2 column headers, then one row per
//     requirement. Columns A-E (requirement id, article, chapter, obligation, evidence in law) are
//     locked; per jurisdiction three unlocked columns "<jurisdiction id> status" (drop-down list),
//     "<jurisdiction id> provisions" ("instrument s.section; ..."), "<jurisdiction id> justification".
//   - "Instruments": the instruments and sections that may be cited (locked).
//   - "_kashf" (hidden, locked): format, catalogue id and version per sheet, and per cell
//     (requirement × jurisdiction) the stored version it was exported at, its values then, and a
//     hash of those values so an edited metadata row is detected.
// Import, cell by cell (requirement × jurisdiction): unchanged from export -> skipped; changed and
// the stored version is still the exported one -> accepted (validated like any import, see
// gap_import.h); changed while someone stored another version since export -> a conflict showing
// base (exported), theirs (workbook) and ours (stored now), never applied; the same edit made both
// ways -> skipped. Invalid cells (unknown requirement or jurisdiction, status outside the list,
// formulas, a catalogue version that changed since export, unknown cited provisions) are reported
// with sheet and cell; nothing invalid is in `accepted`, nothing valid is dropped for another
// cell's error.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "kashf/core/input_limits.h"
#include "kashf/core/result.h"
#include "kashf/ingest/xlsx_workbook.h"
#include "kashf/legal/assessment.h"
#include "kashf/legal/framework.h"
#include "kashf/legal/gap_store.h"

namespace kashf::legal {

// "met", "partly met", "not met", "not applicable", "not yet assessed": the drop-down labels
// (ParseCompliance reads them back).
std::string_view ComplianceLabel(Compliance c);

struct WorkbookExportOptions {
  std::vector<std::string> catalogues;     // catalogue ids; empty = all
  std::vector<std::string> jurisdictions;  // jurisdiction ids; empty = all
  std::string exported_on;                 // YYYY-MM-DD, shown in the read-me
  std::string exported_by;                 // user name, shown in the read-me
};

// Writes the workbook for `stored` (GapStore::Latest("")) to `path`. InvalidArgument for an
// unknown catalogue or jurisdiction in the options; IoError when the file cannot be written.
Status WriteAssessmentWorkbook(const LegalFramework& framework, const std::vector<Assessment>& stored,
                               const WorkbookExportOptions& options, const std::string& path);
// The same workbook as bytes (for the API).
Result<std::string> AssessmentWorkbookBytes(const LegalFramework& framework, const std::vector<Assessment>& stored,
                                            const WorkbookExportOptions& options);

// Values of one cell (requirement × jurisdiction) as text, for the report.
struct WorkbookValues {
  std::string status;  // label, as in the drop-down
  std::string provisions;
  std::string justification;
  int64_t version = 0;  // stored version (0 = none)
};

struct WorkbookChange {
  std::string sheet, cell;  // cell: the status cell, e.g. "F7"
  std::string requirement, jurisdiction;
  WorkbookValues before, after;
};

struct WorkbookConflict {
  std::string sheet, cell;
  std::string requirement, jurisdiction;
  WorkbookValues base;    // as exported
  WorkbookValues theirs;  // in the workbook
  WorkbookValues ours;    // stored now
};

struct WorkbookProblem {
  std::string sheet;
  std::string cell;  // "" when it concerns the whole sheet or workbook
  int64_t row = 0;   // sheet row (0 = not a row)
  std::string requirement, jurisdiction;
  std::string message;
};

struct WorkbookImportReport {
  int rows = 0;                             // requirement rows read
  int unchanged = 0;                        // cells equal to the export (or already equal to what is stored)
  std::vector<WorkbookChange> changes;      // accepted, in sheet order
  std::vector<WorkbookConflict> conflicts;  // not applied
  std::vector<WorkbookProblem> errors;      // not applied
  std::vector<Assessment> accepted;         // to store (GapStore::Save), parallel to `changes`
  int stored = 0;                           // versions stored by ApplyAssessmentWorkbook (0 for a dry run)
};

// Reads back a workbook exported by WriteAssessmentWorkbook, against the current framework and
// `stored` (GapStore::Latest("")). `today` (YYYY-MM-DD) becomes assessed_on of accepted cells.
// A workbook that is not one of Kashf's (no _kashf sheet, unknown format) is an InvalidArgument;
// everything else is reported in the result.
Result<WorkbookImportReport> ImportAssessmentWorkbook(const LegalFramework& framework,
                                                      const std::vector<Assessment>& stored,
                                                      const XlsxWorkbook& workbook, const std::string& today);

// Import as `actor` into `store`: reads the stored assessments, runs ImportAssessmentWorkbook and,
// unless `dry_run`, saves the accepted cells in one transaction (GapStore::Save: all or none,
// audited as gaps.assess). The store's errors (e.g. the role may not assess) are returned as such.
Result<WorkbookImportReport> ApplyAssessmentWorkbook(GapStore& store, const GapActor& actor,
                                                     const LegalFramework& framework, const XlsxWorkbook& workbook,
                                                     const std::string& today, bool dry_run);

nlohmann::json WorkbookImportReportJson(const WorkbookImportReport& report);
// Plain text for the CLI: one line per change, conflict (with base/theirs/ours) and error.
std::string WorkbookImportReportText(const WorkbookImportReport& report);

}  // namespace kashf::legal
