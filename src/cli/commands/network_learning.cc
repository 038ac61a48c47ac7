// kashf network label | learn: analysts mark nodes as known organisers, brokers, couriers or
// laundering accounts (stored in the store, like resolution judgements), and a model trained on
// those labels ranks the other nodes, each with the features that raised its score
// (include/kashf/learning/node_learning.h).
#include <cstdlib>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli_util.h"
#include "kashf/core/text.h"
#include "kashf/learning/learn_json.h"
#include "kashf/learning/node_labels.h"
#include "kashf/learning/node_learning.h"
#include "network_command.h"

namespace kashf::cli {
namespace {

struct LabelArgs {
  std::string node, label, note, user;
  bool remove = false, list = false;
};

Status RunLabel(const GlobalOptions& g, const LabelArgs& a) {
  KASHF_ASSIGN_OR_RETURN(Opened o, OpenStore(g, a.list ? StoreAccess::kRead : StoreAccess::kWrite));
  if (a.list) {
    KASHF_ASSIGN_OR_RETURN(auto labels, o.store->NodeLabels());
    if (g.json) {
      nlohmann::json j = nlohmann::json::array();
      for (const auto& l : labels) j.push_back(learning::NodeLabelJson(l));
      fmt::print("{}\n", j.dump(2));
      return Status::Ok();
    }
    for (const auto& l : labels)
      fmt::print("{:<24} {:<12} {} {}{}\n", l.node_id, l.label, l.user, FormatIsoUtc(l.at),
                 l.note.empty() ? "" : "  " + l.note);
    if (labels.empty()) fmt::print("no labels yet; add one with `kashf network label NODE --as organiser`\n");
    return Status::Ok();
  }
  if (a.node.empty() || a.label.empty()) return Status::InvalidArgument("give a NODE and --as LABEL (or --list)");
  const char* env_user = std::getenv("USER");
  learning::LabelChange change{a.node, a.label, a.user.empty() ? (env_user ? env_user : "analyst") : a.user, a.note,
                               a.remove};
  // Audited like the API's label changes: the same function checks, audits and writes.
  auto audit = [&](const std::string& action, const std::string& subject, const std::string& detail) {
    return AuditCli(g, action, subject, detail, change.user);
  };
  KASHF_ASSIGN_OR_RETURN(NodeLabel l, learning::ChangeNodeLabel(*o.store, change, audit));
  if (g.json) {
    fmt::print("{}\n", learning::NodeLabelJson(l).dump(2));
    return Status::Ok();
  }
  if (g.quiet) return Status::Ok();
  if (a.remove) fmt::print("removed: {} is no longer labelled '{}'\n", l.node_id, l.label);
  else
    fmt::print("labelled {} as '{}'; `kashf network learn --label {}` ranks the rest\n", l.node_id, l.label, l.label);
  return Status::Ok();
}

NetworkSubcommandRegistration label_command(95, [](CLI::App& parent, GlobalOptions& g) -> RunFn {
  auto a = std::make_shared<LabelArgs>();
  auto* cmd =
      parent.add_subcommand("label", "Mark a node as a known organiser, broker, courier, laundering account ...");
  cmd->add_option("node", a->node, "Cluster id or entity id (`kashf network top --ids`)");
  cmd->add_option("--as", a->label, "The label: organiser, broker, courier, laundering or any word");
  cmd->add_option("--note", a->note, "Why (kept with the label and written to the audit log)");
  cmd->add_option("--user", a->user, "Who decided (default: $USER)");
  cmd->add_flag("--remove", a->remove, "Remove this label from the node");
  cmd->add_flag("--list", a->list, "List every label");
  cmd->footer(
      "Example:\n  kashf network label E46c6dd98902bf6ba --as organiser --note 'named by informant'\n"
      "  kashf network learn --label organiser");
  return [&g, a]() -> Status { return RunLabel(g, *a); };
});

struct LearnArgs {
  NetworkArgs net;
  std::string label;
  learning::LearnOptions o;
};

std::string Explain(const learning::LearnedScore& s) {
  std::vector<std::string> parts;
  for (const auto& f : s.top) parts.push_back(fmt::format("{} {:.4g} ({:+.2f})", f.feature, f.value, f.contribution));
  return Join(parts, ", ");
}

Status RunLearn(const GlobalOptions& g, const LearnArgs& a) {
  std::vector<NodeLabel> labels;
  {
    KASHF_ASSIGN_OR_RETURN(Opened o, OpenStore(g, StoreAccess::kRead));
    KASHF_ASSIGN_OR_RETURN(labels, o.store->NodeLabels());
  }
  KASHF_ASSIGN_OR_RETURN(const std::string label, learning::NormaliseLabel(a.label));
  KASHF_ASSIGN_OR_RETURN(auto an, LoadNetwork(g, a.net));
  KASHF_ASSIGN_OR_RETURN(auto positives, learning::LabelledNodes(*an, labels, label));
  KASHF_ASSIGN_OR_RETURN(auto r, learning::LearnFromLabels(*an, positives, label, a.o));
  const auto& net = an->network();
  if (g.json) {
    fmt::print("{}\n", learning::LearnJson(net, r).dump(2));
    return Status::Ok();
  }
  fmt::print(
      "'{}': {} labelled of {} actors; {}-fold cross-validation: R-precision {:.2f} (degree {:.2f}, PageRank "
      "{:.2f}), precision at 10 {:.2f}\n",
      r.label, r.positives, Thousands(static_cast<int64_t>(r.actors)), r.folds, r.cv_r_precision, r.degree_r_precision,
      r.pagerank_r_precision, r.cv_precision_at_10);
  fmt::print("(unlabelled nodes count as negatives, so these are lower bounds)\n");
  for (size_t i = 0; i < r.ranked.size(); ++i) {
    const auto& s = r.ranked[i];
    fmt::print("{:>3}. {:.2f}  {}\n       {}\n", i + 1, s.score, net.Label(s.node), Explain(s));
  }
  return Status::Ok();
}

NetworkSubcommandRegistration learn_command(96, [](CLI::App& parent, GlobalOptions& g) -> RunFn {
  auto a = std::make_shared<LearnArgs>();
  auto* cmd =
      parent.add_subcommand("learn", "Rank nodes like the ones analysts labelled, with the features behind each score");
  cmd->add_option("--label", a->label, "The label to learn (`kashf network label NODE --as LABEL`)")->required();
  cmd->add_option("--limit", a->o.limit, "Ranked nodes to show")->capture_default_str();
  cmd->add_option("--folds", a->o.folds, "Cross-validation folds")->capture_default_str();
  cmd->add_option("--seed", a->o.seed, "Fold assignment and model seed")->capture_default_str();
  AddNetworkOptions(cmd, a->net);
  cmd->footer("Gradient-boosted trees (XGBoost) over each node's graph features; docs/network.md.");
  return [&g, a]() -> Status { return RunLearn(g, *a); };
});

}  // namespace
}  // namespace kashf::cli
