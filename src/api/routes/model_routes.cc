// The model registry for the console, over model/bureau_validation.h:
//   GET /v1/models                  every registered model: product, version, kind, status
//   GET /v1/models/{id}/validation  AUC, Gini, KS, ROC, calibration, confusion at the cut-off
//                                   on the bureau's matured score history, and PSI over time
//   GET /v1/models/compare?product= champion vs challenger on the same subjects and dates
#include "api/routes/common.h"
#include "api/routes/ops_params.h"
#include "api/routes/routes.h"
#include "model/bureau_validation.h"

namespace credo::api {
namespace {

using routes_internal::IntegerParam;
using routes_internal::OnlyQueryParams;

// Model ids are what the registry accepts; the path must not smuggle anything else in.
Result<std::string> ModelIdParam(const RequestContext& context) {
  auto it = context.request().path_params.find("id");
  std::string id = it == context.request().path_params.end() ? "" : it->second;
  bool ok = !id.empty() && id.size() <= 128;
  for (char c : id) {
    ok = ok && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                c == '-' || c == '_' || c == '.');
  }
  if (!ok) return MakeError(ErrorCode::kNotFound, "no model has the id given in the path");
  return id;
}

Result<model::BureauValidationOptions> OptionsFrom(const ApiRequest& request) {
  model::BureauValidationOptions options;
  CREDO_ASSIGN_OR_RETURN(int64_t horizon, IntegerParam(request, "horizon_months", 12, 1, 36));
  options.horizon_months = static_cast<int>(horizon);
  if (auto cutoff = request.Query("cutoff")) {
    char* end = nullptr;
    double value = std::strtod(cutoff->c_str(), &end);
    if (cutoff->empty() || end != cutoff->c_str() + cutoff->size() || !(value > 0 && value < 1)) {
      return MakeError(ErrorCode::kInvalidArgument,
                       "query parameter 'cutoff' must be a probability between 0 and 1 "
                       "(exclusive)");
    }
    options.cutoff = value;
  }
  return options;
}

}  // namespace

void AddModelRoutes(RouteTable& table) {
  Route list;
  list.method = "GET";
  list.path = "/v1/models";
  list.permission = "models.read";
  list.summary = "The model registry: every registered model with its product, version, kind and "
                 "status (active, challenger, retired, registered) and its development metrics";
  list.tag = "models";
  list.response_summary = "{models: [{id, product, version, kind, status, registered_at, "
                          "activated_at, development: {auc, gini, ks, ...}}]}";
  list.error_statuses = {422};
  list.handler = [](RequestContext& context) -> Result<ApiResponse> {
    CREDO_TRY(OnlyQueryParams(context.request(), {}));
    CREDO_ASSIGN_OR_RETURN(Store * store, context.store());
    nlohmann::json models = nlohmann::json::array();
    CREDO_TRY(store->WithReadTransaction([&](Transaction& tx) -> Status {
      CREDO_ASSIGN_OR_RETURN(auto registered, model::ListRegisteredModels(tx));
      for (const auto& m : registered) {
        models.push_back({{"id", m.model_id},
                          {"product", m.product.empty() ? nlohmann::json(nullptr)
                                                        : nlohmann::json(m.product)},
                          {"version", m.version},
                          {"kind", m.kind},
                          {"status", m.status},
                          {"registered_at", m.registered_at},
                          {"activated_at", m.activated_at.empty() ? nlohmann::json(nullptr)
                                                                  : nlohmann::json(m.activated_at)},
                          {"development", m.development}});
      }
      return Ok();
    }));
    return JsonResponse({{"models", models}});
  };
  table.Add(std::move(list));

  Route validation;
  validation.method = "GET";
  validation.path = "/v1/models/{id}/validation";
  validation.permission = "models.read";
  validation.summary = "A model validated on the bureau's own history: its stored scores against "
                       "the defaults observed within the horizon after each score (AUC, Gini, KS, "
                       "ROC, calibration, confusion at the cut-off), and the PSI of each scoring "
                       "date against the development distribution";
  validation.tag = "models";
  validation.query_params = {
      {"horizon_months", false, "outcome window after each score, 1-36 months (default 12)"},
      {"cutoff", false, "PD at or above which a score is called bad (default: the development "
                        "bad rate)"}};
  validation.response_summary = "{model_id, available, reason?, auc, gini, ks, brier, roc: [{fpr, "
                                "tpr}], calibration: [{bin, predicted, observed, count}], "
                                "confusion: {...}, psi_history: [{date, psi, band, count}], "
                                "sample: {...}, development: {...}}";
  validation.error_statuses = {404, 422};
  validation.handler = [](RequestContext& context) -> Result<ApiResponse> {
    CREDO_TRY(OnlyQueryParams(context.request(), {"horizon_months", "cutoff"}));
    CREDO_ASSIGN_OR_RETURN(model::BureauValidationOptions options, OptionsFrom(context.request()));
    CREDO_ASSIGN_OR_RETURN(std::string id, ModelIdParam(context));
    CREDO_ASSIGN_OR_RETURN(Store * store, context.store());
    nlohmann::json report;
    CREDO_TRY(store->WithReadTransaction([&](Transaction& tx) -> Status {
      CREDO_ASSIGN_OR_RETURN(report, model::ValidateOnBureau(tx, id, options));
      return Ok();
    }));
    return JsonResponse(report);
  };
  table.Add(std::move(validation));

  Route compare;
  compare.method = "GET";
  compare.path = "/v1/models/compare";
  compare.permission = "models.read";
  compare.summary = "Champion (the product's active model) against a challenger on the same "
                    "data: the champion's matured scores, the challenger scoring the same "
                    "subjects as of the same dates";
  compare.tag = "models";
  compare.query_params = {
      {"product", true, "person_score, company_rating or a bureau product"},
      {"challenger", false, "a registered model id (default: the newest challenger)"},
      {"horizon_months", false, "outcome window, 1-36 months (default 12)"},
      {"cutoff", false, "PD cut-off for the confusion matrices"}};
  compare.response_summary = "{product, champion: {model_id, auc, ks, ...}, challenger: {...}, "
                             "comparison: {auc_difference, ks_difference, better}, sample}";
  compare.error_statuses = {404, 422};
  compare.handler = [](RequestContext& context) -> Result<ApiResponse> {
    const ApiRequest& request = context.request();
    CREDO_TRY(OnlyQueryParams(request, {"product", "challenger", "horizon_months", "cutoff"}));
    auto product = request.Query("product");
    if (!product || product->empty()) {
      return MakeError(ErrorCode::kInvalidArgument, "query parameter 'product' is required");
    }
    CREDO_ASSIGN_OR_RETURN(model::BureauValidationOptions options, OptionsFrom(request));
    std::string challenger = request.Query("challenger").value_or("");
    CREDO_ASSIGN_OR_RETURN(Store * store, context.store());
    nlohmann::json report;
    CREDO_TRY(store->WithReadTransaction([&](Transaction& tx) -> Status {
      CREDO_ASSIGN_OR_RETURN(report, model::CompareOnBureau(tx, *product, challenger, options));
      return Ok();
    }));
    return JsonResponse(report);
  };
  table.Add(std::move(compare));
}

}  // namespace credo::api
