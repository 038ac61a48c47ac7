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

TEST_F(StoreTest, PutIsIdempotent) {
  auto batch = Person("a", "Muhammad Asif", "f.csv:2");
  ASSERT_TRUE(store_->Begin().ok());
  EXPECT_EQ(*store_->PutStatements(batch), 2);
  ASSERT_TRUE(store_->Commit().ok());
  ASSERT_TRUE(store_->Begin().ok());
  EXPECT_EQ(*store_->PutStatements(batch), 0);  // same statements again: nothing new
  ASSERT_TRUE(store_->Commit().ok());
  auto stats = store_->Stats();
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->statements, 2);
  EXPECT_EQ(stats->entities, 1);
}

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

// What derived caches compare: a committed change moves the version (seen through a second,
// read-only connection, as the server's caches use), a repeated write of the same statements or a
// rolled-back batch does not.
TEST_F(StoreTest, ContentVersionMovesWithEveryCommittedChange) {
  StoreOptions read_only;
  read_only.read_only = true;
  auto reader = OpenSqliteStore(path_, model_, read_only);
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  auto version = [&] {
    auto v = (*reader)->ContentVersion();
    EXPECT_TRUE(v.ok()) << v.status().ToString();
    return v.ok() ? *v : std::string();
  };
  const std::string empty = version();
  ASSERT_TRUE(store_->Begin().ok());
  ASSERT_TRUE(store_->PutStatements(Person("a", "Muhammad Asif", "f.csv:2")).ok());
  ASSERT_TRUE(store_->Commit().ok());
  const std::string one = version();
  EXPECT_NE(one, empty);
  ASSERT_TRUE(store_->Begin().ok());
  ASSERT_TRUE(store_->PutStatements(Person("a", "Muhammad Asif", "f.csv:2")).ok());  // nothing new
  ASSERT_TRUE(store_->Commit().ok());
  EXPECT_EQ(version(), one);
  ASSERT_TRUE(store_->Begin().ok());
  ASSERT_TRUE(store_->PutStatements(Person("b", "Bilal Ahmed", "f.csv:3")).ok());
  ASSERT_TRUE(store_->Rollback().ok());
  EXPECT_EQ(version(), one);
  ASSERT_TRUE(store_
                  ->PutJudgement({MakeEntityId("fir", "Person", "a"), MakeEntityId("fir", "Person", "b"), false,
                                  "analyst", 2000, ""})
                  .ok());
  EXPECT_NE(version(), one);
}

TEST_F(StoreTest, EntityKeepsProvenance) {
  ASSERT_TRUE(store_->Begin().ok());
  ASSERT_TRUE(store_->PutStatements(Person("a", "Muhammad Asif", "f.csv:2")).ok());
  ASSERT_TRUE(store_->Commit().ok());
  auto e = store_->GetEntity(MakeEntityId("fir", "Person", "a"));
  ASSERT_TRUE(e.ok()) << e.status().ToString();
  EXPECT_EQ(e->schema, "Person");
  EXPECT_EQ(e->caption, "Muhammad Asif");
  ASSERT_EQ(e->statements.size(), 2u);
  EXPECT_EQ(e->statements[0].record_id, "f.csv:2");
  EXPECT_EQ(e->statements[0].dataset, "fir");
  EXPECT_EQ(store_->GetEntity("nope").status().code(), StatusCode::kNotFound);
}

