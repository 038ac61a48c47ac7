// PostgreSQL implementation of Store (docs/postgresql.md): one row per statement, written in bulk
// with COPY into a staging table and set-based inserts; name search with a GIN-indexed tsvector of
// the name's folded tokens and, for misspelt names, pg_trgm trigram similarity over the index's words.
#include <sqlite3.h>

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include <fmt/format.h>

#include "fts_tokenizer.h"
#include "kashf/core/hash.h"
#include "kashf/store/database_location.h"
#include "kashf/store/pg_db.h"
#include "kashf/store/store.h"
#include "pg_store_schema.h"
#include "property_roles.h"
#include "search_query.h"

namespace kashf {
namespace {

// Session advisory locks (pg_advisory_lock(kImportLockSpace, import id)) tell a running import from
// one whose process died: PostgreSQL releases them when the session ends, however it ends.
constexpr int kImportLockSpace = 0x4b53;  // "KS"

// The tsquery of `tokens` (every one must match): each a quoted lexeme, taken as is by the tsquery
// input (no parser or dictionary in between); `alternatives[i]`, when not empty, replaces token i
// by any of its words; `prefix[i]` matches token i as a prefix.
std::string TsQuery(const std::vector<std::vector<std::string>>& alternatives, const std::vector<bool>& prefix) {
  auto lexeme = [](std::string* out, const std::string& word) {
    out->push_back('\'');
    for (char c : word) {
      if (c == '\'' || c == '\\') out->push_back(c == '\'' ? '\'' : '\\');
      out->push_back(c);
    }
    out->push_back('\'');
  };
  std::string out;
  for (size_t i = 0; i < alternatives.size(); ++i) {
    if (i) out += " & ";
    out.push_back('(');
    for (size_t k = 0; k < alternatives[i].size(); ++k) {
      if (k) out += " | ";
      lexeme(&out, alternatives[i][k]);
      if (prefix[i]) out += ":*";
    }
    out.push_back(')');
  }
  return out;
}

class PgStore final : public Store {
 public:
  PgStore(pg::Connection db, const Model& model) : db_(std::move(db)), roles_(model) {}
  ~PgStore() override {
    tokenizer_.reset();
    sqlite3_close_v2(tokenizer_db_);
  }

  // The SQLite backend's name tokenizer, on a private in-memory SQLite connection: both backends
  // split and fold names (and queries) alike.
  Status OpenTokenizer() {
    if (sqlite3_open_v2(":memory:", &tokenizer_db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr) != SQLITE_OK)
      return Status::Internal("opening the name tokenizer failed: out of memory");
    KASHF_ASSIGN_OR_RETURN(tokenizer_, FtsTokenizer::Open(tokenizer_db_));
    return Status::Ok();
  }

  // Migrates (or, read-only, checks) the schema; marks imports whose process died as interrupted.
  Status Init(const StoreOptions& options) {
    KASHF_ASSIGN_OR_RETURN(int64_t version, SchemaVersion());
    const int64_t latest = PostgresStoreMigrations().back().first;
    if (version == 0 && (!options.create_if_missing || options.read_only))
      return Status::NotFound(
          "this PostgreSQL database holds no Kashf store yet; create one with `kashf --db URL init`");
    if (options.read_only) {
      if (version != latest)
        return Status::FailedPrecondition(
            fmt::format("the store's schema is version {}, this Kashf knows {}; {}", version, latest,
                        version > latest ? "upgrade Kashf" : "open it once with write access to bring it up to date"));
      return Status::Ok();
    }
    KASHF_RETURN_IF_ERROR(pg::MigrateComponent(db_, kPostgresStoreComponent, PostgresStoreMigrations()));
    return db_.Exec("recovering from an interrupted import",
                    "UPDATE imports SET status = 'interrupted' WHERE status = 'running' AND NOT " + kImportAlive);
  }

