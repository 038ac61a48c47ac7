#include <gtest/gtest.h>

#include <algorithm>
#include <map>

#include "ingest_test_util.h"
#include "kashf/ingest/importer.h"
#include "kashf/testing/files.h"

namespace kashf {
namespace {

// Delegates to a real store but fails the Nth PutStatements, like a crash or a full disk.
class FailingStore : public Store {
 public:
  FailingStore(Store& inner, int fail_at) : in_(inner), fail_at_(fail_at) {}
  Status Begin() override { return in_.Begin(); }
  Status Commit() override { return in_.Commit(); }
  Status Rollback() override { return in_.Rollback(); }
  Result<int64_t> PutStatements(const std::vector<Statement>& b) override {
    if (++calls_ == fail_at_) {
      (void)in_.PutStatements(b);           // half-written batch ...
      return Status::IoError("disk full");  // ... then the failure
    }
    return in_.PutStatements(b);
  }
  Result<int64_t> StartImport(const ImportRun& r) override { return in_.StartImport(r); }
  Status FinishImport(const ImportRun& r) override { return in_.FinishImport(r); }
  Status PutRejects(int64_t id, const std::vector<RejectedRow>& r) override { return in_.PutRejects(id, r); }
  Result<std::vector<RejectedRow>> Rejects(int64_t id, size_t l) override { return in_.Rejects(id, l); }
  Result<std::vector<ImportRun>> Imports() override { return in_.Imports(); }
  Result<std::vector<SearchHit>> Search(const std::string& q, size_t l, const std::string& s) override {
    return in_.Search(q, l, s);
  }
  Result<EntityRecord> GetEntity(const std::string& id) override { return in_.GetEntity(id); }
  Status ScanStatements(const StatementFilter& f, const std::function<bool(const Statement&)>& fn) override {
    return in_.ScanStatements(f, fn);
  }
  Result<StoreStats> Stats() override { return in_.Stats(); }
  Status PutClusters(const std::vector<std::pair<std::string, std::string>>& c) override { return in_.PutClusters(c); }
  Result<std::string> ClusterOf(const std::string& id) override { return in_.ClusterOf(id); }
  Result<std::string> ContentVersion() override { return in_.ContentVersion(); }
  Result<std::vector<std::string>> ClusterMembers(const std::string& c) override { return in_.ClusterMembers(c); }
  Status PutJudgement(const Judgement& j) override { return in_.PutJudgement(j); }
  Result<std::vector<Judgement>> Judgements() override { return in_.Judgements(); }
  Status PutNodeLabel(const NodeLabel& l) override { return in_.PutNodeLabel(l); }
  Status RemoveNodeLabel(const std::string& node_id, const std::string& label) override {
    return in_.RemoveNodeLabel(node_id, label);
  }
  Result<std::vector<NodeLabel>> NodeLabels() override { return in_.NodeLabels(); }

 private:
  Store& in_;
  int fail_at_;
  int calls_ = 0;
};

class ImporterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    model_ = std::move(*Model::LoadDefault());
    dir_ = testing::FreshTempDir("import");
    store_ = std::move(*OpenSqliteStore(dir_ + "/k.db", model_));
    mapping_ = std::move(*ParseMapping(testing::kFirMapping, "fir.yaml", model_));
  }
  std::string Write(const std::string& name, const std::string& body) {
    testing::WriteFile(dir_ + "/" + name, body);
    return dir_ + "/" + name;
  }
  // n valid rows, row i = FIR-i with accused i.
  std::string ValidRows(int n) {
    std::string s = testing::kFirHeader;
    for (int i = 1; i <= n; ++i)
      s += "FIR-" + std::to_string(i) + "," + std::to_string(i) + ",Name " + std::to_string(i) +
           ",Father,35202-1234567-1,0300-1234567,2021-01-01\n";
    return s;
  }
  Model model_;
  std::string dir_;
  std::unique_ptr<Store> store_;
  Mapping mapping_;
};

