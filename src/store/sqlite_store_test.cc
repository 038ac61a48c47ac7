#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>

#include <map>
#include <random>
#include <set>
#include <tuple>

#include "kashf/core/hash.h"
#include "kashf/store/sqlite_db.h"
#include "kashf/store/store.h"
#include "kashf/testing/files.h"
#include "migrations.h"

namespace kashf {
namespace {

class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto m = Model::LoadDefault();
    ASSERT_TRUE(m.ok()) << m.status().ToString();
    model_ = std::move(*m);
    path_ = testing::FreshTempDir("store") + "/k.db";
    auto s = OpenSqliteStore(path_, model_);
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(*s);
  }
  std::vector<Statement> Person(const std::string& key, const std::string& name, const std::string& rec) {
    std::string id = MakeEntityId("fir", "Person", key);
    return {{id, "Person", "name", name, "fir", rec, 1000},
            {id, "Person", "cnic", "35202-1234567-1", "fir", rec, 1000}};
  }
  Model model_;
  std::string path_;
  std::unique_ptr<Store> store_;
};

// A retracted sharing package: its statements go; an entity only it named goes entirely (not
// found, not searchable); an entity also named by another dataset keeps that dataset's values.
TEST_F(StoreTest, RemoveDatasetWithdrawsItsStatementsOnly) {
  auto local = Person("a", "Muhammad Asif", "f.csv:2");
  const std::string shared_id = MakeEntityId("pp", "Person", "b");
  std::vector<Statement> package = {{shared_id, "Person", "name", "Zahid Shared", "pp/pkg-1", "pkg-1:1", 2000},
                                    {local[0].entity_id, "Person", "alias", "Asif Bhai", "pp/pkg-1", "pkg-1:2", 2000}};
  ASSERT_TRUE(store_->Begin().ok());
  ASSERT_EQ(*store_->PutStatements(local), 2);
  ASSERT_EQ(*store_->PutStatements(package), 2);
  ASSERT_TRUE(store_->Commit().ok());
  ASSERT_EQ(store_->Search("zahid", 10, "")->size(), 1u);
  ASSERT_TRUE(store_->Begin().ok());
  auto removed = store_->RemoveDataset("pp/pkg-1");
  ASSERT_TRUE(removed.ok()) << removed.status().ToString();
  EXPECT_EQ(*removed, 2);
  EXPECT_EQ(*store_->RemoveDataset("no-such-dataset"), 0);
  ASSERT_TRUE(store_->Commit().ok());
  EXPECT_EQ(store_->GetEntity(shared_id).status().code(), StatusCode::kNotFound);
  EXPECT_TRUE(store_->Search("zahid", 10, "")->empty());
  auto kept = store_->GetEntity(local[0].entity_id);
  ASSERT_TRUE(kept.ok());
  ASSERT_EQ(kept->statements.size(), 2u);
  for (const auto& st : kept->statements) EXPECT_EQ(st.dataset, "fir");
  EXPECT_EQ(store_->Stats()->statements, 2);
  EXPECT_EQ(store_->Stats()->entities, 1);
  // Sent again, the package's statements are new again (the receiver refuses that: a retracted id).
  ASSERT_TRUE(store_->Begin().ok());
  EXPECT_EQ(*store_->PutStatements(package), 2);
  ASSERT_TRUE(store_->Commit().ok());
  EXPECT_EQ(store_->Search("zahid", 10, "")->size(), 1u);
}

TEST_F(StoreTest, MissingStoreIsAClearError) {
  StoreOptions opts;
  opts.create_if_missing = false;
  auto s = OpenSqliteStore(path_ + ".missing", model_, opts);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.status().message().find("kashf --db"), std::string::npos);
}

