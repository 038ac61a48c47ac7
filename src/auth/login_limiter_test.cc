#include "kashf/auth/login_limiter.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

namespace kashf::auth {
namespace {

// Reserves and settles one failed attempt; false when refused.
bool Fail(LoginLimiter& l, const std::string& key, int64_t now) {
  auto a = l.Reserve(key, now);
  if (!a.granted()) return false;
  a.Failed();
  return true;
}

TEST(LoginLimiterTest, LocksAfterMaxFailuresAndReleasesAfterWindow) {
  LoginLimiter l(3, 100);
  EXPECT_TRUE(Fail(l, "u", 1000));
  EXPECT_TRUE(Fail(l, "u", 1010));
  EXPECT_TRUE(Fail(l, "u", 1020));
  auto refused = l.Reserve("u", 1030);
  EXPECT_FALSE(refused.granted());
  EXPECT_EQ(refused.retry_after(), 70);  // the first failure leaves the window at 1100
  EXPECT_TRUE(l.Reserve("other", 1030).granted());
  EXPECT_TRUE(Fail(l, "u", 1101));  // 1000 has left the window
  EXPECT_FALSE(l.Reserve("u", 1102).granted());
}

TEST(LoginLimiterTest, SuccessClearsAndADroppedAttemptOnlyFreesItsSlot) {
  LoginLimiter l(2, 100);
  EXPECT_TRUE(Fail(l, "u", 1000));
  {
    auto dropped = l.Reserve("u", 1001);
    ASSERT_TRUE(dropped.granted());
  }  // an error on the way: no verdict
  auto ok = l.Reserve("u", 1002);
  ASSERT_TRUE(ok.granted());
  ok.Succeeded();
  EXPECT_TRUE(Fail(l, "u", 1003));
  EXPECT_TRUE(Fail(l, "u", 1004));  // two failures after the success: the earlier one was cleared
  EXPECT_FALSE(l.Reserve("u", 1005).granted());
}

TEST(LoginLimiterTest, AttemptsInFlightCountAgainstTheLimit) {
  LoginLimiter l(2, 100);
  auto a = l.Reserve("u", 1000), b = l.Reserve("u", 1000);
  ASSERT_TRUE(a.granted() && b.granted());
  auto c = l.Reserve("u", 1000);
  EXPECT_FALSE(c.granted());  // nothing has failed yet, but two checks are running
  EXPECT_EQ(c.retry_after(), 1);
  a.Succeeded();
  EXPECT_TRUE(l.Reserve("u", 1000).granted());
}

// Many threads guess at once against one key; each granted attempt "checks the password" (slowly)
// and fails. No more than the limit may ever be checked, in total and at the same time.
TEST(LoginLimiterTest, ParallelGuessesRunAtMostTheLimitOfChecks) {
  constexpr int kLimit = 5, kThreads = 64;
  LoginLimiter l(kLimit, 900);
  std::atomic<int> checks{0}, running{0}, most_running{0}, ready{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&] {
      ready.fetch_add(1);
      while (ready.load() < kThreads) std::this_thread::yield();
      auto attempt = l.Reserve("u:target", 5000);
      if (!attempt.granted()) return;
      checks.fetch_add(1);
      int now_running = running.fetch_add(1) + 1;
      for (int seen = most_running.load();
           now_running > seen && !most_running.compare_exchange_weak(seen, now_running);) {
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));  // the Argon2id check
      running.fetch_sub(1);
      attempt.Failed();
    });
  for (auto& th : threads) th.join();
  EXPECT_EQ(checks.load(), kLimit);
  EXPECT_LE(most_running.load(), kLimit);
  EXPECT_FALSE(l.Reserve("u:target", 5000).granted());
}

}  // namespace
}  // namespace kashf::auth
