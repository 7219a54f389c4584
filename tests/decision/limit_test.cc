#include "decision/limit.h"

#include <gtest/gtest.h>

namespace credo::decision {
namespace {

LimitPolicy Policy() {
  LimitPolicy policy;
  policy.capacity_multiple = 0.5;
  policy.pd_bands = {{0.01, 1.0}, {0.05, 0.5}, {0.2, 0.25}};
  policy.max_limit = 1000000;
  policy.group_exposure_cap = 5000000;
  policy.rounding = 1000;
  return policy;
}

TEST(LimitTest, HeadroomFromCapacityRiskAndExposure) {
  // 4,000,000 x 0.5 x 0.5 (PD 2%) - 300,000 = 700,000.
  auto r = RecommendLimit(Policy(), {0.02, 4000000, 300000, 0});
  ASSERT_TRUE(r.ok());
  EXPECT_DOUBLE_EQ(r->capacity, 2000000);
  EXPECT_DOUBLE_EQ(r->risk_factor, 0.5);
  EXPECT_DOUBLE_EQ(r->headroom, 700000);
  EXPECT_EQ(r->limit, 700000);
  EXPECT_EQ(r->binding, "risk-adjusted headroom");
  EXPECT_EQ(r->steps.size(), 6u);
}

TEST(LimitTest, CapsBindInTurn) {
  auto single = RecommendLimit(Policy(), {0.001, 10000000, 0, 0});
  ASSERT_TRUE(single.ok());
  EXPECT_EQ(single->limit, 1000000);
  EXPECT_EQ(single->binding, "single-name cap");
  auto group = RecommendLimit(Policy(), {0.001, 10000000, 0, 4600000});
  ASSERT_TRUE(group.ok());
  EXPECT_EQ(group->limit, 400000);
  EXPECT_EQ(group->binding, "group cap");
  EXPECT_DOUBLE_EQ(*group->group_room, 400000);
  // Rounded down to the rounding unit.
  auto rounded = RecommendLimit(Policy(), {0.001, 1234567, 0, 0});
  ASSERT_TRUE(rounded.ok());
  EXPECT_EQ(rounded->limit, 617000);
}

TEST(LimitTest, NoRoomGivesZeroWithTheReason) {
  auto over = RecommendLimit(Policy(), {0.02, 1000000, 900000, 0});
  ASSERT_TRUE(over.ok());
  EXPECT_EQ(over->limit, 0);
  auto risky = RecommendLimit(Policy(), {0.3, 1000000, 0, 0});
  ASSERT_TRUE(risky.ok());
  EXPECT_EQ(risky->limit, 0);
  EXPECT_EQ(risky->binding, "PD above the last band");
  auto no_income = RecommendLimit(Policy(), {0.001, 0, 0, 0});
  ASSERT_TRUE(no_income.ok());
  EXPECT_EQ(no_income->binding, "no income or revenue known");
}

TEST(LimitTest, RefusesBadInput) {
  EXPECT_EQ(RecommendLimit(Policy(), {1.5, 1, 0, 0}).error().code, ErrorCode::kInvalidArgument);
  EXPECT_FALSE(RecommendLimit(Policy(), {0.1, -1, 0, 0}).ok());
}

}  // namespace
}  // namespace credo::decision
