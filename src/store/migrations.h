// Versioned schema migrations of the SQLite store. Contract: migrations are append-only; a
// migration, once released, never changes. The store records the version in PRAGMA user_version.
#pragma once
#include <string>
#include <vector>

namespace kashf {

struct Migration {
  int version;
  std::string description;
  std::string sql;
};

const std::vector<Migration>& SqliteMigrations();

}  // namespace kashf