  // The store schema's version recorded in kashf_components (pg::MigrateComponent); 0 for none.
  Result<int64_t> SchemaVersion() {
    const std::string what = "reading the store's version";
    KASHF_ASSIGN_OR_RETURN(auto registry, db_.Query(what, "SELECT to_regclass('kashf_components') IS NOT NULL"));
    if (registry.Text(0, 0) != "t") return int64_t{0};
    KASHF_ASSIGN_OR_RETURN(
        auto rows, db_.Query(what, "SELECT version FROM kashf_components WHERE name = $1", {kPostgresStoreComponent}));
    return rows.empty() ? int64_t{0} : rows.Int(0, 0);
  }

  Status Begin() override {
    started_in_txn_.clear();
    finished_in_txn_.clear();
    changed_ = false;
    return db_.Exec("starting a write", "BEGIN");
  }
  Status Commit() override {
    if (changed_) KASHF_RETURN_IF_ERROR(NoteChange());
    KASHF_RETURN_IF_ERROR(db_.Exec("committing a write", "COMMIT"));
    for (int64_t id : finished_in_txn_) ReleaseImport(id);  // after the commit: never "running" and unlocked
    started_in_txn_.clear();
    finished_in_txn_.clear();
    changed_ = false;
    return Status::Ok();
  }
  Status Rollback() override {
    Status st = db_.Exec("rolling back a write", "ROLLBACK");
    for (int64_t id : started_in_txn_) ReleaseImport(id);  // its row is rolled back too
    started_in_txn_.clear();
    finished_in_txn_.clear();
    changed_ = false;
    return st;
  }

  // Statements are staged with COPY (text format) and inserted set-based: the statements not yet
  // stored, then the entity rows, name-index rows, words and identifier keys they bring.
  Result<int64_t> PutStatements(const std::vector<Statement>& batch) override {
    if (batch.empty()) return int64_t{0};
    const bool own = !db_.InTransaction();
    if (own) KASHF_RETURN_IF_ERROR(Begin());
    auto fresh = StageAndInsert(batch);
    if (own) {
      Status st = fresh.ok() ? Commit() : Rollback();
      if (fresh.ok() && !st.ok()) return st;
    }
    return fresh;
  }

  Result<int64_t> StartImport(const ImportRun& run) override {
    KASHF_ASSIGN_OR_RETURN(auto rows, db_.Query("recording an import",
                                                "INSERT INTO imports (dataset, file, mapping, started, status) "
                                                "VALUES ($1, $2, $3, $4, $5) RETURNING id",
                                                {run.dataset, run.file, run.mapping, std::to_string(run.started),
                                                 run.status.empty() ? std::string("running") : run.status}));
    const int64_t id = rows.Int(0, 0);
    KASHF_RETURN_IF_ERROR(db_.Exec("recording an import", "SELECT pg_advisory_lock($1, $2::int)",
                                   {std::to_string(kImportLockSpace), std::to_string(id)}));
    if (db_.InTransaction()) started_in_txn_.push_back(id);
    KASHF_RETURN_IF_ERROR(Changed());
    return id;
  }

  Status FinishImport(const ImportRun& run) override {
    KASHF_RETURN_IF_ERROR(db_.Exec(
        "finishing an import record",
        "UPDATE imports SET finished = $1, rows_read = $2, rows_loaded = $3, "
        "rows_rejected = $4, statements_new = $5, status = $6 WHERE id = $7",
        {std::to_string(run.finished), std::to_string(run.rows_read), std::to_string(run.rows_loaded),
         std::to_string(run.rows_rejected), std::to_string(run.statements_new), run.status, std::to_string(run.id)}));
    if (db_.InTransaction()) finished_in_txn_.push_back(run.id);
    else ReleaseImport(run.id);
    return Changed();
  }

  Status PutRejects(int64_t run_id, const std::vector<RejectedRow>& rows) override {
    if (rows.empty()) return Status::Ok();
    std::string data;
    const std::string id = std::to_string(run_id);
    for (const auto& r : rows) AppendRow(&data, {id, r.file, std::to_string(r.line), r.column, r.reason});
    return db_
        .CopyIn("recording rejected rows", "COPY rejects (import_id, file, line, column_name, reason) FROM STDIN", data)
        .status();
  }