// Random batches in which records and entities interleave and repeat (several names per person).
std::vector<std::vector<Statement>> RandomBatches(uint32_t seed, int batches, int rows) {
  std::mt19937 rng(seed);
  std::vector<std::vector<Statement>> out;
  for (int b = 0; b < batches; ++b) {
    auto& batch = out.emplace_back();
    for (int i = 0; i < rows; ++i) {
      const std::string rec = "r.csv:" + std::to_string(rng() % 60);
      const std::string ds = rng() % 4 == 0 ? "fia" : "fir";
      const std::string id = MakeEntityId(ds, "Person", std::to_string(rng() % 40));
      batch.push_back({id, "Person", "name", "Name" + std::to_string(rng() % 7) + " Akhtar", ds, rec, 1000 + b});
      batch.push_back({id, "Person", "nationality", "pk", ds, rec, 1000 + b});
    }
  }
  return out;
}

// Everything a reader sees: statements, counts, search hits and entity captions.
std::string Snapshot(Store& store) {
  std::set<std::string> statements, hits;
  EXPECT_TRUE(store
                  .ScanStatements({},
                                  [&](const Statement& st) {
                                    statements.insert(fmt::format("{}|{}|{}|{}|{}|{}", st.entity_id, st.prop, st.value,
                                                                  st.dataset, st.record_id, st.first_seen));
                                    return true;
                                  })
                  .ok());
  auto stats = store.Stats();
  EXPECT_TRUE(stats.ok());
  std::string out = fmt::format("{} statements, {} entities\n", stats->statements, stats->entities);
  for (const auto& c : stats->by_schema_and_dataset) out += fmt::format("{} {} {}\n", c.schema, c.dataset, c.entities);
  for (int n = 0; n < 7; ++n) {
    auto found = store.Search("name" + std::to_string(n), 1000, "");
    EXPECT_TRUE(found.ok());
    for (const auto& h : *found) hits.insert(fmt::format("{}: {} {} {}", n, h.entity_id, h.caption, h.dataset));
  }
  for (const auto& s : statements) out += s + "\n";
  for (const auto& h : hits) out += h + "\n";
  return out;
}

// Writes each batch in a transaction of its own.
void PutEach(Store& store, const std::vector<std::vector<Statement>>& batches) {
  for (const auto& batch : batches) {
    ASSERT_TRUE(store.Begin().ok());
    auto put = store.PutStatements(batch);
    ASSERT_TRUE(put.ok()) << put.status().ToString();
    ASSERT_TRUE(store.Commit().ok());
  }
}

// Serial reference for bulk loads: what a fresh store reads after batch-by-batch writes.
std::string BatchWriteSnapshot(const Model& model, const std::vector<std::vector<Statement>>& batches) {
  auto reference = OpenSqliteStore(testing::FreshTempDir("ref") + "/k.db", model);
  EXPECT_TRUE(reference.ok());
  if (!reference.ok()) return "";
  PutEach(**reference, batches);
  return Snapshot(**reference);
}

TEST_F(StoreTest, BulkLoadRecordsAreFoundOnceTheirIndexIsWritten) {
  ASSERT_TRUE(store_->BeginBulkLoad(size_t{64} << 20).ok());
  ASSERT_TRUE(store_->Begin().ok());
  ASSERT_EQ(*store_->PutStatements(Person("a", "Muhammad Asif", "f.csv:2")), 2);
  ASSERT_TRUE(store_->Commit().ok());
  EXPECT_EQ(store_->Stats()->statements, 2);             // the record is stored...
  EXPECT_TRUE(store_->Search("asif", 10, "")->empty());  // ...but not yet found
  EXPECT_EQ(store_->GetEntity(MakeEntityId("fir", "Person", "a")).status().code(), StatusCode::kNotFound);
  ASSERT_TRUE(store_->EndBulkLoad().ok());
  EXPECT_EQ(store_->Search("asif", 10, "")->size(), 1u);
  auto e = store_->GetEntity(MakeEntityId("fir", "Person", "a"));
  ASSERT_TRUE(e.ok()) << e.status().ToString();
  EXPECT_EQ(e->caption, "Muhammad Asif");
  EXPECT_EQ(e->statements.size(), 2u);
  EXPECT_EQ(e->statements[0].record_id, "f.csv:2");
}

