#include "migrations.h"

namespace kashf {

const std::vector<Migration>& SqliteMigrations() {
  static const std::vector<Migration> kMigrations = {
      {1, "statements, entities, imports, rejects, name search",
       R"sql(
CREATE TABLE datasets (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
CREATE TABLE entities (
  ekey INTEGER PRIMARY KEY,           -- StableHash64(id)
  id TEXT NOT NULL,
  schema TEXT NOT NULL,
  dataset_id INTEGER NOT NULL REFERENCES datasets(id),
  caption TEXT NOT NULL DEFAULT ''
);
CREATE TABLE statements (
  sid INTEGER PRIMARY KEY,            -- Statement::Id(): equal statements collapse (idempotent import)
  ekey INTEGER NOT NULL REFERENCES entities(ekey),
  prop TEXT NOT NULL,
  value TEXT NOT NULL,
  dataset_id INTEGER NOT NULL REFERENCES datasets(id),
  record_id TEXT NOT NULL,
  first_seen INTEGER NOT NULL
);
CREATE INDEX statements_by_entity ON statements(ekey);
CREATE TABLE imports (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  dataset TEXT NOT NULL, file TEXT NOT NULL, mapping TEXT NOT NULL,
  started INTEGER NOT NULL, finished INTEGER NOT NULL DEFAULT 0,
  rows_read INTEGER NOT NULL DEFAULT 0, rows_loaded INTEGER NOT NULL DEFAULT 0,
  rows_rejected INTEGER NOT NULL DEFAULT 0, statements_new INTEGER NOT NULL DEFAULT 0,
  status TEXT NOT NULL
);
CREATE TABLE rejects (
  import_id INTEGER NOT NULL REFERENCES imports(id),
  file TEXT NOT NULL, line INTEGER NOT NULL, column_name TEXT NOT NULL, reason TEXT NOT NULL
);
CREATE INDEX rejects_by_import ON rejects(import_id);
CREATE VIRTUAL TABLE names USING fts5(name, ekey UNINDEXED, tokenize = 'unicode61 remove_diacritics 2');
)sql"},
      {2, "entity resolution: clusters and analyst judgements",
       R"sql(
CREATE TABLE clusters (ekey INTEGER PRIMARY KEY REFERENCES entities(ekey), cluster_id TEXT NOT NULL);
CREATE INDEX clusters_by_id ON clusters(cluster_id);
CREATE TABLE judgements (
  left_id TEXT NOT NULL, right_id TEXT NOT NULL, is_match INTEGER NOT NULL,
  user_name TEXT NOT NULL, at INTEGER NOT NULL, note TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (left_id, right_id)
);
)sql"},
  };
  return kMigrations;
}

}  // namespace kashf