// Each statement keeps its grading (source evaluation, information assessment, handling code),
// read back by GetEntity and ScanStatements; statements of one source record with different
// gradings stay apart; re-importing (with any grading) adds nothing and keeps the first grading.
TEST_F(StoreTest, StatementsKeepTheirGradingAndReimportKeepsTheFirst) {
  auto batch = Person("a", "Muhammad Asif", "f.csv:2");
  batch[0].grading = {"B", "2", "H1"};
  batch[1].grading = {"A", "1", "H2"};  // the CNIC of the same record, graded apart
  ASSERT_TRUE(store_->Begin().ok());
  EXPECT_EQ(*store_->PutStatements(batch), 2);
  ASSERT_TRUE(store_->Commit().ok());
  auto graded = [&](const std::string& prop) {
    auto e = store_->GetEntity(MakeEntityId("fir", "Person", "a"));
    EXPECT_TRUE(e.ok()) << e.status().ToString();
    for (const auto& st : e->statements)
      if (st.prop == prop) return st.grading;
    return Grading{"?", "?", "?"};
  };
  EXPECT_EQ(graded("name"), (Grading{"B", "2", "H1"}));
  EXPECT_EQ(graded("cnic"), (Grading{"A", "1", "H2"}));
  std::map<std::string, Grading> scanned;
  ASSERT_TRUE(store_
                  ->ScanStatements({},
                                   [&](const Statement& st) {
                                     scanned[st.prop] = st.grading;
                                     return true;
                                   })
                  .ok());
  EXPECT_EQ(scanned["name"], (Grading{"B", "2", "H1"}));
  EXPECT_EQ(scanned["cnic"], (Grading{"A", "1", "H2"}));
  batch[0].grading = {"X", "4", "H0"};  // the same statement again, graded otherwise: not stored twice
  ASSERT_TRUE(store_->Begin().ok());
  EXPECT_EQ(*store_->PutStatements(batch), 0);
  ASSERT_TRUE(store_->Commit().ok());
  EXPECT_EQ(graded("name"), (Grading{"B", "2", "H1"}));
  EXPECT_EQ(store_->Stats()->statements, 2);
}

TEST_F(StoreTest, RollbackLeavesNothing) {
  ASSERT_TRUE(store_->Begin().ok());
  ASSERT_TRUE(store_->PutStatements(Person("a", "Asif", "f.csv:2")).ok());
  ASSERT_TRUE(store_->Rollback().ok());
  EXPECT_EQ(store_->Stats()->statements, 0);
}

TEST_F(StoreTest, SearchFindsLatinAndUrduNamesByPrefix) {
  ASSERT_TRUE(store_->Begin().ok());
  ASSERT_TRUE(store_->PutStatements(Person("a", "Muhammad Asif", "f.csv:2")).ok());
  ASSERT_TRUE(store_->PutStatements(Person("b", "محمد آصف", "f.csv:3")).ok());
  ASSERT_TRUE(store_->PutStatements(Person("c", "Ghulam Rasool", "f.csv:4")).ok());
  ASSERT_TRUE(store_->Commit().ok());
  auto hits = store_->Search("muham as", 10, "");
  ASSERT_TRUE(hits.ok()) << hits.status().ToString();
  ASSERT_EQ(hits->size(), 1u);
  EXPECT_EQ((*hits)[0].caption, "Muhammad Asif");
  auto urdu = store_->Search("محمد", 10, "Person");
  ASSERT_TRUE(urdu.ok());
  EXPECT_EQ(urdu->size(), 1u);
  EXPECT_FALSE(store_->Search("   ", 10, "").ok());
  EXPECT_TRUE(store_->Search("\"quoted\" name", 10, "").ok());  // punctuation does not break FTS syntax
  // A word that is in the index is matched as typed; only a partial word is a prefix.
  ASSERT_TRUE(store_->Begin().ok());
  ASSERT_TRUE(store_->PutStatements(Person("d", "Asifa Bibi", "f.csv:5")).ok());
  ASSERT_TRUE(store_->Commit().ok());
  EXPECT_EQ(store_->Search("asif", 10, "")->size(), 1u);
  EXPECT_EQ(store_->Search("asi", 10, "")->size(), 2u);
}

