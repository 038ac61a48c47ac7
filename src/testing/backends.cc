#include "kashf/testing/backends.h"

#include <libpq-fe.h>
#include <sqlite3.h>

#include "kashf/testing/files.h"

namespace kashf::testing {

void BackendTest::SetUp() {
  if (GetParam() != "postgresql") {
    location_ = FreshTempDir("backend-" + GetParam()) + "/k.db";
    return;
  }
  std::string skip;
  pg_ = PostgresTestDatabase::Create(&skip);
  if (!pg_ && !skip.empty()) GTEST_SKIP() << skip;
  ASSERT_NE(pg_, nullptr) << "no PostgreSQL test database";
  location_ = pg_->url();
}

void BackendTest::ExecSql(const std::string& sql) {
  if (postgres()) {
    PGconn* conn = PQconnectdb(location_.c_str());
    PGresult* res = PQexec(conn, sql.c_str());
    const bool ok = PQresultStatus(res) == PGRES_COMMAND_OK || PQresultStatus(res) == PGRES_TUPLES_OK;
    const std::string error = ok ? "" : PQerrorMessage(conn);
    PQclear(res);
    PQfinish(conn);
    ASSERT_TRUE(ok) << error;
    return;
  }
  sqlite3* db = nullptr;
  const bool opened = sqlite3_open(location_.c_str(), &db) == SQLITE_OK;
  const bool ok = opened && sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK;
  const std::string error = sqlite3_errmsg(db);
  sqlite3_close(db);
  ASSERT_TRUE(ok) << error;
}

}  // namespace kashf::testing
