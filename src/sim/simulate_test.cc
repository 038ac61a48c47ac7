#include "kashf/sim/simulate.h"

#include <fstream>
#include <set>

#include <gtest/gtest.h>

#include "kashf/sim/truth.h"
#include "kashf/testing/files.h"

namespace kashf::sim {
namespace {

SimulationSummary RunSim(const std::string& dir, uint64_t seed, int64_t records = 3000, double bad = 0.01) {
  SimulationOptions o;
  o.seed = seed;
  o.records = records;
  o.out_dir = dir;
  o.bad_row_rate = bad;
  auto s = Simulate(o);
  EXPECT_TRUE(s.ok()) << s.status().ToString();
  return s.ok() ? *s : SimulationSummary{};
}

const char* kFiles[] = {"data/punjab-police-fir.csv",
                        "data/fia-ahtc-cases.jsonl",
                        "data/sindh-police-register.xlsx",
                        "data/customs-seizures.csv",
                        "data/transactions.csv",
                        "data/call-records.csv",
                        "truth/records.csv",
                        "truth/roles.csv",
                        "truth/networks.csv",
                        "truth/bad-rows.csv",
                        "mappings/punjab-police-fir.yaml",
                        "README.txt"};

TEST(SimulateTest, SameSeedSameBytesOtherSeedOtherBytes) {
  std::string a = kashf::testing::FreshTempDir("sim_a"), b = kashf::testing::FreshTempDir("sim_b"),
              c = kashf::testing::FreshTempDir("sim_c");
  RunSim(a, 42);
  RunSim(b, 42);
  RunSim(c, 43);
  for (const char* f : kFiles) {
    std::string fa = kashf::testing::ReadFile(a + "/" + f);
    EXPECT_FALSE(fa.empty()) << f;
    EXPECT_EQ(fa, kashf::testing::ReadFile(b + "/" + f)) << f;
  }
  EXPECT_NE(kashf::testing::ReadFile(a + "/data/punjab-police-fir.csv"),
            kashf::testing::ReadFile(c + "/data/punjab-police-fir.csv"));
}

TEST(SimulateTest, TruthCoversEveryGoodPersonRowAndBadRowsAreCounted) {
  std::string dir = kashf::testing::FreshTempDir("sim_truth");
  SimulationSummary s = RunSim(dir, 7, 5000, 0.01);
  EXPECT_NEAR(static_cast<double>(s.rows), 5000, 50);
  EXPECT_GT(s.bad_rows, 10);
  EXPECT_LT(s.bad_rows, 100);
  auto truth = LoadRecordTruth(dir + "/truth/records.csv");
  ASSERT_TRUE(truth.ok()) << truth.status().ToString();
  std::set<std::string> fir_keys;
  for (const auto& t : *truth)
    if (t.dataset == "punjab-police-fir") fir_keys.insert(t.key);
  // Every FIR row's rec_id (column 8) is in the truth unless the row is listed as bad.
  std::ifstream in(dir + "/data/punjab-police-fir.csv");
  std::string line;
  std::getline(in, line);
  int64_t rows = 0, missing = 0;
  while (std::getline(in, line)) {
    ++rows;
    size_t pos = 0;
    for (int k = 0; k < 7; ++k) pos = line.find(',', pos) + 1;
    std::string rec_id = line.substr(pos, line.find(',', pos) - pos);
    missing += fir_keys.count(rec_id) == 0;
  }
  int64_t fir_bad = 0;
  for (const auto& d : s.datasets)
    if (d.dataset == "punjab-police-fir") fir_bad = d.bad_rows;
  EXPECT_EQ(missing, fir_bad);
  EXPECT_EQ(static_cast<int64_t>(fir_keys.size()), rows - fir_bad);
  auto roles = LoadRoleTruth(dir + "/truth/roles.csv");
  ASSERT_TRUE(roles.ok());
  std::set<std::string> seen_roles;
  for (const auto& r : *roles) seen_roles.insert(r.role);
  for (const char* role : {"organiser", "broker", "recruiter", "transporter", "victim", "hawala_dealer", "other"})
    EXPECT_EQ(seen_roles.count(role), 1u) << role;
}

TEST(SimulateTest, UrduRegisterIsAZipWithArabicScript) {
  std::string dir = kashf::testing::FreshTempDir("sim_xlsx");
  RunSim(dir, 1, 2000);
  std::string x = kashf::testing::ReadFile(dir + "/data/sindh-police-register.xlsx");
  ASSERT_GT(x.size(), 4u);
  EXPECT_EQ(x.substr(0, 2), "PK");  // a ZIP container
}

TEST(SimulateTest, RejectsBadOptions) {
  SimulationOptions o;
  EXPECT_EQ(Simulate(o).status().code(), StatusCode::kInvalidArgument);
  o.out_dir = kashf::testing::FreshTempDir("sim_opts");
  o.records = 5;
  EXPECT_EQ(Simulate(o).status().code(), StatusCode::kInvalidArgument);
  o.records = 1000;
  o.bad_row_rate = 2;
  EXPECT_EQ(Simulate(o).status().code(), StatusCode::kInvalidArgument);
}

// Shielded leaders: organisers appear in no case file or seizure (they do without the option).
TEST(SimulateTest, ShieldedLeadersAreNeverNamedInRecords) {
  for (bool shielded : {false, true}) {
    SimulationOptions o;
    o.records = 20000;
    o.out_dir = kashf::testing::FreshTempDir(shielded ? "sim_shielded" : "sim_open");
    o.shielded_leaders = shielded;
    ASSERT_TRUE(Simulate(o).ok());
    auto roles = LoadRoleTruth(o.out_dir + "/truth/roles.csv");
    auto records = LoadRecordTruth(o.out_dir + "/truth/records.csv");
    ASSERT_TRUE(roles.ok() && records.ok());
    std::set<std::string> organisers;
    for (const auto& r : *roles)
      if (r.kind == "person" && r.role == "organiser") organisers.insert(r.true_id);
    size_t named = 0;
    for (const auto& r : *records)
      if (r.dataset != "transactions" && r.dataset != "call-records" && organisers.count(r.true_id)) ++named;
    if (shielded) EXPECT_EQ(named, 0u);
    else EXPECT_GT(named, 0u);
  }
}

}  // namespace
}  // namespace kashf::sim
