// Store counts, search, entities with provenance, resolution explanations and judgements.
#include <algorithm>
#include <iterator>
#include <unordered_set>

#include <fmt/format.h>

#include "body_reader.h"
#include "json_views.h"
#include "kashf/core/text.h"
#include "kashf/ingest/text_links.h"
#include "kashf/resolve/store_resolution.h"
#include "kashf/store/recorded_victims.h"
#include "server_state.h"

namespace kashf::server {
namespace {

using auth::Permission;

Status CheckEntityId(const std::string& what, const std::string& id) {
  if (id.empty() || id.size() > 256 || !IsValidUtf8(id))
    return Status::InvalidArgument(
        fmt::format("'{}' must be an entity id of 1-256 bytes (ids come from /api/v1/search)", what));
  return Status::Ok();
}

Result<Reply> GetStoreStats(Call& c) {
  KASHF_ASSIGN_OR_RETURN(Store * store, c.db.store());
  KASHF_ASSIGN_OR_RETURN(kashf::StoreStats st, store->Stats());
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& r : st.by_schema_and_dataset)
    rows.push_back({{"schema", r.schema}, {"dataset", r.dataset}, {"entities", r.entities}});
  KASHF_RETURN_IF_ERROR(c.Audit("store.stats", "", ""));
  return JsonReply({{"entities", st.entities}, {"statements", st.statements}, {"by_schema_and_dataset", rows}});
}

// The recorded victims of the store (cached until its content changes).
Result<std::shared_ptr<const std::unordered_set<std::string>>> RecordedVictims(Call& c) {
  VictimCache& cache = c.state.victims;
  MutexLock lock(cache.mu);
  std::string stamp = cache.stamp.Read(c.state.config.db_path, c.state.model);
  if (cache.ids && cache.built_stamp == stamp) return cache.ids;
  KASHF_ASSIGN_OR_RETURN(Store * store, c.db.store());
  KASHF_ASSIGN_OR_RETURN(auto ids, kashf::RecordedVictims(*store, true));
  cache.ids = std::make_shared<const std::unordered_set<std::string>>(std::move(ids));
  cache.built_stamp = std::move(stamp);
  return cache.ids;
}

// PermissionDenied for a record of a person recorded as a victim (no name, no id in the message).
Status RefuseVictimRecord() {
  return Status::PermissionDenied(
      "this record is of a person recorded as a victim: identities are withheld from the intelligence store and "
      "reached only through the survivor's NRM case, by case workers with need-to-know");
}

Result<Reply> Search(Call& c) {
  std::string q = c.Query("q");
  if (Trim(q).empty()) return Status::InvalidArgument("query parameter 'q' (the words to search for) is required");
  if (q.size() > 200 || !IsValidUtf8(q))
    return Status::InvalidArgument("query parameter 'q' must be UTF-8 text of at most 200 bytes");
  std::string schema = c.Query("schema");
  if (!schema.empty() && !c.state.model.Find(schema)) return c.state.model.UnknownSchema(schema.substr(0, 64));
  KASHF_ASSIGN_OR_RETURN(Page page, c.Paging(20));
  if (page.offset + page.limit > 1000)
    return Status::InvalidArgument("search pages end at result 1000; narrow the query or filter by schema");
  KASHF_ASSIGN_OR_RETURN(Store * store, c.db.store());
  KASHF_ASSIGN_OR_RETURN(auto victims, RecordedVictims(c));
  // Recorded victims are left out; ask for as many more hits as were withheld (bounded).
  const size_t wanted = static_cast<size_t>(page.offset + page.limit + 1);
  std::vector<SearchHit> hits;
  size_t withheld = 0;
  for (size_t ask = wanted; ask <= 4 * wanted + 64; ask *= 2) {
    KASHF_ASSIGN_OR_RETURN(auto found, store->Search(q, ask, schema));
    hits.clear();
    withheld = 0;
    for (auto& h : found) {
      if (victims->count(h.entity_id)) ++withheld;
      else hits.push_back(std::move(h));
    }
    if (hits.size() >= wanted || found.size() < ask) break;
  }
  if (hits.size() > wanted) hits.resize(wanted);
  nlohmann::json items = nlohmann::json::array();
  for (const auto& h : hits)
    items.push_back({{"id", h.entity_id},
                     {"schema", h.schema},
                     {"caption", h.caption},
                     {"dataset", h.dataset},
                     {"score", h.score},
                     {"matched", h.matched}});
  // The search text is not audited (it may be a name); its length and the hit count are.
  KASHF_RETURN_IF_ERROR(c.Audit("entity.search", "",
                                fmt::format("schema={} query_chars={} hits={} withheld_victims={}",
                                            schema.empty() ? "*" : schema, q.size(), hits.size(), withheld)));
  nlohmann::json out = PageOf(items, page);
  out["total"] = nullptr;  // unknown: the search stops after the requested page
  out["withheld_victims"] = withheld;
  return JsonReply(out);
}

// The judgements naming any of `ids`, as JSON.
Result<nlohmann::json> JudgementsJson(Store& store, const std::unordered_set<std::string>& ids) {
  KASHF_ASSIGN_OR_RETURN(auto judgements, store.Judgements());
  nlohmann::json js = nlohmann::json::array();
  for (const auto& j : judgements)
    if (ids.count(j.left) || ids.count(j.right))
      js.push_back({{"left", j.left},
                    {"right", j.right},
                    {"decision", j.match ? "match" : "no-match"},
                    {"user", j.user},
                    {"at", TimeJson(j.at)},
                    {"note", j.note}});
  return js;
}

// GET /entities/{id}: a record (entity id) or a resolved entity (cluster id, as the network and money
// trail name their nodes). A record answers with its own values and its cluster's members; a cluster
// answers with the values of all its members, each with its source record, and the first member's
// schema, dataset and caption. Refused when the record, or any member of the cluster, is a recorded victim.
Result<Reply> GetEntity(Call& c) {
  const std::string& id = c.Param("id");
  KASHF_RETURN_IF_ERROR(CheckEntityId("id", id));
  KASHF_ASSIGN_OR_RETURN(auto victims, RecordedVictims(c));
  if (victims->count(id)) {
    (void)c.Audit("access.denied", id, "recorded victim");
    return RefuseVictimRecord();
  }
  KASHF_ASSIGN_OR_RETURN(Store * store, c.db.store());
  auto e = store->GetEntity(id);
  std::string cluster = id;
  std::vector<std::string> members;
  std::vector<std::pair<std::string, std::string>> texts_of;  // (record, dataset) whose Mentions to read
  if (e.ok()) {
    texts_of.emplace_back(id, e->dataset);
    KASHF_ASSIGN_OR_RETURN(cluster, store->ClusterOf(id));
    if (cluster != id) {
      KASHF_ASSIGN_OR_RETURN(members, store->ClusterMembers(cluster));
    }
  } else {
    if (e.status().code() != StatusCode::kNotFound) return e.status();
    KASHF_ASSIGN_OR_RETURN(members, store->ClusterMembers(id));
    if (members.empty())
      return Status::NotFound("no entity with this id; ids come from /api/v1/search, the network or the money trail");
    if (std::any_of(members.begin(), members.end(), [&](const std::string& m) { return victims->count(m) > 0; })) {
      (void)c.Audit("access.denied", id, "cluster of a recorded victim");
      return RefuseVictimRecord();
    }
    e = store->GetEntity(members.front());
    if (!e.ok()) return e.status();
    texts_of.emplace_back(members.front(), e->dataset);
    e->id = id;
    for (size_t i = 1; i < members.size(); ++i) {
      KASHF_ASSIGN_OR_RETURN(EntityRecord m, store->GetEntity(members[i]));
      texts_of.emplace_back(members[i], m.dataset);
      e->statements.insert(e->statements.end(), std::make_move_iterator(m.statements.begin()),
                           std::make_move_iterator(m.statements.end()));
    }
  }
  std::erase_if(members, [&](const std::string& m) { return victims->count(m) > 0; });
  std::unordered_set<std::string> named(members.begin(), members.end());
  named.insert(id);
  KASHF_ASSIGN_OR_RETURN(nlohmann::json js, JudgementsJson(*store, named));
  nlohmann::json st = nlohmann::json::array();
  for (const auto& s : e->statements) st.push_back(StatementJson(s));
  KASHF_RETURN_IF_ERROR(
      c.Audit("entity.read", id,
              fmt::format("statements={} records={}", e->statements.size(), std::max<size_t>(1, members.size()))));
  nlohmann::json out = {{"id", e->id},           {"schema", e->schema}, {"caption", e->caption},
                        {"dataset", e->dataset}, {"cluster", cluster},  {"cluster_members", members},
                        {"judgements", js},      {"statements", st}};
  // Text values with the selectors found in them (byte spans), and the texts that name this entity.
  std::vector<TextMention> mentions;
  std::unordered_set<std::string> seen;
  std::vector<std::string> ids = {id};
  for (const auto& [record, dataset] : texts_of) {
    ids.push_back(record);
    KASHF_ASSIGN_OR_RETURN(auto found, MentionsOf(*store, record, dataset));
    for (auto& m : found)
      if (seen.insert(m.id).second) mentions.push_back(std::move(m));
  }
  AddTextMentionsJson(out, e->statements, ids, mentions);
  return JsonReply(std::move(out));
}

// The resolver with the stored model (built once, then reused); FailedPrecondition before `kashf resolve`.
Result<resolve::Resolver*> CachedResolver(Call& c, Store& store) REQUIRES(c.state.resolver.mu) {
  auto& resolver = c.state.resolver.resolver;  // named in full above, so the analysis sees the mutex held
  if (!resolver) {
    KASHF_ASSIGN_OR_RETURN(resolver, resolve::ResolverForStore(store, c.state.config.db_path, *c.state.normaliser));
  }
  return resolver.get();
}

Result<Reply> Explain(Call& c) {
  std::string left = c.Query("left"), right = c.Query("right");
  KASHF_RETURN_IF_ERROR(CheckEntityId("left", left));
  KASHF_RETURN_IF_ERROR(CheckEntityId("right", right));
  if (left == right) return Status::InvalidArgument("'left' and 'right' are the same id; name two different records");
  KASHF_ASSIGN_OR_RETURN(auto victims, RecordedVictims(c));
  if (victims->count(left) || victims->count(right)) {
    (void)c.Audit("access.denied", left + "|" + right, "recorded victim");
    return RefuseVictimRecord();
  }
  KASHF_ASSIGN_OR_RETURN(Store * store, c.db.store());
  resolve::Explanation e;
  {
    MutexLock lock(c.state.resolver.mu);
    KASHF_ASSIGN_OR_RETURN(resolve::Resolver * resolver, CachedResolver(c, *store));
    auto l = resolver->IndexOf(left), r = resolver->IndexOf(right);
    if (!l || !r)
      return Status::NotFound(fmt::format("'{}' is not a Person, Phone or Wallet record known to the last resolution",
                                          !l ? "left" : "right"));
    e = resolver->Explain(*l, *r);
  }
  KASHF_ASSIGN_OR_RETURN(auto judgements, store->Judgements());
  for (const auto& j : judgements)
    if ((j.left == left && j.right == right) || (j.left == right && j.right == left)) e.judged = j.match;
  KASHF_ASSIGN_OR_RETURN(std::string cl, store->ClusterOf(left));
  KASHF_ASSIGN_OR_RETURN(std::string cr, store->ClusterOf(right));
  e.same_cluster = cl == cr;
  nlohmann::json out = nlohmann::json::parse(resolve::ExplanationJson(e));
  out["match"] = e.Match();
  out["left_cluster"] = cl;
  out["right_cluster"] = cr;
  KASHF_RETURN_IF_ERROR(c.Audit("resolution.explain", left + "|" + right, fmt::format("match={}", e.Match())));
  return JsonReply(out);
}

Result<Reply> ListJudgements(Call& c) {
  KASHF_ASSIGN_OR_RETURN(Page page, c.Paging(100));
  std::string entity = c.Query("entity");
  KASHF_ASSIGN_OR_RETURN(Store * store, c.db.store());
  KASHF_ASSIGN_OR_RETURN(auto judgements, store->Judgements());
  nlohmann::json items = nlohmann::json::array();
  for (const auto& j : judgements)
    if (entity.empty() || j.left == entity || j.right == entity)
      items.push_back({{"left", j.left},
                       {"right", j.right},
                       {"decision", j.match ? "match" : "no-match"},
                       {"user", j.user},
                       {"at", TimeJson(j.at)},
                       {"note", j.note}});
  KASHF_RETURN_IF_ERROR(c.Audit("resolution.judgements.list", entity, fmt::format("count={}", items.size())));
  return JsonReply(PageOf(items, page));
}

Result<Reply> Judge(Call& c) {
  BodyReader b(c.body);
  b.OnlyFields({"left", "right", "decision", "note", "apply"});
  std::string left = b.String("left", true, 256), right = b.String("right", true, 256);
  std::string decision = b.String("decision", true, 16);
  std::string note = b.String("note", false, 2000);
  bool apply = b.Bool("apply", true);
  KASHF_RETURN_IF_ERROR(b.status());
  if (decision != "match" && decision != "no-match")
    return Status::InvalidArgument("field 'decision' must be 'match' or 'no-match'");
  if (left == right) return Status::InvalidArgument("'left' and 'right' are the same id; name two different records");
  KASHF_ASSIGN_OR_RETURN(Store * store, c.db.store());
  for (const auto& [what, id] : {std::pair{"left", left}, std::pair{"right", right}}) {
    auto e = store->GetEntity(id);
    if (!e.ok()) return Status::NotFound(fmt::format("no entity '{}' ({}); ids come from /api/v1/search", id, what));
  }
  Judgement j;
  j.left = std::min(left, right);
  j.right = std::max(left, right);
  j.match = decision == "match";
  j.user = c.user->username;
  j.at = NowUnixSeconds();
  j.note = note;
  bool applied = false;
  {
    MutexLock write_lock(c.state.resolve_write_mu);
    KASHF_RETURN_IF_ERROR(store->Begin());
    if (Status st = store->PutJudgement(j); !st.ok()) {
      (void)store->Rollback();
      return st;
    }
    KASHF_RETURN_IF_ERROR(store->Commit());
    if (apply) {
      KASHF_ASSIGN_OR_RETURN(auto state, resolve::ResolutionState::Open(c.state.config.db_path));
      KASHF_ASSIGN_OR_RETURN(auto run, state->LatestRun());
      if (run) {  // re-cluster with the stored model so the decision takes effect now
        resolve::StoreResolveOptions options;
        options.full = true;
        KASHF_ASSIGN_OR_RETURN(auto result,
                               resolve::ResolveStore(*store, c.state.config.db_path, *c.state.normaliser, options));
        (void)result;
        applied = true;
        MutexLock lock(c.state.resolver.mu);
        c.state.resolver.resolver.reset();
        c.state.network.generation.fetch_add(1);  // clusters changed: rebuild the network on next use
      }
    }
  }
  KASHF_ASSIGN_OR_RETURN(std::string cl, store->ClusterOf(left));
  KASHF_ASSIGN_OR_RETURN(std::string cr, store->ClusterOf(right));
  KASHF_RETURN_IF_ERROR(
      c.Audit("resolution.judge", j.left + "|" + j.right, fmt::format("decision={} applied={}", decision, applied)));
  return JsonReply({{"judgement",
                     {{"left", j.left},
                      {"right", j.right},
                      {"decision", decision},
                      {"user", j.user},
                      {"at", TimeJson(j.at)},
                      {"note", j.note}}},
                    {"applied", applied},
                    {"left_cluster", cl},
                    {"right_cluster", cr},
                    {"same_entity", cl == cr}},
                   201);
}

}  // namespace

void AddEntityRoutes(Router& r) {
  r.Add({"GET", "/api/v1/stats", Permission::kReadStoreStats, false, GetStoreStats,
         "entity and statement counts by schema and dataset"});
  r.Add({"GET", "/api/v1/search", Permission::kSearchEntities, false, Search,
         "full-text name search (q, schema, limit, offset)"});
  r.Add({"GET", "/api/v1/entities/{id}", Permission::kReadEntities, false, GetEntity,
         "one entity: statements with provenance, resolved cluster, judgements"});
  r.Add({"GET", "/api/v1/resolution/explain", Permission::kExplainResolution, false, Explain,
         "waterfall of match weights for two records (left, right)"});
  r.Add({"GET", "/api/v1/resolution/judgements", Permission::kExplainResolution, false, ListJudgements,
         "analyst judgements"});
  r.Add({"POST", "/api/v1/resolution/judgements", Permission::kJudgeResolution, true, Judge,
         "record match / no-match for two records and re-cluster"});
}

}  // namespace kashf::server
