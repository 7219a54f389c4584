#include "model/logistic.h"

#include <cmath>

namespace credo::model {
namespace {

// The penalised log-likelihood at beta (intercept first), computed stably.
double PenalisedLogLikelihood(const Eigen::MatrixXd& design, const Eigen::VectorXd& target,
                              const Eigen::VectorXd& beta, double penalty) {
  Eigen::VectorXd eta = design * beta;
  double sum = 0;
  for (Eigen::Index i = 0; i < eta.size(); ++i) {
    double z = eta[i];
    double softplus = z > 0 ? z + std::log1p(std::exp(-z)) : std::log1p(std::exp(z));
    sum += target[i] * z - softplus;
  }
  return sum - 0.5 * penalty * beta.tail(beta.size() - 1).squaredNorm();
}

}  // namespace

Result<LogisticFit> FitLogistic(const Eigen::MatrixXd& x, const std::vector<uint8_t>& y,
                                const LogisticOptions& options) {
  const Eigen::Index n = x.rows();
  const Eigen::Index p = x.cols();
  if (static_cast<size_t>(n) != y.size()) {
    return MakeError(ErrorCode::kInvalidArgument, "logistic regression: " + std::to_string(n) +
                                                      " rows but " + std::to_string(y.size()) +
                                                      " targets");
  }
  double bads = 0;
  for (uint8_t value : y) bads += value;
  if (n == 0 || bads == 0 || bads == static_cast<double>(n)) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "logistic regression needs both good and bad rows");
  }
  Eigen::MatrixXd design(n, p + 1);
  design.col(0).setOnes();
  design.rightCols(p) = x;
  Eigen::VectorXd target(n);
  for (Eigen::Index i = 0; i < n; ++i) target[i] = y[static_cast<size_t>(i)];
  Eigen::VectorXd beta = Eigen::VectorXd::Zero(p + 1);
  beta[0] = std::log(bads / (static_cast<double>(n) - bads));
  const double penalty = options.l2 * static_cast<double>(n);
  LogisticFit fit;
  Eigen::MatrixXd hessian(p + 1, p + 1);
  double objective = PenalisedLogLikelihood(design, target, beta, penalty);
  for (int iteration = 1; iteration <= options.max_iterations; ++iteration) {
    Eigen::VectorXd eta = design * beta;
    Eigen::VectorXd mu = eta.unaryExpr([](double z) { return 1.0 / (1.0 + std::exp(-z)); });
    Eigen::VectorXd weight = (mu.array() * (1.0 - mu.array())).max(1e-12).matrix();
    Eigen::VectorXd gradient = design.transpose() * (target - mu);
    gradient.tail(p) -= penalty * beta.tail(p);
    hessian.noalias() = design.transpose() * (design.array().colwise() * weight.array()).matrix();
    hessian.diagonal().tail(p).array() += penalty;
    Eigen::VectorXd step = hessian.ldlt().solve(gradient);
    if (!step.allFinite()) {
      return MakeError(ErrorCode::kInternal,
                       "logistic regression diverged (singular information matrix); drop "
                       "collinear variables or raise the L2 penalty");
    }
    // Step halving keeps every iteration an ascent step (plain Newton can overshoot).
    double scale = 1.0;
    Eigen::VectorXd candidate = beta + step;
    double candidate_objective = PenalisedLogLikelihood(design, target, candidate, penalty);
    while (candidate_objective < objective - 1e-10 && scale > 1e-6) {
      scale *= 0.5;
      candidate = beta + scale * step;
      candidate_objective = PenalisedLogLikelihood(design, target, candidate, penalty);
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
  Eigen::VectorXd eta = design * beta;
  double log_likelihood = 0;
  for (Eigen::Index i = 0; i < n; ++i) {
    // log(1 + exp(z)) computed stably.
    double z = eta[i];
    double softplus = z > 0 ? z + std::log1p(std::exp(-z)) : std::log1p(std::exp(z));
    log_likelihood += target[i] * z - softplus;
  }
  Eigen::VectorXd mu = eta.unaryExpr([](double z) { return 1.0 / (1.0 + std::exp(-z)); });
  Eigen::VectorXd weight = (mu.array() * (1.0 - mu.array())).max(1e-12).matrix();
  hessian.noalias() = design.transpose() * (design.array().colwise() * weight.array()).matrix();
  hessian.diagonal().tail(p).array() += penalty;
  Eigen::MatrixXd covariance = hessian.ldlt().solve(Eigen::MatrixXd::Identity(p + 1, p + 1));
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
