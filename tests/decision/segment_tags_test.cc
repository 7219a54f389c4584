#include "decision/segment_tags.h"

#include <gtest/gtest.h>

namespace credo::decision {
namespace {

TEST(SegmentTagsTest, ReadsHighAndLowValuesInBothLanguages) {
  std::vector<std::string> names = {"revolving_utilization", "oldest_account_age_months",
                                    "times_30dpd_6m", "inquiries_6m"};
  std::vector<double> z = {1.4, 0.9, 2.1, 0.1};
  auto tags = DescribeCentroid(names, z);
  ASSERT_EQ(tags.size(), 3u);
  EXPECT_EQ(tags[0].english, "recent delinquency");  // strongest first
  EXPECT_EQ(tags[0].chinese, "近期有逾期");
  EXPECT_EQ(tags[1].english, "high utilisation");
  EXPECT_EQ(tags[2].english, "long tenure");
  EXPECT_EQ(JoinTags(tags, false), "recent delinquency, high utilisation, long tenure");
  EXPECT_EQ(JoinTags(tags, true), "近期有逾期，额度使用率高，客户关系长");
}

TEST(SegmentTagsTest, LowDelinquencyIsNotATagButShortTenureIs) {
  std::vector<std::string> names = {"times_30dpd_6m", "oldest_account_age_months"};
  std::vector<double> z = {-0.8, -1.2};
  auto tags = DescribeCentroid(names, z);
  ASSERT_EQ(tags.size(), 1u);
  EXPECT_EQ(tags[0].english, "short tenure");
  EXPECT_EQ(tags[0].chinese, "客户关系短");
}

TEST(SegmentTagsTest, UnknownAttributesGetAGenericPhraseAndAverageWhenNothingStandsOut) {
  std::vector<std::string> names = {"x_score"};
  std::vector<double> z = {-0.7};
  auto tags = DescribeCentroid(names, z);
  ASSERT_EQ(tags.size(), 1u);
  EXPECT_EQ(tags[0].english, "low x_score");
  EXPECT_EQ(tags[0].chinese, "x_score偏低");
  std::vector<double> small = {0.2};
  auto average = DescribeCentroid(names, small);
  ASSERT_EQ(average.size(), 1u);
  EXPECT_EQ(average[0].english, "close to the portfolio average");
}

TEST(SegmentTagsTest, KeepsTheStrongerOfTwoSynonymsAndCapsTheCount) {
  std::vector<std::string> names = {"revolving_utilization", "total_utilization", "total_balance",
                                    "inquiries_6m", "tradelines_open", "accounts_opened_12m"};
  std::vector<double> z = {0.8, 1.5, 1.0, 1.1, 1.2, 1.3};
  TagOptions options;
  options.max_tags = 3;
  auto tags = DescribeCentroid(names, z, options);
  ASSERT_EQ(tags.size(), 3u);
  EXPECT_EQ(tags[0].attribute, "total_utilization");
  for (const auto& tag : tags) EXPECT_NE(tag.attribute, "revolving_utilization");
}

}  // namespace
}  // namespace credo::decision
