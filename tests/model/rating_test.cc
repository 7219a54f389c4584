#include "model/rating.h"

#include <gtest/gtest.h>

#include "model/csv.h"

namespace credo::model {
namespace {

TEST(RatingTest, ShippedMasterScaleFollowsDomainRules) {
  auto scale = LoadMasterScale(DefaultMasterScalePath());
  ASSERT_TRUE(scale.ok()) << scale.error().ToString();
  EXPECT_EQ(scale->grades.size(), 19u);
  EXPECT_EQ(scale->grades.front().grade, "AAA");
  EXPECT_EQ(scale->grades.back().grade, "C");
  EXPECT_DOUBLE_EQ(scale->pd_floor, 0.0005);
  EXPECT_EQ(scale->GradeOf(0.00001), "AAA");  // floored to 0.05%, still AAA
  EXPECT_DOUBLE_EQ(scale->Floor(0.00001), 0.0005);
  EXPECT_EQ(scale->GradeOf(0.3, true), "D");
  EXPECT_EQ(scale->GradeOf(0.99), "C");
  EXPECT_TRUE(scale->IsInvestmentGrade("BBB-"));
  EXPECT_FALSE(scale->IsInvestmentGrade("BB+"));
  // Bands rise geometrically: each grade's upper bound is about 1.49 times the previous.
  for (size_t g = 1; g + 1 < scale->grades.size(); ++g) {
    double ratio = scale->grades[g].pd_upper / scale->grades[g - 1].pd_upper;
    EXPECT_NEAR(ratio, 1.485, 0.01);
  }
}

TEST(RatingTest, BadScalesNameTheField) {
  auto modifier = ParseMasterScale(
      R"({"format":"credo-master-scale","version":"x","pd_floor":0.0003,
          "grades":[{"grade":"AAA+","pd_upper":0.01},{"grade":"C","pd_upper":1}]})",
      "s.json");
  ASSERT_FALSE(modifier.ok());
  EXPECT_EQ(modifier.error().location, "s.json field grades[0].grade");
  auto order = ParseMasterScale(
      R"({"format":"credo-master-scale","version":"x","pd_floor":0.0003,
          "grades":[{"grade":"AAA","pd_upper":0.5},{"grade":"BBB-","pd_upper":0.1},{"grade":"C","pd_upper":1}]})",
      "s.json");
  EXPECT_EQ(order.error().location, "s.json field grades[1].pd_upper");
  auto floor = ParseMasterScale(
      R"({"format":"credo-master-scale","version":"x","pd_floor":0.2,
          "grades":[{"grade":"AAA","pd_upper":0.1},{"grade":"BBB-","pd_upper":0.5},{"grade":"C","pd_upper":1}]})",
      "s.json");
  EXPECT_EQ(floor.error().location, "s.json field pd_floor");
}

}  // namespace
}  // namespace credo::model
