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

Result<double> Aic(const Eigen::MatrixXd& woe, const std::vector<uint8_t>& y,
                   const std::vector<size_t>& columns, const LogisticOptions& logistic) {
  CREDO_ASSIGN_OR_RETURN(LogisticFit fit, FitLogistic(Columns(woe, columns), y, logistic));
  return fit.aic;
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
  // 3. Stepwise AIC (forward with a backward check after each addition).
  std::vector<size_t> selected;
  if (options.stepwise) {
    std::vector<size_t> remaining = kept;
    CREDO_ASSIGN_OR_RETURN(double current, Aic(woe, y, {}, logistic));
    while (!remaining.empty()) {
      double best = current;
      size_t best_index = remaining.size();
      for (size_t r = 0; r < remaining.size(); ++r) {
        std::vector<size_t> trial = selected;
        trial.push_back(remaining[r]);
        CREDO_ASSIGN_OR_RETURN(double aic, Aic(woe, y, trial, logistic));
        if (aic < best - 1e-9) {
          best = aic;
          best_index = r;
        }
      }
      if (best_index == remaining.size()) break;
      selected.push_back(remaining[best_index]);
      remaining.erase(remaining.begin() + static_cast<std::ptrdiff_t>(best_index));
      current = best;
      // Backward: remove any earlier variable whose removal now lowers the AIC.
      bool removed = true;
      while (removed && selected.size() > 1) {
        removed = false;
        for (size_t s = 0; s + 1 < selected.size(); ++s) {
          std::vector<size_t> trial = selected;
          trial.erase(trial.begin() + static_cast<std::ptrdiff_t>(s));
          CREDO_ASSIGN_OR_RETURN(double aic, Aic(woe, y, trial, logistic));
          if (aic < current - 1e-9) {
            remaining.push_back(selected[s]);
            selected = trial;
            current = aic;
            removed = true;
            break;
          }
        }
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
    CREDO_ASSIGN_OR_RETURN(LogisticFit fit, FitLogistic(Columns(woe, selected), y, logistic));
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
