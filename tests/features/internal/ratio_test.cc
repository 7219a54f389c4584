#include "features/internal/ratio.h"

#include <cmath>
#include <limits>

#include <gtest/gtest.h>

namespace credo::features::internal {
namespace {

TEST(RatioTest, PositiveDenominatorDividesAndClamps) {
  EXPECT_EQ(Ratio(1, 4, DenominatorRule::kMissingIfNotPositive), 0.25);
  EXPECT_EQ(Ratio(-1, 4, DenominatorRule::kCapIfZero), -0.25);
  EXPECT_EQ(Ratio(1e9, 1, DenominatorRule::kCapIfZero), kRatioCap);
  EXPECT_EQ(Ratio(-1e9, 1, DenominatorRule::kCapIfZero), -kRatioCap);
  EXPECT_EQ(Ratio(1e9, 1, DenominatorRule::kCapIfZero, 3650), 3650);
}

TEST(RatioTest, MissingIfNotPositive) {
  EXPECT_FALSE(Ratio(1, 0, DenominatorRule::kMissingIfNotPositive).has_value());
  EXPECT_FALSE(Ratio(1, -2, DenominatorRule::kMissingIfNotPositive).has_value());
  EXPECT_FALSE(Ratio(0, 0, DenominatorRule::kMissingIfNotPositive).has_value());
}

TEST(RatioTest, CapIfZero) {
  EXPECT_EQ(Ratio(5, 0, DenominatorRule::kCapIfZero), kRatioCap);
  EXPECT_FALSE(Ratio(0, 0, DenominatorRule::kCapIfZero).has_value());
  EXPECT_FALSE(Ratio(-5, 0, DenominatorRule::kCapIfZero).has_value());
  EXPECT_FALSE(Ratio(5, -1, DenominatorRule::kCapIfZero).has_value());
}

TEST(RatioTest, WorstIfNotPositive) {
  EXPECT_EQ(Ratio(5, 0, DenominatorRule::kWorstIfNotPositive), kRatioCap);
  EXPECT_EQ(Ratio(5, -3, DenominatorRule::kWorstIfNotPositive), kRatioCap);
  EXPECT_EQ(Ratio(0, -3, DenominatorRule::kWorstIfNotPositive), 0.0);
  EXPECT_FALSE(Ratio(-5, -3, DenominatorRule::kWorstIfNotPositive).has_value());
}

TEST(RatioTest, NeverNaNOrInfinity) {
  const double inf = std::numeric_limits<double>::infinity();
  const double nan = std::numeric_limits<double>::quiet_NaN();
  for (auto rule : {DenominatorRule::kMissingIfNotPositive, DenominatorRule::kCapIfZero,
                    DenominatorRule::kWorstIfNotPositive}) {
    EXPECT_FALSE(Ratio(inf, 1, rule).has_value());
    EXPECT_FALSE(Ratio(nan, 1, rule).has_value());
    EXPECT_FALSE(Ratio(1, nan, rule).has_value());
    EXPECT_FALSE(Ratio(1, inf, rule).has_value());
    auto tiny = Ratio(1e308, 1e-308, rule);  // overflows to infinity: clamped, not infinite
    ASSERT_TRUE(tiny.has_value());
    EXPECT_TRUE(std::isfinite(*tiny));
  }
}

}  // namespace
}  // namespace credo::features::internal
