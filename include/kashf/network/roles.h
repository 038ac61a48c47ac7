// Role scoring: organiser / broker / peripheral (recruiter, transporter) from network structure
// and money flow, each score with the reasons that produced it.
//
// Each measure x is put on a log scale, L(x) = log(1 + x/m) / log(1 + max/m) with m the median of
// the positive values among the actors (people, organisations, phones, accounts): the largest
// value maps to 1, nothing to 0, and magnitudes count (an organiser's PKR 900M is not a family's
// PKR 600k, which a percentile could not tell apart). Scores are weighted sums in [0, 1]:
//   broker     = 0.30 L(suspect betweenness: victims left out) + 0.10 L(communities bridged)
//                + 0.25 L(money passed through, min(in, out)) + 0.15 L(hawala volume)
//                + 0.20 upward flow (share of its payments, by amount, to nodes that keep money,
//                weighted by L(net inflow) of the payee)
//   organiser  = 0.20 L(money received) + 0.30 L(net inflow, money kept) + 0.10 L(money-flow rank)
//                + 0.20 broker-ness of its contacts (weighted mean broker score of its neighbours)
//                + 0.20 hidden prominence: max(L(PageRank), L(received), L(betweenness)) x
//                (1 - L(case records)); kingpins are rarely named, and when they are they pass
//                as "agents"
//   peripheral = (0.5 recruiter or transporter signal + 0.5 L(case records)) x (1 - max(organiser,
//                broker)): named often, paid little, close to victims (recruiter) or paid by
//                brokers / recorded as driver (transporter); high values flag likely scapegoats.
// Reasons quote percentiles ("top 1%") and the figures. The weights are data (RoleWeights),
// documented in docs/network.md with the evaluation against the simulator's ground truth
// (docs/bench/network.md).
#pragma once
#include <string>
#include <vector>

#include "kashf/network/entity_network.h"
#include "kashf/network/metrics.h"

namespace kashf::network {

enum class Role : uint8_t { kOrganiser, kBroker, kRecruiter, kTransporter, kPeripheral };
const char* RoleName(Role r);                     // "organiser", "broker", "recruiter", "transporter", "peripheral"
Result<Role> ParseRole(const std::string& name);  // also accepts "organizer"

struct RoleWeights {
  double broker_betweenness = 0.30, broker_bridging = 0.10, broker_pass_through = 0.25, broker_hawala = 0.15,
         broker_upward = 0.20;
  double organiser_received = 0.20, organiser_net_inflow = 0.30, organiser_money_rank = 0.10, organiser_contacts = 0.20,
         organiser_hidden = 0.20;
};

struct RoleScore {
  NodeId node = kNoNode;
  double organiser = 0, broker = 0, peripheral = 0;
  Role peripheral_kind = Role::kPeripheral;  // kRecruiter or kTransporter when the evidence says which
  Role role = Role::kPeripheral;             // the highest of the three (peripheral_kind for peripheral)
  // Plain-language reasons, strongest first, with the figures behind them.
  std::vector<std::string> organiser_reasons, broker_reasons, peripheral_reasons;
};

// One RoleScore per actor node (non-actors are left out), in node order. `g` and `m` are the
// graph of net.edges() and its metrics.
std::vector<RoleScore> ScoreRoles(const EntityNetwork& net, const graph::Graph& g, const NodeMetrics& m,
                                  const RoleWeights& w = {});

// The k highest by `role` (kRecruiter / kTransporter rank the peripheral score among nodes of
// that kind), ties by node id.
std::vector<RoleScore> TopByRole(const std::vector<RoleScore>& scores, Role role, size_t k);

// "PKR 1.25M", "PKR 48,000": amounts for reasons and reports.
std::string FormatAmount(double amount);

}  // namespace kashf::network
