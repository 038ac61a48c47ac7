// Role scoring (roles.h): percentile ranks of structural and money measures, combined with fixed,
// documented weights; each component that stands out adds a reason with its figures.
#include "kashf/network/roles.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include <fmt/format.h>

#include "kashf/core/text.h"

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

std::string FormatAmount(double a) {
  if (std::fabs(a) >= 1e6) return fmt::format("PKR {:.2f}M", a / 1e6);
  auto whole = static_cast<int64_t>(std::llround(a));
  std::string digits = std::to_string(whole < 0 ? -whole : whole), out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return std::string("PKR ") + (whole < 0 ? "-" : "") + out;
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

}  // namespace

std::vector<RoleScore> ScoreRoles(const EntityNetwork& net, const graph::Graph& g, const NodeMetrics& m,
                                  const RoleWeights& w) {
  const uint32_t n = net.num_nodes();
  const auto& nodes = net.nodes();
  std::vector<NodeId> actors;
  for (NodeId v = 0; v < n; ++v)
    if (IsActor(nodes[v].kind)) actors.push_back(v);
  std::vector<char> is_actor(n, 0);
  for (NodeId v : actors) is_actor[v] = 1;
  auto as_double = [&](const auto& xs) { return std::vector<double>(xs.begin(), xs.end()); };
  std::vector<double> pass(n), net_in(n), cases(n), received(n), money_excess(n, 0), pr_excess(n, 0);
  double money_floor = 1, pr_floor = 1;
  for (NodeId v : actors) {
    money_floor = std::min(money_floor, m.money_rank[v]);
    pr_floor = std::min(pr_floor, m.pagerank[v]);
  }
  for (NodeId v = 0; v < n; ++v) {
    pass[v] = std::min(m.money_in[v], m.money_out[v]);
    net_in[v] = m.money_in[v] - m.money_out[v];
    cases[v] = nodes[v].cases;
    received[v] = m.money_in[v];
    // PageRanks above the teleport floor every node gets; money rank only for nodes paid at all.
    if (m.payments_in[v] > 0) money_excess[v] = m.money_rank[v] - money_floor;
    pr_excess[v] = m.pagerank[v] - pr_floor;
  }
  const auto bridged = as_double(m.bridged_communities);
  // Scores use log scales (magnitudes matter: an organiser's PKR 900M is not a family's 600k);
  // reasons quote percentiles ("top 1%"), which read more easily.
  // Upward flow: the share of a node's outgoing money that goes to nodes keeping money (net
  // receivers), weighted by how much they keep. Brokers pass the proceeds up to organisers;
  // recruiters pay brokers, who pay out more than they keep.
  const auto l_keep = LogScale(actors, net_in);
  std::vector<double> upward(n, 0);
  for (const graph::Edge& e : net.edges().edges)
    if (e.rel == graph::Relation::kPayment && e.src < n && e.dst < n && m.money_out[e.src] > 0)
      upward[e.src] += e.amount * l_keep[e.dst] / m.money_out[e.src];
  const auto l_btw = LogScale(actors, m.suspect_betweenness), l_bridge = LogScale(actors, bridged),
             l_pass = LogScale(actors, pass), l_hawala = LogScale(actors, m.hawala_amount),
             l_recv = LogScale(actors, received), l_net = LogScale(actors, net_in),
             l_money = LogScale(actors, money_excess), l_pr = LogScale(actors, pr_excess),
             l_cases = LogScale(actors, cases);
  const auto p_btw = Percentiles(actors, m.suspect_betweenness), p_up = Percentiles(actors, upward),
             p_bridge = Percentiles(actors, bridged), p_pass = Percentiles(actors, pass),
             p_hawala = Percentiles(actors, m.hawala_amount), p_money = Percentiles(actors, money_excess),
             p_net = Percentiles(actors, net_in), p_pr = Percentiles(actors, pr_excess),
             p_cases = Percentiles(actors, cases), p_recv = Percentiles(actors, received);

  std::vector<RoleScore> out(n);
  // 1. Brokers.
  for (NodeId v : actors) {
    RoleScore& s = out[v];
    s.node = v;
    s.broker = w.broker_betweenness * l_btw[v] + w.broker_bridging * l_bridge[v] + w.broker_pass_through * l_pass[v] +
               w.broker_hawala * l_hawala[v] + w.broker_upward * upward[v];
    if (p_btw[v] >= 0.9)
      s.broker_reasons.push_back(fmt::format(
          "lies on many shortest paths between suspects: betweenness {:.2e} ({}{})", m.suspect_betweenness[v],
          Top(p_btw[v]), m.betweenness_exact ? "" : fmt::format(", estimated from {} pivots", m.betweenness_samples)));
    if (m.bridged_communities[v] > 0 && p_bridge[v] >= 0.8)
      s.broker_reasons.push_back(fmt::format("ties into {} communities besides its own (participation {:.2f})",
                                             m.bridged_communities[v], m.participation[v]));
    if (pass[v] > 0 && p_pass[v] >= 0.8)
      s.broker_reasons.push_back(fmt::format(
          "passes money on: receives {} from {} payers and pays {} to {} payees ({})", FormatAmount(m.money_in[v]),
          m.payers[v], FormatAmount(m.money_out[v]), m.payees[v], Top(p_pass[v])));
    if (upward[v] >= 0.3 && p_up[v] >= 0.8)
      s.broker_reasons.push_back(fmt::format(
          "passes money up: {:.0f}% of what it pays (weighted) goes to nodes that keep money", 100 * upward[v]));
    if (m.hawala_amount[v] > 0 && p_hawala[v] >= 0.8)
      s.broker_reasons.push_back(
          fmt::format("settles {} through hawala ({})", FormatAmount(m.hawala_amount[v]), Top(p_hawala[v])));
  }
  // 2. Organisers (use the broker scores of their contacts).
  std::vector<double> contacts(n, 0);
  std::vector<uint32_t> broker_contacts(n, 0);
  std::vector<double> broker_sorted;
  for (NodeId v : actors) broker_sorted.push_back(out[v].broker);
  std::sort(broker_sorted.begin(), broker_sorted.end());
  const double broker_bar = broker_sorted.empty() ? 1 : broker_sorted[broker_sorted.size() * 99 / 100];
  for (NodeId v : actors) {
    auto nb = g.undirected().Neighbours(v);
    auto wt = g.undirected().Weights(v);
    double sum = 0, weight = 0;
    for (size_t j = 0; j < nb.size(); ++j) {
      if (!is_actor[nb[j]]) continue;
      sum += wt[j] * out[nb[j]].broker;
      weight += wt[j];
      if (out[nb[j]].broker >= broker_bar) ++broker_contacts[v];
    }
    contacts[v] = weight > 0 ? sum / weight : 0;
  }
  std::vector<NodeId> by_money = actors;
  std::sort(by_money.begin(), by_money.end(), [&](NodeId a, NodeId b) {
    return money_excess[a] != money_excess[b] ? money_excess[a] > money_excess[b] : a < b;
  });
  std::vector<size_t> money_position(n, 0);
  for (size_t i = 0; i < by_money.size(); ++i) money_position[by_money[i]] = i + 1;
  for (NodeId v : actors) {
    RoleScore& s = out[v];
    const Node& node = nodes[v];
    const double prominence = std::max({l_pr[v], l_recv[v], l_btw[v]});
    const double hidden = prominence * (1 - l_cases[v]);
    s.organiser = w.organiser_received * l_recv[v] + w.organiser_net_inflow * l_net[v] +
                  w.organiser_money_rank * l_money[v] + w.organiser_contacts * contacts[v] +
                  w.organiser_hidden * hidden;
    if (p_recv[v] >= 0.9 && money_excess[v] > 0)
      s.organiser_reasons.push_back(fmt::format(
          "money converges here: receives {} from {} payers in {} payments ({}; #{} of {} by money-flow rank)",
          FormatAmount(m.money_in[v]), m.payers[v], m.payments_in[v], Top(p_recv[v]), money_position[v],
          actors.size()));
    if (net_in[v] > 0 && p_net[v] >= 0.9)
      s.organiser_reasons.push_back(fmt::format("keeps {} ({:.0f}% of what it receives; {})", FormatAmount(net_in[v]),
                                                100 * net_in[v] / m.money_in[v], Top(p_net[v])));
    if (broker_contacts[v] > 0 && contacts[v] >= 0.4)
      s.organiser_reasons.push_back(
          fmt::format("deals with brokers: {} of its contacts are in the top 1% by broker score "
                      "(contacts' mean broker score {:.2f})",
                      broker_contacts[v], contacts[v]));
    if (hidden >= 0.5) {
      const double pct = std::max({p_pr[v], p_recv[v], p_btw[v]});
      if (node.cases == 0)
        s.organiser_reasons.push_back(fmt::format(
            "never named in a case record despite its position ({} by PageRank, money or betweenness)", Top(pct)));
      else
        s.organiser_reasons.push_back(fmt::format(
            "named in only {} case record{}{} despite its position ({})", node.cases, node.cases == 1 ? "" : "s",
            node.recorded_roles.empty() ? "" : ", recorded as " + RolesText(node), Top(pct)));
    }
  }
  // 3. Peripheral: recruiters and transporters, and likely scapegoats.
  std::vector<double> victim_contacts(n, 0), broker_paid(n, 0), transport_share(n, 0);
  for (NodeId v : actors) {
    for (NodeId u : g.undirected().Neighbours(v))
      if (nodes[u].victim) victim_contacts[v] += 1;
    uint32_t total = 0, transport = 0;
    for (const auto& [role, count] : nodes[v].recorded_roles) {
      total += count;
      if (IsTransportRole(role)) transport += count;
    }
    transport_share[v] = total ? static_cast<double>(transport) / total : 0;
  }
  for (const graph::Edge& e : net.edges().edges)
    if (e.rel == graph::Relation::kPayment && e.src < n && e.dst < n && is_actor[e.src] &&
        out[e.src].broker >= broker_bar)
      broker_paid[e.dst] += e.amount;
  const auto p_victims = Percentiles(actors, victim_contacts), p_payers = Percentiles(actors, as_double(m.payers)),
             p_broker_paid = Percentiles(actors, broker_paid);
  for (NodeId v : actors) {
    RoleScore& s = out[v];
    const Node& node = nodes[v];
    double recruiter = node.victim ? 0 : 0.6 * p_victims[v] + 0.4 * p_payers[v];
    double transporter = node.victim ? 0 : 0.5 * transport_share[v] + 0.5 * p_broker_paid[v];
    double power = std::max(s.organiser, s.broker);
    s.peripheral = (0.5 * std::max(recruiter, transporter) + 0.5 * l_cases[v]) * (1 - power);
    if (std::max(recruiter, transporter) >= 0.3)
      s.peripheral_kind = recruiter >= transporter ? Role::kRecruiter : Role::kTransporter;
    if (node.cases > 0)
      s.peripheral_reasons.push_back(fmt::format("named in {} case record{}{}", node.cases, node.cases == 1 ? "" : "s",
                                                 node.recorded_roles.empty() ? "" : " as " + RolesText(node)));
    if (victim_contacts[v] > 0 && p_victims[v] >= 0.7)
      s.peripheral_reasons.push_back(fmt::format("in contact with {} victim{}", static_cast<int>(victim_contacts[v]),
                                                 victim_contacts[v] == 1 ? "" : "s"));
    if (m.payers[v] > 0 && p_payers[v] >= 0.8 && m.money_in[v] > 0)
      s.peripheral_reasons.push_back(
          fmt::format("paid by {} different payers ({} in all)", m.payers[v], FormatAmount(m.money_in[v])));
    if (broker_paid[v] > 0)
      s.peripheral_reasons.push_back(fmt::format("paid {} by likely brokers", FormatAmount(broker_paid[v])));
    if (p_cases[v] >= 0.8 && power < 0.5)
      s.peripheral_reasons.push_back(
          fmt::format("named more often than {:.0f}% of actors yet holds little money or position "
                      "(organiser {:.2f}, broker {:.2f}): possible scapegoat",
                      100 * p_cases[v], s.organiser, s.broker));
    if (s.organiser >= s.broker && s.organiser >= s.peripheral) s.role = Role::kOrganiser;
    else if (s.broker >= s.peripheral) s.role = Role::kBroker;
    else s.role = s.peripheral_kind;
  }
  std::vector<RoleScore> result;
  result.reserve(actors.size());
  for (NodeId v : actors) result.push_back(std::move(out[v]));
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
