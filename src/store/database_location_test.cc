#include "kashf/store/database_location.h"

#include <gtest/gtest.h>

#include "kashf/store/sqlite_db.h"

namespace kashf::store {
namespace {

TEST(DatabaseLocation, TellsUrlsFromFiles) {
  EXPECT_TRUE(IsPostgresUrl("postgresql://kashf@db.example/kashf"));
  EXPECT_TRUE(IsPostgresUrl("postgres:///kashf?host=/run/postgresql"));
  EXPECT_FALSE(IsPostgresUrl("kashf.db"));
  EXPECT_FALSE(IsPostgresUrl("/data/postgresql/kashf.db"));
  EXPECT_FALSE(IsPostgresUrl("postgresql.db"));
}

TEST(DatabaseLocation, RedactsPasswords) {
  EXPECT_EQ(RedactedLocation("postgresql://kashf:s3cret@db.example:5432/kashf"),
            "postgresql://kashf:***@db.example:5432/kashf");
  EXPECT_EQ(RedactedLocation("postgres:///kashf?host=/run/pg&password=s3cret&sslmode=require"),
            "postgres:///kashf?host=/run/pg&password=***&sslmode=require");
  EXPECT_EQ(RedactedLocation("postgresql://kashf@db.example/kashf"), "postgresql://kashf@db.example/kashf");
  EXPECT_EQ(RedactedLocation("/data/a:b@c.db"), "/data/a:b@c.db");
}

// A component without a PostgreSQL backend refuses the URL by name: no SQLite file is created at a
// path spelled like a URL, and the password in the URL is not repeated.
TEST(DatabaseLocation, SqliteOnlyComponentRefusesUrlByName) {
  auto db = sqlite::OpenDatabase("postgresql://kashf:secret@localhost/kashf", "the firearm register");
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.status().code(), StatusCode::kUnimplemented);
  EXPECT_NE(db.status().message().find("the firearm register has no PostgreSQL backend yet"), std::string::npos);
  EXPECT_EQ(db.status().message().find("secret"), std::string::npos);
  auto ro = sqlite::OpenDatabaseReadOnly("postgres://localhost/kashf", "the case register");
  ASSERT_FALSE(ro.ok());
  EXPECT_NE(ro.status().message().find("the case register has no PostgreSQL backend yet"), std::string::npos);
}

}  // namespace
}  // namespace kashf::store
