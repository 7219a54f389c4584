// Decision support for relationship managers over the decision module: GET
// /v1/decision/segments?kind= (tier grid and k-means segments described in words), GET
// /v1/decision/subjects/{id} (tier, value, CLV, attrition with reasons, next best actions,
// limit recommendation with its formula), GET /v1/decision/attrition?top= (customers most likely
// to close) and POST /v1/decision/scf (supply-chain finance limits for a core enterprise's
// suppliers). Money is in the bureau's currency (the profile's). The attrition model is trained
// on the bureau's own history (closures in the six months before as_of, features as of the
// start) and kept per process until the data changes.
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <set>

#include <nlohmann/json.hpp>

#include "api/routes/common.h"
#include "api/routes/routes.h"
#include "decision/decision.h"
#include "decision/overview_snapshot.h"
#include "model/score_history.h"
#include "model/subject_scoring.h"
#ifdef CREDO_DECISION_HAS_GRAPH
#include "decision/group_exposure.h"
#endif

namespace credo::api {
namespace {

using nlohmann::json;

// A decision rule file of the bureau: from the server's decision_config_dir when it has one (the
// built-in file's name in that folder), else the built-in file; read on each request, so an edit
// takes effect at once. A file that cannot be used is the bureau's configuration, not the
// caller's request: 409 (failed precondition) naming the file (by name, not the server's folders),
// the line and the rule it breaks, which the console shows as it is.
template <typename Load>
auto LoadRules(RequestContext& context, const std::string& built_in, Load load)
    -> decltype(load(built_in)) {
  const std::string& folder = context.services().decision_config_dir;
  const std::string path =
      folder.empty()
          ? built_in
          : (std::filesystem::path(folder) / std::filesystem::path(built_in).filename()).string();
  auto loaded = load(path);
  if (loaded.ok()) return loaded;
  Error error = std::move(loaded).error();
  const std::string name = std::filesystem::path(path).filename().string();
  if (error.location.rfind(path, 0) == 0) {
    error.location = name + error.location.substr(path.size());
  } else if (error.location.empty()) {
    error.location = name;
  }
  error.code = ErrorCode::kFailedPrecondition;
  error.message = "the bureau's decision rules cannot be used: " + error.message;
  return error;
}

// The configuration's value assumptions in the bureau's currency (the profile's): accounts in
// any other currency are counted apart, never summed (decision/customer_value.h).
decision::ValueAssumptions BureauValue(RequestContext& context,
                                       const decision::DecisionConfig& config) {
  decision::ValueAssumptions assumptions = config.value;
  assumptions.currency = context.profile().currency;
  return assumptions;
}

Status RefuseUnknown(const ApiRequest& request, const std::set<std::string>& known) {
  for (const auto& [name, unused] : request.query) {
    if (known.count(name) == 0) {
      std::string list;
      for (const auto& k : known) list += (list.empty() ? "" : ", ") + k;
      return MakeError(ErrorCode::kInvalidArgument,
                       "unknown query parameter; this route accepts " + list, name);
    }
  }
  return Ok();
}

Result<Date> AsOf(RequestContext& context) {
  auto text = context.request().Query("as_of");
  if (!text) return context.clock().Today();
  auto date = Date::ParseIso(*text);
  if (!date.ok()) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "not a date YYYY-MM-DD: '" + text->substr(0, 32) + "'", "as_of");
  }
  return *date;
}

Result<SubjectKind> KindParameter(const ApiRequest& request) {
  auto text = request.Query("kind");
  if (!text || *text == "person") return SubjectKind::kPerson;
  if (*text == "organization" || *text == "company") return SubjectKind::kOrganization;
  return MakeError(ErrorCode::kInvalidArgument,
                   "must be person or organization, got '" + text->substr(0, 32) + "'", "kind");
}

Result<int64_t> PositiveParameter(const ApiRequest& request, const std::string& name,
                                  int64_t fallback, int64_t max) {
  auto text = request.Query(name);
  if (!text) return fallback;
  char* end = nullptr;
  const long long value = std::strtoll(text->c_str(), &end, 10);
  if (text->empty() || *end != '\0' || value < 1 || value > max) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "must be a whole number from 1 to " + std::to_string(max) + ", got '" +
                         text->substr(0, 32) + "'",
                     name);
  }
  return static_cast<int64_t>(value);
}