TEST_F(ImporterTest, LoadsValidRowsAndReportsBadOnesWithLocation) {
  std::string f = Write("fir.csv", std::string(testing::kFirHeader) +
                                       "FIR-1,1,Muhammad Asif,Ghulam Rasool,35202-1234567-1,0300-1234567,04/03/2021\n"
                                       ",2,X,Y,,,\n"
                                       "FIR-3,3,Asif,Z,,,31/02/2021\n"
                                       "FIR-4,4,caf\xE9,Z,,,\n"
                                       "FIR-5,5,Mohd Asif,Ghulam Rasool,3520212345,,2021\n");
  ImportOptions o;
  o.file = f;
  o.import_time = 1000;
  auto r = ImportFile(*store_, mapping_, o);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->run.rows_read, 5);
  EXPECT_EQ(r->run.rows_loaded, 2);
  EXPECT_EQ(r->run.rows_rejected, 3);
  ASSERT_EQ(r->rejects.size(), 3u);
  EXPECT_EQ(r->rejects[0].line, 3);
  EXPECT_EQ(r->rejects[0].column, "fir_no");
  EXPECT_EQ(r->rejects[1].line, 4);
  EXPECT_EQ(r->rejects[1].column, "date");
  EXPECT_EQ(r->rejects[2].line, 5);
  EXPECT_EQ(r->rejects[2].column, "accused_name");
  EXPECT_EQ(r->warnings, 1);  // the 10-digit CNIC kept as written (invalid: keep)
  // Rejected rows are stored too, and no reason quotes the rejected value.
  auto stored = store_->Rejects(r->run.id, 100);
  ASSERT_EQ(stored->size(), 3u);
  for (const auto& x : *stored) EXPECT_EQ(x.reason.find("caf"), std::string::npos);
  // Provenance: every statement knows its file and line.
  auto e = store_->GetEntity(MakeEntityId("test-fir", "Person", "1"));
  ASSERT_TRUE(e.ok());
  for (const auto& s : e->statements) {
    EXPECT_EQ(s.record_id, "fir.csv:2");
    EXPECT_EQ(s.first_seen, 1000);
  }
}

// Meetings whose attendees are ids of another dataset: refused until that dataset is loaded; then a
// row without an attendee is rejected and named, and the rest load with the other dataset's ids.
TEST_F(ImporterTest, MeetingsReferToAnotherDatasetWhichMustBeLoaded) {
  auto mapping = ParseMapping(testing::kMeetingsMapping, "meetings.yaml", model_);
  ASSERT_TRUE(mapping.ok()) << mapping.status().ToString();
  std::string f = Write("meetings.csv",
                        "meeting_id,date,place,person_id\n"
                        "M1,2024-01-05,Hotel Indus,P1\n"
                        "M1,2024-01-05,Hotel Indus,P2\n"
                        "M2,2024-02-01,Bus stand,\n");
  ImportOptions o;
  o.file = f;
  auto refused = ImportFile(*store_, *mapping, o);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.status().message().find("dataset 'subscribers', which is not in the store (loaded: none)"),
            std::string::npos)
      << refused.status().message();
  EXPECT_TRUE(store_->Imports()->empty()) << "nothing is written before the check";
  auto subs = ParseMapping(
      "dataset: subscribers\nentities:\n  p:\n    schema: Person\n    keys: [id]\n"
      "    properties: {name: name}\n",
      "subs.yaml", model_);
  ASSERT_TRUE(subs.ok()) << subs.status().ToString();
  ImportOptions so;
  so.file = Write("subs.csv", "id,name\nP1,Asif\nP2,Bilal\n");
  ASSERT_TRUE(ImportFile(*store_, *subs, so).ok());
  auto r = ImportFile(*store_, *mapping, o);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->run.rows_loaded, 2);
  ASSERT_EQ(r->rejects.size(), 1u);
  EXPECT_EQ(r->rejects[0].line, 4);
  EXPECT_EQ(r->rejects[0].column, "person_id");
  EXPECT_NE(r->rejects[0].reason.find("Meeting 'meeting' has no attendee"), std::string::npos) << r->rejects[0].reason;
  auto m1 = store_->GetEntity(MakeEntityId("surveillance", "Meeting", "M1"));
  ASSERT_TRUE(m1.ok()) << m1.status().ToString();
  std::vector<std::string> attendees;
  for (const auto& st : m1->statements)
    if (st.prop == "attendee") attendees.push_back(st.value);
  std::sort(attendees.begin(), attendees.end());
  std::vector<std::string> want = {MakeEntityId("subscribers", "Person", "P1"),
                                   MakeEntityId("subscribers", "Person", "P2")};
  std::sort(want.begin(), want.end());
  EXPECT_EQ(attendees, want);
}

