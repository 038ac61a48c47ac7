#include "kashf/analytics/privacy_budget.h"

#include <gtest/gtest.h>

#include "kashf/testing/files.h"

namespace kashf::analytics {
namespace {

TEST(PrivacyBudget, ChargesReleasesUntilTheBudgetIsSpent) {
  std::string path = testing::FreshTempDir("budget") + "/k.db";
  auto b = OpenSqlitePrivacyBudget(path);
  ASSERT_TRUE(b.ok()) << b.status().ToString();
  BudgetLimits limits{2.0, 1e-5};
  DpRelease r{0, 0, "amna", "unodc-export", "ctdc gender laplace", 1.0, 0};
  ASSERT_TRUE((*b)->Spend(r, limits).ok());
  r.epsilon = 0.75;
  ASSERT_TRUE((*b)->Spend(r, limits).ok());
  r.epsilon = 0.5;
  auto refused = (*b)->Spend(r, limits);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(refused.status().message().find("0.25"), std::string::npos);
  r.epsilon = 0.25;
  EXPECT_TRUE((*b)->Spend(r, limits).ok());
  auto spent = (*b)->Spent();
  EXPECT_NEAR(spent->first, 2.0, 1e-12);
  EXPECT_EQ((*b)->Releases()->size(), 3u);
  // The ledger survives reopening.
  b->reset();
  auto again = OpenSqlitePrivacyBudget(path);
  EXPECT_NEAR((*again)->Spent()->first, 2.0, 1e-12);
  r.delta = 2e-5;
  r.epsilon = 0.0;
  EXPECT_FALSE((*again)->Spend(r, BudgetLimits{10, 1e-5}).ok());
}

TEST(PrivacyBudget, DefaultLimitsComeFromData) {
  auto l = BudgetLimits::LoadDefault();
  ASSERT_TRUE(l.ok()) << l.status().ToString();
  EXPECT_DOUBLE_EQ(l->total_epsilon, 4.0);
}

}  // namespace
}  // namespace kashf::analytics