// Issue 12: text the search box invites (punctuation, identifiers, field prefixes, controls) is a
// query, never an FTS5 syntax error.
TEST_F(StoreTest, SearchTakesAnyText) {
  ASSERT_TRUE(store_->Begin().ok());
  ASSERT_TRUE(store_->PutStatements(Person("a", "Abdul-Rahman Khan", "f.csv:2")).ok());
  ASSERT_TRUE(store_->PutStatements(Person("b", "M. Asif", "f.csv:3")).ok());
  ASSERT_TRUE(store_->PutStatements(Person("c", "Sean O'Brien", "f.csv:4")).ok());
  ASSERT_TRUE(store_->PutStatements(Person("d", "Muhammad Iqbal", "f.csv:5")).ok());
  ASSERT_TRUE(store_->Commit().ok());
  const std::pair<std::string, std::string> finds[] = {{"Abdul-Rahman", "Abdul-Rahman Khan"},
                                                       {"abdul rahman", "Abdul-Rahman Khan"},
                                                       {"M.Asif", "M. Asif"},
                                                       {"O'Brien", "Sean O'Brien"},
                                                       {"name:muhammad", "Muhammad Iqbal"},
                                                       {"muhammad\tiqbal", "Muhammad Iqbal"},
                                                       {std::string("iqbal") + '\0' + "muh", "Muhammad Iqbal"},
                                                       {"\"abdul rahman\"", "Abdul-Rahman Khan"},
                                                       {"muhammad OR NOT iqbal", ""}};
  for (const auto& [text, caption] : finds) {
    auto hits = store_->Search(text, 10, "Person");
    ASSERT_TRUE(hits.ok()) << text << ": " << hits.status().ToString();
    if (caption.empty()) {
      EXPECT_TRUE(hits->empty()) << text;  // OR and NOT are words here, not operators
      continue;
    }
    ASSERT_EQ(hits->size(), 1u) << text;
    EXPECT_EQ((*hits)[0].caption, caption) << text;
    EXPECT_EQ((*hits)[0].matched, "name") << text;
  }
  for (const std::string& text : std::vector<std::string>{"", "\t", std::string(1, '\0'), "--", "\xff"}) {
    auto hits = store_->Search(text, 10, "");
    ASSERT_FALSE(hits.ok());
    EXPECT_EQ(hits.status().code(), StatusCode::kInvalidArgument);
  }
}

TEST_F(StoreTest, SearchLooksUpIdentifiersExactlyInAnyFormatting) {
  const std::string person = MakeEntityId("fir", "Person", "p"), account = MakeEntityId("fir", "BankAccount", "x");
  ASSERT_TRUE(store_->Begin().ok());
  ASSERT_TRUE(store_
                  ->PutStatements({{person, "Person", "name", "Bilal Ahmed", "fir", "r1", 1000},
                                   {person, "Person", "cnic", "12987-4558663-7", "fir", "r1", 1000},
                                   {person, "Person", "phone", "+923001234567", "fir", "r1", 1000},
                                   {person, "Person", "passportNumber", "AB1234567", "fir", "r1", 1000}})
                  .ok());
  ASSERT_TRUE(store_
                  ->PutStatements({{account, "BankAccount", "iban", "PK36SCBL0000001123456702", "fir", "r2", 1000},
                                   {account, "BankAccount", "accountNumber", "01-2345678-9", "fir", "r2", 1000}})
                  .ok());
  ASSERT_TRUE(store_->PutStatements(Person("q", "Someone Else", "r3")).ok());  // another CNIC
  ASSERT_TRUE(store_->Commit().ok());
  const std::tuple<std::string, std::string, std::string> cases[] = {{"12987-4558663-7", person, "cnic"},
                                                                     {"1298745586637", person, "cnic"},
                                                                     {"12987 4558663 7", person, "cnic"},
                                                                     {"12987-45586637", person, "cnic"},
                                                                     {"0300-1234567", person, "phone"},
                                                                     {"+92 300 1234567", person, "phone"},
                                                                     {"923001234567", person, "phone"},
                                                                     {"ab1234567", person, "passportNumber"},
                                                                     {"PK36 SCBL 0000 0011 2345 6702", account, "iban"},
                                                                     {"0123456789", account, "accountNumber"}};
  for (const auto& [text, id, prop] : cases) {
    auto hits = store_->Search(text, 10, "");
    ASSERT_TRUE(hits.ok()) << text << ": " << hits.status().ToString();
    ASSERT_EQ(hits->size(), 1u) << text;
    EXPECT_EQ((*hits)[0].entity_id, id) << text;
    EXPECT_EQ((*hits)[0].matched, prop) << text;
  }
  // Exact: one digit off finds nothing (no prefix or fuzzy match on identifiers).
  EXPECT_TRUE(store_->Search("12987-4558663-8", 10, "")->empty());
  EXPECT_TRUE(store_->Search("12987-4558663", 10, "")->empty());
  EXPECT_TRUE(store_->Search("1298745586637", 10, "BankAccount")->empty());  // schema filter applies
}

