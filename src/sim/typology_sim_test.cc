// kashf simulate-typologies: reproducible files, truth that names accounts of the transfers with
// the patterns' shapes, and option checks.
#include "kashf/sim/typologies.h"

#include <map>
#include <set>
#include <sstream>

#include <gtest/gtest.h>

#include "kashf/core/text.h"
#include "kashf/testing/files.h"

namespace kashf::sim {
namespace {

TypologySimOptions Small(const std::string& dir, uint64_t seed) {
  TypologySimOptions o;
  o.out_dir = dir;
  o.seed = seed;
  o.accounts = 3000;
  o.transfers = 6000;
  o.patterns = {10, 10, 10, 6, 6, 4};
  return o;
}

std::vector<std::vector<std::string>> Rows(const std::string& path) {
  std::istringstream in(testing::ReadFile(path));
  std::vector<std::vector<std::string>> rows;
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) rows.push_back(SplitCsvLine(line));
  return rows;
}

TEST(TypologySimulator, TheSameOptionsGiveTheSameBytesAndAnotherSeedOthers) {
  const std::string a = testing::FreshTempDir("typsim-a"), b = testing::FreshTempDir("typsim-b"),
                    c = testing::FreshTempDir("typsim-c");
  ASSERT_TRUE(SimulateTypologies(Small(a, 7)).ok());
  ASSERT_TRUE(SimulateTypologies(Small(b, 7)).ok());
  ASSERT_TRUE(SimulateTypologies(Small(c, 8)).ok());
  for (const char* f : {"/data/transfers.csv", "/truth/typologies.csv"}) {
    EXPECT_FALSE(testing::ReadFile(a + f).empty());
    EXPECT_EQ(testing::ReadFile(a + f), testing::ReadFile(b + f)) << f;
    EXPECT_NE(testing::ReadFile(a + f), testing::ReadFile(c + f)) << f;
  }
}

TEST(TypologySimulator, TruthNamesAccountsOfTheTransfersWithEachPatternsShape) {
  const std::string dir = testing::FreshTempDir("typsim-truth");
  auto s = SimulateTypologies(Small(dir, 3));
  ASSERT_TRUE(s.ok()) << s.status().message();
  std::map<std::string, int> out_degree, in_degree;
  for (const auto& r : Rows(dir + "/data/transfers.csv")) {
    ASSERT_EQ(r.size(), 7u);
    EXPECT_EQ(r[6], "PKR");
    EXPECT_EQ(r[1].size(), 19u) << r[1];  // YYYY-MM-DDTHH:MM:SS
    ++out_degree[r[3]];
    ++in_degree[r[4]];
  }
  EXPECT_EQ(out_degree.size() > 1000, true);
  std::map<std::string, std::multiset<std::string>> roles;  // typology -> roles
  std::map<std::string, std::set<std::string>> typologies_of;
  for (const auto& r : Rows(dir + "/truth/typologies.csv")) {
    ASSERT_EQ(r.size(), 3u);
    EXPECT_TRUE(out_degree.count(r[0]) || in_degree.count(r[0])) << r[0] << " has no transfer";
    roles[r[1]].insert(r[2]);
    typologies_of[r[0]].insert(r[1]);
  }
  EXPECT_EQ(roles["fan-in"].count("sink"), 10u);
  EXPECT_EQ(roles["fan-out"].count("source"), 10u);
  EXPECT_GE(roles["cycle"].count("member"), 30u);
  EXPECT_EQ(roles["scatter-gather"].count("source"), 6u);
  EXPECT_GE(roles["scatter-gather"].count("intermediary"), 18u);
  EXPECT_EQ(roles["pass-through"].count("originator"), 6u);
  EXPECT_GE(roles["pass-through"].count("mule"), 12u);
  EXPECT_EQ(roles["hawala-settlement"].count("collector"), 4u);
  EXPECT_EQ(roles["hawala-settlement"].count("counterpart"), 4u);
  for (const auto& [account, typs] : typologies_of) EXPECT_EQ(typs.size(), 1u) << account << " is in two patterns";
  EXPECT_EQ(s->labelled[0], 10u);
  EXPECT_EQ(s->labelled[2], roles["cycle"].size());
  EXPECT_GT(s->pattern_transfers, 0u);
}

TEST(TypologySimulator, OptionsOutOfRangeAreClearErrors) {
  const std::string dir = testing::FreshTempDir("typsim-bad");
  TypologySimOptions o = Small(dir, 1);
  o.accounts = 10;
  EXPECT_NE(SimulateTypologies(o).status().message().find("accounts must be between 100 and 10000000"),
            std::string::npos);
  o = Small(dir, 1);
  o.timing_noise = 3;
  EXPECT_NE(SimulateTypologies(o).status().message().find("timing noise"), std::string::npos);
  o = Small(dir, 1);
  o.patterns = {1000, 0, 0, 0, 0, 0};
  EXPECT_NE(SimulateTypologies(o).status().message().find("too few for the requested patterns"), std::string::npos);
  o.out_dir.clear();
  EXPECT_NE(SimulateTypologies(o).status().message().find("--out"), std::string::npos);
}

}  // namespace
}  // namespace kashf::sim
