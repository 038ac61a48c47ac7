// Scoring role detection (the network layer's ScoreRoles) against the simulator's ground truth
// (truth/records.csv, roles.csv, phones.csv written by `kashf simulate`). Each node is labelled with the true person
// most of its records belong to (a phone's records count for its owner); a true organiser is found at k when any node
// labelled with them is among the k highest organiser scores. Every role the simulator writes
// (organiser, broker, recruiter, transporter) is ranked three ways in the same run: by Kashf's score
// for it, by degree and by PageRank, so a role score is only worth reading where it beats them.
#pragma once
#include <string>
#include <unordered_map>
#include <vector>

#include "kashf/core/result.h"
#include "kashf/network/entity_network.h"
#include "kashf/network/roles.h"

namespace kashf::evaluation {

struct SimulatorTruth {
  std::unordered_map<std::string, std::string> person_of_entity;    // entity id -> true person id
  std::unordered_map<std::string, std::vector<std::string>> roles;  // true person id -> roles
};

// Reads DIR/records.csv, DIR/roles.csv and DIR/phones.csv. NotFound / Corruption from the loaders.
Result<SimulatorTruth> LoadSimulatorTruth(const std::string& truth_dir);

struct RoleRecall {
  std::string role;
  std::string ranking;       // "organiser score" (Kashf's), "degree", "pagerank"
  size_t true_total = 0;     // true persons with the role
  size_t true_in_graph = 0;  // ... that label at least one actor node
  size_t k = 0;
  size_t found_at_k = 0;      // distinct true persons with the role among the top k nodes
  double recall_at_k = 0;     // found_at_k / true_in_graph
  double precision_at_k = 0;  // share of the top k nodes labelled with a person having the role
  // R-precision: recall at k = true_in_graph (equals precision there).
  size_t found_at_r = 0;
  double r_precision = 0;
  std::vector<size_t> best_ranks;  // per true person in the graph, best (1-based) rank of their nodes
  struct Found {
    std::string person;        // true id
    size_t rank = 0;           // best rank among their nodes
    network::NodeId node = 0;  // the node at that rank
  };
  std::vector<Found> found;  // per true person in the graph, by rank
};

struct RoleEvaluation {
  size_t actors = 0, labelled_actors = 0;
  RoleRecall organisers, brokers;  // by Kashf's score (the same as in `rankings`)
  // Per role (organiser, broker, recruiter, transporter): Kashf's score, then degree, then PageRank.
  std::vector<RoleRecall> rankings;
};

// Scores the rankings by each role's score (ScoreRoles output) and the degree and PageRank
// baselines of `m` (the metrics the scores were computed from) at `k`.
RoleEvaluation EvaluateRoles(const network::EntityNetwork& net, const network::NodeMetrics& m,
                             const std::vector<network::RoleScore>& scores, const SimulatorTruth& truth, size_t k = 10);

}  // namespace kashf::evaluation
