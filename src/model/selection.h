// credo model: choosing the characteristics of a scorecard.
//
// In order: drop variables with IV below min_iv; among pairs whose WoE values correlate above
// max_correlation (absolute Pearson), drop the one with the lower IV; forward-backward stepwise
// selection by AIC on the WoE values; then the coefficient-sign check: with WoE = ln(%good/%bad)
// every slope predicting bad must be negative, and a variable whose slope is not is dropped and
// the model refitted until all signs agree. Each decision is logged with its reason.
#pragma once

#include <Eigen/Dense>
#include <string>
#include <vector>

#include "core/result.h"
#include "model/binning.h"
#include "model/logistic.h"

namespace credo::model {

struct SelectionOptions {
  double min_iv = 0.02;
  double max_correlation = 0.7;
  bool stepwise = true;
  bool enforce_signs = true;
};

struct SelectionDecision {
  std::string variable;
  std::string decision;  //!< selected, low_iv, correlated, not_chosen_by_aic, wrong_sign
  std::string detail;
};

struct SelectionResult {
  std::vector<size_t> selected;  //!< indexes into the binnings / WoE matrix columns
  LogisticFit fit;               //!< fit on the selected columns, in that order
  std::vector<SelectionDecision> decisions;
};

//! woe: rows x variables (column v holds the WoE of binnings[v]); y: 1 = bad.
Result<SelectionResult> SelectVariables(const Eigen::MatrixXd& woe, const std::vector<uint8_t>& y,
                                        const std::vector<VariableBinning>& binnings,
                                        const SelectionOptions& options,
                                        const LogisticOptions& logistic);

//! The columns listed, in that order.
Eigen::MatrixXd Columns(const Eigen::MatrixXd& matrix, const std::vector<size_t>& columns);

}  // namespace credo::model
