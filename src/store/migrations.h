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
  // The name and identifier indexes are rebuilt from the stored records after `sql`, in the same
  // transaction (the store does it: which properties are names or identifiers comes from the model).
  bool rebuild_search_index = false;
};

const std::vector<Migration>& SqliteMigrations();

}  // namespace kashf
