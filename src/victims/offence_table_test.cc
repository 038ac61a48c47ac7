#include "kashf/victims/offence_table.h"

#include <gtest/gtest.h>

#include "kashf/testing/files.h"

namespace kashf::victims {
namespace {

TEST(OffenceTable, DefaultTableHoldsPtpaAndPsmaWithIccsCodes) {
  auto t = OffenceTable::LoadDefault();
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  const Offence* tip = t->Find("pk-ptpa-2018-s3");
  ASSERT_NE(tip, nullptr);
  EXPECT_EQ(tip->iccs, "0204");
  EXPECT_EQ(tip->jurisdiction, "PAK");
  EXPECT_FALSE(tip->verified);  // penalties not yet checked against the Gazette text
  const Offence* som = t->Find("pk-psma-2018-s3");
  ASSERT_NE(som, nullptr);
  EXPECT_EQ(som->iccs, "08051");
  EXPECT_EQ(t->Find("no-such-offence"), nullptr);
}

TEST(OffenceTable, ParsesPenaltiesAndRejectsDuplicates) {
  std::string dir = testing::FreshTempDir("offences");
  std::string header =
      "id\tjurisdiction\tlaw\tsection\ttitle\ticcs\tprison_min_years\tprison_max_years\tfine_max\tcurrency\tin_force_"
      "from\tverified\tnote\n";
  testing::WriteFile(dir + "/a.tsv", header + "x-1\tXYZ\tAct\t1\tT\t0204\t2\t\t500\tXYZ\t2020-01-01\tyes\t\n");
  auto t = OffenceTable::LoadFile(dir + "/a.tsv");
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  const Offence* o = t->Find("x-1");
  ASSERT_NE(o, nullptr);
  EXPECT_EQ(o->prison_min_years, 2.0);
  EXPECT_FALSE(o->prison_max_years.has_value());
  EXPECT_EQ(o->fine_max, 500.0);
  EXPECT_TRUE(o->verified);
  testing::WriteFile(dir + "/b.tsv",
                     header + "x-1\tXYZ\tAct\t1\tT\t0204\t\t\t\t\t\tno\t\nx-1\tXYZ\tAct\t2\tT\t0204\t\t\t\t\t\tno\t\n");
  EXPECT_EQ(OffenceTable::LoadFile(dir + "/b.tsv").status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace kashf::victims