  Result<std::vector<RejectedRow>> Rejects(int64_t run_id, size_t limit) override {
    std::vector<RejectedRow> out;
    KASHF_RETURN_IF_ERROR(db_.ForEach("reading rejected rows",
                                      "SELECT file, line, column_name, reason FROM rejects WHERE import_id = $1 "
                                      "ORDER BY line LIMIT $2",
                                      {std::to_string(run_id), std::to_string(limit)}, [&](const pg::Rows& r, int i) {
                                        out.push_back({r.Text(i, 0), r.Int(i, 1), r.Text(i, 2), r.Text(i, 3)});
                                        return true;
                                      }));
    return out;
  }

  Result<std::vector<ImportRun>> Imports() override {
    std::vector<ImportRun> out;
    KASHF_RETURN_IF_ERROR(
        db_.ForEach("listing imports",
                    "SELECT id, dataset, file, mapping, started, finished, rows_read, rows_loaded, rows_rejected, "
                    "statements_new, CASE WHEN status = 'running' AND NOT " +
                        kImportAlive + " THEN 'interrupted' ELSE status END FROM imports ORDER BY id",
                    {}, [&](const pg::Rows& r, int i) {
                      out.push_back({r.Int(i, 0), r.Text(i, 1), r.Text(i, 2), r.Text(i, 3), r.Int(i, 4), r.Int(i, 5),
                                     r.Int(i, 6), r.Int(i, 7), r.Int(i, 8), r.Int(i, 9), r.Text(i, 10)});
                      return true;
                    }));
    return out;
  }

  // As the SQLite backend (store.h; search_query.h): identifiers exactly, then own names word for
  // word, as prefixes, then relatives' names the same two ways, each pass only while fewer than
  // `limit` entities are found. Then, only if nothing at all matched, the misspelt-name pass:
  // every word may be any index word whose trigram similarity (pg_trgm, `%`, threshold
  // pg_trgm.similarity_threshold, 0.3 by default) to it is high enough; its hits score below all others.
  Result<std::vector<SearchHit>> Search(const std::string& query, size_t limit,
                                        const std::string& schema_filter) override {
    KASHF_ASSIGN_OR_RETURN(SearchQuery q,
                           ParseSearchQuery(query, [this](std::string_view text, std::vector<std::string>* out) {
                             tokenizer_->Tokenize(text, out);
                           }));
    std::vector<SearchHit> out;
    std::unordered_set<std::string> found;
    auto add = [&](SearchHit h) {
      if (out.size() < limit && found.insert(h.entity_id).second) out.push_back(std::move(h));
    };
    constexpr double kIdentifierScore = 5;
    for (const std::string& key : q.identifiers) {
      KASHF_RETURN_IF_ERROR(
          db_.ForEach("looking up identifiers",
                      "SELECT e.id, e.schema, e.caption, e.dataset, i.prop FROM identifiers i "
                      "JOIN entities e ON e.id = i.entity_id WHERE i.value = $1 "
                      "AND ($2 = '' OR e.schema = $2) ORDER BY e.id COLLATE \"C\" LIMIT 1000",
                      {key, schema_filter}, [&](const pg::Rows& r, int i) {
                        add({r.Text(i, 0), r.Text(i, 1), r.Text(i, 2), r.Text(i, 3), kIdentifierScore, r.Text(i, 4)});
                        return true;
                      }));
    }
    if (q.tokens.empty()) return out;
    std::vector<bool> prefix = q.prefixable;
    for (size_t i = 0; i < q.tokens.size(); ++i) {  // a word in the index is matched as typed (as SQLite)
      if (!prefix[i]) continue;
      KASHF_ASSIGN_OR_RETURN(bool whole, IsIndexWord(q.tokens[i]));
      if (whole) prefix[i] = false;
    }
    const bool any_prefix = std::find(prefix.begin(), prefix.end(), true) != prefix.end();
    std::vector<std::vector<std::string>> as_typed;
    for (const auto& t : q.tokens) as_typed.push_back({t});
    const std::vector<bool> no_prefix(q.tokens.size(), false);
    KASHF_RETURN_IF_ERROR(ForEachNamePass(
        q, any_prefix, [&] { return out.size() >= limit; },
        [&](bool pass_prefix, const std::string& include, std::string_view exclude, double base) {
          return SearchNames(TsQuery(as_typed, pass_prefix ? prefix : no_prefix), include, std::string(exclude),
                             schema_filter, limit, base, add);
        }));
    if (!out.empty()) return out;
    // Misspelt names: each word as any similar index word, over the fields the query names.
    std::vector<std::vector<std::string>> similar;
    for (const auto& t : q.tokens) {
      similar.emplace_back();
      KASHF_RETURN_IF_ERROR(db_.ForEach("searching similar names",
                                        "SELECT word FROM name_words WHERE word % $1 "
                                        "ORDER BY similarity(word, $1) DESC, word COLLATE \"C\" LIMIT 16",
                                        {t}, [&](const pg::Rows& r, int i) {
                                          similar.back().push_back(r.Text(i, 0));
                                          return true;
                                        }));
      if (similar.back().empty()) return out;
    }
    KASHF_RETURN_IF_ERROR(SearchNames(TsQuery(similar, no_prefix), std::string(FieldProperties(q.field)), "",
                                      schema_filter, limit, 0, add));
    return out;
  }

