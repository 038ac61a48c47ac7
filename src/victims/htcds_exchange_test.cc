#include "kashf/victims/htcds_exchange.h"

#include <gtest/gtest.h>

#include "kashf/testing/files.h"
#include "kashf/testing/golden.h"

namespace kashf::victims {
namespace {

using nlohmann::json;

const Actor kCoordinator{"nrm-admin", "nrm-secretariat", true};

// Two synthetic cases with every field the exchange carries filled, multi-valued fields with
// several values, perpetrators, referrals both ways, support plans, comments and coordinates.
std::vector<NewCase> SyntheticCases() {
  NewCase a;
  VictimCase& c = a.record;
  c.agency = "fia-ahtc-lahore";
  c.registration_date = "2025-02-10";
  c.sex = "female";
  c.age_at_registration = 23;
  c.citizenship = "PAK";
  c.additional_citizenships = {"AFG"};
  c.primary_language = "urd";
  c.secondary_language = "pus";
  c.education = "lower_secondary";
  c.marital_status = "married";
  c.number_of_children = 2;
  c.trafficking_status = "actual";
  c.status_decided_by = "fia";
  c.age_when_trafficked = 21;
  c.recruiter_relation = "agent";
  c.recruitment_methods = {"job_offer", "debt"};
  c.recruitment_platforms = {"whatsapp", "facebook"};
  c.means_of_control = {"debt_bondage", "withheld_documents", "threats"};
  c.exploitation_types = {"forced_labour", "sexual_exploitation"};
  c.labour_sector = "domestic_work";
  c.sexual_exploitation_types = {"prostitution"};
  c.exploitation_platforms = {"telegram"};
  c.vulnerabilities = {"poverty", "migration"};
  c.months_trafficked = 14;
  c.perpetrators = {
      {{"recruiter_or_intermediary", "transporter"}, "Arranged the visa", "Falcon Travels", "ent-0042", "male", "PAK"},
      {{"exploiter"}, "", "", "", "female", "ARE"}};
  c.events = {{"recruitment", "PAK", "Sialkot", "2023-01-05", "Punjab", "Met at the bus stand"},
              {"exploitation", "ARE", "Dubai", "2023-02-01", "Dubai", ""}};
  c.support_plan = {"shelter", "legal_aid"};
  c.support_objectives = {{"shelter", "Safe accommodation", "2025-02-11", "2025-05-11", "2025-04-30", "achieved"},
                          {"legal_aid", "Statement to the court", "2025-03-01", "2025-09-01", "", "in_progress"}};
  c.offences = {"pk-ptpa-2018-s3"};
  c.case_status = "follow_up";
  c.case_owner = "amna";
  c.stages = {{"identification", "2025-02-10", "", ""}, {"referral", "2025-02-12", "", "to the shelter"}};
  c.extensions = 1;
  c.referrals = {
      {"in", "shelter", "Edhi Foundation", "2025-02-09", false, "Case worker A", "additional_services_required",
       "arrived by night", "accepted"},
      {"out", "legal_aid", "Legal Aid Society", "2025-03-01", true, "Case worker B", "other", "", "pending"}};
  c.consents = {{"referral_identity", true, "2025-02-10", "amna"}, {"statistics", true, "2025-02-10", "amna"}};
  Identity& id = a.identity;
  id.first_name = "Synthetic";
  id.middle_name = "Test";
  id.second_name = "Person";
  id.father_name = "Synthetic Father";
  id.national_id = "00000-0000000-1";
  id.date_of_birth = "2001-06-01";
  id.phone = "+92 300 0000001";
  id.home_phone = "+92 42 0000001";
  id.email = "synthetic@example.org";
  id.address_street = "1 Test Street";
  id.address_city = "Lahore";
  id.address_state = "Punjab";
  id.address_postal_code = "54000";
  id.address_country = "PAK";
  id.vulnerability_details = "SEALED-VULNERABILITY-DETAIL";
  id.event_points = {{0, 32.4945, 74.5229}, {1, 25.2048, 55.2708}};
  id.comments = {{"2025-02-11", "amna", "SEALED-COMMENT-TEXT"}, {"2025-03-02", "sara", "Second note"}};

  NewCase b;
  b.record.agency = "shelter-dar-ul-aman";
  b.record.registration_date = "2025-04-01";
  b.record.sex = "male";
  b.record.citizenship = "BGD";
  b.record.exploitation_types = {"forced_labour"};
  b.record.labour_sector = "construction";
  b.record.events = {{"exploitation", "PAK", "Karachi", "2024-12-01", "", ""}};
  b.record.deceased = true;
  b.identity.full_name = "Synthetic Two";
  std::vector<NewCase> out;
  out.push_back(std::move(a));
  out.push_back(std::move(b));
  return out;
}

class HtcdsExchangeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing::FreshTempDir("htcds-exchange");
    ASSERT_TRUE(IdentityVault::GenerateKeyFile(dir_ + "/victim.key").ok());
    picklists_ = *HtcdsPicklists::LoadDefault();
  }

