#include "kashf/store/sqlite_db.h"

#include <gtest/gtest.h>

#include <vector>

namespace kashf::sqlite {
namespace {

class SqliteDbTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(sqlite3_open(":memory:", &db_), SQLITE_OK);
    // abs() of the smallest 64-bit integer is an "integer overflow" error raised at that row, after
    // the rows before it were returned: a read that fails part-way.
    ASSERT_TRUE(
        Exec(db_, "CREATE TABLE t(x INTEGER); INSERT INTO t VALUES (1), (-2), (-9223372036854775808), (4);").ok());
  }
  void TearDown() override { sqlite3_close(db_); }
  sqlite3* db_ = nullptr;
};

TEST_F(SqliteDbTest, ForEachRowReadsEveryRow) {
  Stmt s;
  ASSERT_TRUE(s.Prepare(db_, "SELECT x FROM t WHERE x > -100 ORDER BY rowid").ok());
  std::vector<int64_t> seen;
  ASSERT_TRUE(s.ForEachRow("reading t", [&] { seen.push_back(s.Int(0)); }).ok());
  EXPECT_EQ(seen, (std::vector<int64_t>{1, -2, 4}));
}

TEST_F(SqliteDbTest, ReadFailingPartWayIsAnErrorNotAShortResult) {
  Stmt s;
  ASSERT_TRUE(s.Prepare(db_, "SELECT abs(x) FROM t ORDER BY rowid").ok());
  std::vector<int64_t> seen;
  Status st = s.ForEachRow("reading t", [&] { seen.push_back(s.Int(0)); });
  EXPECT_FALSE(st.ok());
  EXPECT_NE(st.message().find("reading t"), std::string::npos) << st.ToString();
  EXPECT_EQ(seen, (std::vector<int64_t>{1, 2}));  // the rows before the failure were seen, and it still failed
}

TEST_F(SqliteDbTest, NextTellsRowDoneAndError) {
  Stmt one;
  ASSERT_TRUE(one.Prepare(db_, "SELECT x FROM t WHERE x = 4").ok());
  auto row = one.Next("reading");
  ASSERT_TRUE(row.ok());
  EXPECT_TRUE(*row);
  auto done = one.Next("reading");
  ASSERT_TRUE(done.ok());
  EXPECT_FALSE(*done);
  Stmt bad;
  ASSERT_TRUE(bad.Prepare(db_, "SELECT abs(x) FROM t WHERE x < -100").ok());
  EXPECT_FALSE(bad.Next("reading").ok());  // not "no row"
}

}  // namespace
}  // namespace kashf::sqlite
