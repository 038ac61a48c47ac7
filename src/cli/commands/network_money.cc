// kashf network trail | layering: follow the money from an account or person, and find layering
// patterns (fan-out / fan-in, scatter-gather, round trips). docs/network.md "Money trails".
#include <chrono>

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

std::string Hop(const network::EntityNetwork& net, const network::TrailHop& h, const std::string& currency) {
  return fmt::format("{}  {:<6} {:>16}  {} -> {}", graph::IsoFromDay(h.day), graph::ChannelName(h.channel),
                     network::FormatMoney(h.amount, currency), net.Label(h.from), net.Label(h.to));
}

// --convert-to CODE --rates FILE: money in one currency, only when asked.
struct MoneyArgs {
  std::string convert_to, rates;
};

void AddMoneyOptions(CLI::App* cmd, MoneyArgs& m) {
  cmd->add_option(
      "--convert-to", m.convert_to,
      "Convert every payment to this currency (ISO 4217, e.g. PKR) before adding amounts up; needs --rates");
  cmd->add_option("--rates", m.rates, "Exchange rates CSV: from,to,rate,source,date (the source and date are printed)");
}

// The payments a money command works on, in one currency: the network's own when they are in one
// currency (or none recorded), converted when asked; a mix without conversion is an error.
struct MoneyView {
  std::unique_ptr<network::MoneyIndex> converted;
  const network::MoneyIndex* index = nullptr;
  std::string currency;
  network::Conversion conversion;
};

Result<MoneyView> PrepareMoney(const network::NetworkAnalysis& an, const MoneyArgs& m, std::string_view what) {
  MoneyView v;
  if (m.convert_to.empty() != m.rates.empty())
    return Status::InvalidArgument(
        "--convert-to and --rates go together: the currency to convert to and the rates file");
  if (m.convert_to.empty()) {
    v.index = &an.Money();
    KASHF_ASSIGN_OR_RETURN(v.currency, network::SingleCurrency(v.index->payments(), what));
    return v;
  }
  KASHF_ASSIGN_OR_RETURN(const network::ExchangeRates rates, network::ExchangeRates::LoadCsv(m.rates));
  KASHF_ASSIGN_OR_RETURN(graph::EdgeList el,
                         network::ConvertPayments(an.Money().payments(), rates, m.convert_to, &v.conversion));
  v.converted = std::make_unique<network::MoneyIndex>(el);
  v.index = v.converted.get();
  v.currency = v.conversion.to;
  return v;
}

struct TrailArgs {
  NetworkArgs net;
  std::string node, from, to;
  bool backward = false;
  network::TrailOptions trail;
  std::vector<std::string> channels;
  size_t limit = 10;
  MoneyArgs money;
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
  AddMoneyOptions(cmd, a->money);
  AddNetworkOptions(cmd, a->net, false, false);
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
    KASHF_ASSIGN_OR_RETURN(const MoneyView mv, PrepareMoney(*an, a->money, "a money trail"));
    const auto& money = *mv.index;
    const std::string& cur = mv.currency;
    auto start = std::chrono::steady_clock::now();
    network::TrailResult t = network::FollowMoney(money, v, o);
    double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    if (g.json) {
      nlohmann::json j = network::TrailJson(net, t, a->limit);
      j["start"] = network::NodeJson(net, v);
      j["direction"] = o.forward ? "forward" : "backward";
      j["query_ms"] = ms;
      j["currency"] = cur;
      if (!mv.conversion.to.empty()) j["conversion"] = ConversionJson(mv.conversion);
      fmt::print("{}\n", j.dump(2));
      return Status::Ok();
    }
    PrintConversion(mv.conversion);
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
      fmt::print("  {:>16}  {:>4} trail{}  {} hop{}  {}\n", network::FormatMoney(e.carried, cur), e.paths,
                 e.paths == 1 ? " " : "s", e.min_hops, e.min_hops == 1 ? " " : "s", net.Label(e.node));
    }
    fmt::print("\nlargest trails:\n");
    for (size_t i = 0; i < t.paths.size() && i < a->limit; ++i) {
      const auto& p = t.paths[i];
      fmt::print("  {}. carried {} over {} day{} (first {}, last {})\n", i + 1, network::FormatMoney(p.carried, cur),
                 p.span_days, p.span_days == 1 ? "" : "s", network::FormatMoney(p.first_amount, cur),
                 network::FormatMoney(p.last_amount, cur));
      for (const auto& h : p.hops) fmt::print("       {}\n", Hop(net, h, cur));
    }
    return Status::Ok();
  };
});