std::string KindName(SubjectKind kind) {
  return kind == SubjectKind::kPerson ? "person" : "organization";
}

// The attrition model of a kind, trained on the bureau's history ending on as_of, kept while
// the bureau's data is unchanged.
struct AttritionModel {
  std::shared_ptr<const model::ModelArtifact> artifact;
  Date observation;
  Date outcome;
  int64_t sample_rows = 0;
  int64_t events = 0;
};

Result<AttritionModel> AttritionModelFor(RequestContext& context, Store& store, SubjectKind kind,
                                         Date as_of) {
  static std::mutex mutex;
  static std::map<std::string, AttritionModel> cache;
  CREDO_ASSIGN_OR_RETURN(std::string fingerprint, decision::DataFingerprint(store));
  const std::string key = store.DisplayLocation() + "|" + KindName(kind) + "|" + as_of.ToIso() +
                          "|" + fingerprint;
  {
    std::lock_guard<std::mutex> lock(mutex);
    auto found = cache.find(key);
    if (found != cache.end()) return found->second;
  }
  decision::AttritionSampleOptions sample{kind, as_of.AddMonths(-6), as_of};
  model::TrainOptions train;
  train.kind = model::ModelKind::kScorecard;
  train.created_at = context.clock().Today().ToIso() + "T00:00:00Z";
  CREDO_ASSIGN_OR_RETURN(decision::AttritionTraining trained,
                         decision::TrainAttrition(store, sample, train));
  AttritionModel built{std::make_shared<const model::ModelArtifact>(std::move(trained.artifact)),
                       sample.observation, sample.outcome,
                       static_cast<int64_t>(trained.sample.dataset.rows),
                       trained.sample.events};
  std::lock_guard<std::mutex> lock(mutex);
  if (cache.size() > 16) cache.clear();
  cache[key] = built;
  return built;
}

json ModelSummary(const AttritionModel& model) {
  json metrics = json::object();
  if (model.artifact->metrics.contains("test")) metrics = model.artifact->metrics["test"];
  return {{"model_id", model.artifact->model_id},
          {"event", "a customer with open accounts closes one (paid and closed, or transferred)"},
          {"observation", model.observation.ToIso()},
          {"outcome", model.outcome.ToIso()},
          {"sample_rows", model.sample_rows},
          {"events", model.events},
          {"validation", metrics}};
}

// The subject's latest recorded PD of its kind's product on or before as_of.
Result<std::optional<double>> LatestPd(Store& store, SubjectId subject, SubjectKind kind,
                                       Date as_of) {
  std::optional<double> pd;
  CREDO_TRY(store.WithReadTransaction([&](Transaction& tx) -> Status {
    const SqlValue component[] = {SqlValue::Text("model")};
    auto installed = tx.Query("SELECT version FROM schema_version WHERE component = ?", component);
    if (!installed.ok() || installed->empty() || installed->front()[0].int_value < 2) return Ok();
    CREDO_ASSIGN_OR_RETURN(std::vector<model::StoredScore> scores, model::ListScores(tx, subject));
    const std::string product =
        kind == SubjectKind::kPerson ? "person_score" : "company_rating";
    for (const auto& score : scores) {  // newest first
      if (score.product == product && score.as_of <= as_of) {
        pd = score.probability_of_default;
        break;
      }
    }
    return Ok();
  }));
  return pd;
}

// Open alert kinds of the subject, with the names the action rules use.
Result<std::vector<std::string>> OpenAlerts(Store& store, SubjectId subject) {
  std::vector<std::string> kinds;
  CREDO_TRY(store.WithReadTransaction([&](Transaction& tx) -> Status {
    const SqlValue component[] = {SqlValue::Text("monitor")};
    auto installed = tx.Query("SELECT version FROM schema_version WHERE component = ?", component);
    if (!installed.ok() || installed->empty()) return Ok();
    const SqlValue params[] = {SqlValue::Int(subject)};
    CREDO_ASSIGN_OR_RETURN(std::vector<SqlRow> rows,
                           tx.Query("SELECT DISTINCT trigger_kind FROM monitor_alerts WHERE "
                                    "subject_id = ? AND acknowledged_at IS NULL",
                                    params));
    static const std::map<std::string, std::string> kRuleNames = {
        {"delinquency", "new_delinquency"},
        {"charge_off", "missed_payment"},
        {"public_record", "enforcement"}};
    for (const SqlRow& row : rows) {
      kinds.push_back(row[0].bytes);
      auto mapped = kRuleNames.find(row[0].bytes);
      if (mapped != kRuleNames.end()) kinds.push_back(mapped->second);
    }
    return Ok();
  }));
  return kinds;
}

