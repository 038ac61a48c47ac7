// Store -> EntityNetwork: one scan of the statements (grouped by entity), one scan of the cluster
// assignments, then nodes per cluster and edges per relationship statement (entity_network.h).
// Lean for large stores: entity ids are interned to dense indexes as the rows stream by, so a
// relationship (10M payments) is held as a fixed 48-byte record of indexes, never as statements
// or id strings, and the records go as soon as the edges are made.
#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <deque>
#include <iterator>
#include <set>

#include <fmt/format.h>

#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "kashf/core/text.h"
#include "kashf/network/entity_network.h"
#include "kashf/store/recorded_victims.h"

namespace kashf::network {

const char* NodeKindName(NodeKind kind) {
  static const char* kNames[] = {"person", "organization", "phone", "account", "location", "asset", "other"};
  return kNames[static_cast<int>(kind)];
}

const char* ViewName(View v) { return v == View::kPersons ? "persons" : "identifiers"; }

Result<View> ParseView(const std::string& name) {
  if (name == "persons") return View::kPersons;
  if (name == "identifiers") return View::kIdentifiers;
  return Status::InvalidArgument("unknown view '" + name +
                                 "'; use 'persons' (phones and accounts folded into their holders) or 'identifiers' "
                                 "(every phone and account its own node)");
}

EntityNetwork EntityNetwork::FromParts(std::vector<Node> nodes, graph::EdgeList edges, View view,
                                       std::vector<EventParts> events) {
  EntityNetwork net;
  net.view_ = view;
  net.nodes_ = std::move(nodes);
  net.edges_ = std::move(edges);
  net.edges_.num_nodes = static_cast<uint32_t>(net.nodes_.size());
  net.member_offsets_.assign(net.nodes_.size() + 1, 0);
  for (NodeId v = 0; v < net.nodes_.size(); ++v) {
    net.member_ids_.push_back(net.nodes_[v].id);
    net.member_offsets_[v + 1] = v + 1;
    net.by_id_[net.nodes_[v].id] = v;
  }
  if (events.empty()) return net;
  std::vector<std::vector<uint32_t>> node_events(net.nodes_.size());
  for (EventParts& ev : events) {
    const auto index = static_cast<uint32_t>(net.events_.size());
    std::sort(ev.attendees.begin(), ev.attendees.end());
    ev.attendees.erase(std::unique(ev.attendees.begin(), ev.attendees.end()), ev.attendees.end());
    ev.info.attendees = 0;
    for (NodeId v : ev.attendees)
      if (v < net.nodes_.size()) {
        node_events[v].push_back(index);
        ++ev.info.attendees;
      }
    net.events_.push_back(std::move(ev.info));
  }
  net.IndexNodeEvents(node_events);
  return net;
}

void EntityNetwork::IndexNodeEvents(const std::vector<std::vector<uint32_t>>& node_events) {
  node_event_offsets_.assign(nodes_.size() + 1, 0);
  node_events_.clear();
  for (NodeId v = 0; v < nodes_.size(); ++v) {
    nodes_[v].events = static_cast<uint32_t>(node_events[v].size());
    node_events_.insert(node_events_.end(), node_events[v].begin(), node_events[v].end());
    node_event_offsets_[v + 1] = node_events_.size();
  }
}

Status EntityNetwork::ConvertPayments(const ExchangeRates& rates, const std::string& to) {
  Conversion used;
  KASHF_ASSIGN_OR_RETURN(graph::EdgeList converted, network::ConvertPayments(edges_, rates, to, &used));
  edges_ = std::move(converted);
  conversion_ = std::move(used);
  return Status::Ok();
}

std::span<const uint32_t> EntityNetwork::EventsOf(NodeId v) const {
  if (v >= nodes_.size() || node_event_offsets_.size() != nodes_.size() + 1) return {};
  return {node_events_.data() + node_event_offsets_[v], node_events_.data() + node_event_offsets_[v + 1]};
}

std::vector<uint32_t> EntityNetwork::SharedEvents(NodeId a, NodeId b) const {
  std::vector<uint32_t> out;
  if (a >= nodes_.size() || b >= nodes_.size() || node_event_offsets_.size() != nodes_.size() + 1) return out;
  const auto first = [&](NodeId v) {
    return node_events_.begin() + static_cast<std::ptrdiff_t>(node_event_offsets_[v]);
  };
  std::set_intersection(first(a), first(a + 1), first(b), first(b + 1), std::back_inserter(out));
  std::sort(out.begin(), out.end(), [&](uint32_t x, uint32_t y) {
    return events_[x].day != events_[y].day ? events_[x].day < events_[y].day : x < y;
  });
  return out;
}

std::vector<std::string> EntityNetwork::Members(NodeId v) const {
  if (v >= nodes_.size()) return {};
  return {member_ids_.begin() + static_cast<std::ptrdiff_t>(member_offsets_[v]),
          member_ids_.begin() + static_cast<std::ptrdiff_t>(member_offsets_[v + 1])};
}

std::string EntityNetwork::Label(NodeId v) const {
  if (v >= nodes_.size()) return "?";
  const Node& n = nodes_[v];
  return n.caption.empty() ? n.id : n.caption + " (" + n.id + ")";
}

Result<NodeId> EntityNetwork::Find(const std::string& key) const {
  auto it = by_id_.find(key);
  if (it != by_id_.end()) return it->second;
  if (!key.empty() &&
      std::all_of(key.begin(), key.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); })) {
    unsigned long long v = std::strtoull(key.c_str(), nullptr, 10);
    if (v < nodes_.size()) return static_cast<NodeId>(v);
  }
  std::string lower = ToLowerAscii(key);
  std::vector<NodeId> hits;
  for (NodeId v = 0; v < nodes_.size(); ++v)
    if (!nodes_[v].victim && ToLowerAscii(nodes_[v].caption) == lower) hits.push_back(v);
  if (hits.size() == 1) return hits[0];
  if (hits.size() > 1) {
    std::vector<std::string> ids;
    for (size_t i = 0; i < hits.size() && i < 8; ++i) ids.push_back(nodes_[hits[i]].id);
    return Status::InvalidArgument(fmt::format("'{}' names {} nodes; give one of their ids: {}{}", key, hits.size(),
                                               Join(ids, ", "), hits.size() > 8 ? ", ..." : ""));
  }
  return Status::NotFound(
      fmt::format("no node '{}' in the network; give a cluster id, an entity id or a name "
                  "(see `kashf network top` or `kashf search`)",
                  key));
}