  std::unique_ptr<CaseRegistry> Open(const std::string& name) {
    RegistryOptions options;
    options.vault = *IdentityVault::FromKeyFile(dir_ + "/victim.key");
    auto r =
        OpenSqliteCaseRegistry(dir_ + "/" + name, *NrmProcess::LoadDefault(), *OffenceTable::LoadDefault(), options);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return std::move(*r);
  }

  json Export(CaseRegistry& reg, bool identities) {
    auto cases = CasesForExport(reg, kCoordinator, identities);
    EXPECT_TRUE(cases.ok()) << cases.status().ToString();
    return HtcdsDocument(*cases, picklists_);
  }

  HtcdsImportReport Import(CaseRegistry& reg, const json& doc) {
    auto parsed = ParseHtcdsDocument(doc, picklists_);
    EXPECT_TRUE(parsed.ok()) << parsed.status().ToString();
    auto report = ImportHtcdsCases(reg, kCoordinator, std::move(*parsed));
    EXPECT_TRUE(report.ok()) << report.status().ToString();
    return *report;
  }

  // `doc` written as a workbook, read back and imported into the fresh store `db`.
  HtcdsImportReport ImportViaWorkbook(const json& doc, const std::string& db) {
    std::string path = dir_ + "/" + db + ".xlsx";
    EXPECT_TRUE(WriteHtcdsWorkbook(doc, path).ok());
    auto read = ReadHtcdsWorkbook(path);
    EXPECT_TRUE(read.ok()) << read.status().ToString();
    fresh_ = Open(db);
    return Import(*fresh_, read.ok() ? *read : json::object({{"cases", json::array()}}));
  }

  // The synthetic cases registered in a fresh store and exported with identities.
  json FirstExport() {
    auto reg = Open("first.db");
    EXPECT_TRUE(reg->CreateCases(kCoordinator, SyntheticCases()).ok());
    return Export(*reg, true);
  }

  std::string dir_;
  HtcdsPicklists picklists_;
  std::unique_ptr<CaseRegistry> fresh_;  // the store ImportViaWorkbook imported into
};

TEST_F(HtcdsExchangeTest, JsonExportMatchesGoldenFile) {
  EXPECT_TRUE(testing::MatchesGoldenFile(FirstExport().dump(2) + "\n", "victims/htcds_cases.json"));
}

TEST_F(HtcdsExchangeTest, JsonRoundTripIsIdentical) {
  json first = FirstExport();
  auto fresh = Open("second.db");
  HtcdsImportReport report = Import(*fresh, first);
  EXPECT_TRUE(report.problems.empty()) << report.problems.front().field << ": " << report.problems.front().problem;
  EXPECT_EQ(report.created.size(), 2u);
  EXPECT_EQ(Export(*fresh, true).dump(2), first.dump(2));
}

TEST_F(HtcdsExchangeTest, WorkbookRoundTripIsIdentical) {
  json first = FirstExport();
  HtcdsImportReport report = ImportViaWorkbook(first, "from-workbook.db");
  ASSERT_TRUE(report.problems.empty()) << report.problems.front().where << " " << report.problems.front().field << ": "
                                       << report.problems.front().problem;
  EXPECT_EQ(Export(*fresh_, true).dump(2), first.dump(2));
}

TEST_F(HtcdsExchangeTest, ReimportingAddsNothing) {
  json first = FirstExport();
  auto fresh = Open("again.db");
  EXPECT_EQ(Import(*fresh, first).created.size(), 2u);
  HtcdsImportReport again = Import(*fresh, first);
  EXPECT_TRUE(again.created.empty());
  ASSERT_EQ(again.skipped.size(), 2u);
  EXPECT_EQ(again.skipped[0], std::make_pair(std::string("case-000001"), std::string("case-000001")));
  EXPECT_EQ(fresh->ListCases(kCoordinator)->size(), 2u);
}

// One problem of the report for `case_ref` and `field`, or nullptr.
const ImportProblem* ProblemOf(const HtcdsImportReport& r, const std::string& case_ref, const std::string& field) {
  for (const auto& p : r.problems)
    if (p.case_ref == case_ref && p.field == field) return &p;
  return nullptr;
}

