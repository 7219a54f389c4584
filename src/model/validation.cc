#include "model/validation.h"

#include <cmath>

#include "model/metrics.h"
#include "model/trainer.h"

namespace credo::model {
namespace {

using nlohmann::json;

json CsiJson(const std::string& name, const std::vector<double>& expected,
             const std::vector<double>& actual) {
  double csi = Psi(expected, actual);
  return {{"variable", name}, {"csi", csi}, {"band", PsiBand(csi)}, {"expected", expected},
          {"actual", actual}};
}

Result<json> CharacteristicStability(const ModelArtifact& artifact, const Dataset& data) {
  json out = json::array();
  if (data.rows == 0) return out;
  const double rows = static_cast<double>(data.rows);
  if (artifact.scorecard) {
    for (const Characteristic& c : artifact.scorecard->characteristics) {
      const Column* column = data.Find(c.binning.variable);
      if (!column) continue;
      int64_t total = 0;
      for (const Bin& bin : c.binning.bins) total += bin.count;
      std::vector<double> expected, actual(c.binning.bins.size(), 0);
      for (const Bin& bin : c.binning.bins) {
        expected.push_back(total > 0 ? static_cast<double>(bin.count) / static_cast<double>(total)
                                     : 0);
      }
      for (size_t row = 0; row < data.rows; ++row) actual[c.binning.BinOf(*column, row)] += 1;
      for (double& share : actual) share /= rows;
      out.push_back(CsiJson(c.binning.variable, expected, actual));
    }
    return out;
  }
  for (const FeatureDistribution& d : artifact.feature_distributions) {
    const Column* column = data.Find(d.name);
    if (!column) continue;
    std::vector<double> actual(d.shares.size(), 0);
    for (size_t row = 0; row < data.rows; ++row) {
      size_t band = actual.size() - 1;  // missing (or unseen category)
      if (column->kind == ColumnKind::kNumeric) {
        double value = column->numbers[row];
        if (!std::isnan(value)) {
          band = static_cast<size_t>(std::upper_bound(d.cuts.begin(), d.cuts.end(), value) -
                                     d.cuts.begin());
        }
      } else {
        auto it = std::find(d.categories.begin(), d.categories.end(), column->texts[row]);
        if (it != d.categories.end()) band = static_cast<size_t>(it - d.categories.begin());
      }
      if (band < actual.size()) actual[band] += 1;
    }
    for (double& share : actual) share /= rows;
    out.push_back(CsiJson(d.name, d.shares, actual));
  }
  return out;
}

json ConfusionJson(const Confusion& c) {
  return {{"cutoff", c.cutoff},
          {"true_positive", c.true_positive},
          {"false_positive", c.false_positive},
          {"true_negative", c.true_negative},
          {"false_negative", c.false_negative},
          {"precision", c.precision},
          {"recall", c.recall},
          {"f1", c.f1},
          {"accuracy", c.accuracy}};
}

}  // namespace

DatasetOptions ValidationDataOptions(const ModelArtifact& artifact, const std::string& target) {
  DatasetOptions options = ScoringOptions(artifact);
  options.schema.erase(target);
  options.target = target;
  options.bad_value = artifact.training.bad_value;
  return options;
}

Result<json> ValidateModel(const ModelArtifact& artifact, const Dataset& data,
                           const ValidationOptions& options) {
  if (data.target.size() != data.rows || data.rows == 0) {
    return MakeError(ErrorCode::kInvalidArgument, "validation needs labelled rows", data.source);
  }
  CREDO_ASSIGN_OR_RETURN(ScoredBatch scored, ScoreModel(artifact, data, false));
  std::vector<double> pd, score;
  for (const ScoredRow& row : scored.rows) {
    pd.push_back(row.pd);
    score.push_back(row.score);
  }
  const double auc = Auc(pd, data.target);
  double cutoff = options.cutoff.value_or(
      artifact.training.rows > 0
          ? static_cast<double>(artifact.training.bads) / static_cast<double>(artifact.training.rows)
          : 0.5);
  json calibration = json::array();
  for (const CalibrationBand& band : CalibrationTable(score, pd, data.target, options.bands)) {
    calibration.push_back({{"score_low", band.score_low},
                           {"score_high", band.score_high},
                           {"count", band.count},
                           {"bads", band.bads},
                           {"mean_pd", band.mean_pd},
                           {"observed_bad_rate", band.observed_bad_rate}});
  }
  json roc = json::array();
  for (const CurvePoint& point : RocCurve(pd, data.target)) roc.push_back({point.x, point.y});
  KsCurve ks_curve = KsCurveOf(pd, data.target);
  json psi = nullptr;
  if (!artifact.score_shares.empty()) {
    // The development distribution is that of the published (whole-point) score.
    std::vector<double> published;
    published.reserve(score.size());
    for (double value : score) published.push_back(static_cast<double>(std::lround(value)));
    std::vector<double> actual = BandShares(published, artifact.score_cuts);
    double value = Psi(artifact.score_shares, actual);
    psi = {{"psi", value},
           {"band", PsiBand(value)},
           {"cuts", artifact.score_cuts},
           {"expected", artifact.score_shares},
           {"actual", actual}};
  }
  CREDO_ASSIGN_OR_RETURN(json csi, CharacteristicStability(artifact, data));
  return json{{"model_id", artifact.model_id},
              {"model_kind", ModelKindName(artifact.kind)},
              {"data", data.source},
              {"rows", data.rows},
              {"bads", data.Bads()},
              {"auc", auc},
              {"gini", 2 * auc - 1},
              {"ks", Ks(pd, data.target)},
              {"brier", Brier(pd, data.target)},
              {"confusion", ConfusionJson(ConfusionAt(pd, data.target, cutoff))},
              {"calibration", calibration},
              {"roc", roc},
              {"ks_curve",
               {{"share", ks_curve.share}, {"bad", ks_curve.bad}, {"good", ks_curve.good}}},
              {"psi", psi},
              {"csi", csi},
              {"stability_bands", "PSI/CSI < 0.1 stable, 0.1-0.25 monitor, > 0.25 act"}};
}

Result<json> CompareModels(const ModelArtifact& champion, const ModelArtifact& challenger,
                           const Dataset& data, const ValidationOptions& options) {
  CREDO_ASSIGN_OR_RETURN(json first, ValidateModel(champion, data, options));
  CREDO_ASSIGN_OR_RETURN(json second, ValidateModel(challenger, data, options));
  auto summary = [](const json& report) {
    return json{{"model_id", report["model_id"]}, {"auc", report["auc"]},
                {"gini", report["gini"]},         {"ks", report["ks"]},
                {"brier", report["brier"]},       {"f1", report["confusion"]["f1"]}};
  };
  double delta = second["auc"].get<double>() - first["auc"].get<double>();
  return json{{"data", data.source},
              {"rows", data.rows},
              {"champion", summary(first)},
              {"challenger", summary(second)},
              {"auc_difference", delta},
              {"ks_difference", second["ks"].get<double>() - first["ks"].get<double>()},
              {"better_auc", delta > 0 ? "challenger" : "champion"}};
}

}  // namespace credo::model