// Dates in a declared layout and values built from several columns; a format that fits nothing is
// named at the end of the import, with the rows it could not read rejected and located.
TEST_F(ImporterTest, DeclaredDateFormatsAndTemplatesLoadAndAFormatThatNeverFitsIsNamed) {
  std::string yaml = testing::kPeopleMapping;
  const std::string formats = R"(format: ["%Y%m%d", "%Y"], invalid: skip)";
  yaml.replace(yaml.find(formats), formats.size(), R"(format: ["%Y%m%d", "%d-%b-%y"])");
  auto mapping = ParseMapping(yaml, "people.yaml", model_);
  ASSERT_TRUE(mapping.ok()) << mapping.status().ToString();
  std::string f = Write("people.csv",
                        "rec_id, given_name, surname, dob, street_number, address_1, suburb, postcode\n"
                        "r1, lachlan, berry, 19990219, 69, giblin street, bittern, 4814\n"
                        "r2, , waller, 17081209, , , st james, \n"
                        "r3, ann, lee, 02/19/1999, , , , \n");
  ImportOptions o;
  o.file = f;
  auto r = ImportFile(*store_, *mapping, o);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->run.rows_loaded, 2);
  ASSERT_EQ(r->rejects.size(), 1u);
  EXPECT_EQ(r->rejects[0].line, 4);
  EXPECT_EQ(r->rejects[0].column, "dob");
  EXPECT_NE(r->rejects[0].reason.find("fits none of the date formats '%Y%m%d', '%d-%b-%y'"), std::string::npos)
      << r->rejects[0].reason;
  ASSERT_EQ(r->format_warnings.size(), 1u);
  EXPECT_NE(r->format_warnings[0].find("column 'dob' (birthDate): the date format '%d-%b-%y' fit none of its 3 values"),
            std::string::npos)
      << r->format_warnings[0];
  auto values = [&](const std::string& key) {
    std::map<std::string, std::string> out;
    auto e = store_->GetEntity(MakeEntityId("people", "Person", key));
    EXPECT_TRUE(e.ok()) << key;
    if (e.ok())
      for (const auto& s : e->statements) out[s.prop] = s.value;
    return out;
  };
  EXPECT_EQ(values("r1"), (std::map<std::string, std::string>{{"address", "69 giblin street, bittern 4814"},
                                                              {"birthDate", "1999-02-19"},
                                                              {"name", "lachlan berry"}}));
  EXPECT_EQ(values("r2"), (std::map<std::string, std::string>{
                              {"address", "st james"}, {"birthDate", "1708-12-09"}, {"name", "waller"}}));
}

// A 10 MB cell used to load as a name; now that row alone is rejected, located and with the limit
// named, whatever the format's reader, and the rows around it load.
TEST_F(ImporterTest, OversizedCellAndOverWideRowAreRejectedPerRow) {
  std::string huge(10u << 20, 'A');
  std::string wide = "FIR-4,4,Wide,Z,,,";
  for (int i = 0; i < 20; ++i) wide += ",x";
  std::string f = Write("fir.csv", std::string(testing::kFirHeader) +
                                       "FIR-1,1,Muhammad Asif,Ghulam Rasool,,,\n"
                                       "FIR-2,2," +
                                       huge +
                                       ",Z,,,\n"
                                       "FIR-3,3,Asif,Z,,,\n" +
                                       wide + "\n");
  ImportOptions o;
  o.file = f;
  o.limits.max_columns = 16;
  auto r = ImportFile(*store_, mapping_, o);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->run.rows_read, 4);
  EXPECT_EQ(r->run.rows_loaded, 2);
  ASSERT_EQ(r->rejects.size(), 2u);
  EXPECT_EQ(r->rejects[0].file, "fir.csv");
  EXPECT_EQ(r->rejects[0].line, 3);
  EXPECT_EQ(r->rejects[0].column, "accused_name");
  EXPECT_NE(r->rejects[0].reason.find("longer than 131072 bytes"), std::string::npos) << r->rejects[0].reason;
  EXPECT_NE(r->rejects[0].reason.find("--max-cell-bytes"), std::string::npos) << r->rejects[0].reason;
  EXPECT_EQ(r->rejects[1].line, 5);
  EXPECT_NE(r->rejects[1].reason.find("more than 16 columns"), std::string::npos) << r->rejects[1].reason;
  EXPECT_NE(r->rejects[1].reason.find("--max-columns"), std::string::npos) << r->rejects[1].reason;
  EXPECT_TRUE(store_->GetEntity(MakeEntityId("test-fir", "Person", "3")).ok());
  EXPECT_FALSE(store_->GetEntity(MakeEntityId("test-fir", "Person", "2")).ok());
  // A raised limit lets the same cell through.
  o.limits.max_cell_bytes = 11u << 20;
  o.limits.max_columns = 16384;
  auto again = ImportFile(*store_, mapping_, o);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->run.rows_rejected, 1);  // the wide row still has more fields than the header
}

