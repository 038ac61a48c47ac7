// kashf network centrality | communities | path | ego: structural queries on the entity network.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli_util.h"
#include "kashf/core/text.h"
#include "kashf/network/json.h"
#include "kashf/network/money.h"
#include "network_command.h"

namespace kashf::cli {
namespace {

using network::NodeId;

// Adds one edge to per-relation tallies of the records behind a tie: a call record counts the calls
// it stands for under "call" and its text messages apart under "message"; a symmetric tie (family,
// associate, co-involvement, meeting), sent both ways as two halves, counts once.
void TallyTie(const graph::Edge& e, std::map<std::string, uint64_t>* tally) {
  const bool symmetric = e.rel == graph::Relation::kFamily || e.rel == graph::Relation::kAssociate ||
                         e.rel == graph::Relation::kInvolvement || e.rel == graph::Relation::kMeeting;
  if (symmetric && e.src > e.dst) return;
  if (e.rel != graph::Relation::kCall) {
    (*tally)[graph::RelationName(e.rel)] += 1;
    return;
  }
  if (e.count > 0) (*tally)["call"] += e.count;
  if (e.messages > 0) (*tally)["message"] += e.messages;
}

// "call x41, message x7, meeting x2 (Hotel Indus 2024-01-05; Bus stand 2024-02-01)": the tallies, then the
// events both ends attended (at most three named).
std::string TieText(const network::EntityNetwork& net, NodeId a, NodeId b,
                    const std::map<std::string, uint64_t>& tally) {
  std::vector<std::string> parts;
  for (const auto& [r, c] : tally) parts.push_back(fmt::format("{} x{}", r, c));
  std::string out = Join(parts, ", ");
  std::vector<std::string> events;
  for (uint32_t k : net.SharedEvents(a, b)) {
    if (events.size() == 3) {
      events.push_back("...");
      break;
    }
    const network::EventInfo& ev = net.events()[k];
    std::string what = ev.place.empty() ? ev.caption : ev.place;
    if (ev.day) what += (what.empty() ? "" : " ") + graph::IsoFromDay(ev.day);
    events.push_back(what.empty() ? ev.id : what);
  }
  if (!events.empty()) out += " (" + Join(events, "; ") + ")";
  return out;
}

struct CentralityArgs {
  NetworkArgs net;
  std::string measure = "pagerank";
  size_t limit = 20;
  bool all_kinds = false;
};

NetworkSubcommandRegistration centrality_command(40, [](CLI::App& parent, GlobalOptions& g) -> RunFn {
  auto a = std::make_shared<CentralityArgs>();
  auto* cmd = parent.add_subcommand("centrality", "Rank nodes by degree, PageRank, betweenness or money received");
  cmd->add_option("--measure", a->measure, "degree, pagerank, betweenness, money (money-flow rank) or participation")
      ->capture_default_str();
  cmd->add_option("--limit", a->limit, "How many")->capture_default_str();
  cmd->add_flag("--all-kinds", a->all_kinds,
                "Rank locations and assets too (default: people, organisations, phones, accounts)");
  AddNetworkOptions(cmd, a->net);
  return [&g, a]() -> Status {
    static const char* kMeasures[] = {"degree", "pagerank", "betweenness", "money", "participation"};
    if (std::find(std::begin(kMeasures), std::end(kMeasures), a->measure) == std::end(kMeasures))
      return Status::InvalidArgument("unknown measure '" + a->measure +
                                     "'; use degree, pagerank, betweenness, money or participation");
    KASHF_ASSIGN_OR_RETURN(auto an, LoadNetwork(g, a->net));
    const auto& net = an->network();
    const auto& m = an->Metrics();
    auto value = [&](NodeId v) -> double {
      if (a->measure == "degree") return m.degree[v];
      if (a->measure == "pagerank") return m.pagerank[v];
      if (a->measure == "betweenness") return m.betweenness[v];
      if (a->measure == "money") return m.payments_in[v] ? m.money_rank[v] : 0;
      return m.participation[v];
    };
    std::vector<NodeId> order;
    for (NodeId v = 0; v < net.num_nodes(); ++v)
      if (a->all_kinds || network::IsActor(net.nodes()[v].kind)) order.push_back(v);
    std::sort(order.begin(), order.end(),
              [&](NodeId x, NodeId y) { return value(x) != value(y) ? value(x) > value(y) : x < y; });
    if (order.size() > a->limit) order.resize(a->limit);
    if (g.json) {
      nlohmann::json j = nlohmann::json::array();
      for (NodeId v : order) {
        nlohmann::json x = network::NodeJson(net, v);
        x["value"] = value(v);
        x["metrics"] = network::MetricsJson(m, v);
        j.push_back(x);
      }
      fmt::print("{}\n", nlohmann::json{{"measure", a->measure},
                                        {"betweenness_exact", m.betweenness_exact},
                                        {"betweenness_samples", m.betweenness_samples},
                                        {"nodes", j}}
                             .dump(2));
      return Status::Ok();
    }
    fmt::print("{} by {}{}\n", order.size(), a->measure,
               a->measure == "betweenness" && !m.betweenness_exact
                   ? fmt::format(" (sampled, {} pivots)", m.betweenness_samples)
                   : "");
    for (size_t i = 0; i < order.size(); ++i)
      fmt::print("{:>3}. {:>10.4g}  {}  [{}]\n", i + 1, value(order[i]), net.Label(order[i]),
                 network::NodeKindName(net.nodes()[order[i]].kind));
    return Status::Ok();
  };
});

struct CommunitiesArgs {
  NetworkArgs net;
  size_t limit = 10;
  size_t members = 5;
};

NetworkSubcommandRegistration communities_command(50, [](CLI::App& parent, GlobalOptions& g) -> RunFn {
  auto a = std::make_shared<CommunitiesArgs>();
  auto* cmd =
      parent.add_subcommand("communities", "Louvain communities, largest first, with their most central members");
  cmd->add_option("--limit", a->limit, "How many communities")->capture_default_str();
  cmd->add_option("--members", a->members, "Members to name per community (by PageRank)")->capture_default_str();
  AddNetworkOptions(cmd, a->net);
  return [&g, a]() -> Status {
    KASHF_ASSIGN_OR_RETURN(auto an, LoadNetwork(g, a->net));
    const auto& net = an->network();
    const auto& m = an->Metrics();
    std::map<uint32_t, std::vector<NodeId>> by;
    for (NodeId v = 0; v < net.num_nodes(); ++v) by[m.community[v]].push_back(v);
    std::vector<std::pair<uint32_t, std::vector<NodeId>>> list(by.begin(), by.end());
    std::sort(list.begin(), list.end(), [](const auto& x, const auto& y) {
      return x.second.size() != y.second.size() ? x.second.size() > y.second.size() : x.first < y.first;
    });
    if (list.size() > a->limit) list.resize(a->limit);
    nlohmann::json j = nlohmann::json::array();
    if (!g.json)
      fmt::print("{} communities (Louvain, modularity {:.3f}); largest {}:\n", m.communities, m.modularity,
                 list.size());
    for (auto& [c, members] : list) {
      std::sort(members.begin(), members.end(), [&](NodeId x, NodeId y) {
        return m.pagerank[x] != m.pagerank[y] ? m.pagerank[x] > m.pagerank[y] : x < y;
      });
      size_t actors = 0;
      network::CurrencyTotals money;  // received, per currency
      for (NodeId v : members) {
        actors += network::IsActor(net.nodes()[v].kind);
        for (const auto& f : network::MoneyOf(m, v))
          if (f.in > 0) money[f.currency] += f.in;
      }
      std::vector<NodeId> head;
      for (NodeId v : members) {
        if (head.size() >= a->members) break;
        if (network::IsActor(net.nodes()[v].kind)) head.push_back(v);
      }
      if (g.json) {
        nlohmann::json hj = nlohmann::json::array();
        for (NodeId v : head) hj.push_back(network::NodeJson(net, v));
        j.push_back(
            {{"community", c}, {"size", members.size()}, {"actors", actors}, {"money_in", money}, {"central", hj}});
      } else {
        std::vector<std::string> names;
        for (NodeId v : head) names.push_back(net.Label(v));
        fmt::print("  #{:<5} {:>6} nodes ({} actors), money received {}\n         {}\n", c, members.size(), actors,
                   network::FormatTotals(money), Join(names, "; "));
      }
    }
    if (g.json)
      fmt::print("{}\n",
                 nlohmann::json{{"communities", m.communities}, {"modularity", m.modularity}, {"largest", j}}.dump(2));
    return Status::Ok();
  };
});

struct PathArgs {
  NetworkArgs net;
  std::string from, to;
  uint32_t k = 3;
};

NetworkSubcommandRegistration path_command(60, [](CLI::App& parent, GlobalOptions& g) -> RunFn {
  auto a = std::make_shared<PathArgs>();
  auto* cmd = parent.add_subcommand("path", "The k shortest links between two entities (strong ties are short)");
  cmd->add_option("from", a->from, "Node: cluster id, entity id, node number or exact name")->required();
  cmd->add_option("to", a->to, "Node")->required();
  cmd->add_option("--k", a->k, "How many paths (Yen's algorithm)")->capture_default_str();
  AddNetworkOptions(cmd, a->net);
  return [&g, a]() -> Status {
    KASHF_ASSIGN_OR_RETURN(auto an, LoadNetwork(g, a->net));
    const auto& net = an->network();
    KASHF_ASSIGN_OR_RETURN(NodeId s, net.Find(a->from));
    KASHF_ASSIGN_OR_RETURN(NodeId t, net.Find(a->to));
    auto paths = an->Paths(s, t, a->k);
    if (g.json) {
      fmt::print("{}\n", nlohmann::json{{"from", network::NodeJson(net, s)},
                                        {"to", network::NodeJson(net, t)},
                                        {"paths", network::PathsJson(net, paths)}}
                             .dump(2));
      return Status::Ok();
    }
    if (paths.empty()) {
      fmt::print("no link between {} and {} in this network (try without filters or with --view identifiers)\n",
                 net.Label(s), net.Label(t));
      return Status::Ok();
    }
    for (size_t i = 0; i < paths.size(); ++i) {
      fmt::print("path {}: {} hop{}, cost {:.2f}\n", i + 1, paths[i].nodes.size() - 1,
                 paths[i].nodes.size() == 2 ? "" : "s", paths[i].cost);
      for (size_t k = 0; k < paths[i].nodes.size(); ++k) {
        NodeId v = paths[i].nodes[k];
        std::string tie;
        if (k + 1 < paths[i].nodes.size()) {
          // Relations between v and the next node, for the reader.
          NodeId u = paths[i].nodes[k + 1];
          std::map<std::string, uint64_t> tally;
          for (const graph::Edge& e : net.edges().edges)
            if ((e.src == v && e.dst == u) || (e.src == u && e.dst == v)) TallyTie(e, &tally);
          tie = "   --(" + TieText(net, v, u, tally) + ")-->";
        }
        fmt::print("   {}{}\n", net.Label(v), tie);
      }
    }
    return Status::Ok();
  };
});

struct EgoArgs {
  NetworkArgs net;
  std::string node;
  uint32_t radius = 1;
  size_t limit = 50;
};

NetworkSubcommandRegistration ego_command(70, [](CLI::App& parent, GlobalOptions& g) -> RunFn {
  auto a = std::make_shared<EgoArgs>();
  auto* cmd = parent.add_subcommand("ego", "Everyone within N hops of an entity, and the ties among them");
  cmd->add_option("node", a->node, "Node: cluster id, entity id, node number or exact name")->required();
  cmd->add_option("--radius", a->radius, "Hops")->capture_default_str();
  cmd->add_option("--limit", a->limit, "Nodes to list in text output")->capture_default_str();
  AddNetworkOptions(cmd, a->net);
  return [&g, a]() -> Status {
    KASHF_ASSIGN_OR_RETURN(auto an, LoadNetwork(g, a->net));
    const auto& net = an->network();
    KASHF_ASSIGN_OR_RETURN(NodeId c, net.Find(a->node));
    auto ego = an->EgoNetwork(c, a->radius);
    if (g.json) {
      fmt::print("{}\n", network::EgoJson(net, ego).dump(2));
      return Status::Ok();
    }
    fmt::print("ego network of {}: {} nodes within {} hop{}, {} edges among them\n", net.Label(c), ego.nodes.size(),
               a->radius, a->radius == 1 ? "" : "s", ego.edges.size());
    std::map<NodeId, std::map<std::string, uint64_t>> rels;  // ties of the centre by relation
    for (const graph::Edge& e : ego.edges) {
      if (e.src == c) TallyTie(e, &rels[e.dst]);
      else if (e.dst == c) TallyTie(e, &rels[e.src]);
    }
    for (size_t i = 0; i < ego.nodes.size() && i < a->limit; ++i) {
      NodeId v = ego.nodes[i].node;
      const std::string tie = v == c ? std::string() : TieText(net, c, v, rels[v]);
      fmt::print("  {} hop{}  {}  [{}]{}\n", ego.nodes[i].hops, ego.nodes[i].hops == 1 ? " " : "s", net.Label(v),
                 network::NodeKindName(net.nodes()[v].kind), tie.empty() ? "" : "  " + tie);
    }
    if (ego.nodes.size() > a->limit)
      fmt::print("  ... {} more (--limit, or --json for all)\n", ego.nodes.size() - a->limit);
    return Status::Ok();
  };
});

struct ExportArgs {
  NetworkArgs net;
  std::string out;
};

std::string Csv(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string q = "\"";
  for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
  return q + "\"";
}

NetworkSubcommandRegistration export_command(75, [](CLI::App& parent, GlobalOptions& g) -> RunFn {
  auto a = std::make_shared<ExportArgs>();
  auto* cmd = parent.add_subcommand("export", "Write the network as nodes.csv and edges.csv (Gephi, igraph, NetworkX)");
  cmd->add_option("--out", a->out, "Folder for nodes.csv and edges.csv (created if missing)")->required();
  AddNetworkOptions(cmd, a->net);
  cmd->footer("Victims appear as [victim] with their node number only. Node numbers are the ids in edges.csv.");
  return [&g, a]() -> Status {
    KASHF_ASSIGN_OR_RETURN(auto an, LoadNetwork(g, a->net));
    const auto& net = an->network();
    std::error_code ec;
    std::filesystem::create_directories(a->out, ec);
    if (ec) return Status::IoError(fmt::format("{}: cannot create the folder ({})", a->out, ec.message()));
    std::ofstream nodes(a->out + "/nodes.csv"), edges(a->out + "/edges.csv");
    if (!nodes || !edges) return Status::IoError(fmt::format("{}: cannot write nodes.csv / edges.csv", a->out));
    nodes << "node,id,kind,caption,records,cases,victim\n";
    for (NodeId v = 0; v < net.num_nodes(); ++v) {
      const auto& n = net.nodes()[v];
      nodes << v << ',' << Csv(n.id) << ',' << network::NodeKindName(n.kind) << ',' << Csv(n.caption) << ','
            << n.records << ',' << n.cases << ',' << (n.victim ? 1 : 0) << '\n';
    }
    // calls and messages apart (call records); amount with its currency (payments).
    edges << "from,to,relation,date,amount,currency,channel,agency,weight,calls,messages\n";
    for (const graph::Edge& e : net.edges().edges) {
      const bool pay = e.rel == graph::Relation::kPayment, call = e.rel == graph::Relation::kCall;
      edges << e.src << ',' << e.dst << ',' << graph::RelationName(e.rel) << ','
            << (e.day ? graph::IsoFromDay(e.day) : "") << ',' << (pay ? fmt::format("{}", e.amount) : "") << ','
            << (pay && e.currency < net.edges().currencies.size() ? net.edges().currencies[e.currency] : "") << ','
            << graph::ChannelName(e.channel) << ','
            << Csv(e.agency < net.edges().agencies.size() ? net.edges().agencies[e.agency] : "") << ',' << e.weight
            << ',' << (call ? std::to_string(e.count) : "") << ',' << (call ? std::to_string(e.messages) : "") << '\n';
    }
    if (!nodes || !edges) return Status::IoError(fmt::format("{}: writing failed (disk full?)", a->out));
    if (g.json)
      fmt::print(
          "{}\n",
          nlohmann::json{{"nodes", net.num_nodes()}, {"edges", net.edges().edges.size()}, {"out", a->out}}.dump());
    else
      fmt::print("{} nodes and {} edges written to {}/nodes.csv and {}/edges.csv\n", Thousands(net.num_nodes()),
                 Thousands(static_cast<int64_t>(net.edges().edges.size())), a->out, a->out);
    return Status::Ok();
  };
});

}  // namespace
}  // namespace kashf::cli
