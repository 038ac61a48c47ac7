// The PostgreSQL statement store's schema (pg_store.cc), as numbered migrations applied by
// pg::MigrateComponent under the component name "store". The one place the schema lives: a change
// is a new entry at the end (never an edit of an applied one), so a database is migrated step by
// step and one written by a newer Kashf is refused.
#pragma once
#include <string>
#include <utility>
#include <vector>

namespace kashf {

inline constexpr const char* kPostgresStoreComponent = "store";

// (version, SQL) in ascending order.
const std::vector<std::pair<int, std::string>>& PostgresStoreMigrations();

}  // namespace kashf
