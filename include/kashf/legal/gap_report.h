// The gap report: the matrix (requirements × jurisdictions), a narrative summary per jurisdiction,
// completeness and a score per chapter of each catalogue, and the top gaps beside their evidence
// from operations. Rendered as printable HTML, as JSON and as XLSX; the same GapReport feeds the CLI, the
// API and the workbench.
// Score of a chapter in a jurisdiction: (met + 0.5 × partly_met) / (assessed − not_applicable)
// over its requirements; completeness: assessed / requirements (assessed = not not_assessed).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "kashf/legal/evidence.h"
#include "kashf/legal/framework.h"
#include "kashf/legal/gap_import.h"

namespace kashf::legal {

struct ChapterScore {
  std::string catalogue;
  std::string chapter;
  std::string title;
  int requirements = 0;
  int assessed = 0;
  int met = 0, partly_met = 0, not_met = 0, not_applicable = 0;
  double completeness = 0;      // assessed / requirements
  std::optional<double> score;  // nullopt when nothing scorable is assessed
};

struct JurisdictionSummary {
  std::string jurisdiction;
  std::string name;
  std::vector<ChapterScore> chapters;
  std::string narrative;  // generated prose: completeness, strongest and weakest chapters, mandatory gaps
};

struct Gap {
  Assessment assessment;  // effective (maybe inherited)
  std::string catalogue;
  std::string article;
  std::string obligation;
  bool mandatory = true;
  std::vector<MeasureValue> evidence;  // measures linked to the requirement
  std::vector<std::string> readings;   // one per evidence entry
};

struct GapReportOptions {
  std::string generated_on;                // YYYY-MM-DD, printed in the report
  std::vector<std::string> jurisdictions;  // empty = all
  std::vector<std::string> catalogues;     // empty = all
  size_t top_gaps = 10;
};

struct GapReport {
  std::string generated_on;
  bool illustrative = false;  // any country or assessment in the report is illustrative
  std::string illustrative_note;
  std::vector<const Catalogue*> catalogues;
  std::vector<const Jurisdiction*> jurisdictions;
  std::vector<Assessment> cells;  // effective assessments, catalogue/requirement/jurisdiction order
  std::vector<JurisdictionSummary> summaries;
  // Own (not inherited) gaps: not_met before partly_met, mandatory first, larger evidence share first.
  std::vector<Gap> top_gaps;
  std::vector<MeasureValue> measures;
};

GapReport BuildGapReport(const LegalFramework& framework, const std::vector<Assessment>& stored,
                         const std::vector<MeasureValue>& measures, const GapReportOptions& options);
nlohmann::json GapReportJson(const GapReport& report);
// The JSON shapes shared by the report, the API and the CLI (docs/openapi.yaml GapAssessment, GapMeasure).
nlohmann::json AssessmentJson(const Assessment& a);
nlohmann::json MeasureValueJson(const MeasureValue& m);
nlohmann::json CommentJson(const Comment& c);
nlohmann::json ChangeJson(const AssessmentChange& c);
// {"rows", "stored", "unchanged", "errors"} (docs/openapi.yaml GapImportReport).
nlohmann::json ImportReportJson(const ImportReport& report, const std::vector<Assessment>& stored, bool dry_run);
// A self-contained printable HTML page (inline CSS, print stylesheet); all text escaped.
std::string GapReportHtml(const GapReport& report);
// The report as an XLSX workbook at `path`: sheets Matrix (status word on its colour per
// requirement × jurisdiction), Chapters (completeness and score) and Top gaps (with evidence).
Status WriteGapReportXlsx(const GapReport& report, const std::string& path);

}  // namespace kashf::legal
