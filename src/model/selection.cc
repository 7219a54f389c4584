#include "model/selection.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace credo::model {
namespace {

std::string Format(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof(buffer), "%.4g", value);
  return buffer;
}


}  // namespace

Eigen::MatrixXd Columns(const Eigen::MatrixXd& matrix, const std::vector<size_t>& columns) {
  Eigen::MatrixXd out(matrix.rows(), static_cast<Eigen::Index>(columns.size()));
  for (size_t c = 0; c < columns.size(); ++c) {
    out.col(static_cast<Eigen::Index>(c)) = matrix.col(static_cast<Eigen::Index>(columns[c]));
  }
  return out;
}

Result<SelectionResult> SelectVariables(const Eigen::MatrixXd& woe, const std::vector<uint8_t>& y,
                                        const std::vector<VariableBinning>& binnings,
                                        const SelectionOptions& options,
                                        const LogisticOptions& logistic) {
  SelectionResult result;
  // 1. IV filter; candidates ordered by IV, highest first (ties by name, for determinism).
  std::vector<size_t> candidates;
  for (size_t v = 0; v < binnings.size(); ++v) {
    if (binnings[v].iv < options.min_iv) {
      result.decisions.push_back({binnings[v].variable, "low_iv",
                                  "IV " + Format(binnings[v].iv) + " < " + Format(options.min_iv)});
    } else {
      candidates.push_back(v);
    }
  }
  std::stable_sort(candidates.begin(), candidates.end(), [&](size_t a, size_t b) {
    if (binnings[a].iv != binnings[b].iv) return binnings[a].iv > binnings[b].iv;
    return binnings[a].variable < binnings[b].variable;
  });
  // 2. Correlation filter, keeping the higher-IV variable of each correlated pair.
  std::vector<size_t> kept;
  const double n = static_cast<double>(woe.rows());
  for (size_t v : candidates) {
    Eigen::VectorXd a = woe.col(static_cast<Eigen::Index>(v));
    a.array() -= a.mean();
    double a_norm = a.norm();
    bool dropped = false;
    for (size_t k : kept) {
      Eigen::VectorXd b = woe.col(static_cast<Eigen::Index>(k));
      b.array() -= b.mean();
      double denominator = a_norm * b.norm();
      double correlation = denominator > 0 ? a.dot(b) / denominator : 0;
      if (std::abs(correlation) > options.max_correlation) {
        result.decisions.push_back({binnings[v].variable, "correlated",
                                    "|r| = " + Format(std::abs(correlation)) + " with " +
                                        binnings[k].variable + " (higher IV)"});
        dropped = true;
        break;
      }
    }
    if (a_norm == 0 && !dropped) {
      result.decisions.push_back({binnings[v].variable, "low_iv", "one bin only: WoE is constant"});
      dropped = true;
    }
    if (!dropped) kept.push_back(v);
  }
  (void)n;
  // 3. Stepwise AIC, forward with a backward check after each addition. To keep it fast, the
  // candidate to add is the one with the largest Rao score statistic under the current fit and
  // the candidate to drop the one with the smallest Wald statistic; each move is then confirmed
  // by refitting and comparing the AIC exactly.
  // Every fit below is on a subset of the kept columns: their rows are grouped once (rows equal
  // in all kept columns are equal in any subset), and each fit and score statistic reads the
  // groups with their counts instead of every row. Grouped even when a third of the rows are
  // distinct (Give Me Some Credit: 28,796 groups of 84,000 rows over 10 columns), since the
  // grouping is paid once and read by every fit.
  const GroupedRows grouped =
      GroupRows(Columns(woe, kept), y, logistic.group_identical_rows, /*give_up_share=*/1.0);
  std::vector<size_t> position_of(binnings.size(), 0);
  for (size_t k = 0; k < kept.size(); ++k) position_of[kept[k]] = k;
  auto columns_of = [&](const std::vector<size_t>& variables) {
    std::vector<size_t> columns;
    columns.reserve(variables.size());
    for (size_t v : variables) columns.push_back(position_of[v]);
    return columns;
  };
  auto fit_on = [&](const std::vector<size_t>& variables) {
    return FitLogistic(grouped, columns_of(variables), logistic);
  };
  std::vector<size_t> selected;
  if (options.stepwise) {
    std::vector<size_t> remaining = kept;
    CREDO_ASSIGN_OR_RETURN(LogisticFit current_fit, fit_on({}));
    while (!remaining.empty()) {
      // Rao score statistics of every remaining candidate, summed over the groups.
      Eigen::MatrixXd x = Columns(grouped.values, columns_of(selected));
      Eigen::MatrixXd design(x.rows(), x.cols() + 1);
      design.col(0).setOnes();
      design.rightCols(x.cols()) = x;
      Eigen::VectorXd eta = LinearPredictor(current_fit, x);
      Eigen::VectorXd mu = eta.unaryExpr([](double z) { return 1.0 / (1.0 + std::exp(-z)); });
      Eigen::VectorXd weight = (grouped.count.array() * mu.array() * (1.0 - mu.array())).matrix();
      Eigen::VectorXd residual = grouped.bads - (grouped.count.array() * mu.array()).matrix();
      Eigen::MatrixXd weighted = design.array().colwise() * weight.array();
      Eigen::MatrixXd information = design.transpose() * weighted;
      auto solver = information.ldlt();
      double best_statistic = -1;
      size_t best_index = remaining.size();
      for (size_t r = 0; r < remaining.size(); ++r) {
        Eigen::VectorXd candidate =
            grouped.values.col(static_cast<Eigen::Index>(position_of[remaining[r]]));
        double score = candidate.dot(residual);
        Eigen::VectorXd cross = weighted.transpose() * candidate;
        double variance =
            candidate.dot((candidate.array() * weight.array()).matrix()) - cross.dot(solver.solve(cross));
        if (variance <= 1e-12) continue;
        double statistic = score * score / variance;
        if (statistic > best_statistic) {
          best_statistic = statistic;
          best_index = r;
        }
      }
      if (best_index == remaining.size()) break;
      std::vector<size_t> trial = selected;
      trial.push_back(remaining[best_index]);
      CREDO_ASSIGN_OR_RETURN(LogisticFit trial_fit, fit_on(trial));
      if (!(trial_fit.aic < current_fit.aic - 1e-9)) break;
      selected = trial;
      current_fit = trial_fit;
      remaining.erase(remaining.begin() + static_cast<std::ptrdiff_t>(best_index));
      // Backward: drop the weakest earlier variable while that lowers the AIC.
      while (selected.size() > 1) {
        size_t weakest = selected.size();
        double weakest_wald = std::numeric_limits<double>::infinity();
        for (size_t s = 0; s + 1 < selected.size(); ++s) {
          double se = current_fit.standard_errors[static_cast<Eigen::Index>(s)];
          double beta = current_fit.coefficients[static_cast<Eigen::Index>(s)];
          double wald = se > 0 ? beta * beta / (se * se) : 0;
          if (wald < weakest_wald) {
            weakest_wald = wald;
            weakest = s;
          }
        }
        if (weakest == selected.size() || weakest_wald > 4) break;
        std::vector<size_t> without = selected;
        without.erase(without.begin() + static_cast<std::ptrdiff_t>(weakest));
        CREDO_ASSIGN_OR_RETURN(LogisticFit smaller, fit_on(without));
        if (!(smaller.aic < current_fit.aic - 1e-9)) break;
        remaining.push_back(selected[weakest]);
        selected = without;
        current_fit = smaller;
      }
    }
    for (size_t v : remaining) {
      result.decisions.push_back(
          {binnings[v].variable, "not_chosen_by_aic", "adding it does not lower the AIC"});
    }
  } else {
    selected = kept;
  }
  if (selected.empty()) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "no variable is predictive enough to build a scorecard (every IV is below " +
                         Format(options.min_iv) + " or none lowers the AIC)");
  }
  // 4. Sign check.
  while (true) {
    CREDO_ASSIGN_OR_RETURN(LogisticFit fit, fit_on(selected));
    size_t worst = selected.size();
    double worst_value = 0;
    if (options.enforce_signs) {
      for (size_t s = 0; s < selected.size(); ++s) {
        double beta = fit.coefficients[static_cast<Eigen::Index>(s)];
        if (beta >= 0 && beta >= worst_value) {
          worst = s;
          worst_value = beta;
        }
      }
    }
    if (worst == selected.size() || selected.size() == 1) {
      result.fit = fit;
      break;
    }
    result.decisions.push_back(
        {binnings[selected[worst]].variable, "wrong_sign",
         "slope " + Format(worst_value) +
             " >= 0 contradicts the WoE direction (a better bin would raise the bad odds)"});
    selected.erase(selected.begin() + static_cast<std::ptrdiff_t>(worst));
  }
  for (size_t v : selected) {
    result.decisions.push_back({binnings[v].variable, "selected", "IV " + Format(binnings[v].iv)});
  }
  result.selected = selected;
  return result;
}

}  // namespace credo::model
