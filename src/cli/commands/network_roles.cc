// kashf network top | show | evaluate: role scores (organiser, broker, recruiter, transporter)
// with their reasons, one node in detail, and scoring against the simulator's ground truth.
#include <algorithm>
#include <filesystem>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli_util.h"
#include "kashf/core/text.h"
#include "kashf/evaluation/role_evaluation.h"
#include "kashf/network/json.h"
#include "kashf/network/money.h"
#include "network_command.h"
#include "network_evaluate_truth.h"

namespace kashf::cli {
namespace {

using network::Role;
using network::RoleScore;

double ScoreFor(const RoleScore& s, Role r) {
  return r == Role::kOrganiser ? s.organiser : r == Role::kBroker ? s.broker : s.peripheral;
}

const std::vector<std::string>& ReasonsFor(const RoleScore& s, Role r) {
  return r == Role::kOrganiser ? s.organiser_reasons : r == Role::kBroker ? s.broker_reasons : s.peripheral_reasons;
}

std::string Describe(const network::Node& n) {
  std::string d = fmt::format("{}, {} record{}", network::NodeKindName(n.kind), n.records, n.records == 1 ? "" : "s");
  if (!n.datasets.empty()) d += " (" + Join(n.datasets, ", ") + ")";
  return d;
}

struct TopArgs {
  NetworkArgs net;
  std::string role = "organiser";
  size_t limit = 10;
  bool ids_only = false;
};

NetworkSubcommandRegistration top_command(20, [](CLI::App& parent, GlobalOptions& g) -> RunFn {
  auto a = std::make_shared<TopArgs>();
  auto* cmd =
      parent.add_subcommand("top", "Highest-scoring organisers, brokers, recruiters or transporters, with reasons");
  cmd->add_option("--role", a->role, "organiser, broker, recruiter, transporter or peripheral")->capture_default_str();
  cmd->add_option("--limit", a->limit, "How many")->capture_default_str();
  cmd->add_flag("--ids", a->ids_only, "Print only the node ids, one per line (for scripts: `network trail $(...)`)");
  AddNetworkOptions(cmd, a->net);
  cmd->footer("Scores are percentile-based in [0, 1]; the reasons list the figures behind them (docs/network.md).");
  return [&g, a]() -> Status {
    KASHF_ASSIGN_OR_RETURN(Role role, network::ParseRole(a->role));
    KASHF_ASSIGN_OR_RETURN(auto an, LoadNetwork(g, a->net));
    const auto& net = an->network();
    auto top = network::TopByRole(an->Roles(), role, a->limit);
    if (a->ids_only) {
      for (const auto& s : top) fmt::print("{}\n", net.nodes()[s.node].id);
      return Status::Ok();
    }
    if (g.json) {
      nlohmann::json j = nlohmann::json::array();
      for (size_t i = 0; i < top.size(); ++i) {
        nlohmann::json r = network::RoleJson(net, top[i]);
        r["rank"] = i + 1;
        j.push_back(r);
      }
      nlohmann::json out{{"role", network::RoleName(role)}, {"actors", an->Roles().size()}, {"top", j}};
      if (!net.conversion().to.empty()) out["conversion"] = ConversionJson(net.conversion());
      fmt::print("{}\n", out.dump(2));
      return Status::Ok();
    }
    const auto& m = an->Metrics();
    fmt::print("Top {} {}s of {} actors ({} view; betweenness {})\n", top.size(), network::RoleName(role),
               Thousands(static_cast<int64_t>(an->Roles().size())), network::ViewName(net.view()),
               m.betweenness_exact ? "exact" : fmt::format("sampled, {} pivots", m.betweenness_samples));
    PrintConversion(net.conversion());
    for (size_t i = 0; i < top.size(); ++i) {
      const RoleScore& s = top[i];
      fmt::print("{:>3}. {:.2f}  {}  [{}]\n", i + 1, ScoreFor(s, role), net.Label(s.node),
                 Describe(net.nodes()[s.node]));
      const auto& reasons = ReasonsFor(s, role);
      if (reasons.empty())
        fmt::print("       - no single measure stands out; the score adds up several moderate ones\n");
      for (const auto& r : reasons) fmt::print("       - {}\n", r);
    }
    if (top.empty())
      fmt::print("no actors in the network; load and resolve data first (`kashf ingest`, `kashf resolve`)\n");
    return Status::Ok();
  };
});

struct ShowArgs {
  NetworkArgs net;
  std::string node;
  size_t neighbours = 10;
};

NetworkSubcommandRegistration show_command(30, [](CLI::App& parent, GlobalOptions& g) -> RunFn {
  auto a = std::make_shared<ShowArgs>();
  auto* cmd =
      parent.add_subcommand("show", "One node: its records, measures, role scores with reasons, strongest ties");
  cmd->add_option("node", a->node, "Cluster id, entity id, node number or exact name")->required();
  cmd->add_option("--neighbours", a->neighbours, "Strongest ties to list")->capture_default_str();
  AddNetworkOptions(cmd, a->net);
  return [&g, a]() -> Status {
    KASHF_ASSIGN_OR_RETURN(auto an, LoadNetwork(g, a->net));
    const auto& net = an->network();
    KASHF_ASSIGN_OR_RETURN(network::NodeId v, net.Find(a->node));
    const auto& m = an->Metrics();
    const RoleScore* s = an->RoleOf(v);
    const auto& und = an->graph().undirected();
    std::vector<std::pair<float, network::NodeId>> ties;
    auto nb = und.Neighbours(v);
    auto w = und.Weights(v);
    for (size_t j = 0; j < nb.size(); ++j) ties.push_back({w[j], nb[j]});
    std::sort(ties.begin(), ties.end(), [](const auto& x, const auto& y) {
      return x.first != y.first ? x.first > y.first : x.second < y.second;
    });
    if (ties.size() > a->neighbours) ties.resize(a->neighbours);
    if (g.json) {
      nlohmann::json j = s ? network::RoleJson(net, *s) : network::NodeJson(net, v);
      j["metrics"] = network::MetricsJson(m, v);
      j["members"] = net.Members(v);
      nlohmann::json t = nlohmann::json::array();
      for (const auto& [weight, u] : ties) {
        nlohmann::json x = network::NodeJson(net, u);
        x["weight"] = weight;
        t.push_back(x);
      }
      j["ties"] = t;
      if (!net.conversion().to.empty()) j["conversion"] = ConversionJson(net.conversion());
      fmt::print("{}\n", j.dump(2));
      return Status::Ok();
    }
    const network::Node& n = net.nodes()[v];
    fmt::print("{}\n  node {}  {}\n", net.Label(v), v, Describe(n));
    PrintConversion(net.conversion());
    if (n.cases) {
      std::vector<std::string> roles;
      for (const auto& [role, count] : n.recorded_roles) roles.push_back(fmt::format("{} x{}", role, count));
      fmt::print("  named in {} case{}{}\n", n.cases, n.cases == 1 ? "" : "s",
                 roles.empty() ? "" : ": " + Join(roles, ", "));
    }
    fmt::print("  degree {}  PageRank {:.2e}  betweenness {:.2e}{}  community {}  participation {:.2f}\n", m.degree[v],
               m.pagerank[v], m.betweenness[v], m.betweenness_exact ? "" : " (sampled)", m.community[v],
               m.participation[v]);
    if (m.calls_in[v] + m.calls_out[v] + m.messages_in[v] + m.messages_out[v] > 0)
      fmt::print("  calls {} made, {} received; messages {} sent, {} received\n", m.calls_out[v], m.calls_in[v],
                 m.messages_out[v], m.messages_in[v]);
    if (m.payments_in[v] || m.payments_out[v])
      fmt::print("  payments: {} from {} payers, {} to {} payees\n", m.payments_in[v], m.payers[v], m.payments_out[v],
                 m.payees[v]);
    for (const auto& f : network::MoneyOf(m, v))  // per currency, never added across currencies
      fmt::print("  money in {}, out {}, hawala {}\n", network::FormatMoney(f.in, f.currency),
                 network::FormatMoney(f.out, f.currency), network::FormatMoney(f.hawala, f.currency));
    if (s) {
      for (Role r : {Role::kOrganiser, Role::kBroker, Role::kPeripheral}) {
        fmt::print("  {:<11} {:.2f}{}\n",
                   r == Role::kPeripheral ? network::RoleName(s->peripheral_kind) : network::RoleName(r),
                   ScoreFor(*s, r),
                   s->role == r || (r == Role::kPeripheral && s->role == s->peripheral_kind) ? "  <- best fit" : "");
        for (const auto& reason : ReasonsFor(*s, r)) fmt::print("      - {}\n", reason);
      }
    }
    if (!ties.empty()) {
      fmt::print("  strongest ties:\n");
      for (const auto& [weight, u] : ties) fmt::print("    {:>6.1f}  {}\n", weight, net.Label(u));
    }
    return Status::Ok();
  };
});

struct EvaluateArgs {
  NetworkArgs net;
  std::string truth;
  size_t k = 10;
  bool details = false;
  bool skip_unknown = false;        // truth file only
  std::vector<std::string> scores;  // truth file only: LABEL=ROLE
};

nlohmann::json RecallJson(const evaluation::RoleRecall& r) {
  return {{"role", r.role},
          {"ranking", r.ranking},
          {"true_total", r.true_total},
          {"true_in_graph", r.true_in_graph},
          {"k", r.k},
          {"found_at_k", r.found_at_k},
          {"recall_at_k", r.recall_at_k},
          {"precision_at_k", r.precision_at_k},
          {"found_at_r", r.found_at_r},
          {"r_precision", r.r_precision},
          {"best_ranks", r.best_ranks}};
}

void PrintRecall(const evaluation::RoleRecall& r) {
  fmt::print(
      "{:<10} {} true ({} in the graph); top {}: {} found, recall {:.2f}, precision {:.2f}; "
      "top {} (R-precision): {} found, {:.2f}\n",
      r.role + "s", r.true_total, r.true_in_graph, r.k, r.found_at_k, r.recall_at_k, r.precision_at_k, r.true_in_graph,
      r.found_at_r, r.r_precision);
  std::vector<std::string> ranks;
  for (size_t i = 0; i < r.best_ranks.size() && i < 30; ++i) ranks.push_back(std::to_string(r.best_ranks[i]));
  fmt::print("{:<10} best rank of each: {}{}\n", "", Join(ranks, " "), r.best_ranks.size() > 30 ? " ..." : "");
}

NetworkSubcommandRegistration evaluate_command(90, [](CLI::App& parent, GlobalOptions& g) -> RunFn {
  auto a = std::make_shared<EvaluateArgs>();
  auto* cmd =
      parent.add_subcommand("evaluate", "Score role detection against ground truth, beside degree and PageRank");
  cmd->add_option("--truth", a->truth,
                  "The truth/ folder written by `kashf simulate`, or a CSV file 'id,role' (or "
                  "'dataset,schema,key,role') for any data (docs/network.md)")
      ->required();
  cmd->add_flag(
      "--skip-unknown", a->skip_unknown,
      "Truth file: evaluate the rows that name a node instead of refusing (the others are counted and named)");
  cmd->add_option("--score", a->scores, "Truth file: LABEL=ROLE ranks a label by a role's score (e.g. boss=organiser)")
      ->delimiter(',');
  cmd->add_option("--k", a->k, "Cut-off for recall and precision")->capture_default_str();
  cmd->add_flag("--details", a->details,
                "Show each true organiser's and broker's best node with its scores and reasons");
  AddNetworkOptions(cmd, a->net);
  return [&g, a]() -> Status {
    if (!std::filesystem::exists(a->truth))
      return Status::NotFound(fmt::format(
          "{}: no such file or folder; give the truth/ folder of `kashf simulate` or a CSV file 'id,role'", a->truth));
    if (std::filesystem::is_regular_file(a->truth)) {
      evaluation::TruthEvaluationOptions o{.k = a->k, .skip_unknown = a->skip_unknown};
      for (const std::string& s : a->scores) {
        const size_t eq = s.find('=');
        if (eq == std::string::npos || eq == 0 || eq + 1 == s.size())
          return Status::InvalidArgument(fmt::format("--score '{}': expected LABEL=ROLE, e.g. boss=organiser", s));
        o.score_for[s.substr(0, eq)] = s.substr(eq + 1);
      }
      KASHF_ASSIGN_OR_RETURN(auto an, LoadNetwork(g, a->net));
      return PrintTruthFileEvaluation(g, *an, a->truth, o);
    }
    KASHF_ASSIGN_OR_RETURN(auto truth, evaluation::LoadSimulatorTruth(a->truth));
    KASHF_ASSIGN_OR_RETURN(auto an, LoadNetwork(g, a->net));
    auto ev = evaluation::EvaluateRoles(an->network(), an->Metrics(), an->Roles(), truth, a->k);
    if (g.json) {
      nlohmann::json rankings = nlohmann::json::array();
      for (const auto& r : ev.rankings) rankings.push_back(RecallJson(r));
      fmt::print("{}\n", nlohmann::json{{"actors", ev.actors},
                                        {"labelled_actors", ev.labelled_actors},
                                        {"organisers", RecallJson(ev.organisers)},
                                        {"brokers", RecallJson(ev.brokers)},
                                        {"rankings", rankings}}
                             .dump(2));
      return Status::Ok();
    }
    fmt::print("{} actors, {} labelled with a true person\n", Thousands(static_cast<int64_t>(ev.actors)),
               Thousands(static_cast<int64_t>(ev.labelled_actors)));
    PrintRecall(ev.organisers);
    PrintRecall(ev.brokers);
    fmt::print("\n{:<12} {:<18} {:>6} {:>9} {:>9} {:>12}\n", "role", "ranking", "true", fmt::format("found@{}", a->k),
               fmt::format("P@{}", a->k), "R-precision");
    for (const auto& r : ev.rankings)
      fmt::print("{:<12} {:<18} {:>6} {:>9} {:>9.2f} {:>12.2f}\n", r.ranking == r.role + " score" ? r.role : "",
                 r.ranking, r.true_in_graph, r.found_at_k, r.precision_at_k, r.r_precision);
    if (a->details) {
      const auto& m = an->Metrics();
      for (const auto* r : {&ev.organisers, &ev.brokers}) {
        fmt::print("\n{}s (true id: best rank, node):\n", r->role);
        for (const auto& f : r->found) {
          const RoleScore* s = an->RoleOf(f.node);
          fmt::print(
              "  {} #{:<5} org {:.2f} brk {:.2f} per {:.2f}  deg {} in {} out {} btw {:.2e} cases {}  {}  [{}]\n",
              f.person, f.rank, s->organiser, s->broker, s->peripheral, m.degree[f.node],
              network::FormatMoney(m.money_in[f.node], m.money_currency),
              network::FormatMoney(m.money_out[f.node], m.money_currency), m.betweenness[f.node],
              an->network().nodes()[f.node].cases, an->network().Label(f.node),
              Describe(an->network().nodes()[f.node]));
        }
      }
    }
    return Status::Ok();
  };
});

}  // namespace
}  // namespace kashf::cli
