// JSON forms of network results (json.h).
#include "kashf/network/json.h"

#include <algorithm>
#include <map>

namespace kashf::network {

nlohmann::json NodeJson(const EntityNetwork& net, NodeId v) {
  const Node& n = net.nodes()[v];
  nlohmann::json roles = nlohmann::json::object();
  for (const auto& [role, count] : n.recorded_roles) roles[role] = count;
  return {{"id", n.id},           {"node", v},
          {"caption", n.caption}, {"kind", NodeKindName(n.kind)},
          {"records", n.records}, {"datasets", n.datasets},
          {"cases", n.cases},     {"recorded_roles", roles},
          {"events", n.events},   {"victim", n.victim}};
}

nlohmann::json RoleJson(const EntityNetwork& net, const RoleScore& s) {
  nlohmann::json j = NodeJson(net, s.node);
  j["organiser"] = s.organiser;
  j["broker"] = s.broker;
  j["peripheral"] = s.peripheral;
  j["peripheral_kind"] = RoleName(s.peripheral_kind);
  j["role"] = RoleName(s.role);
  j["role_z"] = s.role_z;
  j["lacking"] = {
      {"organiser", s.organiser_lacking}, {"broker", s.broker_lacking}, {"peripheral", s.peripheral_lacking}};
  j["reasons"] = {
      {"organiser", s.organiser_reasons}, {"broker", s.broker_reasons}, {"peripheral", s.peripheral_reasons}};
  return j;
}

nlohmann::json MetricsJson(const NodeMetrics& m, NodeId v) {
  nlohmann::json money = nlohmann::json::array();
  for (const auto& f : MoneyOf(m, v))
    money.push_back({{"currency", f.currency}, {"in", f.in}, {"out", f.out}, {"hawala", f.hawala}});
  nlohmann::json j = {{"degree", m.degree[v]},
                      {"strength", m.strength[v]},
                      {"pagerank", m.pagerank[v]},
                      {"betweenness", m.betweenness[v]},
                      {"betweenness_exact", m.betweenness_exact},
                      {"community", m.community[v]},
                      {"component", m.component[v]},
                      {"participation", m.participation[v]},
                      {"bridged_communities", m.bridged_communities[v]},
                      {"calls_in", m.calls_in[v]},
                      {"calls_out", m.calls_out[v]},
                      {"messages_in", m.messages_in[v]},
                      {"messages_out", m.messages_out[v]},
                      {"payers", m.payers[v]},
                      {"payees", m.payees[v]},
                      {"payments_in", m.payments_in[v]},
                      {"payments_out", m.payments_out[v]},
                      {"money_by_currency", money},
                      {"money_rank", m.money_rank[v]}};
  if (!m.MoneyMixed()) {  // one currency: the totals in it (money_currency; "" when none was recorded)
    j["money_currency"] = m.money_currency;
    j["money_in"] = m.money_in[v];
    j["money_out"] = m.money_out[v];
    j["hawala_amount"] = m.hawala_amount[v];
  }
  return j;
}

nlohmann::json PaymentJson(const EntityNetwork& net, const TrailHop& h) {
  return {{"date", graph::IsoFromDay(h.day)},
          {"amount", h.amount},
          {"channel", graph::ChannelName(h.channel)},
          {"from", NodeJson(net, h.from)},
          {"to", NodeJson(net, h.to)}};
}

nlohmann::json TrailJson(const EntityNetwork& net, const TrailResult& t, size_t max_paths) {
  nlohmann::json paths = nlohmann::json::array();
  for (size_t i = 0; i < t.paths.size() && i < max_paths; ++i) {
    const TrailPath& p = t.paths[i];
    nlohmann::json hops = nlohmann::json::array();
    for (const TrailHop& h : p.hops) hops.push_back(PaymentJson(net, h));
    paths.push_back({{"hops", hops},
                     {"carried", p.carried},
                     {"first_amount", p.first_amount},
                     {"last_amount", p.last_amount},
                     {"span_days", p.span_days},
                     {"end", NodeJson(net, p.end)}});
  }
  nlohmann::json ends = nlohmann::json::array();
  for (const TrailEndpoint& e : t.endpoints)
    ends.push_back(
        {{"node", NodeJson(net, e.node)}, {"paths", e.paths}, {"carried", e.carried}, {"min_hops", e.min_hops}});
  return {{"paths", paths},
          {"paths_found", t.paths.size()},
          {"endpoints", ends},
          {"truncated", t.truncated},
          {"hops_examined", t.hops_examined}};
}

namespace {
nlohmann::json FanJson(const EntityNetwork& net, const Fan& f) {
  nlohmann::json cps = nlohmann::json::array();
  for (NodeId c : f.counterparties) cps.push_back(NodeJson(net, c));
  return {{"node", NodeJson(net, f.node)},
          {"branches", f.branches},
          {"payments", f.payments},
          {"amount", f.amount},
          {"first_date", graph::IsoFromDay(f.first_day)},
          {"last_date", graph::IsoFromDay(f.last_day)},
          {"counterparties", cps}};
}
}  // namespace

nlohmann::json LayeringJson(const EntityNetwork& net, const LayeringReport& r) {
  nlohmann::json out = nlohmann::json::array(), in = nlohmann::json::array(), sg = nlohmann::json::array(),
                 rt = nlohmann::json::array();
  for (const Fan& f : r.fan_out) out.push_back(FanJson(net, f));
  for (const Fan& f : r.fan_in) in.push_back(FanJson(net, f));
  for (const ScatterGather& s : r.scatter_gather) {
    nlohmann::json mids = nlohmann::json::array();
    for (NodeId m : s.intermediaries) mids.push_back(NodeJson(net, m));
    sg.push_back({{"source", NodeJson(net, s.source)},
                  {"sink", NodeJson(net, s.sink)},
                  {"intermediaries", mids},
                  {"amount_out", s.amount_out},
                  {"amount_in", s.amount_in},
                  {"first_date", graph::IsoFromDay(s.first_day)},
                  {"last_date", graph::IsoFromDay(s.last_day)}});
  }
  for (const RoundTrip& t : r.round_trips) {
    nlohmann::json hops = nlohmann::json::array();
    for (const TrailHop& h : t.hops) hops.push_back(PaymentJson(net, h));
    rt.push_back({{"hops", hops}, {"amount_out", t.amount_out}, {"amount_back", t.amount_back}});
  }
  const nlohmann::json found{{"fan_out", r.found.fan_out},
                             {"fan_in", r.found.fan_in},
                             {"scatter_gather", r.found.scatter_gather},
                             {"round_trips", r.found.round_trips}};
  return {{"fan_out", out}, {"fan_in", in}, {"scatter_gather", sg}, {"round_trips", rt}, {"found", found}};
}

nlohmann::json EventJson(const EventInfo& ev) {
  nlohmann::json j{{"id", ev.id}, {"schema", ev.schema}, {"attendees", ev.attendees}};
  if (!ev.caption.empty()) j["caption"] = ev.caption;
  if (!ev.place.empty()) j["place"] = ev.place;
  if (ev.day) j["date"] = graph::IsoFromDay(ev.day);
  return j;
}

std::string CurrencyOf(const graph::EdgeList& edges, const graph::Edge& e) {
  return e.currency < edges.currencies.size() ? edges.currencies[e.currency] : std::string();
}

nlohmann::json EdgeJson(const EntityNetwork& net, const graph::Edge& e) {
  nlohmann::json j{{"from", e.src},
                   {"to", e.dst},
                   {"relation", graph::RelationName(e.rel)},
                   {"weight", e.weight},
                   {"agency", e.agency < net.edges().agencies.size() ? net.edges().agencies[e.agency] : ""}};
  if (e.day) j["date"] = graph::IsoFromDay(e.day);
  if (e.rel == graph::Relation::kPayment) {
    j["amount"] = e.amount;
    j["currency"] = CurrencyOf(net.edges(), e);
    j["channel"] = graph::ChannelName(e.channel);
  }
  if (e.rel == graph::Relation::kCall) {  // calls and text messages, never added together
    j["count"] = e.count;
    j["messages"] = e.messages;
    if (e.seconds > 0) j["seconds"] = e.seconds;
  }
  if (e.rel == graph::Relation::kMeeting) {  // the events behind this edge: those on its day
    nlohmann::json events = nlohmann::json::array();
    for (uint32_t k : net.SharedEvents(e.src, e.dst))
      if (net.events()[k].day == e.day) events.push_back(EventJson(net.events()[k]));
    j["events"] = events;
  }
  return j;
}

namespace {
// Everything recorded between two nodes, in either direction: per relation the records, the
// weight, calls (count, seconds) apart from text messages, and money per currency; the events they both attended.
nlohmann::json LinkJson(const EntityNetwork& net, NodeId a, NodeId b, const std::vector<const graph::Edge*>& edges) {
  std::map<std::string, nlohmann::json> by_rel;
  for (const graph::Edge* e : edges) {
    nlohmann::json& r = by_rel[graph::RelationName(e->rel)];
    if (r.is_null()) r = {{"records", 0}, {"weight", 0.0}};
    r["records"] = r["records"].get<uint64_t>() + 1;
    r["weight"] = r["weight"].get<double>() + e->weight;
    if (e->rel == graph::Relation::kCall) {
      r["count"] = r.value("count", uint64_t{0}) + e->count;
      r["messages"] = r.value("messages", uint64_t{0}) + e->messages;
      r["seconds"] = r.value("seconds", 0.0) + e->seconds;
    }
    if (e->rel == graph::Relation::kPayment) {
      nlohmann::json& money = r["amount_by_currency"];
      if (money.is_null()) money = nlohmann::json::object();
      const std::string cur = CurrencyOf(net.edges(), *e);
      money[cur] = money.value(cur, 0.0) + e->amount;
    }
  }
  nlohmann::json events = nlohmann::json::array();
  for (uint32_t k : net.SharedEvents(a, b)) events.push_back(EventJson(net.events()[k]));
  nlohmann::json rels = nlohmann::json::object();
  for (auto& [name, r] : by_rel) rels[name] = std::move(r);
  return {{"from", a}, {"to", b}, {"relations", rels}, {"events", events}};
}
}  // namespace

nlohmann::json EgoJson(const EntityNetwork& net, const NetworkAnalysis::Ego& ego) {
  nlohmann::json nodes = nlohmann::json::array(), edges = nlohmann::json::array();
  for (const auto& n : ego.nodes) {
    nlohmann::json j = NodeJson(net, n.node);
    j["hops"] = n.hops;
    nodes.push_back(j);
  }
  for (const graph::Edge& e : ego.edges) edges.push_back(EdgeJson(net, e));
  return {{"nodes", nodes}, {"edges", edges}};
}

nlohmann::json PathsJson(const EntityNetwork& net, const std::vector<graph::Path>& paths) {
  // The records behind every hop, found in one pass over the edges.
  auto key = [](NodeId a, NodeId b) { return std::make_pair(std::min(a, b), std::max(a, b)); };
  std::map<std::pair<NodeId, NodeId>, std::vector<const graph::Edge*>> hop_edges;
  for (const graph::Path& p : paths)
    for (size_t i = 0; i + 1 < p.nodes.size(); ++i) hop_edges[key(p.nodes[i], p.nodes[i + 1])];
  for (const graph::Edge& e : net.edges().edges)
    if (auto it = hop_edges.find(key(e.src, e.dst)); it != hop_edges.end()) it->second.push_back(&e);
  nlohmann::json out = nlohmann::json::array();
  for (const graph::Path& p : paths) {
    nlohmann::json nodes = nlohmann::json::array(), links = nlohmann::json::array();
    for (NodeId v : p.nodes) nodes.push_back(NodeJson(net, v));
    for (size_t i = 0; i + 1 < p.nodes.size(); ++i)
      links.push_back(LinkJson(net, p.nodes[i], p.nodes[i + 1], hop_edges[key(p.nodes[i], p.nodes[i + 1])]));
    out.push_back({{"cost", p.cost}, {"hops", p.nodes.size() - 1}, {"nodes", nodes}, {"links", links}});
  }
  return out;
}

nlohmann::json StatsJson(const NetworkAnalysis& a) {
  const EntityNetwork& net = a.network();
  std::map<std::string, uint64_t> kinds, relations, agencies;
  for (const Node& n : net.nodes()) ++kinds[NodeKindName(n.kind)];
  int32_t first = 0, last = 0;
  for (const graph::Edge& e : net.edges().edges) {
    ++relations[graph::RelationName(e.rel)];
    ++agencies[e.agency < net.edges().agencies.size() && !net.edges().agencies[e.agency].empty()
                   ? net.edges().agencies[e.agency]
                   : "(derived)"];
    if (e.day) {
      first = first ? std::min(first, e.day) : e.day;
      last = std::max(last, e.day);
    }
  }
  const NodeMetrics& m = a.Metrics();
  std::map<NodeId, uint64_t> comp_size;
  for (NodeId c : m.component) ++comp_size[c];
  uint64_t largest = 0;
  for (const auto& kv : comp_size) largest = std::max(largest, kv.second);
  return {{"view", ViewName(net.view())},
          {"nodes", net.num_nodes()},
          {"edges", net.edges().edges.size()},
          {"graph_edges", a.graph().num_edges()},
          {"nodes_by_kind", kinds},
          {"edges_by_relation", relations},
          {"edges_by_agency", agencies},
          {"components", comp_size.size()},
          {"largest_component", largest},
          {"communities", m.communities},
          {"modularity", m.modularity},
          {"first_date", first ? graph::IsoFromDay(first) : ""},
          {"last_date", last ? graph::IsoFromDay(last) : ""}};
}

}  // namespace kashf::network
