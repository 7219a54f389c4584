#include "model/bureau_validation.h"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <set>

#include "features/compute.h"
#include "model/artifact.h"
#include "model/metrics.h"
#include "model/products.h"
#include "model/store_registry.h"
#include "model/subject_scoring.h"

namespace credo::model {
namespace {

using nlohmann::json;

// Metro 2 payment codes of a default: 90+ days past due, collection, foreclosure, voluntary
// surrender, repossession, charge-off.
constexpr const char* kBadCodes = "('3','4','5','6','G','H','J','K','L')";
// A subject bad in these months up to the as-of date is already in default: left out.
constexpr int kAlreadyBadMonths = 3;

int64_t IntOf(const SqlValue& value) {
  if (value.kind == SqlValue::Kind::kInt) return value.int_value;
  if (value.kind == SqlValue::Kind::kReal) return static_cast<int64_t>(value.real_value);
  return std::strtoll(value.bytes.c_str(), nullptr, 10);
}

double RealOf(const SqlValue& value) {
  if (value.kind == SqlValue::Kind::kReal) return value.real_value;
  if (value.kind == SqlValue::Kind::kInt) return static_cast<double>(value.int_value);
  return std::strtod(value.bytes.c_str(), nullptr);
}

Date FirstOfMonth(Date day) { return day.AddDays(1 - day.day()); }

struct ScoreRow {
  SubjectId subject = 0;
  Date as_of;
  double score = 0;
  double pd = 0;
};

// The model's stored scores, newest as-of first.
Result<std::vector<ScoreRow>> ScoreRows(Transaction& tx, const std::string& model_id) {
  const SqlValue params[] = {SqlValue::Text(model_id)};
  CREDO_ASSIGN_OR_RETURN(auto rows, tx.Query("SELECT subject_id, as_of, score, pd FROM model_scores "
                                             "WHERE model_id = ? ORDER BY as_of DESC, id DESC",
                                             params));
  std::vector<ScoreRow> out;
  out.reserve(rows.size());
  for (const auto& row : rows) {
    out.push_back({IntOf(row[0]), Date::FromDays(static_cast<int32_t>(IntOf(row[1]))),
                   RealOf(row[2]), RealOf(row[3])});
  }
  return out;
}

struct Outcomes {
  std::map<SubjectId, std::vector<Date>> bad_months;  // sorted
  std::optional<Date> latest_month;                  // the newest month the bureau holds
};

Result<Outcomes> LoadOutcomes(Transaction& tx) {
  Outcomes outcomes;
  CREDO_ASSIGN_OR_RETURN(auto latest, tx.Query("SELECT MAX(month) FROM tradeline_months"));
  if (!latest.empty() && latest[0][0].kind != SqlValue::Kind::kNull) {
    outcomes.latest_month = Date::FromDays(static_cast<int32_t>(IntOf(latest[0][0])));
  }
  CREDO_ASSIGN_OR_RETURN(auto rows,
                         tx.Query(std::string("SELECT subject_id, month FROM tradeline_months "
                                              "WHERE payment_status IN ") +
                                  kBadCodes));
  for (const auto& row : rows) {
    auto surviving = tx.ResolveSubjectId(IntOf(row[0]));
    SubjectId subject = surviving.ok() ? *surviving : IntOf(row[0]);
    outcomes.bad_months[subject].push_back(Date::FromDays(static_cast<int32_t>(IntOf(row[1]))));
  }
  for (auto& [subject, months] : outcomes.bad_months) std::sort(months.begin(), months.end());
  return outcomes;
}

bool AnyIn(const std::vector<Date>& months, Date after, Date until) {
  auto it = std::upper_bound(months.begin(), months.end(), after);
  return it != months.end() && *it <= until;
}

struct Sample {
  std::vector<ScoreRow> rows;
  std::vector<uint8_t> y;
  int64_t scored = 0;           // score rows considered
  int64_t not_matured = 0;      // window not yet covered by the bureau's data
  int64_t already_bad = 0;      // in default at the as-of date
  std::optional<Date> latest_month;
};

Sample MaturedSample(const std::vector<ScoreRow>& rows, const Outcomes& outcomes,
                     const BureauValidationOptions& options) {
  Sample sample;
  sample.latest_month = outcomes.latest_month;
  for (const ScoreRow& row : rows) {
    if (sample.rows.size() >= options.max_rows) break;
    ++sample.scored;
    const Date window_end = row.as_of.AddMonths(options.horizon_months);
    if (!outcomes.latest_month || *outcomes.latest_month < FirstOfMonth(window_end)) {
      ++sample.not_matured;
      continue;
    }
    auto found = outcomes.bad_months.find(row.subject);
    const std::vector<Date> none;
    const std::vector<Date>& months = found == outcomes.bad_months.end() ? none : found->second;
    if (AnyIn(months, FirstOfMonth(row.as_of).AddMonths(-kAlreadyBadMonths), row.as_of)) {
      ++sample.already_bad;
      continue;
    }
    sample.rows.push_back(row);
    sample.y.push_back(AnyIn(months, row.as_of, window_end) ? 1 : 0);
  }
  return sample;
}

double DevelopmentBadRate(const ModelArtifact& artifact) {
  return artifact.training.rows > 0
             ? static_cast<double>(artifact.training.bads) / static_cast<double>(artifact.training.rows)
             : 0.5;
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

// Outcome metrics of PDs against outcomes; null metrics with a reason when they cannot be told.
json OutcomeMetrics(const std::vector<double>& score, const std::vector<double>& pd,
                    const std::vector<uint8_t>& y, double cutoff,
                    const BureauValidationOptions& options) {
  const int64_t bads = std::count(y.begin(), y.end(), uint8_t{1});
  json out = {{"rows", y.size()}, {"bads", bads}};
  if (y.empty() || bads == 0 || bads == static_cast<int64_t>(y.size())) {
    out["available"] = false;
    out["reason"] = y.empty() ? "no matured score: no outcome window is covered by the bureau's "
                                "data yet"
                              : "the matured scores have only one outcome (" +
                                    std::to_string(bads) + " bad of " + std::to_string(y.size()) +
                                    "): discrimination cannot be measured";
    for (const char* key : {"auc", "gini", "ks", "brier", "confusion"}) out[key] = nullptr;
    out["roc"] = json::array();
    out["ks_curve"] = nullptr;
    out["calibration"] = json::array();
    return out;
  }
  const double auc = Auc(pd, y);
  out["available"] = true;
  out["auc"] = auc;
  out["gini"] = 2 * auc - 1;
  out["ks"] = Ks(pd, y);
  out["brier"] = Brier(pd, y);
  out["confusion"] = ConfusionJson(ConfusionAt(pd, y, cutoff));
  json roc = json::array();
  for (const CurvePoint& point : RocCurve(pd, y, options.roc_points)) {
    roc.push_back({{"fpr", point.x}, {"tpr", point.y}});
  }
  out["roc"] = roc;
  KsCurve ks_curve = KsCurveOf(pd, y, options.roc_points);
  out["ks_curve"] = {{"share", ks_curve.share}, {"bad", ks_curve.bad}, {"good", ks_curve.good}};
  json calibration = json::array();
  int bin = 0;
  for (const CalibrationBand& band : CalibrationTable(score, pd, y, options.bands)) {
    calibration.push_back({{"bin", ++bin},
                           {"score_low", band.score_low},
                           {"score_high", band.score_high},
                           {"predicted", band.mean_pd},
                           {"observed", band.observed_bad_rate},
                           {"count", band.count},
                           {"bads", band.bads}});
  }
  out["calibration"] = calibration;
  return out;
}

json PsiHistory(const ModelArtifact& artifact, const std::vector<ScoreRow>& rows) {
  json history = json::array();
  if (artifact.score_shares.empty()) return history;
  std::map<Date, std::vector<double>> by_date;
  for (const ScoreRow& row : rows) by_date[row.as_of].push_back(row.score);
  for (const auto& [date, scores] : by_date) {
    std::vector<double> actual = BandShares(scores, artifact.score_cuts);
    double psi = Psi(artifact.score_shares, actual);
    history.push_back({{"date", date.ToIso()},
                       {"psi", psi},
                       {"band", PsiBand(psi)},
                       {"count", scores.size()}});
  }
  return history;
}

json SampleJson(const Sample& sample, const BureauValidationOptions& options) {
  return {{"score_rows", sample.scored},
          {"matured", sample.rows.size()},
          {"not_matured", sample.not_matured},
          {"already_in_default", sample.already_bad},
          {"horizon_months", options.horizon_months},
          {"data_through",
           sample.latest_month ? json(sample.latest_month->ToIso()) : json(nullptr)},
          {"bad_definition",
           "90+ days past due, collection, foreclosure, surrender, repossession or charge-off "
           "(Metro 2 codes 3-6, G, H, J, K, L) in a month after the as-of date, within the "
           "horizon"}};
}

json DevelopmentMetrics(const ModelArtifact& artifact) {
  if (artifact.metrics.contains("test")) return artifact.metrics["test"];
  if (artifact.metrics.contains("development")) return artifact.metrics["development"];
  return nullptr;
}

}  // namespace

Result<std::vector<RegisteredModel>> ListRegisteredModels(Transaction& tx) {
  CREDO_ASSIGN_OR_RETURN(std::vector<std::string> ids, StoreModelRegistry::ModelIdsIn(tx));
  CREDO_ASSIGN_OR_RETURN(std::vector<RegistryEvent> events, StoreModelRegistry::EventsIn(tx));
  std::map<std::string, std::string> registered_at;
  std::map<std::string, std::string> product_of;
  std::map<std::string, std::string> activated_at;
  std::set<std::string> products;
  for (const RegistryEvent& event : events) {
    if (event.action == "register") {
      if (!registered_at.count(event.model_id)) registered_at[event.model_id] = event.at;
    } else if (!event.product.empty() && !event.model_id.empty()) {
      product_of[event.model_id] = event.product;
      activated_at[event.model_id] = event.at;
      products.insert(event.product);
    }
  }
  std::map<std::string, std::string> active;
  for (const std::string& product : products) {
    auto found = StoreModelRegistry::ActiveModelIn(tx, product);
    if (found.ok()) {
      active[product] = found->model_id;
    } else if (found.error().code != ErrorCode::kNotFound) {
      return found.error();
    }
  }
  std::vector<RegisteredModel> models;
  for (const std::string& id : ids) {
    CREDO_ASSIGN_OR_RETURN(ModelArtifact artifact, StoreModelRegistry::GetIn(tx, id));
    RegisteredModel model;
    model.model_id = id;
    model.version = artifact.version;
    model.kind = std::string(ModelKindName(artifact.kind));
    model.registered_at = registered_at.count(id) ? registered_at[id] : artifact.created_at;
    model.development = DevelopmentMetrics(artifact);
    if (product_of.count(id)) {
      model.product = product_of[id];
      model.activated_at = activated_at[id];
      model.status = active[model.product] == id ? "active" : "retired";
    } else {
      bool person = CheckModelFitsProduct(artifact, kPersonScoreProduct).ok();
      bool company = CheckModelFitsProduct(artifact, kCompanyRatingProduct).ok();
      if (person != company) {
        model.product = std::string(person ? kPersonScoreProduct : kCompanyRatingProduct);
        model.status = "challenger";
      } else {
        model.status = "registered";
      }
    }
    models.push_back(std::move(model));
  }
  return models;
}

Result<json> ValidateOnBureau(Transaction& tx, const std::string& model_id,
                              const BureauValidationOptions& options) {
  CREDO_ASSIGN_OR_RETURN(ModelArtifact artifact, StoreModelRegistry::GetIn(tx, model_id));
  CREDO_ASSIGN_OR_RETURN(std::vector<ScoreRow> rows, ScoreRows(tx, model_id));
  CREDO_ASSIGN_OR_RETURN(Outcomes outcomes, LoadOutcomes(tx));
  Sample sample = MaturedSample(rows, outcomes, options);
  std::vector<double> pd;
  std::vector<double> score;
  for (const ScoreRow& row : sample.rows) {
    pd.push_back(row.pd);
    score.push_back(row.score);
  }
  const double cutoff = options.cutoff.value_or(DevelopmentBadRate(artifact));
  json report = OutcomeMetrics(score, pd, sample.y, cutoff, options);
  report["model_id"] = model_id;
  report["model_kind"] = std::string(ModelKindName(artifact.kind));
  report["sample"] = SampleJson(sample, options);
  report["psi_history"] = PsiHistory(artifact, rows);
  report["development"] = DevelopmentMetrics(artifact);
  report["stability_bands"] = "PSI < 0.1 stable, 0.1-0.25 monitor, > 0.25 act";
  return report;
}

Result<json> CompareOnBureau(Transaction& tx, const std::string& product,
                             const std::string& challenger_id,
                             const BureauValidationOptions& options) {
  CREDO_ASSIGN_OR_RETURN(ProductInfo info, DescribeProduct(product));
  auto active = StoreModelRegistry::ActiveModelIn(tx, product);
  if (!active.ok()) {
    if (active.error().code != ErrorCode::kNotFound) return active.error();
    return MakeError(ErrorCode::kNotFound, "product " + product + " has no active model (champion)");
  }
  const std::string champion_id = active->model_id;
  std::string challenger = challenger_id;
  if (challenger.empty()) {
    CREDO_ASSIGN_OR_RETURN(auto models, ListRegisteredModels(tx));
    std::string newest;  // registration times are ISO 8601 UTC: they sort as text
    for (const RegisteredModel& model : models) {
      if (model.product == product && model.status == "challenger" &&
          (challenger.empty() || model.registered_at >= newest)) {
        challenger = model.model_id;
        newest = model.registered_at;
      }
    }
    if (challenger.empty()) {
      return MakeError(ErrorCode::kNotFound,
                       "product " + product + " has no challenger: register a model for it");
    }
  }
  if (challenger == champion_id) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "model " + challenger + " is the champion of " + product +
                         "; name another model as challenger");
  }
  CREDO_ASSIGN_OR_RETURN(ModelArtifact champion, StoreModelRegistry::GetIn(tx, champion_id));
  CREDO_ASSIGN_OR_RETURN(ModelArtifact contender, StoreModelRegistry::GetIn(tx, challenger));
  CREDO_TRY(CheckModelFitsProduct(contender, product));
  CREDO_ASSIGN_OR_RETURN(std::vector<ScoreRow> rows, ScoreRows(tx, champion_id));
  CREDO_ASSIGN_OR_RETURN(Outcomes outcomes, LoadOutcomes(tx));
  Sample sample = MaturedSample(rows, outcomes, options);
  std::vector<double> champion_pd, champion_score, challenger_pd, challenger_score;
  std::vector<uint8_t> y;
  int64_t unscorable = 0;
  // The challenger is scored from the parts of each file its inputs read.
  features::CreditFileParts parts;
  for (const Attribute& input : contender.attributes) parts |= features::PartsRead(input.name);
  for (size_t i = 0; i < sample.rows.size(); ++i) {
    const ScoreRow& row = sample.rows[i];
    auto attributes = features::ComputeAttributesForSubject(tx, row.subject, row.as_of,
                                                            options.filter, parts);
    if (!attributes.ok()) {
      ++unscorable;
      continue;
    }
    if (info.subject_kind && attributes->kind != *info.subject_kind) {
      ++unscorable;
      continue;
    }
    auto scored = ScoreAttributes(contender, product, *attributes);
    if (!scored.ok()) {
      ++unscorable;
      continue;
    }
    champion_pd.push_back(row.pd);
    champion_score.push_back(row.score);
    challenger_pd.push_back(scored->probability_of_default);
    challenger_score.push_back(scored->score);
    y.push_back(sample.y[i]);
  }
  json first = OutcomeMetrics(champion_score, champion_pd, y,
                              options.cutoff.value_or(DevelopmentBadRate(champion)), options);
  first["model_id"] = champion_id;
  first["development"] = DevelopmentMetrics(champion);
  json second = OutcomeMetrics(challenger_score, challenger_pd, y,
                               options.cutoff.value_or(DevelopmentBadRate(contender)), options);
  second["model_id"] = challenger;
  second["development"] = DevelopmentMetrics(contender);
  json comparison = nullptr;
  if (first.value("available", false) && second.value("available", false)) {
    comparison = {{"auc_difference", second["auc"].get<double>() - first["auc"].get<double>()},
                  {"ks_difference", second["ks"].get<double>() - first["ks"].get<double>()},
                  {"gini_difference", second["gini"].get<double>() - first["gini"].get<double>()},
                  {"better", second["auc"].get<double>() > first["auc"].get<double>()
                                 ? "challenger"
                                 : "champion"}};
  }
  json sample_json = SampleJson(sample, options);
  sample_json["compared"] = y.size();
  sample_json["unscorable_by_challenger"] = unscorable;
  return json{{"product", product},
              {"champion", first},
              {"challenger", second},
              {"comparison", comparison},
              {"sample", sample_json}};
}

}  // namespace credo::model
