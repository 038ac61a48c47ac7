#include <algorithm>
#include <functional>

#include <gtest/gtest.h>

#include "kashf/audit/audit_log.h"
#include "kashf/store/sqlite_db.h"
#include "kashf/testing/files.h"
#include "kashf/victims/case_generator.h"
#include "kashf/victims/case_registry.h"

namespace kashf::victims {
namespace {

const Actor kFia{"amna", "fia-ahtc-lahore", false};
const Actor kShelter{"sara", "shelter-dar-ul-aman", false};
const Actor kCoordinator{"nrm-admin", "nrm-secretariat", true};

class RegistryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing::FreshTempDir("registry");
    path_ = dir_ + "/kashf.db";
    ASSERT_TRUE(IdentityVault::GenerateKeyFile(dir_ + "/victim.key").ok());
    registry_ = Open(true);
  }

  std::unique_ptr<CaseRegistry> Open(bool with_key) {
    RegistryOptions options;
    if (with_key) options.vault = *IdentityVault::FromKeyFile(dir_ + "/victim.key");
    auto r = OpenSqliteCaseRegistry(path_, *NrmProcess::LoadDefault(), *OffenceTable::LoadDefault(), options);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return std::move(*r);
  }

  static NewCase Survivor(const std::string& name, const std::string& cnic) {
    NewCase nc;
    nc.record.registration_date = "2025-03-01";
    nc.record.sex = "female";
    nc.record.age_at_registration = 19;
    nc.record.citizenship = "PAK";
    nc.record.exploitation_types = {"forced_labour"};
    nc.record.events = {{"recruitment", "PAK", "Sialkot", "2024-10-01", "", ""},
                        {"exploitation", "ARE", "Dubai", "2024-11-01", "", ""}};
    nc.identity.full_name = name;
    nc.identity.father_name = "Ghulam Rasool";
    nc.identity.national_id = cnic;
    nc.identity.date_of_birth = "2006-01-01";
    nc.identity.phone = "+92 300 1234567";
    return nc;
  }

  std::string CreateOne(const Actor& a, const std::string& name = "Rukhsana Bibi",
                        const std::string& cnic = "35202-7654321-2") {
    std::vector<NewCase> v;
    v.push_back(Survivor(name, cnic));
    auto ids = registry_->CreateCases(a, std::move(v));
    EXPECT_TRUE(ids.ok()) << ids.status().ToString();
    return ids->front();
  }

  std::vector<audit::AuditEntry> AuditEntries() {
    auto log = audit::OpenSqliteAuditLog(path_);
    EXPECT_TRUE(log.ok());
    return *(*log)->List(0, 100000);
  }

  std::string dir_, path_;
  std::unique_ptr<CaseRegistry> registry_;
};

TEST_F(RegistryTest, CreatesCaseInFirstStageAndReadsItBack) {
  std::string id = CreateOne(kFia);
  EXPECT_EQ(id, "case-000001");
  auto c = registry_->GetCase(kFia, id);
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->agency, kFia.agency);
  EXPECT_EQ(c->CurrentStage(), "identification");
  EXPECT_EQ(c->stages.front().date, "2025-03-01");
  EXPECT_EQ(c->Route(), "PAK>ARE");
  auto who = registry_->RevealIdentity(kFia, id, "case_management");
  ASSERT_TRUE(who.ok()) << who.status().ToString();
  EXPECT_EQ(who->full_name, "Rukhsana Bibi");
  EXPECT_EQ(who->national_id, "35202-7654321-2");
}

TEST_F(RegistryTest, IdentitiesAreEncryptedAtRestAndUnreadableWithoutKey) {
  std::string id = CreateOne(kFia);
  registry_.reset();
  std::string bytes = testing::ReadFile(path_) + testing::ReadFile(path_ + "-wal");
  EXPECT_EQ(bytes.find("Rukhsana"), std::string::npos);
  EXPECT_EQ(bytes.find("7654321"), std::string::npos);
  EXPECT_EQ(bytes.find("Ghulam Rasool"), std::string::npos);
  auto no_key = Open(false);
  auto r = no_key->RevealIdentity(kFia, id, "case_management");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("--key-file"), std::string::npos);
  std::vector<NewCase> v;
  v.push_back(Survivor("Someone", "1"));
  EXPECT_EQ(no_key->CreateCases(kFia, std::move(v)).status().code(), StatusCode::kFailedPrecondition);
  EXPECT_TRUE(no_key->GetCase(kFia, id).ok());  // the non-identifying record needs no key
}