// Builds an EntityNetwork; a class so it can fill EntityNetwork's private members. One Run() per builder.
class NetworkBuilder {
 public:
  NetworkBuilder(const Model& model, const BuildOptions& options) : model_(model), opt_(options) {}
  Result<EntityNetwork> Run(Store& store);

 private:
  static constexpr uint32_t kNoEntity = ~uint32_t{0};
  struct Entity {
    std::string id;
    uint16_t schema = 0;     // index into schemata_
    uint16_t dataset = 0;    // index into datasets_
    bool described = false;  // false: only named by relationships or events so far
    std::string caption;     // first caption value
    int32_t day = 0;         // openedDate / date, for cases
  };
  struct Relation {  // 48 bytes: indexes only (10M payments are 10M of these)
    uint32_t source = kNoEntity, target = kNoEntity, intermediary = kNoEntity;  // into entities_
    int32_t day = 0;
    double amount = 0;
    uint32_t count = 1;     // calls the record stands for
    uint32_t messages = 0;  // text messages the record stands for (counted apart from calls)
    float seconds = 0;      // calls: total duration
    uint16_t schema = 0, dataset = 0;
    uint16_t currency = 0;  // index into net_.edges_.currencies
    uint16_t role = 0;      // Involvement role: index into roles_ (0 = none)
    graph::Channel channel = graph::Channel::kNone;
  };
  static_assert(sizeof(Relation) <= 48, "a relationship record stays small: stores hold millions");
  struct EventRecord {  // an Event (Meeting ...) and its attendees (indexes into entities_, in id order)
    EventInfo info;
    uint16_t dataset = 0;
    std::vector<uint32_t> attendees;
  };
  enum class SchemaClass : uint8_t {
    kPerson,
    kOrganization,
    kPhone,
    kAccount,
    kLocation,
    kAsset,
    kCase,
    kEvent,
    kInterval
  };
  struct Party {  // a participant of a case
    NodeId node;
    int32_t day;
    uint16_t dataset;
  };
  using CaseParties = std::unordered_map<uint32_t, std::vector<Party>>;  // case entity -> parties

  // The steps of Run(), in order.
  Status ReadStatements(Store& store);
  Status ReadAgencyFilter();
  Status ReadClusters(Store& store);
  void OrderEntities();
  void MarkEndpoints();
  void MakeNodes();
  void DescribeNodes();
  void AddEdges();
  void ReleaseRelations();
  void IndexMembers();

  uint16_t SchemaIndex(const std::string& schema);
  uint16_t DatasetIndex(const std::string& dataset);
  void TakeEntity(const std::vector<Statement>& group);
  void TakeEvent(const std::vector<Statement>& group, uint16_t dataset);
  uint32_t Intern(const std::string& entity_id);  // index into entities_; a new undescribed entity on first use
  uint16_t RoleIndex(const std::string& role);
  graph::Relation RelationOf(const std::string& schema) const;
  SchemaClass ClassOf(uint32_t entity) const { return schema_class_[entities_[entity].schema]; }
  NodeId NodeOf(uint32_t entity) const;       // kNoNode when none
  NodeId NodeForKey(const std::string& key);  // creates the node on first use
  void DescribeNode(NodeId v);
  void AddRelationEdges(CaseParties* parties, std::vector<std::set<uint32_t>>* node_cases);
  void AddCoInvolvementEdges(CaseParties* parties);
  void AddCoAttendanceEdges();
  uint16_t CurrencyIndex(const std::string& code);
  bool Keeps(graph::Relation rel, int32_t day, uint16_t agency) const;  // the build options' filters
  void Push(NodeId a, NodeId b, graph::Relation rel, int32_t day, float weight, uint16_t agency);
  void Push(graph::Edge edge);

