// Disruption analysis over the cached network (include/kashf/network/disruption.h, key_players.h):
// what removing some people does to the network, and which k people to remove to fragment it most.
// Answers use the JSON forms of kashf/network/disruption_json.h, the same as `kashf network disrupt |
// key-players --json`. Victims appear only as "[victim]" and are never chosen as key players.
#include <cstdint>

#include <fmt/format.h>

#include "kashf/core/text.h"
#include "kashf/graph/graph.h"
#include "kashf/network/disruption_json.h"
#include "server_state.h"

namespace kashf::server {
namespace {

using auth::Permission;

constexpr size_t kMaxRemoved = 50;
constexpr size_t kMaxKeyLength = 200;

// The nodes named by the `remove` query parameter (comma-separated ids), bounded in number and length.
Result<std::vector<network::NodeId>> RemovedNodes(const Call& c, const network::EntityNetwork& net) {
  std::vector<std::string> keys;
  for (const std::string& key : Split(c.Query("remove"), ','))
    if (!Trim(key).empty()) keys.emplace_back(Trim(key));
  if (keys.empty())
    return Status::InvalidArgument("'remove' is required: comma-separated cluster ids, entity ids or node numbers");
  if (keys.size() > kMaxRemoved)
    return Status::InvalidArgument(fmt::format("'remove' names at most {} nodes", kMaxRemoved));
  for (const std::string& key : keys)
    if (key.size() > kMaxKeyLength)
      return Status::InvalidArgument(fmt::format("each id in 'remove' is at most {} characters", kMaxKeyLength));
  return network::FindNodes(net, keys);
}

// Their ids, comma-separated (the audit subject).
std::string IdList(const network::EntityNetwork& net, const std::vector<network::NodeId>& nodes) {
  std::vector<std::string> ids;
  for (network::NodeId v : nodes) ids.push_back(net.nodes()[v].id);
  return Join(ids, ",");
}

// GET /network/disruption?remove=ID,ID,...&brokers=N
Result<Reply> Disruption(Call& c) {
  KASHF_ASSIGN_OR_RETURN(int64_t brokers, c.QueryInt("brokers", 10, 0, 100));
  KASHF_ASSIGN_OR_RETURN(auto a, CachedNetwork(c));
  const network::EntityNetwork& net = a->network();
  KASHF_ASSIGN_OR_RETURN(auto removed, RemovedNodes(c, net));
  KASHF_ASSIGN_OR_RETURN(
      auto report, network::AnalyseDisruption(net, a->graph(), removed, {.max_brokers = static_cast<size_t>(brokers)}));
  KASHF_RETURN_IF_ERROR(c.Audit("network.disruption", IdList(net, report.removed),
                                fmt::format("pairs_disconnected={}", report.pairs_disconnected)));
  return JsonReply(network::DisruptionJson(net, report));
}

// GET /network/key-players?k=N&candidates=C&restarts=R
Result<Reply> KeyPlayers(Call& c) {
  network::KeyPlayerOptions o;
  KASHF_ASSIGN_OR_RETURN(int64_t k, c.QueryInt("k", 3, 1, 20));
  KASHF_ASSIGN_OR_RETURN(int64_t candidates, c.QueryInt("candidates", 0, 0, INT32_MAX));
  KASHF_ASSIGN_OR_RETURN(int64_t restarts, c.QueryInt("restarts", 4, 0, 16));
  o.k = static_cast<uint32_t>(k);
  o.candidates = static_cast<uint32_t>(candidates);
  o.restarts = static_cast<uint32_t>(restarts);
  o.threads = 1;  // one request, one core: the server answers many at once
  KASHF_ASSIGN_OR_RETURN(auto a, CachedNetwork(c));
  o.eligible = network::RemovableNodes(a->network());
  KASHF_ASSIGN_OR_RETURN(auto r, network::FindKeyPlayers(a->graph(), o));
  KASHF_RETURN_IF_ERROR(
      c.Audit("network.key_players", "", fmt::format("k={} candidates={} restarts={}", k, candidates, restarts)));
  return JsonReply(network::KeyPlayersJson(a->network(), r));
}

// GET /network/succession?remove=ID,...&date=YYYY-MM-DD&window=DAYS&limit=N
Result<Reply> Succession(Call& c) {
  network::SuccessionOptions o;
  const std::string date = c.Query("date");
  auto day = graph::DayFromIso(date);
  if (date.size() != 10 || !day.ok())
    return Status::InvalidArgument("'date' is required: the removal date, YYYY-MM-DD");
  o.removal_day = *day;
  KASHF_ASSIGN_OR_RETURN(int64_t window, c.QueryInt("window", 0, 0, 3650));
  KASHF_ASSIGN_OR_RETURN(int64_t limit, c.QueryInt("limit", 10, 1, 100));
  o.window_days = static_cast<int32_t>(window);
  o.limit = static_cast<size_t>(limit);
  o.threads = 1;
  KASHF_ASSIGN_OR_RETURN(auto a, CachedNetwork(c));
  const network::EntityNetwork& net = a->network();
  KASHF_ASSIGN_OR_RETURN(auto removed, RemovedNodes(c, net));
  KASHF_ASSIGN_OR_RETURN(auto r, network::FindSuccessors(net, removed, o));
  KASHF_RETURN_IF_ERROR(c.Audit("network.succession", IdList(net, removed),
                                fmt::format("date={} window={} listed={}", date, window, r.successors.size())));
  return JsonReply(network::SuccessionJson(net, r));
}

}  // namespace

void AddDisruptionRoutes(Router& r) {
  r.Add({"GET", "/api/v1/network/disruption", Permission::kReadNetwork, false, Disruption,
         "what removing some nodes does: reachability, money relayed, who could reconnect it"});
  r.Add({"GET", "/api/v1/network/key-players", Permission::kReadNetwork, false, KeyPlayers,
         "the k nodes whose removal fragments the network most (Borgatti's KPP-Neg)"});
  r.Add({"GET", "/api/v1/network/succession", Permission::kReadNetwork, false, Succession,
         "who replaced the removed: their contacts whose betweenness rose most after the removal date"});
}

}  // namespace kashf::server
