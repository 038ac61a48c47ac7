// Disruption analysis over the cached network (include/kashf/network/disruption.h, key_players.h):
// what removing some people does to the network, and which k people to remove to fragment it most.
// Answers use the JSON forms of kashf/network/disruption_json.h, the same as `kashf network disrupt |
// key-players --json`. Victims appear only as "[victim]" and are never chosen as key players.
#include <cstdint>

#include <fmt/format.h>

#include "kashf/core/text.h"
#include "kashf/network/disruption_json.h"
#include "server_state.h"

namespace kashf::server {
namespace {

using auth::Permission;

constexpr size_t kMaxRemoved = 50;
constexpr size_t kMaxKeyLength = 200;

// GET /network/disruption?remove=ID,ID,...&brokers=N
Result<Reply> Disruption(Call& c) {
  KASHF_ASSIGN_OR_RETURN(int64_t brokers, c.QueryInt("brokers", 10, 0, 100));
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
  KASHF_ASSIGN_OR_RETURN(auto a, CachedNetwork(c));
  const network::EntityNetwork& net = a->network();
  KASHF_ASSIGN_OR_RETURN(auto removed, network::FindNodes(net, keys));
  KASHF_ASSIGN_OR_RETURN(
      auto report, network::AnalyseDisruption(net, a->graph(), removed, {.max_brokers = static_cast<size_t>(brokers)}));
  std::vector<std::string> ids;
  for (network::NodeId v : report.removed) ids.push_back(net.nodes()[v].id);
  KASHF_RETURN_IF_ERROR(
      c.Audit("network.disruption", Join(ids, ","), fmt::format("pairs_disconnected={}", report.pairs_disconnected)));
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

}  // namespace

void AddDisruptionRoutes(Router& r) {
  r.Add({"GET", "/api/v1/network/disruption", Permission::kReadNetwork, false, Disruption,
         "what removing some nodes does: reachability, money relayed, who could reconnect it"});
  r.Add({"GET", "/api/v1/network/key-players", Permission::kReadNetwork, false, KeyPlayers,
         "the k nodes whose removal fragments the network most (Borgatti's KPP-Neg)"});
}

}  // namespace kashf::server