  const Model& model_;
  const BuildOptions& opt_;
  std::vector<std::string> schemata_;
  std::vector<SchemaClass> schema_class_;
  std::unordered_map<std::string, uint16_t> schema_index_;
  std::vector<std::string> datasets_{""};
  std::unordered_map<std::string, uint16_t> dataset_index_;
  std::vector<Entity> entities_;
  std::deque<Relation> relations_;         // a deque: grows without copying what it holds
  std::vector<uint32_t> described_order_;  // entities in the order the scan described them
  std::vector<std::string> roles_{""};
  std::unordered_map<std::string, uint16_t> role_index_;
  std::vector<EventRecord> events_;
  std::vector<uint16_t> agency_keep_;                       // dataset indexes allowed for edges (empty = all)
  std::unordered_map<std::string, uint32_t> entity_index_;  // entity id -> index into entities_ (dense ids)
  std::vector<std::string> cluster_;                        // per entity: its cluster id (or its own id)
  std::vector<char> endpoint_;                              // per entity: a call or payment endpoint (identifier view)
  EntityNetwork net_;
  std::unordered_map<std::string, NodeId> node_of_key_;
  std::vector<NodeId> node_of_entity_;
  std::vector<std::vector<uint32_t>> members_;           // per node: entity indexes
  std::vector<std::pair<NodeId, NodeId>> holder_edges_;  // holder -> identifier node
};

uint16_t NetworkBuilder::SchemaIndex(const std::string& schema) {
  auto it = schema_index_.find(schema);
  if (it != schema_index_.end()) return it->second;
  auto idx = static_cast<uint16_t>(schemata_.size());
  schemata_.push_back(schema);
  SchemaClass c = SchemaClass::kAsset;
  if (model_.IsInterval(schema)) c = SchemaClass::kInterval;
  else if (model_.IsA(schema, "Person")) c = SchemaClass::kPerson;
  else if (model_.IsA(schema, "Organization")) c = SchemaClass::kOrganization;
  else if (model_.IsA(schema, "Phone")) c = SchemaClass::kPhone;
  else if (model_.IsA(schema, "BankAccount")) c = SchemaClass::kAccount;
  else if (model_.IsA(schema, "Location")) c = SchemaClass::kLocation;
  else if (model_.IsA(schema, "Case")) c = SchemaClass::kCase;
  else if (model_.IsA(schema, "Event")) c = SchemaClass::kEvent;
  schema_class_.push_back(c);
  schema_index_.emplace(schema, idx);
  return idx;
}

uint16_t NetworkBuilder::DatasetIndex(const std::string& dataset) {
  auto it = dataset_index_.find(dataset);
  if (it != dataset_index_.end()) return it->second;
  auto idx = static_cast<uint16_t>(datasets_.size());
  datasets_.push_back(dataset);
  dataset_index_.emplace(dataset, idx);
  return idx;
}

graph::Relation NetworkBuilder::RelationOf(const std::string& schema) const {
  static const std::pair<const char*, graph::Relation> kMap[] = {{"Call", graph::Relation::kCall},
                                                                 {"Payment", graph::Relation::kPayment},
                                                                 {"Family", graph::Relation::kFamily},
                                                                 {"Associate", graph::Relation::kAssociate},
                                                                 {"Travel", graph::Relation::kTravel},
                                                                 {"Ownership", graph::Relation::kOwnership},
                                                                 {"Membership", graph::Relation::kMembership}};
  for (const auto& [name, rel] : kMap)
    if (model_.IsA(schema, name)) return rel;
  return graph::Relation::kOther;
}

