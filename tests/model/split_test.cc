#include "model/split.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace credo::model {
namespace {

TEST(SplitTest, StratifiedAndDeterministic) {
  std::vector<uint8_t> target(1000, 0);
  for (size_t i = 0; i < 100; ++i) target[i * 10] = 1;
  SplitIndexes a = StratifiedSplit(target, 0.3, 42);
  SplitIndexes b = StratifiedSplit(target, 0.3, 42);
  EXPECT_EQ(a.test, b.test);
  EXPECT_EQ(a.test.size(), 300u);
  EXPECT_EQ(a.train.size(), 700u);
  size_t test_bads = std::count_if(a.test.begin(), a.test.end(), [&](size_t r) { return target[r]; });
  EXPECT_EQ(test_bads, 30u);
  EXPECT_NE(StratifiedSplit(target, 0.3, 43).test, a.test);
}

TEST(SplitTest, SplitMix64KnownValues) {
  // Reference values of SplitMix64 seeded with 0 (Vigna's reference implementation).
  SplitMix64 random(0);
  EXPECT_EQ(random.Next(), 0xe220a8397b1dcdafULL);
  EXPECT_EQ(random.Next(), 0x6e789e6aa1b965f4ULL);
}

TEST(SplitTest, FoldsPartitionTheRows) {
  std::vector<uint8_t> target(103, 0);
  for (size_t i = 0; i < 20; ++i) target[i] = 1;
  auto folds = StratifiedFolds(target, 5, 1);
  size_t total = 0;
  for (size_t f = 0; f < folds.size(); ++f) {
    total += folds[f].size();
    EXPECT_EQ(FoldTrainingRows(folds, f).size() + folds[f].size(), 103u);
    size_t bads = std::count_if(folds[f].begin(), folds[f].end(), [&](size_t r) { return target[r]; });
    EXPECT_EQ(bads, 4u);
  }
  EXPECT_EQ(total, 103u);
}

}  // namespace
}  // namespace credo::model

namespace credo::model {
namespace {

TEST(SplitTest, Mt19937MatchesTheReference) {
  Mt19937 random(5489);  // the reference implementation's default seed
  EXPECT_EQ(random.Next(), 3499211612U);
  // NumPy: np.random.RandomState(42).permutation(10) == [8, 1, 5, 0, 7, 2, 9, 4, 3, 6].
  Mt19937 numpy(42);
  std::vector<size_t> values(10);
  for (size_t i = 0; i < 10; ++i) values[i] = i;
  for (size_t i = 10; i-- > 1;) std::swap(values[i], values[numpy.Interval(i)]);
  EXPECT_EQ(values, (std::vector<size_t>{8, 1, 5, 0, 7, 2, 9, 4, 3, 6}));
}

TEST(SplitTest, SklearnCompatibleSplitSizes) {
  std::vector<uint8_t> target(1001, 0);
  for (size_t i = 0; i < 101; ++i) target[i * 9] = 1;
  SplitIndexes split = SklearnStratifiedSplit(target, 0.3, 42, false);
  EXPECT_EQ(split.test.size(), 301u);  // ceil(0.3 n)
  EXPECT_EQ(split.train.size(), 700u);  // floor(0.7 n)
  size_t bads = std::count_if(split.test.begin(), split.test.end(), [&](size_t r) { return target[r]; });
  EXPECT_EQ(bads, 30u);
  EXPECT_EQ(SklearnStratifiedSplit(target, 0.3, 42, false).test, split.test);
}

}  // namespace
}  // namespace credo::model
