// GET /api/v1/network/typologies: laundering typologies (kashf/network/typology.h) over the
// store's payments, the accounts being the network's nodes. The hits come in the order found,
// at most `limit`; the counts cover all. Victims appear only as "[victim]" (NodeJson).
#include <fmt/format.h>

#include "kashf/core/text.h"
#include "kashf/network/json.h"
#include "kashf/network/typology.h"
#include "server_state.h"

namespace kashf::server {
namespace {

using auth::Permission;

// The query's typology parameters over the defaults; a value out of range is a 400 naming it.
Result<network::TypologyOptions> TypologyQuery(const Call& c) {
  network::TypologyOptions o;
  const std::string only = c.Query("typology");
  if (only.size() > 100) return Status::InvalidArgument("'typology' is too long");
  if (!only.empty())
    for (const std::string& name : Split(only, ',')) {
      KASHF_ASSIGN_OR_RETURN(network::Typology t, network::ParseTypology(name));
      o.only.push_back(t);
    }
  o.currency = c.Query("currency");
  if (o.currency.size() > 10) return Status::InvalidArgument("'currency' is a currency code such as PKR");
  auto number = [&](const char* name, double& v, double lo, double hi) -> Status {
    KASHF_ASSIGN_OR_RETURN(v, c.QueryNumber(name, v, lo, hi));
    return Status::Ok();
  };
  auto count = [&](const char* name, uint32_t& v, int64_t lo, int64_t hi) -> Status {
    KASHF_ASSIGN_OR_RETURN(int64_t x, c.QueryInt(name, v, lo, hi));
    v = static_cast<uint32_t>(x);
    return Status::Ok();
  };
  KASHF_RETURN_IF_ERROR(count("fan_min_transfers", o.fan.min_transfers, 3, 1000));
  KASHF_RETURN_IF_ERROR(number("fan_amount_band", o.fan.amount_band, 0, 1));
  KASHF_RETURN_IF_ERROR(number("fan_max_gap_cv", o.fan.max_gap_cv, 0, 2));
  KASHF_RETURN_IF_ERROR(number("fan_threshold", o.fan.threshold, 0, 1e15));
  KASHF_RETURN_IF_ERROR(count("cycle_max_hops", o.cycle.max_hops, 2, 12));
  KASHF_RETURN_IF_ERROR(number("cycle_min_kept", o.cycle.min_kept, 0, 2));
  KASHF_RETURN_IF_ERROR(count("sg_min_intermediaries", o.scatter_gather.min_intermediaries, 2, 1000));
  KASHF_RETURN_IF_ERROR(number("pt_max_hold_hours", o.pass_through.max_hold_hours, 0, 720));
  KASHF_RETURN_IF_ERROR(number("pt_max_retained", o.pass_through.max_retained, 0, 1));
  KASHF_RETURN_IF_ERROR(count("pt_min_events", o.pass_through.min_events, 1, 1000));
  KASHF_RETURN_IF_ERROR(number("pt_min_share", o.pass_through.min_share, 0, 1));
  KASHF_RETURN_IF_ERROR(network::Validate(o));  // the rules between parameters (cycle min/max hops ...)
  return o;
}

Result<Reply> Typologies(Call& c) {
  KASHF_ASSIGN_OR_RETURN(network::TypologyOptions o, TypologyQuery(c));
  KASHF_ASSIGN_OR_RETURN(int64_t limit, c.QueryInt("limit", 100, 1, 1000));
  KASHF_ASSIGN_OR_RETURN(auto a, CachedNetwork(c));
  const network::EntityNetwork& net = a->network();
  std::vector<network::NodeId> node_of;  // account number -> node
  network::TransferSet ts = network::TransfersFromPayments(a->Money().payments(), [&](uint32_t v) {
    node_of.push_back(v);
    return net.nodes()[v].id;
  });
  nlohmann::json items = nlohmann::json::array();
  nlohmann::json counts = nlohmann::json::object();
  for (int k = 0; k < network::kTypologyCount; ++k)
    counts[network::TypologyName(static_cast<network::Typology>(k))] = 0;
  int64_t total = 0;
  KASHF_RETURN_IF_ERROR(network::DetectTypologies(ts, o, [&](network::TypologyHit&& h) {
    counts[network::TypologyName(h.typology)] = counts[network::TypologyName(h.typology)].get<int64_t>() + 1;
    if (total++ < limit) {
      nlohmann::json j = network::TypologyHitJson(ts, h);
      j["node"] = network::NodeJson(net, node_of[h.account]);
      items.push_back(std::move(j));
    }
    return true;
  }));
  KASHF_RETURN_IF_ERROR(
      c.Audit("network.typologies", "", fmt::format("typology={} hits={}", c.Query("typology"), total)));
  return JsonReply({{"items", items},
                    {"counts", counts},
                    {"total", total},
                    {"limit", limit},
                    {"truncated", total > limit},
                    {"transfers", ts.transfers().size()}});
}

}  // namespace

void AddTypologyRoutes(Router& r) {
  r.Add({"GET", "/api/v1/network/typologies", Permission::kReadNetwork, false, Typologies,
         "laundering typologies over the payments: structuring fan-in/fan-out, cycles, scatter-gather, pass-through, "
         "hawala settlement"});
}

}  // namespace kashf::server