namespace {

int32_t ParseDay(const std::string& iso) {
  auto d = graph::DayFromIso(iso);
  return d.ok() ? *d : 0;
}

bool IsAscii(const std::string& s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

bool IsAllCaps(const std::string& s) {
  return std::none_of(s.begin(), s.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

// Most frequent caption; ties go to Latin script, then mixed case over capitals, then the longer
// (fuller) name, then the smaller string. Empty when there is none.
std::string BestCaption(const std::map<std::string, uint32_t>& captions) {
  const std::string* pick = nullptr;
  uint32_t pick_count = 0;
  auto better = [](const std::string& a, uint32_t ca, const std::string& b, uint32_t cb) {
    if (ca != cb) return ca > cb;
    if (IsAscii(a) != IsAscii(b)) return IsAscii(a);
    if (IsAllCaps(a) != IsAllCaps(b)) return !IsAllCaps(a);
    return a.size() > b.size();
  };
  for (const auto& [text, count] : captions) {
    if (!pick || better(text, count, *pick, pick_count)) {
      pick = &text;
      pick_count = count;
    }
  }
  return pick ? *pick : std::string();
}

}  // namespace

void NetworkBuilder::TakeEntity(const std::vector<Statement>& group) {
  const Statement& head = group.front();
  const uint16_t schema = SchemaIndex(head.schema);
  const uint16_t dataset = DatasetIndex(head.dataset);
  auto value = [&](const std::string& prop) -> const std::string* {
    for (const Statement& s : group)
      if (s.prop == prop && !s.value.empty()) return &s.value;
    return nullptr;
  };
  auto number = [&](const std::string& prop, double fallback) {
    const std::string* v = value(prop);
    return v ? std::strtod(v->c_str(), nullptr) : fallback;
  };
  if (schema_class_[schema] == SchemaClass::kEvent) {
    TakeEvent(group, dataset);
    return;
  }
  if (schema_class_[schema] == SchemaClass::kInterval) {
    auto [src_prop, dst_prop] = model_.Edge(head.schema);
    const std::string* source = value(src_prop);
    const std::string* target = value(dst_prop);
    if (!source || !target) return;
    Relation r;
    r.schema = schema;
    r.dataset = dataset;
    r.source = Intern(*source);
    r.target = Intern(*target);
    if (auto* v = value("intermediary")) r.intermediary = Intern(*v);
    if (auto* v = value("date")) r.day = ParseDay(*v);
    else if (auto* v2 = value("startDate")) r.day = ParseDay(*v2);
    r.amount = number("amount", 0);
    if (auto* v = value("currency")) r.currency = CurrencyIndex(*v);
    // A call record may stand for many calls and messages, kept apart: `count` calls (default 1, or
    // 0 when the record gives only `messages`) and `messages` text messages; a record of neither is one call.
    const auto clamp_count = [](double x) { return x >= 1 ? static_cast<uint32_t>(std::min(x, 4e9)) : 0u; };
    r.count = clamp_count(value("count") || !value("messages") ? number("count", 1) : 0);
    r.messages = clamp_count(number("messages", 0));
    if (r.count == 0 && r.messages == 0) r.count = 1;
    r.seconds = static_cast<float>(std::max(0.0, number("durationSeconds", 0)));
    if (auto* v = value("channel")) r.channel = graph::ParseChannel(ToLowerAscii(*v));
    if (auto* v = value("role")) r.role = RoleIndex(*v);
    relations_.push_back(r);
    return;
  }
  const uint32_t index = Intern(head.entity_id);
  Entity& e = entities_[index];
  if (e.described) return;  // one description per id (the first)
  e.described = true;
  described_order_.push_back(index);
  e.schema = schema;
  e.dataset = dataset;
  const SchemaSpec* spec = model_.Find(head.schema);
  std::vector<std::string> caption;
  for (const SchemaSpec* c = spec; c && caption.empty(); c = c->extends.empty() ? nullptr : model_.Find(c->extends))
    caption = c->caption;
  caption.push_back("name");
  caption.push_back("idNumber");
  for (const auto& prop : caption)
    if (auto* v = value(prop)) {
      e.caption = *v;
      break;
    }
  if (auto* v = value("openedDate")) e.day = ParseDay(*v);
  else if (auto* v2 = value("date")) e.day = ParseDay(*v2);
}

uint32_t NetworkBuilder::Intern(const std::string& entity_id) {
  auto [it, fresh] = entity_index_.emplace(entity_id, static_cast<uint32_t>(entities_.size()));
  if (fresh) {
    entities_.emplace_back();
    entities_.back().id = entity_id;
  }
  return it->second;
}

uint16_t NetworkBuilder::RoleIndex(const std::string& role) {
  auto it = role_index_.find(role);
  if (it != role_index_.end()) return it->second;
  if (roles_.size() >= UINT16_MAX) return 0;
  const auto index = static_cast<uint16_t>(roles_.size());
  roles_.push_back(role);
  role_index_.emplace(role, index);
  return index;
}

// An Event: its caption, day, place and every attendee named in its records.
void NetworkBuilder::TakeEvent(const std::vector<Statement>& group, uint16_t dataset) {
  EventRecord ev;
  ev.dataset = dataset;
  ev.info.id = group.front().entity_id;
  ev.info.schema = group.front().schema;
  std::string date, start, location;
  std::vector<std::string> attendees;
  for (const Statement& st : group) {
    if (st.value.empty()) continue;
    if (st.prop == "attendee") attendees.push_back(st.value);
    else if (st.prop == "name" && ev.info.caption.empty()) ev.info.caption = st.value;
    else if (st.prop == "place" && ev.info.place.empty()) ev.info.place = st.value;
    else if (st.prop == "location" && location.empty()) location = st.value;
    else if (st.prop == "date" && date.empty()) date = st.value;
    else if (st.prop == "startDate" && start.empty()) start = st.value;
  }
  if (ev.info.place.empty()) ev.info.place = location;
  ev.info.day = ParseDay(date.empty() ? start : date);
  std::sort(attendees.begin(), attendees.end());
  attendees.erase(std::unique(attendees.begin(), attendees.end()), attendees.end());
  for (const std::string& id : attendees) ev.attendees.push_back(Intern(id));
  events_.push_back(std::move(ev));
}

namespace {

// Freed small allocations (deque blocks, id strings, hash nodes) stay in glibc's heap, resident;
// trimming returns them to the system before the caller indexes the payments.
void TrimHeap() {
#ifdef __GLIBC__
  malloc_trim(0);
#endif
}

}  // namespace

// The relationship records go once their edges are made (at 3M payments, 140 MB).
void NetworkBuilder::ReleaseRelations() {
  std::deque<Relation>().swap(relations_);
  TrimHeap();
}

uint16_t NetworkBuilder::CurrencyIndex(const std::string& code) {
  std::string upper(Trim(code));
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  std::vector<std::string>& list = net_.edges_.currencies;
  auto it = std::find(list.begin(), list.end(), upper);
  if (it != list.end()) return static_cast<uint16_t>(it - list.begin());
  if (list.size() >= UINT16_MAX) return 0;
  list.push_back(upper);
  return static_cast<uint16_t>(list.size() - 1);
}

Result<EntityNetwork> NetworkBuilder::Run(Store& store) {
  KASHF_RETURN_IF_ERROR(ReadStatements(store));
  KASHF_RETURN_IF_ERROR(ReadAgencyFilter());
  OrderEntities();
  KASHF_RETURN_IF_ERROR(ReadClusters(store));
  MarkEndpoints();
  MakeNodes();
  DescribeNodes();
  AddEdges();
  ReleaseRelations();
  IndexMembers();
  return std::move(net_);
}

// 1. Statements, grouped by entity (ScanStatements orders by entity).
Status NetworkBuilder::ReadStatements(Store& store) {
  std::vector<Statement> group;
  KASHF_RETURN_IF_ERROR(store.ScanStatements({}, [&](const Statement& s) {
    if (!group.empty() && group.front().entity_id != s.entity_id) {
      TakeEntity(group);
      group.clear();
    }
    group.push_back(s);
    return true;
  }));
  if (!group.empty()) TakeEntity(group);
  return Status::Ok();
}

// The agencies (datasets) edges may come from; InvalidArgument naming the loaded ones for an unknown name.
Status NetworkBuilder::ReadAgencyFilter() {
  for (const auto& name : opt_.agencies) {
    auto it = dataset_index_.find(name);
    if (it == dataset_index_.end()) {
      std::vector<std::string> loaded(datasets_.begin() + 1, datasets_.end());
      std::sort(loaded.begin(), loaded.end());
      return Status::InvalidArgument(fmt::format("no agency (dataset) '{}' in the store; loaded: {}", name,
                                                 loaded.empty() ? std::string("none") : Join(loaded, ", ")));
    }
    agency_keep_.push_back(it->second);
  }
  return Status::Ok();
}

// 2. Clusters: an entity the resolver has not clustered is its own cluster.
Status NetworkBuilder::ReadClusters(Store& store) {
  cluster_.assign(entities_.size(), std::string());
  KASHF_RETURN_IF_ERROR(store.ScanClusters([&](const std::string& entity, const std::string& c) {
    auto it = entity_index_.find(entity);
    if (it != entity_index_.end()) cluster_[it->second] = c;
    return true;
  }));
  for (uint32_t i = 0; i < entities_.size(); ++i)
    if (cluster_[i].empty()) cluster_[i] = entities_[i].id;
  return Status::Ok();
}

// Entities in a fixed order whatever the order ids were first met in: the described ones in scan
// order, then the ids that relationships and events name but no statement describes (a mapping's
// reference-only entity, e.g. a phone number a call list names), in the order the relationships
// (source, target, intermediary) and then the events name them. Those become entities of their
// own, with the schema and dataset their id carries (MakeEntityId: "<dataset>.<schema>.<hash>"),
// so their links are kept. Relationship and event indexes are renumbered to the new order.
void NetworkBuilder::OrderEntities() {
  std::vector<uint32_t> order = std::move(described_order_);
  std::vector<uint32_t> renumber(entities_.size(), kNoEntity);
  for (uint32_t i = 0; i < order.size(); ++i) renumber[order[i]] = i;
  auto place = [&](uint32_t e) {
    if (e == kNoEntity || renumber[e] != kNoEntity) return;
    renumber[e] = static_cast<uint32_t>(order.size());
    order.push_back(e);
    Entity& ent = entities_[e];
    const std::string& id = ent.id;
    const size_t dot1 = id.find('.'), dot2 = dot1 == std::string::npos ? dot1 : id.find('.', dot1 + 1);
    std::string schema = dot2 == std::string::npos ? std::string() : id.substr(dot1 + 1, dot2 - dot1 - 1);
    if (!model_.Find(schema) || model_.IsInterval(schema)) schema = "Thing";
    ent.schema = SchemaIndex(schema);
    ent.dataset = dot1 == std::string::npos ? 0 : DatasetIndex(id.substr(0, dot1));
  };
  for (const Relation& r : relations_)
    for (uint32_t e : {r.source, r.target, r.intermediary}) place(e);
  for (const EventRecord& ev : events_)
    for (uint32_t e : ev.attendees) place(e);
  std::vector<Entity> ordered(entities_.size());
  for (uint32_t i = 0; i < order.size(); ++i) ordered[i] = std::move(entities_[order[i]]);
  entities_ = std::move(ordered);
  const auto to = [&](uint32_t e) { return e == kNoEntity ? e : renumber[e]; };
  for (Relation& r : relations_) {
    r.source = to(r.source);
    r.target = to(r.target);
    r.intermediary = to(r.intermediary);
  }
  for (EventRecord& ev : events_)
    for (uint32_t& e : ev.attendees) e = to(e);
  for (auto& entry : entity_index_) entry.second = to(entry.second);
}

NodeId NetworkBuilder::NodeOf(uint32_t entity) const { return entity == kNoEntity ? kNoNode : node_of_entity_[entity]; }

// 3. Identifier endpoints (calls and payments) for the identifier view.
void NetworkBuilder::MarkEndpoints() {
  endpoint_.assign(entities_.size(), 0);
  if (opt_.view != View::kIdentifiers) return;
  for (const Relation& r : relations_) {
    graph::Relation rel = RelationOf(schemata_[r.schema]);
    if (rel != graph::Relation::kCall && rel != graph::Relation::kPayment) continue;
    for (uint32_t e : {r.source, r.target, r.intermediary})
      if (e != kNoEntity && ClassOf(e) != SchemaClass::kCase) endpoint_[e] = 1;
  }
}

NodeId NetworkBuilder::NodeForKey(const std::string& key) {
  auto [it, fresh] = node_of_key_.emplace(key, static_cast<NodeId>(net_.nodes_.size()));
  if (fresh) {
    net_.nodes_.emplace_back();
    net_.nodes_.back().id = key;
    members_.emplace_back();
  }
  return it->second;
}

// 4. Nodes: one per node key (cluster id; an endpoint's own entity id in the identifier view).
void NetworkBuilder::MakeNodes() {
  net_.view_ = opt_.view;
  node_of_entity_.assign(entities_.size(), kNoNode);
  // Holders: clusters with a non-endpoint member or with two or more endpoints.
  std::unordered_map<std::string, uint32_t> cluster_rest, cluster_endpoints;
  for (uint32_t e = 0; e < entities_.size(); ++e) {
    if (ClassOf(e) == SchemaClass::kCase) continue;
    if (endpoint_[e]) ++cluster_endpoints[cluster_[e]];
    else ++cluster_rest[cluster_[e]];
  }
  for (uint32_t e = 0; e < entities_.size(); ++e) {
    if (ClassOf(e) == SchemaClass::kCase) continue;
    NodeId v = NodeForKey(endpoint_[e] ? entities_[e].id : cluster_[e]);
    node_of_entity_[e] = v;
    members_[v].push_back(e);
  }
  if (opt_.view != View::kIdentifiers) return;
  for (uint32_t e = 0; e < entities_.size(); ++e) {
    if (!endpoint_[e] || cluster_[e] == entities_[e].id) continue;
    if (cluster_rest.count(cluster_[e]) == 0 && cluster_endpoints[cluster_[e]] < 2) continue;
    NodeId h = NodeForKey(cluster_[e]);
    net_.nodes_[node_of_entity_[e]].holder = h;
    holder_edges_.push_back({h, node_of_entity_[e]});
  }
}

// 5. Node attributes.
void NetworkBuilder::DescribeNodes() {
  for (NodeId v = 0; v < net_.nodes_.size(); ++v) DescribeNode(v);
  // Holders made only of endpoints take their caption from an endpoint.
  for (const auto& [h, id] : holder_edges_)
    if (net_.nodes_[h].caption.empty()) net_.nodes_[h].caption = net_.nodes_[id].caption;
}

// Kind, record count, datasets and caption of node `v` from its member entities.
void NetworkBuilder::DescribeNode(NodeId v) {
  Node& n = net_.nodes_[v];
  const std::vector<uint32_t>& members = members_[v];
  std::map<std::string, uint32_t> captions;
  std::set<std::string> datasets;
  SchemaClass best = SchemaClass::kAsset;
  bool any = false;
  for (uint32_t e : members) {
    SchemaClass c = ClassOf(e);
    if (!any || static_cast<int>(c) < static_cast<int>(best)) best = c;
    any = true;
    datasets.insert(datasets_[entities_[e].dataset]);
  }
  for (uint32_t e : members)  // names of the node's own kind (a person's name, not his phone number)
    if (ClassOf(e) == best && !entities_[e].caption.empty()) ++captions[entities_[e].caption];
  n.records = static_cast<uint32_t>(members.size());
  n.datasets.assign(datasets.begin(), datasets.end());
  if (!any) {  // a holder made only of identifier endpoints
    n.kind = NodeKind::kPerson;
  } else if (members.size() == 1 && endpoint_[members[0]]) {
    n.kind = best == SchemaClass::kPhone ? NodeKind::kPhone : NodeKind::kAccount;
  } else {
    switch (best) {
      case SchemaClass::kPerson: n.kind = NodeKind::kPerson; break;
      case SchemaClass::kOrganization: n.kind = NodeKind::kOrganization; break;
      case SchemaClass::kPhone: n.kind = NodeKind::kPhone; break;
      case SchemaClass::kAccount: n.kind = NodeKind::kAccount; break;
      case SchemaClass::kLocation: n.kind = NodeKind::kLocation; break;
      case SchemaClass::kAsset: n.kind = NodeKind::kAsset; break;
      default: n.kind = NodeKind::kOther; break;
    }
  }
  std::string caption = BestCaption(captions);
  if (!caption.empty()) n.caption = std::move(caption);
}

bool NetworkBuilder::Keeps(graph::Relation rel, int32_t day, uint16_t agency) const {
  if (!(opt_.relations & (1u << static_cast<unsigned>(rel)))) return false;
  if (day != 0 && (day < opt_.from_day || day > opt_.to_day)) return false;
  // Agency 0: derived edges (holder links) always stay.
  return agency == 0 || agency_keep_.empty() ||
         std::find(agency_keep_.begin(), agency_keep_.end(), agency) != agency_keep_.end();
}

// Appends the edge unless it is a loop, misses an end or the build options filter it out.
void NetworkBuilder::Push(graph::Edge edge) {
  if (edge.src == kNoNode || edge.dst == kNoNode || edge.src == edge.dst) return;
  if (!Keeps(edge.rel, edge.day, edge.agency)) return;
  net_.edges_.edges.push_back(edge);
}

void NetworkBuilder::Push(NodeId a, NodeId b, graph::Relation rel, int32_t day, float weight, uint16_t agency) {
  graph::Edge edge;
  edge.src = a;
  edge.dst = b;
  edge.weight = weight;
  edge.day = day;
  edge.rel = rel;
  edge.agency = agency;
  Push(edge);
}

// 6. Edges: relationships, co-involvement in cases, holder links; then per-node case counts.
void NetworkBuilder::AddEdges() {
  net_.edges_.agencies = datasets_;
  net_.edges_.edges.reserve(relations_.size());
  CaseParties parties;
  std::vector<std::set<uint32_t>> node_cases(net_.nodes_.size());
  AddRelationEdges(&parties, &node_cases);
  AddCoInvolvementEdges(&parties);
  AddCoAttendanceEdges();
  for (const auto& [h, id] : holder_edges_) Push(h, id, graph::Relation::kOwnership, 0, 1, 0);
  for (NodeId v = 0; v < net_.nodes_.size(); ++v) {
    net_.nodes_[v].cases = static_cast<uint32_t>(node_cases[v].size());
    if (net_.nodes_[v].victim) net_.nodes_[v].caption = "[victim]";
  }
  net_.edges_.num_nodes = static_cast<uint32_t>(net_.nodes_.size());
}

// One edge per relationship statement (two for symmetric relations and for payments through an
// intermediary); a link to a case instead records the node as a party of that case, with its role.
void NetworkBuilder::AddRelationEdges(CaseParties* parties, std::vector<std::set<uint32_t>>* node_cases) {
  for (const Relation& r : relations_) {
    bool source_case = ClassOf(r.source) == SchemaClass::kCase;
    bool target_case = ClassOf(r.target) == SchemaClass::kCase;
    if (source_case || target_case) {
      if (source_case && target_case) continue;
      uint32_t c = source_case ? r.source : r.target;
      NodeId v = NodeOf(source_case ? r.target : r.source);
      if (v == kNoNode) continue;
      int32_t day = r.day ? r.day : entities_[c].day;
      (*parties)[c].push_back({v, day, r.dataset});
      (*node_cases)[v].insert(c);
      Node& n = net_.nodes_[v];
      const std::string& role = roles_[r.role];
      if (!role.empty()) ++n.recorded_roles[ToLowerAscii(role)];
      if (IsVictimRole(role)) n.victim = true;
      continue;
    }
    graph::Relation rel = RelationOf(schemata_[r.schema]);
    NodeId a = NodeOf(r.source), b = NodeOf(r.target);
    graph::Edge e;
    e.src = a;
    e.dst = b;
    e.day = r.day;
    e.rel = rel;
    e.agency = r.dataset;
    if (rel == graph::Relation::kPayment) {
      e.amount = r.amount;
      e.currency = r.currency;
      e.channel = r.channel;
    } else if (rel == graph::Relation::kCall) {  // a record of 40 calls and 5 messages is one edge of weight 45
      e.count = r.count;
      e.messages = r.messages;
      e.weight = static_cast<float>(r.count) + static_cast<float>(r.messages);
      e.seconds = r.seconds;
    }
    if (rel == graph::Relation::kPayment && NodeOf(r.intermediary) != kNoNode) {
      e.channel = graph::Channel::kHawala;
      e.dst = NodeOf(r.intermediary);
      Push(e);
      e.src = e.dst;
      e.dst = b;
      Push(e);
    } else if (rel == graph::Relation::kFamily || rel == graph::Relation::kAssociate) {
      Push(a, b, rel, r.day, 0.5f, r.dataset);  // symmetric: both directions
      Push(b, a, rel, r.day, 0.5f, r.dataset);
    } else {
      Push(e);
    }
  }
}

// Co-involvement: parties of one case joined pairwise (both directions, half weight each), or a
// star around the first party for very large cases. Cases in entity order, so edges are deterministic.
void NetworkBuilder::AddCoInvolvementEdges(CaseParties* parties) {
  std::vector<uint32_t> case_ids;
  case_ids.reserve(parties->size());
  for (const auto& kv : *parties) case_ids.push_back(kv.first);
  std::sort(case_ids.begin(), case_ids.end());
  for (uint32_t c : case_ids) {
    std::vector<Party>& ps = (*parties)[c];
    std::stable_sort(ps.begin(), ps.end(), [](const Party& x, const Party& y) { return x.node < y.node; });
    ps.erase(std::unique(ps.begin(), ps.end(), [](const Party& x, const Party& y) { return x.node == y.node; }),
             ps.end());
    const size_t hubs = ps.size() > opt_.max_case_clique ? 1 : ps.size();
    for (size_t i = 0; i < hubs; ++i)
      for (size_t j = i + 1; j < ps.size(); ++j) {
        int32_t day = ps[i].day ? ps[i].day : ps[j].day;
        Push(ps[i].node, ps[j].node, graph::Relation::kInvolvement, day, 0.5f, ps[i].dataset);
        Push(ps[j].node, ps[i].node, graph::Relation::kInvolvement, day, 0.5f, ps[i].dataset);
      }
  }
}

// Co-attendance: the attendees of one event joined pairwise (both directions, half weight each, so
// the undirected weight of a pair is the number of events it shared), or a star around the first
// attendee for very large events, like cases. Each kept event is recorded with its attendee nodes,
// the evidence behind the edges (EntityNetwork::SharedEvents).
void NetworkBuilder::AddCoAttendanceEdges() {
  std::sort(events_.begin(), events_.end(),
            [](const EventRecord& a, const EventRecord& b) { return a.info.id < b.info.id; });
  std::vector<std::vector<uint32_t>> node_events(net_.nodes_.size());
  for (EventRecord& ev : events_) {
    if (!Keeps(graph::Relation::kMeeting, ev.info.day, ev.dataset)) continue;
    std::vector<NodeId> nodes;
    for (uint32_t e : ev.attendees)
      if (NodeId v = NodeOf(e); v != kNoNode) nodes.push_back(v);
    std::sort(nodes.begin(), nodes.end());
    nodes.erase(std::unique(nodes.begin(), nodes.end()), nodes.end());
    if (nodes.empty()) continue;
    ev.info.attendees = static_cast<uint32_t>(nodes.size());
    const auto index = static_cast<uint32_t>(net_.events_.size());
    net_.events_.push_back(ev.info);
    for (NodeId v : nodes) node_events[v].push_back(index);
    const size_t hubs = nodes.size() > opt_.max_case_clique ? 1 : nodes.size();
    for (size_t i = 0; i < hubs; ++i)
      for (size_t j = i + 1; j < nodes.size(); ++j) {
        Push(nodes[i], nodes[j], graph::Relation::kMeeting, ev.info.day, 0.5f, ev.dataset);
        Push(nodes[j], nodes[i], graph::Relation::kMeeting, ev.info.day, 0.5f, ev.dataset);
      }
  }
  net_.IndexNodeEvents(node_events);
}

// 7. Members and lookup: each node's member entity ids (sorted), and id -> node for both.
void NetworkBuilder::IndexMembers() {
  net_.member_offsets_.assign(net_.nodes_.size() + 1, 0);
  for (NodeId v = 0; v < net_.nodes_.size(); ++v) {
    std::vector<std::string> ids;
    for (uint32_t e : members_[v]) ids.push_back(entities_[e].id);
    std::sort(ids.begin(), ids.end());
    for (auto& id : ids) {
      net_.by_id_.emplace(id, v);
      net_.member_ids_.push_back(std::move(id));
    }
    net_.member_offsets_[v + 1] = net_.member_ids_.size();
  }
  for (NodeId v = 0; v < net_.nodes_.size(); ++v) net_.by_id_[net_.nodes_[v].id] = v;
}

Result<EntityNetwork> BuildNetwork(Store& store, const Model& model, const BuildOptions& options) {
  Result<EntityNetwork> net = NetworkBuilder(model, options).Run(store);
  TrimHeap();  // the builder's entity maps and id strings, gone with it
  return net;
}

}  // namespace kashf::network