// Serial reference: batch-by-batch writes. A bulk load, whether its index is written once at the
// end or every few rows (a tiny budget), and with a rolled-back batch in between, must leave a
// store that reads the same.
TEST_F(StoreTest, BulkLoadReadsTheSameAsBatchWrites) {
  const auto batches = RandomBatches(11, 8, 150);
  const std::string want = BatchWriteSnapshot(model_, batches);
  EXPECT_GT(want.size(), 1000u);
  for (size_t budget : {size_t{0}, size_t{1} << 30, size_t{3000}}) {
    SCOPED_TRACE(budget);
    auto bulk = OpenSqliteStore(testing::FreshTempDir("bulk") + "/k.db", model_);
    ASSERT_TRUE(bulk.ok());
    ASSERT_TRUE((*bulk)->BeginBulkLoad(budget).ok());
    for (size_t b = 0; b < batches.size(); ++b) {
      if (b == 3) {  // a batch that fails and is rolled back, then written again
        ASSERT_TRUE((*bulk)->Begin().ok());
        ASSERT_TRUE((*bulk)->PutStatements(batches[b]).ok());
        ASSERT_TRUE((*bulk)->Rollback().ok());
      }
      ASSERT_TRUE((*bulk)->Begin().ok());
      auto put = (*bulk)->PutStatements(batches[b]);
      ASSERT_TRUE(put.ok()) << put.status().ToString();
      ASSERT_TRUE((*bulk)->Commit().ok());
    }
    ASSERT_TRUE((*bulk)->EndBulkLoad().ok());
    EXPECT_EQ(Snapshot(**bulk), want);
  }
}

// The first value `sql` gives on a plain read-only connection to the store at `path` (as text).
std::string QueryText(const std::string& path, const char* sql) {
  sqlite3* db = nullptr;
  std::string out = "(no answer)";
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite::Stmt s;
    if (s.Prepare(db, sql).ok() && s.Step() == SQLITE_ROW) out = s.Text(0);
  }
  sqlite3_close_v2(db);
  return out;
}

// A bulk load whose process died after committing records but before writing their index: the
// records are noted; a read-only opening says how many are not searchable, and the next opening
// for writing writes their index.
TEST_F(StoreTest, BulkLoadCutShortIsIndexedByTheNextOpeningForWriting) {
  const auto batches = RandomBatches(5, 4, 100);
  ASSERT_TRUE(store_->BeginBulkLoad(size_t{1} << 30).ok());
  ASSERT_NO_FATAL_FAILURE(PutEach(*store_, batches));
  store_.reset();  // no EndBulkLoad: the held-back rows are lost with the process
  StoreOptions read_only;
  read_only.read_only = true;
  auto before = OpenSqliteStore(path_, model_, read_only);
  ASSERT_TRUE(before.ok()) << before.status().ToString();
  EXPECT_EQ((*before)->Stats()->entities, 0);
  EXPECT_GT(*(*before)->UnindexedRecords(), 0);
  EXPECT_EQ((*before)->Stats()->unindexed_records, *(*before)->UnindexedRecords());
  before->reset();
  int64_t told = 0;
  StoreOptions writing;
  writing.on_catch_up = [&](int64_t records) { told = records; };
  auto reopened = OpenSqliteStore(path_, model_, writing);  // catches up on opening
  ASSERT_TRUE(reopened.ok()) << reopened.status().ToString();
  EXPECT_GT(told, 0);
  EXPECT_EQ(*(*reopened)->UnindexedRecords(), 0);
  ASSERT_TRUE((*reopened)->BeginBulkLoad(size_t{1} << 30).ok());  // nothing left to catch up
  ASSERT_TRUE((*reopened)->EndBulkLoad().ok());

  EXPECT_EQ(Snapshot(**reopened), BatchWriteSnapshot(model_, batches));
  reopened->reset();
  EXPECT_EQ(QueryText(path_, "SELECT count(*) FROM unindexed_records"), "0");
}