TEST_F(HtcdsExchangeTest, BadCasesAreReportedByRowAndFieldAndNotStored) {
  json doc = FirstExport();
  json good = doc["cases"][1];
  json unknown_value = good, wrong_type = good, missing_core = good;
  unknown_value["case"]["cas_CaseId"] = "bad-picklist";
  unknown_value["person"]["prs_Gender"] = "Robot";
  wrong_type["case"]["cas_CaseId"] = "bad-type";
  wrong_type["person"]["prs_NumberOfChildren"] = "two";
  missing_core["case"]["cas_CaseId"] = "bad-missing";
  missing_core["person"].erase("prs_Gender");
  doc["cases"] = json::array({unknown_value, good, wrong_type, missing_core});
  auto fresh = Open("bad.db");
  HtcdsImportReport report = Import(*fresh, doc);
  EXPECT_EQ(report.created, std::vector<std::string>{"case-000001"});
  EXPECT_EQ(report.problems.size(), 3u);
  const ImportProblem* p = ProblemOf(report, "bad-picklist", "prs_Gender");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->where, "cases[0].person");
  EXPECT_NE(p->problem.find("'Robot' is not an HTCDS value"), std::string::npos) << p->problem;
  EXPECT_NE(p->problem.find("Female"), std::string::npos) << p->problem;
  p = ProblemOf(report, "bad-type", "prs_NumberOfChildren");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->where, "cases[2].person");
  EXPECT_NE(p->problem.find("whole number"), std::string::npos) << p->problem;
  p = ProblemOf(report, "bad-missing", "prs_Gender");
  ASSERT_NE(p, nullptr);
  EXPECT_NE(p->problem.find("missing"), std::string::npos) << p->problem;
  EXPECT_EQ(fresh->ListCases(kCoordinator)->size(), 1u);
}

TEST_F(HtcdsExchangeTest, WorkbookProblemsNameSheetAndRow) {
  json doc = FirstExport();
  doc["cases"][1]["person"]["prs_NumberOfChildren"] = "two";  // a text cell in a number column
  doc["cases"][0]["victim_context"]["vic_MethodsOfControl"] = json::array({"DebtBondage", "Hypnosis"});
  HtcdsImportReport report = ImportViaWorkbook(doc, "bad-workbook.db");
  EXPECT_TRUE(report.created.empty());
  const ImportProblem* p = ProblemOf(report, "case-000002", "prs_NumberOfChildren");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->where, "Person row 3");
  p = ProblemOf(report, "case-000001", "vic_MethodsOfControl");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->where, "VictimContext row 2");
  EXPECT_NE(p->problem.find("'Hypnosis'"), std::string::npos) << p->problem;
}

TEST_F(HtcdsExchangeTest, ProblemsNeverQuoteIdentityValues) {
  json doc = FirstExport();
  doc["cases"][0]["person"]["prs_FirstName"] = json::array({"SECRET-NAME"});  // wrong kind
  doc["cases"][0]["comments"][0]["cmt_Date"] = "SECRET-DATE";
  auto fresh = Open("secret.db");
  HtcdsImportReport report = Import(*fresh, doc);
  ASSERT_EQ(report.problems.size(), 2u);
  for (const auto& p : report.problems) EXPECT_EQ(p.problem.find("SECRET"), std::string::npos) << p.problem;
}

TEST_F(HtcdsExchangeTest, WithoutIdentitiesTheExportCarriesNoSealedField) {
  auto reg = Open("sealed.db");
  ASSERT_TRUE(reg->CreateCases(kCoordinator, SyntheticCases()).ok());
  std::string text = Export(*reg, false).dump();
  EXPECT_NE(text.find("\"identities\":\"sealed\""), std::string::npos);
  for (const char* secret : {"Synthetic", "SEALED-VULNERABILITY-DETAIL", "SEALED-COMMENT-TEXT", "32.4945",
                             "Met at the bus stand", "synthetic@example.org", "prs_HomePhone"})
    EXPECT_EQ(text.find(secret), std::string::npos) << secret;
  EXPECT_NE(text.find("\"vic_Vulnerabilities\":[\"Poverty\",\"Migration\"]"), std::string::npos);
  // Nor does the store hold them in the clear.
  reg.reset();
  std::string bytes = testing::ReadFile(dir_ + "/sealed.db");
  for (const char* secret : {"SEALED-VULNERABILITY-DETAIL", "SEALED-COMMENT-TEXT", "32.4945"})
    EXPECT_EQ(bytes.find(secret), std::string::npos) << secret;
}

TEST_F(HtcdsExchangeTest, RefusesADocumentThatIsNotHtcds) {
  EXPECT_EQ(ParseHtcdsDocument(json{{"rows", 1}}, picklists_).status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace kashf::victims
