// The store conformance suite: every backend-independent behaviour of Store (store.h), run against
// SQLite and PostgreSQL alike (kashf/testing/backends.h), so a difference between the backends is a
// failing test. SQLite-only behaviour (bulk-load deferral, read-only files, old file versions) is in
// sqlite_store_test.cc, PostgreSQL-only behaviour in pg_store_test.cc.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <random>
#include <set>
#include <thread>
#include <tuple>

#include "kashf/store/store.h"
#include "kashf/testing/backends.h"

namespace kashf {
namespace {

class StoreConformance : public testing::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    auto m = Model::LoadDefault();
    ASSERT_TRUE(m.ok()) << m.status().ToString();
    model_ = std::move(*m);
    auto s = OpenStore(location(), model_);
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(*s);
  }
  std::vector<Statement> Person(const std::string& key, const std::string& name, const std::string& rec) {
    std::string id = MakeEntityId("fir", "Person", key);
    return {{id, "Person", "name", name, "fir", rec, 1000},
            {id, "Person", "cnic", "35202-1234567-1", "fir", rec, 1000}};
  }
  static std::string StatusOfLastImport(Store& store) {
    auto runs = store.Imports();
    return runs.ok() && !runs->empty() ? runs->back().status : "(none)";
  }
  Model model_;
  std::unique_ptr<Store> store_;
};