  Result<EntityRecord> GetEntity(const std::string& id) override {
    KASHF_ASSIGN_OR_RETURN(
        auto e, db_.Query("reading an entity", "SELECT schema, dataset, caption FROM entities WHERE id = $1", {id}));
    if (e.empty())
      return Status::NotFound(fmt::format("no entity with id '{}'; find ids with `kashf search NAME`", id));
    EntityRecord rec{id, e.Text(0, 0), e.Text(0, 1), e.Text(0, 2), {}};
    KASHF_RETURN_IF_ERROR(db_.ForEach("reading an entity",
                                      "SELECT " + kStatementColumns +
                                          " FROM statements s WHERE s.entity_id = $1 "
                                          "ORDER BY s.prop COLLATE \"C\", s.value COLLATE \"C\", s.seq",
                                      {id}, [&](const pg::Rows& r, int i) {
                                        rec.statements.push_back(ReadStatement(r, i, rec.schema));
                                        return true;
                                      }));
    return rec;
  }

  Status ScanStatements(const StatementFilter& filter, const std::function<bool(const Statement&)>& fn) override {
    return db_.ForEach("scanning statements",
                       "SELECT " + kStatementColumns +
                           ", e.schema FROM statements s JOIN entities e ON e.id = s.entity_id "
                           "WHERE ($1 = '' OR e.schema = $1) AND ($2 = '' OR s.dataset = $2) "
                           "ORDER BY s.entity_id, s.seq",
                       {filter.schema, filter.dataset},
                       [&](const pg::Rows& r, int i) { return fn(ReadStatement(r, i, r.Text(i, 9))); });
  }

  Result<StoreStats> Stats() override {
    StoreStats out;
    KASHF_RETURN_IF_ERROR(db_.ForEach("counting entities",
                                      "SELECT schema, dataset, count(*) FROM entities GROUP BY schema, dataset "
                                      "ORDER BY schema COLLATE \"C\", dataset COLLATE \"C\"",
                                      {}, [&](const pg::Rows& r, int i) {
                                        out.by_schema_and_dataset.push_back({r.Text(i, 0), r.Text(i, 1), r.Int(i, 2)});
                                        out.entities += r.Int(i, 2);
                                        return true;
                                      }));
    KASHF_ASSIGN_OR_RETURN(auto n, db_.Query("counting statements", "SELECT count(*) FROM statements"));
    out.statements = n.Int(0, 0);
    return out;
  }

