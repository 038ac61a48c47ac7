// PostgreSQL-only behaviour of the statement store: what SQLite does not have (misspelt-name search
// with pg_trgm) and how a database is opened (schema versions). Everything the backends share is
// in store_conformance_test.cc.
#include <gtest/gtest.h>

#include "kashf/store/pg_db.h"
#include "kashf/store/store.h"
#include "kashf/testing/postgres.h"

namespace kashf {
namespace {

class PgStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string skip;
    db_ = testing::PostgresTestDatabase::Create(&skip);
    if (!db_ && !skip.empty()) GTEST_SKIP() << skip;
    ASSERT_NE(db_, nullptr);
    auto m = Model::LoadDefault();
    ASSERT_TRUE(m.ok()) << m.status().ToString();
    model_ = std::move(*m);
  }
  std::unique_ptr<Store> Open() {
    auto s = OpenPostgresStore(db_->url(), model_);
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    return s.ok() ? std::move(*s) : nullptr;
  }
  void Exec(const std::string& sql) {
    auto conn = pg::Connection::Open(db_->url());
    ASSERT_TRUE(conn.ok()) << conn.status().ToString();
    ASSERT_TRUE(conn->Exec("test", sql).ok()) << sql;
  }
  static std::vector<Statement> Person(const std::string& key, const std::string& name) {
    const std::string id = MakeEntityId("fir", "Person", key);
    return {{id, "Person", "name", name, "fir", "f.csv:" + key, 1000}};
  }
  static std::vector<std::string> Captions(Store& store, const std::string& query) {
    auto hits = store.Search(query, 10, "");
    EXPECT_TRUE(hits.ok()) << query << ": " << hits.status().ToString();
    std::vector<std::string> out;
    if (hits.ok())
      for (const auto& h : *hits) out.push_back(h.caption);
    return out;
  }
  std::unique_ptr<testing::PostgresTestDatabase> db_;
  Model model_;
};

// A misspelt name (a letter doubled, dropped or changed; Latin or Urdu script) finds the person by
// trigram similarity of each word, scored below any match as typed; a word like nothing in the
// index finds nothing, and a name matching as typed is not diluted by look-alikes.
TEST_F(PgStoreTest, MisspeltNamesAreFoundByTrigramSimilarity) {
  auto store = Open();
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(store->Begin().ok());
  for (const auto& [key, name] : std::vector<std::pair<std::string, std::string>>{
           {"1", "Muhammad Asif"}, {"2", "Ghulam Rasool"}, {"3", "محمد عبدالرحمان"}, {"4", "Asifa Bibi"}})
    ASSERT_TRUE(store->PutStatements(Person(key, name)).ok());
  ASSERT_TRUE(store->Commit().ok());
  EXPECT_EQ(Captions(*store, "Mohammad Asif"), std::vector<std::string>{"Muhammad Asif"});
  EXPECT_EQ(Captions(*store, "ghulaam rasul"), std::vector<std::string>{"Ghulam Rasool"});
  EXPECT_EQ(Captions(*store, "عبدالرحمن"), std::vector<std::string>{"محمد عبدالرحمان"});  // alef dropped
  EXPECT_TRUE(Captions(*store, "Zarkhez Qwerty").empty());
  EXPECT_EQ(Captions(*store, "asif"), std::vector<std::string>{"Muhammad Asif"});  // as typed: not Asifa
  auto fuzzy = store->Search("Mohammad Asif", 10, "");
  auto exact = store->Search("Muhammad Asif", 10, "");
  ASSERT_TRUE(fuzzy.ok() && exact.ok());
  ASSERT_EQ(fuzzy->size(), 1u);
  EXPECT_LT((*fuzzy)[0].score, 1.0);
  EXPECT_GT((*exact)[0].score, (*fuzzy)[0].score);
  EXPECT_EQ((*fuzzy)[0].matched, "name");
}

// Migrations are versioned: a database whose store schema is newer than this Kashf is refused, and
// opening without create on an empty database says how to create a store, never the URL.
TEST_F(PgStoreTest, NewerSchemaIsRefusedAndAnEmptyDatabaseIsNotAStore) {
  StoreOptions no_create;
  no_create.create_if_missing = false;
  auto none = OpenPostgresStore(db_->url(), model_, no_create);
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.status().code(), StatusCode::kNotFound);
  EXPECT_NE(none.status().message().find("kashf --db URL init"), std::string::npos) << none.status().ToString();
  ASSERT_NE(Open(), nullptr);
  ASSERT_NO_FATAL_FAILURE(Exec("UPDATE kashf_components SET version = version + 1 WHERE name = 'store'"));
  auto newer = OpenPostgresStore(db_->url(), model_);
  ASSERT_FALSE(newer.ok());
  EXPECT_EQ(newer.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(newer.status().message().find("upgrade Kashf"), std::string::npos) << newer.status().ToString();
}

// OpenStore picks the backend from the location: a URL opens PostgreSQL (no file of that name).
TEST_F(PgStoreTest, OpenStoreChoosesPostgresForAUrl) {
  auto store = OpenStore(db_->url(), model_);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  ASSERT_TRUE((*store)->PutStatements(Person("1", "Muhammad Asif")).ok());
  auto again = OpenPostgresStore(db_->url(), model_);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ((*again)->Stats()->statements, 1);
}

// A read that fails inside the database is an error that names what failed, without SQL.
TEST_F(PgStoreTest, FailedReadIsAnErrorWithoutSql) {
  auto store = Open();
  ASSERT_NE(store, nullptr);
  ASSERT_NO_FATAL_FAILURE(Exec("DROP TABLE names"));
  auto hits = store->Search("asif", 10, "");
  ASSERT_FALSE(hits.ok());
  EXPECT_NE(hits.status().message().find("searching names failed"), std::string::npos) << hits.status().ToString();
  for (const char* internal : {"SELECT", "names n", "tsquery"})
    EXPECT_EQ(hits.status().message().find(internal), std::string::npos) << hits.status().ToString();
}

}  // namespace
}  // namespace kashf
