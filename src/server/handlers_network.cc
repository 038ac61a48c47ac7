// Network queries over the resolved entity graph (include/kashf/network): ego networks, k shortest
// paths, role scores with reasons, money trails with layering flags, and a summary. The network
// is built once and cached (NetworkCache) until the store changes; answers use the JSON forms of
// kashf/network/json.h, the same as `kashf network ... --json`. Victims appear only as "[victim]".
#include <algorithm>
#include <unordered_set>

#include <fmt/format.h>

#include "kashf/core/text.h"
#include "kashf/graph/graph.h"
#include "kashf/network/json.h"
#include "kashf/network/money.h"
#include "server_state.h"

namespace kashf::server {
namespace {

using auth::Permission;
using network::NodeId;

constexpr int64_t kMaxEgoNodes = 2000;
constexpr size_t kMaxKeyLength = 200;

Result<std::shared_ptr<const network::NetworkAnalysis>> Network(Call& c) {
  NetworkCache& cache = c.state.network;
  MutexLock lock(cache.mu);
  const uint64_t gen = cache.generation.load();
  std::string stamp = cache.stamp.Read(c.state.config.db_path, c.state.model);
  if (cache.analysis && cache.built_generation == gen && cache.built_stamp == stamp) return cache.analysis;
  KASHF_ASSIGN_OR_RETURN(Store * store, c.db.store());
  KASHF_ASSIGN_OR_RETURN(auto built, network::NetworkAnalysis::Build(*store, c.state.model));
  std::shared_ptr<const network::NetworkAnalysis> analysis(std::move(built));
  (void)analysis->Roles();  // measures and roles once, here, not in the first caller's time budget
  cache.analysis = analysis;
  cache.built_generation = gen;
  cache.built_stamp = std::move(stamp);
  return cache.analysis;
}

// A node named by cluster id, entity id or node number, from query parameter or path.
Result<NodeId> FindNode(const network::EntityNetwork& net, const std::string& name, const std::string& key) {
  if (Trim(key).empty())
    return Status::InvalidArgument(
        fmt::format("'{}' is required: a cluster id, entity id or node number (see /api/v1/search)", name));
  if (key.size() > kMaxKeyLength)
    return Status::InvalidArgument(fmt::format("'{}' is at most {} characters", name, kMaxKeyLength));
  auto v = net.Find(key);
  if (!v.ok()) return v.status().WithContext(fmt::format("'{}'", name));
  return *v;
}

// Day number of an ISO date query parameter; `fallback` when absent or empty.
Result<int32_t> QueryDay(const Call& c, const std::string& name, int32_t fallback) {
  const std::string s = c.Query(name);
  if (s.empty()) return fallback;
  if (s.size() > 10)
    return Status::InvalidArgument(fmt::format("query parameter '{}' must be a date YYYY-MM-DD", name));
  auto d = graph::DayFromIso(s);
  if (!d.ok()) return Status::InvalidArgument(fmt::format("query parameter '{}' must be a date YYYY-MM-DD", name));
  return *d;
}

// A node's JSON with its role scores and reasons when it is an actor.
nlohmann::json NodeWithRole(const network::NetworkAnalysis& a, NodeId v) {
  const network::RoleScore* s = a.RoleOf(v);
  return s ? network::RoleJson(a.network(), *s) : network::NodeJson(a.network(), v);
}

Result<Reply> Ego(Call& c) {
  KASHF_ASSIGN_OR_RETURN(int64_t depth, c.QueryInt("depth", 1, 1, 3));
  KASHF_ASSIGN_OR_RETURN(int64_t limit, c.QueryInt("limit", 500, 1, kMaxEgoNodes));
  KASHF_ASSIGN_OR_RETURN(int32_t from, QueryDay(c, "from", INT32_MIN));
  KASHF_ASSIGN_OR_RETURN(int32_t to, QueryDay(c, "to", INT32_MAX));
  if (from > to) return Status::InvalidArgument("'from' is after 'to'");
  KASHF_ASSIGN_OR_RETURN(auto a, Network(c));
  const network::EntityNetwork& net = a->network();
  KASHF_ASSIGN_OR_RETURN(NodeId center, FindNode(net, "id", c.Param("id")));
  network::NetworkAnalysis::Ego ego = a->EgoNetwork(center, static_cast<uint32_t>(depth));
  // Date window: keep dated edges inside it (undated ties such as family stay), then keep the
  // nodes still within `depth` hops of the centre over those edges (breadth-first).
  std::vector<graph::Edge> edges;
  for (const graph::Edge& e : ego.edges)
    if (e.day == 0 || (e.day >= from && e.day <= to)) edges.push_back(e);
  std::unordered_map<NodeId, uint32_t> hops{{center, 0}};
  std::vector<NodeId> frontier{center};
  for (uint32_t h = 1; h <= depth && !frontier.empty(); ++h) {
    std::vector<NodeId> next;
    for (const graph::Edge& e : edges)
      for (auto [u, w] : {std::pair{e.src, e.dst}, std::pair{e.dst, e.src}})
        if (hops.count(u) && hops[u] == h - 1 && !hops.count(w)) {
          hops[w] = h;
          next.push_back(w);
        }
    frontier = std::move(next);
  }
  nlohmann::json nodes = nlohmann::json::array(), out_edges = nlohmann::json::array();
  std::unordered_set<NodeId> kept;
  size_t reachable = 0;
  for (const graph::EgoNode& n : ego.nodes) {  // centre first, then by distance
    auto it = hops.find(n.node);
    if (it == hops.end()) continue;
    ++reachable;
    if (static_cast<int64_t>(kept.size()) >= limit) continue;
    kept.insert(n.node);
    nlohmann::json j = NodeWithRole(*a, n.node);
    j["hops"] = it->second;
    nodes.push_back(std::move(j));
  }
  network::NetworkAnalysis::Ego shown;
  for (const graph::Edge& e : edges)
    if (kept.count(e.src) && kept.count(e.dst)) shown.edges.push_back(e);
  out_edges = network::EgoJson(net, shown)["edges"];
  KASHF_RETURN_IF_ERROR(
      c.Audit("network.ego", net.nodes()[center].id, fmt::format("depth={} nodes={}", depth, kept.size())));
  return JsonReply({{"center", NodeWithRole(*a, center)},
                    {"depth", depth},
                    {"nodes", nodes},
                    {"edges", out_edges},
                    {"total_nodes", reachable},
                    {"truncated", reachable > kept.size()}});
}

Result<Reply> Paths(Call& c) {
  KASHF_ASSIGN_OR_RETURN(int64_t k, c.QueryInt("k", 3, 1, 10));
  KASHF_ASSIGN_OR_RETURN(auto a, Network(c));
  const network::EntityNetwork& net = a->network();
  KASHF_ASSIGN_OR_RETURN(NodeId from, FindNode(net, "from", c.Query("from")));
  KASHF_ASSIGN_OR_RETURN(NodeId to, FindNode(net, "to", c.Query("to")));
  if (from == to) return Status::InvalidArgument("'from' and 'to' are the same node");
  auto paths = a->Paths(from, to, static_cast<uint32_t>(k));
  KASHF_RETURN_IF_ERROR(c.Audit("network.paths", net.nodes()[from].id + "|" + net.nodes()[to].id,
                                fmt::format("k={} found={}", k, paths.size())));
  return JsonReply({{"from", network::NodeJson(net, from)},
                    {"to", network::NodeJson(net, to)},
                    {"paths", network::PathsJson(net, paths)}});
}

// Role scores, highest first: by one role (role=organiser|broker|recruiter|transporter|peripheral)
// or, without it, by the stronger of organiser and broker (the suspects worth a look first).
Result<Reply> Roles(Call& c) {
  KASHF_ASSIGN_OR_RETURN(Page page, c.Paging(50));
  KASHF_ASSIGN_OR_RETURN(int64_t community, c.QueryInt("community", -1, 0, INT32_MAX));
  KASHF_ASSIGN_OR_RETURN(auto a, Network(c));
  const network::EntityNetwork& net = a->network();
  std::vector<network::RoleScore> scores;
  const auto& all = a->Roles();
  const network::NodeMetrics& m = a->Metrics();
  for (const auto& s : all)
    if (community < 0 || m.community[s.node] == static_cast<uint32_t>(community)) scores.push_back(s);
  const std::string role_name = c.Query("role");
  if (!role_name.empty()) {
    KASHF_ASSIGN_OR_RETURN(network::Role role, network::ParseRole(ToLowerAscii(role_name)));
    scores = network::TopByRole(scores, role, scores.size());
  } else {
    std::stable_sort(scores.begin(), scores.end(), [](const network::RoleScore& x, const network::RoleScore& y) {
      double kx = std::max(x.organiser, x.broker), ky = std::max(y.organiser, y.broker);
      return kx != ky ? kx > ky : x.node < y.node;
    });
  }
  nlohmann::json items = nlohmann::json::array();
  for (size_t i = static_cast<size_t>(page.offset); i < scores.size() && items.size() < static_cast<size_t>(page.limit);
       ++i) {
    nlohmann::json j = network::RoleJson(net, scores[i]);
    j["community"] = m.community[scores[i].node];
    items.push_back(std::move(j));
  }
  KASHF_RETURN_IF_ERROR(
      c.Audit("network.roles", role_name, fmt::format("community={} shown={}", community, items.size())));
  const int64_t total = static_cast<int64_t>(scores.size());
  const int64_t next = page.offset + page.limit;
  return JsonReply({{"items", items},
                    {"limit", page.limit},
                    {"offset", page.offset},
                    {"total", total},
                    {"next_offset", next < total ? nlohmann::json(next) : nlohmann::json(nullptr)},
                    {"betweenness_exact", m.betweenness_exact}});
}

// Role scores (RoleJson) of the scored nodes a money trail answer names (start, the first `max_paths`
// paths, the endpoints), each once, so a drawing colours them as the ego network does.
nlohmann::json TrailRoles(const network::NetworkAnalysis& a, NodeId start, const network::TrailResult& t,
                          size_t max_paths) {
  std::vector<NodeId> named{start};
  for (size_t i = 0; i < t.paths.size() && i < max_paths; ++i)
    for (const network::TrailHop& h : t.paths[i].hops) named.insert(named.end(), {h.from, h.to});
  for (const network::TrailEndpoint& e : t.endpoints) named.push_back(e.node);
  nlohmann::json roles = nlohmann::json::array();
  std::unordered_set<NodeId> done;
  for (NodeId v : named)
    if (const network::RoleScore* s = a.RoleOf(v); s && done.insert(v).second)
      roles.push_back(network::RoleJson(a.network(), *s));
  return roles;
}

Result<Reply> MoneyTrail(Call& c) {
  network::TrailOptions o;
  const std::string direction = c.Query("direction", "out");
  if (direction != "out" && direction != "in")
    return Status::InvalidArgument("'direction' is out (where the money went) or in (where it came from)");
  o.forward = direction == "out";
  KASHF_ASSIGN_OR_RETURN(int64_t hops, c.QueryInt("hops", 3, 1, 6));
  KASHF_ASSIGN_OR_RETURN(int64_t days, c.QueryInt("days", 30, 0, 3650));
  KASHF_ASSIGN_OR_RETURN(o.tolerance, c.QueryNumber("tolerance", 0.5, -1, 100));
  KASHF_ASSIGN_OR_RETURN(o.min_amount, c.QueryNumber("min_amount", 0, 0, 1e15));
  KASHF_ASSIGN_OR_RETURN(o.from_day, QueryDay(c, "since", INT32_MIN));
  KASHF_ASSIGN_OR_RETURN(o.to_day, QueryDay(c, "until", INT32_MAX));
  if (o.from_day > o.to_day) return Status::InvalidArgument("'since' is after 'until'");
  KASHF_ASSIGN_OR_RETURN(int64_t limit, c.QueryInt("limit", 50, 1, 500));
  KASHF_ASSIGN_OR_RETURN(bool layering, c.QueryBool("layering", true));
  const std::string channels = c.Query("channel");
  if (channels.size() > 100) return Status::InvalidArgument("'channel' is too long");
  if (!channels.empty()) {
    std::vector<std::string> names;
    for (const std::string& name : Split(channels, ',')) names.emplace_back(Trim(name));
    KASHF_ASSIGN_OR_RETURN(o.channels, network::ChannelBits(names));
  }
  o.hops = static_cast<uint32_t>(hops);
  o.days = static_cast<int32_t>(days);
  o.max_paths = 10000;
  KASHF_ASSIGN_OR_RETURN(auto a, Network(c));
  const network::EntityNetwork& net = a->network();
  KASHF_ASSIGN_OR_RETURN(NodeId start, FindNode(net, "from", c.Query("from")));
  // Trails compare and add amounts: one currency only (the CLI converts with --convert-to --rates).
  KASHF_ASSIGN_OR_RETURN(const std::string currency, network::SingleCurrency(a->Money().payments(), "a money trail"));
  network::TrailResult t = network::FollowMoney(a->Money(), start, o);
  nlohmann::json j = network::TrailJson(net, t, static_cast<size_t>(limit));
  j["currency"] = currency;
  j["start"] = NodeWithRole(*a, start);
  j["roles"] = TrailRoles(*a, start, t, static_cast<size_t>(limit));
  j["direction"] = o.forward ? "forward" : "backward";
  if (layering) {  // layering patterns around the start and where the money went (or came from)
    network::LayeringOptions lo;
    lo.days = std::max<int32_t>(o.days, 1);
    lo.limit = 20;
    lo.threads = 1;
    lo.only.push_back(start);
    for (size_t i = 0; i < t.endpoints.size() && lo.only.size() < 50; ++i) lo.only.push_back(t.endpoints[i].node);
    j["layering"] = network::LayeringJson(net, network::DetectLayering(a->Money(), lo));
  }
  KASHF_RETURN_IF_ERROR(
      c.Audit("network.money_trail", net.nodes()[start].id,
              fmt::format("direction={} hops={} days={} paths={}", direction, hops, days, t.paths.size())));
  return JsonReply(std::move(j));
}

Result<Reply> Summary(Call& c) {
  KASHF_ASSIGN_OR_RETURN(auto a, Network(c));
  KASHF_RETURN_IF_ERROR(c.Audit("network.stats", "", ""));
  return JsonReply(network::StatsJson(*a));
}

}  // namespace

Result<std::shared_ptr<const network::NetworkAnalysis>> CachedNetwork(Call& c) { return Network(c); }

void AddNetworkRoutes(Router& r) {
  r.Add({"GET", "/api/v1/network/stats", Permission::kReadNetwork, false, Summary,
         "nodes and edges by kind, relation and agency; components; communities"});
  r.Add({"GET", "/api/v1/network/ego/{id}", Permission::kReadNetwork, false, Ego,
         "entities within depth hops of one, with role scores, and the ties among them"});
  r.Add({"GET", "/api/v1/network/paths", Permission::kReadNetwork, false, Paths,
         "k shortest paths between two entities"});
  r.Add({"GET", "/api/v1/network/roles", Permission::kReadNetwork, false, Roles,
         "role scores (organiser, broker, recruiter, transporter) with reasons, highest first"});
  r.Add({"GET", "/api/v1/network/money-trail", Permission::kReadNetwork, false, MoneyTrail,
         "follow funds forward or backward within a window and amount tolerance; layering flags"});
}

}  // namespace kashf::server