  Status PutClusters(const std::vector<std::pair<std::string, std::string>>& entity_to_cluster) override {
    if (entity_to_cluster.empty()) return Status::Ok();
    std::unordered_map<std::string_view, std::string_view> last;  // as INSERT OR REPLACE: the last one wins
    for (const auto& [entity, cluster] : entity_to_cluster) last[entity] = cluster;
    std::string data;
    for (const auto& [entity, cluster] : last) AppendRow(&data, {entity, cluster});
    KASHF_RETURN_IF_ERROR(Staged("assigning clusters", "kashf_clusters_stage (entity_id TEXT, cluster_id TEXT)",
                                 "COPY kashf_clusters_stage FROM STDIN", data,
                                 "INSERT INTO clusters (entity_id, cluster_id) SELECT entity_id, cluster_id "
                                 "FROM kashf_clusters_stage ORDER BY entity_id "
                                 "ON CONFLICT (entity_id) DO UPDATE SET cluster_id = EXCLUDED.cluster_id")
                              .status());
    return Changed();
  }

  Result<std::string> ClusterOf(const std::string& entity_id) override {
    KASHF_ASSIGN_OR_RETURN(auto rows, db_.Query("reading a cluster assignment",
                                                "SELECT cluster_id FROM clusters WHERE entity_id = $1", {entity_id}));
    return rows.empty() ? entity_id : rows.Text(0, 0);
  }

  Result<std::vector<std::string>> ClusterMembers(const std::string& cluster_id) override {
    std::vector<std::string> out;
    KASHF_RETURN_IF_ERROR(db_.ForEach("reading a cluster's members",
                                      "SELECT c.entity_id FROM clusters c JOIN entities e ON e.id = c.entity_id "
                                      "WHERE c.cluster_id = $1 ORDER BY c.entity_id COLLATE \"C\"",
                                      {cluster_id}, [&](const pg::Rows& r, int i) {
                                        out.push_back(r.Text(i, 0));
                                        return true;
                                      }));
    return out;
  }

  Status ScanClusters(const std::function<bool(const std::string&, const std::string&)>& fn) override {
    return db_.ForEach("scanning cluster assignments",
                       "SELECT c.entity_id, c.cluster_id FROM clusters c JOIN entities e ON e.id = c.entity_id", {},
                       [&](const pg::Rows& r, int i) { return fn(r.Text(i, 0), r.Text(i, 1)); });
  }

  Status PutJudgement(const Judgement& j) override {
    const bool ordered = j.left < j.right;
    KASHF_RETURN_IF_ERROR(db_.Exec(
        "recording a judgement",
        "INSERT INTO judgements (left_id, right_id, is_match, user_name, at, note) VALUES ($1, $2, $3, $4, $5, $6) "
        "ON CONFLICT (left_id, right_id) DO UPDATE SET is_match = EXCLUDED.is_match, user_name = EXCLUDED.user_name, "
        "at = EXCLUDED.at, note = EXCLUDED.note",
        {ordered ? j.left : j.right, ordered ? j.right : j.left, j.match ? "true" : "false", j.user,
         std::to_string(j.at), j.note}));
    return Changed();
  }

  Result<std::vector<Judgement>> Judgements() override {
    std::vector<Judgement> out;
    KASHF_RETURN_IF_ERROR(db_.ForEach(
        "reading judgements",
        "SELECT left_id, right_id, is_match, user_name, at, note FROM judgements ORDER BY at, left_id COLLATE \"C\"",
        {}, [&](const pg::Rows& r, int i) {
          out.push_back({r.Text(i, 0), r.Text(i, 1), r.Text(i, 2) == "t", r.Text(i, 3), r.Int(i, 4), r.Text(i, 5)});
          return true;
        }));
    return out;
  }

  // A counter every committed change moves (statements, imports, clusters, judgements): one row read.
  Result<std::string> ContentVersion() override {
    KASHF_ASSIGN_OR_RETURN(auto rows,
                           db_.Query("reading the store's content version", "SELECT n FROM content_changes"));
    if (rows.empty()) return Status::Internal("the store's content version is missing; the database was altered");
    return rows.Text(0, 0);
  }

