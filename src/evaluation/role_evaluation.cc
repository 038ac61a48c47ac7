// Role detection scored against the simulator's truth files (role_evaluation.h).
#include "kashf/evaluation/role_evaluation.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <set>

#include <fmt/format.h>

#include "kashf/core/text.h"
#include "kashf/model/statement.h"
#include "kashf/sim/truth.h"

namespace kashf::evaluation {

using network::EntityNetwork;
using network::NodeId;
using network::RoleScore;

Result<SimulatorTruth> LoadSimulatorTruth(const std::string& dir) {
  SimulatorTruth t;
  KASHF_ASSIGN_OR_RETURN(auto records, sim::LoadRecordTruth(dir + "/records.csv"));
  KASHF_ASSIGN_OR_RETURN(auto roles, sim::LoadRoleTruth(dir + "/roles.csv"));
  std::unordered_map<std::string, std::string> owner;
  {
    const std::string path = dir + "/phones.csv";
    std::ifstream in(path, std::ios::binary);
    if (!in)
      return Status::NotFound(fmt::format("{}: cannot open the phone owners (run `kashf simulate` first?)", path));
    std::string line;
    size_t n = 0;
    while (std::getline(in, line)) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (n++ == 0) {
        if (line != "true_id,owner_true_id")
          return Status::Corruption(fmt::format("{}: unexpected header '{}'", path, line));
        continue;
      }
      auto fields = Split(line, ',');
      if (fields.size() != 2) return Status::Corruption(fmt::format("{}:{}: expected 2 fields", path, n));
      owner[fields[0]] = fields[1];
    }
  }
  for (const auto& r : records) {
    std::string person = r.true_id;
    if (auto it = owner.find(person); it != owner.end()) person = it->second;
    if (person.empty() || person[0] != 'P') continue;  // firearms and other things
    t.person_of_entity[MakeEntityId(r.dataset, r.schema, r.key)] = person;
  }
  for (const auto& r : roles)
    if (r.kind == "person") t.roles[r.true_id].push_back(r.role);
  return t;
}

namespace {

RoleRecall Score(const std::string& role, const std::string& ranking,
                 const std::vector<std::pair<double, NodeId>>& ranked, const std::vector<std::string>& label,
                 const SimulatorTruth& truth, size_t k) {
  RoleRecall r;
  r.role = role;
  r.ranking = ranking;
  r.k = k;
  auto has = [&](const std::string& person) {
    auto it = truth.roles.find(person);
    return it != truth.roles.end() && std::find(it->second.begin(), it->second.end(), role) != it->second.end();
  };
  for (const auto& [person, roles] : truth.roles)
    if (std::find(roles.begin(), roles.end(), role) != roles.end()) ++r.true_total;
  std::map<std::string, size_t> best;  // true person -> best rank
  for (size_t i = 0; i < ranked.size(); ++i) {
    const std::string& person = label[ranked[i].second];
    if (person.empty() || !has(person)) continue;
    if (best.emplace(person, i + 1).second) r.found.push_back({person, i + 1, ranked[i].second});
  }
  r.true_in_graph = best.size();
  size_t hits_at_k = 0;
  for (size_t i = 0; i < ranked.size() && i < k; ++i) {
    const std::string& person = label[ranked[i].second];
    if (!person.empty() && has(person)) ++hits_at_k;
  }
  for (const auto& [person, rank] : best) {
    r.best_ranks.push_back(rank);
    if (rank <= k) ++r.found_at_k;
    if (rank <= r.true_in_graph) ++r.found_at_r;
  }
  std::sort(r.best_ranks.begin(), r.best_ranks.end());
  r.recall_at_k = r.true_in_graph ? static_cast<double>(r.found_at_k) / static_cast<double>(r.true_in_graph) : 0;
  r.precision_at_k = k ? static_cast<double>(hits_at_k) / static_cast<double>(std::min(k, ranked.size())) : 0;
  r.r_precision = r.true_in_graph ? static_cast<double>(r.found_at_r) / static_cast<double>(r.true_in_graph) : 0;
  return r;
}

}  // namespace

RoleEvaluation EvaluateRoles(const EntityNetwork& net, const network::NodeMetrics& m,
                             const std::vector<RoleScore>& scores, const SimulatorTruth& truth, size_t k) {
  RoleEvaluation ev;
  std::vector<std::string> label(net.num_nodes());
  for (const RoleScore& s : scores) {
    std::map<std::string, size_t> votes;
    for (const std::string& id : net.Members(s.node)) {
      auto it = truth.person_of_entity.find(id);
      if (it != truth.person_of_entity.end()) ++votes[it->second];
    }
    size_t top = 0;
    for (const auto& [person, count] : votes)
      if (count > top) {
        top = count;
        label[s.node] = person;
      }
    ++ev.actors;
    if (!label[s.node].empty()) ++ev.labelled_actors;
  }
  auto ranked = [&](auto key) {
    std::vector<std::pair<double, NodeId>> r;
    for (const RoleScore& s : scores) r.push_back({key(s), s.node});
    std::sort(r.begin(), r.end(), [](const auto& a, const auto& b) {
      return a.first != b.first ? a.first > b.first : a.second < b.second;
    });
    return r;
  };
  const auto by_degree = ranked([&](const RoleScore& s) { return static_cast<double>(m.degree[s.node]); });
  const auto by_pagerank = ranked([&](const RoleScore& s) { return m.pagerank[s.node]; });
  using network::Role;
  for (Role role : {Role::kOrganiser, Role::kBroker, Role::kRecruiter, Role::kTransporter}) {
    const std::string name = network::RoleName(role);
    std::vector<std::pair<double, NodeId>> by_score;
    size_t position = 0;  // TopByRole's order, as `network top` shows it
    for (const RoleScore& s : network::TopByRole(scores, role, scores.size()))
      by_score.push_back({-static_cast<double>(position++), s.node});
    ev.rankings.push_back(Score(name, name + " score", by_score, label, truth, k));
    ev.rankings.push_back(Score(name, "degree", by_degree, label, truth, k));
    ev.rankings.push_back(Score(name, "pagerank", by_pagerank, label, truth, k));
  }
  ev.organisers = ev.rankings[0];
  ev.brokers = ev.rankings[3];
  return ev;
}

}  // namespace kashf::evaluation