TEST_F(RegistryTest, CaseWorkersSeeOnlyTheirAgencysCases) {
  std::string fia_case = CreateOne(kFia);
  std::string shelter_case = CreateOne(kShelter, "Kausar Parveen", "42101-1111111-4");
  auto other = registry_->GetCase(kShelter, fia_case);
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.status().code(), StatusCode::kNotFound);
  EXPECT_FALSE(registry_->RevealIdentity(kShelter, fia_case, "case_management").ok());
  EXPECT_FALSE(registry_->Transition(kShelter, fia_case, "referral", "2025-03-02", "", "").ok());
  EXPECT_EQ(*registry_->ListCases(kFia), std::vector<std::string>{fia_case});
  EXPECT_EQ(*registry_->ListCases(kShelter), std::vector<std::string>{shelter_case});
  EXPECT_EQ(registry_->ListCases(kCoordinator)->size(), 2u);
  EXPECT_TRUE(registry_->GetCase(kCoordinator, fia_case).ok());
  EXPECT_EQ(registry_->GetCase(Actor{"", "x", false}, fia_case).status().code(), StatusCode::kInvalidArgument);
  // Blind-index look-up finds the case only within scope.
  EXPECT_EQ(*registry_->FindByNationalId(kFia, "3520276543212"), std::vector<std::string>{fia_case});
  EXPECT_TRUE(registry_->FindByNationalId(kShelter, "35202-7654321-2")->empty());
}

TEST_F(RegistryTest, TransitionsFollowTheProcessAndAreRefusedOtherwise) {
  std::string id = CreateOne(kFia);
  ASSERT_TRUE(registry_->Transition(kFia, id, "referral", "2025-03-02", "", "to shelter").ok());
  Status skip = registry_->Transition(kFia, id, "closure", "2025-03-03", "", "");
  Status jump = registry_->Transition(kFia, id, "services", "2025-03-03", "", "");
  EXPECT_EQ(jump.code(), StatusCode::kFailedPrecondition);
  EXPECT_TRUE(skip.ok());  // referral -> closure is allowed by the profile
  EXPECT_EQ(registry_->GetCase(kFia, id)->CurrentStage(), "closure");
  std::string id2 = CreateOne(kFia, "Samina Akhtar", "35202-2222222-6");
  ASSERT_TRUE(registry_->Transition(kFia, id2, "referral", "2025-03-02", "", "").ok());
  EXPECT_FALSE(registry_->Transition(kFia, id2, "reasonable_grounds", "2025-03-04", "", "").ok());  // no authority
  ASSERT_TRUE(registry_->Transition(kFia, id2, "reasonable_grounds", "2025-03-04", "fia", "positive").ok());
  ASSERT_TRUE(registry_->Transition(kFia, id2, "recovery_reflection", "2025-03-05", "", "").ok());
  ASSERT_TRUE(registry_->Extend(kFia, id2, "2025-04-01", "nrm_competent_authority").ok());
  ASSERT_TRUE(registry_->Extend(kFia, id2, "2025-05-01", "").ok());
  EXPECT_EQ(registry_->Extend(kFia, id2, "2025-06-01", "").code(), StatusCode::kFailedPrecondition);
  auto c = registry_->GetCase(kFia, id2);
  EXPECT_EQ(c->stages.size(), 4u);
  EXPECT_EQ(c->extensions, 2);
}

