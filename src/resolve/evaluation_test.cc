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
