#include "kashf/analytics/release_ledger.h"

#include <gtest/gtest.h>

#include "kashf/testing/files.h"

namespace kashf::analytics {
namespace {

TEST(ReleaseLedger, KeepsTablesAndFixesKOnceATableIsReleased) {
  std::string path = testing::FreshTempDir("release-ledger") + "/k.db";
  auto l = OpenSqliteReleaseLedger(path);
  ASSERT_TRUE(l.ok()) << l.status().ToString();
  EXPECT_EQ(*(*l)->DeploymentK(), kMinDeploymentK);
  EXPECT_EQ((*l)->SetDeploymentK(1).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ((*l)->SetDeploymentK(10).code(), StatusCode::kInvalidArgument);
  ASSERT_TRUE((*l)->SetDeploymentK(15).ok());
  EXPECT_EQ(*(*l)->DeploymentK(), 15);
  ReleasedTable t;
  t.actor = "amna";
  t.agency = "unodc-export";
  t.snapshot = "abc";
  t.k = 15;
  t.variables = {CtdcVariable::kGender, CtdcVariable::kAgeBroad};
  t.released = {{{"female", "18--20"}, 40}, {{"male", "18--20"}, 31}};
  t.withheld = {{"other", "18--20"}, {"female", "0--8"}};
  t.withheld_counts = {3, 6};
  t.total = 80;
  auto recorded = (*l)->Record(t);
  ASSERT_TRUE(recorded.ok()) << recorded.status().ToString();
  EXPECT_GT(recorded->id, 0);
  // Reopened, the table reads back as recorded.
  l->reset();
  auto again = OpenSqliteReleaseLedger(path);
  auto tables = (*again)->Tables();
  ASSERT_TRUE(tables.ok());
  ASSERT_EQ(tables->size(), 1u);
  const auto& back = tables->front();
  EXPECT_EQ(back.variables, t.variables);
  ASSERT_EQ(back.released.size(), 2u);
  EXPECT_EQ(back.released[1].values, (std::vector<std::string>{"male", "18--20"}));
  EXPECT_EQ(back.released[1].count, 31);
  EXPECT_EQ(back.withheld, t.withheld);
  EXPECT_EQ(back.withheld_counts, t.withheld_counts);
  EXPECT_EQ(back.total, 80);
  EXPECT_EQ(back.snapshot, "abc");
  // k cannot change once a table was released with it (the same k may be set again).
  EXPECT_EQ((*again)->SetDeploymentK(20).code(), StatusCode::kFailedPrecondition);
  EXPECT_TRUE((*again)->SetDeploymentK(15).ok());
  EXPECT_EQ(*(*again)->DeploymentK(), 15);
}

TEST(ReleaseLedger, AnExclusiveReleaseThatFailsRecordsNothing) {
  std::string path = testing::FreshTempDir("release-ledger-tx") + "/k.db";
  auto l = OpenSqliteReleaseLedger(path);
  ASSERT_TRUE(l.ok()) << l.status().ToString();
  ReleasedTable t;
  t.variables = {CtdcVariable::kGender};
  t.released = {{{"female"}, 40}};
  Status st = (*l)->Exclusive([&]() -> Status {
    EXPECT_TRUE((*l)->Record(t).ok());
    return Status::FailedPrecondition("refused after recording");
  });
  EXPECT_EQ(st.code(), StatusCode::kFailedPrecondition);
  EXPECT_TRUE((*l)->Tables()->empty()) << "rolled back";
  ASSERT_TRUE((*l)->Exclusive([&]() { return (*l)->Record(t).status(); }).ok());
  EXPECT_EQ((*l)->Tables()->size(), 1u);
  // Another connection (another process) sees it once committed.
  auto other = OpenSqliteReleaseLedger(path);
  ASSERT_TRUE(other.ok());
  EXPECT_EQ((*other)->Tables()->size(), 1u);
}

}  // namespace
}  // namespace kashf::analytics
