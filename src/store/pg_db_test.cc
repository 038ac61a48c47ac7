#include "kashf/store/pg_db.h"

#include <gtest/gtest.h>

#include "kashf/testing/postgres.h"

namespace kashf::pg {
namespace {

class PgDb : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string skip;
    db_ = testing::PostgresTestDatabase::Create(&skip);
    if (!db_ && !skip.empty()) GTEST_SKIP() << skip;
    ASSERT_NE(db_, nullptr);
    auto conn = Connection::Open(db_->url());
    ASSERT_TRUE(conn.ok()) << conn.status().ToString();
    conn_ = std::move(*conn);
  }
  std::unique_ptr<testing::PostgresTestDatabase> db_;
  Connection conn_;
};

TEST_F(PgDb, BindsParametersAndReadsRows) {
  auto rows = conn_.Query("adding", "SELECT $1::bigint + $2::bigint, $3::text", {"40", "2", "it's"});
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  ASSERT_EQ(rows->size(), 1);
  EXPECT_EQ(rows->Int(0, 0), 42);
  EXPECT_EQ(rows->Text(0, 1), "it's");
}

// A failing statement is an error naming what the caller was doing, without PostgreSQL's text
// (which quotes SQL and table names).
TEST_F(PgDb, FailedStatementIsAnErrorWithoutSql) {
  auto rows = conn_.Query("reading the widgets", "SELECT * FROM no_such_table");
  ASSERT_FALSE(rows.ok());
  EXPECT_NE(rows.status().message().find("reading the widgets failed"), std::string::npos);
  EXPECT_EQ(rows.status().message().find("no_such_table"), std::string::npos);
}

TEST_F(PgDb, TransactionRollsBackWhenTheBodyFails) {
  ASSERT_TRUE(conn_.Exec("creating", "CREATE TABLE t (x INT)").ok());
  Status st = conn_.Transaction("writing", [&] {
    KASHF_RETURN_IF_ERROR(conn_.Exec("writing", "INSERT INTO t VALUES (1)"));
    return Status::Internal("the body failed");
  });
  EXPECT_FALSE(st.ok());
  auto rows = conn_.Query("counting", "SELECT count(*) FROM t");
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ(rows->Int(0, 0), 0);
}

TEST_F(PgDb, MigratesOnceAndRefusesANewerSchema) {
  const std::vector<std::pair<int, std::string>> v1 = {{1, "CREATE TABLE a (x INT)"}};
  ASSERT_TRUE(MigrateComponent(conn_, "demo", v1).ok());
  ASSERT_TRUE(MigrateComponent(conn_, "demo", v1).ok());  // idempotent: table a is not created twice
  auto v2 = v1;
  v2.emplace_back(2, "CREATE TABLE b (y INT); INSERT INTO b VALUES (7)");
  ASSERT_TRUE(MigrateComponent(conn_, "demo", v2).ok());
  auto rows = conn_.Query("reading", "SELECT y FROM b");
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ(rows->Int(0, 0), 7);
  Status older = MigrateComponent(conn_, "demo", v1);  // an older Kashf against the newer tables
  EXPECT_EQ(older.code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(older.message().find("newer than this Kashf knows"), std::string::npos);
}

// A read whose later rows fail (here: a division by zero past the first batch the cursor fetches)
// is an error, never the rows read so far as a complete result.
TEST_F(PgDb, ForEachThatFailsPartWayIsAnError) {
  int64_t seen = 0;
  Status st = conn_.ForEach("reading numbers", "SELECT 100000 / (g - 7000) FROM generate_series(1, 9000) g", {},
                            [&](const Rows&, int) {
                              ++seen;
                              return true;
                            });
  EXPECT_GT(seen, 0);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("reading numbers failed"), std::string::npos);
  int64_t all = 0;  // the connection is usable afterwards, and a complete read sees every row
  ASSERT_TRUE(conn_
                  .ForEach("reading numbers", "SELECT g FROM generate_series(1, 12345) g", {},
                           [&](const Rows& r, int i) {
                             all += r.Int(i, 0);
                             return true;
                           })
                  .ok());
  EXPECT_EQ(all, int64_t{12345} * 12346 / 2);
}

// COPY's text format carries every byte a value may hold that needs escaping.
TEST_F(PgDb, CopyInStoresEscapedText) {
  ASSERT_TRUE(conn_.Exec("creating", "CREATE TABLE t (a TEXT, b TEXT)").ok());
  const std::string awkward = "tab\there\\ back\\slash\nnewline\rreturn \\N";
  std::string data;
  AppendCopyText(&data, awkward);
  data += '\t';
  AppendCopyText(&data, "plain");
  data += '\n';
  auto copied = conn_.CopyIn("copying", "COPY t FROM STDIN", data);
  ASSERT_TRUE(copied.ok()) << copied.status().ToString();
  EXPECT_EQ(*copied, 1);
  auto rows = conn_.Query("reading", "SELECT a, b FROM t");
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ(rows->Text(0, 0), awkward);
  EXPECT_EQ(rows->Text(0, 1), "plain");
  auto bad = conn_.CopyIn("copying", "COPY t FROM STDIN", "only one column\n");
  EXPECT_FALSE(bad.ok());
  EXPECT_TRUE(conn_.Exec("reading", "SELECT 1").ok());  // the failed COPY left the connection usable
}

TEST(PgConnection, UnreachableServerIsAnErrorWithoutThePassword) {
  auto conn = Connection::Open("postgresql://kashf:hunter2@/kashf?host=/nonexistent-kashf-socket&connect_timeout=2");
  ASSERT_FALSE(conn.ok());
  EXPECT_EQ(conn.status().code(), StatusCode::kIoError);
  EXPECT_NE(conn.status().message().find("cannot connect to PostgreSQL"), std::string::npos);
  EXPECT_EQ(conn.status().message().find("hunter2"), std::string::npos);
}

}  // namespace
}  // namespace kashf::pg
