// entity-resolution review queue: list, explain, accept, reject (over resolve/incremental).
//
//   GET  /v1/review?status=open&after_id=&limit=   review.read
//   GET  /v1/review/{id}                           review.read: the item with its comparisons
//                                                  (identifiers, phones, e-mails masked)
//   POST /v1/review/{id}/accept {note}             review.write: merge the two subjects
//   POST /v1/review/{id}/reject {note}             review.write: the pair stays apart for good
// 422 for a bad parameter or body, 404 for an unknown item, 409 when it was already decided.
#include <cstdio>

#include <nlohmann/json.hpp>

#include "api/routes/common.h"
#include "api/routes/routes.h"
#include "resolve/incremental/review_queue.h"
#include "resolve/incremental/review_schema.h"

namespace credo::api {
namespace {

using routes_internal::ActorFor;

constexpr int64_t kDefaultPage = 100;
constexpr int64_t kMaxPage = 1000;

std::string IsoTime(int64_t unix_seconds) {
  if (unix_seconds <= 0) return "";
  Date day = Date::FromDays(static_cast<int32_t>(unix_seconds / 86400));
  int64_t seconds = unix_seconds % 86400;
  char text[40];
  std::snprintf(text, sizeof text, "%sT%02lld:%02lld:%02lldZ", day.ToIso().c_str(),
                static_cast<long long>(seconds / 3600), static_cast<long long>(seconds / 60 % 60),
                static_cast<long long>(seconds % 60));
  return text;
}

nlohmann::json Nullable(const std::string& text) {
  return text.empty() ? nlohmann::json(nullptr) : nlohmann::json(text);
}

nlohmann::json ItemJson(const resolve::ReviewItem& item) {
  return {{"id", item.id},
          {"left_subject_id", item.left_subject_id},
          {"right_subject_id", item.right_subject_id},
          {"probability", item.probability},
          {"match_weight", item.match_weight},
          {"reason", item.reason},
          {"created_at", IsoTime(item.created_at)},
          {"status", std::string(resolve::ReviewStatusName(item.status))},
          {"decided_at", Nullable(IsoTime(item.decided_at))},
          {"decided_by", Nullable(item.decided_by)},
          {"note", Nullable(item.note)},
          {"surviving_subject_id",
           item.surviving_subject_id == 0 ? nlohmann::json(nullptr)
                                          : nlohmann::json(item.surviving_subject_id)}};
}

Result<int64_t> IntegerParameter(const ApiRequest& request, const std::string& name,
                                 int64_t minimum, int64_t maximum, int64_t fallback) {
  auto text = request.Query(name);
  if (!text) return fallback;
  char* end = nullptr;
  long long value = std::strtoll(text->c_str(), &end, 10);
  if (text->empty() || *end != '\0' || value < minimum || value > maximum) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "query parameter '" + name + "' must be an integer from " +
                         std::to_string(minimum) + " to " + std::to_string(maximum));
  }
  return static_cast<int64_t>(value);
}

std::shared_ptr<const ObjectSchema> DecisionSchema() {
  static const auto schema = [] {
    auto built = std::make_shared<ObjectSchema>();
    built->name = "ReviewDecision";
    built->fields = {FieldSpec{"note", FieldType::kString, false,
                               "why the operator decided so (kept with the decision and audited)",
                               1000, nullptr}};
    return std::shared_ptr<const ObjectSchema>(built);
  }();
  return schema;
}

Route DecisionRoute(bool accept) {
  Route route;
  route.method = "POST";
  route.path = accept ? "/v1/review/{id}/accept" : "/v1/review/{id}/reject";
  route.permission = "review.write";
  route.summary = accept ? "Accept a review item: the two subjects are one person; the newer is "
                           "merged into the older (its id redirects). Audited"
                         : "Reject a review item: the two subjects are different people and are "
                           "never proposed or merged again. Audited";
  route.tag = "review";
  route.request_schema = DecisionSchema();
  route.response_summary = accept ? "{id, status: \"accepted\", surviving_subject_id, "
                                    "merged_subject_id}"
                                  : "{id, status: \"rejected\"}";
  route.error_statuses = {404, 409, 422};
  route.handler = [accept](RequestContext& context) -> Result<ApiResponse> {
    CREDO_ASSIGN_OR_RETURN(int64_t id, PathId(context, "id"));
    nlohmann::json body = nlohmann::json::object();
    if (!context.request().body.empty()) {
      if (auto failure = ParseJsonBody(context.request(), *DecisionSchema(), body)) {
        return *failure;
      }
    }
    resolve::ReviewDecision decision;
    decision.decided_by = ActorFor(context.caller());
    decision.note = body.value("note", "");
    decision.decided_at = context.clock().NowUnixSeconds();
    CREDO_ASSIGN_OR_RETURN(Store * store, context.store());
    CREDO_TRY(resolve::InstallResolveSchema(*store));
    resolve::ReviewItem item;
    CREDO_TRY(store->WithTransaction([&](Transaction& transaction) -> Status {
      CREDO_ASSIGN_OR_RETURN(item, accept ? resolve::AcceptReviewItem(transaction, id, decision)
                                          : resolve::RejectReviewItem(transaction, id, decision));
      return Ok();
    }));
    nlohmann::json answer = {{"id", item.id},
                             {"status", std::string(resolve::ReviewStatusName(item.status))}};
    if (accept) {
      answer["surviving_subject_id"] = item.surviving_subject_id;
      answer["merged_subject_id"] = item.surviving_subject_id == item.left_subject_id
                                        ? item.right_subject_id
                                        : item.left_subject_id;
    }
    answer["decided_by"] = item.decided_by;
    answer["decided_at"] = IsoTime(item.decided_at);
    answer["note"] = Nullable(item.note);
    return JsonResponse(answer);
  };
  return route;
}

}  // namespace

