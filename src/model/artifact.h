// credo model: model artifacts — versioned JSON files holding everything a model needs.
//
// {"format": "credo-model", "format_version": 1, "model_id", "version", "kind": scorecard|gbdt,
//  "created_at", "attributes": [{"name", "kind"}], "scorecard": {scaling, intercept, base_points,
//  characteristics: [{variable, coefficient, binning, points}]} or "gbdt": {parameters, features,
//  booster}, "scaling", "training": {source, fingerprint, rows, bads, target, bad_value,
//  good_value, split}, "selection": [...], "metrics": {...}, "score_distribution": {cuts, shares},
//  "feature_distributions": [...], "model_card": {inputs, sources, intended_use, limitations}}.
//
// Loading refuses a file from a newer format (kVersionMismatch, field format_version) and a file
// edited into inconsistency (kInvalidArgument naming the field, e.g. a points value that no
// longer equals -Factor * coefficient * WoE, a WoE that its bin's counts and the binning's
// smoothing do not give, a characteristic listed twice or not among the attributes, bins out
// of order). Saving writes a temporary file beside the target and renames it, so a reader never
// sees a partial model.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "model/dataset.h"
#include "model/gbdt.h"
#include "model/scorecard.h"
#include "model/selection.h"

namespace credo::model {

inline constexpr int kModelFormatVersion = 1;

enum class ModelKind { kScorecard, kGbdt };
std::string_view ModelKindName(ModelKind kind);
Result<ModelKind> ParseModelKind(std::string_view name);

struct Attribute {
  std::string name;
  ColumnKind kind = ColumnKind::kNumeric;
};

struct TrainingSummary {
  std::string source;
  std::string fingerprint;  //!< fnv1a64 of the training rows (names, kinds, values, target)
  size_t rows = 0;
  size_t bads = 0;
  std::string target;
  std::string bad_value;
  std::string good_value;
  std::string split;  //!< how development and test rows were chosen
};

struct ModelCard {
  std::vector<std::string> inputs;
  std::vector<std::string> sources;
  std::string intended_use =
      "Rank applicants or accounts by the probability of becoming bad as defined by the target; "
      "one input to a credit decision, reviewed by people.";
  std::string limitations =
      "Valid for populations like the training data; monitor PSI/CSI and recalibrate when they "
      "drift. Not for decisions on protected attributes.";
};

//! A characteristic's distribution at development, for CSI (GBDT features; scorecards use bins).
struct FeatureDistribution {
  std::string name;
  std::vector<double> cuts;                //!< numeric: band cuts
  std::vector<std::string> categories;     //!< categorical: one band per category
  std::vector<double> shares;              //!< per band, then missing last
};

struct ModelArtifact {
  int format_version = kModelFormatVersion;
  std::string model_id;
  std::string version = "1";
  ModelKind kind = ModelKind::kScorecard;
  std::string created_at;
  std::vector<Attribute> attributes;
  ScorecardScaling scaling;
  std::optional<Scorecard> scorecard;
  std::optional<GbdtModel> gbdt;
  TrainingSummary training;
  std::vector<SelectionDecision> selection;
  nlohmann::json metrics = nlohmann::json::object();
  //! The development score distribution (the reference of PSI): decile cuts and band shares of
  //! the published score, in whole points as subjects' scores are stored.
  std::vector<double> score_cuts;
  std::vector<double> score_shares;
  std::vector<FeatureDistribution> feature_distributions;
  ModelCard card;
};

Result<nlohmann::json> ArtifactToJson(const ModelArtifact& artifact);
Result<ModelArtifact> ArtifactFromJson(const nlohmann::json& json, const std::string& source);
Result<ModelArtifact> ParseArtifact(std::string_view text, const std::string& source);
Result<ModelArtifact> LoadArtifact(const std::string& path);
Status SaveArtifact(const ModelArtifact& artifact, const std::string& path);

//! Writes `content` to `path` through a temporary file and a rename (all or nothing).
Status WriteFileAtomically(const std::string& path, std::string_view content);

}  // namespace credo::model
