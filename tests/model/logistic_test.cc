#include "model/logistic.h"

#include <gtest/gtest.h>

#include <limits>

#include "model/split.h"

namespace credo::model {
namespace {

TEST(LogisticTest, RecoversKnownCoefficients) {
  SplitMix64 random(3);
  auto uniform = [&] { return static_cast<double>(random.Next() >> 11) / 9007199254740992.0; };
  const int n = 20000;
  Eigen::MatrixXd x(n, 2);
  std::vector<uint8_t> y(n);
  for (int i = 0; i < n; ++i) {
    x(i, 0) = uniform() * 4 - 2;
    x(i, 1) = uniform() * 4 - 2;
    double pd = Sigmoid(-0.5 + 1.5 * x(i, 0) - 0.8 * x(i, 1));
    y[i] = uniform() < pd;
  }
  auto fit = FitLogistic(x, y, {.l2 = 0});
  ASSERT_TRUE(fit.ok()) << fit.error().ToString();
  EXPECT_TRUE(fit->converged);
  EXPECT_NEAR(fit->intercept, -0.5, 0.1);
  EXPECT_NEAR(fit->coefficients[0], 1.5, 0.1);
  EXPECT_NEAR(fit->coefficients[1], -0.8, 0.1);
  EXPECT_GT(fit->standard_errors[0], 0);
  EXPECT_NEAR(fit->aic, -2 * fit->log_likelihood + 6, 1e-9);
}

TEST(LogisticTest, ConvergesOnTwoValuedColumn) {
  // A binary column far from the starting point: plain Newton overshoots here.
  Eigen::MatrixXd x(1000, 1);
  std::vector<uint8_t> y(1000);
  for (int i = 0; i < 1000; ++i) {
    x(i, 0) = i < 950 ? 0.3 : -2.1;
    y[i] = i < 950 ? (i % 25 == 0) : (i % 2 == 0);
  }
  auto fit = FitLogistic(x, y);
  ASSERT_TRUE(fit.ok());
  EXPECT_TRUE(fit->converged);
  EXPECT_LT(fit->coefficients[0], 0);
}

// WoE-coded rows repeat (one row per combination of bins): the fit on the distinct rows with
// their counts is the fit on every row, to rounding.
TEST(LogisticTest, DistinctRowsWithCountsFitLikeEveryRow) {
  SplitMix64 random(11);
  auto uniform = [&] { return static_cast<double>(random.Next() >> 11) / 9007199254740992.0; };
  const double woe[3][4] = {{-0.9, -0.1, 0.4, 1.3}, {-0.5, 0.2, 0.8, 0.8}, {-1.1, 0.0, -0.0, 0.7}};
  const int n = 30000;
  Eigen::MatrixXd x(n, 3);
  std::vector<uint8_t> y(n);
  for (int i = 0; i < n; ++i) {
    double z = -2.0;
    for (int j = 0; j < 3; ++j) {
      x(i, j) = woe[j][random.Next() % 4];
      z += 0.7 * x(i, j);
    }
    y[i] = uniform() < Sigmoid(z);
  }
  for (double l2 : {0.0, 1e-4}) {
    LogisticOptions every_row{.l2 = l2};
    every_row.group_identical_rows = false;
    auto grouped = FitLogistic(x, y, {.l2 = l2});
    auto ungrouped = FitLogistic(x, y, every_row);
    ASSERT_TRUE(grouped.ok() && ungrouped.ok());
    EXPECT_TRUE(grouped->converged);
    EXPECT_NEAR(grouped->intercept, ungrouped->intercept, 1e-9);
    for (int j = 0; j < 3; ++j) {
      EXPECT_NEAR(grouped->coefficients[j], ungrouped->coefficients[j], 1e-9);
      EXPECT_NEAR(grouped->standard_errors[j], ungrouped->standard_errors[j], 1e-9);
    }
    EXPECT_NEAR(grouped->log_likelihood, ungrouped->log_likelihood,
                1e-9 * std::abs(ungrouped->log_likelihood));
    EXPECT_NEAR(grouped->aic, ungrouped->aic, 1e-9 * ungrouped->aic);
    EXPECT_EQ(grouped->iterations, ungrouped->iterations);
  }
  // Mostly distinct rows (a continuous column): the same answer, one row each.
  for (int i = 0; i < n; ++i) x(i, 2) = uniform();
  LogisticOptions every_row;
  every_row.group_identical_rows = false;
  auto grouped = FitLogistic(x, y);
  auto ungrouped = FitLogistic(x, y, every_row);
  ASSERT_TRUE(grouped.ok() && ungrouped.ok());
  EXPECT_EQ(grouped->coefficients, ungrouped->coefficients);
  EXPECT_EQ(grouped->log_likelihood, ungrouped->log_likelihood);
}

// Stepwise selection groups the rows by all its candidate columns once and fits subsets of them:
// each subset's fit equals the fit of those columns on every row, even when a third of the rows
// are distinct and grouping was told not to give up.
TEST(LogisticTest, ASubsetOfGroupedColumnsFitsLikeThoseColumnsOnEveryRow) {
  SplitMix64 random(5);
  auto uniform = [&] { return static_cast<double>(random.Next() >> 11) / 9007199254740992.0; };
  const int n = 20000;
  Eigen::MatrixXd x(n, 4);
  std::vector<uint8_t> y(n);
  for (int i = 0; i < n; ++i) {
    double z = -1.5;
    for (int j = 0; j < 4; ++j) {
      x(i, j) = (static_cast<double>(random.Next() % (j == 3 ? 400 : 5)) - 2) * 0.3;
      z += (j == 3 ? 0.05 : 0.6) * x(i, j);
    }
    y[i] = uniform() < Sigmoid(z);
  }
  const GroupedRows grouped = GroupRows(x, y, true, /*give_up_share=*/1.0);
  EXPECT_LT(grouped.values.rows(), n);
  EXPECT_GT(grouped.values.rows(), n / 4);  // past the default give-up share
  EXPECT_EQ(grouped.rows, n);
  EXPECT_EQ(grouped.count.sum(), n);
  EXPECT_EQ(GroupRows(x, y).values.rows(), n);  // the default gives up: one row each
  LogisticOptions every_row;
  every_row.group_identical_rows = false;
  for (const std::vector<size_t>& columns :
       {std::vector<size_t>{}, std::vector<size_t>{1}, std::vector<size_t>{2, 0},
        std::vector<size_t>{0, 1, 2, 3}}) {
    Eigen::MatrixXd subset(n, static_cast<Eigen::Index>(columns.size()));
    for (size_t c = 0; c < columns.size(); ++c) {
      subset.col(static_cast<Eigen::Index>(c)) = x.col(static_cast<Eigen::Index>(columns[c]));
    }
    auto from_groups = FitLogistic(grouped, columns);
    auto from_rows = FitLogistic(subset, y, every_row);
    ASSERT_TRUE(from_groups.ok() && from_rows.ok());
    EXPECT_NEAR(from_groups->intercept, from_rows->intercept, 1e-9);
    for (size_t c = 0; c < columns.size(); ++c) {
      const auto j = static_cast<Eigen::Index>(c);
      EXPECT_NEAR(from_groups->coefficients[j], from_rows->coefficients[j], 1e-9);
      EXPECT_NEAR(from_groups->standard_errors[j], from_rows->standard_errors[j], 1e-9);
    }
    EXPECT_NEAR(from_groups->aic, from_rows->aic, 1e-9 * from_rows->aic);
  }
  EXPECT_FALSE(FitLogistic(grouped, {4}).ok());  // no such column
}

TEST(LogisticTest, NotANumberInTheInputIsAnErrorNotAHang) {
  // Rows holding NaN group together (compared by their bits), so grouping stays linear; the fit
  // itself cannot go anywhere and says so.
  const int n = 40000;
  Eigen::MatrixXd x(n, 2);
  std::vector<uint8_t> y(n);
  for (int i = 0; i < n; ++i) {
    x(i, 0) = i % 3 == 0 ? std::numeric_limits<double>::quiet_NaN() : (i % 5) * 0.1;
    x(i, 1) = (i % 7) * 0.2;
    y[i] = i % 4 == 0;
  }
  auto fit = FitLogistic(x, y);
  EXPECT_FALSE(fit.ok() && fit->coefficients.allFinite());
}

TEST(LogisticTest, RejectsOneClassAndSizeMismatch) {
  Eigen::MatrixXd x(3, 1);
  x << 1, 2, 3;
  EXPECT_FALSE(FitLogistic(x, {0, 0, 0}).ok());
  EXPECT_FALSE(FitLogistic(x, {0, 1}).ok());
}

}  // namespace
}  // namespace credo::model
