#include "pg_store_schema.h"

namespace kashf {

const std::vector<std::pair<int, std::string>>& PostgresStoreMigrations() {
  static const std::vector<std::pair<int, std::string>> kMigrations = {
      {1, R"sql(
-- Trigram similarity for misspelt names (a trusted extension since PostgreSQL 13: the database's
-- owner may create it).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
-- One row per statement. skey = StableHashParts(dataset, record id, entity, property, value): a
-- statement already stored (any import time or grading) is not stored again, as in SQLite.
-- seq is the append order (GetEntity's order, the content version).
CREATE TABLE statements (
  seq BIGINT GENERATED ALWAYS AS IDENTITY,
  skey BIGINT PRIMARY KEY,
  entity_id TEXT NOT NULL,
  schema TEXT NOT NULL,
  prop TEXT NOT NULL,
  value TEXT NOT NULL,
  dataset TEXT NOT NULL,
  record_id TEXT NOT NULL,
  first_seen BIGINT NOT NULL,
  source_eval TEXT NOT NULL DEFAULT '',       -- grading (include/kashf/model/grading.h); '' = not graded
  information_eval TEXT NOT NULL DEFAULT '',
  handling TEXT NOT NULL DEFAULT ''
);
CREATE INDEX statements_by_entity ON statements (entity_id, seq);
CREATE TABLE entities (
  id TEXT PRIMARY KEY,
  schema TEXT NOT NULL,
  dataset TEXT NOT NULL,
  caption TEXT NOT NULL DEFAULT ''
);
CREATE INDEX entities_by_schema ON entities (schema, dataset);
-- Name index: one row per (entity, name property, name). words = the name's tokens, folded by the
-- SQLite backend's tokenizer (FTS5 unicode61, remove_diacritics 2) and joined by spaces, so both
-- backends split and fold a name alike (Latin and Urdu script). Searched as a tsvector of exactly
-- those tokens (no stemming or stop words: what the 'simple' configuration does to a name).
CREATE TABLE names (
  entity_id TEXT NOT NULL,
  prop TEXT NOT NULL,
  name TEXT NOT NULL,
  words TEXT NOT NULL,
  PRIMARY KEY (entity_id, prop, name)
);
CREATE INDEX names_words ON names USING gin (array_to_tsvector(string_to_array(words, ' ')));
-- Every distinct word of the name index: whole-word checks, and the trigram index that finds the
-- words a misspelt one resembles.
CREATE TABLE name_words (word TEXT PRIMARY KEY);
CREATE INDEX name_words_trigrams ON name_words USING gin (word gin_trgm_ops);
-- Identifier values by their normalised key (search_query.h IdentifierKey), looked up exactly.
CREATE TABLE identifiers (
  value TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  prop TEXT NOT NULL,
  PRIMARY KEY (value, entity_id, prop)
);
CREATE TABLE imports (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  dataset TEXT NOT NULL, file TEXT NOT NULL, mapping TEXT NOT NULL,
  started BIGINT NOT NULL, finished BIGINT NOT NULL DEFAULT 0,
  rows_read BIGINT NOT NULL DEFAULT 0, rows_loaded BIGINT NOT NULL DEFAULT 0,
  rows_rejected BIGINT NOT NULL DEFAULT 0, statements_new BIGINT NOT NULL DEFAULT 0,
  status TEXT NOT NULL
);
CREATE TABLE rejects (
  import_id BIGINT NOT NULL REFERENCES imports (id),
  file TEXT NOT NULL, line BIGINT NOT NULL, column_name TEXT NOT NULL, reason TEXT NOT NULL
);
CREATE INDEX rejects_by_import ON rejects (import_id, line);
CREATE TABLE clusters (entity_id TEXT PRIMARY KEY, cluster_id TEXT NOT NULL);
CREATE INDEX clusters_by_id ON clusters (cluster_id);
CREATE TABLE judgements (
  left_id TEXT NOT NULL, right_id TEXT NOT NULL, is_match BOOLEAN NOT NULL,
  user_name TEXT NOT NULL, at BIGINT NOT NULL, note TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (left_id, right_id)
);
CREATE TABLE node_labels (
  node_id TEXT NOT NULL, label TEXT NOT NULL,
  user_name TEXT NOT NULL, at BIGINT NOT NULL, note TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (node_id, label)
);
-- Bumped by every change a derived cache must see that adds no row with a new number (a judgement
-- replaced, clusters reassigned): part of ContentVersion.
CREATE TABLE content_changes (id INT PRIMARY KEY CHECK (id = 1), n BIGINT NOT NULL);
INSERT INTO content_changes VALUES (1, 0);
)sql"},
  };
  return kMigrations;
}

}  // namespace kashf