TEST_F(RegistryTest, OverdueListUsesStageDeadlinesAndExtensions) {
  std::string id = CreateOne(kFia);  // identification on 2025-03-01, 3 days to refer
  auto none = registry_->Overdue(kFia, "2025-03-04");
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty());
  auto late = registry_->Overdue(kFia, "2025-03-10");
  ASSERT_EQ(late->size(), 1u);
  EXPECT_EQ((*late)[0].case_id, id);
  EXPECT_EQ((*late)[0].due_date, "2025-03-04");
  EXPECT_EQ((*late)[0].days_overdue, 6);
  EXPECT_TRUE(registry_->Overdue(kShelter, "2025-03-10")->empty());
  ASSERT_TRUE(registry_->Transition(kFia, id, "referral", "2025-03-10", "", "").ok());
  EXPECT_TRUE(registry_->Overdue(kFia, "2025-03-12")->empty());
}

TEST_F(RegistryTest, ConsentGatesSharingAndCanBeWithdrawn) {
  std::string id = CreateOne(kFia);
  Referral shelter{"out", "shelter", "Dar-ul-Aman Lahore", "2025-03-02", true, "", "", "", ""};
  Status refused = registry_->AddReferral(kFia, id, shelter);
  EXPECT_EQ(refused.code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(registry_->RevealIdentity(kFia, id, "law_enforcement").status().code(), StatusCode::kPermissionDenied);
  Referral anonymous = shelter;
  anonymous.identity_shared = false;
  EXPECT_TRUE(registry_->AddReferral(kFia, id, anonymous).ok());
  ASSERT_TRUE(registry_->RecordConsent(kFia, id, {"referral_identity", true, "2025-03-02", ""}).ok());
  ASSERT_TRUE(registry_->RecordConsent(kFia, id, {"law_enforcement", true, "2025-03-02", ""}).ok());
  EXPECT_TRUE(registry_->AddReferral(kFia, id, shelter).ok());
  EXPECT_TRUE(registry_->RevealIdentity(kFia, id, "law_enforcement").ok());
  ASSERT_TRUE(registry_->RecordConsent(kFia, id, {"law_enforcement", false, "2025-03-09", ""}).ok());
  EXPECT_EQ(registry_->RevealIdentity(kFia, id, "law_enforcement").status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(registry_->RecordConsent(kFia, id, {"advertising", true, "2025-03-09", ""}).code(),
            StatusCode::kInvalidArgument);
  auto c = registry_->GetCase(kFia, id);
  EXPECT_EQ(c->referrals.size(), 2u);
  EXPECT_EQ(c->consents.back().recorded_by, "amna");
  // Statistics include only consenting cases.
  EXPECT_TRUE(registry_->CasesWithConsent(kFia, "statistics")->empty());
  ASSERT_TRUE(registry_->RecordConsent(kFia, id, {"statistics", true, "2025-03-09", ""}).ok());
  EXPECT_EQ(registry_->CasesWithConsent(kFia, "statistics")->size(), 1u);
}

TEST_F(RegistryTest, EveryReadIsAuditedWithoutTheIdentity) {
  std::string id = CreateOne(kFia);
  ASSERT_TRUE(registry_->GetCase(kFia, id).ok());
  ASSERT_TRUE(registry_->RevealIdentity(kFia, id, "case_management").ok());
  ASSERT_FALSE(registry_->GetCase(kShelter, id).ok());
  ASSERT_TRUE(registry_->FindByNationalId(kFia, "35202-7654321-2").ok());
  auto entries = AuditEntries();
  auto count = [&](const std::string& action, const std::string& user) {
    return std::count_if(entries.begin(), entries.end(), [&](const auto& e) {
      return e.action == action && e.actor == user && (e.subject == id || e.subject.empty());
    });
  };
  EXPECT_EQ(count("case.create", "amna"), 1);
  EXPECT_EQ(count("case.read", "amna"), 1);
  EXPECT_EQ(count("identity.read", "amna"), 1);
  EXPECT_EQ(count("case.read.refused", "sara"), 1);
  EXPECT_EQ(count("identity.lookup", "amna"), 1);
  for (const auto& e : entries) {
    EXPECT_EQ(e.detail.find("Rukhsana"), std::string::npos);
    EXPECT_EQ(e.detail.find("7654321"), std::string::npos);
  }
  auto log = audit::OpenSqliteAuditLog(path_);
  EXPECT_FALSE((*log)->Verify()->first_bad_seq.has_value());
}

TEST_F(RegistryTest, OffencesLinkOnlyFromTheTable) {
  std::string id = CreateOne(kFia);
  EXPECT_TRUE(registry_->LinkOffence(kFia, id, "pk-ptpa-2018-s3").ok());
  EXPECT_TRUE(registry_->LinkOffence(kFia, id, "pk-ptpa-2018-s3").ok());
  EXPECT_EQ(registry_->LinkOffence(kFia, id, "made-up").code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(registry_->GetCase(kFia, id)->offences, std::vector<std::string>{"pk-ptpa-2018-s3"});
}

TEST_F(RegistryTest, ErrorsNeverContainTheIdentity) {
  std::string id = CreateOne(kFia);
  std::vector<Status> errors = {
      registry_->Transition(kFia, id, "services", "2025-03-02", "", ""),
      registry_->RevealIdentity(kFia, id, "law_enforcement").status(),
      registry_->AddReferral(kFia, id, {"out", "shelter", "X", "2025-03-02", true, "", "", "", ""}),
      registry_->GetCase(kShelter, id).status(),
      Open(false)->RevealIdentity(kFia, id, "case_management").status(),
  };
  for (const auto& st : errors) {
    ASSERT_FALSE(st.ok());
    bool names_case_or_key =
        st.message().find(id) != std::string::npos || st.message().find("--key-file") != std::string::npos;
    EXPECT_TRUE(names_case_or_key) << st.ToString();
    EXPECT_EQ(st.message().find("Rukhsana"), std::string::npos);
    EXPECT_EQ(st.message().find("7654321"), std::string::npos);
  }
}

TEST_F(RegistryTest, SealedCoordinatesAndCommentsAreCheckedWithoutQuotingThem) {
  auto refused = [&](const std::function<void(NewCase&)>& change) {
    NewCase nc = Survivor("Rukhsana Bibi", "35202-7654321-2");
    change(nc);
    std::vector<NewCase> v;
    v.push_back(nc);
    return registry_->CreateCases(kFia, std::move(v)).status();
  };
  Status off_globe = refused([](NewCase& nc) { nc.identity.event_points = {{0, 91.123456, 10}}; });
  EXPECT_EQ(off_globe.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(off_globe.message().find("91.12"), std::string::npos) << off_globe.ToString();
  EXPECT_EQ(refused([](NewCase& nc) { nc.identity.event_points = {{5, 1, 1}}; }).code(), StatusCode::kInvalidArgument);
  Status undated = refused([](NewCase& nc) { nc.identity.comments = {{"soon", "amna", "Synthetic note"}}; });
  EXPECT_EQ(undated.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(undated.message().find("Synthetic note"), std::string::npos);
  EXPECT_TRUE(registry_->ListCases(kFia)->empty());
}

TEST_F(RegistryTest, GeneratedCasesLoadAndTheirHistoriesAreValid) {
  GeneratorOptions o;
  o.count = 300;
  o.seed = 7;
  NrmProcess process = *NrmProcess::LoadDefault();
  auto cases = GenerateCases(o, process);
  auto ids = registry_->CreateCases(kCoordinator, std::move(cases));
  ASSERT_TRUE(ids.ok()) << ids.status().ToString();
  EXPECT_EQ(ids->size(), 300u);
  EXPECT_LT(registry_->ListCases(kFia)->size(), 300u);
  EXPECT_GT(registry_->ListCases(kFia)->size(), 0u);
}

TEST_F(RegistryTest, NamePartsEmailAndAddressAreSealedAndRevealed) {
  NewCase nc = Survivor("", "35202-1111111-2");
  nc.identity.first_name = "Zarmeena";
  nc.identity.middle_name = "Gul";
  nc.identity.second_name = "Afridi";
  nc.identity.email = "zarmeena.synthetic@example.org";
  nc.identity.address_street = "Street 14, Mohalla Qasimabad";
  nc.identity.address_city = "Peshawar";
  std::vector<NewCase> v;
  v.push_back(nc);
  auto ids = registry_->CreateCases(kFia, std::move(v));
  ASSERT_TRUE(ids.ok()) << ids.status().ToString();
  auto who = registry_->RevealIdentity(kFia, ids->front(), "case_management");
  ASSERT_TRUE(who.ok()) << who.status().ToString();
  EXPECT_EQ(who->DisplayName(), "Zarmeena Gul Afridi");
  EXPECT_EQ(who->email, "zarmeena.synthetic@example.org");
  EXPECT_EQ(who->address_street, "Street 14, Mohalla Qasimabad");
  registry_.reset();
  std::string bytes = testing::ReadFile(path_) + testing::ReadFile(path_ + "-wal");
  for (const char* secret : {"Zarmeena", "Afridi", "example.org", "Qasimabad", "Peshawar"})
    EXPECT_EQ(bytes.find(secret), std::string::npos) << secret;
  // Nor in the audit log's entries.
  for (const auto& e : AuditEntries())
    for (const char* secret : {"Zarmeena", "Afridi", "Qasimabad"})
      EXPECT_EQ((e.detail + e.subject).find(secret), std::string::npos) << e.action;
}

TEST_F(RegistryTest, UnknownHtcdsPicklistValuesAreRefusedAndNothingIsStored) {
  for (const auto& spoil : std::vector<std::function<void(NewCase&)>>{
           [](NewCase& nc) {
             nc.record.means_of_control = {"threats", "telepathy"};
           },
           [](NewCase& nc) { nc.record.sexual_exploitation_types = {"Prostitution"}; },
           [](NewCase& nc) { nc.record.case_status = "finished"; },
           [](NewCase& nc) {
             nc.record.perpetrators = {{{"mastermind"}, "", "", "", "", ""}};
           },
           [](NewCase& nc) { nc.record.marital_status = "complicated"; }}) {
    NewCase nc = Survivor("Rukhsana Bibi", "35202-7654321-2");
    spoil(nc);
    std::vector<NewCase> v;
    v.push_back(nc);
    auto r = registry_->CreateCases(kFia, std::move(v));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
    EXPECT_NE(r.status().message().find("htcds_picklists"), std::string::npos) << r.status().ToString();
    EXPECT_EQ(r.status().message().find("Rukhsana"), std::string::npos);
  }
  EXPECT_TRUE(registry_->ListCases(kFia)->empty());
  std::string id = CreateOne(kFia);
  Referral bad{"out", "shelter", "X", "2025-03-02", false, "", "because", "", ""};
  EXPECT_EQ(registry_->AddReferral(kFia, id, bad).code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(registry_->GetCase(kFia, id)->referrals.empty());
  bad.reason = "additional_services_required";
  EXPECT_TRUE(registry_->AddReferral(kFia, id, bad).ok());
}

// A store written before the HTCDS v2 fields: victims schema version 1 (one full_name column) and
// the old case record shape. Opening it migrates the identity table; old cases read as before.
TEST_F(RegistryTest, MigratesAStoreWrittenBeforeHtcdsV2) {
  registry_.reset();
  std::string old_path = dir_ + "/old.db";
  auto vault = *IdentityVault::FromKeyFile(dir_ + "/victim.key");
  {
    sqlite3* db = *sqlite::OpenDatabase(old_path);
    std::string record = R"({"id":"case-000001","agency":"fia-ahtc-lahore","registration_date":"2021-04-05",)"
                         R"("person":{"sex":"male","age_at_registration":31,"citizenship":"PAK"},)"
                         R"("victim_context":{"trafficking_status":"possible","status_decided_by":"fia",)"
                         R"("age_when_trafficked":30,"recruiter_relation":"agent","recruitment_method":"debt",)"
                         R"("means_of_control":[],"exploitation_types":["forced_labour"],"labour_sector":"",)"
                         R"("months_trafficked":9},"perpetrator_roles":["recruiter"],"events":[],)"
                         R"("support_plan":[],"offences":[],"nrm":{"stages":[{"stage":"identification",)"
                         R"("date":"2021-04-05","authority":"","note":""}],"extensions":0},"referrals":[],)"
                         R"("consents":[]})";
    std::string sql =
        "CREATE TABLE kashf_components (name TEXT PRIMARY KEY, version INTEGER NOT NULL);"
        "INSERT INTO kashf_components VALUES ('victims', 1);"
        "CREATE TABLE victims_cases (id TEXT PRIMARY KEY, seq INTEGER NOT NULL UNIQUE, agency TEXT NOT NULL, "
        "stage TEXT NOT NULL, due_day INTEGER, record TEXT NOT NULL);"
        "CREATE TABLE victims_identities (case_id TEXT PRIMARY KEY REFERENCES victims_cases(id), "
        "full_name TEXT NOT NULL, father_name TEXT NOT NULL, national_id TEXT NOT NULL, "
        "date_of_birth TEXT NOT NULL, phone TEXT NOT NULL, national_id_index TEXT);"
        "INSERT INTO victims_cases VALUES ('case-000001', 1, 'fia-ahtc-lahore', 'identification', NULL, '" +
        record + "');" + "INSERT INTO victims_identities VALUES ('case-000001', '" +
        vault.Seal("case-000001", "full_name", "Old Survivor Name") + "', '', '', '', '', NULL);";
    ASSERT_TRUE(sqlite::Exec(db, sql).ok());
    sqlite3_close_v2(db);
  }
  RegistryOptions options;
  options.vault = vault;
  auto reg = OpenSqliteCaseRegistry(old_path, *NrmProcess::LoadDefault(), *OffenceTable::LoadDefault(), options);
  ASSERT_TRUE(reg.ok()) << reg.status().ToString();
  auto c = (*reg)->GetCase(kFia, "case-000001");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->recruitment_methods, std::vector<std::string>{"debt"});
  EXPECT_EQ(c->PerpetratorRoles(), std::vector<std::string>{"recruiter"});
  auto who = (*reg)->RevealIdentity(kFia, "case-000001", "case_management");
  ASSERT_TRUE(who.ok()) << who.status().ToString();
  EXPECT_EQ(who->full_name, "Old Survivor Name");
  EXPECT_EQ(who->DisplayName(), "Old Survivor Name");
  EXPECT_EQ(who->first_name, "");
  EXPECT_EQ(who->vulnerability_details, "");  // migration 3: the sealed HTCDS core fields start empty
  EXPECT_TRUE(who->event_points.empty());
  // New cases in the migrated store keep their name parts and the sealed core fields.
  NewCase nc = Survivor("", "35202-2222222-2");
  nc.identity.first_name = "Nageen";
  nc.identity.vulnerability_details = "Synthetic detail";
  nc.identity.event_points = {{1, 25.2, 55.27}};
  nc.identity.comments = {{"2025-03-02", "amna", "Synthetic note"}};
  nc.record.source_id = "partner-17";
  std::vector<NewCase> v;
  v.push_back(nc);
  auto ids = (*reg)->CreateCases(kFia, std::move(v));
  ASSERT_TRUE(ids.ok()) << ids.status().ToString();
  EXPECT_EQ(ids->front(), "case-000002");
  auto revealed = (*reg)->RevealIdentity(kFia, ids->front(), "case_management");
  ASSERT_TRUE(revealed.ok()) << revealed.status().ToString();
  EXPECT_EQ(revealed->first_name, "Nageen");
  EXPECT_EQ(revealed->vulnerability_details, "Synthetic detail");
  ASSERT_EQ(revealed->event_points.size(), 1u);
  EXPECT_EQ(revealed->event_points[0].latitude, 25.2);
  ASSERT_EQ(revealed->comments.size(), 1u);
  EXPECT_EQ(revealed->comments[0].text, "Synthetic note");
  EXPECT_EQ((*reg)->FindBySourceId(kFia, "partner-17")->value_or(""), "case-000002");
  EXPECT_FALSE((*reg)->FindBySourceId(kShelter, "partner-17")->has_value());  // need-to-know
  // A change to the old case writes it in the current shape, and it still reads.
  ASSERT_TRUE((*reg)->LinkOffence(kFia, "case-000001", "pk-ptpa-2018-s3").ok());
  EXPECT_EQ((*reg)->GetCase(kFia, "case-000001")->recruitment_methods, std::vector<std::string>{"debt"});
}

}  // namespace
}  // namespace kashf::victims
