// The privacy budget's conformance suite: every test runs against each backend (SQLite file,
// PostgreSQL database on the throwaway test cluster).
#include "kashf/analytics/privacy_budget.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "kashf/testing/backends.h"

namespace kashf::analytics {
namespace {

class PrivacyBudgetConformance : public testing::BackendTest {};

TEST_P(PrivacyBudgetConformance, ChargesReleasesUntilTheBudgetIsSpent) {
  auto b = OpenPrivacyBudget(location());
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
  EXPECT_NE(refused.status().message().find("after 2 earlier releases"), std::string::npos);
  r.epsilon = 0.25;
  EXPECT_TRUE((*b)->Spend(r, limits).ok());
  auto spent = (*b)->Spent();
  EXPECT_NEAR(spent->first, 2.0, 1e-12);
  EXPECT_EQ((*b)->Releases()->size(), 3u);
  // The ledger survives reopening.
  b->reset();
  auto again = OpenPrivacyBudget(location());
  ASSERT_TRUE(again.ok());
  EXPECT_NEAR((*again)->Spent()->first, 2.0, 1e-12);
  r.delta = 2e-5;
  r.epsilon = 0.0;
  EXPECT_FALSE((*again)->Spend(r, BudgetLimits{10, 1e-5}).ok());
}

TEST_P(PrivacyBudgetConformance, KeepsEachUsersLimitAndEveryField) {
  auto b = OpenPrivacyBudget(location());
  ASSERT_TRUE(b.ok()) << b.status().ToString();
  BudgetLimits limits{10.0, 1e-5, 1.0, 1e-5};
  DpRelease r{0, 1700000123, "amna", "fia", "ctdc ageBroad laplace", 0.1, 1e-7};
  auto first = (*b)->Spend(r, limits);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  r.epsilon = 0.95;
  auto over = (*b)->Spend(r, limits);
  ASSERT_FALSE(over.ok());
  EXPECT_NE(over.status().message().find("your own limit"), std::string::npos);
  r.actor = "bilal";  // another user has a limit of their own
  ASSERT_TRUE((*b)->Spend(r, limits).ok());
  auto releases = (*b)->Releases();
  ASSERT_TRUE(releases.ok());
  ASSERT_EQ(releases->size(), 2u);
  const DpRelease& stored = (*releases)[0];
  EXPECT_EQ(stored.id, first->id);
  EXPECT_EQ(stored.at, 1700000123);
  EXPECT_EQ(stored.actor, "amna");
  EXPECT_EQ(stored.agency, "fia");
  EXPECT_EQ(stored.description, "ctdc ageBroad laplace");
  EXPECT_EQ(stored.epsilon, 0.1);  // exactly: doubles round-trip through both backends
  EXPECT_EQ(stored.delta, 1e-7);
  auto amna = (*b)->SpentBy("amna");
  ASSERT_TRUE(amna.ok());
  EXPECT_EQ(amna->first, 0.1);
  EXPECT_NEAR((*b)->SpentBy("bilal")->first, 0.95, 1e-15);
}

// Two servers spending at once: the database serialises the check and the write, so together they
// never pass the deployment's budget (exactly 10 releases of 0.1 fit into 1.0).
TEST_P(PrivacyBudgetConformance, ConcurrentSpendsNeverPassTheBudget) {
  BudgetLimits limits{1.0, 1e-5, 10.0, 1e-5};
  std::atomic<int> granted{0};
  std::vector<std::string> errors(2);
  auto spender = [&](int who) {
    auto b = OpenPrivacyBudget(location());
    if (!b.ok()) {
      errors[static_cast<size_t>(who)] = b.status().ToString();
      return;
    }
    for (int i = 0; i < 10; ++i) {
      auto r = (*b)->Spend({0, 0, "analyst-" + std::to_string(who), "fia", "ctdc", 0.1, 0}, limits);
      if (r.ok()) {
        ++granted;
      } else if (r.status().code() != StatusCode::kFailedPrecondition ||
                 r.status().message().find("is left") == std::string::npos) {
        errors[static_cast<size_t>(who)] = r.status().ToString();
        return;
      }
    }
  };
  std::thread t0(spender, 0), t1(spender, 1);
  t0.join();
  t1.join();
  EXPECT_EQ(errors[0], "");
  EXPECT_EQ(errors[1], "");
  EXPECT_EQ(granted.load(), 10);
  auto b = OpenPrivacyBudget(location());
  ASSERT_TRUE(b.ok());
  EXPECT_LE((*b)->Spent()->first, 1.0 + 1e-9);
  EXPECT_EQ((*b)->Releases()->size(), 10u);
}

KASHF_INSTANTIATE_BACKENDS(PrivacyBudgetConformance);

TEST(PrivacyBudget, DefaultLimitsComeFromData) {
  auto l = BudgetLimits::LoadDefault();
  ASSERT_TRUE(l.ok()) << l.status().ToString();
  EXPECT_DOUBLE_EQ(l->total_epsilon, 4.0);
}

}  // namespace
}  // namespace kashf::analytics
