// credo model: logistic regression by Newton's method (IRLS) with an L2 penalty (Eigen).
//
// Fits P(bad) = 1 / (1 + exp(-(b0 + x.b))). The intercept is not penalised. Stops when the
// largest coefficient change is below `tolerance` or after `max_iterations`; a fit that has not
// converged is still returned with converged = false. Rows equal in every column are fitted once
// with their count (binomial likelihood). Deterministic; thread-compatible.
#pragma once

#include <Eigen/Dense>
#include <cstdint>
#include <vector>

#include "core/result.h"

namespace credo::model {

struct LogisticOptions {
  double l2 = 1e-4;  //!< penalty on the slopes: l2 * n / 2 * |b|^2 (scaled by the row count)
  int max_iterations = 50;
  double tolerance = 1e-8;
  //! Fit on the distinct rows with their counts (the same likelihood; much faster on WoE-coded
  //! data, whose rows repeat). false: every row on its own (tests compare the two).
  bool group_identical_rows = true;
};

struct LogisticFit {
  double intercept = 0;
  Eigen::VectorXd coefficients;
  Eigen::VectorXd standard_errors;  //!< slopes only, from the inverse penalised Hessian
  double log_likelihood = 0;
  double aic = 0;  //!< -2 logL + 2 (slopes + 1)
  int iterations = 0;
  bool converged = false;
};

//! x: one row per observation, one column per variable; y: 1 = bad. Errors when the sizes
//! disagree or when y has one class only.
Result<LogisticFit> FitLogistic(const Eigen::MatrixXd& x, const std::vector<uint8_t>& y,
                                const LogisticOptions& options = {});

//! Rows of x equal in every column, each kept once with how many observations it stands for and
//! how many of them are bad (the binomial likelihood of a group is the sum of its rows'). A fit
//! on any subset of x's columns may read them: stepwise selection groups once and fits many
//! subsets. With `group` false, or when more than `give_up_share` of the rows are distinct
//! (grouping then costs more than it saves a single fit), each row stands alone; a caller that
//! fits many subsets gains from groups even so and passes 1.
struct GroupedRows {
  Eigen::MatrixXd values;  //!< one row per group, x's columns
  Eigen::VectorXd count;
  Eigen::VectorXd bads;
  double rows = 0;  //!< observations: the sum of count
};
GroupedRows GroupRows(const Eigen::MatrixXd& x, const std::vector<uint8_t>& y, bool group = true,
                      double give_up_share = 0.25);

//! The fit on `columns` (indexes into rows.values) of grouped rows; the same fit as FitLogistic
//! on those columns of the rows before grouping.
Result<LogisticFit> FitLogistic(const GroupedRows& rows, const std::vector<size_t>& columns,
                                const LogisticOptions& options = {});

//! The linear predictor b0 + x.b for each row.
Eigen::VectorXd LinearPredictor(const LogisticFit& fit, const Eigen::MatrixXd& x);

inline double Sigmoid(double z) { return 1.0 / (1.0 + std::exp(-z)); }

}  // namespace credo::model
