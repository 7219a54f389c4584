#include "api/server/rate_limiter.h"

#include <gtest/gtest.h>

namespace credo::api {
namespace {

TEST(RateLimiterTest, BurstThenRefusedWithRetryAfter) {
  double now = 1000;
  RateLimiter limiter({/*rate_per_second=*/2, /*burst=*/3}, [&now] { return now; });
  EXPECT_TRUE(limiter.Take(1).allowed);
  EXPECT_TRUE(limiter.Take(1).allowed);
  EXPECT_TRUE(limiter.Take(1).allowed);
  RateDecision refused = limiter.Take(1);
  EXPECT_FALSE(refused.allowed);
  EXPECT_EQ(refused.retry_after_seconds, 1);  // half a second, rounded up
}

TEST(RateLimiterTest, RefillsAtTheRate) {
  double now = 0;
  RateLimiter limiter({1, 2}, [&now] { return now; });
  EXPECT_TRUE(limiter.Take(7).allowed);
  EXPECT_TRUE(limiter.Take(7).allowed);
  EXPECT_FALSE(limiter.Take(7).allowed);
  now += 0.5;
  EXPECT_FALSE(limiter.Take(7).allowed);
  now += 0.5;
  EXPECT_TRUE(limiter.Take(7).allowed);
  now += 100;  // never more than the burst
  EXPECT_TRUE(limiter.Take(7).allowed);
  EXPECT_TRUE(limiter.Take(7).allowed);
  EXPECT_FALSE(limiter.Take(7).allowed);
}

TEST(RateLimiterTest, KeysHaveTheirOwnBuckets) {
  double now = 0;
  RateLimiter limiter({1, 1}, [&now] { return now; });
  EXPECT_TRUE(limiter.Take(1).allowed);
  EXPECT_FALSE(limiter.Take(1).allowed);
  EXPECT_TRUE(limiter.Take(2).allowed);
}

TEST(RateLimiterTest, SlowRatesWaitLonger) {
  double now = 0;
  RateLimiter limiter({0.1, 1}, [&now] { return now; });
  EXPECT_TRUE(limiter.Take(1).allowed);
  RateDecision refused = limiter.Take(1);
  EXPECT_FALSE(refused.allowed);
  EXPECT_EQ(refused.retry_after_seconds, 10);
}

TEST(RateLimiterTest, ZeroRateIsUnlimited) {
  RateLimiter limiter({0, 1}, [] { return 0.0; });
  for (int i = 0; i < 1000; ++i) ASSERT_TRUE(limiter.Take(1).allowed);
}

}  // namespace
}  // namespace credo::api
