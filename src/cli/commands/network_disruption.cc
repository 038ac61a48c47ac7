// kashf network disrupt | key-players: what removing people does to the network (who is left
// connected, what money they relayed, who could reconnect it) and which k people to remove to
// fragment it most (Borgatti's KPP-Neg). Methods in docs/network.md ("Disruption").
#include <fmt/format.h>

#include "cli_util.h"
#include "kashf/core/text.h"
#include "kashf/network/disruption_json.h"
#include "kashf/network/succession.h"
#include "network_command.h"

namespace kashf::cli {
namespace {

void PrintFigures(const network::ComponentFigures& before, const network::ComponentFigures& after) {
  fmt::print("  {:<20} {:>14} {:>14}\n", "", "before", "after");
  auto row = [](const char* name, uint64_t b, uint64_t a) {
    fmt::print("  {:<20} {:>14} {:>14}\n", name, Thousands(static_cast<int64_t>(b)),
               Thousands(static_cast<int64_t>(a)));
  };
  row("nodes", before.nodes, after.nodes);
  row("components", before.components, after.components);
  row("largest component", before.largest, after.largest);
  row("connected pairs", before.connected_pairs, after.connected_pairs);
  fmt::print("  {:<20} {:>14.4f} {:>14.4f}\n", "fragmentation", before.fragmentation, after.fragmentation);
}

// --remove ID,ID,... (required).
void AddRemoveOption(CLI::App* cmd, std::vector<std::string>& remove, const std::string& what) {
  cmd->add_option("--remove", remove, what + ": cluster ids, entity ids, node numbers or exact names")
      ->delimiter(',')
      ->required();
}

// Their ids, comma-separated.
std::string Ids(const network::EntityNetwork& net, const std::vector<network::NodeId>& nodes) {
  std::vector<std::string> ids;
  for (network::NodeId v : nodes) ids.push_back(net.nodes()[v].id);
  return Join(ids, ", ");
}

struct DisruptArgs {
  NetworkArgs net;
  std::vector<std::string> remove;
  size_t brokers = 10;
};

NetworkSubcommandRegistration disrupt_command(86, [](CLI::App& parent, GlobalOptions& g) -> RunFn {
  auto a = std::make_shared<DisruptArgs>();
  auto* cmd = parent.add_subcommand(
      "disrupt", "If these nodes were removed (arrested, frozen): reachability, money relayed, who could reconnect it");
  AddRemoveOption(cmd, a->remove, "Nodes to remove");
  cmd->add_option("--brokers", a->brokers, "Reconnecting brokers to list")->capture_default_str();
  AddNetworkOptions(cmd, a->net);
  cmd->footer(
      "Example: kashf --db k.db network disrupt --remove $(kashf --db k.db network top --ids --limit 2 | paste -sd,)");
  return [&g, a]() -> Status {
    KASHF_ASSIGN_OR_RETURN(auto an, LoadNetwork(g, a->net));
    const auto& net = an->network();
    KASHF_ASSIGN_OR_RETURN(auto removed, network::FindNodes(net, a->remove));
    KASHF_ASSIGN_OR_RETURN(auto r, network::AnalyseDisruption(net, an->graph(), removed, {.max_brokers = a->brokers}));
    if (g.json) {
      nlohmann::json j = network::DisruptionJson(net, r);
      if (!net.conversion().to.empty()) j["conversion"] = ConversionJson(net.conversion());
      fmt::print("{}\n", j.dump(2));
      return Status::Ok();
    }
    fmt::print("Removing {} node{} ({} view):\n", r.removed.size(), r.removed.size() == 1 ? "" : "s",
               network::ViewName(net.view()));
    PrintConversion(net.conversion());
    for (const auto& x : r.removed_nodes)
      fmt::print("  {}  degree {}, tied {} of the remaining pieces; received {}, paid {}\n", net.Label(x.node),
                 x.degree, x.components_tied, network::FormatTotals(x.money_in), network::FormatTotals(x.money_out));
    PrintFigures(r.before, r.after);
    fmt::print("  {} pairs of remaining nodes are no longer connected; {} nodes are cut from the largest component\n",
               Thousands(static_cast<int64_t>(r.pairs_disconnected)), Thousands(r.cut_from_largest));
    fmt::print(
        "  money: {} payments ({}) involved the removed; remaining nodes paid them {} and were paid {} by them,\n"
        "         so at most {} can have passed between remaining accounts through them\n",
        Thousands(r.payments_touched), network::FormatTotals(r.money_touched),
        network::FormatTotals(r.money_into_removed), network::FormatTotals(r.money_out_of_removed),
        network::FormatTotals(r.money_relayed));
    if (r.brokers.empty()) {
      fmt::print("  no remaining contact of the removed reaches another piece: nobody is placed to reconnect it\n");
      return Status::Ok();
    }
    fmt::print("  who could reconnect it (contacts of the removed, by the pairs they would restore):\n");
    for (size_t i = 0; i < r.brokers.size(); ++i) {
      const auto& b = r.brokers[i];
      fmt::print("  {:>3}. {}  own piece {} nodes; through {} reaches {} other piece{} ({} nodes); restores {} pairs\n",
                 i + 1, net.Label(b.node), Thousands(b.component_size), Ids(net, b.via), b.components,
                 b.components == 1 ? "" : "s", Thousands(b.nodes_reached),
                 Thousands(static_cast<int64_t>(b.pairs_restored)));
    }
    return Status::Ok();
  };
});

struct KeyPlayersArgs {
  NetworkArgs net;
  uint32_t k = 3;
  uint32_t candidates = 0;
  uint32_t restarts = 8;
  uint64_t seed = 1;
};

NetworkSubcommandRegistration key_players_command(87, [](CLI::App& parent, GlobalOptions& g) -> RunFn {
  auto a = std::make_shared<KeyPlayersArgs>();
  auto* cmd = parent.add_subcommand("key-players",
                                    "The k people whose removal fragments the network most (Borgatti's KPP-Neg)");
  cmd->add_option("--k", a->k, "How many to remove")->capture_default_str();
  cmd->add_option("--candidates", a->candidates, "Choose only among this many highest-degree nodes (0 = all)")
      ->capture_default_str();
  cmd->add_option("--restarts", a->restarts, "Random starting sets improved by swaps besides the greedy one")
      ->capture_default_str();
  cmd->add_option("--seed", a->seed, "Seed of the random starting sets")->capture_default_str();
  AddNetworkOptions(cmd, a->net);
  cmd->footer(
      "Only people, organisations, phones and accounts that are not victims are chosen. The set is a local\n"
      "optimum (greedy, then swaps); `network disrupt --remove` shows what removing it does.");
  return [&g, a]() -> Status {
    KASHF_ASSIGN_OR_RETURN(auto an, LoadNetwork(g, a->net));
    const auto& net = an->network();
    network::KeyPlayerOptions o;
    o.k = a->k;
    o.eligible = network::RemovableNodes(net);
    o.candidates = a->candidates;
    o.restarts = a->restarts;
    o.seed = a->seed;
    o.threads = a->net.threads;
    KASHF_ASSIGN_OR_RETURN(auto r, network::FindKeyPlayers(an->graph(), o));
    if (g.json) {
      fmt::print("{}\n", network::KeyPlayersJson(net, r).dump(2));
      return Status::Ok();
    }
    fmt::print("{} key players of {} candidates ({} view; {} passes over the graph, {} swap{} from {}):\n",
               r.players.size(), Thousands(r.candidates), network::ViewName(net.view()),
               Thousands(static_cast<int64_t>(r.graph_passes)), r.swaps, r.swaps == 1 ? "" : "s",
               r.best_start ? fmt::format("random start {}", r.best_start) : std::string("the greedy set"));
    for (size_t i = 0; i < r.players.size(); ++i)
      fmt::print("  {:>3}. {}  (leaving this one in place would reconnect {} pairs)\n", i + 1, net.Label(r.players[i]),
                 Thousands(static_cast<int64_t>(r.contribution[i])));
    PrintFigures(r.before, r.after);
    return Status::Ok();
  };
});

struct SuccessionArgs {
  NetworkArgs net;
  std::vector<std::string> remove;
  std::string date;
  int32_t window = 0;
  size_t limit = 10;
};

NetworkSubcommandRegistration succession_command(88, [](CLI::App& parent, GlobalOptions& g) -> RunFn {
  auto a = std::make_shared<SuccessionArgs>();
  auto* cmd = parent.add_subcommand(
      "succession", "Who replaced the removed: their neighbours whose position rose most after the removal date");
  AddRemoveOption(cmd, a->remove, "The removed nodes");
  cmd->add_option("--date", a->date, "The removal (arrest, seizure) date, YYYY-MM-DD: the first day of the phase after")
      ->required();
  cmd->add_option("--window", a->window, "Days of each phase around the date (0 = all before / all after)")
      ->capture_default_str();
  cmd->add_option("--limit", a->limit, "How many to list")->capture_default_str();
  AddNetworkOptions(cmd, a->net, false);
  return [&g, a]() -> Status {
    if (a->window < 0) return Status::InvalidArgument("--window must be 0 (all) or a number of days");
    network::SuccessionOptions o;
    KASHF_ASSIGN_OR_RETURN(o.removal_day, ParseDayArg(a->date, false));
    o.window_days = a->window;
    o.limit = a->limit;
    o.threads = a->net.threads;
    o.samples = a->net.samples;
    o.exact_limit = a->net.exact_limit;
    KASHF_ASSIGN_OR_RETURN(auto an, LoadNetwork(g, a->net));
    const auto& net = an->network();
    KASHF_ASSIGN_OR_RETURN(auto removed, network::FindNodes(net, a->remove));
    KASHF_ASSIGN_OR_RETURN(auto r, network::FindSuccessors(net, removed, o));
    if (g.json) {
      fmt::print("{}\n", network::SuccessionJson(net, r).dump(2));
      return Status::Ok();
    }
    fmt::print("Phases split on {}: {} dated ties before, {} after (betweenness {})\n",
               graph::IsoFromDay(r.removal_day), Thousands(r.edges_before), Thousands(r.edges_after),
               r.betweenness_exact ? "exact" : "sampled");
    if (r.successors.empty()) fmt::print("  the removed had no remaining actor as a neighbour before the date\n");
    for (size_t i = 0; i < r.successors.size(); ++i) {
      const auto& s = r.successors[i];
      fmt::print("  {:>3}. {}  betweenness {:.2e} -> {:.2e}, degree {} -> {}  (neighbour of {})\n", i + 1,
                 net.Label(s.node), s.betweenness_before, s.betweenness_after, s.degree_before, s.degree_after,
                 Ids(net, s.replaced));
    }
    return Status::Ok();
  };
});

}  // namespace
}  // namespace kashf::cli
