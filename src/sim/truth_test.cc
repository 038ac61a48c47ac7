#include "kashf/sim/truth.h"

#include <gtest/gtest.h>

#include "kashf/testing/files.h"

namespace kashf::sim {
namespace {

TEST(TruthTest, LoadsRecordsWithQuotedKeys) {
  std::string dir = kashf::testing::FreshTempDir("truth_records");
  kashf::testing::WriteFile(
      dir + "/records.csv",
      "dataset,schema,key,true_id\nfir,Person,PF-1-1,P0000001\nfia,Person,\"a,b|\"\"c\"\"\",P0000002\n");
  auto r = LoadRecordTruth(dir + "/records.csv");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->size(), 2u);
  EXPECT_EQ((*r)[0].dataset, "fir");
  EXPECT_EQ((*r)[1].key, "a,b|\"c\"");
  EXPECT_EQ((*r)[1].true_id, "P0000002");
}

TEST(TruthTest, RolesAndNetworks) {
  std::string dir = kashf::testing::FreshTempDir("truth_roles");
  kashf::testing::WriteFile(dir + "/roles.csv", "true_id,kind,role\nP1,person,organiser\nP1,person,hawala_dealer\n");
  kashf::testing::WriteFile(dir + "/networks.csv", "true_id,network_id\nP1,N0001\n");
  auto roles = LoadRoleTruth(dir + "/roles.csv");
  ASSERT_TRUE(roles.ok());
  ASSERT_EQ(roles->size(), 2u);
  EXPECT_EQ((*roles)[1].role, "hawala_dealer");
  auto nets = LoadNetworkTruth(dir + "/networks.csv");
  ASSERT_TRUE(nets.ok());
  EXPECT_EQ((*nets)[0].network_id, "N0001");
}

TEST(TruthTest, ErrorsNameTheProblem) {
  std::string dir = kashf::testing::FreshTempDir("truth_errors");
  EXPECT_EQ(LoadRoleTruth(dir + "/missing.csv").status().code(), StatusCode::kNotFound);
  kashf::testing::WriteFile(dir + "/bad.csv", "true_id,kind,role\nP1,person\n");
  auto r = LoadRoleTruth(dir + "/bad.csv");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kCorruption);
  EXPECT_NE(r.status().message().find(":2:"), std::string::npos);
  kashf::testing::WriteFile(dir + "/header.csv", "id,kind\n");
  EXPECT_EQ(LoadRecordTruth(dir + "/header.csv").status().code(), StatusCode::kCorruption);
}

}  // namespace
}  // namespace kashf::sim
