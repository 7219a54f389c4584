#include "model/trainer.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <numeric>

#include "model/metrics.h"
#include "model/split.h"

namespace credo::model {
namespace {

constexpr uint64_t kFnvOffset = 0xcbf29ce484222325ULL;
constexpr uint64_t kFnvPrime = 0x100000001b3ULL;

void Mix(uint64_t& hash, const void* data, size_t size) {
  const auto* bytes = static_cast<const unsigned char*>(data);
  for (size_t i = 0; i < size; ++i) {
    hash ^= bytes[i];
    hash *= kFnvPrime;
  }
}

void MixText(uint64_t& hash, std::string_view text) {
  uint64_t size = text.size();
  Mix(hash, &size, sizeof(size));
  Mix(hash, text.data(), text.size());
}

nlohmann::json MetricsJson(const std::vector<double>& pd, const std::vector<uint8_t>& y) {
  double auc = Auc(pd, y);
  return {{"rows", y.size()},
          {"bads", std::count(y.begin(), y.end(), uint8_t{1})},
          {"auc", auc},
          {"gini", 2 * auc - 1},
          {"ks", Ks(pd, y)},
          {"brier", Brier(pd, y)}};
}

Result<VariableBinning> BinWithUserChoice(const Column& column, const std::vector<uint8_t>& target,
                                          const TrainOptions& options) {
  for (const UserBins& user : options.user_bins) {
    if (user.variable != column.name) continue;
    if (user.cuts) return FitBinningWithCuts(column, target, *user.cuts, options.binning);
    if (user.full) return RefitBinning(*user.full, column, target);
    if (user.groups) {
      VariableBinning spec;
      spec.variable = column.name;
      spec.kind = ColumnKind::kCategorical;
      spec.user_defined = true;
      spec.requested_trend = MonotonicTrend::kNone;
      spec.smoothing = options.binning.smoothing;
      for (const auto& group : *user.groups) {
        Bin bin;
        bin.kind = BinKind::kCategories;
        bin.categories = group;
        spec.bins.push_back(bin);
      }
      Bin missing;
      missing.kind = BinKind::kMissing;
      spec.bins.push_back(missing);
      return RefitBinning(spec, column, target);
    }
  }
  return FitBinning(column, target, options.binning);
}

Result<ModelArtifact> TrainScorecard(const Dataset& train, const TrainOptions& options,
                                     ModelArtifact artifact) {
  std::vector<VariableBinning> binnings;
  for (const Column& column : train.columns) {
    auto binning = BinWithUserChoice(column, train.target, options);
    if (!binning) {
      Error error = binning.error();
      return error.WithContext("binning column " + column.name);
    }
    binnings.push_back(std::move(*binning));
  }
  const Eigen::Index n = static_cast<Eigen::Index>(train.rows);
  Eigen::MatrixXd woe(n, static_cast<Eigen::Index>(binnings.size()));
  for (size_t v = 0; v < binnings.size(); ++v) {
    const Column& column = train.columns[v];
    for (Eigen::Index row = 0; row < n; ++row) {
      woe(row, static_cast<Eigen::Index>(v)) =
          binnings[v].bins[binnings[v].BinOf(column, static_cast<size_t>(row))].woe;
    }
  }
  CREDO_ASSIGN_OR_RETURN(SelectionResult selection,
                         SelectVariables(woe, train.target, binnings, options.selection,
                                         options.logistic));
  std::vector<VariableBinning> chosen;
  std::vector<double> coefficients;
  for (size_t s = 0; s < selection.selected.size(); ++s) {
    size_t v = selection.selected[s];
    chosen.push_back(binnings[v]);
    coefficients.push_back(selection.fit.coefficients[static_cast<Eigen::Index>(s)]);
    artifact.attributes.push_back({train.columns[v].name, train.columns[v].kind});
  }
  artifact.scorecard =
      Scorecard::Build(options.scaling, selection.fit.intercept, std::move(chosen), coefficients);
  artifact.selection = selection.decisions;
  nlohmann::json all_bins = nlohmann::json::array();
  for (const VariableBinning& binning : binnings) {
    all_bins.push_back({{"variable", binning.variable},
                        {"iv", binning.iv},
                        {"bins", binning.bins.size()},
                        {"trend", MonotonicTrendName(binning.trend)}});
  }
  artifact.metrics["information_values"] = all_bins;
  artifact.metrics["logistic"] = {{"converged", selection.fit.converged},
                                  {"iterations", selection.fit.iterations},
                                  {"aic", selection.fit.aic}};
  return artifact;
}

std::vector<FeatureDistribution> FeatureDistributions(const Dataset& data) {
  std::vector<FeatureDistribution> out;
  for (const Column& column : data.columns) {
    FeatureDistribution d;
    d.name = column.name;
    double missing = 0;
    if (column.kind == ColumnKind::kNumeric) {
      std::vector<double> present;
      for (double value : column.numbers) {
        if (std::isnan(value)) {
          missing += 1;
        } else {
          present.push_back(value);
        }
      }
      d.cuts = QuantileCuts(present, 10);
      d.shares = BandShares(present, d.cuts);
      for (double& share : d.shares) {
        share *= static_cast<double>(present.size()) / static_cast<double>(data.rows);
      }
    } else {
      std::map<std::string, double> counts;
      for (const std::string& text : column.texts) {
        if (text.empty()) {
          missing += 1;
        } else {
          counts[text] += 1;
        }
      }
      for (const auto& [category, count] : counts) {
        d.categories.push_back(category);
        d.shares.push_back(count / static_cast<double>(data.rows));
      }
    }
    d.shares.push_back(missing / static_cast<double>(data.rows));
    out.push_back(std::move(d));
  }
  return out;
}

}  // namespace

std::string DatasetFingerprint(const Dataset& data) {
  uint64_t hash = kFnvOffset;
  for (const Column& column : data.columns) {
    MixText(hash, column.name);
    MixText(hash, ColumnKindName(column.kind));
    if (column.kind == ColumnKind::kNumeric) {
      Mix(hash, column.numbers.data(), column.numbers.size() * sizeof(double));
    } else {
      for (const std::string& text : column.texts) MixText(hash, text);
    }
  }
  MixText(hash, data.target_name);
  Mix(hash, data.target.data(), data.target.size());
  char buffer[40];
  std::snprintf(buffer, sizeof(buffer), "fnv1a64:%016llx", static_cast<unsigned long long>(hash));
  return buffer;
}

DatasetOptions ScoringOptions(const ModelArtifact& artifact) {
  DatasetOptions options;
  for (const Attribute& attribute : artifact.attributes) {
    options.schema[attribute.name] = attribute.kind;
  }
  return options;
}

Result<ScoredBatch> ScoreModel(const ModelArtifact& artifact, const Dataset& data,
                               bool with_reasons) {
  ScoredBatch batch;
  if (artifact.scorecard) {
    CREDO_ASSIGN_OR_RETURN(batch.rows, ScoreDataset(*artifact.scorecard, data));
    for (const Characteristic& c : artifact.scorecard->characteristics) {
      batch.reason_names.push_back(c.binning.variable);
    }
    return batch;
  }
  if (!artifact.gbdt) {
    return MakeError(ErrorCode::kInvalidArgument, "the artifact holds no model", artifact.model_id);
  }
  const GbdtModel& gbdt = *artifact.gbdt;
  CREDO_ASSIGN_OR_RETURN(std::vector<float> matrix, gbdt.Encode(data));
  CREDO_ASSIGN_OR_RETURN(std::vector<float> pd, gbdt.PredictEncoded(matrix, data.rows));
  const size_t width = gbdt.features().size();
  std::vector<bool> inquiry(width);
  for (size_t f = 0; f < width; ++f) {
    batch.reason_names.push_back(gbdt.features()[f].name);
    inquiry[f] = IsInquiryCharacteristic(gbdt.features()[f].name);
  }
  batch.rows.resize(data.rows);
  std::vector<float> contributions;
  if (with_reasons) {
    CREDO_ASSIGN_OR_RETURN(contributions, gbdt.Contributions(matrix, data.rows));
  }
  std::vector<size_t> order(width);
  for (size_t row = 0; row < data.rows; ++row) {
    ScoredRow& out = batch.rows[row];
    out.pd = pd[row];
    out.score = artifact.scaling.Reported(artifact.scaling.ScoreOfPd(out.pd));
    if (!with_reasons) continue;
    const float* c = &contributions[row * (width + 1)];
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return c[a] > c[b]; });
    size_t used = 0;
    for (size_t i = 0; i < width && used < 4; ++i) {
      if (c[order[i]] <= 0) break;
      out.reasons[used++] = static_cast<int16_t>(order[i]);
    }
    for (size_t i = 0; i < width; ++i) {
      size_t f = order[i];
      if (c[f] <= 0) break;
      if (!inquiry[f]) continue;
      if (std::find(out.reasons.begin(), out.reasons.end(), static_cast<int16_t>(f)) ==
          out.reasons.end()) {
        out.inquiry_reason = static_cast<int16_t>(f);
      }
      break;
    }
  }
  return batch;
}