TEST_F(StoreTest, SearchSaysWhichFieldMatchedAndRanksOwnNamesBeforeRelatives) {
  const std::string son = MakeEntityId("fir", "Person", "son"), father = MakeEntityId("fir", "Person", "father");
  ASSERT_TRUE(store_->Begin().ok());
  ASSERT_TRUE(store_
                  ->PutStatements({{son, "Person", "name", "Ali Raza", "fir", "r1", 1000},
                                   {son, "Person", "fatherName", "Muhammad Khan", "fir", "r1", 1000}})
                  .ok());
  ASSERT_TRUE(store_
                  ->PutStatements({{father, "Person", "name", "Muhammad Khan", "fir", "r2", 1000},
                                   {father, "Person", "alias", "Mamu", "fir", "r2", 1000}})
                  .ok());
  ASSERT_TRUE(store_->Commit().ok());
  auto hits = store_->Search("muhammad khan", 10, "");
  ASSERT_TRUE(hits.ok()) << hits.status().ToString();
  ASSERT_EQ(hits->size(), 2u);
  EXPECT_EQ((*hits)[0].entity_id, father);
  EXPECT_EQ((*hits)[0].matched, "name");
  EXPECT_EQ((*hits)[1].entity_id, son);  // found through his father's name, and says so
  EXPECT_EQ((*hits)[1].matched, "fatherName");
  EXPECT_GT((*hits)[0].score, (*hits)[1].score);
  // With one hit wanted, the father's-name match is not reached at all.
  hits = store_->Search("muhammad khan", 1, "");
  ASSERT_EQ(hits->size(), 1u);
  EXPECT_EQ((*hits)[0].entity_id, father);
  hits = store_->Search("father:muhammad", 10, "");
  ASSERT_EQ(hits->size(), 1u);
  EXPECT_EQ((*hits)[0].entity_id, son);
  hits = store_->Search("name:muhammad", 10, "");
  ASSERT_EQ(hits->size(), 1u);
  EXPECT_EQ((*hits)[0].entity_id, father);
  hits = store_->Search("mam", 10, "");  // a prefix of an alias
  ASSERT_EQ(hits->size(), 1u);
  EXPECT_EQ((*hits)[0].matched, "alias");
  EXPECT_TRUE(store_->Search("alias:muhammad", 10, "")->empty());
}

// A file that keeps names in parts (first name, surname): `name:` covers the parts, `surname:` the surname only.
TEST_F(StoreTest, NameFieldCoversNamesKeptInParts) {
  const std::string febrl = MakeEntityId("febrl", "Person", "rec-1");
  ASSERT_TRUE(store_->Begin().ok());
  ASSERT_TRUE(store_
                  ->PutStatements({{febrl, "Person", "firstName", "Joshua", "febrl", "r1", 1000},
                                   {febrl, "Person", "lastName", "Campbell", "febrl", "r1", 1000}})
                  .ok());
  ASSERT_TRUE(store_->Commit().ok());
  for (const char* query : {"name:campbell", "surname:campbell", "name:joshua", "campbell"}) {
    auto hits = store_->Search(query, 10, "");
    ASSERT_TRUE(hits.ok()) << query << ": " << hits.status().ToString();
    ASSERT_EQ(hits->size(), 1u) << query;
    EXPECT_EQ((*hits)[0].entity_id, febrl) << query;
  }
  EXPECT_EQ((*store_->Search("surname:campbell", 10, ""))[0].matched, "lastName");
  EXPECT_TRUE(store_->Search("surname:joshua", 10, "")->empty());  // a first name is not a surname
}

TEST_F(StoreTest, ReopenKeepsDataAndVersion) {
  ASSERT_TRUE(store_->Begin().ok());
  ASSERT_TRUE(store_->PutStatements(Person("a", "Asif", "f.csv:2")).ok());
  ASSERT_TRUE(store_->Commit().ok());
  store_.reset();
  auto again = OpenSqliteStore(path_, model_);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ((*again)->Stats()->statements, 2);
}