std::shared_ptr<const ObjectSchema> ReceivableSchema() {
  static const auto schema = std::make_shared<const ObjectSchema>(ObjectSchema{
      "ScfReceivable",
      {{"supplier_id", FieldType::kInteger, true, "the supplier's subject id", 0, nullptr},
       {"invoice_id", FieldType::kString, true, "the invoice", 64, nullptr},
       {"amount_minor", FieldType::kInteger, true, "minor units of the bureau's currency", 0, nullptr},
       {"due_date", FieldType::kString, true, "YYYY-MM-DD", 10, nullptr},
       {"confirmed", FieldType::kBoolean, true, "confirmed by the core enterprise", 0, nullptr},
       {"disputed", FieldType::kBoolean, false, "under dispute (default false)", 0, nullptr}}});
  return schema;
}

std::shared_ptr<const ObjectSchema> ScfSchema() {
  static const auto schema = std::make_shared<const ObjectSchema>(ObjectSchema{
      "ScfRequest",
      {{"core_enterprise_id", FieldType::kInteger, true, "the core enterprise's subject id", 0, nullptr},
       {"core_limit_remaining_minor", FieldType::kInteger, true,
        "the core's remaining credit limit, minor units", 0, nullptr},
       {"receivables", FieldType::kObjectArray, true,
        "the suppliers' receivables on the core", 10000, ReceivableSchema()},
       {"core_grade", FieldType::kString, false,
        "the core's grade on the master scale (default: its latest company rating)", 8, nullptr},
       {"as_of", FieldType::kString, false, "YYYY-MM-DD (default: today)", 10, nullptr}}});
  return schema;
}

// The latest recorded company_rating grade of a subject, if any.
Result<std::optional<std::string>> LatestGrade(Store& store, SubjectId subject) {
  std::optional<std::string> grade;
  CREDO_TRY(store.WithReadTransaction([&](Transaction& tx) -> Status {
    const SqlValue component[] = {SqlValue::Text("model")};
    auto installed = tx.Query("SELECT version FROM schema_version WHERE component = ?", component);
    if (!installed.ok() || installed->empty() || installed->front()[0].int_value < 2) return Ok();
    CREDO_ASSIGN_OR_RETURN(std::vector<model::StoredScore> scores, model::ListScores(tx, subject));
    for (const auto& score : scores) {
      if (score.product == "company_rating" && !score.grade.empty()) {
        grade = score.grade;
        break;
      }
    }
    return Ok();
  }));
  return grade;
}

Result<SubjectId> ExistingSubject(Store& store, SubjectId id, const std::string& field) {
  SubjectId surviving = 0;
  CREDO_TRY(store.WithReadTransaction([&](Transaction& tx) -> Status {
    auto resolved = tx.ResolveSubjectId(id);
    if (!resolved.ok()) {
      return MakeError(ErrorCode::kNotFound, "no subject " + std::to_string(id), field);
    }
    surviving = *resolved;
    return Ok();
  }));
  return surviving;
}

}  // namespace

