// Firearms register: partial-serial search, record with chain of custody, registration and
// lifecycle events, tracing requests and answers, IAFQ seizure and campaign statistics.
#include <charconv>

#include <fmt/format.h>

#include "body_reader.h"
#include "json_views.h"
#include "kashf/core/text.h"
#include "kashf/firearms/campaign_statistics.h"
#include "kashf/firearms/seizure_statistics.h"
#include "server_state.h"

namespace kashf::server {
namespace {

using auth::Permission;

Result<int64_t> FirearmId(const std::string& text) {
  int64_t id = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (text.empty() || ec != std::errc() || p != text.data() + text.size() || id <= 0)
    return Status::InvalidArgument("a firearm id is a positive whole number (see /api/v1/firearms/search)");
  return id;
}

// The current serial index (rebuilt when the register gained firearms since it was built).
Result<std::shared_ptr<const SerialIndexCache::Snapshot>> SerialIndex(Call& c, firearms::FirearmRegistry& reg) {
  auto& cache = c.state.serials;
  MutexLock lock(cache.mu);
  uint64_t gen = cache.generation.load();
  if (cache.snapshot && cache.built_generation == gen) return cache.snapshot;
  auto snap = std::make_shared<SerialIndexCache::Snapshot>(reg.reference().ConfusableFold());
  KASHF_RETURN_IF_ERROR(reg.ForEachFirearm([&](const firearms::Firearm& f) {
    if (f.serial.find('?') == std::string::npos)
      snap->index.Add({f.id, f.serial, f.make, f.calibre});  // readable serials only
    return true;
  }));
  snap->index.Build();
  cache.snapshot = snap;
  cache.built_generation = gen;
  return cache.snapshot;
}

Result<Reply> SearchFirearms(Call& c) {
  firearms::SerialQuery q;
  q.pattern = c.Query("serial");
  if (Trim(q.pattern).empty())
    return Status::InvalidArgument(
        "query parameter 'serial' is required: the serial as read, '?' for one unreadable character, "
        "'*' for any run");
  if (q.pattern.size() > 64) return Status::InvalidArgument("query parameter 'serial' is at most 64 characters");
  q.make = c.Query("make");
  q.calibre = c.Query("calibre");
  if (q.make.size() > 100 || q.calibre.size() > 50) return Status::InvalidArgument("'make' or 'calibre' is too long");
  KASHF_ASSIGN_OR_RETURN(bool soft, c.QueryBool("soft", false));
  q.restrict_to_make_calibre = !soft;
  KASHF_ASSIGN_OR_RETURN(int64_t limit, c.QueryInt("limit", 20, 1, std::min<int64_t>(200, c.state.config.max_page)));
  q.limit = static_cast<size_t>(limit);
  KASHF_ASSIGN_OR_RETURN(firearms::FirearmRegistry * reg, c.db.firearms());
  KASHF_ASSIGN_OR_RETURN(auto snap, SerialIndex(c, *reg));
  firearms::SerialSearchStats stats;
  KASHF_ASSIGN_OR_RETURN(auto hits, snap->index.Search(q, &stats));
  nlohmann::json items = nlohmann::json::array();
  for (const auto& h : hits) {
    KASHF_ASSIGN_OR_RETURN(firearms::Firearm f, reg->GetFirearm(h.id));
    items.push_back({{"firearm", FirearmJson(f)},
                     {"score", h.score},
                     {"exact_chars", h.exact_chars},
                     {"confusable_chars", h.confusable_chars},
                     {"make_agrees", h.make_agrees},
                     {"calibre_agrees", h.calibre_agrees}});
  }
  KASHF_RETURN_IF_ERROR(c.Audit("firearm.search", "", fmt::format("pattern={} hits={}", q.pattern, hits.size())));
  return JsonReply({{"items", items},
                    {"limit", limit},
                    {"used_index", stats.used_index},
                    {"candidates_verified", stats.candidates_verified}});
}

Result<Reply> GetFirearm(Call& c) {
  KASHF_ASSIGN_OR_RETURN(int64_t id, FirearmId(c.Param("id")));
  KASHF_ASSIGN_OR_RETURN(firearms::FirearmRegistry * reg, c.db.firearms());
  KASHF_ASSIGN_OR_RETURN(firearms::Firearm f, reg->GetFirearm(id));
  KASHF_ASSIGN_OR_RETURN(auto events, reg->Events(id));
  KASHF_ASSIGN_OR_RETURN(auto requests, reg->TraceRequests(id));
  firearms::ChainOfCustody chain = firearms::ComputeChainOfCustody(events, reg->rules());
  nlohmann::json ev = nlohmann::json::array(), tr = nlohmann::json::array();
  for (const auto& e : events) ev.push_back(EventJson(e));
  for (const auto& r : requests) {
    nlohmann::json j = TraceRequestJson(r);
    j["answers"] = nlohmann::json::array();
    KASHF_ASSIGN_OR_RETURN(auto answers, reg->TraceAnswers(r.id));
    for (const auto& a : answers) j["answers"].push_back(TraceAnswerJson(a));
    tr.push_back(j);
  }
  KASHF_RETURN_IF_ERROR(c.Audit("firearm.read", fmt::format("firearm-{}", id), ""));
  return JsonReply({{"firearm", FirearmJson(f)},
                    {"markings", firearms::DescribeMarkings(f)},
                    {"events", ev},
                    {"custody", CustodyJson(chain)},
                    {"allowed_events", reg->rules().AllowedFrom(f.state)},
                    {"trace_requests", tr}});
}

Result<Reply> AddFirearm(Call& c) {
  BodyReader b(c.body);
  b.OnlyFields({"serial", "make", "model", "type", "calibre", "country_of_manufacture", "place_of_manufacture",
                "import_country", "import_year", "state_stock_mark", "licence_number"});
  firearms::Firearm f;
  f.serial = b.String("serial", true, 64);
  f.make = b.String("make", false, 100);
  f.model = b.String("model", false, 100);
  f.type = b.String("type", true, 50);
  f.calibre = b.String("calibre", false, 50);
  f.country_of_manufacture = b.String("country_of_manufacture", false, 3);
  f.place_of_manufacture = b.String("place_of_manufacture", false, 100);
  f.import_country = b.String("import_country", false, 3);
  f.import_year = static_cast<int>(b.Int("import_year", 0, 0, 2200));
  f.state_stock_mark = b.String("state_stock_mark", false, 100);
  f.licence_number = b.String("licence_number", false, 100);
  KASHF_RETURN_IF_ERROR(b.status());
  KASHF_ASSIGN_OR_RETURN(firearms::FirearmRegistry * reg, c.db.firearms());
  KASHF_ASSIGN_OR_RETURN(int64_t id, reg->AddFirearm(f));
  c.state.serials.generation.fetch_add(1);
  KASHF_ASSIGN_OR_RETURN(firearms::Firearm stored, reg->GetFirearm(id));
  KASHF_RETURN_IF_ERROR(c.Audit("firearm.add", fmt::format("firearm-{}", id), fmt::format("type={}", stored.type)));
  return JsonReply({{"firearm", FirearmJson(stored)}}, 201);
}

Result<Reply> RecordEvent(Call& c) {
  KASHF_ASSIGN_OR_RETURN(int64_t id, FirearmId(c.Param("id")));
  BodyReader b(c.body);
  b.OnlyFields({"kind", "date", "place", "district", "agency", "document", "holder", "licence_number", "licence_expiry",
                "export_country", "import_country", "transit_country", "final_recipient", "seizure_context", "campaign",
                "note"});
  firearms::LifecycleEvent e;
  e.firearm_id = id;
  e.kind = b.String("kind", true, 50);
  e.date = b.String("date", true, 10);
  e.place = b.String("place", false, 200);
  e.district = b.String("district", false, 100);
  e.agency = b.String("agency", false, 100);
  e.document = b.String("document", false, 100);
  e.holder = b.String("holder", false, 200);
  e.licence_number = b.String("licence_number", false, 100);
  e.licence_expiry = b.String("licence_expiry", false, 10);
  e.export_country = b.String("export_country", false, 3);
  e.import_country = b.String("import_country", false, 3);
  e.transit_country = b.String("transit_country", false, 3);
  e.final_recipient = b.String("final_recipient", false, 200);
  e.seizure_context = b.String("seizure_context", false, 100);
  e.campaign = b.String("campaign", false, 100);
  e.note = b.String("note", false, 2000);
  KASHF_RETURN_IF_ERROR(b.status());
  if (e.agency.empty()) e.agency = c.user->agency;
  KASHF_ASSIGN_OR_RETURN(firearms::FirearmRegistry * reg, c.db.firearms());
  KASHF_RETURN_IF_ERROR(reg->GetFirearm(id).status());
  auto event_id = reg->RecordEvent(e);
  if (!event_id.ok()) {
    KASHF_RETURN_IF_ERROR(c.Audit("firearm.event.refused", fmt::format("firearm-{}", id), "kind=" + e.kind));
    return event_id.status();
  }
  KASHF_ASSIGN_OR_RETURN(firearms::Firearm f, reg->GetFirearm(id));
  KASHF_RETURN_IF_ERROR(
      c.Audit("firearm.event", fmt::format("firearm-{}", id), fmt::format("kind={} event={}", e.kind, *event_id)));
  return JsonReply({{"event_id", *event_id}, {"firearm", FirearmJson(f)}}, 201);
}

Result<Reply> ListTraces(Call& c) {
  KASHF_ASSIGN_OR_RETURN(Page page, c.Paging(50));
  std::optional<int64_t> firearm;
  if (c.HasQuery("firearm_id")) {
    KASHF_ASSIGN_OR_RETURN(firearm, FirearmId(c.Query("firearm_id")));
  }
  std::string status = c.Query("status");
  if (!status.empty() && status != "open" && status != "answered")
    return Status::InvalidArgument("query parameter 'status' must be 'open' or 'answered'");
  KASHF_ASSIGN_OR_RETURN(firearms::FirearmRegistry * reg, c.db.firearms());
  KASHF_ASSIGN_OR_RETURN(auto requests, reg->TraceRequests(firearm));
  nlohmann::json items = nlohmann::json::array();
  for (const auto& r : requests)
    if (status.empty() || r.status == status) items.push_back(TraceRequestJson(r));
  KASHF_RETURN_IF_ERROR(
      c.Audit("trace.list", firearm ? fmt::format("firearm-{}", *firearm) : "", fmt::format("count={}", items.size())));
  return JsonReply(PageOf(items, page));
}

Result<Reply> GetTrace(Call& c) {
  const std::string& id = c.Param("request_id");
  KASHF_ASSIGN_OR_RETURN(firearms::FirearmRegistry * reg, c.db.firearms());
  KASHF_ASSIGN_OR_RETURN(auto requests, reg->TraceRequests(std::nullopt));
  for (const auto& r : requests) {
    if (r.id != id) continue;
    nlohmann::json j = TraceRequestJson(r);
    j["answers"] = nlohmann::json::array();
    KASHF_ASSIGN_OR_RETURN(auto answers, reg->TraceAnswers(r.id));
    for (const auto& a : answers) j["answers"].push_back(TraceAnswerJson(a));
    KASHF_RETURN_IF_ERROR(c.Audit("trace.read", r.id, ""));
    return JsonReply(j);
  }
  return Status::NotFound("no trace request with this id (see /api/v1/firearms/traces)");
}

Result<Reply> CreateTrace(Call& c) {
  BodyReader b(c.body);
  b.OnlyFields({"firearm_id", "date", "requested_party", "illicit_reason", "legal_basis", "markings", "type", "calibre",
                "intended_use"});
  firearms::TraceRequest r;
  r.firearm_id = b.Int("firearm_id", 0, 1, INT64_MAX, true);
  r.date = b.String("date", true, 10);
  r.requesting_agency = c.user->agency;
  r.requested_party = b.String("requested_party", true, 200);
  r.illicit_reason = b.String("illicit_reason", true, 2000);
  r.legal_basis = b.String("legal_basis", true, 2000);
  r.markings = b.String("markings", false, 2000);
  r.type = b.String("type", false, 50);
  r.calibre = b.String("calibre", false, 50);
  r.intended_use = b.String("intended_use", true, 2000);
  KASHF_RETURN_IF_ERROR(b.status());
  if (!firearms::IsIsoDate(r.date)) return Status::InvalidArgument("field 'date' must be a date YYYY-MM-DD");
  KASHF_ASSIGN_OR_RETURN(firearms::FirearmRegistry * reg, c.db.firearms());
  KASHF_ASSIGN_OR_RETURN(std::string id, reg->CreateTraceRequest(r));
  KASHF_RETURN_IF_ERROR(c.Audit("trace.request", id, fmt::format("firearm={} to={}", r.firearm_id, r.requested_party)));
  KASHF_ASSIGN_OR_RETURN(auto all, reg->TraceRequests(r.firearm_id));
  for (const auto& t : all)
    if (t.id == id) return JsonReply(TraceRequestJson(t), 201);
  return Status::Internal("the trace request was stored but cannot be read back");
}

Result<Reply> AnswerTrace(Call& c) {
  BodyReader b(c.body);
  b.OnlyFields({"date", "responder", "outcome", "last_lawful_holder", "diversion_point", "text"});
  firearms::TraceAnswer a;
  a.request_id = c.Param("request_id");
  a.date = b.String("date", true, 10);
  a.responder = b.String("responder", true, 200);
  a.outcome = b.String("outcome", true, 50);
  a.last_lawful_holder = b.String("last_lawful_holder", false, 200);
  a.diversion_point = b.String("diversion_point", false, 2000);
  a.text = b.String("text", false, 10000);
  KASHF_RETURN_IF_ERROR(b.status());
  KASHF_ASSIGN_OR_RETURN(firearms::FirearmRegistry * reg, c.db.firearms());
  KASHF_ASSIGN_OR_RETURN(auto requests, reg->TraceRequests(std::nullopt));
  bool found = false;
  for (const auto& r : requests) found = found || r.id == a.request_id;
  if (!found) return Status::NotFound("no trace request with this id (see /api/v1/firearms/traces)");
  KASHF_ASSIGN_OR_RETURN(int64_t id, reg->RecordTraceAnswer(a));
  a.id = id;
  KASHF_RETURN_IF_ERROR(c.Audit("trace.answer", a.request_id, "outcome=" + a.outcome));
  return JsonReply(TraceAnswerJson(a), 201);
}

Result<Reply> SeizureStatistics(Call& c) {
  firearms::StatisticsPeriod period{c.Query("from"), c.Query("to")};
  for (const auto& [name, v] : {std::pair{"from", period.from}, std::pair{"to", period.to}})
    if (!v.empty() && !firearms::IsIsoDate(v))
      return Status::InvalidArgument(fmt::format("query parameter '{}' must be YYYY-MM-DD", name));
  KASHF_ASSIGN_OR_RETURN(firearms::FirearmRegistry * reg, c.db.firearms());
  KASHF_ASSIGN_OR_RETURN(auto s, firearms::ComputeSeizureStatistics(*reg, period));
  nlohmann::json by = nlohmann::json::object();
  for (const auto& dim : firearms::SeizureDimensions()) {
    nlohmann::json values = nlohmann::json::array();
    auto it = s.by.find(dim);
    if (it != s.by.end())
      for (const auto& [value, count] : it->second) values.push_back({{"value", value}, {"seized", count}});
    by[dim] = values;
  }
  KASHF_RETURN_IF_ERROR(c.Audit("firearm.statistics", "", fmt::format("from={} to={}", period.from, period.to)));
  return JsonReply({{"period", {{"from", period.from}, {"to", period.to}}},
                    {"seizure_events", s.seizure_events},
                    {"seized_firearms", s.seized_firearms},
                    {"surrendered_firearms", s.surrendered_firearms},
                    {"in_scope_firearms", s.in_scope_firearms},
                    {"trace_requested", s.trace_requested},
                    {"origin_established", s.origin_established},
                    {"sdg_16_4_2_share", s.sdg_16_4_2_share},
                    {"by", by}});
}

Result<Reply> Campaigns(Call& c) {
  KASHF_ASSIGN_OR_RETURN(firearms::FirearmRegistry * reg, c.db.firearms());
  KASHF_ASSIGN_OR_RETURN(auto all, firearms::ComputeCampaignStatistics(*reg));
  nlohmann::json items = nlohmann::json::array();
  for (const auto& [id, k] : all)
    items.push_back({{"campaign", id},
                     {"surrendered", k.surrendered},
                     {"destroyed_since", k.destroyed_since},
                     {"by_type", k.by_type},
                     {"by_district", k.by_district},
                     {"first_date", k.first_date},
                     {"last_date", k.last_date}});
  KASHF_RETURN_IF_ERROR(c.Audit("firearm.campaigns", "", fmt::format("count={}", items.size())));
  return JsonReply({{"items", items}});
}

Result<Reply> Reference(Call& c) {
  const auto& ref = *c.state.firearm_reference;
  const auto& rules = *c.state.lifecycle_rules;
  nlohmann::json types = nlohmann::json::array(), events = nlohmann::json::array(), states = nlohmann::json::array();
  for (const auto& t : ref.TypeCodes()) types.push_back({{"code", t}, {"label", ref.TypeLabel(t)}});
  for (const auto& k : rules.EventKinds()) {
    const auto& r = rules.Rule(k);
    events.push_back({{"kind", k}, {"from", r.from}, {"to", r.to}, {"requires", r.requires_fields}});
  }
  for (const auto& s : rules.States()) states.push_back({{"state", s}, {"lawful", rules.IsLawful(s)}});
  return JsonReply({{"jurisdiction", ref.jurisdiction()},
                    {"types", types},
                    {"event_kinds", events},
                    {"states", states},
                    {"trace_outcomes", firearms::TraceOutcomes()},
                    {"seizure_dimensions", firearms::SeizureDimensions()}});
}

}  // namespace

void AddFirearmRoutes(Router& r) {
  r.Add({"GET", "/api/v1/firearms/search", Permission::kReadFirearms, false, SearchFirearms,
         "partial-serial search (serial pattern with ? and *, make, calibre, soft, limit)"});
  r.Add({"GET", "/api/v1/firearms/{id}", Permission::kReadFirearms, false, GetFirearm,
         "firearm with events, chain of custody, diversion points and trace requests"});
  r.Add({"POST", "/api/v1/firearms", Permission::kWriteFirearms, true, AddFirearm,
         "register a firearm with its markings"});
  r.Add({"POST", "/api/v1/firearms/{id}/events", Permission::kWriteFirearms, true, RecordEvent,
         "record a lifecycle event (checked by the lifecycle rules)"});
  r.Add({"GET", "/api/v1/firearms/traces", Permission::kReadFirearms, false, ListTraces,
         "trace requests (firearm_id, status)"});
  r.Add({"POST", "/api/v1/firearms/traces", Permission::kWriteTraces, true, CreateTrace,
         "send a tracing request (ITI para. 17)"});
  r.Add({"GET", "/api/v1/firearms/traces/{request_id}", Permission::kReadFirearms, false, GetTrace,
         "one trace request with answers"});
  r.Add({"POST", "/api/v1/firearms/traces/{request_id}/answers", Permission::kWriteTraces, true, AnswerTrace,
         "record the answer to a trace request"});
  r.Add({"GET", "/api/v1/firearms/statistics", Permission::kReadFirearmStatistics, false, SeizureStatistics,
         "IAFQ-shaped seizure statistics and SDG 16.4.2 (from, to)"});
  r.Add({"GET", "/api/v1/firearms/campaigns", Permission::kReadFirearmStatistics, false, Campaigns,
         "collection campaign counts"});
  r.Add({"GET", "/api/v1/reference/firearms", Permission::kReadReference, false, Reference,
         "firearm types, lifecycle states and events, trace outcomes"});
}

}  // namespace kashf::server