void AddReviewRoutes(RouteTable& table) {
  Route list;
  list.method = "GET";
  list.path = "/v1/review";
  list.permission = "review.read";
  list.summary = "Entity-resolution review queue: pairs of subjects whose match probability fell "
                 "between the thresholds, oldest first";
  list.tag = "review";
  list.query_params = {{"status", false, "open (default), accepted, rejected or all"},
                       {"after_id", false, "items after this id (paging)"},
                       {"limit", false, "at most this many (1-1000, default 100)"}};
  list.response_summary = "{items: [{id, left_subject_id, right_subject_id, probability, "
                          "match_weight, reason, created_at, status}], next_after_id}";
  list.error_statuses = {422};
  list.handler = [](RequestContext& context) -> Result<ApiResponse> {
    const ApiRequest& request = context.request();
    for (const auto& [name, unused] : request.query) {
      if (name != "status" && name != "after_id" && name != "limit") {
        return MakeError(ErrorCode::kInvalidArgument,
                         "unknown query parameter '" + name +
                             "'; this route accepts status, after_id and limit");
      }
    }
    resolve::ReviewFilter filter;
    std::string status = request.Query("status").value_or("open");
    if (status != "all") {
      auto parsed = resolve::ParseReviewStatus(status);
      if (!parsed.ok()) {
        return MakeError(ErrorCode::kInvalidArgument,
                         "query parameter 'status' must be open, accepted, rejected or all");
      }
      filter.status = *parsed;
    }
    CREDO_ASSIGN_OR_RETURN(filter.after_id,
                           IntegerParameter(request, "after_id", 0, INT64_MAX / 2, 0));
    CREDO_ASSIGN_OR_RETURN(filter.limit,
                           IntegerParameter(request, "limit", 1, kMaxPage, kDefaultPage));
    CREDO_ASSIGN_OR_RETURN(Store * store, context.store());
    CREDO_TRY(resolve::InstallResolveSchema(*store));
    nlohmann::json items = nlohmann::json::array();
    nlohmann::json next = nullptr;
    CREDO_TRY(store->WithReadTransaction([&](Transaction& transaction) -> Status {
      CREDO_ASSIGN_OR_RETURN(auto found, resolve::ListReviewItems(transaction, filter));
      for (const auto& item : found) items.push_back(ItemJson(item));
      if (static_cast<int64_t>(found.size()) == filter.limit) next = found.back().id;
      return Ok();
    }));
    return JsonResponse({{"items", items}, {"next_after_id", next}});
  };
  table.Add(std::move(list));

  Route one;
  one.method = "GET";
  one.path = "/v1/review/{id}";
  one.permission = "review.read";
  one.summary = "One review item with the field-by-field comparison (level, label and weight; "
                "identifiers, phones and e-mails masked)";
  one.tag = "review";
  one.response_summary = "the item plus prior_weight and comparisons: [{field, left, right, "
                         "level, label, weight}]";
  one.error_statuses = {404};
  one.handler = [](RequestContext& context) -> Result<ApiResponse> {
    CREDO_ASSIGN_OR_RETURN(int64_t id, PathId(context, "id"));
    CREDO_ASSIGN_OR_RETURN(Store * store, context.store());
    CREDO_TRY(resolve::InstallResolveSchema(*store));
    resolve::ReviewItem item;
    CREDO_TRY(store->WithReadTransaction([&](Transaction& transaction) -> Status {
      CREDO_ASSIGN_OR_RETURN(item, resolve::GetReviewItem(transaction, id));
      return Ok();
    }));
    nlohmann::json json = ItemJson(item);
    nlohmann::json comparisons = nlohmann::json::array();
    for (const auto& field : item.comparisons) {
      comparisons.push_back({{"field", field.field},
                             {"left", Nullable(field.value_a)},
                             {"right", Nullable(field.value_b)},
                             {"level", field.level},
                             {"label", field.level_label},
                             {"weight", field.weight}});
    }
    json["prior_weight"] = item.prior_weight;
    json["comparisons"] = comparisons;
    return JsonResponse(json);
  };
  table.Add(std::move(one));

  table.Add(DecisionRoute(true));
  table.Add(DecisionRoute(false));
}

}  // namespace credo::api
