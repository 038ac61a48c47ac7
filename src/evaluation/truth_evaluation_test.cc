#include "kashf/evaluation/truth_evaluation.h"

#include <algorithm>

#include <gtest/gtest.h>

#include "kashf/testing/networks.h"

namespace kashf::evaluation {
namespace {

using network::NodeId;

// A star 0-{1,2,3,4}, a tail 4-5-6-7 and a place 8 that 7 travelled to. Degrees: 0 has 4; 4, 5, 6
// and 7 have 2; 1, 2, 3 have 1. Actors are 0..7 (8 is a location).
network::NetworkAnalysis Tiny() {
  network::EntityNetwork people =
      network::testing::People(9, {{0, 1}, {0, 2}, {0, 3}, {0, 4}, {4, 5}, {5, 6}, {6, 7}, {7, 8}});
  std::vector<network::Node> nodes = people.nodes();
  nodes[8].kind = network::NodeKind::kLocation;
  return network::NetworkAnalysis(network::EntityNetwork::FromParts(nodes, people.edges()), {.threads = 1});
}

std::vector<TruthRow> Rows(const std::vector<std::pair<std::string, std::string>>& id_label) {
  std::vector<TruthRow> rows;
  for (const auto& [id, label] : id_label)
    rows.push_back({.id = id, .label = label, .shown = id, .line = rows.size() + 2});
  return rows;
}

const RankingScore& Ranking(const LabelEvaluation& l, const std::string& name) {
  auto it =
      std::find_if(l.rankings.begin(), l.rankings.end(), [&](const RankingScore& r) { return r.ranking == name; });
  EXPECT_NE(it, l.rankings.end()) << name;
  return *it;
}

TEST(TruthEvaluation, PrecisionAndRecallAtKOfTheRoleScoreAndTheBaselines) {
  network::NetworkAnalysis a = Tiny();
  auto ev = EvaluateAgainstTruth(a, Rows({{"p0", "organiser"}, {"p5", "organiser"}, {"p8", "lookout"}}), {.k = 3});
  ASSERT_TRUE(ev.ok()) << ev.status().ToString();
  EXPECT_EQ(ev->rows, 3u);
  EXPECT_EQ(ev->matched_rows, 3u);
  EXPECT_EQ(ev->actors, 8u);
  ASSERT_EQ(ev->labels.size(), 2u);
  const LabelEvaluation& lookout = ev->labels[0];
  EXPECT_EQ(lookout.label, "lookout");
  EXPECT_EQ(lookout.kashf_score, "");  // no role score for it: only the baselines
  EXPECT_EQ(lookout.true_nodes, 1u);
  EXPECT_EQ(lookout.true_actors, 0u);  // a place is never ranked: every ranking misses it
  ASSERT_EQ(lookout.rankings.size(), 2u);
  EXPECT_EQ(lookout.rankings[0].recall_at_k, 0);

  const LabelEvaluation& org = ev->labels[1];
  EXPECT_EQ(org.kashf_score, "organiser");
  ASSERT_EQ(org.rankings.size(), 3u);
  EXPECT_EQ(org.rankings[0].ranking, "organiser score");
  // Degree order: 0, then 4 5 6 7, then 1 2 3. Top 3 = {0, 4, 5}: both organisers.
  const RankingScore& degree = Ranking(org, "degree");
  EXPECT_EQ(degree.k, 3u);
  EXPECT_EQ(degree.hits_at_k, 2u);
  EXPECT_DOUBLE_EQ(degree.precision_at_k, 2.0 / 3.0);
  EXPECT_DOUBLE_EQ(degree.recall_at_k, 1.0);
  EXPECT_EQ(degree.hits_at_r, 1u);  // top 2 = {0, 4}
  EXPECT_DOUBLE_EQ(degree.r_precision, 0.5);
  // PageRank and the organiser score, checked against their own orders.
  for (const auto& [name, score] : std::vector<std::pair<std::string, std::function<double(NodeId)>>>{
           {"pagerank", [&](NodeId v) { return a.Metrics().pagerank[v]; }},
           {"organiser score", [&](NodeId v) { return a.RoleOf(v)->organiser; }}}) {
    std::vector<NodeId> order{0, 1, 2, 3, 4, 5, 6, 7};
    // clang 14 cannot capture a structured binding in a lambda: name it first.
    const std::function<double(NodeId)>& key = score;
    std::stable_sort(order.begin(), order.end(), [&key](NodeId x, NodeId y) { return key(x) > key(y); });
    size_t hits = 0;
    for (size_t i = 0; i < 3; ++i) hits += order[i] == 0 || order[i] == 5;
    EXPECT_EQ(Ranking(org, name).hits_at_k, hits) << name;
    EXPECT_DOUBLE_EQ(Ranking(org, name).precision_at_k, static_cast<double>(hits) / 3) << name;
  }
}

TEST(TruthEvaluation, LabelsCanBeRankedByARoleScoreOfTheAnalystsChoice) {
  network::NetworkAnalysis a = Tiny();
  auto ev = EvaluateAgainstTruth(a, Rows({{"p0", "Boss"}}), {.score_for = {{"boss", "organizer"}}});
  ASSERT_TRUE(ev.ok()) << ev.status().ToString();
  ASSERT_EQ(ev->labels.size(), 1u);
  EXPECT_EQ(ev->labels[0].kashf_score, "organiser");
  EXPECT_EQ(ev->labels[0].rankings.size(), 3u);
  auto bad = EvaluateAgainstTruth(a, Rows({{"p0", "boss"}}), {.score_for = {{"boss", "kingpin"}}});
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().ToString().find("boss"), std::string::npos);
}

TEST(TruthEvaluation, UnknownIdsAreCountedAndNamedNotDropped) {
  network::NetworkAnalysis a = Tiny();
  // "3" is a node number and "Person 1" a name: a truth file names nodes by id only.
  auto rows = Rows({{"p0", "organiser"}, {"nobody", "broker"}, {"3", "broker"}, {"Person 1", "broker"}});
  auto refused = EvaluateAgainstTruth(a, rows);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), StatusCode::kInvalidArgument);
  const std::string msg = refused.status().message();
  EXPECT_NE(msg.find("3 of 4 truth rows name no node in this network (first: nobody, 3, Person 1)"), std::string::npos)
      << msg;
  EXPECT_NE(msg.find("--skip-unknown"), std::string::npos);
  auto skipped = EvaluateAgainstTruth(a, rows, {.skip_unknown = true});
  ASSERT_TRUE(skipped.ok());
  EXPECT_EQ(skipped->unknown, 3u);
  EXPECT_EQ(skipped->matched_rows, 1u);
  EXPECT_EQ(skipped->unknown_examples, (std::vector<std::string>{"nobody", "3", "Person 1"}));
  ASSERT_EQ(skipped->labels.size(), 1u);
  auto none = EvaluateAgainstTruth(a, Rows({{"nobody", "broker"}}), {.skip_unknown = true});
  ASSERT_FALSE(none.ok());
  EXPECT_NE(none.status().message().find("1 of 1 truth rows"), std::string::npos);
  auto zero = EvaluateAgainstTruth(a, Rows({{"p0", "organiser"}}), {.k = 0});
  ASSERT_FALSE(zero.ok());
}

}  // namespace
}  // namespace kashf::evaluation
