// Store: where statements, imports, rejected rows and resolution results live.
// SQLite implements it today (embedded, one analyst or field office); a PostgreSQL backend for an
// agency server implements the same interface. Callers never see SQL.
// Thread safety: one Store object per thread; SQLite's WAL lets many readers run beside one writer.
#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "kashf/core/result.h"
#include "kashf/model/model.h"
#include "kashf/model/statement.h"

namespace kashf {

struct ImportRun {
  int64_t id = 0;
  std::string dataset;
  std::string file;
  std::string mapping;
  int64_t started = 0, finished = 0;  // Unix seconds
  int64_t rows_read = 0, rows_loaded = 0, rows_rejected = 0;
  int64_t statements_new = 0;  // statements not already stored (0 on an identical re-import)
  std::string status;          // "running", "done", "interrupted" (Ctrl-C, or its process died), "failed"
};

struct RejectedRow {
  std::string file;
  int64_t line = 0;    // 1-based line (CSV/JSONL) or row (XLSX) in the source file
  std::string column;  // source column, or "" for the whole row
  std::string reason;  // what is wrong and how to fix it; never the rejected value itself
};

struct SearchHit {
  std::string entity_id;
  std::string schema;
  std::string caption;
  std::string dataset;
  double score = 0;  // higher is better
  // The property that matched: a name property ("name", "alias", "firstName", "fatherName",
  // "spouseName" ...) or an identifier property ("cnic", "phone", "passportNumber", "iban" ...).
  std::string matched;
};

struct EntityRecord {
  std::string id;
  std::string schema;
  std::string dataset;
  std::string caption;
  std::vector<Statement> statements;  // every value with its source record and import time
};

struct CountRow {
  std::string schema;
  std::string dataset;
  int64_t entities = 0;
};

struct StoreStats {
  int64_t entities = 0;
  int64_t statements = 0;
  std::vector<CountRow> by_schema_and_dataset;
  // Records committed but not yet findable (no entity row, link or name yet): a bulk load is
  // running, or one was killed and no command has opened the store for writing since.
  int64_t unindexed_records = 0;
};

struct StatementFilter {
  std::string schema;   // "" = all; otherwise exact schema name
  std::string dataset;  // "" = all
};

// An analyst's decision that two entities are (or are not) the same real-world thing.
struct Judgement {
  std::string left, right;  // entity ids, left < right
  bool match = false;
  std::string user;
  int64_t at = 0;
  std::string note;
};

// An analyst's statement that a network node is a known organiser, broker, courier, laundering
// account ... (labels are free lower-case words); the learning component ranks the other nodes
// by them (include/kashf/learning/node_learning.h).
struct NodeLabel {
  std::string node_id;  // cluster id or entity id, as `kashf network top --ids` prints it
  std::string label;    // lower case
  std::string user;
  int64_t at = 0;
  std::string note;
};

class Store {
 public:
  virtual ~Store() = default;

  // Write transactions. Everything between Begin() and Commit() lands together or not at all.
  virtual Status Begin() = 0;
  virtual Status Commit() = 0;
  virtual Status Rollback() = 0;

  // Stores statements (inside a transaction). A statement whose Id() is already present is
  // ignored, so re-importing a file changes nothing. Returns how many were new.
  virtual Result<int64_t> PutStatements(const std::vector<Statement>& batch) = 0;

  // Bulk loading, for large imports. Between BeginBulkLoad() and EndBulkLoad() each committed
  // batch's records (every statement with its provenance) are durable at Commit() as before, but
  // the rows that make them findable (entity rows, entity -> record links, the name index) are
  // kept back and written sorted by key, in a transaction of their own, whenever they pass
  // `memory_budget_bytes` and at EndBulkLoad(): one ordered pass over each index instead of a
  // scattered one per batch. Until then Search/GetEntity/ScanStatements do not see the new
  // records. If the process dies first, the next BeginBulkLoad() (re-running the import) derives
  // the missing rows from the stored records, so nothing committed is lost.
  // The defaults do nothing: a backend may always make rows findable at Commit().
  virtual Status BeginBulkLoad(size_t memory_budget_bytes) {
    (void)memory_budget_bytes;
    return Status::Ok();
  }
  virtual Status EndBulkLoad() { return Status::Ok(); }
  // How many committed records are not findable yet (see StoreStats::unindexed_records); cheap.
  virtual Result<int64_t> UnindexedRecords() { return int64_t{0}; }

  virtual Result<int64_t> StartImport(const ImportRun& run) = 0;  // returns the run id
  virtual Status FinishImport(const ImportRun& run) = 0;
  virtual Status PutRejects(int64_t run_id, const std::vector<RejectedRow>& rows) = 0;
  virtual Result<std::vector<RejectedRow>> Rejects(int64_t run_id, size_t limit) = 0;
  // Every import, oldest first. A run recorded as "running" whose process has died (killed,
  // crashed) is reported as "interrupted".
  virtual Result<std::vector<ImportRun>> Imports() = 0;

