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
//   organiser  = 0.10 L(money received) + 0.20 L(net inflow, money kept) + 0.10 L(money-flow rank)
//                + 0.15 broker-ness of its contacts (weighted mean broker score of its neighbours)
//                + 0.10 hidden prominence: max(L(PageRank), L(received), L(betweenness)) x
//                (1 - L(case records)); kingpins are rarely named, and when they are they pass
//                as "agents"
//                + 0.15 L(deference) + 0.10 shielded + 0.10 flow control + 0.10 L(reports after
//                events) (hidden-leader evidence, RoleWeights; event_reports.h)
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
#include "kashf/network/event_reports.h"
#include "kashf/network/metrics.h"

namespace kashf::network {

enum class Role : uint8_t { kOrganiser, kBroker, kRecruiter, kTransporter, kPeripheral };
const char* RoleName(Role r);                     // "organiser", "broker", "recruiter", "transporter", "peripheral"
Result<Role> ParseRole(const std::string& name);  // also accepts "organizer"

// Each score is the weighted mean of the components whose evidence the data has: a component that
// needs payments, case records, hawala settlements or victims is left out (and its weight with it)
// when no actor has any, and the score says so (RoleScore::*_lacking).
struct RoleWeights {
  double broker_betweenness = 0.30, broker_bridging = 0.10, broker_pass_through = 0.25, broker_hawala = 0.15,
         broker_upward = 0.20;
  double organiser_received = 0.10, organiser_net_inflow = 0.20, organiser_money_rank = 0.10, organiser_contacts = 0.15,
         organiser_hidden = 0.10;
  // Hidden-leader evidence (docs/network.md): likely brokers deferring to the node (the surplus of
  // their calls and payments to it over its own to them), the share of its ties that go to likely brokers times how few
  // contacts it has (shielded), and money it ends up with that its contact volume does not explain.
  double organiser_deference = 0.15, organiser_shielded = 0.10, organiser_flow_control = 0.10;
  // Recipient of reports after events: L(reports) of event_reports.h, when the data has dated
  // events and dated calls.
  double organiser_reports = 0.10;
};

struct RoleScore {
  NodeId node = kNoNode;
  double organiser = 0, broker = 0, peripheral = 0;
  Role peripheral_kind = Role::kPeripheral;  // kRecruiter or kTransporter when the evidence says which
  // The best-fit role, calibrated so that roles are rare: a role is assigned only when its score is
  // an outlier among the actors' scores for it (modified z-score >= 3.5, Iglewicz & Hoaglin 1993)
  // and in the top 5%; of several, the one with the highest z. Otherwise kPeripheral, which then
  // means "no role stands out" (most nodes).
  Role role = Role::kPeripheral;
  double role_z = 0;  // the modified z-score of the assigned role's score (0 when none)
  // Plain-language reasons, strongest first, with the figures behind them and how the node
  // compares with its peers (percentiles among the actors).
  std::vector<std::string> organiser_reasons, broker_reasons, peripheral_reasons;
  // The evidence each score could not use because the data has none of it ("payments", "case
  // records", "hawala settlements", "victims", "dated events", "dated calls", and "amounts in one
  // currency (...)" when the payments mix currencies that were not converted); the same for every
  // node of one network.
  std::vector<std::string> organiser_lacking, broker_lacking, peripheral_lacking;
};

// One RoleScore per actor node (non-actors are left out), in node order. `g` and `m` are the
// graph of net.edges() and its metrics. Amounts are added and compared only when the payments are
// in one currency (m.money_currency); otherwise the components that weigh amounts drop out and
// the scores say so. `reports` sets the window of the reports-after-events evidence (its
// precondition: CheckEventReportOptions).
std::vector<RoleScore> ScoreRoles(const EntityNetwork& net, const graph::Graph& g, const NodeMetrics& m,
                                  const RoleWeights& w = {}, const EventReportOptions& reports = {});

// The k highest by `role` (kRecruiter / kTransporter rank the peripheral score among nodes of
// that kind), ties by node id.
std::vector<RoleScore> TopByRole(const std::vector<RoleScore>& scores, Role role, size_t k);

}  // namespace kashf::network