TEST_F(StoreTest, MissingStoreIsAClearError) {
  StoreOptions opts;
  opts.create_if_missing = false;
  auto s = OpenSqliteStore(path_ + ".missing", model_, opts);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.status().message().find("kashf --db"), std::string::npos);
}

TEST_F(StoreTest, NodeLabelsPersistReplaceAndRemove) {
  ASSERT_TRUE(store_->PutNodeLabel({"C1", "organiser", "analyst1", 5, "wiretap"}).ok());
  ASSERT_TRUE(store_->PutNodeLabel({"C2", "courier", "analyst1", 6, ""}).ok());
  ASSERT_TRUE(store_->PutNodeLabel({"C1", "organiser", "analyst2", 7, "confirmed"}).ok());  // replaces
  auto labels = store_->NodeLabels();
  ASSERT_TRUE(labels.ok()) << labels.status().ToString();
  ASSERT_EQ(labels->size(), 2u);
  EXPECT_EQ((*labels)[0].node_id, "C2");
  EXPECT_EQ((*labels)[1].user, "analyst2");
  EXPECT_EQ((*labels)[1].note, "confirmed");
  ASSERT_TRUE(store_->RemoveNodeLabel("C2", "courier").ok());
  EXPECT_EQ(store_->RemoveNodeLabel("C2", "courier").code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->NodeLabels()->size(), 1u);
}

TEST_F(StoreTest, ClustersAndJudgementsPersist) {
  ASSERT_TRUE(store_->Begin().ok());
  ASSERT_TRUE(store_->PutStatements(Person("a", "Asif", "f.csv:2")).ok());
  ASSERT_TRUE(store_->PutStatements(Person("b", "Asif", "g.csv:2")).ok());
  std::string a = MakeEntityId("fir", "Person", "a"), b = MakeEntityId("fir", "Person", "b");
  ASSERT_TRUE(store_->PutClusters({{a, "K-1"}, {b, "K-1"}}).ok());
  ASSERT_TRUE(store_->PutJudgement({b, a, false, "analyst1", 5, "different fathers"}).ok());
  ASSERT_TRUE(store_->Commit().ok());
  EXPECT_EQ(*store_->ClusterOf(a), "K-1");
  EXPECT_EQ(store_->ClusterMembers("K-1")->size(), 2u);
  auto j = store_->Judgements();
  ASSERT_EQ(j->size(), 1u);
  EXPECT_LT((*j)[0].left, (*j)[0].right);
  EXPECT_FALSE((*j)[0].match);
}

TEST_F(StoreTest, ChangedRecordAddsOnlyItsNewStatements) {
  auto first = Person("a", "Muhammad Asif", "f.csv:2");
  ASSERT_TRUE(store_->Begin().ok());
  ASSERT_EQ(*store_->PutStatements(first), 2);
  ASSERT_TRUE(store_->Commit().ok());
  auto second = first;
  second.push_back({first[0].entity_id, "Person", "alias", "Asif Bhatti", "fir", "f.csv:2", 2000});
  for (auto& st : second) st.first_seen = 2000;
  ASSERT_TRUE(store_->Begin().ok());
  EXPECT_EQ(*store_->PutStatements(second), 1);
  ASSERT_TRUE(store_->Commit().ok());
  auto e = store_->GetEntity(first[0].entity_id);
  ASSERT_TRUE(e.ok());
  ASSERT_EQ(e->statements.size(), 3u);
  for (const auto& st : e->statements) EXPECT_EQ(st.first_seen, st.prop == "alias" ? 2000 : 1000) << st.prop;
  EXPECT_EQ(store_->Stats()->statements, 3);
}

TEST_F(StoreTest, StatementGivenTwiceInABatchCountsOnce) {
  auto batch = Person("a", "Muhammad Asif", "f.csv:2");
  batch.push_back(batch[0]);
  ASSERT_TRUE(store_->Begin().ok());
  EXPECT_EQ(*store_->PutStatements(batch), 2);
  ASSERT_TRUE(store_->Commit().ok());
  EXPECT_EQ(store_->Stats()->statements, 2);
}

