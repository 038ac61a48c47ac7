#include "kashf/store/cluster_export.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <sstream>

#include "kashf/testing/files.h"
#include "kashf/testing/golden.h"

namespace kashf {
namespace {

class ClusterExportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    model_ = std::move(*Model::LoadDefault());
    store_ = std::move(*OpenSqliteStore(testing::FreshTempDir("clusters") + "/k.db", model_));
    // Two files with people, one of whom is recorded as a victim, and a case (not resolved).
    std::vector<Statement> batch;
    auto person = [&](const std::string& dataset, const std::string& key, const std::string& name,
                      const std::string& record) {
      std::string id = MakeEntityId(dataset, "Person", key);
      batch.push_back({id, "Person", "name", name, dataset, record, 1000});
      return id;
    };
    a1_ = person("febrl-a", "rec-1-org", "Lachlan Berry", "rec-1-org");
    b1_ = person("febrl-b", "rec-1-dup-0", "Lachlan Bery", "rec-1-dup-0");
    a2_ = person("febrl-a", "rec-2-org", "Sarah Bruhn", "rec-2-org");
    const std::string victim = person("cases", "v-9", "Victim Nine", "cases.csv:2");
    const std::string mate = person("febrl-b", "rec-9-org", "Victim Nine", "rec-9-org");
    // The same person as two rows of one file: one entity, two source records.
    person("febrl-b", "rec-5-org", "Ann Lee", "people.csv:7");
    const std::string ann = person("febrl-b", "rec-5-org", "Ann Lee", "people, more.csv:9");
    const std::string case_id = MakeEntityId("cases", "Case", "C-1");
    const std::string inv = MakeEntityId("cases", "Involvement", "C-1|v-9");
    batch.push_back({case_id, "Case", "caseNumber", "C-1", "cases", "cases.csv:2", 1000});
    batch.push_back({inv, "Involvement", "party", victim, "cases", "cases.csv:2", 1000});
    batch.push_back({inv, "Involvement", "case", case_id, "cases", "cases.csv:2", 1000});
    batch.push_back({inv, "Involvement", "role", "victim", "cases", "cases.csv:2", 1000});
    ASSERT_TRUE(store_->Begin().ok());
    ASSERT_TRUE(store_->PutStatements(batch).ok());
    ASSERT_TRUE(
        store_
            ->PutClusters(
                {{a1_, "cluster-1"}, {b1_, "cluster-1"}, {victim, "cluster-9"}, {mate, "cluster-9"}, {ann, ann}})
            .ok());
    ASSERT_TRUE(store_->Commit().ok());
  }
  std::string Export(ClusterExportFormat format, ClusterExportSummary* summary = nullptr,
                     const StatementFilter& filter = {}) {
    std::ostringstream out;
    auto s = ExportClusters(*store_, filter, format, out);
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    if (summary && s.ok()) *summary = *s;
    return out.str();
  }
  Model model_;
  std::unique_ptr<Store> store_;
  std::string a1_, b1_, a2_;
};

TEST_F(ClusterExportTest, WritesEveryResolvedRecordWithItsClusterAndWithholdsVictims) {
  ClusterExportSummary summary;
  const std::string csv = Export(ClusterExportFormat::kCsv, &summary);
  EXPECT_TRUE(testing::MatchesGoldenFile(csv, "store/clusters.csv"));
  EXPECT_EQ(summary.records, 4);           // a1, b1, a2 (its own cluster), Ann; no Case, no Involvement
  EXPECT_EQ(summary.clusters, 3);          // cluster-1, a2's own, Ann's own
  EXPECT_EQ(summary.withheld_victims, 2);  // the victim and the record in the victim's cluster
  EXPECT_EQ(csv.find("Victim"), std::string::npos);
  EXPECT_NE(csv.find(a2_ + ",febrl-a,rec-2-org,Person," + a2_), std::string::npos);
  EXPECT_TRUE(testing::MatchesGoldenFile(Export(ClusterExportFormat::kJsonLines), "store/clusters.jsonl"));
}

TEST_F(ClusterExportTest, JsonIsOneArrayAndFiltersApply) {
  const nlohmann::json all = nlohmann::json::parse(Export(ClusterExportFormat::kJson));
  ASSERT_TRUE(all.is_array());
  EXPECT_EQ(all.size(), 4u);
  const nlohmann::json one = nlohmann::json::parse(Export(ClusterExportFormat::kJson, nullptr, {"", "febrl-a"}));
  ASSERT_EQ(one.size(), 2u);
  EXPECT_EQ(one[0]["dataset"], "febrl-a");
  const nlohmann::json none = nlohmann::json::parse(Export(ClusterExportFormat::kJson, nullptr, {"", "nothing"}));
  EXPECT_TRUE(none.is_array() && none.empty());
}

TEST(ClusterExportFormatTest, ByNameAndByExtension) {
  EXPECT_EQ(*ClusterExportFormatFromPath("out/c.CSV"), ClusterExportFormat::kCsv);
  EXPECT_EQ(*ClusterExportFormatFromPath("c.json"), ClusterExportFormat::kJson);
  EXPECT_EQ(*ClusterExportFormatFromPath("c.ndjson"), ClusterExportFormat::kJsonLines);
  EXPECT_NE(ClusterExportFormatFromPath("c.txt").status().message().find(".csv, .json or .jsonl"), std::string::npos);
  EXPECT_NE(ClusterExportFormatFromPath("clusters").status().message().find("no extension"), std::string::npos);
  EXPECT_NE(ParseClusterExportFormat("xml").status().message().find("csv, json or jsonl"), std::string::npos);
}

}  // namespace
}  // namespace kashf
