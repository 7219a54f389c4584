#include "resolve/evaluation.h"

#include <gtest/gtest.h>

#include "test_tables.h"

namespace credo::resolve {
namespace {

TEST(EvaluationTest, ClusterPairMetrics) {
  // Truth: {a,b,c} {d}; prediction: {a,b} {c,d}.
  auto built = testing::BuildTable(testing::PersonMapping(),
                                   {std::string(testing::kPersonHeader) +
                                    "a,x,,,,,,,,1\nb,x,,,,,,,,1\nc,x,,,,,,,,1\nd,x,,,,,,,,2\n"});
  ASSERT_TRUE(built.ok());
  EXPECT_EQ(CountTruePairs(built->table, false), 3);
  PairMetrics metrics = EvaluateClusters(built->table, {0, 0, 1, 1});
  EXPECT_EQ(metrics.predicted_pairs, 2);
  EXPECT_EQ(metrics.true_positives, 1);
  EXPECT_DOUBLE_EQ(metrics.precision, 0.5);
  EXPECT_DOUBLE_EQ(metrics.recall, 1.0 / 3);
  EXPECT_NEAR(metrics.f1, 0.4, 1e-12);
  std::vector<uint64_t> pairs = {uint64_t{0} << 32 | 1, uint64_t{2} << 32 | 3};
  EXPECT_NEAR(PairsCompleteness(built->table, pairs, false), 1.0 / 3, 1e-12);
}

TEST(EvaluationTest, LinkMetrics) {
  std::string header = testing::kPersonHeader;
  auto built = testing::BuildTable(testing::PersonMapping(),
                                   {header + "l0,x,,,,,,,,1\nl1,x,,,,,,,,2\n",
                                    header + "r0,x,,,,,,,,1\nr1,x,,,,,,,,3\n"});
  ASSERT_TRUE(built.ok());
  EXPECT_EQ(CountTruePairs(built->table, true), 1);
  PairMetrics metrics = EvaluateLinks(built->table, {{0, 2, 0.9}, {1, 3, 0.8}});
  EXPECT_EQ(metrics.true_positives, 1);
  EXPECT_DOUBLE_EQ(metrics.precision, 0.5);
  EXPECT_DOUBLE_EQ(metrics.recall, 1.0);
}

}  // namespace
}  // namespace credo::resolve