TEST_P(StoreConformance, PutIsIdempotent) {
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

// What derived caches compare: a committed change moves the version (seen through a second,
// read-only connection, as the server's caches use), a repeated write of the same statements or a
// rolled-back batch does not.
TEST_P(StoreConformance, ContentVersionMovesWithEveryCommittedChange) {
  StoreOptions read_only;
  read_only.read_only = true;
  auto reader = OpenStore(location(), model_, read_only);
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

TEST_P(StoreConformance, EntityKeepsProvenance) {
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
TEST_P(StoreConformance, StatementsKeepTheirGradingAndReimportKeepsTheFirst) {
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

TEST_P(StoreConformance, RollbackLeavesNothing) {
  ASSERT_TRUE(store_->Begin().ok());
  ASSERT_TRUE(store_->PutStatements(Person("a", "Asif", "f.csv:2")).ok());
  ASSERT_TRUE(store_->Rollback().ok());
  EXPECT_EQ(store_->Stats()->statements, 0);
}

TEST_P(StoreConformance, SearchFindsLatinAndUrduNamesByPrefix) {
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
TEST_P(StoreConformance, SearchTakesAnyText) {
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

TEST_P(StoreConformance, SearchLooksUpIdentifiersExactlyInAnyFormatting) {
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

TEST_P(StoreConformance, SearchSaysWhichFieldMatchedAndRanksOwnNamesBeforeRelatives) {
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
TEST_P(StoreConformance, NameFieldCoversNamesKeptInParts) {
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

TEST_P(StoreConformance, ReopenKeepsDataAndVersion) {
  ASSERT_TRUE(store_->Begin().ok());
  ASSERT_TRUE(store_->PutStatements(Person("a", "Asif", "f.csv:2")).ok());
  ASSERT_TRUE(store_->Commit().ok());
  store_.reset();
  auto again = OpenStore(location(), model_);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ((*again)->Stats()->statements, 2);
}

TEST_P(StoreConformance, NodeLabelsPersistReplaceAndRemove) {
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

TEST_P(StoreConformance, ClustersAndJudgementsPersist) {
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

TEST_P(StoreConformance, ChangedRecordAddsOnlyItsNewStatements) {
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

TEST_P(StoreConformance, StatementGivenTwiceInABatchCountsOnce) {
  auto batch = Person("a", "Muhammad Asif", "f.csv:2");
  batch.push_back(batch[0]);
  ASSERT_TRUE(store_->Begin().ok());
  EXPECT_EQ(*store_->PutStatements(batch), 2);
  ASSERT_TRUE(store_->Commit().ok());
  EXPECT_EQ(store_->Stats()->statements, 2);
}

// Serial reference: the set of distinct statements put, compared with what ScanStatements and
// GetEntity return, over random batches where records and entities interleave and repeat.
TEST_P(StoreConformance, ScanReturnsExactlyTheDistinctStatementsPutGroupedByEntity) {
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

// The store remembers what it committed to skip rewriting entities and names; a rolled-back batch
// must not be remembered, so writing it again stores it in full.
TEST_P(StoreConformance, RolledBackBatchIsWrittenInFullLater) {
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

TEST_P(StoreConformance, ScanClustersListsEveryAssignmentLikeTheDefault) {
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

// A finished import is "done" and releases its lock: the next opening has nothing to recover.
// A finished import is "done" and releases its lock: another opening does not call it interrupted.
TEST_P(StoreConformance, FinishedImportIsNotInterrupted) {
  ImportRun run;
  run.dataset = "fir";
  run.file = "f.csv";
  run.started = 1000;
  ASSERT_TRUE(store_->Begin().ok());
  auto id = store_->StartImport(run);
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  ASSERT_TRUE(store_->PutStatements(Person("a", "Asif", "f.csv:2")).ok());
  ASSERT_TRUE(store_->Commit().ok());
  run.id = *id;
  run.status = "done";
  ASSERT_TRUE(store_->Begin().ok());
  ASSERT_TRUE(store_->FinishImport(run).ok());
  ASSERT_TRUE(store_->Commit().ok());
  auto other = OpenStore(location(), model_);
  ASSERT_TRUE(other.ok());
  EXPECT_EQ(StatusOfLastImport(**other), "done");
  EXPECT_EQ(StatusOfLastImport(*store_), "done");
}

// An import is "running" while the store that started it is open (here in the same process) and
// "interrupted" once it is gone (its process killed), to readers and to the next opening.
TEST_P(StoreConformance, ImportOfAClosedStoreIsToldInterrupted) {
  ImportRun run;
  run.dataset = "fir";
  run.file = "f.csv";
  run.started = 1000;
  ASSERT_TRUE(store_->Begin().ok());
  ASSERT_TRUE(store_->StartImport(run).ok());
  ASSERT_TRUE(store_->PutStatements(Person("a", "Asif", "f.csv:2")).ok());
  ASSERT_TRUE(store_->Commit().ok());
  auto other = OpenStore(location(), model_);
  ASSERT_TRUE(other.ok()) << other.status().ToString();
  EXPECT_EQ(StatusOfLastImport(**other), "running");
  store_.reset();
  // PostgreSQL ends the closed session (and frees its lock) a moment after the client goes.
  std::string status;
  for (int tries = 0; tries < 100 && (status = StatusOfLastImport(**other)) == "running"; ++tries)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_EQ(status, "interrupted");
  other->reset();
  auto next = OpenStore(location(), model_);
  ASSERT_TRUE(next.ok()) << next.status().ToString();
  EXPECT_EQ(StatusOfLastImport(**next), "interrupted");
  EXPECT_EQ((*next)->Stats()->statements, 2);  // what it committed stays
}

// Imports and their rejected rows (line order, the limit) read back alike.
TEST_P(StoreConformance, ImportsAndRejectsReadBack) {
  ImportRun run;
  run.dataset = "fir";
  run.file = "f.csv";
  run.mapping = "fir.yaml";
  run.started = 1000;
  auto id = store_->StartImport(run);
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  ASSERT_TRUE(store_
                  ->PutRejects(*id, {{"f.csv", 9, "cnic", "not a CNIC: 13 digits expected"},
                                     {"f.csv", 3, "", "tab\there and a backslash \\ and\nnewline"},
                                     {"f.csv", 5, "phone", "too short"}})
                  .ok());
  run.id = *id;
  run.finished = 1001;
  run.rows_read = 10;
  run.rows_loaded = 7;
  run.rows_rejected = 3;
  run.statements_new = 14;
  run.status = "done";
  ASSERT_TRUE(store_->FinishImport(run).ok());
  auto rejects = store_->Rejects(*id, 2);
  ASSERT_TRUE(rejects.ok()) << rejects.status().ToString();
  ASSERT_EQ(rejects->size(), 2u);
  EXPECT_EQ((*rejects)[0].line, 3);
  EXPECT_EQ((*rejects)[0].reason, "tab\there and a backslash \\ and\nnewline");
  EXPECT_EQ((*rejects)[1].column, "phone");
  auto runs = store_->Imports();
  ASSERT_TRUE(runs.ok()) << runs.status().ToString();
  ASSERT_EQ(runs->size(), 1u);
  const ImportRun& got = runs->front();
  EXPECT_EQ(std::tie(got.id, got.dataset, got.file, got.mapping, got.started, got.finished, got.rows_read,
                     got.rows_loaded, got.rows_rejected, got.statements_new, got.status),
            std::tie(run.id, run.dataset, run.file, run.mapping, run.started, run.finished, run.rows_read,
                     run.rows_loaded, run.rows_rejected, run.statements_new, run.status));
}

KASHF_INSTANTIATE_BACKENDS(StoreConformance);

}  // namespace
}  // namespace kashf