Result<ModelArtifact> TrainModel(const Dataset& data, const TrainOptions& options) {
  if (data.target.size() != data.rows || data.rows == 0) {
    return MakeError(ErrorCode::kInvalidArgument, "training needs a target column", data.source);
  }
  SplitIndexes split;
  std::string split_text;
  if (options.test_share > 0) {
    char buffer[200];
    if (options.split == SplitMethod::kSklearnCompatible) {
      // NumPy orders the classes by label value.
      auto bad = ParseNumber(data.bad_value);
      auto good = ParseNumber(data.good_value);
      bool bad_first = bad && good ? *bad < *good : data.bad_value < data.good_value;
      split = SklearnStratifiedSplit(data.target, options.test_share,
                                     static_cast<uint32_t>(options.seed), bad_first);
      std::snprintf(buffer, sizeof(buffer),
                    "stratified %.0f/%.0f as scikit-learn train_test_split(stratify=y, "
                    "random_state=%llu); model trained on the development part",
                    100 * (1 - options.test_share), 100 * options.test_share,
                    static_cast<unsigned long long>(options.seed));
    } else {
      split = StratifiedSplit(data.target, options.test_share, options.seed);
      std::snprintf(buffer, sizeof(buffer),
                    "stratified %.0f/%.0f, SplitMix64 seed %llu (credo split.h); model trained on "
                    "the development part",
                    100 * (1 - options.test_share), 100 * options.test_share,
                    static_cast<unsigned long long>(options.seed));
    }
    split_text = buffer;
  } else {
    split.train.resize(data.rows);
    std::iota(split.train.begin(), split.train.end(), 0);
    split_text = "all rows";
  }
  Dataset train = data.Subset(split.train);
  ModelArtifact artifact;
  artifact.kind = options.kind;
  artifact.scaling = options.scaling;
  artifact.created_at = options.created_at;
  artifact.training.source = data.source;
  artifact.training.fingerprint = DatasetFingerprint(train);
  artifact.training.rows = train.rows;
  artifact.training.bads = train.Bads();
  artifact.training.target = data.target_name;
  artifact.training.bad_value = data.bad_value;
  artifact.training.good_value = data.good_value;
  artifact.training.split = split_text;
  artifact.card.sources = options.sources;
  if (artifact.card.sources.empty()) artifact.card.sources.push_back(data.source);
  CREDO_TRY(options.scaling.Check());
  if (options.kind == ModelKind::kScorecard) {
    CREDO_ASSIGN_OR_RETURN(artifact, TrainScorecard(train, options, std::move(artifact)));
  } else {
    CREDO_ASSIGN_OR_RETURN(GbdtModel gbdt, GbdtModel::Train(train, options.gbdt));
    for (const GbdtFeature& feature : gbdt.features()) {
      artifact.attributes.push_back({feature.name, feature.kind});
    }
    artifact.gbdt = std::move(gbdt);
  }
  for (const Attribute& attribute : artifact.attributes) {
    artifact.card.inputs.push_back(attribute.name);
  }
  // Development metrics, score distribution and characteristic distributions. The score
  // distribution (the reference of PSI) is that of the published score, in whole points as
  // subjects' scores are stored: scorecard scores are atoms and the cuts sit on them, so cuts on
  // unrounded scores would move whole atoms a band once the stored scores are compared.
  CREDO_ASSIGN_OR_RETURN(ScoredBatch development, ScoreModel(artifact, train, false));
  std::vector<double> pd, score;
  for (const ScoredRow& row : development.rows) {
    pd.push_back(row.pd);
    score.push_back(static_cast<double>(std::lround(row.score)));
  }
  artifact.metrics["development"] = MetricsJson(pd, train.target);
  artifact.score_cuts = QuantileCuts(score, 10);
  artifact.score_shares = BandShares(score, artifact.score_cuts);
  if (artifact.kind == ModelKind::kGbdt) {
    artifact.feature_distributions = FeatureDistributions(train);
  }
  if (!split.test.empty()) {
    Dataset test = data.Subset(split.test);
    CREDO_ASSIGN_OR_RETURN(ScoredBatch scored, ScoreModel(artifact, test, false));
    std::vector<double> test_pd;
    for (const ScoredRow& row : scored.rows) test_pd.push_back(row.pd);
    artifact.metrics["test"] = MetricsJson(test_pd, test.target);
  }
  // The id names the content: the same data and options give the same model and so the same id,
  // while other options (bins, selection, scaling, trees) give another model and another id, so
  // a champion and a challenger trained on the same data can both be registered.
  // Neither the clock nor where the file was read from is part of the model.
  const std::string created_at = std::move(artifact.created_at);
  artifact.created_at.clear();
  std::vector<std::string> sources = std::move(artifact.card.sources);
  artifact.card.sources.clear();
  artifact.model_id = "pending";
  CREDO_ASSIGN_OR_RETURN(nlohmann::json content, ArtifactToJson(artifact));
  // The training file's path too (the data's fingerprint stays: it names the rows).
  if (content.contains("training") && content["training"].is_object()) {
    content["training"].erase("source");
  }
  artifact.created_at = created_at;
  artifact.card.sources = std::move(sources);
  uint64_t hash = kFnvOffset;
  MixText(hash, content.dump());
  char digits[20];
  std::snprintf(digits, sizeof(digits), "%016llx", static_cast<unsigned long long>(hash));
  artifact.model_id = std::string(ModelKindName(options.kind)) + "-" + std::string(digits, 12);
  return artifact;
}