  Status PutNodeLabel(const NodeLabel& l) override {
    return db_.Exec("recording a node label",
                    "INSERT INTO node_labels (node_id, label, user_name, at, note) VALUES ($1, $2, $3, $4, $5) "
                    "ON CONFLICT (node_id, label) DO UPDATE SET user_name = EXCLUDED.user_name, at = EXCLUDED.at, "
                    "note = EXCLUDED.note",
                    {l.node_id, l.label, l.user, std::to_string(l.at), l.note});
  }

  Status RemoveNodeLabel(const std::string& node_id, const std::string& label) override {
    KASHF_ASSIGN_OR_RETURN(
        auto rows, db_.Query("removing a node label", "DELETE FROM node_labels WHERE node_id = $1 AND label = $2",
                             {node_id, label}));
    if (rows.Affected() == 0) return Status::NotFound("node " + node_id + " has no label '" + label + "'");
    return Status::Ok();
  }

  Result<std::vector<NodeLabel>> NodeLabels() override {
    std::vector<NodeLabel> out;
    KASHF_RETURN_IF_ERROR(
        db_.ForEach("reading node labels",
                    "SELECT node_id, label, user_name, at, note FROM node_labels "
                    "ORDER BY at, node_id COLLATE \"C\", label COLLATE \"C\"",
                    {}, [&](const pg::Rows& r, int i) {
                      out.push_back({r.Text(i, 0), r.Text(i, 1), r.Text(i, 2), r.Int(i, 3), r.Text(i, 4)});
                      return true;
                    }));
    return out;
  }

 private:
  // Columns 0-8 of a statement row, as ReadStatement reads them.
  inline static const std::string kStatementColumns =
      "s.entity_id, s.prop, s.value, s.dataset, s.record_id, s.first_seen, s.source_eval, s.information_eval, "
      "s.handling";
  // SQL condition: the import `id` of the row at hand is held by a live session.
  inline static const std::string kImportAlive = fmt::format(
      "EXISTS (SELECT 1 FROM pg_locks l WHERE l.locktype = 'advisory' AND l.classid = {} AND l.objid = id::oid "
      "AND l.objsubid = 2 AND l.granted)",
      kImportLockSpace);

  static Statement ReadStatement(const pg::Rows& r, int i, std::string schema) {
    return {r.Text(i, 0), std::move(schema), r.Text(i, 1), r.Text(i, 2),
            r.Text(i, 3), r.Text(i, 4),      r.Int(i, 5),  Grading{r.Text(i, 6), r.Text(i, 7), r.Text(i, 8)}};
  }

  // Appends one row of COPY text format.
  static void AppendRow(std::string* out, std::initializer_list<std::string_view> fields) {
    bool first = true;
    for (std::string_view f : fields) {
      if (!first) out->push_back('\t');
      first = false;
      pg::AppendCopyText(out, f);
    }
    out->push_back('\n');
  }

  // Copies `data` into the session's temporary table `table_def` (created on first use, emptied
  // before) and runs `insert` from it; returns the rows `insert` changed.
  Result<int64_t> Staged(std::string_view what, const std::string& table_def, const std::string& copy,
                         std::string_view data, const std::string& insert) {
    const std::string table = table_def.substr(0, table_def.find(' '));
    KASHF_RETURN_IF_ERROR(
        db_.Exec(what, fmt::format("CREATE TEMP TABLE IF NOT EXISTS {}; TRUNCATE {}", table_def, table)));
    KASHF_RETURN_IF_ERROR(db_.CopyIn(what, copy, data).status());
    KASHF_ASSIGN_OR_RETURN(auto rows, db_.Query(what, insert));
    return rows.Affected();
  }

