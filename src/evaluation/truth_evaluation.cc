// Role scores and baselines against a generic truth file (truth_evaluation.h).
#include "kashf/evaluation/truth_evaluation.h"

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "kashf/core/text.h"

namespace kashf::evaluation {
namespace {

using network::NodeId;

// The node whose cluster id or member entity id is `id`, or kNoNode.
NodeId NodeNamed(const network::EntityNetwork& net, const std::string& id) {
  auto v = net.Find(id);
  if (!v.ok()) return network::kNoNode;
  if (net.nodes()[*v].id == id) return *v;
  const auto members = net.Members(*v);
  return std::binary_search(members.begin(), members.end(), id) ? *v : network::kNoNode;
}

// Actors ordered by `key` (highest first, ties by node).
template <typename Key>
std::vector<NodeId> RankBy(const std::vector<network::RoleScore>& actors, Key key) {
  std::vector<NodeId> order;
  for (const auto& s : actors) order.push_back(s.node);
  std::stable_sort(order.begin(), order.end(), [&](NodeId x, NodeId y) {
    const double kx = key(x), ky = key(y);
    return kx != ky ? kx > ky : x < y;
  });
  return order;
}

RankingScore Score(const std::string& name, const std::vector<NodeId>& order, const std::set<NodeId>& truth, size_t k) {
  RankingScore r;
  r.ranking = name;
  r.k = std::min(k, order.size());
  const size_t rk = std::min(truth.size(), order.size());
  for (size_t i = 0; i < order.size() && i < std::max(r.k, rk); ++i) {
    if (!truth.count(order[i])) continue;
    if (i < r.k) ++r.hits_at_k;
    if (i < rk) ++r.hits_at_r;
  }
  r.precision_at_k = r.k ? static_cast<double>(r.hits_at_k) / static_cast<double>(r.k) : 0;
  r.recall_at_k = truth.empty() ? 0 : static_cast<double>(r.hits_at_k) / static_cast<double>(truth.size());
  r.r_precision = truth.empty() ? 0 : static_cast<double>(r.hits_at_r) / static_cast<double>(truth.size());
  return r;
}

}  // namespace

Result<TruthEvaluation> EvaluateAgainstTruth(const network::NetworkAnalysis& a, const std::vector<TruthRow>& rows,
                                             const TruthEvaluationOptions& o) {
  if (o.k == 0) return Status::InvalidArgument("k must be at least 1");
  std::map<std::string, network::Role> role_of;
  for (const auto& [label, role] : o.score_for) {
    auto r = network::ParseRole(ToLowerAscii(role));
    if (!r.ok()) return r.status().WithContext(fmt::format("the score for label '{}'", label));
    role_of[ToLowerAscii(label)] = *r;
  }
  const network::EntityNetwork& net = a.network();
  TruthEvaluation ev;
  ev.rows = rows.size();
  std::map<std::string, std::set<NodeId>> truth;  // label -> nodes
  for (const TruthRow& row : rows) {
    const NodeId v = NodeNamed(net, row.id);
    if (v == network::kNoNode) {
      if (ev.unknown_examples.size() < 5) ev.unknown_examples.push_back(row.shown);
      ++ev.unknown;
      continue;
    }
    ++ev.matched_rows;
    truth[ToLowerAscii(row.label)].insert(v);
  }
  const std::string unknown_text = ev.unknown
                                       ? fmt::format("{} of {} truth rows name no node in this network (first: {})",
                                                     ev.unknown, ev.rows, Join(ev.unknown_examples, ", "))
                                       : "";
  if (ev.matched_rows == 0)
    return Status::InvalidArgument(unknown_text +
                                   "; give cluster or entity ids (`kashf network top --ids`, `kashf search`) or the "
                                   "records' dataset,schema,key as ingested");
  if (ev.unknown && !o.skip_unknown)
    return Status::InvalidArgument(unknown_text + fmt::format("; they may be from another dataset or filtered out of "
                                                              "the network; --skip-unknown evaluates the {} that match",
                                                              ev.matched_rows));
  const auto& actors = a.Roles();
  const auto& m = a.Metrics();
  ev.actors = actors.size();
  const std::vector<NodeId> by_degree = RankBy(actors, [&](NodeId v) { return static_cast<double>(m.degree[v]); });
  const std::vector<NodeId> by_pagerank = RankBy(actors, [&](NodeId v) { return m.pagerank[v]; });
  for (const auto& [label, nodes] : truth) {
    LabelEvaluation le;
    le.label = label;
    le.true_nodes = nodes.size();
    for (NodeId v : nodes) le.true_actors += a.RoleOf(v) != nullptr;
    std::optional<network::Role> role;
    if (auto it = role_of.find(label); it != role_of.end()) {
      role = it->second;
    } else if (auto parsed = network::ParseRole(label); parsed.ok()) {
      role = *parsed;
    }
    if (role) {
      le.kashf_score = network::RoleName(*role);
      std::vector<NodeId> order;
      for (const auto& s : network::TopByRole(actors, *role, actors.size())) order.push_back(s.node);
      le.rankings.push_back(Score(le.kashf_score + " score", order, nodes, o.k));
    }
    le.rankings.push_back(Score("degree", by_degree, nodes, o.k));
    le.rankings.push_back(Score("pagerank", by_pagerank, nodes, o.k));
    ev.labels.push_back(std::move(le));
  }
  return ev;
}

}  // namespace kashf::evaluation