TEST_F(ImporterTest, ReimportChangesNothing) {
  std::string f = Write("fir.csv", ValidRows(50));
  ImportOptions o;
  o.file = f;
  o.batch_rows = 7;
  auto first = ImportFile(*store_, mapping_, o);
  ASSERT_TRUE(first.ok());
  auto before = *store_->Stats();
  EXPECT_GT(first->run.statements_new, 0);
  auto second = ImportFile(*store_, mapping_, o);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->run.statements_new, 0);
  auto after = *store_->Stats();
  EXPECT_EQ(before.statements, after.statements);
  EXPECT_EQ(before.entities, after.entities);
  EXPECT_EQ(after.entities, 150);  // 50 persons, 50 cases, 50 involvements
}

TEST_F(ImporterTest, FailedBatchLeavesOnlyWholeBatchesAndRerunCompletes) {
  std::string f = Write("fir.csv", ValidRows(30));
  FailingStore failing(*store_, 3);  // third batch fails half-way through
  ImportOptions o;
  o.file = f;
  o.batch_rows = 10;
  auto r = ImportFile(failing, mapping_, o);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("disk full"), std::string::npos);
  EXPECT_EQ(store_->Stats()->entities, 60);  // two whole batches of 10 rows x 3 entities; nothing of the third
  auto rerun = ImportFile(*store_, mapping_, o);
  ASSERT_TRUE(rerun.ok());
  EXPECT_EQ(store_->Stats()->entities, 90);
  auto runs = *store_->Imports();
  EXPECT_EQ(runs[0].status, "failed");
  EXPECT_EQ(runs[1].status, "done");
}

TEST_F(ImporterTest, CancelStopsAtABatchBoundary) {
  std::string f = Write("fir.csv", ValidRows(100));
  std::atomic<bool> cancel{false};
  ImportOptions o;
  o.file = f;
  o.batch_rows = 10;
  o.cancel = &cancel;
  o.on_progress = [&](const ImportProgress& p) {
    if (p.rows_read >= 20) cancel = true;
  };
  int indexing_calls = 0;
  o.on_indexing = [&] { ++indexing_calls; };
  auto r = ImportFile(*store_, mapping_, o);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kCancelled);
  EXPECT_NE(r.status().message().find("run the same command again"), std::string::npos);
  int64_t entities = store_->Stats()->entities;
  EXPECT_EQ(entities % 30, 0);  // whole batches only
  EXPECT_GT(entities, 0);       // the held-back index of the committed batches is written on Ctrl-C too
  EXPECT_LT(entities, 300);
  EXPECT_EQ(indexing_calls, 1);
  EXPECT_EQ(store_->Imports()->at(0).status, "interrupted");
}

TEST_F(ImporterTest, FileLevelErrorsWriteNothing) {
  ImportOptions o;
  o.file = Write("semi.csv", "fir_no;rec_id;accused_name;father_name;cnic;phone;date\nFIR-1;1;A;B;;;\n");
  auto r = ImportFile(*store_, mapping_, o);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("delimiter"), std::string::npos);
  o.file = Write("empty.csv", "");
  EXPECT_NE(ImportFile(*store_, mapping_, o).status().message().find("empty"), std::string::npos);
  o.file = dir_ + "/missing.csv";
  EXPECT_EQ(ImportFile(*store_, mapping_, o).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->Stats()->statements, 0);
}