  // The caption of `entity` from the statements batch[from, to) of one source record.
  std::string_view Caption(const std::vector<Statement>& batch, size_t from, size_t to,
                           const std::string& entity) const {
    for (const auto& want : roles_.CaptionProperties(batch[from].schema))
      for (size_t k = from; k < to; ++k)
        if (batch[k].entity_id == entity && batch[k].prop == want) return batch[k].value;
    return {};
  }

  Result<int64_t> StageAndInsert(const std::vector<Statement>& batch) {
    std::string data;
    std::unordered_map<std::string_view, std::string_view> captions;  // entity -> caption of its first record
    std::vector<std::string> words;
    std::string key;
    for (size_t i = 0; i < batch.size();) {
      size_t j = i + 1;  // one source record: as the SQLite backend's records rows
      while (j < batch.size() && batch[j].record_id == batch[i].record_id && batch[j].dataset == batch[i].dataset) ++j;
      for (size_t k = i; k < j; ++k) {
        const Statement& s = batch[k];
        auto [caption, first] = captions.try_emplace(s.entity_id);
        if (first) caption->second = Caption(batch, k, j, s.entity_id);
        char kind = '-';
        key.clear();
        if (roles_.IsName(s.schema, s.prop)) {
          kind = 'n';
          words.clear();
          tokenizer_->Tokenize(s.value, &words);
          for (const auto& w : words) (key.empty() ? key : key += ' ') += w;
        } else if (roles_.IsIdentifier(s.schema, s.prop)) {
          key = IdentifierKey(s.value);
          if (!key.empty()) kind = 'i';
        }
        const auto skey = static_cast<int64_t>(StableHashParts({s.dataset, s.record_id, s.entity_id, s.prop, s.value}));
        AppendRow(&data, {std::to_string(k), std::to_string(skey), s.entity_id, s.schema, s.prop, s.value, s.dataset,
                          s.record_id, std::to_string(s.first_seen), s.grading.source, s.grading.information,
                          s.grading.handling, caption->second, std::string_view(&kind, 1), key});
      }
      i = j;
    }
    KASHF_ASSIGN_OR_RETURN(
        int64_t fresh,
        Staged("storing statements",
               "kashf_stage (ord INT, skey BIGINT, entity_id TEXT, schema TEXT, prop TEXT, value TEXT, dataset TEXT, "
               "record_id TEXT, first_seen BIGINT, source_eval TEXT, information_eval TEXT, handling TEXT, "
               "caption TEXT, kind TEXT, key TEXT)",
               "COPY kashf_stage FROM STDIN", data,
               "INSERT INTO statements (skey, entity_id, schema, prop, value, dataset, record_id, first_seen, "
               "source_eval, information_eval, handling) "
               "SELECT skey, entity_id, schema, prop, value, dataset, record_id, first_seen, source_eval, "
               "information_eval, handling FROM (SELECT DISTINCT ON (skey) * FROM kashf_stage ORDER BY skey, ord) s "
               "ORDER BY ord ON CONFLICT (skey) DO NOTHING"));
    // Derived rows, each insert in key order (concurrent writers then take index locks in one order).
    KASHF_RETURN_IF_ERROR(db_.Exec(
        "indexing entities and names",
        "INSERT INTO entities (id, schema, dataset, caption) SELECT * FROM (SELECT DISTINCT ON (entity_id) "
        "entity_id, schema, dataset, caption FROM kashf_stage ORDER BY entity_id, ord) e ORDER BY entity_id "
        "ON CONFLICT (id) DO NOTHING;"
        "INSERT INTO names (entity_id, prop, name, words) SELECT DISTINCT entity_id, prop, value, key FROM kashf_stage "
        "WHERE kind = 'n' ORDER BY 1, 2, 3 ON CONFLICT DO NOTHING;"
        "INSERT INTO name_words (word) SELECT DISTINCT w FROM kashf_stage, unnest(string_to_array(key, ' ')) w "
        "WHERE kind = 'n' AND w <> '' ORDER BY 1 ON CONFLICT DO NOTHING;"
        "INSERT INTO identifiers (value, entity_id, prop) SELECT DISTINCT key, entity_id, prop FROM kashf_stage "
        "WHERE kind = 'i' ORDER BY 1, 2, 3 ON CONFLICT DO NOTHING"));
    if (fresh > 0) changed_ = true;
    return fresh;
  }

