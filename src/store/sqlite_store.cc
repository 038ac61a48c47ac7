// SQLite implementation of Store: WAL journal, foreign keys, versioned migrations, FTS5 names.
#include <filesystem>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include <fmt/format.h>

#include "kashf/core/hash.h"
#include "kashf/core/text.h"
#include "kashf/store/store.h"
#include "migrations.h"
#include "kashf/store/sqlite_db.h"

namespace kashf {
namespace {

using sqlite::Stmt;

class SqliteStore final : public Store {
 public:
  SqliteStore(sqlite3* db, const Model& model) : db_(db) {
    for (const auto& schema : model.SchemaNames()) {
      for (const auto* p : model.Properties(schema))
        if (p->type == PropertyType::kName) name_props_.insert(schema + "\x1f" + p->name);
      const SchemaSpec* s = model.Find(schema);
      std::vector<std::string> caption;
      for (const SchemaSpec* c = s; c && caption.empty(); c = c->extends.empty() ? nullptr : model.Find(c->extends))
        caption = c->caption;
      if (caption.empty()) caption = {"name"};
      captions_[schema] = caption;
    }
  }
  ~SqliteStore() override {
    for (Stmt* s : {&ins_entity_, &ins_stmt_, &ins_name_, &ins_dataset_, &sel_dataset_}) *s = Stmt();
    sqlite3_close_v2(db_);
  }