TEST_F(ImporterTest, RelationshipWithoutBothEndsIsNotCreated) {
  // Row 2 has no rec_id: no Person, so no Involvement either; the Case still loads.
  std::string f = Write("fir.csv", std::string(testing::kFirHeader) + "FIR-1,,,,,,2021\n");
  ImportOptions o;
  o.file = f;
  auto r = ImportFile(*store_, mapping_, o);
  ASSERT_TRUE(r.ok());
  auto stats = *store_->Stats();
  ASSERT_EQ(stats.by_schema_and_dataset.size(), 1u);
  EXPECT_EQ(stats.by_schema_and_dataset[0].schema, "Case");
}

TEST_F(ImporterTest, WholeFileInAnotherEncodingGetsOneHint) {
  std::string body = testing::kFirHeader;
  for (int i = 1; i <= 10; ++i) body += "FIR-" + std::to_string(i) + "," + std::to_string(i) + ",Jos\xE9,Z,,,\n";
  ImportOptions o;
  o.file = Write("latin1.csv", body);
  auto r = ImportFile(*store_, mapping_, o);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->run.rows_rejected, 10);
  EXPECT_NE(r->hint.find("10 of 10 rows are not valid UTF-8"), std::string::npos) << r->hint;
  EXPECT_NE(r->hint.find("CSV UTF-8"), std::string::npos);
  // One bad cell among good rows: a row-level reject, no whole-file hint.
  o.file = Write("fir.csv", ValidRows(10) + "FIR-99,99,caf\xE9,Z,,,\n");
  r = ImportFile(*store_, mapping_, o);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->run.rows_rejected, 1);
  EXPECT_TRUE(r->hint.empty()) << r->hint;
}

// The packed store keeps full provenance: every statement of a re-imported, then extended, file
// carries the record id and import time of the run that first stored it.
TEST_F(ImporterTest, ExtendedFileAddsOnlyNewRowsWithTheirOwnImportTime) {
  ImportOptions o;
  o.file = Write("fir.csv", ValidRows(5));
  o.import_time = 1000;
  ASSERT_TRUE(ImportFile(*store_, mapping_, o).ok());
  const int64_t before = store_->Stats()->statements;
  o.file = Write("fir.csv", ValidRows(8));
  o.import_time = 2000;
  auto r = ImportFile(*store_, mapping_, o);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->run.rows_loaded, 8);
  auto old_row = store_->GetEntity(MakeEntityId("test-fir", "Person", "5"));
  auto new_row = store_->GetEntity(MakeEntityId("test-fir", "Person", "6"));
  ASSERT_TRUE(old_row.ok() && new_row.ok());
  for (const auto& s : old_row->statements) EXPECT_EQ(s.first_seen, 1000) << s.prop;
  for (const auto& s : new_row->statements) {
    EXPECT_EQ(s.first_seen, 2000) << s.prop;
    EXPECT_EQ(s.record_id, "fir.csv:7");
    EXPECT_EQ(s.dataset, "test-fir");
  }
  EXPECT_EQ(r->run.statements_new, store_->Stats()->statements - before);
  EXPECT_GT(r->run.statements_new, 0);
}

}  // namespace
}  // namespace kashf

