// kashf network trail | layering: follow the money from an account or person, and find layering
// patterns (fan-out / fan-in, scatter-gather, round trips). docs/network.md "Money trails".
#include <chrono>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli_util.h"
#include "kashf/core/text.h"
#include "kashf/network/json.h"
#include "network_command.h"

namespace kashf::cli {
namespace {

using network::NodeId;

std::string Hop(const network::EntityNetwork& net, const network::TrailHop& h) {
  return fmt::format("{}  {:<6} {:>14}  {} -> {}", graph::IsoFromDay(h.day), graph::ChannelName(h.channel),
                     network::FormatAmount(h.amount), net.Label(h.from), net.Label(h.to));
}

struct TrailArgs {
  NetworkArgs net;
  std::string node, from, to;
  bool backward = false;
  network::TrailOptions trail;
  std::vector<std::string> channels;
  size_t limit = 10;
};

NetworkSubcommandRegistration trail_command(80, [](CLI::App& parent, GlobalOptions& g) -> RunFn {
  auto a = std::make_shared<TrailArgs>();
  auto* cmd =
      parent.add_subcommand("trail", "Follow the money forward (where it went) or backward (where it came from)");
  cmd->add_option("node", a->node, "Account or person: cluster id, entity id, node number or exact name")->required();
  cmd->add_flag("--backward", a->backward, "Follow incoming payments back in time (default: forward)");
  cmd->add_option("--hops", a->trail.hops, "Most payments in a trail")->capture_default_str();
  cmd->add_option("--days", a->trail.days, "Window: every payment within this many days of the first")
      ->capture_default_str();
  cmd->add_option("--tolerance", a->trail.tolerance,
                  "Each hop's amount within this fraction of the previous hop's (0.5 = +-50%; -1 = any amount)")
      ->capture_default_str();
  cmd->add_option("--from", a->from, "First payment on or after this date (YYYY[-MM[-DD]])");
  cmd->add_option("--to", a->to, "First payment on or before this date");
  cmd->add_option("--channel", a->channels,
                  "Only these channels: bank, wallet, hawala, cash (repeat or comma-separate)")
      ->delimiter(',');
  cmd->add_option("--min-amount", a->trail.min_amount, "Ignore payments below this amount")->capture_default_str();
  cmd->add_option("--max-paths", a->trail.max_paths, "Stop after this many trails")->capture_default_str();
  cmd->add_option("--limit", a->limit, "Trails to print (largest carried amount first)")->capture_default_str();
  AddNetworkOptions(cmd, a->net, false);
  cmd->footer(
      "Example: kashf --db k.db network trail E1f3a... --days 30 --hops 3 --tolerance 0.5\n"
      "A trail is a chain of payments in time order; 'carried' is its smallest hop, what can have moved the whole "
      "way.");
  return [&g, a]() -> Status {
    network::TrailOptions o = a->trail;
    o.forward = !a->backward;
    KASHF_ASSIGN_OR_RETURN(o.channels, network::ChannelBits(a->channels));
    if (!a->from.empty()) {
      KASHF_ASSIGN_OR_RETURN(o.from_day, ParseDayArg(a->from, false));
    }
    if (!a->to.empty()) {
      KASHF_ASSIGN_OR_RETURN(o.to_day, ParseDayArg(a->to, true));
    }
    if (o.hops == 0 || o.days < 0) return Status::InvalidArgument("--hops must be at least 1 and --days not negative");
    KASHF_ASSIGN_OR_RETURN(auto an, LoadNetwork(g, a->net));
    const auto& net = an->network();
    KASHF_ASSIGN_OR_RETURN(NodeId v, net.Find(a->node));
    const auto& money = an->Money();
    auto start = std::chrono::steady_clock::now();
    network::TrailResult t = network::FollowMoney(money, v, o);
    double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    if (g.json) {
      nlohmann::json j = network::TrailJson(net, t, a->limit);
      j["start"] = network::NodeJson(net, v);
      j["direction"] = o.forward ? "forward" : "backward";
      j["query_ms"] = ms;
      fmt::print("{}\n", j.dump(2));
      return Status::Ok();
    }
    fmt::print("money {} {} {}: {} trail{} of up to {} hop{} within {} days{} ({} hops examined, {:.1f} ms)\n",
               o.forward ? "from" : "into", net.Label(v), o.forward ? "forward" : "traced back", t.paths.size(),
               t.paths.size() == 1 ? "" : "s", o.hops, o.hops == 1 ? "" : "s", o.days,
               t.truncated ? fmt::format(", stopped at --max-paths {}", o.max_paths) : "", t.hops_examined, ms);
    if (t.paths.empty()) {
      fmt::print("no payments {} this node in the window; widen --days, --tolerance or the dates\n",
                 o.forward ? "from" : "into");
      return Status::Ok();
    }
    fmt::print("\n{} reached (carried total, trails, fewest hops):\n",
               o.forward ? "where it went" : "where it came from");
    for (size_t i = 0; i < t.endpoints.size() && i < a->limit; ++i) {
      const auto& e = t.endpoints[i];
      fmt::print("  {:>14}  {:>4} trail{}  {} hop{}  {}\n", network::FormatAmount(e.carried), e.paths,
                 e.paths == 1 ? " " : "s", e.min_hops, e.min_hops == 1 ? " " : "s", net.Label(e.node));
    }
    fmt::print("\nlargest trails:\n");
    for (size_t i = 0; i < t.paths.size() && i < a->limit; ++i) {
      const auto& p = t.paths[i];
      fmt::print("  {}. carried {} over {} day{} (first {}, last {})\n", i + 1, network::FormatAmount(p.carried),
                 p.span_days, p.span_days == 1 ? "" : "s", network::FormatAmount(p.first_amount),
                 network::FormatAmount(p.last_amount));
      for (const auto& h : p.hops) fmt::print("       {}\n", Hop(net, h));
    }
    return Status::Ok();
  };
});

struct LayeringArgs {
  NetworkArgs net;
  std::vector<std::string> nodes;
  network::LayeringOptions layering;
  size_t show = 10;
};

NetworkSubcommandRegistration layering_command(85, [](CLI::App& parent, GlobalOptions& g) -> RunFn {
  auto a = std::make_shared<LayeringArgs>();
  auto* cmd = parent.add_subcommand("layering", "Layering patterns: fan-out, fan-in, scatter-gather, round trips");
  cmd->add_option("--node", a->nodes, "Only patterns starting at these nodes (repeat or comma-separate)")
      ->delimiter(',');
  cmd->add_option("--days", a->layering.days, "Window of one pattern")->capture_default_str();
  cmd->add_option("--tolerance", a->layering.tolerance, "Amount match between legs (fraction; -1 = any)")
      ->capture_default_str();
  cmd->add_option("--min-branches", a->layering.min_branches, "Fan width")->capture_default_str();
  cmd->add_option("--max-cycle", a->layering.max_cycle_hops, "Longest round trip (payments)")->capture_default_str();
  cmd->add_option("--min-amount", a->layering.min_amount, "Ignore payments below this amount")->capture_default_str();
  cmd->add_option("--limit", a->show, "Patterns to print per kind")->capture_default_str();
  AddNetworkOptions(cmd, a->net, false);
  return [&g, a]() -> Status {
    KASHF_ASSIGN_OR_RETURN(auto an, LoadNetwork(g, a->net));
    const auto& net = an->network();
    network::LayeringOptions o = a->layering;
    o.threads = a->net.threads;
    o.limit = std::max<size_t>(a->show, 1);
    for (const auto& n : a->nodes) {
      KASHF_ASSIGN_OR_RETURN(NodeId v, net.Find(n));
      o.only.push_back(v);
    }
    auto start = std::chrono::steady_clock::now();
    network::LayeringReport r = network::DetectLayering(an->Money(), o);
    double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    if (g.json) {
      nlohmann::json j = network::LayeringJson(net, r);
      j["query_ms"] = ms;
      fmt::print("{}\n", j.dump(2));
      return Status::Ok();
    }
    fmt::print("layering within {} days, amounts within {:.0f}% ({:.0f} ms)\n", o.days, o.tolerance * 100, ms);
    fmt::print("\nscatter-gather (source -> {}+ intermediaries -> one sink): {}\n", o.min_branches,
               r.scatter_gather.size());
    for (const auto& s : r.scatter_gather) {
      std::vector<std::string> mids;
      for (NodeId m : s.intermediaries) mids.push_back(net.Label(m));
      fmt::print("  {} .. {}  {} out, {} gathered\n    {}\n    via {}\n    -> {}\n", graph::IsoFromDay(s.first_day),
                 graph::IsoFromDay(s.last_day), network::FormatAmount(s.amount_out), network::FormatAmount(s.amount_in),
                 net.Label(s.source), Join(mids, "; "), net.Label(s.sink));
    }
    fmt::print("\nround trips (money back to its sender): {}\n", r.round_trips.size());
    for (const auto& t : r.round_trips) {
      fmt::print("  {} out, {} back in {} payments\n", network::FormatAmount(t.amount_out),
                 network::FormatAmount(t.amount_back), t.hops.size());
      for (const auto& h : t.hops) fmt::print("       {}\n", Hop(net, h));
    }
    auto fans = [&](const char* title, const std::vector<network::Fan>& list, const char* dir) {
      fmt::print("\n{} ({}+ distinct {} within {} days): {}\n", title, o.min_branches, dir, o.days, list.size());
      for (const auto& f : list)
        fmt::print("  {:>14} in {:>3} payments to/from {:>3} {}  {} .. {}  {}\n", network::FormatAmount(f.amount),
                   f.payments, f.branches, dir, graph::IsoFromDay(f.first_day), graph::IsoFromDay(f.last_day),
                   net.Label(f.node));
    };
    fans("fan-out", r.fan_out, "payees");
    fans("fan-in", r.fan_in, "payers");
    return Status::Ok();
  };
});

}  // namespace
}  // namespace kashf::cli
