#include "kashf/legal/assessment_workbook.h"

#include <gtest/gtest.h>

#include <regex>

#include "kashf/ingest/xlsx_workbook.h"
#include "kashf/testing/files.h"
#include "kashf/testing/zip_parts.h"

namespace kashf::legal {
namespace {

// A small synthetic framework: two catalogues, a federation with two provinces (Sindh defers to the
// federation for the trafficking catalogue) and one instrument per jurisdiction.
LegalFramework MakeFramework() {
  LegalFramework f;
  Catalogue fp;
  fp.id = "un-firearms-protocol";
  fp.title = "UN Firearms Protocol (2001)";
  fp.short_name = "Firearms Protocol";
  fp.version = "2026.1";
  fp.chapters = {{"criminalisation", "Criminalisation (Art. 5)"}, {"marking", "Marking (Art. 8)"}};
  fp.requirements = {
      {"FP-05a", "5.1(a)", "criminalisation", Force::kMandatory, "mandatory", "Criminalise illicit manufacturing",
       "Offence section"},
      {"FP-08a", "8.1(a)", "marking", Force::kMandatory, "mandatory", "Unique marking at manufacture", "Marking rule"},
      {"FP-08b", "8.1(b)", "marking", Force::kMandatory, "mandatory", "Import marking", "Import rule"},
  };
  Catalogue tip;
  tip.id = "un-tip-protocol";
  tip.title = "UN Trafficking in Persons Protocol (2000)";
  tip.short_name = "Trafficking in Persons Protocol";
  tip.version = "2026.1";
  tip.chapters = {{"protection", "Protection (Arts. 6-8)"}};
  tip.requirements = {{"TIP-06a", "6.1", "protection", Force::kMandatory, "mandatory", "Protect privacy of victims",
                       "Confidentiality provision"}};
  f.catalogues = {fp, tip};
  Country pk;
  pk.id = "pk";
  pk.name = "Pakistan";
  pk.illustrative = true;
  Jurisdiction fed{"pk", "Pakistan (federal)", "pk", "federal", "", {}};
  Jurisdiction pb{"pk-pb", "Punjab", "pk", "provincial", "pk", {}};
  Jurisdiction sd{"pk-sd", "Sindh", "pk", "provincial", "pk", {{"un-tip-protocol", "pk", "a federal subject"}}};
  pk.jurisdictions = {fed, pb, sd};
  Instrument arms;
  arms.id = "pk-arms-ordinance-1965";
  arms.jurisdiction = "pk";
  arms.title = "Pakistan Arms Ordinance 1965";
  arms.kind = "ordinance";
  arms.enacted = "1965-01-01";
  arms.in_force = "1965-01-01";
  arms.sections = {{"13", "Possession", "Whoever has in possession ..."}, {"8", "Marking", "Every arm shall ..."}};
  Instrument pb_arms = arms;
  pb_arms.id = "pk-pb-arms-ordinance-1965";
  pb_arms.jurisdiction = "pk-pb";
  pb_arms.title = "Punjab Arms Ordinance 1965";
  Instrument pta;
  pta.id = "pk-pta-2018";
  pta.jurisdiction = "pk";
  pta.title = "Prevention of Trafficking in Persons Act 2018";
  pta.kind = "act";
  pta.enacted = "2018-05-31";
  pta.in_force = "2018-05-31";
  pta.sections = {{"12", "Protection of victims", "..."}};
  pk.instruments = {arms, pb_arms, pta};
  f.countries = {pk};
  return f;
}

Assessment Stored(const std::string& req, const std::string& jur, Compliance status, const std::string& provisions,
                  const std::string& justification, int64_t version) {
  Assessment a;
  a.requirement = req;
  a.jurisdiction = jur;
  a.catalogue_version = "2026.1";
  a.status = status;
  if (!provisions.empty()) a.provisions = *ParseCitations(provisions);
  a.justification = justification;
  a.assessed_by = "asma";
  a.assessed_on = "2026-01-10";
  a.version = version;
  return a;
}

std::vector<Assessment> StoredAtExport() {
  return {Stored("FP-05a", "pk", Compliance::kMet, "pk-arms-ordinance-1965 s.13", "offence and penalty", 2),
          Stored("FP-08a", "pk", Compliance::kNotMet, "", "no marking rule", 1),
          Stored("TIP-06a", "pk", Compliance::kPartlyMet, "pk-pta-2018 s.12", "privacy in court only", 1)};
}

std::string Export(const LegalFramework& f, const std::vector<Assessment>& stored,
                   const WorkbookExportOptions& options = {{}, {}, "2026-03-01", "asma"}) {
  std::string path = testing::FreshTempDir("workbook") + "/workshop.xlsx";
  Status st = WriteAssessmentWorkbook(f, stored, options, path);
  EXPECT_TRUE(st.ok()) << st.ToString();
  return path;
}

// Worksheet parts in tab order: Read me, Firearms Protocol, Trafficking in Persons Protocol,
// Instruments, _kashf.
const std::string kFirearmsSheet = "xl/worksheets/sheet2.xml";
const std::string kMetaSheetPart = "xl/worksheets/sheet5.xml";

// Replaces cell `ref` of a sheet part with `element` (an inline string unless given whole), the
// way a spreadsheet program would rewrite it.
void SetCell(const std::string& path, const std::string& part, const std::string& ref, const std::string& text,
             bool formula = false) {
  std::string xml = testing::ReadZipPart(path, part);
  std::regex cell("<c r=\"" + ref + "\"[^>]*?(/>|>.*?</c>)");
  std::string element = formula ? "<c r=\"" + ref + "\" t=\"str\"><f>" + text + "</f><v>met</v></c>"
                                : "<c r=\"" + ref + "\" t=\"inlineStr\"><is><t>" + text + "</t></is></c>";
  std::smatch m;
  ASSERT_TRUE(std::regex_search(xml, m, cell)) << ref << " not in " << part;
  xml.replace(static_cast<size_t>(m.position(0)), static_cast<size_t>(m.length(0)), element);
  testing::WriteZipParts(path, {{part, xml}});
}

WorkbookImportReport Import(const LegalFramework& f, const std::vector<Assessment>& stored, const std::string& path) {
  auto wb = ReadXlsxWorkbook(path);
  EXPECT_TRUE(wb.ok()) << wb.status().ToString();
  auto report = ImportAssessmentWorkbook(f, stored, *wb, "2026-03-02");
  EXPECT_TRUE(report.ok()) << report.status().ToString();
  return report.ok() ? *report : WorkbookImportReport{};
}

// Columns: A-E fixed, then pk F-H, pk-pb I-K, pk-sd L-N; data from row 3 (FP-05a, FP-08a, FP-08b).

TEST(AssessmentWorkbook, ExportHasListsProtectionWithoutPasswordAndHiddenMetadata) {
  LegalFramework f = MakeFramework();
  std::string path = Export(f, StoredAtExport());
  auto wb = ReadXlsxWorkbook(path);
  ASSERT_TRUE(wb.ok()) << wb.status().ToString();
  std::vector<std::string> names;
  for (const auto& s : wb->sheets) names.push_back(s.name);
  EXPECT_EQ(names, (std::vector<std::string>{"Read me", "Firearms Protocol", "Trafficking in Persons Protocol",
                                             "Instruments", "_kashf"}));
  EXPECT_TRUE(wb->Find("_kashf")->hidden);
  EXPECT_FALSE(wb->Find("Firearms Protocol")->hidden);
  const XlsxSheet& fp = *wb->Find("Firearms Protocol");
  EXPECT_EQ(fp.rows[1].Cell(5).value, "pk status");
  EXPECT_EQ(fp.rows[1].Cell(13).value, "pk-sd justification");
  EXPECT_EQ(fp.rows[2].Cell(0).value, "FP-05a");
  EXPECT_EQ(fp.rows[2].Cell(5).value, "met");
  EXPECT_EQ(fp.rows[2].Cell(6).value, "pk-arms-ordinance-1965 s.13");
  EXPECT_EQ(fp.rows[3].Cell(8).value, "not yet assessed");

  std::string xml = testing::ReadZipPart(path, kFirearmsSheet);
  EXPECT_NE(xml.find("<dataValidation type=\"list\""), std::string::npos);
  EXPECT_NE(xml.find("\"met,partly met,not met,not applicable,not yet assessed\""), std::string::npos) << xml;
  EXPECT_NE(xml.find("sqref=\"F3:F5\""), std::string::npos);
  EXPECT_NE(xml.find("<sheetProtection"), std::string::npos);
  EXPECT_EQ(xml.find("password="), std::string::npos);  // no secret needed to lift it
  // Requirement cells use a locked style, status cells an unlocked one.
  std::string styles = testing::ReadZipPart(path, "xl/styles.xml");
  std::smatch id_style, status_style;
  ASSERT_TRUE(std::regex_search(xml, id_style, std::regex("<c r=\"A3\" s=\"(\\d+)\"")));
  ASSERT_TRUE(std::regex_search(xml, status_style, std::regex("<c r=\"F3\" s=\"(\\d+)\"")));
  std::vector<std::string> xfs;
  std::string cell_xfs = styles.substr(styles.find("<cellXfs"));
  const std::regex xf("<xf [^>]*?(/>|>.*?</xf>)");
  for (std::sregex_iterator it(cell_xfs.begin(), cell_xfs.end(), xf), end; it != end; ++it) xfs.push_back(it->str());
  EXPECT_EQ(xfs.at(std::stoul(id_style[1])).find("locked=\"0\""), std::string::npos);
  EXPECT_NE(xfs.at(std::stoul(status_style[1])).find("locked=\"0\""), std::string::npos);
  // Sindh's trafficking cell is inherited from the federation, and says so.
  const XlsxSheet& tip = *wb->Find("Trafficking in Persons Protocol");
  EXPECT_EQ(tip.rows[2].Cell(11).value, "partly met");
}

TEST(AssessmentWorkbook, UnchangedWorkbookImportsNothing) {
  LegalFramework f = MakeFramework();
  auto stored = StoredAtExport();
  WorkbookImportReport r = Import(f, stored, Export(f, stored));
  EXPECT_EQ(r.rows, 4);
  EXPECT_EQ(r.unchanged, 4 * 3);
  EXPECT_TRUE(r.changes.empty());
  EXPECT_TRUE(r.conflicts.empty());
  EXPECT_TRUE(r.errors.empty()) << WorkbookImportReportText(r);
}

TEST(AssessmentWorkbook, EditedCellsComeBackAsChangesWithBeforeAndAfter) {
  LegalFramework f = MakeFramework();
  auto stored = StoredAtExport();
  std::string path = Export(f, stored);
  SetCell(path, kFirearmsSheet, "I4", "partly met");                        // FP-08a pk-pb
  SetCell(path, kFirearmsSheet, "J4", "pk-pb-arms-ordinance-1965 s.8");     // its provisions
  SetCell(path, kFirearmsSheet, "K4", "marking rule covers local makers");  // its justification
  SetCell(path, kFirearmsSheet, "F3", "  MET ");                            // same status, other spelling
  WorkbookImportReport r = Import(f, stored, path);
  ASSERT_TRUE(r.errors.empty()) << WorkbookImportReportText(r);
  ASSERT_EQ(r.changes.size(), 1u) << WorkbookImportReportText(r);
  const WorkbookChange& c = r.changes[0];
  EXPECT_EQ(c.sheet, "Firearms Protocol");
  EXPECT_EQ(c.cell, "I4");
  EXPECT_EQ(c.requirement, "FP-08a");
  EXPECT_EQ(c.jurisdiction, "pk-pb");
  EXPECT_EQ(c.before.status, "not yet assessed");
  EXPECT_EQ(c.after.status, "partly met");
  ASSERT_EQ(r.accepted.size(), 1u);
  EXPECT_EQ(r.accepted[0].status, Compliance::kPartlyMet);
  EXPECT_EQ(FormatCitations(r.accepted[0].provisions), "pk-pb-arms-ordinance-1965 s.8");
  EXPECT_EQ(r.accepted[0].justification, "marking rule covers local makers");
  EXPECT_EQ(r.accepted[0].assessed_on, "2026-03-02");
  EXPECT_EQ(r.unchanged, 11);
  std::string text = WorkbookImportReportText(r);
  EXPECT_NE(text.find("changed  Firearms Protocol!I4 FP-08a pk-pb: not yet assessed -> partly met"), std::string::npos)
      << text;
}

TEST(AssessmentWorkbook, ARowChangedInKashfSinceTheExportIsAConflictNotOverwritten) {
  LegalFramework f = MakeFramework();
  auto at_export = StoredAtExport();
  std::string path = Export(f, at_export);
  SetCell(path, kFirearmsSheet, "F4", "partly met");  // FP-08a pk: workshop says partly met
  SetCell(path, kFirearmsSheet, "F3", "partly met");  // FP-05a pk: same edit was made in Kashf
  SetCell(path, kFirearmsSheet, "L3", "met");         // FP-05a pk-sd: nobody else touched it
  // Meanwhile in Kashf: FP-08a pk was re-assessed as not applicable; FP-05a pk as partly met.
  auto now = at_export;
  now[1] = Stored("FP-08a", "pk", Compliance::kNotApplicable, "", "marking is a provincial matter", 2);
  now[0] = Stored("FP-05a", "pk", Compliance::kPartlyMet, "pk-arms-ordinance-1965 s.13", "offence and penalty", 3);
  WorkbookImportReport r = Import(f, now, path);
  ASSERT_EQ(r.conflicts.size(), 1u) << WorkbookImportReportText(r);
  const WorkbookConflict& c = r.conflicts[0];
  EXPECT_EQ(c.cell, "F4");
  EXPECT_EQ(c.requirement, "FP-08a");
  EXPECT_EQ(c.base.status, "not met");
  EXPECT_EQ(c.base.version, 1);
  EXPECT_EQ(c.theirs.status, "partly met");
  EXPECT_EQ(c.ours.status, "not applicable");
  EXPECT_EQ(c.ours.justification, "marking is a provincial matter");
  EXPECT_EQ(c.ours.version, 2);
  ASSERT_EQ(r.changes.size(), 1u) << WorkbookImportReportText(r);
  EXPECT_EQ(r.changes[0].cell, "L3");
  ASSERT_EQ(r.accepted.size(), 1u);
  EXPECT_EQ(r.accepted[0].jurisdiction, "pk-sd");
  EXPECT_TRUE(r.errors.empty()) << WorkbookImportReportText(r);
  std::string text = WorkbookImportReportText(r);
  EXPECT_NE(text.find("base   (exported) not met"), std::string::npos) << text;
  EXPECT_NE(text.find("ours   (Kashf now) not applicable"), std::string::npos) << text;
  // Imported twice: the second import sees its own first import as a change made since.
}

TEST(AssessmentWorkbook, BadCellsAreReportedByCellWhileValidCellsAreKept) {
  LegalFramework f = MakeFramework();
  auto stored = StoredAtExport();
  std::string path = Export(f, stored);
  SetCell(path, kFirearmsSheet, "A5", "FP-99z");                           // unknown requirement (row FP-08b)
  SetCell(path, kFirearmsSheet, "I3", "mostly met");                       // status outside the list
  SetCell(path, kFirearmsSheet, "L3", "IF(1,\"met\",\"not met\")", true);  // formula
  SetCell(path, kFirearmsSheet, "G4", "pk-no-such-act s.1");               // FP-08a pk cites nothing real
  SetCell(path, kFirearmsSheet, "F4", "partly met");
  SetCell(path, kFirearmsSheet, "L4", "met");  // FP-08a pk-sd: valid
  WorkbookImportReport r = Import(f, stored, path);
  std::string text = WorkbookImportReportText(r);
  ASSERT_EQ(r.changes.size(), 1u) << text;
  EXPECT_EQ(r.changes[0].cell, "L4");
  ASSERT_EQ(r.accepted.size(), 1u);
  EXPECT_EQ(r.accepted[0].requirement, "FP-08a");
  EXPECT_EQ(r.accepted[0].jurisdiction, "pk-sd");
  auto error_at = [&r](const std::string& cell) -> std::string {
    for (const auto& e : r.errors)
      if (e.cell == cell) return e.message;
    return "";
  };
  EXPECT_NE(error_at("A5").find("unknown requirement id 'FP-99z'"), std::string::npos) << text;
  EXPECT_NE(error_at("I3").find("status 'mostly met'"), std::string::npos) << text;
  EXPECT_NE(error_at("L3").find("formula"), std::string::npos) << text;
  EXPECT_NE(error_at("F4").find("provisions"), std::string::npos) << text;
  EXPECT_EQ(r.errors.size(), 4u) << text;
}

TEST(AssessmentWorkbook, UnknownJurisdictionColumnsAndChangedCatalogueVersionsAreRefused) {
  LegalFramework f = MakeFramework();
  auto stored = StoredAtExport();
  std::string path = Export(f, stored);
  for (const char* ref : {"L2", "M2", "N2"}) {
    std::string header = std::string("pk-xx ") + (ref[0] == 'L'   ? "status"
                                                  : ref[0] == 'M' ? "provisions"
                                                                  : "justification");
    SetCell(path, kFirearmsSheet, ref, header);
  }
  SetCell(path, kFirearmsSheet, "L3", "met");  // under the unknown jurisdiction: ignored
  SetCell(path, kFirearmsSheet, "I3", "met");  // pk-pb: fine
  WorkbookImportReport r = Import(f, stored, path);
  std::string text = WorkbookImportReportText(r);
  ASSERT_EQ(r.changes.size(), 1u) << text;
  EXPECT_EQ(r.changes[0].cell, "I3");
  ASSERT_EQ(r.errors.size(), 3u) << text;
  EXPECT_NE(r.errors[0].message.find("unknown jurisdiction 'pk-xx'"), std::string::npos) << text;

  // The catalogue moved on since the export: changed cells are refused, nothing is stored.
  LegalFramework newer = MakeFramework();
  newer.catalogues[0].version = "2027.1";
  r = Import(newer, stored, path);
  text = WorkbookImportReportText(r);
  EXPECT_TRUE(r.accepted.empty()) << text;
  bool found = false;
  for (const auto& e : r.errors) found = found || e.message.find("was version 2026.1") != std::string::npos;
  EXPECT_TRUE(found) << text;
}

TEST(AssessmentWorkbook, EditedMetadataIsDetectedAndForeignWorkbooksRefused) {
  LegalFramework f = MakeFramework();
  auto stored = StoredAtExport();
  std::string path = Export(f, stored);
  // Someone unhid _kashf and changed the exported status of FP-05a pk (row 4: format, exported, the
  // catalogue row, then the cells: FP-05a pk is the first).

  std::string meta = testing::ReadZipPart(path, kMetaSheetPart);
  ASSERT_NE(meta.find("<c r=\"G4\""), std::string::npos) << meta;
  SetCell(path, kMetaSheetPart, "G4", "partly met");
  SetCell(path, kFirearmsSheet, "F3", "partly met");
  WorkbookImportReport r = Import(f, stored, path);
  std::string text = WorkbookImportReportText(r);
  EXPECT_TRUE(r.accepted.empty()) << text;
  ASSERT_EQ(r.errors.size(), 1u) << text;
  EXPECT_EQ(r.errors[0].cell, "F3");
  EXPECT_NE(r.errors[0].message.find("_kashf record of this cell was edited"), std::string::npos) << text;

  XlsxWorkbook foreign;
  foreign.sheets.push_back({"Sheet1", false, {}});
  auto refused = ImportAssessmentWorkbook(f, stored, foreign, "2026-03-02");
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.status().message().find("not exported by Kashf"), std::string::npos);
}

TEST(AssessmentWorkbook, AppliedThroughTheStoreOnceDryRunsStoreNothingAndReviewersAreRefused) {
  LegalFramework f = MakeFramework();
  std::string dir = testing::FreshTempDir("workbook");
  auto store = OpenSqliteGapStore(dir + "/kashf.db", f);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  GapActor assessor{"asma", "unodc", auth::Role::kAssessor};
  auto first = StoredAtExport();
  for (auto& a : first) a.version = 0;
  ASSERT_TRUE((*store)->Save(assessor, first).ok());
  auto stored = (*store)->Latest("");
  ASSERT_TRUE(stored.ok());
  std::string path = dir + "/workshop.xlsx";
  ASSERT_TRUE(WriteAssessmentWorkbook(f, *stored, {{}, {}, "2026-03-01", "asma"}, path).ok());
  SetCell(path, kFirearmsSheet, "I4", "met");
  auto wb = ReadXlsxWorkbook(path);
  ASSERT_TRUE(wb.ok());

  auto dry = ApplyAssessmentWorkbook(**store, assessor, f, *wb, "2026-03-02", true);
  ASSERT_TRUE(dry.ok()) << dry.status().ToString();
  EXPECT_EQ(dry->changes.size(), 1u);
  EXPECT_EQ(dry->stored, 0);
  GapActor reviewer{"rehana", "moi", auth::Role::kReviewer};
  EXPECT_FALSE(ApplyAssessmentWorkbook(**store, reviewer, f, *wb, "2026-03-02", false).ok());
  EXPECT_EQ((*store)->Latest("")->size(), 3u);

  auto applied = ApplyAssessmentWorkbook(**store, assessor, f, *wb, "2026-03-02", false);
  ASSERT_TRUE(applied.ok()) << applied.status().ToString();
  EXPECT_EQ(applied->stored, 1);
  auto history = (*store)->History("FP-08a", "pk-pb");
  ASSERT_TRUE(history.ok());
  ASSERT_EQ(history->size(), 1u);
  EXPECT_EQ(history->at(0).status, Compliance::kMet);
  EXPECT_EQ(history->at(0).assessed_by, "asma");
  // The same workbook again: the change is already in Kashf, so nothing is stored and nothing conflicts.
  auto again = ApplyAssessmentWorkbook(**store, assessor, f, *wb, "2026-03-03", false);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->stored, 0);
  EXPECT_TRUE(again->changes.empty());
  EXPECT_TRUE(again->conflicts.empty()) << WorkbookImportReportText(*again);
  EXPECT_EQ((*store)->History("FP-08a", "pk-pb")->size(), 1u);
}

