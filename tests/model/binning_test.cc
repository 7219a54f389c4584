#include "model/binning.h"

#include <gtest/gtest.h>

#include <cmath>

#include "test_data.h"

namespace credo::model {
namespace {

bool StrictlyMonotonic(const VariableBinning& binning, bool bad_rate_rising) {
  for (size_t b = 1; b < binning.RegularBins(); ++b) {
    double previous = binning.bins[b - 1].woe, current = binning.bins[b].woe;
    if (bad_rate_rising ? !(current < previous) : !(current > previous)) return false;
  }
  return true;
}

TEST(BinningTest, NumericBinsAreMonotonicAndRespectConstraints) {
  Dataset data = testing::MakeCreditData();
  BinningOptions options;
  auto binning = FitBinning(data.columns[0], data.target, options);
  ASSERT_TRUE(binning.ok()) << binning.error().ToString();
  EXPECT_EQ(binning->trend, MonotonicTrend::kAscending);  // bad rate rises with utilisation
  EXPECT_TRUE(StrictlyMonotonic(*binning, true));
  EXPECT_LE(binning->RegularBins(), 8u);
  EXPECT_GE(binning->RegularBins(), 3u);
  int64_t regular = 0;
  for (size_t b = 0; b < binning->RegularBins(); ++b) regular += binning->bins[b].count;
  for (size_t b = 0; b < binning->RegularBins(); ++b) {
    EXPECT_GE(binning->bins[b].count, options.min_bin_share * regular - 1);
    EXPECT_GE(binning->bins[b].bads, 1);
  }
  EXPECT_EQ(binning->bins.back().kind, BinKind::kMissing);
  EXPECT_EQ(binning->bins.back().count, 80);  // every 50th row is missing
  EXPECT_GT(binning->iv, 0.3);
  EXPECT_TRUE(CheckBinning(*binning).ok());
}

TEST(BinningTest, TrendsMaxBinsAndDeterminism) {
  Dataset data = testing::MakeCreditData();
  BinningOptions options;
  options.max_bins = 3;
  options.trend = MonotonicTrend::kDescending;  // against the data: still honoured
  auto forced = FitBinning(data.columns[0], data.target, options);
  ASSERT_TRUE(forced.ok());
  EXPECT_LE(forced->RegularBins(), 3u);
  EXPECT_TRUE(StrictlyMonotonic(*forced, false));
  options.trend = MonotonicTrend::kPeak;
  options.max_bins = 6;
  auto peak = FitBinning(data.columns[0], data.target, options);
  ASSERT_TRUE(peak.ok());
  auto again = FitBinning(data.columns[0], data.target, options);
  ASSERT_EQ(peak->bins.size(), again->bins.size());
  for (size_t b = 0; b < peak->bins.size(); ++b) {
    EXPECT_EQ(peak->bins[b].lower, again->bins[b].lower);
    EXPECT_EQ(peak->bins[b].count, again->bins[b].count);
  }
}

TEST(BinningTest, SpecialValuesAndSmoothingOfEmptyCells) {
  Column column{"x", ColumnKind::kNumeric, {}, {}};
  std::vector<uint8_t> target;
  for (int i = 0; i < 200; ++i) {
    column.numbers.push_back(i < 20 ? -9 : i);
    target.push_back(i >= 20 && i % 3 == 0 ? 1 : 0);  // the special value has no bads
  }
  BinningOptions options;
  options.special_values = {-9, -8};
  auto binning = FitBinning(column, target, options);
  ASSERT_TRUE(binning.ok());
  size_t special = binning->BinOf(-9.0);
  EXPECT_EQ(binning->bins[special].kind, BinKind::kSpecial);
  EXPECT_EQ(binning->bins[special].count, 20);
  EXPECT_EQ(binning->bins[special].bads, 0);
  EXPECT_TRUE(std::isfinite(binning->bins[special].woe));  // smoothed, not +inf
  EXPECT_GT(binning->bins[special].woe, 0);
  size_t empty_special = binning->BinOf(-8.0);
  EXPECT_EQ(binning->bins[empty_special].count, 0);
  EXPECT_EQ(binning->bins[empty_special].woe, 0);  // no rows: the population's WoE
  EXPECT_EQ(binning->BinOf(std::nan("")), binning->MissingBin());
}

TEST(BinningTest, CategoricalGroupsAndUnseenCategory) {
  Dataset data = testing::MakeCreditData();
  auto binning = FitBinning(data.columns[1], data.target, {});
  ASSERT_TRUE(binning.ok());
  EXPECT_EQ(binning->kind, ColumnKind::kCategorical);
  EXPECT_GE(binning->RegularBins(), 2u);
  EXPECT_EQ(binning->BinOf(std::string_view("never seen")), binning->MissingBin());
  EXPECT_NE(binning->BinOf(std::string_view("A")), binning->BinOf(std::string_view("D")));
}

TEST(BinningTest, UserCutsAreRespected) {
  Dataset data = testing::MakeCreditData();
  auto binning = FitBinningWithCuts(data.columns[0], data.target, {0.25, 0.5, 0.75}, {});
  ASSERT_TRUE(binning.ok());
  ASSERT_EQ(binning->RegularBins(), 4u);
  EXPECT_EQ(binning->Cuts(), (std::vector<double>{0.25, 0.5, 0.75}));
  EXPECT_TRUE(binning->user_defined);
  EXPECT_EQ(binning->BinOf(0.25), 1u);
  EXPECT_FALSE(FitBinningWithCuts(data.columns[0], data.target, {0.5, 0.25}, {}).ok());
}

TEST(BinningTest, CheckBinningNamesTheBin) {
  Dataset data = testing::MakeCreditData();
  auto binning = FitBinning(data.columns[0], data.target, {});
  VariableBinning broken = *binning;
  broken.bins[1].lower += 0.01;
  auto status = CheckBinning(broken);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().location, "binning utilisation bin 1");
}

TEST(BinningTest, OneClassTargetIsAnError) {
  Column column{"x", ColumnKind::kNumeric, {1, 2, 3}, {}};
  EXPECT_FALSE(FitBinning(column, {0, 0, 0}, {}).ok());
}

}  // namespace
}  // namespace credo::model
