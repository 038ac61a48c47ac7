#include "migrations.h"

#include <map>

#include "kashf/core/hash.h"
#include "kashf/store/sqlite_db.h"
#include "record_codec.h"

namespace kashf {
namespace {

// Migration 3: packs the statements of each (dataset, record, import time) into one records row
// and links every entity to the records that mention it, then drops the old statements table.
Status PackStatementsIntoRecords(sqlite3* db) {
  sqlite::Stmt read, put_record, put_link;
  KASHF_RETURN_IF_ERROR(
      read.Prepare(db,
                   "SELECT s.dataset_id, d.name, s.record_id, s.first_seen, s.ekey, e.id, e.schema, s.prop, s.value "
                   "FROM statements s JOIN entities e ON e.ekey = s.ekey JOIN datasets d ON d.id = s.dataset_id "
                   "ORDER BY s.dataset_id, s.record_id, s.first_seen, s.ekey, s.sid"));
  KASHF_RETURN_IF_ERROR(put_record.Prepare(
      db, "INSERT INTO records(rkey, dataset_id, record_id, first_seen, n, data) VALUES(?,?,?,?,?,?)"));
  KASHF_RETURN_IF_ERROR(put_link.Prepare(db, "INSERT OR IGNORE INTO entity_records(ekey, rid) VALUES(?,?)"));
  struct Group {
    int64_t ekey;
    std::string id, schema;
    std::vector<std::pair<std::string, std::string>> props;
  };
  int64_t ds = -1, seen = 0, n = 0;
  std::string ds_name, record;
  std::vector<Group> groups;
  auto flush = [&]() -> Status {
    if (groups.empty()) return Status::Ok();
    std::string data;
    AppendVarint(&data, groups.size());
    for (const auto& g : groups) {
      AppendString(&data, g.id);
      AppendString(&data, g.schema);
      AppendVarint(&data, g.props.size());
      for (const auto& [p, v] : g.props) {
        AppendString(&data, p);
        AppendString(&data, v);
      }
    }
    put_record.Reset();
    put_record.Bind(1, static_cast<int64_t>(StableHashParts({ds_name, record})));
    put_record.Bind(2, ds);
    put_record.BindStatic(3, record);
    put_record.Bind(4, seen);
    put_record.Bind(5, n);
    sqlite3_bind_blob(put_record.get(), 6, data.data(), static_cast<int>(data.size()), SQLITE_STATIC);
    if (put_record.Step() != SQLITE_DONE) return sqlite::Error(db, "packing statements");
    const int64_t rid = sqlite3_last_insert_rowid(db);
    for (const auto& g : groups) {
      put_link.Reset();
      put_link.Bind(1, g.ekey);
      put_link.Bind(2, rid);
      if (put_link.Step() != SQLITE_DONE) return sqlite::Error(db, "linking entities to records");
    }
    groups.clear();
    n = 0;
    return Status::Ok();
  };
  int rc;
  while ((rc = read.Step()) == SQLITE_ROW) {
    std::string rec = read.Text(2);
    if (read.Int(0) != ds || rec != record || read.Int(3) != seen) {
      KASHF_RETURN_IF_ERROR(flush());
      ds = read.Int(0);
      ds_name = read.Text(1);
      record = std::move(rec);
      seen = read.Int(3);
    }
    if (groups.empty() || groups.back().ekey != read.Int(4))
      groups.push_back({read.Int(4), read.Text(5), read.Text(6), {}});
    groups.back().props.emplace_back(read.Text(7), read.Text(8));
    ++n;
  }
  if (rc != SQLITE_DONE) return sqlite::Error(db, "reading statements to pack");
  KASHF_RETURN_IF_ERROR(flush());
  for (sqlite::Stmt* st : {&read, &put_record, &put_link}) *st = sqlite::Stmt();  // finalize before the drop
  return sqlite::Exec(db, "DROP TABLE statements");
}

}  // namespace

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
)sql",
       nullptr},
      {2, "entity resolution: clusters and analyst judgements",
       R"sql(
CREATE TABLE clusters (ekey INTEGER PRIMARY KEY REFERENCES entities(ekey), cluster_id TEXT NOT NULL);
CREATE INDEX clusters_by_id ON clusters(cluster_id);
CREATE TABLE judgements (
  left_id TEXT NOT NULL, right_id TEXT NOT NULL, is_match INTEGER NOT NULL,
  user_name TEXT NOT NULL, at INTEGER NOT NULL, note TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (left_id, right_id)
);
)sql",
       nullptr},
      {3, "statements packed per source record (one row per record, entity -> record links)",
       R"sql(
CREATE TABLE records (
  rid INTEGER PRIMARY KEY,            -- append order: writes go to the end of the table
  rkey INTEGER NOT NULL,              -- StableHashParts(dataset, record_id): finds a record on re-import
  dataset_id INTEGER NOT NULL,        -- datasets(id)
  record_id TEXT NOT NULL,
  first_seen INTEGER NOT NULL,        -- import time of every statement in this row
  n INTEGER NOT NULL,                 -- statements packed in data
  data BLOB NOT NULL                  -- src/store/record_codec.h
);
CREATE INDEX records_by_key ON records(rkey);
CREATE TABLE entity_records (ekey INTEGER NOT NULL, rid INTEGER NOT NULL, PRIMARY KEY (ekey, rid)) WITHOUT ROWID;
-- Name index without token positions or lengths (searches are per-word prefix matches, never
-- phrases): about a third cheaper to write; each (entity, name) is indexed once.
CREATE VIRTUAL TABLE names_v3 USING fts5(name, ekey UNINDEXED, tokenize = 'unicode61 remove_diacritics 2',
                                         detail = none, columnsize = 0);
INSERT INTO names_v3(name, ekey) SELECT DISTINCT name, ekey FROM names;
DROP TABLE names;
ALTER TABLE names_v3 RENAME TO names;
)sql",
       &PackStatementsIntoRecords},
      {4, "bulk loads: records whose entity rows, links and names are not written yet",
       R"sql(
-- A bulk load (Store::BeginBulkLoad) commits records first and their derived rows later; each
-- committed batch notes its rid range here, and the write of its derived rows removes the note.
-- A range still here after the loader died is derived again by the next bulk load.
CREATE TABLE unindexed_records (first_rid INTEGER NOT NULL, last_rid INTEGER NOT NULL);
)sql",
       nullptr},
      {5, "search: the property of every indexed name, and an exact index of identifiers",
       R"sql(
-- Each name row keeps the property it came from (name, alias, fatherName ...): a hit says which
-- field matched, and a person's own names rank before their relatives' names.
CREATE VIRTUAL TABLE names_v5 USING fts5(name, prop UNINDEXED, ekey UNINDEXED,
                                         tokenize = 'unicode61 remove_diacritics 2', detail = none, columnsize = 0);
DROP TABLE names;
ALTER TABLE names_v5 RENAME TO names;
-- Identifier values (cnic, phone and identifier properties) by their normalised key
-- (src/store/search_query.h IdentifierKey: ASCII letters upper-cased and digits), looked up exactly.
CREATE TABLE identifiers (
  value TEXT NOT NULL,
  ekey INTEGER NOT NULL,
  prop TEXT NOT NULL,
  PRIMARY KEY (value, ekey, prop)
) WITHOUT ROWID;
)sql",
       nullptr, true},
      {6, "search: the distinct words of the name index, for prefix search",
       R"sql(
-- Every distinct word (token) of the name index. A prefix search reads the words a prefix starts
-- here and matches them as alternatives, which FTS5 reads lazily; its own prefix match ("qur"*)
-- merges the entries of every such word first (150 ms for a common prefix among 10M people).
CREATE TABLE name_words (word TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE VIRTUAL TABLE temp.names_terms USING fts5vocab(main, names, row);
INSERT INTO name_words SELECT term FROM temp.names_terms;
DROP TABLE temp.names_terms;
)sql",
       nullptr},
      {7, "network: analysts' labels of nodes (known organiser, broker, courier, laundering account)",
       R"sql(
CREATE TABLE node_labels (
  node_id TEXT NOT NULL, label TEXT NOT NULL,
  user_name TEXT NOT NULL, at INTEGER NOT NULL, note TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (node_id, label)
);
)sql",
       nullptr},
      {8, "grading: source evaluation, information assessment and handling code of every statement",
       R"sql(
-- The grading of the statements of a records row (include/kashf/model/grading.h; the codes are
-- those of data/reference/grading-europol.yaml): statements of one source record with different
-- gradings go into separate rows. '' = not graded on that axis. Constant defaults: SQLite adds
-- the columns without rewriting the table.
ALTER TABLE records ADD COLUMN source_eval TEXT NOT NULL DEFAULT '';
ALTER TABLE records ADD COLUMN information_eval TEXT NOT NULL DEFAULT '';
ALTER TABLE records ADD COLUMN handling TEXT NOT NULL DEFAULT '';
)sql",
       nullptr},
  };
  return kMigrations;
}

}  // namespace kashf
