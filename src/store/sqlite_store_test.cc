#include <map>

#include <gtest/gtest.h>

#include "kashf/core/testing.h"
#include "kashf/store/store.h"

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
    return {{id, "Person", "name", name, "fir", rec, 1000}, {id, "Person", "cnic", "35202-1234567-1", "fir", rec, 1000}};
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
  EXPECT_NE(s.status().message().find("kashf init"), std::string::npos);
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

TEST_F(StoreTest, ScanClustersListsEveryAssignmentLikeTheDefault) {
  ASSERT_TRUE(store_->Begin().ok());
  ASSERT_TRUE(store_->PutStatements(Person("a", "Asif", "f.csv:2")).ok());
  ASSERT_TRUE(store_->PutStatements(Person("b", "Asif", "g.csv:2")).ok());
  ASSERT_TRUE(store_->PutStatements(Person("c", "Bilal", "g.csv:3")).ok());
  std::string a = MakeEntityId("fir", "Person", "a"), b = MakeEntityId("fir", "Person", "b");
  ASSERT_TRUE(store_->PutClusters({{a, "K-1"}, {b, "K-1"}}).ok());
  ASSERT_TRUE(store_->Commit().ok());
  std::map<std::string, std::string> fast, reference;
  ASSERT_TRUE(store_->ScanClusters([&](const std::string& e, const std::string& c) { fast[e] = c; return true; }).ok());
  ASSERT_TRUE(store_->Store::ScanClusters([&](const std::string& e, const std::string& c) { reference[e] = c; return true; }).ok());
  EXPECT_EQ(fast, (std::map<std::string, std::string>{{a, "K-1"}, {b, "K-1"}}));
  EXPECT_EQ(fast, reference);
}

}  // namespace
}  // namespace kashf
