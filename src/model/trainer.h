// credo model: the training, scoring and cross-validation flows behind `credo model`.
//
// TrainModel splits the data 70/30 (stratified, seed 42, by default the rows scikit-learn's
// train_test_split(test_size=0.3, stratify=y, random_state=42) picks; see split.h) unless test_share is 0,
// trains on the development part and records metrics on both parts in the artifact.
// Scorecard flow: bins for every column (user bins from a binning file win), WoE, selection
// (selection.h), logistic regression, scaling. GBDT flow: XGBoost on the raw columns.
// ScoreModel gives every row, in order, a score on the artifact's scale, a PD and up to four
// reason codes plus the inquiries reason. All functions are deterministic for a given input.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "model/artifact.h"
#include "model/binning.h"
#include "model/binning_json.h"
#include "model/dataset.h"
#include "model/gbdt.h"
#include "model/logistic.h"
#include "model/scorecard.h"
#include "model/selection.h"

namespace credo::model {

//! How the development/test split is drawn (both stratified and deterministic; see split.h).
enum class SplitMethod {
  kSklearnCompatible,  //!< the rows scikit-learn's train_test_split(stratify=y) picks
  kSplitMix,           //!< credo's own SplitMix64 shuffle
};

struct TrainOptions {
  ModelKind kind = ModelKind::kScorecard;
  BinningOptions binning;
  SelectionOptions selection;
  LogisticOptions logistic;
  ScorecardScaling scaling;
  GbdtOptions gbdt;
  std::vector<UserBins> user_bins;  //!< boundaries a person fixed, by variable
  double test_share = 0.3;          //!< 0: train on every row
  uint64_t seed = 42;
  SplitMethod split = SplitMethod::kSklearnCompatible;
  std::string created_at;           //!< ISO 8601 UTC; the caller's clock
  std::vector<std::string> sources;  //!< for the model card
};

//! Fingerprint of a dataset's content: "fnv1a64:<16 hex digits>".
std::string DatasetFingerprint(const Dataset& data);

Result<ModelArtifact> TrainModel(const Dataset& data, const TrainOptions& options);

struct ScoredBatch {
  std::vector<ScoredRow> rows;
  std::vector<std::string> reason_names;  //!< what ScoredRow reason indexes refer to
};
//! Scores every row of `data` (which must hold the model's attributes).
Result<ScoredBatch> ScoreModel(const ModelArtifact& artifact, const Dataset& data,
                               bool with_reasons = true);
//! The options for reading a file to score with this model (its attributes' kinds fixed).
DatasetOptions ScoringOptions(const ModelArtifact& artifact);

struct CrossValidation {
  std::vector<double> fold_auc;
  double mean_auc = 0;
  double sd_auc = 0;
};
//! k-fold stratified cross-validation of the whole training flow (AUC per fold).
Result<CrossValidation> CrossValidate(const Dataset& data, const TrainOptions& options, int folds,
                                      uint64_t seed = 42);

}  // namespace credo::model
