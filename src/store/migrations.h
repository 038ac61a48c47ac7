// Versioned schema migrations of the SQLite store. Contract: migrations are append-only; a
// migration, once released, never changes. The store records the version in PRAGMA user_version.
#pragma once
#include <sqlite3.h>

#include <string>
#include <vector>

#include "kashf/core/result.h"

namespace kashf {

struct Migration {
  int version;
  std::string description;
  std::string sql;
  // Optional data conversion run after `sql`, in the same transaction (nullptr: none).
  Status (*convert)(sqlite3* db) = nullptr;
};

const std::vector<Migration>& SqliteMigrations();

}  // namespace kashf
