#include "model/subject_scoring.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <memory>
#include <mutex>
#include <numeric>
#include <unordered_map>

#include "features/compute.h"
#include "features/load.h"
#include "model/products.h"
#include "model/rating.h"
#include "model/reasons.h"
#include "model/store_registry.h"

namespace credo::model {
namespace {

// GBDT scores are bounded by the PDs they can reach; the range reported is that of PDs in
// [kPdLow, kPdHigh] (scores outside are clamped to it).
constexpr double kPdLow = 0.0001;
constexpr double kPdHigh = 0.9999;

}  // namespace

//! An artifact ready to score: where each input sits in a subject's attribute set, the range.
class ScoringModel {
 public:
  ModelArtifact artifact;
  std::vector<std::string> inputs;  //!< characteristic / feature names, in model order
  std::vector<ColumnKind> input_kinds;
  //! Per subject kind (0 person, 1 organization): index of each input in the attribute set,
  //! -1 when the kind has no such attribute.
  std::vector<int> positions[2];
  //! The parts of a credit file the inputs read: a subject is scored from those alone.
  features::CreditFileParts parts;
  int score_min = 0;
  int score_max = 0;
  mutable std::mutex gbdt_mutex;  //!< XGBoost prediction: one thread at a time per model
};

namespace {
using PreparedModel = ScoringModel;

int KindIndex(SubjectKind kind) { return kind == SubjectKind::kPerson ? 0 : 1; }

std::vector<int> PositionsFor(const std::vector<std::string>& inputs, SubjectKind kind) {
  const auto definitions = features::AttributeDefinitionsFor(kind);
  std::vector<int> positions;
  positions.reserve(inputs.size());
  for (const std::string& input : inputs) {
    int position = -1;
    for (size_t i = 0; i < definitions.size(); ++i) {
      if (definitions[i].name == input) {
        position = static_cast<int>(i);
        break;
      }
    }
    positions.push_back(position);
  }
  return positions;
}

Result<std::shared_ptr<const PreparedModel>> Prepare(ModelArtifact artifact) {
  auto prepared = std::make_shared<ScoringModel>();
  if (artifact.scorecard) {
    const Scorecard& card = *artifact.scorecard;
    double low = card.base_points;
    double high = card.base_points;
    for (const Characteristic& c : card.characteristics) {
      prepared->inputs.push_back(c.binning.variable);
      prepared->input_kinds.push_back(c.binning.kind);
      if (c.points.empty()) continue;
      low += *std::min_element(c.points.begin(), c.points.end());
      high += *std::max_element(c.points.begin(), c.points.end());
    }
    prepared->score_min = static_cast<int>(std::floor(card.scaling.Reported(low) + 1e-9));
    prepared->score_max = static_cast<int>(std::ceil(card.scaling.Reported(high) - 1e-9));
  } else if (artifact.gbdt) {
    for (const GbdtFeature& feature : artifact.gbdt->features()) {
      prepared->inputs.push_back(feature.name);
      prepared->input_kinds.push_back(feature.kind);
    }
    const ScorecardScaling& scaling = artifact.scaling;
    prepared->score_min = static_cast<int>(std::lround(scaling.Reported(scaling.ScoreOfPd(kPdHigh))));
    prepared->score_max = static_cast<int>(std::lround(scaling.Reported(scaling.ScoreOfPd(kPdLow))));
  } else {
    return MakeError(ErrorCode::kInvalidArgument, "the artifact holds no model", artifact.model_id);
  }
  prepared->positions[0] = PositionsFor(prepared->inputs, SubjectKind::kPerson);
  prepared->positions[1] = PositionsFor(prepared->inputs, SubjectKind::kOrganization);
  for (const std::string& input : prepared->inputs) prepared->parts |= features::PartsRead(input);
  prepared->artifact = std::move(artifact);
  return std::shared_ptr<const PreparedModel>(std::move(prepared));
}

class PreparedCache {
 public:
  std::shared_ptr<const PreparedModel> Find(const std::string& key) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = models_.find(key);
    return it == models_.end() ? nullptr : it->second;
  }
  void Put(const std::string& key, std::shared_ptr<const PreparedModel> model) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (models_.size() >= kCapacity) models_.clear();  // models change rarely; keep it simple
    models_[key] = std::move(model);
  }
  void Clear() {
    std::lock_guard<std::mutex> lock(mutex_);
    models_.clear();
  }

