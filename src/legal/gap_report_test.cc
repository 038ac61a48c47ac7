#include "kashf/legal/gap_report.h"

#include <gtest/gtest.h>

#include "kashf/ingest/xlsx_workbook.h"
#include "kashf/testing/files.h"
#include "kashf/testing/golden.h"
#include "legal_test_util.h"

namespace kashf::legal {
namespace {

std::vector<Assessment> Fixture() {
  Assessment fed_marking = MakeAssessment("FP-08a", "pk", Compliance::kNotMet);
  fed_marking.provisions = {{"pk-arms-ordinance-1965", "3"}};
  fed_marking.justification = "licensing only; no marking duty <in the text>";
  Assessment sd_marking = MakeAssessment("FP-08a", "pk-sd", Compliance::kPartlyMet);
  sd_marking.provisions = {{"pk-sd-arms-act-2013", "9"}};
  Assessment pb_records = MakeAssessment("FP-07a", "pk-pb", Compliance::kNotMet);
  Assessment pb_marking = MakeAssessment("FP-08a", "pk-pb", Compliance::kNotMet);
  Assessment tip = MakeAssessment("TIP-06c", "pk", Compliance::kPartlyMet);
  tip.provisions = {{"pk-ptpa-2018", "9"}};
  Assessment tip_crim = MakeAssessment("TIP-05a", "pk", Compliance::kMet);
  Assessment na = MakeAssessment("FP-10a", "pk-pb", Compliance::kNotApplicable);
  na.justification = "import and export licensing is federal";
  return {fed_marking, sd_marking, pb_records, pb_marking, tip, tip_crim, na};
}

std::vector<MeasureValue> Measures() {
  return {{"seized_unmarked", "Seized firearms with no or obliterated serial", 30, 120, 0.25, ""},
          {"traces_no_record", "Answered traces stopped at a missing register record", 9, 10, 0.9, ""},
          {"nrm_no_services_30d", "NRM cases without a services stage within 30 days", 0, 0, std::nullopt,
           "no case register in this store"}};
}

GapReport Build(const GapReportOptions& o) { return BuildGapReport(ShippedFramework(), Fixture(), Measures(), o); }

TEST(GapReportTest, ScoresCompletenessAndTopGapsFollowTheAssessments) {
  GapReport r = Build({"2026-01-15", {}, {"un-firearms-protocol"}, 10});
  const JurisdictionSummary& pb = r.summaries[1];
  ASSERT_EQ(pb.jurisdiction, "pk-pb");
  const ChapterScore* transfers = nullptr;
  for (const auto& c : pb.chapters)
    if (c.chapter == "transfers") transfers = &c;
  ASSERT_NE(transfers, nullptr);
  EXPECT_EQ(transfers->assessed, 1);
  EXPECT_FALSE(transfers->score.has_value());  // only not_applicable: nothing to score
  EXPECT_NEAR(transfers->completeness, 1.0 / 5, 1e-9);
  // Records (9 of 10 traces stopped at a missing record) outranks marking (25% unmarked) among not_met gaps.
  ASSERT_GE(r.top_gaps.size(), 3u);
  EXPECT_EQ(r.top_gaps[0].assessment.requirement, "FP-07a");
  EXPECT_EQ(r.top_gaps[1].assessment.requirement, "FP-08a");
  EXPECT_EQ(r.top_gaps.back().assessment.status, Compliance::kPartlyMet);
  EXPECT_TRUE(r.illustrative);  // the Pakistan data is marked illustrative
}

TEST(GapReportTest, HtmlAndJsonMatchTheGoldenFiles) {
  GapReport r = Build({"2026-01-15", {}, {"un-firearms-protocol", "un-tip-protocol"}, 5});
  std::string html = GapReportHtml(r);
  EXPECT_EQ(html.find("<in the text>"), std::string::npos);  // escaped
  EXPECT_NE(html.find("ILLUSTRATIVE"), std::string::npos);
  EXPECT_TRUE(testing::MatchesGoldenFile(html, "legal/gap-report.html"));
  EXPECT_TRUE(testing::MatchesGoldenFile(GapReportJson(r).dump(2) + "\n", "legal/gap-report.json"));
}

// The XLSX report holds the same matrix, chapter scores and top gaps, read back cell by cell.
TEST(GapReportTest, XlsxHoldsTheMatrixChaptersAndTopGaps) {
  GapReport r = Build({"2026-01-15", {}, {"un-firearms-protocol"}, 5});
  const std::string path = testing::FreshTempDir("gap-report-xlsx") + "/report.xlsx";
  ASSERT_TRUE(WriteGapReportXlsx(r, path).ok());
  auto wb = ReadXlsxWorkbook(path);
  ASSERT_TRUE(wb.ok()) << wb.status().ToString();
  const XlsxSheet* matrix = wb->Find("Matrix");
  ASSERT_NE(matrix, nullptr);
  ASSERT_NE(wb->Find("Chapters"), nullptr);
  const XlsxSheet* top = wb->Find("Top gaps");
  ASSERT_NE(top, nullptr);
  EXPECT_NE(matrix->rows[1].Cell(0).value.find("ILLUSTRATIVE"), std::string::npos);
  // Column of Punjab in the header row; the FP-08a row says not_met there.
  const XlsxRow* header = nullptr;
  for (const auto& row : matrix->rows)
    if (row.Cell(1).value == "requirement") header = &row;
  ASSERT_NE(header, nullptr);
  size_t punjab = 0;
  for (size_t c = 5; c < header->cells.size(); ++c)
    if (header->Cell(c).value == "Punjab") punjab = c;
  ASSERT_GT(punjab, 0u);
  int requirement_rows = 0;
  for (const auto& row : matrix->rows) {
    if (row.Cell(1).value == "FP-08a") {
      EXPECT_EQ(row.Cell(punjab).value, "not_met");
    }
    if (row.number > header->number) ++requirement_rows;
  }
  EXPECT_EQ(requirement_rows, static_cast<int>(r.catalogues[0]->requirements.size()));
  // Top gaps in the report's order, with their evidence.
  std::vector<std::string> ranked;
  for (const auto& row : top->rows)
    if (row.number > 4) ranked.push_back(row.Cell(1).value);
  ASSERT_EQ(ranked.size(), r.top_gaps.size());
  for (size_t i = 0; i < ranked.size(); ++i) EXPECT_EQ(ranked[i], r.top_gaps[i].assessment.requirement);
}

}  // namespace
}  // namespace kashf::legal