TEST(AssessmentWorkbook, ExportRefusesUnknownSelections) {
  LegalFramework f = MakeFramework();
  std::string dir = testing::FreshTempDir("workbook");
  Status st = WriteAssessmentWorkbook(f, {}, {{"un-atf"}, {}, "2026-03-01", "asma"}, dir + "/a.xlsx");
  EXPECT_NE(st.message().find("no catalogue 'un-atf'"), std::string::npos) << st.ToString();
  st = WriteAssessmentWorkbook(f, {}, {{}, {"pk-xx"}, "2026-03-01", "asma"}, dir + "/b.xlsx");
  EXPECT_NE(st.message().find("no jurisdiction 'pk-xx'"), std::string::npos) << st.ToString();
  auto bytes = AssessmentWorkbookBytes(f, {}, {{"un-firearms-protocol"}, {"pk-pb"}, "2026-03-01", "asma"});
  ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
  auto wb = ReadXlsxWorkbookBytes(*bytes, "download.xlsx");
  ASSERT_TRUE(wb.ok()) << wb.status().ToString();
  EXPECT_EQ(wb->sheets.size(), 4u);
  EXPECT_EQ(wb->Find("Firearms Protocol")->rows[1].Cell(5).value, "pk-pb status");
  EXPECT_EQ(wb->Find("Firearms Protocol")->rows[1].Cell(8).value, "");
}

}  // namespace
}  // namespace kashf::legal