// "57 found, the largest 10 shown (--limit)", or "3 found" when all are shown.
std::string FoundShown(size_t found, size_t shown) {
  if (found <= shown) return fmt::format("{} found", found);
  return fmt::format("{} found, the largest {} shown (--limit)", found, shown);
}

struct LayeringArgs {
  NetworkArgs net;
  std::vector<std::string> nodes;
  network::LayeringOptions layering;
  size_t show = 10;
  MoneyArgs money;
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
  AddMoneyOptions(cmd, a->money);
  AddNetworkOptions(cmd, a->net, false, false);
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
    KASHF_ASSIGN_OR_RETURN(const MoneyView mv, PrepareMoney(*an, a->money, "layering"));
    const std::string& cur = mv.currency;
    auto money = [&cur](double amount) { return network::FormatMoney(amount, cur); };
    auto start = std::chrono::steady_clock::now();
    network::LayeringReport r = network::DetectLayering(*mv.index, o);
    double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    if (g.json) {
      nlohmann::json j = network::LayeringJson(net, r);
      j["query_ms"] = ms;
      j["currency"] = cur;
      if (!mv.conversion.to.empty()) j["conversion"] = ConversionJson(mv.conversion);
      fmt::print("{}\n", j.dump(2));
      return Status::Ok();
    }
    PrintConversion(mv.conversion);
    fmt::print("layering within {} days, amounts within {:.0f}% ({:.0f} ms)\n", o.days, o.tolerance * 100, ms);
    fmt::print("\nscatter-gather (source -> {}+ intermediaries -> one sink): {}\n", o.min_branches,
               FoundShown(r.found.scatter_gather, r.scatter_gather.size()));
    for (const auto& s : r.scatter_gather) {
      std::vector<std::string> mids;
      for (NodeId m : s.intermediaries) mids.push_back(net.Label(m));
      fmt::print("  {} .. {}  {} out, {} gathered\n    {}\n    via {}\n    -> {}\n", graph::IsoFromDay(s.first_day),
                 graph::IsoFromDay(s.last_day), money(s.amount_out), money(s.amount_in), net.Label(s.source),
                 Join(mids, "; "), net.Label(s.sink));
    }
    fmt::print("\nround trips (money back to its sender): {}\n", FoundShown(r.found.round_trips, r.round_trips.size()));
    for (const auto& t : r.round_trips) {
      fmt::print("  {} out, {} back in {} payments\n", money(t.amount_out), money(t.amount_back), t.hops.size());
      for (const auto& h : t.hops) fmt::print("       {}\n", Hop(net, h, cur));
    }
    auto fans = [&](const char* title, const std::vector<network::Fan>& list, size_t found, const char* dir) {
      fmt::print("\n{} ({}+ distinct {} within {} days): {}\n", title, o.min_branches, dir, o.days,
                 FoundShown(found, list.size()));
      for (const auto& f : list)
        fmt::print("  {:>16} in {:>3} payments to/from {:>3} {}  {} .. {}  {}\n", money(f.amount), f.payments,
                   f.branches, dir, graph::IsoFromDay(f.first_day), graph::IsoFromDay(f.last_day), net.Label(f.node));
    };
    fans("fan-out", r.fan_out, r.found.fan_out, "payees");
    fans("fan-in", r.fan_in, r.found.fan_in, "payers");
    return Status::Ok();
  };
});

}  // namespace
}  // namespace kashf::cli
