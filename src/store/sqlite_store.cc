// SQLite implementation of Store: WAL journal, foreign keys, versioned migrations, FTS5 names.
#include <algorithm>
#include <filesystem>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include <unistd.h>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "derived_rows.h"
#include "fts_tokenizer.h"
#include "import_locks.h"
#include "kashf/core/hash.h"
#include "kashf/core/text.h"
#include "kashf/store/database_location.h"
#include "kashf/store/sqlite_db.h"
#include "kashf/store/store.h"
#include "migrations.h"
#include "property_roles.h"
#include "record_codec.h"
#include "search_query.h"

namespace kashf {
namespace {

using sqlite::Stmt;

// Open-addressing set of 64-bit keys (linear probing, 8 bytes a slot, at most half full): about a
// quarter of std::unordered_set's memory for the large "already stored" sets below. Holds at most
// kMaxKeys keys (then ignores inserts), so memory stays bounded however large an import is.
class U64Set {
 public:
  static constexpr size_t kMaxKeys = size_t{1} << 21;
  bool Contains(uint64_t k) const {
    if (slots_.empty()) return false;
    if (k == 0) return has_zero_;
    for (size_t i = Mix(k) & mask_;; i = (i + 1) & mask_) {
      if (slots_[i] == k) return true;
      if (slots_[i] == 0) return false;
    }
  }
  void Insert(uint64_t k) {
    if (k == 0) {
      has_zero_ = true;
      if (slots_.empty()) Grow();
      return;
    }
    if (size_ >= kMaxKeys) return;
    if (2 * (size_ + 1) > slots_.size()) Grow();
    if (Place(k)) ++size_;
  }
  void Clear() {
    std::fill(slots_.begin(), slots_.end(), 0);
    size_ = 0;
    has_zero_ = false;
  }

 private:
  static uint64_t Mix(uint64_t k) { return (k ^ (k >> 29)) * 0xbf58476d1ce4e5b9ULL >> 7; }
  bool Place(uint64_t k) {
    for (size_t i = Mix(k) & mask_;; i = (i + 1) & mask_) {
      if (slots_[i] == k) return false;
      if (slots_[i] == 0) {
        slots_[i] = k;
        return true;
      }
    }
  }
  void Grow() {
    std::vector<uint64_t> old = std::move(slots_);
    slots_.assign(old.empty() ? 1024 : old.size() * 2, 0);
    mask_ = slots_.size() - 1;
    for (uint64_t k : old)
      if (k) Place(k);
  }
  std::vector<uint64_t> slots_;
  size_t mask_ = 0, size_ = 0;
  bool has_zero_ = false;
};

class SqliteStore final : public Store {
 public:
  SqliteStore(sqlite3* db, const Model& model, const std::string& path) : db_(db), locks_(path), roles_(model) {}
  ~SqliteStore() override {
    for (Stmt* s : {&ins_entity_, &ins_record_, &sel_record_, &ins_link_, &ins_name_, &ins_identifier_, &ins_dataset_,
                    &sel_dataset_, &ins_unindexed_, &del_unindexed_, &sel_names_, &sel_word_, &sel_words_,
                    &sel_identifiers_, &ins_word_})
      *s = Stmt();
    tokenizer_.reset();
    sqlite3_close_v2(db_);
  }

  // Reads through the OS page cache shared by every connection of the server's pool instead of a
  // pread into each one's private cache (SQLite caps the map at its compile-time maximum, 2 GiB in Debian).
  static constexpr const char* kMapTheFile = "PRAGMA mmap_size=2147418112";

