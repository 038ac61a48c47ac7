// Role scoring (roles.h): percentile ranks of structural and money measures, combined with fixed,
// documented weights; each component that stands out adds a reason with its figures.
#include "kashf/network/roles.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <tuple>
#include <unordered_map>

#include <fmt/format.h>

#include "kashf/core/text.h"
#include "kashf/network/money.h"

namespace kashf::network {

const char* RoleName(Role r) {
  static const char* kNames[] = {"organiser", "broker", "recruiter", "transporter", "peripheral"};
  return kNames[static_cast<int>(r)];
}

Result<Role> ParseRole(const std::string& name) {
  std::string n = ToLowerAscii(name);
  if (n == "organizer") n = "organiser";
  for (int i = 0; i < 5; ++i)
    if (n == RoleName(static_cast<Role>(i))) return static_cast<Role>(i);
  return Status::InvalidArgument("unknown role '" + name +
                                 "'; use organiser, broker, recruiter, transporter or peripheral");
}

namespace {

// Percentile rank in [0, 1] of each actor's value among the actors (ties share their mean rank);
// values <= 0 (no evidence) rank 0.
std::vector<double> Percentiles(const std::vector<NodeId>& actors, const std::vector<double>& value) {
  std::vector<double> out(value.size(), 0);
  std::vector<NodeId> order;
  for (NodeId v : actors)
    if (value[v] > 0) order.push_back(v);
  if (order.empty()) return out;
  std::sort(order.begin(), order.end(), [&](NodeId a, NodeId b) { return value[a] < value[b]; });
  const double zeros = static_cast<double>(actors.size() - order.size());
  const double denom = std::max<double>(1, static_cast<double>(actors.size()) - 1);
  for (size_t i = 0; i < order.size();) {
    size_t j = i;
    while (j < order.size() && value[order[j]] == value[order[i]]) ++j;
    double mean_rank = zeros + (static_cast<double>(i) + static_cast<double>(j - 1)) / 2;
    for (size_t k = i; k < j; ++k) out[order[k]] = mean_rank / denom;
    i = j;
  }
  return out;
}

// log(1 + x/m) / log(1 + max/m) for each actor, m = median of the positive values; 0 for x <= 0.
// Keeps the order, maps the largest to 1, and lets magnitudes count (unlike a percentile).
std::vector<double> LogScale(const std::vector<NodeId>& actors, const std::vector<double>& value) {
  std::vector<double> out(value.size(), 0), positive;
  for (NodeId v : actors)
    if (value[v] > 0) positive.push_back(value[v]);
  if (positive.empty()) return out;
  std::nth_element(positive.begin(), positive.begin() + static_cast<std::ptrdiff_t>(positive.size() / 2),
                   positive.end());
  const double median = positive[positive.size() / 2];
  const double max = *std::max_element(positive.begin(), positive.end());
  const double top = std::log1p(max / median);
  for (NodeId v : actors)
    if (value[v] > 0) out[v] = top > 0 ? std::log1p(value[v] / median) / top : 1.0;
  return out;
}

std::string Top(double pct) {
  double top = std::max(0.1, (1 - pct) * 100);
  return top < 1 ? fmt::format("top {:.1f}%", top) : fmt::format("top {:.0f}%", top);
}

std::string RolesText(const Node& n) {
  std::vector<std::pair<uint32_t, std::string>> r;
  for (const auto& [role, count] : n.recorded_roles) r.push_back({count, role});
  std::sort(r.begin(), r.end(),
            [](const auto& a, const auto& b) { return a.first != b.first ? a.first > b.first : a.second < b.second; });
  std::vector<std::string> parts;
  for (const auto& [count, role] : r)
    parts.push_back(count > 1 ? fmt::format("'{}' x{}", role, count) : fmt::format("'{}'", role));
  return Join(parts, ", ");
}

bool IsTransportRole(const std::string& r) {
  return r == "driver" || r == "transporter" || r == "carrier" || r == "boatman" || r == "smuggler";
}

// The measures the three scores read, per node (indexed by NodeId, sized num_nodes; only the
// actors' entries are read). Scores use log scales (magnitudes matter: an organiser's PKR 900M is
// not a family's 600k); reasons quote percentiles ("top 1%"), which read more easily.
struct RoleEvidence {
  std::vector<NodeId> actors;  // in node order
  std::vector<char> is_actor;
  // Which kinds of evidence the data has at all (some actor has any): a score leaves out the
  // components that need what is missing and says so.
  bool has_payments = false, has_cases = false, has_hawala = false, has_victims = false;
  // Amounts can be added and compared: the payments are in one currency (or were converted to
  // one). False when they mix currencies: the components that weigh amounts drop out.
  bool has_amounts = false;
  std::string currency;                       // of every amount (NodeMetrics::money_currency)
  std::vector<std::string> mixed_currencies;  // when !has_amounts
  EventReports reports;                       // reports after events (event_reports.h)
  std::vector<double> l_reports, p_reports;
  std::vector<double> p_deg;  // percentile of degree (contacts)
  // Raw measures beyond the NodeMetrics: money passed through (min(in, out)), net inflow (money
  // kept), case records, money received, money rank and PageRank above the lowest actor's, and
  // upward flow (UpwardFlow).
  std::vector<double> pass, net_in, cases, received, money_excess, pr_excess, bridged, upward;
  // Log scales (LogScale) and percentiles (Percentiles) of the measures.
  std::vector<double> l_btw, l_bridge, l_pass, l_hawala, l_recv, l_net, l_money, l_pr, l_cases;
  std::vector<double> p_btw, p_up, p_bridge, p_pass, p_hawala, p_net, p_pr, p_cases, p_recv;
};

std::vector<double> AsDouble(const std::vector<uint32_t>& xs) { return std::vector<double>(xs.begin(), xs.end()); }

// The actor nodes (IsActor), in node order, and a per-node flag.
void FindActors(const EntityNetwork& net, RoleEvidence& ev) {
  const uint32_t n = net.num_nodes();
  for (NodeId v = 0; v < n; ++v)
    if (IsActor(net.nodes()[v].kind)) ev.actors.push_back(v);
  ev.is_actor.assign(n, 0);
  for (NodeId v : ev.actors) ev.is_actor[v] = 1;
}

// The raw money, case and rank measures of every node.
void MeasureNodes(const EntityNetwork& net, const NodeMetrics& m, RoleEvidence& ev) {
  const uint32_t n = net.num_nodes();
  ev.pass.resize(n);
  ev.net_in.resize(n);
  ev.cases.resize(n);
  ev.received.resize(n);
  ev.money_excess.assign(n, 0);
  ev.pr_excess.assign(n, 0);
  double money_floor = 1, pr_floor = 1;
  for (NodeId v : ev.actors) {
    money_floor = std::min(money_floor, m.money_rank[v]);
    pr_floor = std::min(pr_floor, m.pagerank[v]);
  }
  for (NodeId v = 0; v < n; ++v) {
    ev.pass[v] = std::min(m.money_in[v], m.money_out[v]);
    ev.net_in[v] = m.money_in[v] - m.money_out[v];
    ev.cases[v] = net.nodes()[v].cases;
    ev.received[v] = m.money_in[v];
    // PageRanks above the teleport floor every node gets; money rank only for nodes paid at all.
    if (m.payments_in[v] > 0) ev.money_excess[v] = m.money_rank[v] - money_floor;
    ev.pr_excess[v] = m.pagerank[v] - pr_floor;
  }
  ev.bridged = AsDouble(m.bridged_communities);
}

// Upward flow: the share of a node's outgoing money that goes to nodes keeping money (net
// receivers), weighted by how much they keep (`l_keep`, the log scale of net inflow). Brokers pass
// the proceeds up to organisers; recruiters pay brokers, who pay out more than they keep.
std::vector<double> UpwardFlow(const EntityNetwork& net, const NodeMetrics& m, const std::vector<double>& l_keep) {
  const uint32_t n = net.num_nodes();
  std::vector<double> upward(n, 0);
  for (const graph::Edge& e : net.edges().edges)
    if (e.rel == graph::Relation::kPayment && e.src < n && e.dst < n && m.money_out[e.src] > 0)
      upward[e.src] += e.amount * l_keep[e.dst] / m.money_out[e.src];
  return upward;
}

// Every measure the scores and reasons read, scaled among the actors.
RoleEvidence GatherEvidence(const EntityNetwork& net, const NodeMetrics& m, const EventReportOptions& report_options) {
  RoleEvidence ev;
  FindActors(net, ev);
  ev.currency = m.money_currency;
  MeasureNodes(net, m, ev);
  const auto& actors = ev.actors;
  ev.l_net = LogScale(actors, ev.net_in);
  ev.upward = UpwardFlow(net, m, ev.l_net);
  ev.l_btw = LogScale(actors, m.suspect_betweenness);
  ev.l_bridge = LogScale(actors, ev.bridged);
  ev.l_pass = LogScale(actors, ev.pass);
  ev.l_hawala = LogScale(actors, m.hawala_amount);
  ev.l_recv = LogScale(actors, ev.received);
  ev.l_money = LogScale(actors, ev.money_excess);
  ev.l_pr = LogScale(actors, ev.pr_excess);
  ev.l_cases = LogScale(actors, ev.cases);
  ev.p_btw = Percentiles(actors, m.suspect_betweenness);
  ev.p_up = Percentiles(actors, ev.upward);
  ev.p_bridge = Percentiles(actors, ev.bridged);
  ev.p_pass = Percentiles(actors, ev.pass);
  ev.p_hawala = Percentiles(actors, m.hawala_amount);
  ev.p_net = Percentiles(actors, ev.net_in);
  ev.p_pr = Percentiles(actors, ev.pr_excess);
  ev.p_cases = Percentiles(actors, ev.cases);
  ev.p_recv = Percentiles(actors, ev.received);
  ev.p_deg = Percentiles(actors, AsDouble(m.degree));
  for (NodeId v : actors) {
    ev.has_payments |= m.payments_in[v] + m.payments_out[v] > 0;
    ev.has_cases |= net.nodes()[v].cases > 0;
  }
  for (const graph::Edge& e : net.edges().edges)
    ev.has_hawala |= e.rel == graph::Relation::kPayment && e.channel == graph::Channel::kHawala;
  for (const Node& node : net.nodes()) ev.has_victims |= node.victim;
  ev.has_amounts = ev.has_payments && !m.MoneyMixed();
  if (m.MoneyMixed()) ev.mixed_currencies = m.payment_currencies;
  ev.reports = FindEventReports(net, report_options);
  if (ev.reports.HasEvidence()) {
    ev.l_reports = LogScale(actors, ev.reports.score);
    ev.p_reports = Percentiles(actors, ev.reports.score);
  }
  return ev;
}

// sum(w_i x_i) / sum(w_i) over the components whose evidence is present (`have`), 0 if none is.
double WeightedMean(std::initializer_list<std::tuple<double, double, bool>> parts) {
  double sum = 0, weight = 0;
  for (const auto& [w, x, have] : parts)
    if (have) {
      sum += w * x;
      weight += w;
    }
  return weight > 0 ? sum / weight : 0;
}

std::vector<std::string> Lacking(std::initializer_list<std::pair<bool, const char*>> needs) {
  std::vector<std::string> out;
  for (const auto& [have, what] : needs)
    if (!have) out.emplace_back(what);
  return out;
}

// What the money components lacked besides payments: amounts that can be added up, when the
// payments mix currencies and were not converted.
void LackingAmounts(const RoleEvidence& ev, std::vector<std::string>& lacking) {
  if (ev.has_payments && !ev.has_amounts)
    lacking.push_back(fmt::format("amounts in one currency (payments in {}; convert with --convert-to --rates)",
                                  Join(ev.mixed_currencies, ", ")));
}

// An amount in the currency of the network's payments ("PKR 1.25M"; no code when none was recorded).
std::string Money(const RoleEvidence& ev, double amount) { return FormatMoney(amount, ev.currency); }

// Step 1: actor v's broker score (roles.h) and the reasons for it.
void ScoreBroker(NodeId v, const RoleEvidence& ev, const NodeMetrics& m, const RoleWeights& w, RoleScore& s) {
  s.node = v;
  s.broker = WeightedMean({{w.broker_betweenness, ev.l_btw[v], true},
                           {w.broker_bridging, ev.l_bridge[v], true},
                           {w.broker_pass_through, ev.l_pass[v], ev.has_amounts},
                           {w.broker_hawala, ev.l_hawala[v], ev.has_hawala && ev.has_amounts},
                           {w.broker_upward, ev.upward[v], ev.has_amounts}});
  s.broker_lacking = Lacking({{ev.has_payments, "payments"}, {ev.has_hawala, "hawala settlements"}});
  LackingAmounts(ev, s.broker_lacking);
  if (ev.p_btw[v] >= 0.9)
    s.broker_reasons.push_back(fmt::format(
        "lies on many shortest paths between suspects: betweenness {:.2e} ({}{})", m.suspect_betweenness[v],
        Top(ev.p_btw[v]), m.betweenness_exact ? "" : fmt::format(", estimated from {} pivots", m.betweenness_samples)));
  if (m.bridged_communities[v] > 0 && ev.p_bridge[v] >= 0.8)
    s.broker_reasons.push_back(fmt::format("ties into {} communities besides its own (participation {:.2f})",
                                           m.bridged_communities[v], m.participation[v]));
  if (ev.pass[v] > 0 && ev.p_pass[v] >= 0.8)
    s.broker_reasons.push_back(fmt::format("passes money on: receives {} from {} payers and pays {} to {} payees ({})",
                                           Money(ev, m.money_in[v]), m.payers[v], Money(ev, m.money_out[v]),
                                           m.payees[v], Top(ev.p_pass[v])));
  if (ev.upward[v] >= 0.3 && ev.p_up[v] >= 0.8)
    s.broker_reasons.push_back(fmt::format(
        "passes money up: {:.0f}% of what it pays (weighted) goes to nodes that keep money", 100 * ev.upward[v]));
  if (m.hawala_amount[v] > 0 && ev.p_hawala[v] >= 0.8)
    s.broker_reasons.push_back(
        fmt::format("settles {} through hawala ({})", Money(ev, m.hawala_amount[v]), Top(ev.p_hawala[v])));
}

// The broker score of the top 1% of actors: an actor at or above it counts as a likely broker.
double LikelyBrokerBar(const std::vector<NodeId>& actors, const std::vector<RoleScore>& scores) {
  std::vector<double> broker_sorted;
  for (NodeId v : actors) broker_sorted.push_back(scores[v].broker);
  std::sort(broker_sorted.begin(), broker_sorted.end());
  return broker_sorted.empty() ? 1 : broker_sorted[broker_sorted.size() * 99 / 100];
}

// Per actor, the weighted mean broker score of its actor neighbours, and how many of them are
// likely brokers.
struct BrokerContacts {
  std::vector<double> mean_broker_score;
  std::vector<uint32_t> likely_brokers;
};

BrokerContacts ContactsWithBrokers(const graph::Graph& g, const RoleEvidence& ev, const std::vector<RoleScore>& scores,
                                   double broker_bar) {
  const size_t n = scores.size();
  BrokerContacts c{std::vector<double>(n, 0), std::vector<uint32_t>(n, 0)};
  for (NodeId v : ev.actors) {
    auto nb = g.undirected().Neighbours(v);
    auto wt = g.undirected().Weights(v);
    double sum = 0, weight = 0;
    for (size_t j = 0; j < nb.size(); ++j) {
      if (!ev.is_actor[nb[j]]) continue;
      sum += wt[j] * scores[nb[j]].broker;
      weight += wt[j];
      if (scores[nb[j]].broker >= broker_bar) ++c.likely_brokers[v];
    }
    c.mean_broker_score[v] = weight > 0 ? sum / weight : 0;
  }
  return c;
}

// Each actor's 1-based position by money rank above the floor (ties by node id); 0 for others.
std::vector<size_t> MoneyFlowPositions(const RoleEvidence& ev, size_t num_nodes) {
  std::vector<NodeId> by_money = ev.actors;
  std::sort(by_money.begin(), by_money.end(), [&](NodeId a, NodeId b) {
    return ev.money_excess[a] != ev.money_excess[b] ? ev.money_excess[a] > ev.money_excess[b] : a < b;
  });
  std::vector<size_t> position(num_nodes, 0);
  for (size_t i = 0; i < by_money.size(); ++i) position[by_money[i]] = i + 1;
  return position;
}

// Hidden-leader evidence, per node (only actors' entries are read). A "likely broker" contact u
// counts with weight b(u) = (p(u) - 0.9) / 0.1 for broker-score percentile p(u) >= 0.9 (0 below),
// so the top of the broker ranking counts fully and the 90th percentile not at all.
//   deference(v)  = sum over actor neighbours u of b(u) x max(0, w(u->v) - w(v->u)): the surplus of
//                   ties (calls, payments) running from likely brokers to v over those from v to
//                   them: brokers who report and pass proceeds up to v, repeatedly, defer to it.
//   shielded(v)   = (share of v's tie weight to likely brokers) x (1 - percentile of degree): few
//                   contacts, and those few are brokers.
//   flow control  = max(L(net inflow), L(money-flow rank)) x (1 - percentile of degree): money it
//                   ends up with that its contact volume does not explain.
// peers_named: the share of the actors in the top 10% by prominence (PageRank, money received or
// betweenness) that are named in a case record; "never named despite its position" is only said
// when it sets a node apart from them.
struct HiddenLeaderEvidence {
  std::vector<double> deference, towards_share, shielded, broker_tie_share, flow_control, l_deference, p_deference;
  std::vector<uint32_t> deferring;  // likely brokers among the contacts
  double peers_named = 0;
};

HiddenLeaderEvidence GatherHiddenLeaderEvidence(const graph::Graph& g, const RoleEvidence& ev,
                                                const std::vector<RoleScore>& scores) {
  const size_t n = scores.size();
  std::vector<double> broker(n, 0), b(n, 0);
  for (NodeId v : ev.actors) broker[v] = scores[v].broker;
  const std::vector<double> p_broker = Percentiles(ev.actors, broker);
  for (NodeId v : ev.actors) b[v] = std::max(0.0, (p_broker[v] - 0.9) / 0.1);
  HiddenLeaderEvidence h{std::vector<double>(n, 0),
                         std::vector<double>(n, 0),
                         std::vector<double>(n, 0),
                         std::vector<double>(n, 0),
                         std::vector<double>(n, 0),
                         {},
                         {},
                         std::vector<uint32_t>(n, 0),
                         0};
  std::unordered_map<NodeId, std::pair<double, double>> ties;  // neighbour -> (w(u->v), w(v->u))
  for (NodeId v : ev.actors) {
    ties.clear();
    auto in_nb = g.in().Neighbours(v);
    auto in_w = g.in().Weights(v);
    for (size_t j = 0; j < in_nb.size(); ++j) ties[in_nb[j]].first += in_w[j];
    auto out_nb = g.out().Neighbours(v);
    auto out_w = g.out().Weights(v);
    for (size_t j = 0; j < out_nb.size(); ++j) ties[out_nb[j]].second += out_w[j];
    double total = 0, to_brokers = 0, towards = 0, broker_weight = 0;
    for (const auto& [u, w] : ties) {
      if (!ev.is_actor[u]) continue;
      const double tie = w.first + w.second;
      total += tie;
      if (b[u] <= 0) continue;
      const double share_towards = w.first / tie;
      h.deference[v] += b[u] * std::max(0.0, w.first - w.second);
      towards += b[u] * share_towards;
      broker_weight += b[u];
      to_brokers += tie;
      ++h.deferring[v];
    }
    h.towards_share[v] = broker_weight > 0 ? towards / broker_weight : 0;
    h.broker_tie_share[v] = total > 0 ? to_brokers / total : 0;
    h.shielded[v] = h.broker_tie_share[v] * (1 - ev.p_deg[v]);
    h.flow_control[v] = std::max(ev.l_net[v], ev.l_money[v]) * (1 - ev.p_deg[v]);
  }
  h.l_deference = LogScale(ev.actors, h.deference);
  h.p_deference = Percentiles(ev.actors, h.deference);
  size_t prominent = 0, named = 0;
  for (NodeId v : ev.actors)
    if (std::max({ev.p_pr[v], ev.p_recv[v], ev.p_btw[v]}) >= 0.9) {
      ++prominent;
      named += ev.cases[v] > 0;
    }
  h.peers_named = prominent ? static_cast<double>(named) / static_cast<double>(prominent) : 0;
  return h;
}

// "fewer contacts than 93% of actors"
std::string FewerContacts(const RoleEvidence& ev, const NodeMetrics& m, NodeId v) {
  return fmt::format("{} contact{}, fewer than {:.0f}% of actors", m.degree[v], m.degree[v] == 1 ? "" : "s",
                     100 * (1 - ev.p_deg[v]));
}

// The reasons for the hidden-leader components of v's organiser score.
void HiddenLeaderReasons(NodeId v, const RoleEvidence& ev, const HiddenLeaderEvidence& h, const NodeMetrics& m,
                         RoleScore& s) {
  if (h.deferring[v] > 0 && h.p_deference[v] >= 0.9 && h.towards_share[v] > 0.5)
    s.organiser_reasons.push_back(fmt::format(
        "brokers defer to it: {} of its contacts are likely brokers (top 10% by broker score) and {:.0f}% of their "
        "calls and payments with it run towards it ({} by deference)",
        h.deferring[v], 100 * h.towards_share[v], Top(h.p_deference[v])));
  if (h.shielded[v] >= 0.5)
    s.organiser_reasons.push_back(fmt::format("shielded: {}, and {:.0f}% of its ties are with likely brokers",
                                              FewerContacts(ev, m, v), 100 * h.broker_tie_share[v]));
  if (h.flow_control[v] >= 0.5 && ev.net_in[v] > 0)
    s.organiser_reasons.push_back(
        fmt::format("controls money out of proportion to its contacts: keeps {} ({} by money kept) with {}",
                    Money(ev, ev.net_in[v]), Top(ev.p_net[v]), FewerContacts(ev, m, v)));
}

// "Recipient of reports after events" (event_reports.h): how many attendees, after how many
// events, and the clearest case; only for the top 10% of actors by reports.
void ReportsReason(NodeId v, const RoleEvidence& ev, const EntityNetwork& net, int32_t window_days, RoleScore& s) {
  const EventReports& r = ev.reports;
  if (r.events[v] == 0 || ev.p_reports[v] < 0.9) return;
  const EventInfo& top = net.events()[r.top_event[v]];
  const std::string name = top.caption.empty() ? top.schema : top.caption;
  s.organiser_reasons.push_back(fmt::format(
      "receives reports after events: within {} day{} after {} event{} it did not attend, {} of their {} attendees "
      "called or messaged it ({} call{}, {} message{}); {} of {} after {}{} ({} by reports after events)",
      window_days, window_days == 1 ? "" : "s", r.events[v], r.events[v] == 1 ? "" : "s", r.reporters[v],
      r.attendees[v], r.calls[v], r.calls[v] == 1 ? "" : "s", r.messages[v], r.messages[v] == 1 ? "" : "s",
      r.top_reporters[v], top.attendees, name, top.day ? " on " + graph::IsoFromDay(top.day) : "",
      Top(ev.p_reports[v])));
}

// Step 2: actor v's organiser score (roles.h; it reads the broker scores of v's contacts) and the
// reasons for it.
void ScoreOrganiser(NodeId v, const EntityNetwork& net, const RoleEvidence& ev, const NodeMetrics& m,
                    const RoleWeights& w, const BrokerContacts& contacts, const HiddenLeaderEvidence& h,
                    size_t money_position, int32_t report_window_days, RoleScore& s) {
  const Node& node = net.nodes()[v];
  const double prominence = std::max({ev.l_pr[v], ev.l_recv[v], ev.l_btw[v]});
  const double hidden = prominence * (1 - ev.l_cases[v]);
  const double contacts_broker = contacts.mean_broker_score[v];
  const bool reports = ev.reports.HasEvidence();
  s.organiser = WeightedMean({{w.organiser_received, ev.l_recv[v], ev.has_amounts},
                              {w.organiser_net_inflow, ev.l_net[v], ev.has_amounts},
                              {w.organiser_money_rank, ev.l_money[v], ev.has_payments},
                              {w.organiser_contacts, contacts_broker, true},
                              {w.organiser_hidden, hidden, ev.has_cases},
                              {w.organiser_deference, h.l_deference[v], true},
                              {w.organiser_shielded, h.shielded[v], true},
                              {w.organiser_flow_control, h.flow_control[v], ev.has_payments},
                              {w.organiser_reports, reports ? ev.l_reports[v] : 0, reports}});
  s.organiser_lacking = Lacking({{ev.has_payments, "payments"},
                                 {ev.has_cases, "case records"},
                                 {ev.reports.has_dated_events, "dated events"},
                                 {!ev.reports.has_dated_events || ev.reports.has_dated_calls, "dated calls"}});
  LackingAmounts(ev, s.organiser_lacking);
  if (ev.p_recv[v] >= 0.9 && ev.money_excess[v] > 0)
    s.organiser_reasons.push_back(fmt::format(
        "money converges here: receives {} from {} payers in {} payments ({}; #{} of {} by money-flow rank)",
        Money(ev, m.money_in[v]), m.payers[v], m.payments_in[v], Top(ev.p_recv[v]), money_position, ev.actors.size()));
  if (ev.net_in[v] > 0 && ev.p_net[v] >= 0.9)
    s.organiser_reasons.push_back(fmt::format("keeps {} ({:.0f}% of what it receives; {})", Money(ev, ev.net_in[v]),
                                              100 * ev.net_in[v] / m.money_in[v], Top(ev.p_net[v])));
  HiddenLeaderReasons(v, ev, h, m, s);
  if (reports) ReportsReason(v, ev, net, report_window_days, s);
  if (contacts.likely_brokers[v] > 0 && contacts_broker >= 0.4)
    s.organiser_reasons.push_back(
        fmt::format("deals with brokers: {} of its contacts are in the top 1% by broker score "
                    "(contacts' mean broker score {:.2f})",
                    contacts.likely_brokers[v], contacts_broker));
  // Being unnamed only says something when most actors as prominent are named (case records exist).
  if (ev.has_cases && hidden >= 0.5 && h.peers_named >= 0.25) {
    const double pct = std::max({ev.p_pr[v], ev.p_recv[v], ev.p_btw[v]});
    if (node.cases == 0)
      s.organiser_reasons.push_back(
          fmt::format("never named in a case record, while {:.0f}% of the actors as prominent are ({} by PageRank, "
                      "money or betweenness)",
                      100 * h.peers_named, Top(pct)));
    else if (ev.p_cases[v] < 0.5)
      s.organiser_reasons.push_back(fmt::format(
          "named in only {} case record{}{} despite its position ({})", node.cases, node.cases == 1 ? "" : "s",
          node.recorded_roles.empty() ? "" : ", recorded as " + RolesText(node), Top(pct)));
  }
}

// What marks recruiters (victims among the contacts, many payers) and transporters (recorded in
// a transport role, paid by likely brokers), per node, with their percentiles among the actors.
struct PeripheralEvidence {
  std::vector<double> victim_contacts, broker_paid, transport_share;
  std::vector<double> p_victims, p_payers, p_broker_paid;
};

PeripheralEvidence GatherPeripheralEvidence(const EntityNetwork& net, const graph::Graph& g, const NodeMetrics& m,
                                            const RoleEvidence& ev, const std::vector<RoleScore>& scores,
                                            double broker_bar) {
  const uint32_t n = net.num_nodes();
  const auto& nodes = net.nodes();
  PeripheralEvidence pe{std::vector<double>(n, 0), std::vector<double>(n, 0), std::vector<double>(n, 0), {}, {}, {}};
  for (NodeId v : ev.actors) {
    for (NodeId u : g.undirected().Neighbours(v))
      if (nodes[u].victim) pe.victim_contacts[v] += 1;
    uint32_t total = 0, transport = 0;
    for (const auto& [role, count] : nodes[v].recorded_roles) {
      total += count;
      if (IsTransportRole(role)) transport += count;
    }
    pe.transport_share[v] = total ? static_cast<double>(transport) / total : 0;
  }
  for (const graph::Edge& e : net.edges().edges)
    if (ev.has_amounts && e.rel == graph::Relation::kPayment && e.src < n && e.dst < n && ev.is_actor[e.src] &&
        scores[e.src].broker >= broker_bar)
      pe.broker_paid[e.dst] += e.amount;
  pe.p_victims = Percentiles(ev.actors, pe.victim_contacts);
  pe.p_payers = Percentiles(ev.actors, AsDouble(m.payers));
  pe.p_broker_paid = Percentiles(ev.actors, pe.broker_paid);
  return pe;
}

// Step 3: actor v's peripheral score and kind (recruiter or transporter; roles.h), and the reasons
// for it, including the mark of a likely scapegoat. Reads the organiser and broker scores.
void ScorePeripheral(NodeId v, const Node& node, const RoleEvidence& ev, const PeripheralEvidence& pe,
                     const NodeMetrics& m, RoleScore& s) {
  double recruiter = node.victim ? 0 : 0.6 * pe.p_victims[v] + 0.4 * pe.p_payers[v];
  double transporter = node.victim ? 0 : 0.5 * pe.transport_share[v] + 0.5 * pe.p_broker_paid[v];
  double power = std::max(s.organiser, s.broker);
  s.peripheral =
      WeightedMean({{0.5, std::max(recruiter, transporter), true}, {0.5, ev.l_cases[v], ev.has_cases}}) * (1 - power);
  s.peripheral_lacking =
      Lacking({{ev.has_victims, "victims"}, {ev.has_payments, "payments"}, {ev.has_cases, "case records"}});
  LackingAmounts(ev, s.peripheral_lacking);
  if (std::max(recruiter, transporter) >= 0.3)
    s.peripheral_kind = recruiter >= transporter ? Role::kRecruiter : Role::kTransporter;
  if (node.cases > 0 && ev.p_cases[v] >= 0.7)
    s.peripheral_reasons.push_back(
        fmt::format("named in {} case record{}{} ({} by case records)", node.cases, node.cases == 1 ? "" : "s",
                    node.recorded_roles.empty() ? "" : " as " + RolesText(node), Top(ev.p_cases[v])));
  if (pe.victim_contacts[v] > 0 && pe.p_victims[v] >= 0.7)
    s.peripheral_reasons.push_back(fmt::format("in contact with {} victim{}", static_cast<int>(pe.victim_contacts[v]),
                                               pe.victim_contacts[v] == 1 ? "" : "s"));
  if (m.payers[v] > 0 && pe.p_payers[v] >= 0.8 && m.money_in[v] > 0)
    s.peripheral_reasons.push_back(
        fmt::format("paid by {} different payers ({} in all)", m.payers[v], Money(ev, m.money_in[v])));
  if (pe.broker_paid[v] > 0 && pe.p_broker_paid[v] >= 0.8)
    s.peripheral_reasons.push_back(
        fmt::format("paid {} by likely brokers ({})", Money(ev, pe.broker_paid[v]), Top(pe.p_broker_paid[v])));
  if (ev.p_cases[v] >= 0.8 && power < 0.5)
    s.peripheral_reasons.push_back(
        fmt::format("named more often than {:.0f}% of actors yet holds little money or position "
                    "(organiser {:.2f}, broker {:.2f}): possible scapegoat",
                    100 * ev.p_cases[v], s.organiser, s.broker));
}

// Step 4: the calibrated best-fit role (roles.h). Per role, the modified z-score of Iglewicz &
// Hoaglin (1993), z = 0.6745 (x - median) / MAD over the actors' scores for it; when more than half
// the scores are equal (MAD = 0) the mean absolute deviation stands in (z = (x - median) /
// (1.2533 meanAD)). A role is assigned when z >= 3.5 and the score is in the top 5%.
struct RoleCalibration {
  double median = 0, scale = 0, top5 = 0;
  double Z(double x) const { return scale > 0 ? (x - median) / scale : 0; }
};

RoleCalibration Calibrate(std::vector<double> xs) {
  RoleCalibration c;
  if (xs.empty()) return c;
  std::sort(xs.begin(), xs.end());
  c.median = xs[xs.size() / 2];
  c.top5 = xs[std::min(xs.size() - 1, xs.size() * 95 / 100)];
  std::vector<double> dev;
  double mean_dev = 0;
  for (double x : xs) {
    dev.push_back(std::fabs(x - c.median));
    mean_dev += dev.back();
  }
  std::sort(dev.begin(), dev.end());
  const double mad = dev[dev.size() / 2];
  mean_dev /= static_cast<double>(xs.size());
  c.scale = mad > 0 ? mad / 0.6745 : 1.2533 * mean_dev;
  return c;
}

void AssignRoles(std::vector<RoleScore>& out, const std::vector<NodeId>& actors) {
  auto peripheral_of = [](const RoleScore& s) { return s.peripheral_kind == Role::kPeripheral ? 0.0 : s.peripheral; };
  std::vector<double> org, brk, per;
  for (NodeId v : actors) {
    org.push_back(out[v].organiser);
    brk.push_back(out[v].broker);
    per.push_back(peripheral_of(out[v]));
  }
  const RoleCalibration c_org = Calibrate(org), c_brk = Calibrate(brk), c_per = Calibrate(per);
  constexpr double kOutlier = 3.5;
  for (NodeId v : actors) {
    RoleScore& s = out[v];
    s.role = Role::kPeripheral;
    s.role_z = 0;
    auto consider = [&](Role role, double x, const RoleCalibration& c) {
      const double z = c.Z(x);
      if (x > 0 && z >= kOutlier && x >= c.top5 && z > s.role_z) {
        s.role = role;
        s.role_z = z;
      }
    };
    consider(Role::kOrganiser, s.organiser, c_org);
    consider(Role::kBroker, s.broker, c_brk);
    consider(s.peripheral_kind, peripheral_of(s), c_per);
  }
}

}  // namespace

std::vector<RoleScore> ScoreRoles(const EntityNetwork& net, const graph::Graph& g, const NodeMetrics& m,
                                  const RoleWeights& w, const EventReportOptions& reports) {
  const RoleEvidence ev = GatherEvidence(net, m, reports);
  const auto& nodes = net.nodes();
  std::vector<RoleScore> out(net.num_nodes());  // indexed by node; only actors are filled
  for (NodeId v : ev.actors) ScoreBroker(v, ev, m, w, out[v]);
  const double broker_bar = LikelyBrokerBar(ev.actors, out);
  const BrokerContacts contacts = ContactsWithBrokers(g, ev, out, broker_bar);
  const HiddenLeaderEvidence hidden = GatherHiddenLeaderEvidence(g, ev, out);
  const std::vector<size_t> money_position = MoneyFlowPositions(ev, out.size());
  for (NodeId v : ev.actors)
    ScoreOrganiser(v, net, ev, m, w, contacts, hidden, money_position[v], reports.window_days, out[v]);
  const PeripheralEvidence pe = GatherPeripheralEvidence(net, g, m, ev, out, broker_bar);
  for (NodeId v : ev.actors) ScorePeripheral(v, nodes[v], ev, pe, m, out[v]);
  AssignRoles(out, ev.actors);
  std::vector<RoleScore> result;
  result.reserve(ev.actors.size());
  for (NodeId v : ev.actors) result.push_back(std::move(out[v]));
  return result;
}

std::vector<RoleScore> TopByRole(const std::vector<RoleScore>& scores, Role role, size_t k) {
  std::vector<const RoleScore*> pool;
  for (const RoleScore& s : scores) {
    if ((role == Role::kRecruiter || role == Role::kTransporter) && s.peripheral_kind != role) continue;
    pool.push_back(&s);
  }
  auto key = [&](const RoleScore* s) {
    switch (role) {
      case Role::kOrganiser: return s->organiser;
      case Role::kBroker: return s->broker;
      default: return s->peripheral;
    }
  };
  std::sort(pool.begin(), pool.end(), [&](const RoleScore* a, const RoleScore* b) {
    double ka = key(a), kb = key(b);
    return ka != kb ? ka > kb : a->node < b->node;
  });
  std::vector<RoleScore> out;
  for (size_t i = 0; i < pool.size() && i < k; ++i) out.push_back(*pool[i]);
  return out;
}

}  // namespace kashf::network