  Status Init(bool read_only) {
    KASHF_RETURN_IF_ERROR(sqlite::Exec(db_, "PRAGMA foreign_keys=ON; PRAGMA busy_timeout=5000; PRAGMA temp_store=MEMORY;"
                                            "PRAGMA cache_size=-65536;"));
    if (!read_only) {
      KASHF_RETURN_IF_ERROR(sqlite::Exec(db_, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"));
      KASHF_RETURN_IF_ERROR(Migrate());
    }
    return Status::Ok();
  }

  Status Migrate() {
    Stmt v;
    KASHF_RETURN_IF_ERROR(v.Prepare(db_, "PRAGMA user_version"));
    if (v.Step() != SQLITE_ROW) return sqlite::Error(db_, "reading store version");
    int64_t version = v.Int(0);
    const auto& migrations = SqliteMigrations();
    if (version > migrations.back().version)
      return Status::FailedPrecondition(fmt::format(
          "this store was written by a newer Kashf (schema version {}, this binary knows {}); upgrade Kashf",
          version, migrations.back().version));
    for (const auto& m : migrations) {
      if (m.version <= version) continue;
      KASHF_RETURN_IF_ERROR(sqlite::Exec(db_, "BEGIN IMMEDIATE"));
      Status st = sqlite::Exec(db_, m.sql);
      if (st.ok()) st = sqlite::Exec(db_, fmt::format("PRAGMA user_version={}", m.version));
      if (!st.ok()) {
        (void)sqlite::Exec(db_, "ROLLBACK");
        return st.WithContext(fmt::format("migration {} ({})", m.version, m.description));
      }
      KASHF_RETURN_IF_ERROR(sqlite::Exec(db_, "COMMIT"));
    }
    return Status::Ok();
  }

  Status Begin() override { return sqlite::Exec(db_, "BEGIN IMMEDIATE"); }
  Status Commit() override { return sqlite::Exec(db_, "COMMIT"); }
  Status Rollback() override { return sqlite::Exec(db_, "ROLLBACK"); }

  Result<int64_t> DatasetId(const std::string& name) {
    if (auto it = dataset_ids_.find(name); it != dataset_ids_.end()) return it->second;
    if (!sel_dataset_.get()) {
      KASHF_RETURN_IF_ERROR(sel_dataset_.Prepare(db_, "SELECT id FROM datasets WHERE name=?"));
      KASHF_RETURN_IF_ERROR(ins_dataset_.Prepare(db_, "INSERT INTO datasets(name) VALUES(?)"));
    }
    sel_dataset_.Reset();
    sel_dataset_.Bind(1, name);
    int64_t id;
    if (sel_dataset_.Step() == SQLITE_ROW) {
      id = sel_dataset_.Int(0);
    } else {
      ins_dataset_.Reset();
      ins_dataset_.Bind(1, name);
      if (ins_dataset_.Step() != SQLITE_DONE) return sqlite::Error(db_, "adding dataset");
      id = sqlite3_last_insert_rowid(db_);
    }
    dataset_ids_[name] = id;
    return id;
  }

  std::string CaptionFor(const Statement& first, const std::vector<Statement>& batch, size_t from) {
    const auto& props = captions_[first.schema];
    for (const auto& p : props)
      for (size_t i = from; i < batch.size() && batch[i].entity_id == first.entity_id; ++i)
        if (batch[i].prop == p) return batch[i].value;
    return "";
  }

  Result<int64_t> PutStatements(const std::vector<Statement>& batch) override {
    if (!ins_stmt_.get()) {
      KASHF_RETURN_IF_ERROR(ins_entity_.Prepare(
          db_, "INSERT OR IGNORE INTO entities(ekey,id,schema,dataset_id,caption) VALUES(?,?,?,?,?)"));
      KASHF_RETURN_IF_ERROR(ins_stmt_.Prepare(
          db_, "INSERT OR IGNORE INTO statements(sid,ekey,prop,value,dataset_id,record_id,first_seen) VALUES(?,?,?,?,?,?,?)"));
      KASHF_RETURN_IF_ERROR(ins_name_.Prepare(db_, "INSERT INTO names(name,ekey) VALUES(?,?)"));
    }
    int64_t fresh = 0;
    std::unordered_set<uint64_t> entities_in_batch;
    entities_in_batch.reserve(batch.size());
    for (size_t i = 0; i < batch.size(); ++i) {
      const Statement& st = batch[i];
      const int64_t ekey = static_cast<int64_t>(StableHash64(st.entity_id));
      KASHF_ASSIGN_OR_RETURN(int64_t ds, DatasetId(st.dataset));
      if (entities_in_batch.insert(static_cast<uint64_t>(ekey)).second) {
        std::string caption = CaptionFor(st, batch, i);
        ins_entity_.Reset();
        ins_entity_.Bind(1, ekey);
        ins_entity_.BindStatic(2, st.entity_id);
        ins_entity_.BindStatic(3, st.schema);
        ins_entity_.Bind(4, ds);
        ins_entity_.BindStatic(5, caption);
        if (ins_entity_.Step() != SQLITE_DONE) return sqlite::Error(db_, "storing entity");
      }
      ins_stmt_.Reset();
      ins_stmt_.Bind(1, static_cast<int64_t>(st.Id()));
      ins_stmt_.Bind(2, ekey);
      ins_stmt_.BindStatic(3, st.prop);
      ins_stmt_.BindStatic(4, st.value);
      ins_stmt_.Bind(5, ds);
      ins_stmt_.BindStatic(6, st.record_id);
      ins_stmt_.Bind(7, st.first_seen);
      if (ins_stmt_.Step() != SQLITE_DONE) return sqlite::Error(db_, "storing statement");
      if (sqlite3_changes(db_) == 1) {
        ++fresh;
        if (name_props_.count(st.schema + "\x1f" + st.prop)) {
          ins_name_.Reset();
          ins_name_.BindStatic(1, st.value);
          ins_name_.Bind(2, ekey);
          if (ins_name_.Step() != SQLITE_DONE) return sqlite::Error(db_, "indexing name");
        }
      }
    }
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
    return static_cast<int64_t>(sqlite3_last_insert_rowid(db_));
  }

  Status FinishImport(const ImportRun& run) override {
    Stmt s;
    KASHF_RETURN_IF_ERROR(s.Prepare(db_,
        "UPDATE imports SET finished=?,rows_read=?,rows_loaded=?,rows_rejected=?,statements_new=?,status=? WHERE id=?"));
    s.Bind(1, run.finished);
    s.Bind(2, run.rows_read);
    s.Bind(3, run.rows_loaded);
    s.Bind(4, run.rows_rejected);
    s.Bind(5, run.statements_new);
    s.Bind(6, run.status);
    s.Bind(7, run.id);
    if (s.Step() != SQLITE_DONE) return sqlite::Error(db_, "finishing import record");
    return Status::Ok();
  }

  Status PutRejects(int64_t run_id, const std::vector<RejectedRow>& rows) override {
    Stmt s;
    KASHF_RETURN_IF_ERROR(s.Prepare(db_, "INSERT INTO rejects(import_id,file,line,column_name,reason) VALUES(?,?,?,?,?)"));
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
    KASHF_RETURN_IF_ERROR(s.Prepare(db_, "SELECT file,line,column_name,reason FROM rejects WHERE import_id=? ORDER BY line LIMIT ?"));
    s.Bind(1, run_id);
    s.Bind(2, static_cast<int64_t>(limit));
    std::vector<RejectedRow> out;
    while (s.Step() == SQLITE_ROW) out.push_back({s.Text(0), s.Int(1), s.Text(2), s.Text(3)});
    return out;
  }

  Result<std::vector<ImportRun>> Imports() override {
    Stmt s;
    KASHF_RETURN_IF_ERROR(s.Prepare(db_,
        "SELECT id,dataset,file,mapping,started,finished,rows_read,rows_loaded,rows_rejected,statements_new,status "
        "FROM imports ORDER BY id"));
    std::vector<ImportRun> out;
    while (s.Step() == SQLITE_ROW) {
      ImportRun r;
      r.id = s.Int(0); r.dataset = s.Text(1); r.file = s.Text(2); r.mapping = s.Text(3);
      r.started = s.Int(4); r.finished = s.Int(5); r.rows_read = s.Int(6); r.rows_loaded = s.Int(7);
      r.rows_rejected = s.Int(8); r.statements_new = s.Int(9); r.status = s.Text(10);
      out.push_back(std::move(r));
    }
    return out;
  }

  Result<std::vector<SearchHit>> Search(const std::string& query, size_t limit, const std::string& schema_filter) override {
    // Quote each word for FTS5 (so punctuation is literal) and prefix-match every word.
    std::vector<std::string> words;
    for (auto& w : Split(query, ' ')) {
      std::string t(Trim(w)), q;
      for (char c : t) {
        if (c == '"') q += "\"\"";
        else q.push_back(c);
      }
      if (!q.empty()) words.push_back("\"" + q + "\"*");
    }
    if (words.empty()) return Status::InvalidArgument("search query is empty; give at least one word of a name");
    std::string match = Join(words, " ");
    Stmt s;
    KASHF_RETURN_IF_ERROR(s.Prepare(db_,
        "SELECT e.id, e.schema, e.caption, d.name, min(n.rank) AS r FROM names n "
        "JOIN entities e ON e.ekey = n.ekey JOIN datasets d ON d.id = e.dataset_id "
        "WHERE names MATCH ?1 AND (?2 = '' OR e.schema = ?2) GROUP BY e.ekey ORDER BY r LIMIT ?3"));
    s.Bind(1, match);
    s.Bind(2, schema_filter);
    s.Bind(3, static_cast<int64_t>(limit));
    std::vector<SearchHit> out;
    int rc;
    while ((rc = s.Step()) == SQLITE_ROW) out.push_back({s.Text(0), s.Text(1), s.Text(2), s.Text(3), -s.Double(4)});
    if (rc != SQLITE_DONE) return sqlite::Error(db_, "searching names");
    return out;
  }

  Result<EntityRecord> GetEntity(const std::string& id) override {
    const int64_t ekey = static_cast<int64_t>(StableHash64(id));
    Stmt e;
    KASHF_RETURN_IF_ERROR(e.Prepare(db_,
        "SELECT e.id,e.schema,d.name,e.caption FROM entities e JOIN datasets d ON d.id=e.dataset_id WHERE e.ekey=?"));
    e.Bind(1, ekey);
    if (e.Step() != SQLITE_ROW || e.Text(0) != id)
      return Status::NotFound(fmt::format("no entity with id '{}'; find ids with `kashf search NAME`", id));
    EntityRecord rec{e.Text(0), e.Text(1), e.Text(2), e.Text(3), {}};
    Stmt s;
    KASHF_RETURN_IF_ERROR(s.Prepare(db_,
        "SELECT s.prop,s.value,d.name,s.record_id,s.first_seen FROM statements s JOIN datasets d ON d.id=s.dataset_id "
        "WHERE s.ekey=? ORDER BY s.prop, s.value"));
    s.Bind(1, ekey);
    while (s.Step() == SQLITE_ROW)
      rec.statements.push_back({rec.id, rec.schema, s.Text(0), s.Text(1), s.Text(2), s.Text(3), s.Int(4)});
    return rec;
  }

  Status ScanStatements(const StatementFilter& filter, const std::function<bool(const Statement&)>& fn) override {
    Stmt s;
    KASHF_RETURN_IF_ERROR(s.Prepare(db_,
        "SELECT e.id,e.schema,s.prop,s.value,d.name,s.record_id,s.first_seen FROM statements s "
        "JOIN entities e ON e.ekey=s.ekey JOIN datasets d ON d.id=s.dataset_id "
        "WHERE (?1='' OR e.schema=?1) AND (?2='' OR d.name=?2) ORDER BY s.ekey"));
    s.Bind(1, filter.schema);
    s.Bind(2, filter.dataset);
    int rc;
    Statement st;
    while ((rc = s.Step()) == SQLITE_ROW) {
      st.entity_id = s.Text(0); st.schema = s.Text(1); st.prop = s.Text(2); st.value = s.Text(3);
      st.dataset = s.Text(4); st.record_id = s.Text(5); st.first_seen = s.Int(6);
      if (!fn(st)) return Status::Ok();
    }
    if (rc != SQLITE_DONE) return sqlite::Error(db_, "scanning statements");
    return Status::Ok();
  }

  Result<StoreStats> Stats() override {
    StoreStats out;
    Stmt s;
    KASHF_RETURN_IF_ERROR(s.Prepare(db_,
        "SELECT e.schema, d.name, count(*) FROM entities e JOIN datasets d ON d.id=e.dataset_id "
        "GROUP BY e.schema, d.name ORDER BY e.schema, d.name"));
    while (s.Step() == SQLITE_ROW) {
      out.by_schema_and_dataset.push_back({s.Text(0), s.Text(1), s.Int(2)});
      out.entities += s.Int(2);
    }
    Stmt c;
    KASHF_RETURN_IF_ERROR(c.Prepare(db_, "SELECT count(*) FROM statements"));
    if (c.Step() == SQLITE_ROW) out.statements = c.Int(0);
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
    if (s.Step() == SQLITE_ROW) return s.Text(0);
    return entity_id;
  }

  Result<std::vector<std::string>> ClusterMembers(const std::string& cluster_id) override {
    Stmt s;
    KASHF_RETURN_IF_ERROR(s.Prepare(db_,
        "SELECT e.id FROM clusters c JOIN entities e ON e.ekey=c.ekey WHERE c.cluster_id=? ORDER BY e.id"));
    s.Bind(1, cluster_id);
    std::vector<std::string> out;
    while (s.Step() == SQLITE_ROW) out.push_back(s.Text(0));
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
    KASHF_RETURN_IF_ERROR(s.Prepare(db_,
        "INSERT OR REPLACE INTO judgements(left_id,right_id,is_match,user_name,at,note) VALUES(?,?,?,?,?,?)"));
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

  Result<std::vector<Judgement>> Judgements() override {
    Stmt s;
    KASHF_RETURN_IF_ERROR(s.Prepare(db_, "SELECT left_id,right_id,is_match,user_name,at,note FROM judgements ORDER BY at"));
    std::vector<Judgement> out;
    while (s.Step() == SQLITE_ROW) out.push_back({s.Text(0), s.Text(1), s.Int(2) != 0, s.Text(3), s.Int(4), s.Text(5)});
    return out;
  }

 private:
  sqlite3* db_;
  std::unordered_set<std::string> name_props_;
  std::unordered_map<std::string, std::vector<std::string>> captions_;
  std::unordered_map<std::string, int64_t> dataset_ids_;
  Stmt ins_entity_, ins_stmt_, ins_name_, ins_dataset_, sel_dataset_;
};

}  // namespace

Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path, const Model& model, const StoreOptions& options) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::exists(path, ec)) {
    if (!options.create_if_missing || options.read_only)
      return Status::NotFound(fmt::format("no Kashf store at '{}'; create one with `kashf init --db {}`", path, path));
    fs::path parent = fs::path(path).parent_path();
    if (!parent.empty() && !fs::exists(parent, ec))
      return Status::NotFound(fmt::format("folder '{}' does not exist; create it first", parent.string()));
  }
  sqlite3* db = nullptr;
  int flags = options.read_only ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  if (sqlite3_open_v2(path.c_str(), &db, flags | SQLITE_OPEN_NOMUTEX, nullptr) != SQLITE_OK) {
    Status st = sqlite::Error(db, fmt::format("opening store '{}'", path));
    sqlite3_close_v2(db);
    return st;
  }
  auto store = std::make_unique<SqliteStore>(db, model);
  KASHF_RETURN_IF_ERROR(store->Init(options.read_only).WithContext(fmt::format("store '{}'", path)));
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace kashf