  Status Init(bool read_only) {
    KASHF_RETURN_IF_ERROR(sqlite::Exec(db_,
                                       "PRAGMA foreign_keys=ON; PRAGMA busy_timeout=5000; PRAGMA temp_store=MEMORY;"
                                       "PRAGMA cache_size=-65536; PRAGMA wal_autocheckpoint=8192;"));
    KASHF_RETURN_IF_ERROR(sqlite::Exec(db_, kMapTheFile));
    if (!read_only) {
      KASHF_RETURN_IF_ERROR(sqlite::Exec(db_, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"));
      KASHF_RETURN_IF_ERROR(Migrate());
      version_ = SqliteMigrations().back().version;
      return Status::Ok();
    }
    Stmt v;  // read-only: nothing can be migrated, so the store must be at this binary's version
    KASHF_RETURN_IF_ERROR(v.Prepare(db_, "PRAGMA user_version"));
    if (v.Step() != SQLITE_ROW) return sqlite::Error(db_, "reading store version");
    const int64_t version = v.Int(0), latest = SqliteMigrations().back().version;
    version_ = version;
    if (version == 0) return Status::FailedPrecondition("this file is not a Kashf store (or an empty one); check --db");
    if (version < latest)
      return Status::FailedPrecondition(fmt::format(
          "this store was written by an older Kashf (schema version {}, this binary knows {}) and is read-only here; "
          "open it once with write access (e.g. `kashf --db PATH stats` as its owner) to bring it up to date",
          version, latest));
    if (version > latest)
      return Status::FailedPrecondition(fmt::format(
          "this store was written by a newer Kashf (schema version {}, this binary knows {}); upgrade Kashf", version,
          latest));
    return Status::Ok();
  }

  Status Migrate() {
    Stmt v;
    KASHF_RETURN_IF_ERROR(v.Prepare(db_, "PRAGMA user_version"));
    if (v.Step() != SQLITE_ROW) return sqlite::Error(db_, "reading store version");
    int64_t version = v.Int(0);
    v.Reset();  // an unfinished statement would lock tables a migration drops
    const auto& migrations = SqliteMigrations();
    if (version == 0) {  // new, or Kashf's registries only (they version themselves in kashf_components)
      Stmt foreign;
      KASHF_RETURN_IF_ERROR(
          foreign.Prepare(db_,
                          "SELECT EXISTS(SELECT 1 FROM sqlite_master WHERE type='table') AND "
                          "NOT EXISTS(SELECT 1 FROM sqlite_master WHERE type='table' AND name='kashf_components')"));
      if (foreign.Step() != SQLITE_ROW) return sqlite::Error(db_, "reading the store's tables");
      if (foreign.Int(0) != 0)
        return Status::FailedPrecondition(
            "this file is a database of another program, not a Kashf store; check --db (a new store: `kashf --db NEW "
            "init`)");
    }
    if (version > migrations.back().version)
      return Status::FailedPrecondition(fmt::format(
          "this store was written by a newer Kashf (schema version {}, this binary knows {}); upgrade Kashf", version,
          migrations.back().version));
    for (const auto& m : migrations) {
      if (m.version <= version) continue;
      KASHF_RETURN_IF_ERROR(sqlite::Exec(db_, "BEGIN IMMEDIATE"));
      Status st = sqlite::Exec(db_, m.sql);
      if (st.ok() && m.convert) st = m.convert(db_);
      if (st.ok() && m.rebuild_search_index) st = RebuildSearchIndex();
      if (st.ok()) st = sqlite::Exec(db_, fmt::format("PRAGMA user_version={}", m.version));
      if (!st.ok()) {
        (void)sqlite::Exec(db_, "ROLLBACK");
        return st.WithContext(fmt::format("migration {} ({})", m.version, m.description));
      }
      KASHF_RETURN_IF_ERROR(sqlite::Exec(db_, "COMMIT"));
    }
    return Status::Ok();
  }

  // After a crash: when no import runs anywhere (ImportLocks), marks runs whose process died as
  // interrupted and derives the entity rows, links and names of the records a killed bulk load
  // committed, so they become searchable. Calls on_catch_up(records) before indexing any. Gives up
  // quietly (leaving both for later) when another process holds the write lock past the timeout.
  Status RecoverInterruptedImports(const std::function<void(int64_t)>& on_catch_up) {
    if (!locks_.TryBeginRecovery()) return Status::Ok();
    Status st;
    {  // read first: most openings have nothing to recover and should not wait for the write lock
      Stmt running;
      st = running.Prepare(db_, "SELECT EXISTS(SELECT 1 FROM imports WHERE status='running')");
      if (st.ok() && running.Step() != SQLITE_ROW) st = sqlite::Error(db_, "listing running imports");
      if (st.ok() && running.Int(0) != 0) {
        running.Reset();
        st = sqlite::Exec(db_, "UPDATE imports SET status='interrupted' WHERE status='running'");
      }
    }
    int64_t unindexed = 0;
    if (st.ok()) {
      auto n = UnindexedRecords();
      if (n.ok()) unindexed = *n;
      else st = n.status();
    }
    if (st.ok() && unindexed > 0) {
      if (on_catch_up) on_catch_up(unindexed);
      st = PrepareWriters();
      if (st.ok()) {
        bulk_budget_ = kCatchUpBudgetBytes;
        st = CatchUp();
      }
    }
    locks_.EndRecovery();
    if (st.code() == StatusCode::kFailedPrecondition) return Status::Ok();  // busy: another writer; next time
    return st.WithContext("recovering from an interrupted import");
  }

  // Records committed whose entity rows, links and names are not written yet (a bulk load still
  // running, or one whose process died).
  Result<int64_t> UnindexedRecords() override {
    Stmt s;
    KASHF_RETURN_IF_ERROR(s.Prepare(
        db_, "SELECT count(*) FROM unindexed_records u JOIN records r ON r.rid BETWEEN u.first_rid AND u.last_rid"));
    if (s.Step() != SQLITE_ROW) return sqlite::Error(db_, "counting records not yet indexed");
    return s.Int(0);
  }

  Status Begin() override {
    started_in_txn_.clear();
    finished_in_txn_.clear();
    pending_entities_.clear();
    pending_names_.clear();
    pending_datasets_.clear();
    txn_.Clear();
    if (!bulk_) ClearWindow();
    return sqlite::Exec(db_, "BEGIN IMMEDIATE");
  }
  Status Commit() override {
    if (bulk_) {  // the records of this batch wait for their derived rows: say so in the same transaction
      KASHF_RETURN_IF_ERROR(PrepareWriters());
      for (const auto& [first, last] : txn_.rid_ranges) {
        ins_unindexed_.Reset();
        ins_unindexed_.Bind(1, first);
        ins_unindexed_.Bind(2, last);
        if (ins_unindexed_.Step() != SQLITE_DONE) return sqlite::Error(db_, "noting records to index");
      }
    }
    KASHF_RETURN_IF_ERROR(sqlite::Exec(db_, "COMMIT"));
    for (int64_t id : finished_in_txn_) locks_.Release(id);  // after the commit: never "running" and unlocked
    started_in_txn_.clear();
    finished_in_txn_.clear();
    MarkPendingKnown();
    pending_datasets_.clear();
    if (!bulk_) {
      txn_.Clear();
      return Status::Ok();
    }
    deferred_.Absorb(std::move(txn_));
    return deferred_.MemoryBytes() >= bulk_budget_ ? FlushDeferred() : Status::Ok();
  }
  Status Rollback() override {
    for (int64_t id : started_in_txn_) locks_.Release(id);  // its row is rolled back too
    started_in_txn_.clear();
    finished_in_txn_.clear();
    pending_entities_.clear();
    pending_names_.clear();
    for (const auto& name : pending_datasets_) dataset_ids_.erase(name);
    pending_datasets_.clear();
    txn_.Clear();
    ClearWindow();  // it may name rows of the rolled-back batch; duplicates it would have stopped are sorted out later
    return sqlite::Exec(db_, "ROLLBACK");
  }

  Status BeginBulkLoad(size_t memory_budget_bytes) override {
    KASHF_RETURN_IF_ERROR(PrepareWriters());
    bulk_budget_ = memory_budget_bytes;
    if (locks_.TryBeginRecovery()) {  // only while no other import runs: their noted records are theirs to index
      Status st = CatchUp();
      locks_.EndRecovery();
      KASHF_RETURN_IF_ERROR(st);
    }
    bulk_ = true;
    ClearWindow();
    return Status::Ok();
  }
  Status EndBulkLoad() override {
    if (!bulk_) return Status::Ok();
    bulk_ = false;
    Status st = FlushDeferred();
    if (!st.ok()) {               // the records stay noted as unindexed; the next bulk load derives their rows
      deferred_ = DerivedRows();  // frees its memory (Clear would keep the capacity)
      ClearWindow();
    }
    return st;
  }

  Result<int64_t> DatasetId(const std::string& name) {
    if (auto it = dataset_ids_.find(name); it != dataset_ids_.end()) return it->second;
    if (!sel_dataset_.get()) {
      KASHF_RETURN_IF_ERROR(sel_dataset_.Prepare(db_, "SELECT id FROM datasets WHERE name=?"));
      KASHF_RETURN_IF_ERROR(ins_dataset_.Prepare(db_, "INSERT INTO datasets(name) VALUES(?)"));
    }
    sel_dataset_.Reset();
    sqlite::ResetOnExit sel_done(sel_dataset_);
    sel_dataset_.Bind(1, name);
    int64_t id;
    KASHF_ASSIGN_OR_RETURN(bool known, sel_dataset_.Next("looking up a dataset"));
    if (known) {
      id = sel_dataset_.Int(0);
    } else {
      ins_dataset_.Reset();
      ins_dataset_.Bind(1, name);
      if (ins_dataset_.Step() != SQLITE_DONE) return sqlite::Error(db_, "adding dataset");
      id = sqlite3_last_insert_rowid(db_);
      pending_datasets_.push_back(name);  // forgotten again if the transaction rolls back
    }
    dataset_ids_[name] = id;
    return id;
  }

  static bool SameStatement(const Statement& a, const Statement& b) {
    return a.prop == b.prop && a.value == b.value && a.entity_id == b.entity_id;
  }
  static uint64_t StatementKey(std::string_view entity, std::string_view prop, std::string_view value) {
    return StableHashParts({entity, prop, value});
  }

  Status PrepareWriters() {
    if (ins_entity_.get()) return Status::Ok();
    KASHF_RETURN_IF_ERROR(ins_entity_.Prepare(
        db_, "INSERT OR IGNORE INTO entities(ekey,id,schema,dataset_id,caption) VALUES(?,?,?,?,?)"));
    KASHF_RETURN_IF_ERROR(sel_record_.Prepare(db_, "SELECT dataset_id, record_id, data FROM records WHERE rkey=?"));
    KASHF_RETURN_IF_ERROR(ins_link_.Prepare(db_, "INSERT OR IGNORE INTO entity_records(ekey,rid) VALUES(?,?)"));
    KASHF_RETURN_IF_ERROR(ins_name_.Prepare(db_, "INSERT INTO names(name,prop,ekey) VALUES(?,?,?)"));
    KASHF_RETURN_IF_ERROR(
        ins_identifier_.Prepare(db_, "INSERT OR IGNORE INTO identifiers(value,ekey,prop) VALUES(?,?,?)"));
    if (!tokenizer_) {
      KASHF_ASSIGN_OR_RETURN(tokenizer_, FtsTokenizer::Open(db_));
    }
    KASHF_RETURN_IF_ERROR(ins_unindexed_.Prepare(db_, "INSERT INTO unindexed_records(first_rid,last_rid) VALUES(?,?)"));
    KASHF_RETURN_IF_ERROR(
        del_unindexed_.Prepare(db_, "DELETE FROM unindexed_records WHERE first_rid >= ?1 AND last_rid <= ?2"));
    return Status::Ok();
  }

  void ClearWindow() {
    window_entities_.Clear();
    window_names_.Clear();
  }
  void MarkPendingKnown() {
    for (uint64_t k : pending_entities_) known_entities_.Insert(k);
    for (uint64_t k : pending_names_) known_names_.Insert(k);
    pending_entities_.clear();
    pending_names_.clear();
  }

  std::string_view Caption(const PackedGroup& g) const {
    for (const auto& want : roles_.CaptionProperties(g.schema))
      for (const auto& [prop, value] : g.props)
        if (prop == want) return value;
    return {};
  }

  // Key of one search-index row (entity, property, value) in the known/window sets.
  static uint64_t SearchRowKey(uint64_t entity_key, std::string_view prop, std::string_view value) {
    return StableHash64(value, entity_key ^ StableHash64(prop));
  }
  // True (and remembered) the first time this connection sees the search-index row `row_key`.
  bool FirstSight(uint64_t row_key) {
    if (known_names_.Contains(row_key) || window_names_.Contains(row_key)) return false;
    window_names_.Insert(row_key);
    return true;
  }

  // Adds to *out the rows derived from one stored record: a link per entity, an entity row for
  // entities neither committed by this connection nor already in the window, a name-index row per
  // new (entity, name property, name), an identifier-index row per new (entity, identifier
  // property, key). With `search_only` only the last two. The record's rid range is the caller's to note.
  Status Derive(int64_t rid, int64_t dataset_id, std::string_view data, DerivedRows* out, bool search_only = false) {
    KASHF_RETURN_IF_ERROR(DecodeRecord(data, &groups_));
    for (const PackedGroup& g : groups_) {
      const uint64_t key = StableHash64(g.entity_id);
      const auto ekey = static_cast<int64_t>(key);
      if (!search_only) {
        out->AddLink(ekey, rid);
        if (!known_entities_.Contains(key) && !window_entities_.Contains(key)) {
          window_entities_.Insert(key);
          out->AddEntity({ekey, std::string(g.entity_id), std::string(g.schema), dataset_id, std::string(Caption(g))});
        }
      }
      for (const auto& [prop, value] : g.props) {
        if (roles_.IsName(g.schema, prop)) {
          if (FirstSight(SearchRowKey(key, prop, value))) out->AddName(ekey, prop, std::string(value));
        } else if (roles_.IsIdentifier(g.schema, prop)) {
          std::string id_key = IdentifierKey(value);
          if (!id_key.empty() && FirstSight(SearchRowKey(~key, prop, id_key)))
            out->AddIdentifier(std::move(id_key), ekey, prop);
        }
      }
    }
    return Status::Ok();
  }

  // Notes the words of `name` not yet in name_words (inside the caller's transaction).
  Status AddNameWords(std::string_view name) {
    if (!index_words_) return Status::Ok();
    if (!ins_word_.get()) {
      KASHF_RETURN_IF_ERROR(ins_word_.Prepare(db_, "INSERT OR IGNORE INTO name_words(word) VALUES(?)"));
    }
    words_.clear();
    tokenizer_->Tokenize(name, &words_);
    for (const std::string& w : words_) {
      const uint64_t key = StableHash64(w, kWordSalt);
      if (!FirstSight(key)) continue;
      pending_names_.push_back(key);
      ins_word_.Reset();
      ins_word_.BindStatic(1, w);
      if (ins_word_.Step() != SQLITE_DONE) return sqlite::Error(db_, "indexing name words");
    }
    return Status::Ok();
  }
  static constexpr uint64_t kWordSalt = 0x6e616d65776f7264ULL;  // "nameword": word keys apart from row keys

  // Migration 5: fills the name index (now with properties) and the identifier index from every
  // stored record, inside the migration's transaction, writing sorted chunks of bounded memory.
  Status RebuildSearchIndex() {
    KASHF_RETURN_IF_ERROR(PrepareWriters());
    ClearWindow();
    index_words_ = false;  // table name_words comes with migration 6, filled from the index this writes
    struct Restore {
      bool& flag;
      ~Restore() { flag = true; }
    } restore{index_words_};
    DerivedRows rows;
    Stmt read;
    KASHF_RETURN_IF_ERROR(read.Prepare(db_, "SELECT rid, dataset_id, data FROM records ORDER BY rid"));
    constexpr size_t kChunkBytes = size_t{256} << 20;
    int rc;
    while ((rc = read.Step()) == SQLITE_ROW) {
      KASHF_RETURN_IF_ERROR(Derive(read.Int(0), read.Int(1), BlobColumn(read, 2), &rows, true));
      if (rows.MemoryBytes() >= kChunkBytes) {
        KASHF_RETURN_IF_ERROR(WriteDerived(rows));
        rows = DerivedRows();
      }
    }
    if (rc != SQLITE_DONE) return sqlite::Error(db_, "reading records to index their names and identifiers");
    KASHF_RETURN_IF_ERROR(WriteDerived(rows));
    pending_names_.clear();  // known only once the migration commits; the window is enough until then
    ClearWindow();
    return Status::Ok();
  }

  // Writes derived rows sorted by key (inside the caller's transaction); the keys written become
  // known to this connection when that transaction commits.
  Status WriteDerived(DerivedRows& rows) {
    rows.SortUnique();
    for (const auto& [ekey, rid] : rows.links) {
      ins_link_.Reset();
      ins_link_.Bind(1, ekey);
      ins_link_.Bind(2, rid);
      if (ins_link_.Step() != SQLITE_DONE) return sqlite::Error(db_, "linking entity to record");
    }
    for (const auto& e : rows.entities) {
      ins_entity_.Reset();
      ins_entity_.Bind(1, e.ekey);
      ins_entity_.BindStatic(2, e.id);
      ins_entity_.BindStatic(3, e.schema);
      ins_entity_.Bind(4, e.dataset_id);
      ins_entity_.BindStatic(5, e.caption);
      if (ins_entity_.Step() != SQLITE_DONE) return sqlite::Error(db_, "storing entity");
      pending_entities_.push_back(static_cast<uint64_t>(e.ekey));
    }
    for (const auto& n : rows.names) {
      ins_name_.Reset();
      ins_name_.BindStatic(1, n.name);
      ins_name_.BindStatic(2, n.prop);
      ins_name_.Bind(3, n.ekey);
      if (ins_name_.Step() != SQLITE_DONE) return sqlite::Error(db_, "indexing name");
      pending_names_.push_back(SearchRowKey(static_cast<uint64_t>(n.ekey), n.prop, n.name));
      KASHF_RETURN_IF_ERROR(AddNameWords(n.name));
    }
    for (const auto& id : rows.identifiers) {
      ins_identifier_.Reset();
      ins_identifier_.BindStatic(1, id.value);
      ins_identifier_.Bind(2, id.ekey);
      ins_identifier_.BindStatic(3, id.prop);
      if (ins_identifier_.Step() != SQLITE_DONE) return sqlite::Error(db_, "indexing identifier");
      pending_names_.push_back(SearchRowKey(~static_cast<uint64_t>(id.ekey), id.prop, id.value));
    }
    return Status::Ok();
  }

  // Writes the deferred rows of a bulk load in one transaction that also clears the note of the
  // records they cover. On failure the note stays (the rows can be derived again).
  Status FlushDeferred() {
    if (deferred_.empty()) return Status::Ok();
    pending_entities_.clear();
    pending_names_.clear();
    KASHF_RETURN_IF_ERROR(sqlite::Exec(db_, "BEGIN IMMEDIATE"));
    Status st = WriteDerived(deferred_);
    for (size_t i = 0; st.ok() && i < deferred_.rid_ranges.size(); ++i) {
      del_unindexed_.Reset();
      del_unindexed_.Bind(1, deferred_.rid_ranges[i].first);
      del_unindexed_.Bind(2, deferred_.rid_ranges[i].second);
      if (del_unindexed_.Step() != SQLITE_DONE) st = sqlite::Error(db_, "clearing the note of indexed records");
    }
    if (st.ok()) st = sqlite::Exec(db_, "COMMIT");
    if (!st.ok()) {
      (void)sqlite::Exec(db_, "ROLLBACK");
      pending_entities_.clear();
      pending_names_.clear();
      return st.WithContext("writing the entity, link and name index of a bulk load");
    }
    MarkPendingKnown();
    deferred_ = DerivedRows();  // frees its memory (Clear would keep the capacity)
    ClearWindow();
    return Status::Ok();
  }

  // Derives the rows of records a bulk load committed but did not index (its process died).
  Status CatchUp() {
    std::vector<std::pair<int64_t, int64_t>> ranges;
    {
      Stmt list;
      KASHF_RETURN_IF_ERROR(list.Prepare(db_, "SELECT first_rid, last_rid FROM unindexed_records ORDER BY first_rid"));
      int rc;
      while ((rc = list.Step()) == SQLITE_ROW) ranges.emplace_back(list.Int(0), list.Int(1));
      if (rc != SQLITE_DONE) return sqlite::Error(db_, "listing records to index");
    }
    if (ranges.empty()) return Status::Ok();
    ClearWindow();
    Stmt read;
    KASHF_RETURN_IF_ERROR(
        read.Prepare(db_, "SELECT rid, dataset_id, data FROM records WHERE rid BETWEEN ? AND ? ORDER BY rid"));
    for (const auto& [first, last] : ranges) {
      read.Reset();
      read.Bind(1, first);
      read.Bind(2, last);
      int rc;
      while ((rc = read.Step()) == SQLITE_ROW)
        KASHF_RETURN_IF_ERROR(Derive(read.Int(0), read.Int(1), BlobColumn(read, 2), &deferred_));
      if (rc != SQLITE_DONE) return sqlite::Error(db_, "reading records to index");
      read.Reset();
      deferred_.rid_ranges.emplace_back(first, last);
      if (deferred_.MemoryBytes() >= bulk_budget_) KASHF_RETURN_IF_ERROR(FlushDeferred());
    }
    return FlushDeferred();
  }

  // Removes from keep_ the statements of batch[from, to) that the stored rows of this record hold.
  Status DropStoredStatements(const std::vector<Statement>& batch, int64_t ds, int64_t rkey) {
    const std::string& record_id = batch[keep_[0]].record_id;
    sel_record_.Reset();
    sel_record_.Bind(1, rkey);
    std::unordered_set<uint64_t> stored;
    std::vector<PackedGroup> groups;
    int rc;
    while ((rc = sel_record_.Step()) == SQLITE_ROW) {
      if (sel_record_.Int(0) != ds || sel_record_.Text(1) != record_id) continue;  // hash collision
      auto* blob = static_cast<const char*>(sqlite3_column_blob(sel_record_.get(), 2));
      std::string_view data(blob ? blob : "", static_cast<size_t>(sqlite3_column_bytes(sel_record_.get(), 2)));
      KASHF_RETURN_IF_ERROR(DecodeRecord(data, &groups));
      for (const auto& g : groups)
        for (const auto& [prop, value] : g.props) stored.insert(StatementKey(g.entity_id, prop, value));
    }
    if (rc != SQLITE_DONE) return sqlite::Error(db_, "reading a stored record");
    if (stored.empty()) return Status::Ok();
    std::erase_if(keep_, [&](size_t k) {
      const Statement& st = batch[k];
      return stored.count(StatementKey(st.entity_id, st.prop, st.value)) > 0;
    });
    return Status::Ok();
  }

  // Writes the statements of one source record, batch[from, to), as one packed records row;
  // returns how many were new.
  Result<int64_t> PutRecord(const std::vector<Statement>& batch, size_t from, size_t to) {
    // Prepared here, not in PrepareWriters: a migration that rebuilds the search index prepares
    // the writers before the later migrations (8: grading columns) have run.
    if (!ins_record_.get())
      KASHF_RETURN_IF_ERROR(ins_record_.Prepare(
          db_,
          "INSERT INTO records(rkey,dataset_id,record_id,first_seen,n,data,source_eval,information_eval,handling) "
          "VALUES(?,?,?,?,?,?,?,?,?)"));
    const Statement& head = batch[from];
    KASHF_ASSIGN_OR_RETURN(int64_t ds, DatasetId(head.dataset));
    const int64_t rkey = static_cast<int64_t>(StableHashParts({head.dataset, head.record_id}));
    // A statement given twice counts once.
    keep_.clear();
    if (to - from <= 64) {
      for (size_t k = from; k < to; ++k)
        if (std::none_of(keep_.begin(), keep_.end(), [&](size_t m) { return SameStatement(batch[k], batch[m]); }))
          keep_.push_back(k);
    } else {
      std::unordered_multimap<uint64_t, size_t> seen;
      for (size_t k = from; k < to; ++k) {
        const uint64_t key = StatementKey(batch[k].entity_id, batch[k].prop, batch[k].value);
        auto [lo, hi] = seen.equal_range(key);
        if (std::none_of(lo, hi, [&](const auto& kv) { return SameStatement(batch[k], batch[kv.second]); })) {
          seen.emplace(key, k);
          keep_.push_back(k);
        }
      }
    }
    KASHF_RETURN_IF_ERROR(DropStoredStatements(batch, ds, rkey));
    if (keep_.empty()) return 0;

    // Groups: runs of one entity.
    size_t groups = 0;
    for (size_t i = 0; i < keep_.size(); ++i)
      if (i == 0 || batch[keep_[i]].entity_id != batch[keep_[i - 1]].entity_id) ++groups;
    blob_.clear();
    AppendVarint(&blob_, groups);
    for (size_t i = 0; i < keep_.size();) {
      size_t j = i + 1;
      while (j < keep_.size() && batch[keep_[j]].entity_id == batch[keep_[i]].entity_id) ++j;
      const Statement& first = batch[keep_[i]];
      AppendString(&blob_, first.entity_id);
      AppendString(&blob_, first.schema);
      AppendVarint(&blob_, j - i);
      for (size_t k = i; k < j; ++k) {
        AppendString(&blob_, batch[keep_[k]].prop);
        AppendString(&blob_, batch[keep_[k]].value);
      }
      i = j;
    }
    ins_record_.Reset();
    ins_record_.Bind(1, rkey);
    ins_record_.Bind(2, ds);
    ins_record_.BindStatic(3, head.record_id);
    ins_record_.Bind(4, head.first_seen);
    ins_record_.Bind(5, static_cast<int64_t>(keep_.size()));
    sqlite3_bind_blob(ins_record_.get(), 6, blob_.data(), static_cast<int>(blob_.size()), SQLITE_STATIC);
    ins_record_.BindStatic(7, head.grading.source);
    ins_record_.BindStatic(8, head.grading.information);
    ins_record_.BindStatic(9, head.grading.handling);
    if (ins_record_.Step() != SQLITE_DONE) return sqlite::Error(db_, "storing a record's statements");
    const int64_t rid = sqlite3_last_insert_rowid(db_);
    txn_.AddRecord(rid);
    KASHF_RETURN_IF_ERROR(Derive(rid, ds, blob_, &txn_));
    return static_cast<int64_t>(keep_.size());
  }

  // Statements of one source record (same dataset, record id and import time, adjacent in the
  // batch) go into one packed records row; a record already stored is decoded and only the
  // statements it lacks are written, so a re-import adds nothing and the count of new statements
  // is exact. Entity rows, entity->record links and name-index rows follow, sorted by key so the
  // B-tree inserts of a batch touch neighbouring pages.
  Result<int64_t> PutStatements(const std::vector<Statement>& batch) override {
    KASHF_RETURN_IF_ERROR(PrepareWriters());
    int64_t fresh = 0;
    for (size_t i = 0; i < batch.size();) {
      size_t j = i + 1;
      while (j < batch.size() && batch[j].record_id == batch[i].record_id && batch[j].dataset == batch[i].dataset &&
             batch[j].first_seen == batch[i].first_seen && batch[j].grading == batch[i].grading)
        ++j;
      KASHF_ASSIGN_OR_RETURN(int64_t n, PutRecord(batch, i, j));
      fresh += n;
      i = j;
    }
    if (bulk_) return fresh;  // derived rows wait in txn_ (then deferred_) for a sorted flush
    KASHF_RETURN_IF_ERROR(WriteDerived(txn_));
    txn_.Clear();
    return fresh;
  }

  Result<int64_t> StartImport(const ImportRun& run) override {
    Stmt s;
    KASHF_RETURN_IF_ERROR(s.Prepare(db_, "INSERT INTO imports(dataset,file,mapping,started,status) VALUES(?,?,?,?,?)"));
    s.Bind(1, run.dataset);
    s.Bind(2, run.file);
    s.Bind(3, run.mapping);
    s.Bind(4, run.started);
    s.Bind(5, run.status.empty() ? std::string("running") : run.status);
    if (s.Step() != SQLITE_DONE) return sqlite::Error(db_, "recording import");
    const auto id = static_cast<int64_t>(sqlite3_last_insert_rowid(db_));
    KASHF_RETURN_IF_ERROR(locks_.Hold(id));  // before the row commits: no one sees it running and unheld
    if (!sqlite3_get_autocommit(db_)) started_in_txn_.push_back(id);
    return id;
  }

  Status FinishImport(const ImportRun& run) override {
    Stmt s;
    KASHF_RETURN_IF_ERROR(
        s.Prepare(db_,
                  "UPDATE imports SET finished=?,rows_read=?,rows_loaded=?,rows_rejected=?,statements_new=?,status=? "
                  "WHERE id=?"));
    s.Bind(1, run.finished);
    s.Bind(2, run.rows_read);
    s.Bind(3, run.rows_loaded);
    s.Bind(4, run.rows_rejected);
    s.Bind(5, run.statements_new);
    s.Bind(6, run.status);
    s.Bind(7, run.id);
    if (s.Step() != SQLITE_DONE) return sqlite::Error(db_, "finishing import record");
    if (sqlite3_get_autocommit(db_)) locks_.Release(run.id);
    else finished_in_txn_.push_back(run.id);
    return Status::Ok();
  }

  Status PutRejects(int64_t run_id, const std::vector<RejectedRow>& rows) override {
    Stmt s;
    KASHF_RETURN_IF_ERROR(
        s.Prepare(db_, "INSERT INTO rejects(import_id,file,line,column_name,reason) VALUES(?,?,?,?,?)"));
    for (const auto& r : rows) {
      s.Reset();
      s.Bind(1, run_id);
      s.Bind(2, r.file);
      s.Bind(3, r.line);
      s.Bind(4, r.column);
      s.Bind(5, r.reason);
      if (s.Step() != SQLITE_DONE) return sqlite::Error(db_, "recording rejected row");
    }
    return Status::Ok();
  }

  Result<std::vector<RejectedRow>> Rejects(int64_t run_id, size_t limit) override {
    Stmt s;
    KASHF_RETURN_IF_ERROR(
        s.Prepare(db_, "SELECT file,line,column_name,reason FROM rejects WHERE import_id=? ORDER BY line LIMIT ?"));
    s.Bind(1, run_id);
    s.Bind(2, static_cast<int64_t>(limit));
    std::vector<RejectedRow> out;
    KASHF_RETURN_IF_ERROR(s.ForEachRow("reading rejected rows", [&] {
      out.push_back({s.Text(0), s.Int(1), s.Text(2), s.Text(3)});
    }));
    return out;
  }

  Result<std::vector<ImportRun>> Imports() override {
    Stmt s;
    KASHF_RETURN_IF_ERROR(s.Prepare(
        db_,
        "SELECT id,dataset,file,mapping,started,finished,rows_read,rows_loaded,rows_rejected,statements_new,status "
        "FROM imports ORDER BY id"));
    std::vector<ImportRun> out;
    KASHF_RETURN_IF_ERROR(s.ForEachRow("listing imports", [&] {
      ImportRun r;
      r.id = s.Int(0);
      r.dataset = s.Text(1);
      r.file = s.Text(2);
      r.mapping = s.Text(3);
      r.started = s.Int(4);
      r.finished = s.Int(5);
      r.rows_read = s.Int(6);
      r.rows_loaded = s.Int(7);
      r.rows_rejected = s.Int(8);
      r.statements_new = s.Int(9);
      r.status = s.Text(10);
      if (r.status == "running" && !locks_.IsAlive(r.id)) r.status = "interrupted";  // its process is gone
      out.push_back(std::move(r));
    }));
    return out;
  }

  // Search (store.h; the query language is search_query.h). Identifier keys are looked up exactly
  // first; then the names in passes, best first: the person's own names word for word, then with
  // the words as prefixes, then relatives' names (father's, husband's) the same two ways. A
  // pass runs only while fewer than `limit` entities are found. Each pass reads at most
  // NameRowsPerPass(limit) index rows in index order and ranks those (ORDER BY over every match of
  // a common name would read them all): for a name matching more rows than that, the hits are the
  // best of the first rows found, and another word narrows the search.
  Result<std::vector<SearchHit>> Search(const std::string& query, size_t limit,
                                        const std::string& schema_filter) override {
    if (!tokenizer_) {
      KASHF_ASSIGN_OR_RETURN(tokenizer_, FtsTokenizer::Open(db_));
    }
    KASHF_ASSIGN_OR_RETURN(SearchQuery q,
                           ParseSearchQuery(query, [this](std::string_view text, std::vector<std::string>* out) {
                             tokenizer_->Tokenize(text, out);
                           }));
    if (version_ < 6)
      return Status::FailedPrecondition(
          "this store's search index is from an older Kashf; open it once for writing (e.g. `kashf stats`) to upgrade "
          "it");
    KASHF_RETURN_IF_ERROR(PrepareSearch());
    KASHF_RETURN_IF_ERROR(KeepPrefixesOfPartialWords(&q));
    KASHF_RETURN_IF_ERROR(ExpandPrefixes(&q));
    std::vector<SearchHit> out;
    std::unordered_set<std::string> found;
    auto add = [&](SearchHit h) {
      if (out.size() < limit && found.insert(h.entity_id).second) out.push_back(std::move(h));
    };
    constexpr double kIdentifierScore = 5;
    for (const std::string& key : q.identifiers) {
      sel_identifiers_.Reset();
      sqlite::ResetOnExit done(sel_identifiers_);
      sel_identifiers_.Bind(1, key);
      sel_identifiers_.Bind(2, schema_filter);
      int rc;
      while ((rc = sel_identifiers_.Step()) == SQLITE_ROW)
        add({sel_identifiers_.Text(0), sel_identifiers_.Text(1), sel_identifiers_.Text(2), sel_identifiers_.Text(3),
             kIdentifierScore, sel_identifiers_.Text(4)});
      if (rc != SQLITE_DONE) return sqlite::Error(db_, "looking up identifiers");
    }
    if (q.tokens.empty()) return out;
    KASHF_RETURN_IF_ERROR(ForEachNamePass(
        q, q.AnyPrefix(), [&] { return out.size() >= limit; },
        [&](bool prefix, const std::string& include, std::string_view exclude, double base) {
          return SearchNames(q.FtsMatch(prefix), include, exclude, schema_filter, limit, base, add);
        }));
    return out;
  }

  // A word that is itself in the name index is matched as typed, not also as a prefix: a prefix
  // makes FTS5 merge the index entries of every word it starts before returning the first row
  // (0.2-1 s for "asif*" among 10M people), while the word itself is read lazily.
  Status KeepPrefixesOfPartialWords(SearchQuery* q) {
    for (size_t i = 0; i < q->tokens.size(); ++i) {
      if (!q->prefixable[i]) continue;
      sel_word_.Reset();
      sqlite::ResetOnExit done(sel_word_);
      const std::string word = SearchQuery{NameField::kAny, {q->tokens[i]}, {false}, {}, {}}.FtsMatch(false);
      sel_word_.BindStatic(1, word);
      const int rc = sel_word_.Step();
      if (rc == SQLITE_ROW) q->prefixable[i] = false;
      else if (rc != SQLITE_DONE) return sqlite::Error(db_, "searching names");
    }
    return Status::Ok();
  }

  // Sets the expansions of every prefixable token: the words of the index it starts, if there are
  // at most kMaxPrefixWords (else FTS5's own prefix match, complete but slower).
  static constexpr int64_t kMaxPrefixWords = 64;
  Status ExpandPrefixes(SearchQuery* q) {
    q->expansions.assign(q->tokens.size(), {});
    for (size_t i = 0; i < q->tokens.size(); ++i) {
      if (!q->prefixable[i]) continue;
      std::string upper = q->tokens[i];
      upper.back() = static_cast<char>(static_cast<unsigned char>(upper.back()) + 1);  // UTF-8 never has 0xFF
      sel_words_.Reset();
      sqlite::ResetOnExit done(sel_words_);
      sel_words_.BindStatic(1, q->tokens[i]);
      sel_words_.BindStatic(2, upper);
      sel_words_.Bind(3, kMaxPrefixWords + 1);
      std::vector<std::string> words;
      int rc;
      while ((rc = sel_words_.Step()) == SQLITE_ROW) words.push_back(sel_words_.Text(0));
      if (rc != SQLITE_DONE) return sqlite::Error(db_, "searching name words");
      if (!words.empty() && words.size() <= static_cast<size_t>(kMaxPrefixWords)) q->expansions[i] = std::move(words);
    }
    return Status::Ok();
  }

  // One pass of Search: the entities whose name rows (of the properties in `include`, "|a|b|" or
  // "" for all, and not in `exclude`) match `match`, best first, scored in [base, base+1).
  // Rank: the fewer words a matching name has beyond the query's, the better. Every word of the
  // query matched, so this is the order BM25 gives within one query (same terms, same IDF; the
  // index keeps no term frequencies), without FTS5's bm25(), which counts every row holding each
  // term (millions for "muhammad") before it ranks the first.
  template <typename Add>
  Status SearchNames(const std::string& match, const std::string& include, std::string_view exclude,
                     const std::string& schema, size_t limit, double base, Add& add) {
    sel_names_.Reset();
    sqlite::ResetOnExit done(sel_names_);
    sel_names_.BindStatic(1, match);
    sel_names_.BindStatic(2, include);
    sel_names_.BindStatic(3, exclude);
    sel_names_.BindStatic(4, schema);
    sel_names_.Bind(5, NameRowsPerPass(limit));
    std::vector<NameRow> rows;
    int rc;
    while ((rc = sel_names_.Step()) == SQLITE_ROW) {
      const auto* name = reinterpret_cast<const char*>(sqlite3_column_text(sel_names_.get(), 1));
      const double rank = static_cast<double>(tokenizer_->CountTokens(
          std::string_view(name ? name : "", static_cast<size_t>(sqlite3_column_bytes(sel_names_.get(), 1)))));
      rows.push_back(
          {rank,
           {sel_names_.Text(3), sel_names_.Text(4), sel_names_.Text(5), sel_names_.Text(6), 0, sel_names_.Text(2)}});
    }
    if (rc != SQLITE_DONE) return sqlite::Error(db_, "searching names");
    AddRankedNameHits(std::move(rows), base, add);
    return Status::Ok();
  }

  Status PrepareSearch() {
    if (sel_names_.get()) return Status::Ok();
    KASHF_RETURN_IF_ERROR(
        sel_names_.Prepare(db_,
                           "SELECT names.ekey, names.name, names.prop, e.id, e.schema, e.caption, d.name "
                           "FROM names JOIN entities e ON e.ekey = names.ekey JOIN datasets d ON d.id = e.dataset_id "
                           "WHERE names MATCH ?1 AND (?2 = '' OR instr(?2, '|' || names.prop || '|') > 0) "
                           "AND instr(?3, '|' || names.prop || '|') = 0 AND (?4 = '' OR e.schema = ?4) LIMIT ?5"));
    KASHF_RETURN_IF_ERROR(sel_word_.Prepare(db_, "SELECT 1 FROM names WHERE names MATCH ?1 LIMIT 1"));
    KASHF_RETURN_IF_ERROR(
        sel_words_.Prepare(db_, "SELECT word FROM name_words WHERE word >= ?1 AND word < ?2 ORDER BY word LIMIT ?3"));
    return sel_identifiers_.Prepare(db_,
                                    "SELECT e.id, e.schema, e.caption, d.name, i.prop FROM identifiers i "
                                    "JOIN entities e ON e.ekey = i.ekey JOIN datasets d ON d.id = e.dataset_id "
                                    "WHERE i.value = ?1 AND (?2 = '' OR e.schema = ?2) ORDER BY e.id LIMIT 1000");
  }

  // Appends to *out the statements of `entity_id` held in one packed record.
  // `row` holds the record's columns from `first` on: dataset name, record id, first_seen,
  // source_eval, information_eval, handling.
  static Status Unpack(std::string_view data, const std::string& entity_id, const std::string& schema, Stmt& row,
                       int first, std::vector<PackedGroup>* groups, const std::function<bool(const Statement&)>& fn,
                       bool* go_on) {
    KASHF_RETURN_IF_ERROR(DecodeRecord(data, groups));
    Statement st{entity_id,
                 schema,
                 "",
                 "",
                 row.Text(first),
                 row.Text(first + 1),
                 row.Int(first + 2),
                 {row.Text(first + 3), row.Text(first + 4), row.Text(first + 5)}};
    for (const auto& g : *groups) {
      if (g.entity_id != entity_id) continue;
      for (const auto& [prop, value] : g.props) {
        st.prop.assign(prop);
        st.value.assign(value);
        if (!fn(st)) {
          *go_on = false;
          return Status::Ok();
        }
      }
    }
    return Status::Ok();
  }

  static std::string_view BlobColumn(Stmt& s, int col) {
    auto* p = static_cast<const char*>(sqlite3_column_blob(s.get(), col));
    return {p ? p : "", static_cast<size_t>(sqlite3_column_bytes(s.get(), col))};
  }

  Result<EntityRecord> GetEntity(const std::string& id) override {
    const int64_t ekey = static_cast<int64_t>(StableHash64(id));
    Stmt e;
    KASHF_RETURN_IF_ERROR(e.Prepare(
        db_,
        "SELECT e.id,e.schema,d.name,e.caption FROM entities e JOIN datasets d ON d.id=e.dataset_id WHERE e.ekey=?"));
    e.Bind(1, ekey);
    KASHF_ASSIGN_OR_RETURN(bool found, e.Next("reading an entity"));
    if (!found || e.Text(0) != id)
      return Status::NotFound(fmt::format("no entity with id '{}'; find ids with `kashf search NAME`", id));
    EntityRecord rec{e.Text(0), e.Text(1), e.Text(2), e.Text(3), {}};
    Stmt s;
    KASHF_RETURN_IF_ERROR(
        s.Prepare(db_,
                  "SELECT r.data, d.name, r.record_id, r.first_seen, r.source_eval, r.information_eval, r.handling "
                  "FROM entity_records x JOIN records r ON r.rid=x.rid "
                  "JOIN datasets d ON d.id=r.dataset_id WHERE x.ekey=? ORDER BY x.rid"));
    s.Bind(1, ekey);
    std::vector<PackedGroup> groups;
    bool go_on = true;
    int rc = SQLITE_DONE;
    while ((rc = s.Step()) == SQLITE_ROW)
      KASHF_RETURN_IF_ERROR(Unpack(
          BlobColumn(s, 0), rec.id, rec.schema, s, 1, &groups,
          [&](const Statement& st) {
            rec.statements.push_back(st);
            return true;
          },
          &go_on));
    if (rc != SQLITE_DONE) return sqlite::Error(db_, "reading entity");
    std::stable_sort(rec.statements.begin(), rec.statements.end(), [](const Statement& a, const Statement& b) {
      return a.prop != b.prop ? a.prop < b.prop : a.value < b.value;
    });
    return rec;
  }

  Status ScanStatements(const StatementFilter& filter, const std::function<bool(const Statement&)>& fn) override {
    // A full scan reads each page once: through the connection's bounded page cache, not the file
    // map, whose touched pages stay resident in this process (a 10M-payment store's scan would add
    // up to the map's 2 GiB to the network build's memory). The map is restored afterwards.
    KASHF_RETURN_IF_ERROR(sqlite::Exec(db_, "PRAGMA mmap_size=0"));
    Status st = ScanStatementsUnmapped(filter, fn);
    Status restored = sqlite::Exec(db_, kMapTheFile);
    return st.ok() ? restored : st;
  }

  Status ScanStatementsUnmapped(const StatementFilter& filter, const std::function<bool(const Statement&)>& fn) {
    Stmt s;
    KASHF_RETURN_IF_ERROR(s.Prepare(
        db_,
        "SELECT e.id, e.schema, d.name, r.record_id, r.first_seen, r.source_eval, r.information_eval, r.handling, "
        "r.data FROM entity_records x "
        "JOIN entities e ON e.ekey=x.ekey JOIN records r ON r.rid=x.rid JOIN datasets d ON d.id=r.dataset_id "
        "WHERE (?1='' OR e.schema=?1) AND (?2='' OR d.name=?2) ORDER BY x.ekey, x.rid"));  // link order: no sort
    s.Bind(1, filter.schema);
    s.Bind(2, filter.dataset);
    std::vector<PackedGroup> groups;
    bool go_on = true;
    int rc = SQLITE_DONE;
    while (go_on && (rc = s.Step()) == SQLITE_ROW)
      KASHF_RETURN_IF_ERROR(Unpack(BlobColumn(s, 8), s.Text(0), s.Text(1), s, 2, &groups, fn, &go_on));
    if (!go_on) return Status::Ok();
    if (rc != SQLITE_DONE) return sqlite::Error(db_, "scanning statements");
    return Status::Ok();
  }

  Result<StoreStats> Stats() override {
    StoreStats out;
    Stmt s;
    KASHF_RETURN_IF_ERROR(
        s.Prepare(db_,
                  "SELECT e.schema, d.name, count(*) FROM entities e JOIN datasets d ON d.id=e.dataset_id "
                  "GROUP BY e.schema, d.name ORDER BY e.schema, d.name"));
    KASHF_RETURN_IF_ERROR(s.ForEachRow("counting entities", [&] {
      out.by_schema_and_dataset.push_back({s.Text(0), s.Text(1), s.Int(2)});
      out.entities += s.Int(2);
    }));
    Stmt c;
    KASHF_RETURN_IF_ERROR(c.Prepare(db_, "SELECT coalesce(sum(n), 0) FROM records"));
    KASHF_ASSIGN_OR_RETURN(bool counted, c.Next("counting statements"));
    if (counted) out.statements = c.Int(0);
    KASHF_ASSIGN_OR_RETURN(out.unindexed_records, UnindexedRecords());
    return out;
  }

  Status PutClusters(const std::vector<std::pair<std::string, std::string>>& entity_to_cluster) override {
    Stmt s;
    KASHF_RETURN_IF_ERROR(s.Prepare(db_, "INSERT OR REPLACE INTO clusters(ekey,cluster_id) VALUES(?,?)"));
    for (const auto& [entity, cluster] : entity_to_cluster) {
      s.Reset();
      s.Bind(1, static_cast<int64_t>(StableHash64(entity)));
      s.Bind(2, cluster);
      if (s.Step() != SQLITE_DONE) return sqlite::Error(db_, fmt::format("assigning cluster to '{}'", entity));
    }
    return Status::Ok();
  }

  Result<std::string> ClusterOf(const std::string& entity_id) override {
    Stmt s;
    KASHF_RETURN_IF_ERROR(s.Prepare(db_, "SELECT cluster_id FROM clusters WHERE ekey=?"));
    s.Bind(1, static_cast<int64_t>(StableHash64(entity_id)));
    KASHF_ASSIGN_OR_RETURN(bool assigned, s.Next("reading a cluster assignment"));
    return assigned ? s.Text(0) : entity_id;
  }

  Result<std::vector<std::string>> ClusterMembers(const std::string& cluster_id) override {
    Stmt s;
    KASHF_RETURN_IF_ERROR(s.Prepare(
        db_, "SELECT e.id FROM clusters c JOIN entities e ON e.ekey=c.ekey WHERE c.cluster_id=? ORDER BY e.id"));
    s.Bind(1, cluster_id);
    std::vector<std::string> out;
    KASHF_RETURN_IF_ERROR(s.ForEachRow("reading a cluster's members", [&] { out.push_back(s.Text(0)); }));
    return out;
  }

  Status ScanClusters(const std::function<bool(const std::string&, const std::string&)>& fn) override {
    Stmt s;
    KASHF_RETURN_IF_ERROR(s.Prepare(db_, "SELECT e.id, c.cluster_id FROM clusters c JOIN entities e ON e.ekey=c.ekey"));
    int rc;
    while ((rc = s.Step()) == SQLITE_ROW)
      if (!fn(s.Text(0), s.Text(1))) return Status::Ok();
    if (rc != SQLITE_DONE) return sqlite::Error(db_, "scanning cluster assignments");
    return Status::Ok();
  }

  Status PutJudgement(const Judgement& j) override {
    Stmt s;
    KASHF_RETURN_IF_ERROR(s.Prepare(
        db_, "INSERT OR REPLACE INTO judgements(left_id,right_id,is_match,user_name,at,note) VALUES(?,?,?,?,?,?)"));
    const bool ordered = j.left < j.right;
    s.Bind(1, ordered ? j.left : j.right);
    s.Bind(2, ordered ? j.right : j.left);
    s.Bind(3, int64_t{j.match ? 1 : 0});
    s.Bind(4, j.user);
    s.Bind(5, j.at);
    s.Bind(6, j.note);
    if (s.Step() != SQLITE_DONE) return sqlite::Error(db_, "recording judgement");
    return Status::Ok();
  }

  // The newest packed record row (new or changed statements), the records a bulk load committed but
  // has not indexed yet (their entity rows, links and names land later without a new record row),
  // the newest import, the newest resolution run and the number of judgements. A table a component
  // has not created yet counts as "-".
  Result<std::string> ContentVersion() override {
    std::string version;
    for (const char* sql :
         {"SELECT MAX(rid) FROM records", "SELECT COUNT(*) FROM unindexed_records", "SELECT MAX(id) FROM imports",
          "SELECT MAX(id) FROM resolve_runs", "SELECT COUNT(*) FROM judgements"}) {
      Stmt s;
      if (!s.Prepare(db_, sql).ok()) {
        version += "-;";
        continue;
      }
      KASHF_ASSIGN_OR_RETURN(bool row, s.Next("reading the store's content version"));
      version += row ? std::to_string(s.Int(0)) + ";" : "-;";
    }
    return version;
  }

  Result<std::vector<Judgement>> Judgements() override {
    Stmt s;
    KASHF_RETURN_IF_ERROR(
        s.Prepare(db_, "SELECT left_id,right_id,is_match,user_name,at,note FROM judgements ORDER BY at"));
    std::vector<Judgement> out;
    KASHF_RETURN_IF_ERROR(s.ForEachRow("reading judgements", [&] {
      out.push_back({s.Text(0), s.Text(1), s.Int(2) != 0, s.Text(3), s.Int(4), s.Text(5)});
    }));
    return out;
  }

  Result<int64_t> RemoveDataset(const std::string& dataset) override {
    Stmt find;
    KASHF_RETURN_IF_ERROR(find.Prepare(db_, "SELECT id FROM datasets WHERE name=?"));
    find.Bind(1, dataset);
    KASHF_ASSIGN_OR_RETURN(bool known, find.Next("finding the dataset to withdraw"));
    if (!known) return int64_t{0};
    const int64_t dataset_id = find.Int(0);
    // The dataset's records (by dataset, a scan of records) and the entities they mention.
    Stmt read;
    KASHF_RETURN_IF_ERROR(read.Prepare(db_, "SELECT rid, n, data FROM records WHERE dataset_id=?"));
    read.Bind(1, dataset_id);
    std::vector<std::pair<int64_t, int64_t>> links;  // (ekey, rid)
    std::vector<int64_t> rids;
    int64_t statements = 0;
    std::vector<PackedGroup> groups;
    KASHF_RETURN_IF_ERROR(read.ForEachRow("reading the dataset's records", [&] {
      rids.push_back(read.Int(0));
      statements += read.Int(1);
      auto* blob = static_cast<const char*>(sqlite3_column_blob(read.get(), 2));
      std::string_view data(blob ? blob : "", static_cast<size_t>(sqlite3_column_bytes(read.get(), 2)));
      if (DecodeRecord(data, &groups).ok())
        for (const auto& g : groups) links.emplace_back(static_cast<int64_t>(StableHash64(g.entity_id)), rids.back());
    }));
    KASHF_RETURN_IF_ERROR(sqlite::Exec(db_,
                                       "CREATE TEMP TABLE IF NOT EXISTS withdrawn_entities(ekey INTEGER PRIMARY KEY);"
                                       "DELETE FROM withdrawn_entities;"));
    Stmt del_link, del_record, orphan;
    KASHF_RETURN_IF_ERROR(del_link.Prepare(db_, "DELETE FROM entity_records WHERE ekey=? AND rid=?"));
    KASHF_RETURN_IF_ERROR(del_record.Prepare(db_, "DELETE FROM records WHERE rid=?"));
    KASHF_RETURN_IF_ERROR(orphan.Prepare(db_,
                                         "INSERT OR IGNORE INTO withdrawn_entities(ekey) SELECT ?1 WHERE NOT EXISTS "
                                         "(SELECT 1 FROM entity_records WHERE ekey=?1)"));
    for (const auto& [ekey, rid] : links) {
      del_link.Reset();
      del_link.Bind(1, ekey);
      del_link.Bind(2, rid);
      if (del_link.Step() != SQLITE_DONE) return sqlite::Error(db_, "withdrawing entity links");
    }
    for (int64_t rid : rids) {
      del_record.Reset();
      del_record.Bind(1, rid);
      if (del_record.Step() != SQLITE_DONE) return sqlite::Error(db_, "withdrawing records");
    }
    for (const auto& link : links) {
      orphan.Reset();
      orphan.Bind(1, link.first);
      if (orphan.Step() != SQLITE_DONE) return sqlite::Error(db_, "finding withdrawn entities");
    }
    for (Stmt* st : {&read, &del_link, &del_record, &orphan}) *st = Stmt();
    KASHF_RETURN_IF_ERROR(sqlite::Exec(db_,
                                       "DELETE FROM clusters WHERE ekey IN (SELECT ekey FROM withdrawn_entities);"
                                       "DELETE FROM entities WHERE ekey IN (SELECT ekey FROM withdrawn_entities);"
                                       "DELETE FROM names WHERE ekey IN (SELECT ekey FROM withdrawn_entities);"
                                       "DELETE FROM identifiers WHERE ekey IN (SELECT ekey FROM withdrawn_entities);"
                                       "DELETE FROM withdrawn_entities;"));
    known_entities_ = U64Set();  // a withdrawn entity that comes back needs its row and index entries again
    known_names_ = U64Set();
    ClearWindow();
    return statements;
  }

  Status PutNodeLabel(const NodeLabel& l) override {
    Stmt s;
    KASHF_RETURN_IF_ERROR(
        s.Prepare(db_, "INSERT OR REPLACE INTO node_labels(node_id,label,user_name,at,note) VALUES(?,?,?,?,?)"));
    s.Bind(1, l.node_id);
    s.Bind(2, l.label);
    s.Bind(3, l.user);
    s.Bind(4, l.at);
    s.Bind(5, l.note);
    if (s.Step() != SQLITE_DONE) return sqlite::Error(db_, "recording a node label");
    return Status::Ok();
  }

  Status RemoveNodeLabel(const std::string& node_id, const std::string& label) override {
    Stmt s;
    KASHF_RETURN_IF_ERROR(s.Prepare(db_, "DELETE FROM node_labels WHERE node_id=? AND label=?"));
    s.Bind(1, node_id);
    s.Bind(2, label);
    if (s.Step() != SQLITE_DONE) return sqlite::Error(db_, "removing a node label");
    if (sqlite3_changes(db_) == 0) return Status::NotFound("node " + node_id + " has no label '" + label + "'");
    return Status::Ok();
  }

  Result<std::vector<NodeLabel>> NodeLabels() override {
    Stmt s;
    KASHF_RETURN_IF_ERROR(
        s.Prepare(db_, "SELECT node_id,label,user_name,at,note FROM node_labels ORDER BY at, node_id, label"));
    std::vector<NodeLabel> out;
    KASHF_RETURN_IF_ERROR(s.ForEachRow("reading node labels", [&] {
      out.push_back({s.Text(0), s.Text(1), s.Text(2), s.Int(3), s.Text(4)});
    }));
    return out;
  }

 private:
  static constexpr size_t kCatchUpBudgetBytes = size_t{256} << 20;
  sqlite3* db_;
  ImportLocks locks_;
  std::vector<int64_t> started_in_txn_, finished_in_txn_;  // imports whose lock follows the open transaction
  PropertyRoles roles_;
  std::unordered_map<std::string, int64_t> dataset_ids_;
  Stmt ins_entity_, ins_record_, sel_record_, ins_link_, ins_name_, ins_identifier_, ins_dataset_, sel_dataset_,
      ins_unindexed_, del_unindexed_;
  // Search: statements prepared once per connection, and the name index's tokenizer.
  Stmt sel_names_, sel_word_, sel_words_, sel_identifiers_, ins_word_;
  std::vector<std::string> words_;  // scratch of AddNameWords
  bool index_words_ = true;         // false while migration 5 rebuilds the index (before name_words exists)
  std::unique_ptr<FtsTokenizer> tokenizer_;
  int64_t version_ = 0;  // schema version (PRAGMA user_version) after migration
  // Scratch of PutStatements, kept to reuse their memory.
  std::vector<size_t> keep_;
  std::string blob_;
  std::vector<PackedGroup> groups_;
  // Rows derived from the records of the open transaction; in a bulk load, those of committed
  // batches wait in deferred_ (noted in unindexed_records) until FlushDeferred() writes them.
  DerivedRows txn_, deferred_;
  bool bulk_ = false;
  size_t bulk_budget_ = 0;
  // Entities and search-index rows (SearchRowKey) already among txn_/deferred_ rows: not added twice.
  U64Set window_entities_, window_names_;
  // Entities and (entity, name) pairs this connection has committed: PutStatements skips writing
  // them again (an ignored entity insert, a duplicate name-index row). Filled only on Commit, so a
  // rolled-back batch leaves no stale entry; rows other processes wrote are merely not known.
  // Valid because the store never deletes entities or names; an operation that does must clear them.
  U64Set known_entities_, known_names_;
  std::vector<uint64_t> pending_entities_, pending_names_;
  std::vector<std::string> pending_datasets_;  // datasets added in the open transaction
};

}  // namespace

bool StoreWritable(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::exists(path, ec)) return true;  // creating it is the question of the folder, asked on opening
  fs::path parent = fs::path(path).parent_path();
  return access(path.c_str(), W_OK) == 0 && access(parent.empty() ? "." : parent.c_str(), W_OK) == 0;
}

Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path, const Model& model,
                                               const StoreOptions& options) {
  if (store::IsPostgresUrl(path)) return store::NoPostgresBackend("the statement store (records, entities, imports)");
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::exists(path, ec)) {
    if (!options.create_if_missing || options.read_only)
      return Status::NotFound(fmt::format("no Kashf store at '{}'; create one with `kashf --db {} init`", path, path));
    fs::path parent = fs::path(path).parent_path();
    if (!parent.empty() && !fs::exists(parent, ec))
      return Status::NotFound(fmt::format("folder '{}' does not exist; create it first", parent.string()));
  } else if (!options.read_only && !StoreWritable(path)) {
    return Status::IoError(fmt::format(
        "store '{}' is read-only for this user: reading works (stats, search, show, network, export), writing needs "
        "write access to the file and its folder",
        path));
  }
  sqlite3* db = nullptr;
  if (options.read_only) {
    KASHF_ASSIGN_OR_RETURN(db, sqlite::OpenDatabaseReadOnly(path));
  } else if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                             nullptr) != SQLITE_OK) {
    Status st = sqlite::Error(db, fmt::format("opening store '{}'", path));
    sqlite3_close_v2(db);
    return st;
  }
  auto store = std::make_unique<SqliteStore>(db, model, path);
  KASHF_RETURN_IF_ERROR(store->Init(options.read_only).WithContext(fmt::format("store '{}'", path)));
  if (!options.read_only) KASHF_RETURN_IF_ERROR(store->RecoverInterruptedImports(options.on_catch_up));
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace kashf
