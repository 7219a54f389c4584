#include "model/gbdt.h"

#include <xgboost/c_api.h>

#include <cmath>
#include <limits>

namespace credo::model {
namespace {

// The one place where XGBoost's status codes become credo errors.
Status XgbCheck(int status, const char* call) {
  if (status == 0) return Ok();
  return MakeError(ErrorCode::kInternal,
                   std::string("XGBoost ") + call + " failed: " + XGBGetLastError(), "xgboost");
}

struct MatrixDeleter {
  void operator()(void* handle) const { XGDMatrixFree(handle); }
};
using MatrixPtr = std::unique_ptr<void, MatrixDeleter>;

Result<MatrixPtr> MakeMatrix(const std::vector<float>& values, size_t rows, size_t columns) {
  DMatrixHandle handle = nullptr;
  CREDO_TRY(XgbCheck(XGDMatrixCreateFromMat(values.data(), rows, columns,
                                            std::numeric_limits<float>::quiet_NaN(), &handle),
                     "XGDMatrixCreateFromMat"));
  return MatrixPtr(handle);
}

Result<std::shared_ptr<void>> NewBooster(DMatrixHandle train) {
  BoosterHandle handle = nullptr;
  DMatrixHandle matrices[1] = {train};
  CREDO_TRY(XgbCheck(XGBoosterCreate(train ? matrices : nullptr, train ? 1 : 0, &handle),
                     "XGBoosterCreate"));
  return std::shared_ptr<void>(handle, [](void* booster) { XGBoosterFree(booster); });
}

nlohmann::json ParametersJson(const GbdtOptions& options) {
  nlohmann::json monotone = nlohmann::json::object();
  for (const auto& [name, direction] : options.monotone) monotone[name] = direction;
  return {{"trees", options.trees},
          {"max_depth", options.max_depth},
          {"eta", options.eta},
          {"tree_method", options.tree_method},
          {"min_child_weight", options.min_child_weight},
          {"subsample", options.subsample},
          {"lambda", options.lambda},
          {"seed", options.seed},
          {"monotone", monotone}};
}

}  // namespace

Result<GbdtModel> GbdtModel::Train(const Dataset& data, const GbdtOptions& options) {
  if (data.target.size() != data.rows || data.rows == 0) {
    return MakeError(ErrorCode::kInvalidArgument, "training needs a target for every row",
                     data.source);
  }
  GbdtModel model;
  model.options_ = options;
  for (const auto& [name, direction] : options.monotone) {
    const Column* column = data.Find(name);
    if (!column || (direction != 1 && direction != -1)) {
      return MakeError(ErrorCode::kInvalidArgument,
                       "monotone constraint on '" + name +
                           "' needs an existing column and a direction of +1 or -1",
                       "monotone");
    }
  }
  for (const Column& column : data.columns) {
    GbdtFeature feature{column.name, column.kind, {}};
    if (column.kind == ColumnKind::kCategorical) {
      std::map<std::string, std::pair<double, double>> stats;  // bads, count
      for (size_t row = 0; row < data.rows; ++row) {
        if (column.texts[row].empty()) continue;
        auto& [bads, count] = stats[column.texts[row]];
        bads += data.target[row];
        count += 1;
      }
      std::vector<std::pair<double, std::string>> order;
      for (const auto& [category, counts] : stats) {
        order.emplace_back((counts.first + 0.5) / (counts.second + 1.0), category);
      }
      std::sort(order.begin(), order.end());
      for (size_t i = 0; i < order.size(); ++i) {
        feature.category_codes[order[i].second] = static_cast<float>(i);
      }
    }
    model.features_.push_back(std::move(feature));
  }
  CREDO_ASSIGN_OR_RETURN(std::vector<float> matrix, model.Encode(data));
  CREDO_ASSIGN_OR_RETURN(MatrixPtr train, MakeMatrix(matrix, data.rows, model.features_.size()));
  std::vector<float> labels(data.target.begin(), data.target.end());
  CREDO_TRY(XgbCheck(XGDMatrixSetFloatInfo(train.get(), "label", labels.data(), labels.size()),
                     "XGDMatrixSetFloatInfo"));
  CREDO_ASSIGN_OR_RETURN(model.booster_, NewBooster(train.get()));
  std::string monotone = "(";
  for (size_t f = 0; f < model.features_.size(); ++f) {
    auto it = options.monotone.find(model.features_[f].name);
    if (f) monotone += ',';
    monotone += std::to_string(it == options.monotone.end() ? 0 : it->second);
  }
  monotone += ")";
  const std::vector<std::pair<std::string, std::string>> parameters = {
      {"objective", "binary:logistic"},
      {"eval_metric", "auc"},
      {"max_depth", std::to_string(options.max_depth)},
      {"eta", std::to_string(options.eta)},
      {"tree_method", options.tree_method},
      {"min_child_weight", std::to_string(options.min_child_weight)},
      {"subsample", std::to_string(options.subsample)},
      {"lambda", std::to_string(options.lambda)},
      {"seed", std::to_string(options.seed)},
      {"verbosity", "0"},
      {"monotone_constraints", monotone},
  };
  for (const auto& [name, value] : parameters) {
    CREDO_TRY(XgbCheck(XGBoosterSetParam(model.booster_.get(), name.c_str(), value.c_str()),
                       "XGBoosterSetParam"));
  }
  if (options.threads > 0) CREDO_TRY(model.SetThreads(options.threads));
  for (int iteration = 0; iteration < options.trees; ++iteration) {
    CREDO_TRY(XgbCheck(XGBoosterUpdateOneIter(model.booster_.get(), iteration, train.get()),
                       "XGBoosterUpdateOneIter"));
  }
  return model;
}

Status GbdtModel::SetThreads(int threads) {
  return XgbCheck(XGBoosterSetParam(booster_.get(), "nthread", std::to_string(threads).c_str()),
                  "XGBoosterSetParam(nthread)");
}

Result<std::vector<float>> GbdtModel::Encode(const Dataset& data) const {
  std::vector<const Column*> columns;
  for (const GbdtFeature& feature : features_) {
    const Column* column = data.Find(feature.name);
    if (!column) {
      return MakeError(ErrorCode::kInvalidArgument,
                       "the model needs column '" + feature.name + "', which the data does not have",
                       data.source);
    }
    if (column->kind != feature.kind) {
      return MakeError(ErrorCode::kInvalidArgument,
                       "column '" + feature.name + "' is " +
                           std::string(ColumnKindName(column->kind)) + " but the model expects " +
                           std::string(ColumnKindName(feature.kind)),
                       data.source + " column " + feature.name);
    }
    columns.push_back(column);
  }
  const size_t width = features_.size();
  std::vector<float> matrix(data.rows * width, std::numeric_limits<float>::quiet_NaN());
  for (size_t f = 0; f < width; ++f) {
    const Column& column = *columns[f];
    if (column.kind == ColumnKind::kNumeric) {
      for (size_t row = 0; row < data.rows; ++row) {
        matrix[row * width + f] = static_cast<float>(column.numbers[row]);
      }
    } else {
      const auto& codes = features_[f].category_codes;
      for (size_t row = 0; row < data.rows; ++row) {
        auto it = codes.find(column.texts[row]);
        if (it != codes.end()) matrix[row * width + f] = it->second;
      }
    }
  }
  return matrix;
}

Result<std::vector<float>> GbdtModel::PredictEncoded(const std::vector<float>& matrix,
                                                     size_t rows) const {
  CREDO_ASSIGN_OR_RETURN(MatrixPtr data, MakeMatrix(matrix, rows, features_.size()));
  bst_ulong length = 0;
  const float* result = nullptr;
  CREDO_TRY(XgbCheck(XGBoosterPredict(booster_.get(), data.get(), 0, 0, 0, &length, &result),
                     "XGBoosterPredict"));
  return std::vector<float>(result, result + length);
}

Result<std::vector<double>> GbdtModel::PredictPd(const Dataset& data) const {
  CREDO_ASSIGN_OR_RETURN(std::vector<float> matrix, Encode(data));
  CREDO_ASSIGN_OR_RETURN(std::vector<float> pd, PredictEncoded(matrix, data.rows));
  return std::vector<double>(pd.begin(), pd.end());
}

Result<std::vector<float>> GbdtModel::Contributions(const std::vector<float>& matrix,
                                                    size_t rows) const {
  CREDO_ASSIGN_OR_RETURN(MatrixPtr data, MakeMatrix(matrix, rows, features_.size()));
  bst_ulong length = 0;
  const float* result = nullptr;
  CREDO_TRY(XgbCheck(XGBoosterPredict(booster_.get(), data.get(), 4, 0, 0, &length, &result),
                     "XGBoosterPredict(contributions)"));
  if (length != rows * (features_.size() + 1)) {
    return MakeError(ErrorCode::kInternal, "XGBoost returned " + std::to_string(length) +
                                               " contributions, expected " +
                                               std::to_string(rows * (features_.size() + 1)));
  }
  return std::vector<float>(result, result + length);
}

Result<nlohmann::json> GbdtModel::ToJson() const {
  bst_ulong length = 0;
  const char* buffer = nullptr;
  CREDO_TRY(XgbCheck(
      XGBoosterSaveModelToBuffer(booster_.get(), R"({"format": "json"})", &length, &buffer),
      "XGBoosterSaveModelToBuffer"));
  nlohmann::json booster;
  try {
    booster = nlohmann::json::parse(buffer, buffer + length);
  } catch (const nlohmann::json::exception& error) {
    return MakeError(ErrorCode::kInternal, std::string("XGBoost wrote invalid JSON: ") + error.what());
  }
  nlohmann::json features = nlohmann::json::array();
  for (const GbdtFeature& feature : features_) {
    nlohmann::json item{{"name", feature.name}, {"kind", ColumnKindName(feature.kind)}};
    if (feature.kind == ColumnKind::kCategorical) item["category_codes"] = feature.category_codes;
    features.push_back(std::move(item));
  }
  return nlohmann::json{{"parameters", ParametersJson(options_)},
                        {"features", std::move(features)},
                        {"booster", std::move(booster)}};
}

Result<GbdtModel> GbdtModel::FromJson(const nlohmann::json& json, const std::string& where) {
  GbdtModel model;
  if (!json.is_object() || !json.contains("features") || !json["features"].is_array()) {
    return MakeError(ErrorCode::kInvalidArgument, "required list of features is missing",
                     where + ".features");
  }
  const auto& features = json["features"];
  for (size_t f = 0; f < features.size(); ++f) {
    const std::string at = where + ".features[" + std::to_string(f) + "]";
    const auto& item = features[f];
    if (!item.is_object() || !item.contains("name") || !item["name"].is_string() ||
        !item.contains("kind") || !item["kind"].is_string()) {
      return MakeError(ErrorCode::kInvalidArgument, "a feature needs a name and a kind", at);
    }
    GbdtFeature feature;
    feature.name = item["name"].get<std::string>();
    auto kind = ParseColumnKind(item["kind"].get<std::string>());
    if (!kind) return MakeError(ErrorCode::kInvalidArgument, kind.error().message, at + ".kind");
    feature.kind = *kind;
    if (feature.kind == ColumnKind::kCategorical) {
      if (!item.contains("category_codes") || !item["category_codes"].is_object()) {
        return MakeError(ErrorCode::kInvalidArgument, "categorical feature needs category_codes",
                         at + ".category_codes");
      }
      for (const auto& [category, code] : item["category_codes"].items()) {
        if (!code.is_number()) {
          return MakeError(ErrorCode::kInvalidArgument, "category code must be a number",
                           at + ".category_codes." + category);
        }
        feature.category_codes[category] = code.get<float>();
      }
    }
    model.features_.push_back(std::move(feature));
  }
  if (json.contains("parameters") && json["parameters"].is_object()) {
    const auto& p = json["parameters"];
    model.options_.trees = p.value("trees", model.options_.trees);
    model.options_.max_depth = p.value("max_depth", model.options_.max_depth);
    model.options_.eta = p.value("eta", model.options_.eta);
    model.options_.tree_method = p.value("tree_method", model.options_.tree_method);
    if (p.contains("monotone") && p["monotone"].is_object()) {
      for (const auto& [name, direction] : p["monotone"].items()) {
        if (direction.is_number_integer()) model.options_.monotone[name] = direction.get<int>();
      }
    }
  }
  if (!json.contains("booster") || !json["booster"].is_object()) {
    return MakeError(ErrorCode::kInvalidArgument, "the XGBoost model is missing", where + ".booster");
  }
  std::string text = json["booster"].dump();
  CREDO_ASSIGN_OR_RETURN(model.booster_, NewBooster(nullptr));
  auto loaded = XgbCheck(XGBoosterLoadModelFromBuffer(model.booster_.get(), text.data(), text.size()),
                         "XGBoosterLoadModelFromBuffer");
  if (!loaded.ok()) {
    Error error = loaded.error();
    error.code = ErrorCode::kInvalidArgument;
    error.location = where + ".booster";
    return error;
  }
  bst_ulong feature_count = 0;
  CREDO_TRY(XgbCheck(XGBoosterGetNumFeature(model.booster_.get(), &feature_count),
                     "XGBoosterGetNumFeature"));
  if (feature_count != model.features_.size()) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "the XGBoost model has " + std::to_string(feature_count) +
                         " features but the feature list names " +
                         std::to_string(model.features_.size()),
                     where + ".features");
  }
  return model;
}

}  // namespace credo::model