  // Search by name or identifier. Any text is accepted (src/store/search_query.h): words match
  // name-type properties (diacritics folded; every word, the last one also as a prefix), a person's
  // own names before their relatives' names; identifier-like terms (CNIC, phone, passport, serial,
  // account) match identifier properties exactly, in any formatting. InvalidArgument if the text
  // has no word. Hits are unique per entity, best first, and say which property matched.
  virtual Result<std::vector<SearchHit>> Search(const std::string& query, size_t limit,
                                                const std::string& schema_filter) = 0;
  // NotFound if no statement has this entity id.
  virtual Result<EntityRecord> GetEntity(const std::string& id) = 0;
  // Calls `fn` for every statement matching `filter`, ordered by entity; stops early if fn returns false.
  virtual Status ScanStatements(const StatementFilter& filter, const std::function<bool(const Statement&)>& fn) = 0;
  virtual Result<StoreStats> Stats() = 0;

  // Entity resolution results: which cluster each entity belongs to (replaces earlier assignments
  // of the same entities), and analyst judgements that persist across runs.
  virtual Status PutClusters(const std::vector<std::pair<std::string, std::string>>& entity_to_cluster) = 0;
  virtual Result<std::string> ClusterOf(const std::string& entity_id) = 0;  // entity id itself if unresolved
  virtual Result<std::vector<std::string>> ClusterMembers(const std::string& cluster_id) = 0;
  // Calls fn(entity_id, cluster_id) for every entity that has a cluster assignment, in no particular
  // order; stops early if fn returns false. For whole-store consumers (the network builder) that
  // would otherwise ask ClusterOf once per entity. The default implementation does exactly that.
  virtual Status ScanClusters(const std::function<bool(const std::string&, const std::string&)>& fn);
  virtual Status PutJudgement(const Judgement& j) = 0;
  virtual Result<std::vector<Judgement>> Judgements() = 0;

  // A version of the content for caches derived from it (the network, the recorded victims): it
  // changes with every committed statement, every record a bulk load indexes later, every import,
  // resolution run and judgement; audit writes do not change it. Opaque: compare for equality only.
  // Cheap (a few index look-ups), so a cache may read it on every request.
  virtual Result<std::string> ContentVersion() = 0;

  // Analysts' node labels: one per (node, label), a later one replacing the earlier (user, time,
  // note); RemoveNodeLabel returns NotFound when there is none. NodeLabels lists them oldest first.
  // Withdraws every statement of `dataset` (a retracted sharing package, docs/sharing.md), inside
  // a transaction: its records and their entity links go, and an entity left with no record loses
  // its entity row, index entries and cluster assignment. The name and identifier index entries of
  // an entity that keeps other records stay (a search may still find it by a withdrawn name; its
  // values no longer show them). Returns how many statements were withdrawn (0 for an unknown
  // dataset). The default: Unimplemented.
  virtual Result<int64_t> RemoveDataset(const std::string& dataset) {
    (void)dataset;
    return Status::Unimplemented("this store cannot withdraw a dataset");
  }

  virtual Status PutNodeLabel(const NodeLabel& l) = 0;
  virtual Status RemoveNodeLabel(const std::string& node_id, const std::string& label) = 0;
  virtual Result<std::vector<NodeLabel>> NodeLabels() = 0;
};

struct StoreOptions {
  bool create_if_missing = true;
  bool read_only = false;
  // Called with the number of records before an opening for writing indexes those a killed import
  // committed (it can take a while on a large import); may be empty.
  std::function<void(int64_t records)> on_catch_up;
};

// Opens (and migrates) the SQLite store at `path`. The model tells which properties are names.
// Opened for writing while no import runs, it also recovers from a killed import: its run is
// marked "interrupted" and its committed records are indexed (made searchable).
// Read-only (options.read_only): works on a store whose file or folder is not writable; nothing is
// migrated or recovered, and a store older than this Kashf must be opened for writing once first.
Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path, const Model& model,
                                               const StoreOptions& options = {});
// Opens (and migrates) the PostgreSQL store in the database at libpq URL `url` (docs/postgresql.md):
// the same behaviour as the SQLite store, plus misspelt-name search (pg_trgm). create_if_missing
// false: NotFound when the database holds no store yet. Bulk loads need no deferral: every batch is
// COPYed and indexed set-based at Commit().
Result<std::unique_ptr<Store>> OpenPostgresStore(const std::string& url, const Model& model,
                                                 const StoreOptions& options = {});
// The store at `location` (--db, KASHF_DB): PostgreSQL for a postgresql:// or postgres:// URL, else the
// SQLite file at that path.
Result<std::unique_ptr<Store>> OpenStore(const std::string& location, const Model& model,
                                         const StoreOptions& options = {});
// False if `path` exists but this process may not write it or its folder (where SQLite keeps the
// journal): open it with read_only then.
bool StoreWritable(const std::string& path);

}  // namespace kashf
