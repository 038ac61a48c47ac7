#include "kashf/sharing/hit_rate_limiter.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cmath>

#include "kashf/testing/files.h"

namespace kashf::sharing {
namespace {

constexpr double kNow = 1'800'000'000;
constexpr HitRateOptions kSmall{10, 86400};  // 10 per burst, one a second

TEST(HitRateLimiter, AFloodIsSlowedToTheRefillRate) {
  HitRateLimiter limiter(kSmall);
  int answered = 0;
  for (int i = 0; i < 1000; ++i) answered += limiter.Take("answer:fia-ahtc", 1, kNow).ok();
  EXPECT_EQ(answered, 10);  // the burst, then nothing more in the same second
  double retry = 0;
  const Status refused = limiter.Take("answer:fia-ahtc", 3, kNow, &retry);
  EXPECT_EQ(refused.code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(retry, 3);
  EXPECT_NE(refused.message().find("try again in 3 seconds"), std::string::npos) << refused.message();
  EXPECT_FALSE(limiter.Take("answer:fia-ahtc", 3, kNow + 2).ok());
  EXPECT_TRUE(limiter.Take("answer:fia-ahtc", 3, kNow + 3).ok());
  // A hundred seconds later the bucket is full again, never fuller.
  EXPECT_TRUE(limiter.Take("answer:fia-ahtc", 10, kNow + 100).ok());
  EXPECT_FALSE(limiter.Take("answer:fia-ahtc", 1, kNow + 100).ok());
}

TEST(HitRateLimiter, BucketsArePerPartnerAndTooLargeRequestsNeverPass) {
  HitRateLimiter limiter(kSmall);
  EXPECT_TRUE(limiter.Take("answer:fia-ahtc", 10, kNow).ok());
  EXPECT_TRUE(limiter.Take("answer:sindh-police", 10, kNow).ok());
  double retry = 0;
  EXPECT_FALSE(limiter.Take("answer:kp-police", 11, kNow + 1e6, &retry).ok());
  EXPECT_TRUE(std::isinf(retry));
  // A clock set back adds nothing.
  EXPECT_FALSE(limiter.Take("answer:fia-ahtc", 1, kNow - 1000).ok());
}

TEST(HitRateLimiter, StateSurvivesARestart) {
  const std::string path = kashf::testing::FreshTempDir("hit-limits") + "/agency.key.hit-limits";
  {
    HitRateLimiter limiter(kSmall);
    ASSERT_TRUE(limiter.Take("answer:fia-ahtc", 10, kNow).ok());
    ASSERT_TRUE(limiter.Save(path).ok());
  }
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  auto again = HitRateLimiter::Load(path, kSmall);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_FALSE(again->Take("answer:fia-ahtc", 1, kNow).ok());  // still empty after the restart
  EXPECT_TRUE(again->Take("answer:sindh-police", 1, kNow).ok());
  kashf::testing::WriteFile(path, "{not json");
  EXPECT_EQ(HitRateLimiter::Load(path, kSmall).status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace kashf::sharing
