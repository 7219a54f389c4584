#include "model/metrics.h"

#include <gtest/gtest.h>

#include <cmath>

namespace credo::model {
namespace {

TEST(MetricsTest, AucKsAndBrierOnKnownValues) {
  std::vector<double> pd = {0.9, 0.8, 0.7, 0.3, 0.2, 0.1};
  std::vector<uint8_t> y = {1, 1, 0, 1, 0, 0};
  // Pairs (bad, good): 9; bad above good in 8 of them.
  EXPECT_NEAR(Auc(pd, y), 8.0 / 9.0, 1e-12);
  EXPECT_NEAR(Auc({0.5, 0.5}, {1, 0}), 0.5, 1e-12);  // ties count half
  EXPECT_NEAR(Ks(pd, y), 2.0 / 3.0, 1e-12);
  EXPECT_NEAR(Brier({1, 0}, {1, 1}), 0.5, 1e-12);
}

TEST(MetricsTest, ConfusionPrecisionRecallF1) {
  Confusion c = ConfusionAt({0.9, 0.6, 0.4, 0.2}, {1, 0, 1, 0}, 0.5);
  EXPECT_EQ(c.true_positive, 1);
  EXPECT_EQ(c.false_positive, 1);
  EXPECT_EQ(c.false_negative, 1);
  EXPECT_EQ(c.true_negative, 1);
  EXPECT_DOUBLE_EQ(c.precision, 0.5);
  EXPECT_DOUBLE_EQ(c.recall, 0.5);
  EXPECT_DOUBLE_EQ(c.f1, 0.5);
}

TEST(MetricsTest, PsiBandsAndShares) {
  EXPECT_NEAR(Psi({0.5, 0.5}, {0.5, 0.5}), 0, 1e-12);
  double psi = Psi({0.5, 0.5}, {0.8, 0.2});
  EXPECT_NEAR(psi, 0.3 * std::log(0.8 / 0.5) - 0.3 * std::log(0.2 / 0.5), 1e-12);
  EXPECT_EQ(PsiBand(0.05), "stable");
  EXPECT_EQ(PsiBand(0.2), "monitor");
  EXPECT_EQ(PsiBand(psi), "act");
  std::vector<double> values = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
  auto cuts = QuantileCuts(values, 5);
  EXPECT_EQ(cuts, (std::vector<double>{3, 5, 7, 9}));
  auto shares = BandShares(values, cuts);
  for (double share : shares) EXPECT_NEAR(share, 0.2, 1e-12);
}

TEST(MetricsTest, CurvesAndCalibration) {
  std::vector<double> pd = {0.9, 0.8, 0.7, 0.3, 0.2, 0.1};
  std::vector<uint8_t> y = {1, 1, 0, 1, 0, 0};
  auto roc = RocCurve(pd, y);
  EXPECT_DOUBLE_EQ(roc.front().x, 0);
  EXPECT_DOUBLE_EQ(roc.back().x, 1);
  EXPECT_DOUBLE_EQ(roc.back().y, 1);
  auto ks = KsCurveOf(pd, y);
  EXPECT_DOUBLE_EQ(ks.bad.back(), 1);
  std::vector<double> score = {400, 420, 450, 600, 650, 700};
  auto table = CalibrationTable(score, pd, y, 3);
  ASSERT_EQ(table.size(), 3u);
  EXPECT_EQ(table[0].count, 2);
  EXPECT_DOUBLE_EQ(table[0].observed_bad_rate, 1.0);
  EXPECT_NEAR(table[2].mean_pd, 0.15, 1e-12);
}

}  // namespace
}  // namespace credo::model