void AddDecisionRoutes(RouteTable& table) {
  Route segments;
  segments.method = "GET";
  segments.path = "/v1/decision/segments";
  segments.permission = "decision.read";
  segments.summary = "Customer segments: the value x risk tier grid and k-means segments (k by "
                     "silhouette), each described by its centroid in words (English, Chinese)";
  segments.tag = "decision";
  segments.query_params = {{"kind", false, "person (default) or organization"},
                           {"as_of", false, "YYYY-MM-DD (default: today)"}};
  segments.response_summary =
      "{kind, as_of, customers, tiers: [{tier, count}], segments: [{id, size, share, tags: {en, "
      "zh}, centroid: {...}}], silhouette, k}";
  segments.error_statuses = {409, 422};
  segments.handler = [](RequestContext& context) -> Result<ApiResponse> {
    CREDO_TRY(RefuseUnknown(context.request(), {"kind", "as_of"}));
    CREDO_ASSIGN_OR_RETURN(SubjectKind kind, KindParameter(context.request()));
    CREDO_ASSIGN_OR_RETURN(Date as_of, AsOf(context));
    CREDO_ASSIGN_OR_RETURN(decision::TierGrid grid,
                           LoadRules(context, decision::DefaultTierGridPath(kind),
                                     decision::LoadTierGrid));
    CREDO_ASSIGN_OR_RETURN(decision::DecisionConfig config,
                           LoadRules(context, decision::DefaultDecisionConfigPath(),
                                     decision::LoadDecisionConfig));
    CREDO_ASSIGN_OR_RETURN(Store * store, context.store());
    decision::PortfolioOptions options;
    options.kind = kind;
    CREDO_ASSIGN_OR_RETURN(std::vector<decision::CustomerRecord> portfolio,
                           decision::LoadPortfolio(*store, as_of, BureauValue(context, config),
                                                   options));
    std::map<std::string, int64_t> tiers;
    for (const auto& record : portfolio) ++tiers[decision::AssignTier(grid, record).tier];
    json tier_counts = json::array();
    for (const auto& [tier, count] : tiers) tier_counts.push_back({{"tier", tier}, {"count", count}});
    json out = {{"kind", KindName(kind)},
                {"as_of", as_of.ToIso()},
                {"customers", portfolio.size()},
                {"tiers", tier_counts}};
    const std::vector<std::string> names = grid.kmeans_attributes.empty()
                                               ? decision::DefaultClusteringMeasures(kind)
                                               : grid.kmeans_attributes;
    decision::AttributeMatrix matrix = decision::BuildAttributeMatrix(portfolio, names);
    decision::SegmentationOptions seg_options;
    seg_options.k_min = grid.k_min;
    seg_options.k_max = grid.k_max;
    seg_options.tags.threshold = grid.tag_threshold;
    auto segmentation = decision::SegmentByKMeans(matrix.values, matrix.raw, names, seg_options);
    if (!segmentation.ok()) {
      Error error = segmentation.error();
      error.code = ErrorCode::kFailedPrecondition;  // the bureau's data, not the request
      error.message = "cannot segment " + std::to_string(portfolio.size()) + " " +
                      KindName(kind) + " customers: " + error.message;
      return error;
    }
    json list = json::array();
    for (const auto& segment : segmentation->segments) {
      json centroid = json::object();
      for (size_t j = 0; j < names.size(); ++j) {
        centroid[names[j]] = std::isnan(segment.mean_raw[j]) ? json(nullptr)
                                                             : json(segment.mean_raw[j]);
      }
      json en = json::array();
      json zh = json::array();
      for (const auto& tag : segment.tags) {
        en.push_back(tag.english);
        zh.push_back(tag.chinese);
      }
      list.push_back({{"id", segment.id},
                      {"size", segment.size},
                      {"share", segment.share},
                      {"tags", {{"en", en}, {"zh", zh}}},
                      {"centroid", centroid}});
    }
    out["segments"] = list;
    out["silhouette"] = segmentation->silhouette;
    out["k"] = segmentation->k;
    out["attributes"] = names;
    return JsonResponse(out);
  };
  table.Add(std::move(segments));

  Route subject;
  subject.method = "GET";
  subject.path = "/v1/decision/subjects/{id}";
  subject.permission = "decision.read";
  subject.summary = "Decision support for one customer: tier, value, lifetime value, attrition "
                    "probability with reasons, next best actions with reasons, and the credit "
                    "limit recommendation with its formula";
  subject.tag = "decision";
  subject.query_params = {{"as_of", false, "YYYY-MM-DD (default: today)"},
                          {"income", false,
                           "yearly income, minor units (persons: the bureau holds none; "
                           "organizations: default revenue over 12 months)"}};
  subject.response_summary =
      "{subject_id, kind, as_of, currency, tier, value, clv, attrition, actions: [{action, "
      "reason}], limit: {amount_minor, currency, formula}}";
  subject.error_statuses = {404, 409, 422};  // 409: a decision rule file cannot be used
  subject.handler = [](RequestContext& context) -> Result<ApiResponse> {
    CREDO_TRY(RefuseUnknown(context.request(), {"as_of", "income"}));
    CREDO_ASSIGN_OR_RETURN(Date as_of, AsOf(context));
    std::optional<int64_t> income;
    if (context.request().Query("income")) {
      CREDO_ASSIGN_OR_RETURN(income, PositiveParameter(context.request(), "income", 0,
                                                       int64_t{1} << 52));
    }
    CREDO_ASSIGN_OR_RETURN(int64_t id, PathId(context, "id"));
    CREDO_ASSIGN_OR_RETURN(Store * store, context.store());
    CREDO_ASSIGN_OR_RETURN(SubjectId subject_id, ExistingSubject(*store, id, "id"));
    CREDO_ASSIGN_OR_RETURN(decision::DecisionConfig config,
                           LoadRules(context, decision::DefaultDecisionConfigPath(),
                                     decision::LoadDecisionConfig));
    CREDO_ASSIGN_OR_RETURN(decision::CustomerRecord record,
                           decision::LoadCustomer(*store, subject_id, as_of,
                                                  BureauValue(context, config)));
    const std::string currency = context.profile().currency;
    CREDO_ASSIGN_OR_RETURN(decision::TierGrid grid,
                           LoadRules(context, decision::DefaultTierGridPath(record.kind),
                                     decision::LoadTierGrid));
    const decision::TierAssignment tier = decision::AssignTier(grid, record);
    CREDO_ASSIGN_OR_RETURN(std::optional<double> pd,
                           LatestPd(*store, subject_id, record.kind, as_of));

    json out = {{"subject_id", subject_id},
                {"kind", KindName(record.kind)},
                {"as_of", as_of.ToIso()},
                {"currency", currency},
                {"pd", pd ? json(*pd) : json(nullptr)}};
    out["tier"] = {{"tier", tier.tier},
                   {"value_band", tier.value_band},
                   {"risk_band", tier.risk_band},
                   {"grid", grid.source}};
    const decision::CustomerValue& value = record.value;
    // Money is whole minor units: the revenue, margin and CLV are estimates, rounded.
    auto minor = [](double amount) { return static_cast<int64_t>(std::llround(amount)); };
    out["value"] = {{"balance_minor", value.balance},
                    {"annual_revenue_minor", minor(value.annual_revenue)},
                    {"annual_margin_minor", minor(value.annual_margin)},
                    {"tenure_months", value.tenure_months ? json(*value.tenure_months)
                                                          : json(nullptr)},
                    {"products", value.products},
                    {"open_accounts", value.open_accounts},
                    {"accounts_in_other_currencies", value.other_currency_accounts}};

    // Attrition from the bureau's own history; CLV with 1 - attrition as the retention.
    json attrition = nullptr;
    std::optional<double> attrition_probability;
    auto model = AttritionModelFor(context, *store, record.kind, as_of);
    if (model.ok()) {
      auto scored = model::ScoreAttributes(*model->artifact, "attrition", record.attributes);
      if (scored.ok()) {
        attrition_probability = scored->probability_of_default;
        json reasons = json::array();
        for (const auto& reason : scored->reasons) {
          reasons.push_back({{"code", reason.code}, {"en", reason.text_en}, {"zh", reason.text_zh}});
        }
        attrition = {{"probability", *attrition_probability},
                     {"reasons", reasons},
                     {"model", ModelSummary(*model)}};
      } else {
        attrition = {{"probability", nullptr}, {"unavailable", scored.error().message}};
      }
    } else {
      attrition = {{"probability", nullptr}, {"unavailable", model.error().message}};
    }
    out["attrition"] = attrition;
    const double retention = attrition_probability ? 1.0 - *attrition_probability
                                                   : config.value.retention;
    const double clv = decision::LifetimeValue(value.annual_margin,
                                               retention, config.value.discount_rate,
                                               config.value.horizon_years);
    out["clv"] = {{"amount_minor", minor(clv)},
                  {"currency", currency},
                  {"retention", retention},
                  {"formula", "CLV = sum_{t=1.." + std::to_string(config.value.horizon_years) +
                                  "} margin x retention^(t-1) / (1 + " +
                                  std::to_string(config.value.discount_rate) + ")^t"}};

    CREDO_ASSIGN_OR_RETURN(decision::ActionRules rules,
                           LoadRules(context, decision::DefaultActionRulesPath(),
                                     decision::LoadActionRules));
    decision::ActionInput input;
    input.record = &record;
    input.tier = tier;
    input.pd = pd;
    CREDO_ASSIGN_OR_RETURN(input.alerts, OpenAlerts(*store, subject_id));
    json actions = json::array();
    for (const auto& recommendation : decision::RecommendActions(rules, input)) {
      actions.push_back({{"action", decision::ActionKindName(recommendation.action)},
                         {"action_zh", decision::ActionKindChinese(recommendation.action)},
                         {"rule", recommendation.rule_id},
                         {"reason", recommendation.reason},
                         {"reason_zh", recommendation.reason_zh},
                         {"evidence", recommendation.evidence}});
    }
    out["actions"] = actions;
    out["open_alerts"] = input.alerts;

    // Limit: PD from the score history, income or revenue, exposures.
    json limit = {{"amount_minor", nullptr}, {"currency", currency}};
    std::optional<int64_t> income_or_revenue = income;
    if (!income_or_revenue && record.kind == SubjectKind::kOrganization) {
      if (auto revenue = decision::CustomerMeasure(record, "revenue_12m")) {
        income_or_revenue = static_cast<int64_t>(std::max(0.0, *revenue));
      }
    }
    if (!pd) {
      limit["unavailable"] = "no recorded score for this subject on or before " + as_of.ToIso();
    } else if (!income_or_revenue) {
      limit["unavailable"] = record.kind == SubjectKind::kPerson
                                 ? "the bureau holds no income for persons: give ?income="
                                 : "no revenue known (no financial statements): give ?income=";
    } else {
      decision::LimitInput limit_input;
      limit_input.pd = *pd;
      limit_input.income_or_revenue = *income_or_revenue;
      limit_input.existing_exposure = value.balance;
#ifdef CREDO_DECISION_HAS_GRAPH
      if (record.kind == SubjectKind::kOrganization) {
        auto group = decision::GroupExposureOf(*store, subject_id);
        if (group.ok()) limit_input.group_exposure = group->exposure;
      }
#endif
      const decision::LimitPolicy& policy = record.kind == SubjectKind::kPerson
                                                ? config.person_limit
                                                : config.company_limit;
      auto recommendation = decision::RecommendLimit(policy, limit_input);
      if (recommendation.ok()) {
        limit["amount_minor"] = recommendation->limit;
        limit["binding"] = recommendation->binding;
        limit["formula"] = recommendation->steps;
        limit["inputs"] = {{"pd", limit_input.pd},
                           {"income_or_revenue_minor", limit_input.income_or_revenue},
                           {"existing_exposure_minor", limit_input.existing_exposure},
                           {"group_exposure_minor", limit_input.group_exposure}};
      } else {
        limit["unavailable"] = recommendation.error().message;
      }
    }
    out["limit"] = limit;
    return JsonResponse(out);
  };
  table.Add(std::move(subject));

  Route attrition;
  attrition.method = "GET";
  attrition.path = "/v1/decision/attrition";
  attrition.permission = "decision.read";
  attrition.summary = "The customers most likely to close a relationship, with reasons, from a "
                      "model trained on the bureau's own history (its validation included)";
  attrition.tag = "decision";
  attrition.query_params = {{"top", false, "how many (1-1000, default 20)"},
                            {"kind", false, "person (default) or organization"},
                            {"as_of", false, "YYYY-MM-DD (default: today)"}};
  attrition.response_summary =
      "{as_of, kind, model: {model_id, validation ...}, customers: [{subject_id, name, "
      "probability, reasons: [{code, en, zh}]}]}";
  attrition.error_statuses = {409, 422};
  attrition.handler = [](RequestContext& context) -> Result<ApiResponse> {
    CREDO_TRY(RefuseUnknown(context.request(), {"top", "kind", "as_of"}));
    CREDO_ASSIGN_OR_RETURN(int64_t top, PositiveParameter(context.request(), "top", 20, 1000));
    CREDO_ASSIGN_OR_RETURN(SubjectKind kind, KindParameter(context.request()));
    CREDO_ASSIGN_OR_RETURN(Date as_of, AsOf(context));
    CREDO_ASSIGN_OR_RETURN(Store * store, context.store());
    CREDO_ASSIGN_OR_RETURN(AttritionModel model, AttritionModelFor(context, *store, kind, as_of));
    CREDO_ASSIGN_OR_RETURN(std::vector<decision::AttritionScore> scores,
                           decision::ScoreAttrition(*store, *model.artifact, kind, as_of));
    std::sort(scores.begin(), scores.end(), [](const auto& a, const auto& b) {
      return a.pd != b.pd ? a.pd > b.pd : a.subject_id < b.subject_id;
    });
    json customers = json::array();
    for (size_t i = 0; i < scores.size() && static_cast<int64_t>(i) < top; ++i) {
      json reasons = json::array();
      for (size_t r = 0; r < scores[i].reasons.size(); ++r) {
        reasons.push_back({{"code", scores[i].reasons[r]},
                           {"en", r < scores[i].reasons_en.size() ? scores[i].reasons_en[r] : ""},
                           {"zh", r < scores[i].reasons_zh.size() ? scores[i].reasons_zh[r] : ""}});
      }
      customers.push_back({{"subject_id", scores[i].subject_id},
                           {"name", scores[i].name},
                           {"probability", scores[i].pd},
                           {"reasons", reasons}});
    }
    return JsonResponse({{"as_of", as_of.ToIso()},
                         {"kind", KindName(kind)},
                         {"scored", scores.size()},
                         {"model", ModelSummary(model)},
                         {"customers", customers}});
  };
  table.Add(std::move(attrition));

  Route scf;
  scf.method = "POST";
  scf.path = "/v1/decision/scf";
  scf.permission = "decision.read";
  scf.summary = "Supply-chain finance: receivables financing limits for the suppliers of a core "
                "enterprise (core rating and remaining limit, supplier ratings, confirmed, "
                "undisputed, not overdue receivables x advance rate, concentration caps)";
  scf.tag = "decision";
  scf.request_schema = ScfSchema();
  scf.response_summary =
      "{core, core_grade, programme_open, advance_rate, currency, suppliers: [{subject_id, grade, "
      "limit_minor, eligible_minor, binding, ineligible: {...}}], total_limit_minor}";
  scf.error_statuses = {404, 409, 422};  // 409: a decision rule file cannot be used
  scf.handler = [](RequestContext& context) -> Result<ApiResponse> {
    json body;
    if (auto failure = ParseJsonBody(context.request(), *ScfSchema(), body)) return *failure;
    Date as_of = context.clock().Today();
    if (body.contains("as_of")) {
      auto parsed = Date::ParseIso(body["as_of"].get<std::string>());
      if (!parsed.ok()) {
        return MakeError(ErrorCode::kInvalidArgument, "not a date YYYY-MM-DD", "as_of");
      }
      as_of = *parsed;
    }
    const int64_t core_id = body["core_enterprise_id"].get<int64_t>();
    if (core_id < 1) {
      return MakeError(ErrorCode::kInvalidArgument, "must be a positive subject id",
                       "core_enterprise_id");
    }
    const int64_t core_limit = body["core_limit_remaining_minor"].get<int64_t>();
    if (core_limit < 0) {
      return MakeError(ErrorCode::kInvalidArgument, "must not be negative",
                       "core_limit_remaining_minor");
    }
    decision::ScfInput input;
    input.as_of = as_of;
    input.core_limit_remaining = core_limit;
    std::set<int64_t> suppliers;
    const json& receivables = body["receivables"];
    for (size_t i = 0; i < receivables.size(); ++i) {
      const json& r = receivables[i];
      const std::string at = "receivables[" + std::to_string(i) + "]";
      decision::Receivable receivable;
      const int64_t supplier = r["supplier_id"].get<int64_t>();
      if (supplier < 1) {
        return MakeError(ErrorCode::kInvalidArgument, "must be a positive subject id",
                         at + ".supplier_id");
      }
      receivable.amount = r["amount_minor"].get<int64_t>();
      if (receivable.amount <= 0) {
        return MakeError(ErrorCode::kInvalidArgument, "must be positive", at + ".amount_minor");
      }
      auto due = Date::ParseIso(r["due_date"].get<std::string>());
      if (!due.ok()) {
        return MakeError(ErrorCode::kInvalidArgument, "not a date YYYY-MM-DD", at + ".due_date");
      }
      receivable.supplier = std::to_string(supplier);
      receivable.buyer = std::to_string(core_id);
      receivable.invoice_id = r["invoice_id"].get<std::string>();
      receivable.due_date = *due;
      receivable.confirmed = r["confirmed"].get<bool>();
      receivable.disputed = r.contains("disputed") && r["disputed"].get<bool>();
      receivable.line = i + 1;
      input.receivables.push_back(std::move(receivable));
      suppliers.insert(supplier);
    }
    CREDO_ASSIGN_OR_RETURN(Store * store, context.store());
    CREDO_ASSIGN_OR_RETURN(SubjectId core, ExistingSubject(*store, core_id, "core_enterprise_id"));
    input.core = std::to_string(core_id);
    for (int64_t supplier : suppliers) {
      CREDO_ASSIGN_OR_RETURN(SubjectId surviving,
                             ExistingSubject(*store, supplier, "receivables.supplier_id"));
      CREDO_ASSIGN_OR_RETURN(std::optional<std::string> grade, LatestGrade(*store, surviving));
      if (grade) input.supplier_grades[std::to_string(supplier)] = *grade;
    }
    if (body.contains("core_grade")) {
      input.core_grade = body["core_grade"].get<std::string>();
    } else {
      CREDO_ASSIGN_OR_RETURN(std::optional<std::string> grade, LatestGrade(*store, core));
      if (!grade) {
        return MakeError(ErrorCode::kInvalidArgument,
                         "the core enterprise has no recorded company rating: give its grade",
                         "core_grade");
      }
      input.core_grade = *grade;
    }
    input.supplier_grades[input.core] = input.core_grade;
    CREDO_ASSIGN_OR_RETURN(decision::DecisionConfig config,
                           LoadRules(context, decision::DefaultDecisionConfigPath(),
                                     decision::LoadDecisionConfig));
    CREDO_ASSIGN_OR_RETURN(model::MasterScale scale,
                           model::LoadMasterScale(model::DefaultMasterScalePath()));
    auto result = decision::ComputeScfLimits(config.scf, scale, input);
    if (!result.ok()) {
      Error error = result.error();
      if (error.code == ErrorCode::kInvalidArgument && error.location.empty()) {
        error.location = "core_grade";
      }
      return error;
    }
    json list = json::array();
    for (const auto& supplier : result->suppliers) {
      list.push_back({{"subject_id", std::stoll(supplier.supplier)},
                      {"grade", supplier.grade},
                      {"limit_minor", supplier.limit},
                      {"eligible_minor", supplier.eligible_amount},
                      {"ineligible_minor", supplier.ineligible_amount},
                      {"ineligible", supplier.ineligible_by_reason},
                      {"borrowing_base_minor", supplier.borrowing_base},
                      {"core_allocation_minor", supplier.core_allocation},
                      {"supplier_cap_minor", supplier.supplier_cap},
                      {"binding", supplier.binding}});
    }
    return JsonResponse({{"core", core_id},
                         {"core_grade", result->core_grade},
                         {"programme_open", result->programme_open},
                         {"programme_reason", result->programme_reason},
                         {"advance_rate", result->advance_rate},
                         {"currency", context.profile().currency},
                         {"as_of", as_of.ToIso()},
                         {"core_limit_remaining_minor", result->core_limit_remaining},
                         {"total_limit_minor", result->total_limit},
                         {"scale", result->scale},
                         {"suppliers", list}});
  };
  table.Add(std::move(scf));
}

}  // namespace credo::api