// Starts an import with a bulk load of `batches` that never ends, as a process killed midway leaves it.
void StartBulkImport(Store& store, const std::vector<std::vector<Statement>>& batches) {
  ASSERT_TRUE(store.BeginBulkLoad(size_t{1} << 30).ok());
  ImportRun run;
  run.dataset = "fir";
  run.file = "f.csv";
  run.started = 1000;
  ASSERT_TRUE(store.Begin().ok());
  auto id = store.StartImport(run);
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  ASSERT_TRUE(store.Commit().ok());
  PutEach(store, batches);
}

std::string StatusOfLastImport(Store& store) {
  auto runs = store.Imports();
  return runs.ok() && !runs->empty() ? runs->back().status : "(none)";
}

// An import whose process is gone is reported "interrupted" (not "running") by the next opening,
// read-only or not; the next opening for writing also records it so and indexes its records. While
// the import still runs (its store open, here in the same process), neither happens.
TEST_F(StoreTest, KilledImportIsToldInterruptedAndItsRecordsIndexedOnTheNextWrite) {
  const auto batches = RandomBatches(7, 4, 100);
  ASSERT_NO_FATAL_FAILURE(StartBulkImport(*store_, batches));
  StoreOptions read_only;
  read_only.read_only = true;
  {
    auto alive = OpenSqliteStore(path_, model_);  // for writing, while the import runs
    ASSERT_TRUE(alive.ok()) << alive.status().ToString();
    EXPECT_EQ(StatusOfLastImport(**alive), "running");
    EXPECT_GT(*(*alive)->UnindexedRecords(), 0);  // the running import's records are its own to index
  }
  store_.reset();  // the import's process dies: its lock goes with it
  {
    auto ro = OpenSqliteStore(path_, model_, read_only);
    ASSERT_TRUE(ro.ok()) << ro.status().ToString();
    EXPECT_EQ(StatusOfLastImport(**ro), "interrupted");
    EXPECT_EQ((*ro)->Stats()->entities, 0);
    EXPECT_GT((*ro)->Stats()->unindexed_records, 0);
  }
  auto next = OpenSqliteStore(path_, model_);
  ASSERT_TRUE(next.ok()) << next.status().ToString();
  EXPECT_EQ(*(*next)->UnindexedRecords(), 0);
  EXPECT_EQ(Snapshot(**next), BatchWriteSnapshot(model_, batches));
  next->reset();
  EXPECT_EQ(QueryText(path_, "SELECT group_concat(status) FROM imports"), "interrupted");  // recorded, not only shown
}

// Read-only opening (a store the user may not write): reads work, nothing is written, and a
// write says what happened without SQL.
TEST_F(StoreTest, ReadOnlyStoreReadsAndRefusesWritesClearly) {
  ASSERT_TRUE(store_->Begin().ok());
  ASSERT_TRUE(store_->PutStatements(Person("a", "Muhammad Asif", "f.csv:2")).ok());
  ASSERT_TRUE(store_->Commit().ok());
  store_.reset();
  StoreOptions read_only;
  read_only.read_only = true;
  auto ro = OpenSqliteStore(path_, model_, read_only);
  ASSERT_TRUE(ro.ok()) << ro.status().ToString();
  EXPECT_EQ((*ro)->Search("asif", 10, "")->size(), 1u);
  EXPECT_EQ((*ro)->Stats()->entities, 1);
  Status begun = (*ro)->Begin();
  Status put = begun.ok() ? (*ro)->PutStatements(Person("b", "Bilal", "f.csv:3")).status() : begun;
  ASSERT_FALSE(put.ok());
  EXPECT_EQ(put.code(), StatusCode::kIoError) << put.ToString();
  EXPECT_NE(put.message().find("read-only"), std::string::npos) << put.ToString();
  for (const char* internal : {"INSERT", "SELECT", "sqlite", "SQL"})
    EXPECT_EQ(put.message().find(internal), std::string::npos) << put.ToString();
}