  Result<bool> IsIndexWord(const std::string& word) {
    KASHF_ASSIGN_OR_RETURN(auto rows, db_.Query("searching names", "SELECT 1 FROM name_words WHERE word = $1", {word}));
    return !rows.empty();
  }

  // One pass of Search: the entities whose name rows (of the properties in `include`, "|a|b|" or ""
  // for all, and not in `exclude`) match the tsquery `match`, scored in [base, base+1) by the
  // SQLite backend's rank (AddRankedNameHits), reading at most NameRowsPerPass(limit) rows.
  template <typename Add>
  Status SearchNames(const std::string& match, const std::string& include, const std::string& exclude,
                     const std::string& schema, size_t limit, double base, Add& add) {
    const std::string rows_per_pass = std::to_string(NameRowsPerPass(limit));
    std::vector<NameRow> rows;
    KASHF_RETURN_IF_ERROR(db_.ForEach(
        "searching names",
        "SELECT n.entity_id, cardinality(string_to_array(n.words, ' ')), n.prop, e.schema, e.caption, e.dataset "
        "FROM names n JOIN entities e ON e.id = n.entity_id "
        "WHERE array_to_tsvector(string_to_array(n.words, ' ')) @@ $1::tsquery "
        "AND ($2 = '' OR strpos($2, '|' || n.prop || '|') > 0) AND strpos($3, '|' || n.prop || '|') = 0 "
        "AND ($4 = '' OR e.schema = $4) LIMIT " +
            rows_per_pass,
        {match, include, exclude, schema}, [&](const pg::Rows& r, int i) {
          rows.push_back({static_cast<double>(r.Int(i, 1)),
                          {r.Text(i, 0), r.Text(i, 3), r.Text(i, 4), r.Text(i, 5), 0, r.Text(i, 2)}});
          return true;
        }));
    AddRankedNameHits(std::move(rows), base, add);
    return Status::Ok();
  }

  // Marks the open transaction as changing the content, or notes the change now outside one.
  Status Changed() {
    if (db_.InTransaction()) {
      changed_ = true;
      return Status::Ok();
    }
    return NoteChange();
  }
  Status NoteChange() { return db_.Exec("noting a change of the store", "UPDATE content_changes SET n = n + 1"); }
  void ReleaseImport(int64_t id) {
    (void)db_.Exec("ending an import", "SELECT pg_advisory_unlock($1, $2::int)",
                   {std::to_string(kImportLockSpace), std::to_string(id)});
  }

  pg::Connection db_;
  PropertyRoles roles_;
  sqlite3* tokenizer_db_ = nullptr;
  std::unique_ptr<FtsTokenizer> tokenizer_;
  std::vector<int64_t> started_in_txn_, finished_in_txn_;  // imports whose lock follows the open transaction
  bool changed_ = false;                                   // the open transaction changes the content
};

}  // namespace

Result<std::unique_ptr<Store>> OpenPostgresStore(const std::string& url, const Model& model,
                                                 const StoreOptions& options) {
  KASHF_ASSIGN_OR_RETURN(pg::Connection db, pg::Connection::Open(url));
  auto store = std::make_unique<PgStore>(std::move(db), model);
  KASHF_RETURN_IF_ERROR(store->OpenTokenizer());
  KASHF_RETURN_IF_ERROR(store->Init(options).WithContext("the statement store on PostgreSQL"));
  return std::unique_ptr<Store>(std::move(store));
}

Result<std::unique_ptr<Store>> OpenStore(const std::string& location, const Model& model, const StoreOptions& options) {
  if (store::IsPostgresUrl(location)) return OpenPostgresStore(location, model, options);
  return OpenSqliteStore(location, model, options);
}

}  // namespace kashf
