#include "kashf/victims/htcds_picklists.h"

#include <gtest/gtest.h>

#include "kashf/testing/files.h"
#include "kashf/victims/case_generator.h"

namespace kashf::victims {
namespace {

TEST(HtcdsPicklists, EveryGeneratedCaseUsesOnlyListedValues) {
  auto lists = HtcdsPicklists::LoadDefault();
  ASSERT_TRUE(lists.ok()) << lists.status().ToString();
  GeneratorOptions o;
  o.count = 500;
  o.seed = 3;
  for (const auto& nc : GenerateCases(o, *NrmProcess::LoadDefault()))
    EXPECT_TRUE(lists->CheckCase(nc.record).ok()) << lists->CheckCase(nc.record).ToString();
}

TEST(HtcdsPicklists, NamesTheFieldAndTheAcceptedIds) {
  auto lists = *HtcdsPicklists::LoadDefault();
  EXPECT_TRUE(lists.Has("sexual_exploitation", "remote_interactive_services"));
  EXPECT_FALSE(lists.Has("sexual_exploitation", "Prostitution"));  // ids, not HTCDS labels
  VictimCase c;
  c.vulnerabilities = {"poverty", "bad_luck"};
  Status st = lists.CheckCase(c);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("victim_context.vulnerabilities"), std::string::npos);
  EXPECT_NE(st.message().find("bad_luck"), std::string::npos);
  EXPECT_NE(st.message().find("homelessness"), std::string::npos);
  c.vulnerabilities.clear();
  c.sex = "";  // not recorded: accepted
  EXPECT_TRUE(lists.CheckCase(c).ok());
}

TEST(HtcdsPicklists, RefusesAMalformedTable) {
  std::string dir = testing::FreshTempDir("picklists");
  testing::WriteFile(dir + "/p.tsv", "list\tid\thtcds_value\ngender\tfemale\tFemale\ngender\tfemale\tFemale\n");
  auto r = HtcdsPicklists::LoadFile(dir + "/p.tsv");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("twice"), std::string::npos);
  testing::WriteFile(dir + "/q.tsv", "list\tid\thtcds_value\ngender\tfemale\n");
  EXPECT_FALSE(HtcdsPicklists::LoadFile(dir + "/q.tsv").ok());
}

}  // namespace
}  // namespace kashf::victims
