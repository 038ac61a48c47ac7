#include "kashf/resolve/store_resolution.h"

#include <algorithm>
#include <unordered_set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "kashf/core/text.h"
#include "kashf/model/model.h"
#include "kashf/model/values.h"
#include "kashf/resolve/exact_key_resolution.h"
#include "kashf/store/sqlite_db.h"

namespace kashf::resolve {
namespace {

sqlite3* Db(void* p) { return static_cast<sqlite3*>(p); }

const std::vector<std::pair<int, std::string>>& Migrations() {
  static const std::vector<std::pair<int, std::string>> kMigrations = {{1, R"sql(
CREATE TABLE resolve_runs (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at INTEGER NOT NULL,
  model TEXT NOT NULL,      -- FellegiSunterModel::ToJson()
  options TEXT NOT NULL,    -- threshold and blocking options in force
  report TEXT NOT NULL      -- counts and timings of the run
);
CREATE TABLE resolve_assignment (entity_id TEXT PRIMARY KEY, cluster_id TEXT NOT NULL) WITHOUT ROWID;
)sql"}};
  return kMigrations;
}

Status ScanInto(Store& store, const std::string& schema, std::vector<PersonRecord>* out) {
  return store.ScanStatements({schema, ""}, [&](const Statement& s) {
    if (out->empty() || out->back().id != s.entity_id) {
      out->emplace_back();
      out->back().id = s.entity_id;
      out->back().schema = schema;
      out->back().dataset = s.dataset;
    }
    out->back().Add(s.prop, s.value);
    return true;
  });
}

std::string OptionsJson(const ResolveOptions& o, const std::string& comparison_model) {
  return nlohmann::json{{"match_probability", o.match_probability}, {"bridge_probability", o.bridge_probability},
                        {"max_block_size", o.max_block_size},       {"window", o.window},
                        {"term_frequency", o.term_frequency},       {"comparison_model", comparison_model}}
      .dump();
}

std::string ReportJson(const ResolveReport& r) {
  nlohmann::json j{{"records", r.records},
                   {"new_records", r.new_records},
                   {"candidate_pairs", r.candidate_pairs},
                   {"matched_pairs", r.matched_pairs},
                   {"conflicts_kept_apart", r.conflicts_kept_apart},
                   {"clusters", r.clusters},
                   {"trained", r.trained},
                   {"em_iterations", r.em_iterations}};
  return j.dump();
}

}  // namespace

Result<std::vector<PersonRecord>> LoadResolvableRecords(Store& store, const ComparisonModel& model) {
  std::vector<PersonRecord> out;
  for (const auto& schema : model.schemas()) KASHF_RETURN_IF_ERROR(ScanInto(store, schema.schema, &out));
  // Records without anything to compare are left out (they stay their own entity).
  out.erase(std::remove_if(out.begin(), out.end(),
                           [&](const PersonRecord& r) {
                             const SchemaModel* s = model.Find(r.schema);
                             for (const auto& f : s->fields)
                               for (const auto& p : f.properties)
                                 if (!r.Values(p).empty()) return false;
                             return !(s->schema == "Person" &&
                                      (!r.Values("firstName").empty() || !r.Values("lastName").empty()));
                           }),
            out.end());
  std::sort(out.begin(), out.end(), [](const PersonRecord& a, const PersonRecord& b) { return a.id < b.id; });
  return out;
}

Result<ComparisonModel> LoadComparisonModel(const std::string& path) {
  KASHF_ASSIGN_OR_RETURN(Model data_model, Model::LoadDefault());
  if (path.empty()) return ComparisonModel::LoadDefault(&data_model);
  return ComparisonModel::LoadFile(path, &data_model);
}

Result<std::unique_ptr<ResolutionState>> ResolutionState::Open(const std::string& db_path) {
  if (!StoreWritable(db_path)) {  // reading a shared store (explain, evaluate): no migration, no write
    KASHF_ASSIGN_OR_RETURN(sqlite3 * db, sqlite::OpenDatabaseReadOnly(db_path, "entity resolution"));
    auto state = std::unique_ptr<ResolutionState>(new ResolutionState(db));
    sqlite::Stmt s;
    const bool resolved = s.Prepare(db, "SELECT 1 FROM resolve_runs LIMIT 1").ok() && s.Step() == SQLITE_ROW;
    if (!resolved)
      return Status::FailedPrecondition(fmt::format(
          "store '{}' has not been resolved yet and is read-only here; its owner runs `kashf --db {} resolve`", db_path,
          db_path));
    return state;
  }
  KASHF_ASSIGN_OR_RETURN(sqlite3 * db, sqlite::OpenDatabase(db_path, "entity resolution"));
  Status st = sqlite::MigrateComponent(db, "resolve", Migrations());
  if (!st.ok()) {
    sqlite3_close_v2(db);
    return st;
  }
  return std::unique_ptr<ResolutionState>(new ResolutionState(db));
}

ResolutionState::~ResolutionState() { sqlite3_close_v2(Db(db_)); }

Result<std::optional<StoredRun>> ResolutionState::LatestRun() {
  sqlite::Stmt s;
  KASHF_RETURN_IF_ERROR(s.Prepare(Db(db_), "SELECT at, model, options FROM resolve_runs ORDER BY id DESC LIMIT 1"));
  KASHF_ASSIGN_OR_RETURN(bool any, s.Next("reading the last resolution run"));
  if (!any) return std::optional<StoredRun>();
  StoredRun run;
  run.at = s.Int(0);
  run.model_json = s.Text(1);
  auto o = nlohmann::json::parse(s.Text(2), nullptr, false);
  if (o.is_object()) {
    run.comparison_model = o.value("comparison_model", std::string());
    run.options.window = o.value("window", run.options.window);
    run.options.match_probability = o.value("match_probability", run.options.match_probability);
    run.options.bridge_probability = o.value("bridge_probability", run.options.bridge_probability);
    run.options.max_block_size = o.value("max_block_size", run.options.max_block_size);
    run.options.term_frequency = o.value("term_frequency", run.options.term_frequency);
  }
  return std::optional<StoredRun>(std::move(run));
}

Status ResolutionState::SaveRun(const StoredRun& run, const ResolveReport& report) {
  sqlite::Stmt s;
  KASHF_RETURN_IF_ERROR(s.Prepare(Db(db_), "INSERT INTO resolve_runs(at, model, options, report) VALUES(?,?,?,?)"));
  s.Bind(1, run.at);
  s.Bind(2, run.model_json);
  s.Bind(3, OptionsJson(run.options, run.comparison_model));
  s.Bind(4, ReportJson(report));
  if (s.Step() != SQLITE_DONE) return sqlite::Error(Db(db_), "saving the resolution run");
  return Status::Ok();
}

Result<Assignment> ResolutionState::LoadAssignment() {
  sqlite::Stmt s;
  KASHF_RETURN_IF_ERROR(s.Prepare(Db(db_), "SELECT entity_id, cluster_id FROM resolve_assignment"));
  Assignment out;
  int rc;
  while ((rc = s.Step()) == SQLITE_ROW) out.emplace(s.Text(0), s.Text(1));
  if (rc != SQLITE_DONE) return sqlite::Error(Db(db_), "reading the resolution assignment");
  return out;
}

Status ResolutionState::SaveAssignment(const std::vector<std::string>& ids, const std::vector<std::string>& clusters) {
  KASHF_RETURN_IF_ERROR(sqlite::Exec(Db(db_), "BEGIN IMMEDIATE"));
  Status st = sqlite::Exec(Db(db_), "DELETE FROM resolve_assignment");
  sqlite::Stmt s;
  if (st.ok()) st = s.Prepare(Db(db_), "INSERT INTO resolve_assignment(entity_id, cluster_id) VALUES(?,?)");
  for (size_t i = 0; st.ok() && i < ids.size(); ++i) {
    s.Reset();
    s.BindStatic(1, ids[i]);
    s.BindStatic(2, clusters[i]);
    if (s.Step() != SQLITE_DONE) st = sqlite::Error(Db(db_), "saving the resolution assignment");
  }
  if (!st.ok()) {
    (void)sqlite::Exec(Db(db_), "ROLLBACK");
    return st;
  }
  return sqlite::Exec(Db(db_), "COMMIT");
}

Result<StoreResolveResult> ResolveStore(Store& store, const std::string& db_path, const NameNormaliser& normaliser,
                                        const StoreResolveOptions& options) {
  KASHF_ASSIGN_OR_RETURN(auto state, ResolutionState::Open(db_path));
  KASHF_ASSIGN_OR_RETURN(auto stored, state->LatestRun());
  KASHF_ASSIGN_OR_RETURN(Assignment previous, state->LoadAssignment());
  KASHF_ASSIGN_OR_RETURN(ComparisonModel spec, LoadComparisonModel(options.model_path));
  KASHF_ASSIGN_OR_RETURN(std::vector<PersonRecord> records, LoadResolvableRecords(store, spec));
  // The stored model is used only when it was trained with the same resolution model file.
  std::optional<ModelSet> stored_models;
  bool spec_changed = false;
  if (stored) {
    spec_changed = stored->comparison_model != spec.source();
    if (!spec_changed) {
      auto m = ModelSet::FromJson(stored->model_json, spec);
      if (m.ok()) stored_models = std::move(m).value();
      else spec_changed = true;  // an older store: train again
    }
  }
  KASHF_ASSIGN_OR_RETURN(std::vector<Judgement> judgements, store.Judgements());

  ResolveOptions ro = options.resolve;
  if (stored && !options.threshold_given) {
    ro.match_probability = stored->options.match_probability;
    ro.bridge_probability = stored->options.bridge_probability;
  }
  const bool retrain = options.retrain || !stored_models;
  // Incremental when a model exists, nothing asks for a full run, and every earlier record is
  // still present (old records first, new ones after).
  std::vector<PersonRecord> ordered = std::move(records);
  const auto first_new = std::stable_partition(ordered.begin(), ordered.end(),
                                               [&](const PersonRecord& r) { return previous.count(r.id) > 0; });
  const auto old_count = static_cast<size_t>(first_new - ordered.begin());
  const bool incremental = !retrain && !options.full && old_count > 0;

  Resolver resolver(normaliser, spec, ro);
  if (!retrain) resolver.SetModel(*stored_models);
  resolver.Add(ordered);
  StoreResolveResult out;
  Resolution res;
  if (incremental) {
    KASHF_ASSIGN_OR_RETURN(res, resolver.LinkNew(old_count, previous, judgements));
    out.incremental = true;
  } else {
    res = resolver.ResolveAll(previous, judgements);
  }
  std::vector<std::string> ids(ordered.size());
  std::vector<std::pair<std::string, std::string>> publish;
  for (size_t i = 0; i < ordered.size(); ++i) {
    ids[i] = ordered[i].id;
    auto it = previous.find(ids[i]);
    if (it == previous.end() || it->second != res.cluster_of[i]) ++out.changed_entities;
    publish.emplace_back(ids[i], res.cluster_of[i]);
  }
  // Schemas the model does not declare (firearms by default): exact normalised key.
  KASHF_ASSIGN_OR_RETURN(auto keyed, LoadKeyedEntities(store, &spec));
  const std::vector<std::string> keyed_clusters = ClusterByExactKey(keyed, previous);
  for (size_t i = 0; i < keyed.size(); ++i) {
    auto it = previous.find(keyed[i].id);
    if (it == previous.end() || it->second != keyed_clusters[i]) ++out.changed_entities;
    ids.push_back(keyed[i].id);
    res.cluster_of.push_back(keyed_clusters[i]);
    publish.emplace_back(keyed[i].id, keyed_clusters[i]);
  }
  out.keyed_entities = keyed.size();
  KASHF_RETURN_IF_ERROR(state->SaveAssignment(ids, res.cluster_of));
  KASHF_RETURN_IF_ERROR(store.Begin());
  Status st = store.PutClusters(publish);
  if (!st.ok()) {
    (void)store.Rollback();
    return st;
  }
  KASHF_RETURN_IF_ERROR(store.Commit());
  StoredRun run{resolver.models().ToJson(), spec.source(), ro, NowUnixSeconds()};
  KASHF_RETURN_IF_ERROR(state->SaveRun(run, res.report));
  out.report = std::move(res.report);
  out.model_changed = spec_changed;
  return out;
}

Result<std::unique_ptr<Resolver>> ResolverForStore(Store& store, const std::string& db_path,
                                                   const NameNormaliser& normaliser) {
  KASHF_ASSIGN_OR_RETURN(auto state, ResolutionState::Open(db_path));
  KASHF_ASSIGN_OR_RETURN(auto stored, state->LatestRun());
  if (!stored) return Status::FailedPrecondition("this store has not been resolved yet; run `kashf resolve` first");
  KASHF_ASSIGN_OR_RETURN(Model data_model, Model::LoadDefault());
  Result<ComparisonModel> parsed =
      stored->comparison_model.empty()
          ? ComparisonModel::LoadDefault(&data_model)
          : ComparisonModel::Parse(stored->comparison_model, "stored with the last run", &data_model);
  KASHF_ASSIGN_OR_RETURN(ComparisonModel spec, std::move(parsed));
  KASHF_ASSIGN_OR_RETURN(ModelSet models, ModelSet::FromJson(stored->model_json, spec));
  KASHF_ASSIGN_OR_RETURN(std::vector<PersonRecord> records, LoadResolvableRecords(store, spec));
  auto resolver = std::make_unique<Resolver>(normaliser, std::move(spec), stored->options);
  resolver->SetModel(std::move(models));
  resolver->Add(records);
  return resolver;
}

}  // namespace kashf::resolve