 private:
  static constexpr size_t kCapacity = 64;
  std::mutex mutex_;
  std::unordered_map<std::string, std::shared_ptr<const PreparedModel>> models_;
};

PreparedCache& Cache() {
  static PreparedCache* cache = new PreparedCache;
  return *cache;
}

Result<std::shared_ptr<const PreparedModel>> ActiveModelFor(Transaction& tx,
                                                            const ModelRegistry& registry,
                                                            const std::string& product) {
  if (dynamic_cast<const StoreModelRegistry*>(&registry) != nullptr) {
    CREDO_ASSIGN_OR_RETURN(ActiveModel active, StoreModelRegistry::ActiveModelIn(tx, product));
    const std::string key = active.model_id + "|" + active.digest;
    if (auto cached = Cache().Find(key)) return cached;
    CREDO_ASSIGN_OR_RETURN(ModelArtifact artifact,
                           StoreModelRegistry::GetIn(tx, active.model_id));
    CREDO_ASSIGN_OR_RETURN(std::shared_ptr<const PreparedModel> prepared,
                           Prepare(std::move(artifact)));
    Cache().Put(key, prepared);
    return prepared;
  }
  CREDO_ASSIGN_OR_RETURN(std::string model_id, registry.ActiveModelId(product));
  CREDO_ASSIGN_OR_RETURN(ModelArtifact artifact, registry.Get(model_id));
  return Prepare(std::move(artifact));
}

const MasterScale* DefaultScale(Error* error) {
  static const Result<MasterScale>* scale =
      new Result<MasterScale>(LoadMasterScale(DefaultMasterScalePath()));
  if (!scale->ok()) {
    *error = scale->error();
    return nullptr;
  }
  return &scale->value();
}

ScoreReason MakeReason(const std::string& code, double impact) {
  return {code, ReasonText(code, ReasonLanguage::kEnglish),
          ReasonText(code, ReasonLanguage::kChinese), impact};
}

std::string CategoryText(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof(buffer), "%.15g", value);
  return buffer;
}

Status CheckInputs(const PreparedModel& model, const features::AttributeSet& attributes) {
  const std::vector<int>& positions = model.positions[KindIndex(attributes.kind)];
  std::vector<std::string> missing;
  for (size_t i = 0; i < positions.size(); ++i) {
    if (positions[i] < 0) missing.push_back(model.inputs[i]);
  }
  if (missing.empty()) return Ok();
  std::string names;
  for (size_t i = 0; i < missing.size() && i < 6; ++i) names += (i ? ", " : "") + missing[i];
  if (missing.size() > 6) names += " and " + std::to_string(missing.size() - 6) + " more";
  return MakeError(
      ErrorCode::kFailedPrecondition,
      "model '" + model.artifact.model_id + "' needs inputs the credit file of " +
          (attributes.kind == SubjectKind::kPerson ? "a person" : "a company") +
          " cannot provide: " + names +
          "; train it on bureau attributes (`credo attributes list` names them)",
      "model " + model.artifact.model_id);
}

