#include "model/logistic.h"

#include <cmath>
#include <cstring>

namespace credo::model {
namespace {

// The observations as the fit sees them: distinct rows of the design (intercept column first),
// each with how many observations it stands for and how many of them are bad.
struct Observations {
  Eigen::MatrixXd design;
  Eigen::VectorXd count;
  Eigen::VectorXd bads;
};

Observations Observe(const GroupedRows& rows, const std::vector<size_t>& columns) {
  Observations out;
  out.design.resize(rows.values.rows(), static_cast<Eigen::Index>(columns.size()) + 1);
  out.design.col(0).setOnes();
  for (size_t c = 0; c < columns.size(); ++c) {
    out.design.col(static_cast<Eigen::Index>(c) + 1) =
        rows.values.col(static_cast<Eigen::Index>(columns[c]));
  }
  out.count = rows.count;
  out.bads = rows.bads;
  return out;
}

// log(1 + exp(z)), computed stably.
double Softplus(double z) { return z > 0 ? z + std::log1p(std::exp(-z)) : std::log1p(std::exp(z)); }

double LogLikelihood(const Observations& data, const Eigen::VectorXd& eta) {
  double sum = 0;
  for (Eigen::Index i = 0; i < eta.size(); ++i) {
    sum += data.bads[i] * eta[i] - data.count[i] * Softplus(eta[i]);
  }
  return sum;
}

// The penalised log-likelihood at beta (intercept first).
double PenalisedLogLikelihood(const Observations& data, const Eigen::VectorXd& beta,
                              double penalty) {
  return LogLikelihood(data, data.design * beta) -
         0.5 * penalty * beta.tail(beta.size() - 1).squaredNorm();
}

// The information matrix X' W X at eta, with the penalty on the slopes.
Eigen::MatrixXd Information(const Observations& data, const Eigen::VectorXd& mu, double penalty) {
  Eigen::VectorXd weight =
      (data.count.array() * (mu.array() * (1.0 - mu.array())).max(1e-12)).matrix();
  Eigen::MatrixXd information =
      data.design.transpose() * (data.design.array().colwise() * weight.array()).matrix();
  const Eigen::Index p = information.rows() - 1;
  information.diagonal().tail(p).array() += penalty;
  return information;
}

Eigen::VectorXd Probabilities(const Eigen::VectorXd& eta) {
  return eta.unaryExpr([](double z) { return 1.0 / (1.0 + std::exp(-z)); });
}

}  // namespace

// Rows of x equal in every column become one row with its count and bads. WoE-coded data has few
// distinct rows (one per combination of bins met: Give Me Some Credit's 105,000 training rows are
// a few thousand), and the binomial log-likelihood of a group equals the sum of its rows', so the
// fit is the same while each Newton step costs the distinct rows instead of all of them. When
// rows are mostly distinct (raw continuous inputs) grouping is abandoned and each row stands
// alone.
GroupedRows GroupRows(const Eigen::MatrixXd& x, const std::vector<uint8_t>& y, bool group,
                      double give_up_share) {
  const Eigen::Index n = x.rows();
  const Eigen::Index p = x.cols();
  std::vector<Eigen::Index> group_of(static_cast<size_t>(n));
  std::vector<Eigen::Index> first_row;  // a representative row of each group
  if (group) {
    // Values are compared by their bits (-0.0 made 0.0): a NaN then equals itself, so rows of
    // NaN group like any other instead of each making a group of its own behind one hash.
    auto bits_of = [&](Eigen::Index i, Eigen::Index j) {
      double value = x(i, j);
      if (value == 0) value = 0;
      uint64_t bits;
      std::memcpy(&bits, &value, sizeof bits);
      return bits;
    };
    auto hash_of = [&](Eigen::Index i) {
      uint64_t hash = 1469598103934665603ull;
      for (Eigen::Index j = 0; j < p; ++j) {
        hash = (hash ^ bits_of(i, j)) * 1099511628211ull;
        hash ^= hash >> 29;
      }
      return hash;
    };
    auto same_row = [&](Eigen::Index a, Eigen::Index b) {
      for (Eigen::Index j = 0; j < p; ++j) {
        if (bits_of(a, j) != bits_of(b, j)) return false;
      }
      return true;
    };
    // Open addressing on the row hash: a slot holds a group's index + 1 (0: empty).
    const size_t give_up = static_cast<size_t>(give_up_share * static_cast<double>(n));
    size_t slots = 16;
    while (slots < 2 * give_up + 2) slots *= 2;
    std::vector<Eigen::Index> slot_group(slots, 0);
    std::vector<uint64_t> slot_hash(slots, 0);
    for (Eigen::Index i = 0; i < n && first_row.size() <= give_up; ++i) {
      const uint64_t hash = hash_of(i);
      size_t slot = static_cast<size_t>(hash) & (slots - 1);
      Eigen::Index found = -1;
      while (slot_group[slot] != 0) {
        const Eigen::Index candidate = slot_group[slot] - 1;
        if (slot_hash[slot] == hash && same_row(first_row[static_cast<size_t>(candidate)], i)) {
          found = candidate;
          break;
        }
        slot = (slot + 1) & (slots - 1);
      }
      if (found < 0) {
        found = static_cast<Eigen::Index>(first_row.size());
        first_row.push_back(i);
        slot_group[slot] = found + 1;
        slot_hash[slot] = hash;
      }
      group_of[static_cast<size_t>(i)] = found;
    }
    if (first_row.size() > give_up) first_row.clear();
  }
  GroupedRows out;
  out.rows = static_cast<double>(n);
  if (first_row.empty()) {  // one row each
    out.values = x;
    out.count = Eigen::VectorXd::Ones(n);
    out.bads.resize(n);
    for (Eigen::Index i = 0; i < n; ++i) out.bads[i] = y[static_cast<size_t>(i)];
    return out;
  }
  const Eigen::Index groups = static_cast<Eigen::Index>(first_row.size());
  out.values.resize(groups, p);
  for (Eigen::Index g = 0; g < groups; ++g) {
    out.values.row(g) = x.row(first_row[static_cast<size_t>(g)]);
  }
  out.count = Eigen::VectorXd::Zero(groups);
  out.bads = Eigen::VectorXd::Zero(groups);
  for (Eigen::Index i = 0; i < n; ++i) {
    const Eigen::Index g = group_of[static_cast<size_t>(i)];
    out.count[g] += 1;
    out.bads[g] += y[static_cast<size_t>(i)];
  }
  return out;
}

Result<LogisticFit> FitLogistic(const Eigen::MatrixXd& x, const std::vector<uint8_t>& y,
                                const LogisticOptions& options) {
  if (static_cast<size_t>(x.rows()) != y.size()) {
    return MakeError(ErrorCode::kInvalidArgument, "logistic regression: " +
                                                      std::to_string(x.rows()) + " rows but " +
                                                      std::to_string(y.size()) + " targets");
  }
  std::vector<size_t> columns(static_cast<size_t>(x.cols()));
  for (size_t c = 0; c < columns.size(); ++c) columns[c] = c;
  return FitLogistic(GroupRows(x, y, options.group_identical_rows), columns, options);
}

Result<LogisticFit> FitLogistic(const GroupedRows& rows, const std::vector<size_t>& columns,
                                const LogisticOptions& options) {
  const double n = rows.rows;
  const Eigen::Index p = static_cast<Eigen::Index>(columns.size());
  const double bads = rows.bads.sum();
  if (n == 0 || bads == 0 || bads == n) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "logistic regression needs both good and bad rows");
  }
  for (size_t column : columns) {
    if (column >= static_cast<size_t>(rows.values.cols())) {
      return MakeError(ErrorCode::kInvalidArgument,
                       "logistic regression: column " + std::to_string(column) + " of " +
                           std::to_string(rows.values.cols()));
    }
  }
  const Observations data = Observe(rows, columns);
  Eigen::VectorXd beta = Eigen::VectorXd::Zero(p + 1);
  beta[0] = std::log(bads / (n - bads));
  const double penalty = options.l2 * n;
  LogisticFit fit;
  double objective = PenalisedLogLikelihood(data, beta, penalty);
  for (int iteration = 1; iteration <= options.max_iterations; ++iteration) {
    Eigen::VectorXd mu = Probabilities(data.design * beta);
    Eigen::VectorXd gradient =
        data.design.transpose() * (data.bads.array() - data.count.array() * mu.array()).matrix();
    gradient.tail(p) -= penalty * beta.tail(p);
    Eigen::VectorXd step = Information(data, mu, penalty).ldlt().solve(gradient);
    if (!step.allFinite()) {
      return MakeError(ErrorCode::kInternal,
                       "logistic regression diverged (singular information matrix); drop "
                       "collinear variables or raise the L2 penalty");
    }
    // Step halving keeps every iteration an ascent step (plain Newton can overshoot).
    double scale = 1.0;
    Eigen::VectorXd candidate = beta + step;
    double candidate_objective = PenalisedLogLikelihood(data, candidate, penalty);
    while (candidate_objective < objective - 1e-10 && scale > 1e-6) {
      scale *= 0.5;
      candidate = beta + scale * step;
      candidate_objective = PenalisedLogLikelihood(data, candidate, penalty);
    }
    step *= scale;
    beta = candidate;
    objective = candidate_objective;
    fit.iterations = iteration;
    if (step.cwiseAbs().maxCoeff() < options.tolerance) {
      fit.converged = true;
      break;
    }
  }
  Eigen::VectorXd eta = data.design * beta;
  const double log_likelihood = LogLikelihood(data, eta);
  Eigen::MatrixXd covariance = Information(data, Probabilities(eta), penalty)
                                   .ldlt()
                                   .solve(Eigen::MatrixXd::Identity(p + 1, p + 1));
  fit.intercept = beta[0];
  fit.coefficients = beta.tail(p);
  fit.standard_errors = covariance.diagonal().tail(p).cwiseMax(0).cwiseSqrt();
  fit.log_likelihood = log_likelihood;
  fit.aic = -2 * log_likelihood + 2 * static_cast<double>(p + 1);
  return fit;
}

Eigen::VectorXd LinearPredictor(const LogisticFit& fit, const Eigen::MatrixXd& x) {
  Eigen::VectorXd eta = x * fit.coefficients;
  eta.array() += fit.intercept;
  return eta;
}

}  // namespace credo::model