TEST_F(StoreTest, ReadOnlyOpeningOfAFileThatIsNotAStoreSaysSo) {
  const std::string other = testing::FreshTempDir("notstore") + "/x.db";
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(other.c_str(), &db), SQLITE_OK);
  ASSERT_TRUE(sqlite::Exec(db, "CREATE TABLE t(x)").ok());
  sqlite3_close_v2(db);
  StoreOptions read_only;
  read_only.read_only = true;
  auto ro = OpenSqliteStore(other, model_, read_only);
  ASSERT_FALSE(ro.ok());
  EXPECT_NE(ro.status().message().find("not a Kashf store"), std::string::npos) << ro.status().ToString();
}

// A store written by an older Kashf (one row per statement, schema version 2) is upgraded on
// open: every statement, entity and name stays findable and a re-import adds nothing.
TEST_F(StoreTest, UpgradesAVersion2Store) {
  const std::string old_path = testing::FreshTempDir("store-v2") + "/old.db";
  {
    auto db = sqlite::OpenDatabase(old_path);
    ASSERT_TRUE(db.ok());
    for (const auto& m : SqliteMigrations())
      if (m.version <= 2) {
        ASSERT_TRUE(sqlite::Exec(*db, m.sql).ok());
      }
    const std::string id = MakeEntityId("fir", "Person", "a");
    const int64_t ekey = static_cast<int64_t>(StableHash64(id));
    std::string sql = fmt::format(
        "PRAGMA user_version=2; INSERT INTO datasets(id,name) VALUES(1,'fir');"
        "INSERT INTO entities VALUES({0},'{1}','Person',1,'Muhammad Asif');"
        "INSERT INTO names(name,ekey) VALUES('Muhammad Asif',{0});",
        ekey, id);
    for (const auto& st : Person("a", "Muhammad Asif", "f.csv:2"))
      sql += fmt::format("INSERT INTO statements VALUES({},{},'{}','{}',1,'{}',{});", static_cast<int64_t>(st.Id()),
                         ekey, st.prop, st.value, st.record_id, st.first_seen);
    ASSERT_TRUE(sqlite::Exec(*db, sql).ok());
    sqlite3_close_v2(*db);
  }
  auto s = OpenSqliteStore(old_path, model_);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  auto& store = **s;
  EXPECT_EQ(store.Stats()->statements, 2);
  auto e = store.GetEntity(MakeEntityId("fir", "Person", "a"));
  ASSERT_TRUE(e.ok()) << e.status().ToString();
  ASSERT_EQ(e->statements.size(), 2u);
  EXPECT_EQ(e->statements[1].record_id, "f.csv:2");
  EXPECT_EQ(e->statements[1].first_seen, 1000);
  EXPECT_TRUE(e->statements[1].grading.empty());  // migration 8: statements from before grading are ungraded
  EXPECT_EQ(store.Search("asif", 10, "")->size(), 1u);
  EXPECT_EQ(store.Search("asi", 10, "")->size(), 1u);      // migration 6 listed the index's words for prefixes
  auto by_cnic = store.Search("35202 1234567 1", 10, "");  // migration 5 indexed the stored identifiers
  ASSERT_TRUE(by_cnic.ok()) << by_cnic.status().ToString();
  ASSERT_EQ(by_cnic->size(), 1u);
  EXPECT_EQ((*by_cnic)[0].matched, "cnic");
  ASSERT_TRUE(store.Begin().ok());
  EXPECT_EQ(*store.PutStatements(Person("a", "Muhammad Asif", "f.csv:2")), 0);
  ASSERT_TRUE(store.Commit().ok());
}

}  // namespace
}  // namespace kashf
