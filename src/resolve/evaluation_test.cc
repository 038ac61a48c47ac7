#include "kashf/resolve/evaluation.h"

#include <gtest/gtest.h>

#include "kashf/model/statement.h"
#include "kashf/testing/files.h"

namespace kashf::resolve {
namespace {

TEST(Evaluation, PairwiseAndBcubedByHand) {
  // truth {0,1,2} {3}; predicted {0,1} {2,3}
  auto e = EvaluateClusters({"p", "p", "q", "q"}, {"t", "t", "t", "u"});
  EXPECT_EQ(e.true_pairs, 3u);
  EXPECT_EQ(e.predicted_pairs, 2u);
  EXPECT_EQ(e.correct_pairs, 1u);
  EXPECT_DOUBLE_EQ(e.precision, 0.5);
  EXPECT_DOUBLE_EQ(e.recall, 1.0 / 3);
  EXPECT_NEAR(e.f1, 0.4, 1e-12);
  // B-cubed precision: (1 + 1 + 1/2 + 1/2) / 4; recall: (2/3 + 2/3 + 1/3 + 1) / 4
  EXPECT_NEAR(e.bcubed_precision, 0.75, 1e-12);
  EXPECT_NEAR(e.bcubed_recall, (2.0 / 3 + 2.0 / 3 + 1.0 / 3 + 1) / 4, 1e-12);
  EXPECT_EQ(e.true_clusters, 2u);
  EXPECT_EQ(e.predicted_clusters, 2u);
  EXPECT_EQ(e.exact_clusters, 0u);
}

TEST(Evaluation, PerfectAndUnlabelled) {
  auto e = EvaluateClusters({"a", "a", "b", "zz"}, {"x", "x", "y", ""});
  EXPECT_EQ(e.records, 3u);
  EXPECT_DOUBLE_EQ(e.f1, 1.0);
  EXPECT_EQ(e.exact_clusters, 2u);
}

TEST(Evaluation, LinkOnlyCountsPairsAcrossSourcesOnly) {
  // Records 0,1 from file a; 2,3 from file b. Truth {0,2} {1,3}; predicted {0,1,2} {3}.
  const std::vector<std::string> predicted = {"p", "p", "p", "q"}, truth = {"x", "y", "x", "y"},
                                 sources = {"a", "a", "b", "b"};
  auto all = EvaluateClusters(predicted, truth);
  EXPECT_EQ(all.predicted_pairs, 3u);  // 0-1, 0-2, 1-2
  EXPECT_EQ(all.correct_pairs, 1u);
  auto link = EvaluateClusters(predicted, truth, &sources);
  EXPECT_EQ(link.predicted_pairs, 2u);  // 0-2, 1-2 (0-1 is inside file a)
  EXPECT_EQ(link.true_pairs, 2u);       // 0-2, 1-3
  EXPECT_EQ(link.correct_pairs, 1u);    // 0-2
  EXPECT_DOUBLE_EQ(link.precision, 0.5);
  EXPECT_DOUBLE_EQ(link.recall, 0.5);
  EXPECT_DOUBLE_EQ(link.bcubed_precision, all.bcubed_precision);
  // A pair inside one file is not counted even when both sides agree on it.
  const std::vector<std::string> same = {"a", "a", "a", "a"};
  EXPECT_EQ(EvaluateClusters(predicted, truth, &same).true_pairs, 0u);
}

// Brute force over all pairs: the reference for the counting above.
TEST(Evaluation, LinkOnlyAgreesWithCountingEveryPair) {
  std::vector<std::string> predicted, truth, sources;
  for (int i = 0; i < 60; ++i) {
    predicted.push_back(std::to_string(i % 7));
    truth.push_back(std::to_string(i % 5));
    sources.push_back(std::to_string(i % 3));
  }
  uint64_t pred = 0, real = 0, both = 0;
  for (size_t i = 0; i < predicted.size(); ++i)
    for (size_t j = i + 1; j < predicted.size(); ++j) {
      if (sources[i] == sources[j]) continue;
      pred += predicted[i] == predicted[j];
      real += truth[i] == truth[j];
      both += predicted[i] == predicted[j] && truth[i] == truth[j];
    }
  auto e = EvaluateClusters(predicted, truth, &sources);
  EXPECT_EQ(e.predicted_pairs, pred);
  EXPECT_EQ(e.true_pairs, real);
  EXPECT_EQ(e.correct_pairs, both);
  EXPECT_GT(both, 0u);
}

TEST(Evaluation, WhatCannotBeScoredIsCountedNotDropped) {
  const std::unordered_map<std::string, LoadedEntity> loaded = {{"r1", {"Person", "a"}}, {"r2", {"Person", "a"}},
                                                                {"r3", {"Person", "b"}}, {"r4", {"Person", "b"}},
                                                                {"r5", {"Person", "b"}}, {"c1", {"Case", "a"}}};
  const std::unordered_map<std::string, std::string> truth = {{"r1", "A"}, {"r2", "A"}, {"r3", "A"},
                                                              {"r4", "B"}, {"c1", "C"}, {"gone", "B"}};
  // r3 (say, no name) was never resolved; r5 has no label; "gone" was never loaded.
  const std::vector<std::pair<std::string, std::string>> predicted = {
      {"r1", "k1"}, {"r2", "k1"}, {"r4", "k4"}, {"r5", "k5"}, {"c1", "c1"}};
  TruthScore score = ScoreAgainstTruth(predicted, loaded, truth, {"Person", false});
  EXPECT_EQ(score.scored.records, 3u);  // r1, r2, r4
  EXPECT_EQ(score.ids, (std::vector<std::string>{"r1", "r2", "r4"}));
  EXPECT_DOUBLE_EQ(score.scored.f1, 1.0);
  EXPECT_EQ(score.records_without_prediction, 1u);  // r3
  EXPECT_EQ(score.true_pairs_not_scored, 2u);       // r1-r3, r2-r3
  EXPECT_EQ(score.records_without_truth, 1u);       // r5 (c1 is out of scope)
  EXPECT_EQ(score.truth_not_loaded, 1u);            // gone
  TruthScore link = ScoreAgainstTruth(predicted, loaded, truth, {"Person", true});
  EXPECT_EQ(link.scored.true_pairs, 0u);      // r1-r2 is inside dataset a
  EXPECT_EQ(link.true_pairs_not_scored, 2u);  // r1-r3, r2-r3 cross datasets
  TruthScore every_schema = ScoreAgainstTruth(predicted, loaded, truth, {"", false});
  EXPECT_EQ(every_schema.scored.records, 4u);  // c1 too
}

TEST(Evaluation, LoadsSimulatorTruthAndPlainLabels) {
  const std::string dir = kashf::testing::FreshTempDir("truth");
  kashf::testing::WriteFile(dir + "/records.csv",
                            "dataset,schema,key,true_id\nfir,Person,\"FIR-1|Model Town\",P1\nfia,Person,7,P1\n");
  auto sim = LoadTruthCsv(dir + "/records.csv");
  ASSERT_TRUE(sim.ok()) << sim.status().ToString();
  EXPECT_EQ(sim->at(MakeEntityId("fir", "Person", "FIR-1|Model Town")), "P1");
  EXPECT_EQ(sim->size(), 2u);
  kashf::testing::WriteFile(dir + "/labels.csv", "entity_id,true_id\ne1,A\ne2,A\n");
  EXPECT_EQ(LoadTruthCsv(dir + "/labels.csv")->at("e2"), "A");
  kashf::testing::WriteFile(dir + "/bad.csv", "who,what\n1,2\n");
  EXPECT_EQ(LoadTruthCsv(dir + "/bad.csv").status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(LoadTruthCsv(dir + "/missing.csv").status().code(), StatusCode::kNotFound);
}

TEST(Evaluation, CsvQuoting) {
  EXPECT_EQ(SplitCsvLine("a,\"b,c\",\"d\"\"e\","), (std::vector<std::string>{"a", "b,c", "d\"e", ""}));
}

}  // namespace
}  // namespace kashf::resolve
