// credo model: gradient-boosted trees through the XGBoost C API (libxgboost-dev, 1.7).
//
// Binary logistic objective. Numeric columns go in as they are (NaN = missing, learned default
// direction); a categorical column is coded by its categories' training bad rate (0 = lowest),
// an unseen category counts as missing. Monotone constraints are per column: +1 means the PD may
// only rise with the value, -1 only fall. Contributions are XGBoost's TreeSHAP
// (XGBoosterPredict option 4): per row, one log-odds contribution per feature plus the bias
// (the model's expected margin, the documented baseline of the reasons).
//
// Every XGBoost call goes through one checker that turns its failure into an Error
// (kInternal, with XGBGetLastError's text). The booster is shared between copies (immutable
// after training); prediction is safe from one thread at a time per model.
#pragma once

#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/result.h"
#include "model/dataset.h"

namespace credo::model {

struct GbdtOptions {
  int trees = 300;
  int max_depth = 4;
  double eta = 0.1;
  std::string tree_method = "hist";
  double min_child_weight = 1;
  double subsample = 1;
  double lambda = 1;
  int threads = 0;  //!< 0: XGBoost's default (all cores)
  int seed = 0;
  std::map<std::string, int> monotone;  //!< column -> +1 / -1
};

struct GbdtFeature {
  std::string name;
  ColumnKind kind = ColumnKind::kNumeric;
  std::map<std::string, float> category_codes;  //!< categorical: category -> code
};

class GbdtModel {
 public:
  static Result<GbdtModel> Train(const Dataset& data, const GbdtOptions& options);
  //! Reads {"features": [...], "booster": <XGBoost JSON model>, "parameters": {...}}.
  static Result<GbdtModel> FromJson(const nlohmann::json& json, const std::string& where);
  Result<nlohmann::json> ToJson() const;

  //! The feature matrix (rows x features, row-major, NaN = missing) for `data`.
  Result<std::vector<float>> Encode(const Dataset& data) const;
  //! PD (probability of bad) per row of an encoded matrix.
  Result<std::vector<float>> PredictEncoded(const std::vector<float>& matrix, size_t rows) const;
  Result<std::vector<double>> PredictPd(const Dataset& data) const;
  //! rows x (features + 1) log-odds contributions; the last one of each row is the bias.
  Result<std::vector<float>> Contributions(const std::vector<float>& matrix, size_t rows) const;
  //! Threads XGBoost uses for prediction (0 = default).
  Status SetThreads(int threads);

  const std::vector<GbdtFeature>& features() const { return features_; }
  const GbdtOptions& options() const { return options_; }

 private:
  std::shared_ptr<void> booster_;
  std::vector<GbdtFeature> features_;
  GbdtOptions options_;
};

}  // namespace credo::model