// Serial reference: the set of distinct statements put, compared with what ScanStatements and
// GetEntity return, over random batches where records and entities interleave and repeat.
TEST_F(StoreTest, ScanReturnsExactlyTheDistinctStatementsPutGroupedByEntity) {
  std::mt19937 rng(7);
  using Key = std::tuple<std::string, std::string, std::string, std::string, std::string>;
  std::set<Key> expected;
  int64_t fresh = 0;
  for (int b = 0; b < 6; ++b) {
    std::vector<Statement> batch;
    for (int i = 0; i < 300; ++i) {
      const std::string rec = "r.csv:" + std::to_string(rng() % 40);
      const std::string ds = rng() % 4 == 0 ? "fia" : "fir";
      const std::string id = MakeEntityId(ds, "Person", std::to_string(rng() % 25));
      const std::string prop = rng() % 2 ? "name" : "nationality";
      const std::string value = prop == "name" ? "Name " + std::to_string(rng() % 5) : "pk";
      const int n = 1 + static_cast<int>(rng() % 3);  // a run of one record
      for (int k = 0; k < n; ++k) {
        batch.push_back({id, "Person", prop, value + (k ? std::to_string(k) : ""), ds, rec, 1000 + b});
        expected.insert({id, prop, batch.back().value, ds, rec});
      }
    }
    ASSERT_TRUE(store_->Begin().ok());
    auto put = store_->PutStatements(batch);
    ASSERT_TRUE(put.ok()) << put.status().ToString();
    fresh += *put;
    ASSERT_TRUE(store_->Commit().ok());
  }
  EXPECT_EQ(fresh, static_cast<int64_t>(expected.size()));
  EXPECT_EQ(store_->Stats()->statements, static_cast<int64_t>(expected.size()));
  std::set<Key> scanned;
  std::set<std::string> finished;
  std::string current;
  size_t total = 0;
  ASSERT_TRUE(store_
                  ->ScanStatements({},
                                   [&](const Statement& st) {
                                     if (st.entity_id != current) {
                                       EXPECT_TRUE(finished.insert(st.entity_id).second)
                                           << "entity statements not adjacent: " << st.entity_id;
                                       current = st.entity_id;
                                     }
                                     scanned.insert({st.entity_id, st.prop, st.value, st.dataset, st.record_id});
                                     ++total;
                                     return true;
                                   })
                  .ok());
  EXPECT_EQ(total, expected.size());
  EXPECT_EQ(scanned, expected);
  size_t fia = 0;
  ASSERT_TRUE(store_
                  ->ScanStatements({"Person", "fia"},
                                   [&](const Statement& st) {
                                     EXPECT_EQ(st.dataset, "fia");
                                     ++fia;
                                     return true;
                                   })
                  .ok());
  EXPECT_EQ(fia, static_cast<size_t>(std::count_if(expected.begin(), expected.end(),
                                                   [](const Key& k) { return std::get<3>(k) == "fia"; })));
  for (const auto& id : finished) {
    auto e = store_->GetEntity(id);
    ASSERT_TRUE(e.ok());
    for (const auto& st : e->statements) EXPECT_TRUE(expected.count({id, st.prop, st.value, st.dataset, st.record_id}));
  }
  size_t stopped = 0;
  ASSERT_TRUE(store_->ScanStatements({}, [&](const Statement&) { return ++stopped < 5; }).ok());
  EXPECT_EQ(stopped, 5u);
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

// A finished import is "done" and releases its lock: the next opening has nothing to recover.
TEST_F(StoreTest, FinishedImportIsNotInterrupted) {
  ASSERT_NO_FATAL_FAILURE(StartBulkImport(*store_, RandomBatches(3, 2, 50)));
  ASSERT_TRUE(store_->EndBulkLoad().ok());
  auto runs = store_->Imports();
  ASSERT_TRUE(runs.ok());
  ImportRun run = runs->back();
  run.status = "done";
  ASSERT_TRUE(store_->Begin().ok());
  ASSERT_TRUE(store_->FinishImport(run).ok());
  ASSERT_TRUE(store_->Commit().ok());
  auto other = OpenSqliteStore(path_, model_);
  ASSERT_TRUE(other.ok());
  EXPECT_EQ(StatusOfLastImport(**other), "done");
  EXPECT_EQ(StatusOfLastImport(*store_), "done");
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

// The store remembers what it committed to skip rewriting entities and names; a rolled-back batch
// must not be remembered, so writing it again stores it in full.
TEST_F(StoreTest, RolledBackBatchIsWrittenInFullLater) {
  auto batch = Person("a", "Muhammad Asif", "f.csv:2");
  ASSERT_TRUE(store_->Begin().ok());
  auto put1 = store_->PutStatements(batch);
  ASSERT_TRUE(put1.ok()) << put1.status().ToString();
  ASSERT_EQ(*put1, 2);
  ASSERT_TRUE(store_->Rollback().ok());
  auto st0 = store_->Stats();
  ASSERT_TRUE(st0.ok()) << st0.status().ToString();
  EXPECT_EQ(st0->entities, 0);
  auto none = store_->Search("asif", 10, "");
  ASSERT_TRUE(none.ok()) << none.status().ToString();
  EXPECT_TRUE(none->empty());
  ASSERT_TRUE(store_->Begin().ok());
  auto put2 = store_->PutStatements(batch);
  ASSERT_TRUE(put2.ok()) << put2.status().ToString();
  ASSERT_EQ(*put2, 2);
  ASSERT_TRUE(store_->Commit().ok());
  EXPECT_EQ(store_->Stats()->entities, 1);
  auto one = store_->Search("asif", 10, "");
  ASSERT_TRUE(one.ok()) << one.status().ToString();
  ASSERT_EQ(one->size(), 1u);
  // Another record of the same person with the same name: new statements, still one hit.
  ASSERT_TRUE(store_->Begin().ok());
  auto put3 = store_->PutStatements(Person("a", "Muhammad Asif", "f.csv:3"));
  ASSERT_TRUE(put3.ok()) << put3.status().ToString();
  ASSERT_EQ(*put3, 2);
  ASSERT_TRUE(store_->Commit().ok());
  auto two = store_->Search("muhammad asif", 10, "");
  ASSERT_TRUE(two.ok()) << two.status().ToString();
  EXPECT_EQ(two->size(), 1u);
  auto e = store_->GetEntity(batch[0].entity_id);
  ASSERT_TRUE(e.ok()) << e.status().ToString();
  EXPECT_EQ(e->statements.size(), 4u);
  EXPECT_EQ(store_->Stats()->entities, 1);
}

TEST_F(StoreTest, ScanClustersListsEveryAssignmentLikeTheDefault) {
  ASSERT_TRUE(store_->Begin().ok());
  ASSERT_TRUE(store_->PutStatements(Person("a", "Asif", "f.csv:2")).ok());
  ASSERT_TRUE(store_->PutStatements(Person("b", "Asif", "g.csv:2")).ok());
  ASSERT_TRUE(store_->PutStatements(Person("c", "Bilal", "g.csv:3")).ok());
  std::string a = MakeEntityId("fir", "Person", "a"), b = MakeEntityId("fir", "Person", "b");
  ASSERT_TRUE(store_->PutClusters({{a, "K-1"}, {b, "K-1"}}).ok());
  ASSERT_TRUE(store_->Commit().ok());
  std::map<std::string, std::string> fast, reference;
  ASSERT_TRUE(store_
                  ->ScanClusters([&](const std::string& e, const std::string& c) {
                    fast[e] = c;
                    return true;
                  })
                  .ok());
  ASSERT_TRUE(store_
                  ->Store::ScanClusters([&](const std::string& e, const std::string& c) {
                    reference[e] = c;
                    return true;
                  })
                  .ok());
  EXPECT_EQ(fast, (std::map<std::string, std::string>{{a, "K-1"}, {b, "K-1"}}));
  EXPECT_EQ(fast, reference);
}

}  // namespace
}  // namespace kashf