Result<CrossValidation> CrossValidate(const Dataset& data, const TrainOptions& options, int folds,
                                      uint64_t seed) {
  if (folds < 2) {
    return MakeError(ErrorCode::kInvalidArgument, "cross-validation needs at least 2 folds");
  }
  CrossValidation result;
  auto fold_rows = StratifiedFolds(data.target, folds, seed);
  TrainOptions fold_options = options;
  fold_options.test_share = 0;
  for (size_t f = 0; f < fold_rows.size(); ++f) {
    Dataset train = data.Subset(FoldTrainingRows(fold_rows, f));
    Dataset test = data.Subset(fold_rows[f]);
    CREDO_ASSIGN_OR_RETURN(ModelArtifact artifact, TrainModel(train, fold_options));
    CREDO_ASSIGN_OR_RETURN(ScoredBatch scored, ScoreModel(artifact, test, false));
    std::vector<double> pd;
    for (const ScoredRow& row : scored.rows) pd.push_back(row.pd);
    result.fold_auc.push_back(Auc(pd, test.target));
  }
  double sum = std::accumulate(result.fold_auc.begin(), result.fold_auc.end(), 0.0);
  result.mean_auc = sum / static_cast<double>(result.fold_auc.size());
  double squares = 0;
  for (double auc : result.fold_auc) squares += (auc - result.mean_auc) * (auc - result.mean_auc);
  result.sd_auc = std::sqrt(squares / static_cast<double>(result.fold_auc.size() - 1));
  return result;
}

}  // namespace credo::model
