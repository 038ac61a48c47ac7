// kashf network ...: network intelligence on the resolved entity graph (docs/network.md).
// The group, the shared options, and `network stats`; other subcommands in commands/network_*.cc.
#include <algorithm>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli_util.h"
#include "kashf/core/text.h"
#include "kashf/network/json.h"
#include "network_command.h"

namespace kashf::cli {

std::vector<RegisteredCommand>& NetworkSubcommands() {
  static std::vector<RegisteredCommand> subs;
  return subs;
}

NetworkSubcommandRegistration::NetworkSubcommandRegistration(int order, SetupFn setup) {
  NetworkSubcommands().push_back({order, std::move(setup)});
}

void AddNetworkOptions(CLI::App* cmd, NetworkArgs& a, bool dates, bool convert) {
  cmd->add_option("--view", a.view,
                  "persons (phones and accounts folded into their holders) or identifiers "
                  "(every phone and account its own node)")
      ->capture_default_str();
  if (dates) {
    cmd->add_option("--from", a.from, "Only relationships on or after this date (YYYY, YYYY-MM or YYYY-MM-DD)");
    cmd->add_option("--to", a.to, "Only relationships on or before this date");
  }
  cmd->add_option("--relation", a.relations,
                  "Only these relations: call, payment, involvement, family, associate, "
                  "travel, ownership, membership, other (repeat or comma-separate)")
      ->delimiter(',');
  cmd->add_option("--agency", a.agencies, "Only relationships from these agencies' datasets (repeat or comma-separate)")
      ->delimiter(',');
  cmd->add_option("--threads", a.threads, "Worker threads (0 = all cores)")->capture_default_str();
  cmd->add_option("--samples", a.samples, "Betweenness pivots when the graph is larger than --exact-limit")
      ->capture_default_str();
  cmd->add_option("--exact-limit", a.exact_limit, "Largest graph (nodes) with exact betweenness")
      ->capture_default_str();
  cmd->add_option("--report-window", a.report_window,
                  "Roles: calls and messages up to this many days after a meeting count as reports to their "
                  "recipient (0-365)")
      ->capture_default_str();
  if (convert) {
    cmd->add_option("--convert-to", a.convert_to,
                    "Convert every payment to this currency (ISO 4217, e.g. PKR) before adding amounts up; needs "
                    "--rates (without it, amounts of different currencies are never added)");
    cmd->add_option("--rates", a.rates, "Exchange rates CSV: from,to,rate,source,date");
  }
}

void PrintConversion(const network::Conversion& c) {
  if (c.to.empty()) return;
  fmt::print("amounts converted to {}", c.to);
  for (const auto& r : c.used) fmt::print("; 1 {} = {:.6g} {} ({}, {})", r.from, r.rate, r.to, r.source, r.date);
  fmt::print("\n");
}

nlohmann::json ConversionJson(const network::Conversion& c) {
  nlohmann::json rates = nlohmann::json::array();
  for (const auto& r : c.used)
    rates.push_back({{"from", r.from}, {"to", r.to}, {"rate", r.rate}, {"source", r.source}, {"date", r.date}});
  return {{"to", c.to}, {"rates", rates}};
}

Result<int32_t> ParseDayArg(const std::string& text, bool end) {
  KASHF_ASSIGN_OR_RETURN(int32_t day, graph::DayFromIso(text));
  if (!end) return day;
  if (text.size() == 4) {  // YYYY -> Dec 31
    KASHF_ASSIGN_OR_RETURN(int32_t next, graph::DayFromIso(std::to_string(std::stoi(text) + 1)));
    return next - 1;
  }
  if (text.size() == 7) {  // YYYY-MM -> last day of the month
    int y = std::stoi(text.substr(0, 4)), m = std::stoi(text.substr(5, 2));
    KASHF_ASSIGN_OR_RETURN(
        int32_t next, graph::DayFromIso(m == 12 ? fmt::format("{}-01", y + 1) : fmt::format("{}-{:02d}", y, m + 1)));
    return next - 1;
  }
  return day;
}

Result<std::unique_ptr<network::NetworkAnalysis>> LoadNetwork(const GlobalOptions& g, const NetworkArgs& a) {
  network::BuildOptions b;
  KASHF_ASSIGN_OR_RETURN(b.view, network::ParseView(a.view));
  if (!a.from.empty()) {
    KASHF_ASSIGN_OR_RETURN(b.from_day, ParseDayArg(a.from, false));
  }
  if (!a.to.empty()) {
    KASHF_ASSIGN_OR_RETURN(b.to_day, ParseDayArg(a.to, true));
  }
  if (!a.relations.empty()) {
    b.relations = 0;
    for (const auto& r : a.relations) {
      KASHF_ASSIGN_OR_RETURN(graph::Relation rel, graph::ParseRelation(ToLowerAscii(r)));
      b.relations |= 1u << static_cast<unsigned>(rel);
    }
  }
  b.agencies = a.agencies;
  network::MetricsOptions m;
  m.threads = a.threads;
  m.betweenness_samples = a.samples;
  m.exact_betweenness_limit = a.exact_limit;
  m.reports.window_days = a.report_window;
  KASHF_RETURN_IF_ERROR(network::CheckEventReportOptions(m.reports));
  if (a.convert_to.empty() != a.rates.empty())
    return Status::InvalidArgument(
        "--convert-to and --rates go together: the currency to convert to and the rates file");
  KASHF_ASSIGN_OR_RETURN(Opened o, OpenStore(g));
  KASHF_ASSIGN_OR_RETURN(network::EntityNetwork net, network::BuildNetwork(*o.store, o.model, b));
  if (!a.convert_to.empty()) {
    KASHF_ASSIGN_OR_RETURN(const network::ExchangeRates rates, network::ExchangeRates::LoadCsv(a.rates));
    KASHF_RETURN_IF_ERROR(net.ConvertPayments(rates, a.convert_to));
  }
  return std::make_unique<network::NetworkAnalysis>(std::move(net), m);
}

namespace {

CommandRegistration network_group(55, [](CLI::App& app, GlobalOptions& g) -> RunFn {
  auto* cmd =
      app.add_subcommand("network", "Network intelligence: organisers, brokers, communities, paths, money trails");
  cmd->require_subcommand(1);
  cmd->footer(
      "Nodes are resolved entities (run `kashf resolve` first); edges are calls, payments, co-involvement in cases,\n"
      "family, travel and ownership. Start with:\n"
      "  kashf --db k.db network stats\n"
      "  kashf --db k.db network top --role organiser\n"
      "  kashf --db k.db network top --role broker --limit 5\n"
      "  kashf --db k.db network show NODE\n"
      "  kashf --db k.db network trail NODE --days 30 --hops 3      (--backward: where the money came from)\n"
      "  kashf --db k.db network layering --days 30\n"
      "See docs/network.md for the methods and their limits.");
  return AttachSubcommands(*cmd, g, NetworkSubcommands(), "network");
});

NetworkSubcommandRegistration stats_command(10, [](CLI::App& parent, GlobalOptions& g) -> RunFn {
  auto a = std::make_shared<NetworkArgs>();
  auto* cmd =
      parent.add_subcommand("stats", "Build the network and summarise it: nodes, edges, components, communities");
  AddNetworkOptions(cmd, *a);
  return [&g, a]() -> Status {
    KASHF_ASSIGN_OR_RETURN(auto an, LoadNetwork(g, *a));
    nlohmann::json j = network::StatsJson(*an);
    if (g.json) {
      fmt::print("{}\n", j.dump(2));
      return Status::Ok();
    }
    fmt::print("network ({} view): {} nodes, {} relationship edges ({} after merging parallel edges)\n",
               j["view"].get<std::string>(), Thousands(j["nodes"].get<int64_t>()), Thousands(j["edges"].get<int64_t>()),
               Thousands(j["graph_edges"].get<int64_t>()));
    std::vector<std::string> parts;
    for (auto& [k, v] : j["nodes_by_kind"].items())
      parts.push_back(fmt::format("{} {}", k, Thousands(v.get<int64_t>())));
    fmt::print("  nodes by kind:      {}\n", Join(parts, ", "));
    parts.clear();
    for (auto& [k, v] : j["edges_by_relation"].items())
      parts.push_back(fmt::format("{} {}", k, Thousands(v.get<int64_t>())));
    fmt::print("  edges by relation:  {}\n", Join(parts, ", "));
    parts.clear();
    for (auto& [k, v] : j["edges_by_agency"].items())
      parts.push_back(fmt::format("{} {}", k, Thousands(v.get<int64_t>())));
    fmt::print("  edges by agency:    {}\n", Join(parts, ", "));
    fmt::print("  dates:              {} .. {}\n", j["first_date"].get<std::string>(),
               j["last_date"].get<std::string>());
    fmt::print("  components:         {} (largest {} nodes)\n", Thousands(j["components"].get<int64_t>()),
               Thousands(j["largest_component"].get<int64_t>()));
    fmt::print("  communities:        {} (Louvain, modularity {:.3f})\n", Thousands(j["communities"].get<int64_t>()),
               j["modularity"].get<double>());
    return Status::Ok();
  };
});

}  // namespace
}  // namespace kashf::cli
