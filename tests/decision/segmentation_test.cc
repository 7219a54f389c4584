#include "decision/segmentation.h"

#include <cmath>

#include <gtest/gtest.h>

namespace credo::decision {
namespace {

TEST(SegmentationTest, FindsTheSegmentsAndDescribesThem) {
  // Two kinds of customer: 60 with high utilisation and short history, 40 with low utilisation
  // and long history, each spread evenly (golden-ratio sequence) around its centre.
  RowMatrix values(100, 2);
  for (int i = 0; i < 100; ++i) {
    const bool stressed = i < 60;
    const double u = std::fmod(i * 0.6180339887, 1.0) - 0.5;
    const double v = std::fmod(i * 0.7548776662, 1.0) - 0.5;
    values(i, 0) = (stressed ? 0.9 : 0.1) + 0.1 * u;
    values(i, 1) = (stressed ? 14 : 122) + 10 * v;
  }
  std::vector<std::string> names = {"revolving_utilization", "oldest_account_age_months"};
  auto result = SegmentByKMeans(values, values, names);
  ASSERT_TRUE(result.ok()) << result.error().ToString();
  EXPECT_EQ(result->k, 2);
  ASSERT_EQ(result->segments.size(), 2u);
  const Segment& first = result->segments[0];
  EXPECT_EQ(first.id, 1);
  EXPECT_EQ(first.size, 60);  // numbered by size
  EXPECT_DOUBLE_EQ(first.share, 0.6);
  EXPECT_NEAR(first.mean_raw[0], 0.9, 0.02);
  // The stressed segment reads "high utilisation, short tenure"; the other the opposite.
  EXPECT_EQ(JoinTags(first.tags, false), "short tenure, high utilisation");
  EXPECT_EQ(JoinTags(result->segments[1].tags, false), "long tenure, low utilisation");
  EXPECT_EQ(JoinTags(first.tags, true), "客户关系短，额度使用率高");
  for (int i = 0; i < 100; ++i) EXPECT_EQ(result->labels[i], i < 60 ? 1 : 2);
  EXPECT_FALSE(result->sampled_silhouette);
}

TEST(SegmentationTest, RefusesMismatchedInput) {
  RowMatrix values(10, 2), raw(10, 3);
  values.setZero();
  raw.setZero();
  EXPECT_FALSE(SegmentByKMeans(values, raw, {"a", "b"}).ok());
}

}  // namespace
}  // namespace credo::decision