Status ScoreScorecard(const PreparedModel& model, const features::AttributeSet& attributes,
                      SubjectScore& out) {
  const Scorecard& card = *model.artifact.scorecard;
  const std::vector<int>& positions = model.positions[KindIndex(attributes.kind)];
  const size_t count = card.characteristics.size();
  size_t stack_bins[64];
  std::vector<size_t> heap_bins;
  size_t* bins = stack_bins;
  if (count > 64) {
    heap_bins.resize(count);
    bins = heap_bins.data();
  }
  for (size_t i = 0; i < count; ++i) {
    const VariableBinning& binning = card.characteristics[i].binning;
    const features::AttributeValue& value = attributes.values[static_cast<size_t>(positions[i])];
    if (!value) {
      bins[i] = binning.MissingBin();
    } else if (binning.kind == ColumnKind::kCategorical) {
      bins[i] = binning.BinOf(std::string_view(CategoryText(*value)));
    } else {
      bins[i] = binning.BinOf(*value);
    }
  }
  const ScoredRow row = card.ScoreBins(bins);
  out.probability_of_default = row.pd;
  out.score = static_cast<int>(std::lround(row.score));
  auto impact = [&](int16_t index) {
    const Characteristic& c = card.characteristics[static_cast<size_t>(index)];
    return c.max_points - c.points[bins[static_cast<size_t>(index)]];
  };
  for (int16_t reason : row.reasons) {
    if (reason < 0) break;
    out.reasons.push_back(MakeReason(card.ReasonCode(reason), impact(reason)));
  }
  if (row.inquiry_reason >= 0) {
    out.inquiry_reason = MakeReason(card.ReasonCode(row.inquiry_reason), impact(row.inquiry_reason));
  }
  return Ok();
}

Status ScoreGbdt(const PreparedModel& model, const features::AttributeSet& attributes,
                 SubjectScore& out) {
  const GbdtModel& gbdt = *model.artifact.gbdt;
  const std::vector<int>& positions = model.positions[KindIndex(attributes.kind)];
  Dataset row;
  row.source = "subject " + std::to_string(attributes.subject_id);
  row.rows = 1;
  row.lines = {0};
  for (size_t i = 0; i < model.inputs.size(); ++i) {
    Column column;
    column.name = model.inputs[i];
    column.kind = model.input_kinds[i];
    const features::AttributeValue& value = attributes.values[static_cast<size_t>(positions[i])];
    if (column.kind == ColumnKind::kCategorical) {
      column.texts.push_back(value ? CategoryText(*value) : std::string());
    } else {
      column.numbers.push_back(value ? *value : std::nan(""));
    }
    row.columns.push_back(std::move(column));
  }
  CREDO_ASSIGN_OR_RETURN(std::vector<float> matrix, gbdt.Encode(row));
  std::vector<float> pd;
  std::vector<float> contributions;
  {
    std::lock_guard<std::mutex> lock(model.gbdt_mutex);
    CREDO_ASSIGN_OR_RETURN(pd, gbdt.PredictEncoded(matrix, 1));
    CREDO_ASSIGN_OR_RETURN(contributions, gbdt.Contributions(matrix, 1));
  }
  out.probability_of_default = pd.at(0);
  out.score = static_cast<int>(
      std::lround(model.artifact.scaling.Reported(model.artifact.scaling.ScoreOfPd(pd[0]))));
  const size_t width = model.inputs.size();
  std::vector<size_t> order(width);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return contributions[a] > contributions[b]; });
  for (size_t i = 0; i < width && out.reasons.size() < 4; ++i) {
    if (contributions[order[i]] <= 0) break;
    out.reasons.push_back(MakeReason(model.inputs[order[i]], contributions[order[i]]));
  }
  // The inquiries reason as the batch scorer and scorecards give it: the inquiry feature that
  // lowered the score most, unless it is among the reasons already (order[0..reasons.size())).
  for (size_t i = 0; i < width; ++i) {
    const size_t f = order[i];
    if (contributions[f] <= 0) break;
    if (!IsInquiryCharacteristic(model.inputs[f])) continue;
    if (i >= out.reasons.size()) out.inquiry_reason = MakeReason(model.inputs[f], contributions[f]);
    break;
  }
  return Ok();
}