namespace kashf {
namespace {

// Grading (docs/sharing.md): a mapping grades every row with codes or reads them from columns;
// the command line's codes replace the mapping's; a row whose column holds an unknown code is
// rejected (without quoting the cell); a bad written code stops the import before anything is
// written; re-importing stays idempotent.
TEST_F(ImporterTest, GradingFromTheMappingColumnsAndTheCommandLine) {
  std::string yaml = std::string(testing::kFirMapping);
  yaml.replace(yaml.find("entities:"), 9,
               "grading:\n  source: b\n  information: {column: info, default: '4'}\n  handling: {column: hc}\n"
               "entities:");
  auto graded = ParseMapping(yaml, "graded.yaml", model_);
  ASSERT_TRUE(graded.ok()) << graded.status().ToString();
  const std::string f = Write("graded.csv",
                              "fir_no,rec_id,accused_name,father_name,cnic,phone,date,info,hc\n"
                              "FIR-1,1,Name One,F,,,2021-01-01,2,h1\n"
                              "FIR-2,2,Name Two,F,,,2021-01-01,,H0\n"
                              "FIR-3,3,Name Three,F,,,2021-01-01,1,Secret Name\n"
                              "FIR-4,4,Name Four,F,,,2021-01-01,1,\n");
  ImportOptions o;
  o.file = f;
  o.import_time = 1000;
  auto r = ImportFile(*store_, *graded, o);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->run.rows_loaded, 3);
  ASSERT_EQ(r->rejects.size(), 1u);
  EXPECT_EQ(r->rejects[0].line, 4);
  EXPECT_EQ(r->rejects[0].column, "hc");
  EXPECT_NE(r->rejects[0].reason.find("not a handling code"), std::string::npos) << r->rejects[0].reason;
  EXPECT_EQ(r->rejects[0].reason.find("Secret"), std::string::npos);
  auto grading_of = [&](const std::string& key) {
    auto e = store_->GetEntity(MakeEntityId("test-fir", "Person", key));
    EXPECT_TRUE(e.ok()) << e.status().ToString();
    EXPECT_FALSE(e->statements.empty());
    for (const auto& s : e->statements) EXPECT_EQ(s.grading, e->statements[0].grading) << s.prop;
    return e->statements[0].grading;
  };
  EXPECT_EQ(grading_of("1"), (Grading{"B", "2", "H1"}));  // canonical spelling
  EXPECT_EQ(grading_of("2"), (Grading{"B", "4", "H0"}));  // the column's default
  EXPECT_EQ(grading_of("4"), (Grading{"B", "1", ""}));    // no handling code: ungraded on that axis
  // Re-importing with another handling code on the command line (which replaces the column, so
  // the row rejected for its code now loads: its 7 statements) adds nothing else and keeps the
  // first grading of what was stored.
  o.grading = {"", "", "H2"};
  auto again = ImportFile(*store_, *graded, o);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(again->run.rows_rejected, 0);
  EXPECT_EQ(again->run.statements_new, 7);  // Person name, fatherName; Case number, date; Involvement x3
  EXPECT_EQ(grading_of("1"), (Grading{"B", "2", "H1"}));
  EXPECT_EQ(grading_of("3"), (Grading{"B", "1", "H2"}));
  auto third = ImportFile(*store_, *graded, o);
  ASSERT_TRUE(third.ok()) << third.status().ToString();
  EXPECT_EQ(third->run.statements_new, 0);  // idempotent
  // The command line's code replaces the mapping's for a new file.
  const std::string g = Write("more.csv",
                              "fir_no,rec_id,accused_name,father_name,cnic,phone,date,info,hc\n"
                              "FIR-9,9,Name Nine,F,,,2021-01-01,3,H1\n");
  o.file = g;
  ASSERT_TRUE(ImportFile(*store_, *graded, o).ok());
  EXPECT_EQ(grading_of("9"), (Grading{"B", "3", "H2"}));
  // A bad code on the command line or in the mapping stops the import before anything is written.
  const int64_t before = store_->Stats()->statements;
  o.grading = {"", "", "H7"};
  auto bad = ImportFile(*store_, *graded, o);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(bad.status().message().find("H0, H1, H2, H3"), std::string::npos) << bad.status().message();
  EXPECT_EQ(store_->Stats()->statements, before);
  EXPECT_EQ(store_->Imports()->size(), 4u);  // no run recorded for the refused one
}

TEST_F(ImporterTest, WithoutGradingStatementsAreUngraded) {
  ImportOptions o;
  o.file = Write("plain.csv", ValidRows(1));
  ASSERT_TRUE(ImportFile(*store_, mapping_, o).ok());
  auto e = store_->GetEntity(MakeEntityId("test-fir", "Person", "1"));
  ASSERT_TRUE(e.ok());
  for (const auto& s : e->statements) EXPECT_TRUE(s.grading.empty());
}

}  // namespace
}  // namespace kashf