Result<SubjectScore> ScorePrepared(const PreparedModel& model, const ProductInfo& product,
                                   const features::AttributeSet& attributes) {
  if (product.subject_kind && *product.subject_kind != attributes.kind) {
    return MakeError(ErrorCode::kFailedPrecondition,
                     "subject " + std::to_string(attributes.subject_id) + " is " +
                         (attributes.kind == SubjectKind::kPerson ? "a person" : "a company") +
                         "; product '" + product.name + "' scores " +
                         (*product.subject_kind == SubjectKind::kPerson ? "persons" : "companies"),
                     "subject " + std::to_string(attributes.subject_id));
  }
  if (attributes.values.size() != features::AttributeDefinitionsFor(attributes.kind).size()) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "the attribute set does not hold the bureau's attributes of its kind",
                     "subject " + std::to_string(attributes.subject_id));
  }
  CREDO_TRY(CheckInputs(model, attributes));
  SubjectScore out;
  out.subject_id = attributes.subject_id;
  out.product = product.name;
  out.model_id = model.artifact.model_id;
  out.as_of = attributes.as_of;
  out.score_min = model.score_min;
  out.score_max = model.score_max;
  if (model.artifact.scorecard) {
    CREDO_TRY(ScoreScorecard(model, attributes, out));
  } else {
    CREDO_TRY(ScoreGbdt(model, attributes, out));
  }
  out.score = std::clamp(out.score, out.score_min, out.score_max);
  if (product.graded) {
    Error error;
    const MasterScale* scale = DefaultScale(&error);
    if (scale == nullptr) return error;
    out.grade = scale->GradeOf(out.probability_of_default);
  }
  return out;
}

}  // namespace

std::vector<std::string> MissingInputs(const ModelArtifact& artifact, SubjectKind kind) {
  std::vector<std::string> inputs;
  if (artifact.scorecard) {
    for (const Characteristic& c : artifact.scorecard->characteristics) {
      inputs.push_back(c.binning.variable);
    }
  } else if (artifact.gbdt) {
    for (const GbdtFeature& feature : artifact.gbdt->features()) inputs.push_back(feature.name);
  }
  const std::vector<int> positions = PositionsFor(inputs, kind);
  std::vector<std::string> missing;
  for (size_t i = 0; i < inputs.size(); ++i) {
    if (positions[i] < 0) missing.push_back(inputs[i]);
  }
  return missing;
}

Result<SubjectScore> ScoreAttributes(const ModelArtifact& artifact, std::string_view product,
                                     const features::AttributeSet& attributes) {
  CREDO_ASSIGN_OR_RETURN(ProductInfo info, DescribeProduct(product));
  CREDO_ASSIGN_OR_RETURN(std::shared_ptr<const PreparedModel> model, Prepare(artifact));
  return ScorePrepared(*model, info, attributes);
}

Result<SubjectScore> ScoreSubject(Transaction& tx, const ModelRegistry& registry,
                                  std::string_view product, SubjectId subject, Date as_of,
                                  const features::CreditFileFilter* filter) {
  CREDO_ASSIGN_OR_RETURN(ProductInfo info, DescribeProduct(product));
  CREDO_ASSIGN_OR_RETURN(std::shared_ptr<const PreparedModel> model,
                         ActiveModelFor(tx, registry, info.name));
  CREDO_ASSIGN_OR_RETURN(features::AttributeSet attributes,
                         features::ComputeAttributesForSubject(tx, subject, as_of, filter,
                                                               model->parts));
  return ScorePrepared(*model, info, attributes);
}

void ClearScoringCache() { Cache().Clear(); }

Result<std::shared_ptr<const ScoringModel>> LoadActiveScoringModel(Transaction& tx,
                                                                   const ModelRegistry& registry,
                                                                   std::string_view product) {
  CREDO_ASSIGN_OR_RETURN(ProductInfo info, DescribeProduct(product));
  return ActiveModelFor(tx, registry, info.name);
}

Result<std::shared_ptr<const ScoringModel>> PrepareScoringModel(const ModelArtifact& artifact) {
  return Prepare(artifact);
}

const ModelArtifact& ArtifactOf(const ScoringModel& model) { return model.artifact; }

features::CreditFileParts PartsRead(const ScoringModel& model) { return model.parts; }

Result<SubjectScore> ScoreWith(const ScoringModel& model, std::string_view product,
                               const features::AttributeSet& attributes) {
  CREDO_ASSIGN_OR_RETURN(ProductInfo info, DescribeProduct(product));
  return ScorePrepared(model, info, attributes);
}

}  // namespace credo::model
