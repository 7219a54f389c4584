// GET /v1/alerts, GET /v1/alerts/{id}, POST /v1/alerts/{id}/acknowledge, and monitoring
// subscriptions (POST/GET /v1/monitor/subscriptions, DELETE /v1/monitor/subscriptions/{id}),
// over monitor/alerts.h and monitor/subscriptions.h. A subscription passes the monitoring gate
// (compliance/monitoring_gate.h: purpose account_review and the subject's valid consent where
// the profile requires it); its refusal answers 403 naming the rule and is recorded.
//
// Who sees what: an institution (API key) sees and acknowledges only the alerts raised on its
// own subscriptions; an analyst (operator session) sees every institution's alerts and may keep
// one with ?institution=. Another institution's alert answers 404, exactly as an id that does
// not exist, so that a client cannot learn which alert ids exist elsewhere (a 403 would say it
// exists).
//
// Consent is checked again when an institution reads its alerts (monitor/alert_gate.h): an alert
// raised while the subject's consent was valid is no longer shown once it has been withdrawn or
// has expired (PIPL Art. 15; 条例 第18条), exactly as its webhook delivery is withheld. The list
// leaves such alerts out; reading or acknowledging one of them answers 403 naming the rule, and
// the refusal is recorded (operation "monitor.alert.read"). Analysts read for the bureau and see
// every alert.
#include <optional>

#include <nlohmann/json.hpp>

#include "api/routes/common.h"
#include "api/routes/earlywarn_params.h"
#include "api/routes/routes.h"
#include "compliance/monitoring_gate.h"
#include "compliance/refusal.h"
#include "monitor/alert_gate.h"
#include "monitor/alerts.h"
#include "monitor/schema.h"
#include "monitor/subscriptions.h"
#include "monitor/triggers.h"

namespace credo::api {
namespace {

using earlywarn::BoolQuery;
using earlywarn::IntegerQuery;
using earlywarn::MomentQuery;
using earlywarn::OnlyKnownQuery;
using routes_internal::ActorFor;
using routes_internal::ComplianceFor;
using routes_internal::IdentifierSchema;
using routes_internal::ResolveIdentifiers;

constexpr int64_t kDefaultPage = 100;
constexpr int64_t kMaxPage = 1000;

nlohmann::json AlertJson(const monitor::Alert& alert) {
  nlohmann::json json = nlohmann::json::parse(monitor::AlertToJson(alert));
  if (!json.contains("acknowledged_by")) json["acknowledged_by"] = nullptr;
  return json;
}

bool IsInstitution(const Caller& caller) { return caller.kind == CallerKind::kClient; }

//! The institution whose rows a client reads: its own; a different ?institution= is refused.
Result<std::string> ClientInstitution(const Caller& caller, const ApiRequest& request) {
  auto named = request.Query("institution");
  if (named && *named != caller.institution) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "query parameter 'institution': an API client reads its own institution's "
                     "alerts and subscriptions only; leave it out");
  }
  return caller.institution;
}

Result<monitor::AlertFilter> AlertFilterFrom(const ApiRequest& request) {
  monitor::AlertFilter filter;
  CREDO_ASSIGN_OR_RETURN(filter.acknowledged, BoolQuery(request, "acknowledged"));
  if (auto severity = request.Query("min_severity")) {
    auto parsed = monitor::ParseSeverity(*severity);
    if (!parsed.ok()) {
      return MakeError(ErrorCode::kInvalidArgument,
                       "query parameter 'min_severity' must be low, medium, high or critical");
    }
    filter.min_severity = *parsed;
  }
  if (auto trigger = request.Query("trigger")) {
    auto parsed = monitor::ParseTriggerKind(*trigger);
    if (!parsed.ok()) {
      return MakeError(ErrorCode::kInvalidArgument,
                       "query parameter 'trigger': " + parsed.error().message);
    }
    filter.trigger = *parsed;
  }
  CREDO_ASSIGN_OR_RETURN(auto subject, IntegerQuery(request, "subject_id", 1, earlywarn::kMaxId));
  if (subject) filter.subject_id = *subject;
  CREDO_ASSIGN_OR_RETURN(filter.since, MomentQuery(request, "since"));
  CREDO_ASSIGN_OR_RETURN(auto after, IntegerQuery(request, "after_id", 0, earlywarn::kMaxId));
  filter.after_id = after.value_or(0);
  CREDO_ASSIGN_OR_RETURN(auto limit, IntegerQuery(request, "limit", 1, kMaxPage));
  filter.limit = limit.value_or(kDefaultPage);
  return filter;
}

//! The alert `id` as the caller may see it: a client's own alert, any alert for an operator;
//! kNotFound otherwise (see the file comment: other institutions' alerts are not revealed).
Result<monitor::Alert> VisibleAlert(Transaction& transaction, const Caller& caller, int64_t id) {
  if (IsInstitution(caller)) {
    auto alert = monitor::GetAlert(transaction, caller.institution, id);
    if (!alert.ok() && alert.error().code == ErrorCode::kNotFound) {
      return MakeError(ErrorCode::kNotFound, "there is no alert " + std::to_string(id) +
                                                 " among your institution's alerts");
    }
    return alert;
  }
  return monitor::GetBureauAlert(transaction, id);
}

//! For an institution: the monitoring gate's refusal of its alert today (the subject's consent
//! was withdrawn or has expired since it was raised), naming the caller; nothing for operators.
Result<std::optional<compliance::RuleBreak>> ClientAlertRefusal(
    Transaction& transaction, const compliance::ComplianceContext& gate_context,
    const Caller& caller, const monitor::Alert& alert) {
  if (!IsInstitution(caller)) return std::optional<compliance::RuleBreak>();
  CREDO_ASSIGN_OR_RETURN(std::optional<compliance::RuleBreak> refusal,
                         monitor::AlertRefusal(transaction, gate_context, alert,
                                               compliance::kMonitorAlertReadOperation));
  if (refusal) refusal->staff_user = caller.id;
  return refusal;
}

nlohmann::json SubscriptionJson(const monitor::Subscription& subscription) {
  nlohmann::json triggers = nlohmann::json::array();
  for (const monitor::TriggerSpec& spec : subscription.triggers) {
    triggers.push_back(std::string(monitor::TriggerName(spec.kind)));
  }
  return {{"subject_id", subscription.subject_id},
          {"institution", subscription.institution},
          {"triggers", monitor::FormatTriggers(subscription.triggers)},
          {"trigger_kinds", triggers},
          {"baseline_on", subscription.baseline_on.ToIso()},
          {"created_at", subscription.created_at},
          {"purpose", subscription.purpose},
          {"consent_id", subscription.consent_id}};
}

void AddAlertList(RouteTable& table) {
  Route list;
  list.method = "GET";
  list.path = "/v1/alerts";
  list.permission = "alerts.read";
  list.summary = "Monitoring alerts, oldest first, paged by id (institutions: alerts of their own "
                 "subscriptions while the subject's consent lasts; analysts: every "
                 "institution's)";
  list.tag = "alerts";
  list.query_params = {
      {"acknowledged", false, "true: acknowledged only; false: open only"},
      {"min_severity", false, "low, medium, high or critical: this severity or worse"},
      {"trigger", false, "one trigger name (delinquency, charge_off, related_party ...)"},
      {"subject_id", false, "one subject's alerts"},
      {"since", false, "created at or after: YYYY-MM-DD or unix seconds"},
      {"institution", false, "analysts: one institution's alerts"},
      {"after_id", false, "paging: alerts with a larger id (the previous page's next_after_id)"},
      {"limit", false, "page size 1..1000 (default 100)"}};
  list.response_summary = "{alerts: [{id, institution, subject_id, trigger, severity, summary, "
                          "evidence, as_of, created_at, acknowledged_at, acknowledged_by}], "
                          "next_after_id}";
  list.error_statuses = {422};
  list.handler = [](RequestContext& context) -> Result<ApiResponse> {
    const ApiRequest& request = context.request();
    CREDO_TRY(OnlyKnownQuery(request, {"acknowledged", "min_severity", "trigger", "subject_id",
                                       "since", "institution", "after_id", "limit"}));
    CREDO_ASSIGN_OR_RETURN(monitor::AlertFilter filter, AlertFilterFrom(request));
    const Caller& caller = context.caller();
    std::string institution;
    if (IsInstitution(caller)) {
      CREDO_ASSIGN_OR_RETURN(institution, ClientInstitution(caller, request));
    } else {
      institution = request.Query("institution").value_or("");
    }
    const int64_t page = filter.limit;
    filter.limit = page + 1;  // one more tells whether another page follows
    CREDO_ASSIGN_OR_RETURN(Store * store, context.store());
    const compliance::ComplianceContext gate_context = ComplianceFor(context);
    std::vector<monitor::Alert> alerts;
    CREDO_TRY(store->WithReadTransaction([&](Transaction& transaction) -> Status {
      if (IsInstitution(caller)) {
        CREDO_ASSIGN_OR_RETURN(alerts, monitor::ListReleasableAlerts(transaction, gate_context,
                                                                     institution, filter));
      } else {
        CREDO_ASSIGN_OR_RETURN(alerts,
                               monitor::ListBureauAlerts(transaction, filter, institution));
      }
      return Ok();
    }));
    nlohmann::json next = nullptr;
    if (static_cast<int64_t>(alerts.size()) > page) {
      alerts.resize(page);
      next = alerts.back().id;
    }
    nlohmann::json items = nlohmann::json::array();
    for (const monitor::Alert& alert : alerts) items.push_back(AlertJson(alert));
    return JsonResponse({{"alerts", items}, {"next_after_id", next}});
  };
  table.Add(std::move(list));

  Route one;
  one.method = "GET";
  one.path = "/v1/alerts/{id}";
  one.permission = "alerts.read";
  one.summary = "One alert (institutions: their own, while the subject's consent lasts (403 "
                "naming the rule, recorded); another institution's alert is 404)";
  one.tag = "alerts";
  one.response_summary = "the alert";
  one.error_statuses = {404};  // 403: the monitoring gate's refusal
  one.handler = [](RequestContext& context) -> Result<ApiResponse> {
    CREDO_ASSIGN_OR_RETURN(int64_t id, PathId(context, "id"));
    CREDO_TRY(OnlyKnownQuery(context.request(), {}));
    CREDO_ASSIGN_OR_RETURN(Store * store, context.store());
    const compliance::ComplianceContext gate_context = ComplianceFor(context);
    monitor::Alert alert;
    std::optional<compliance::RuleBreak> refusal;
    CREDO_TRY(store->WithReadTransaction([&](Transaction& transaction) -> Status {
      CREDO_ASSIGN_OR_RETURN(alert, VisibleAlert(transaction, context.caller(), id));
      CREDO_ASSIGN_OR_RETURN(
          refusal, ClientAlertRefusal(transaction, gate_context, context.caller(), alert));
      return Ok();
    }));
    if (refusal) {
      CREDO_TRY(compliance::RecordRefusal(*store, gate_context, *refusal));
      return compliance::ToError(*refusal);
    }
    return JsonResponse(AlertJson(alert));
  };
  table.Add(std::move(one));

  Route acknowledge;
  acknowledge.method = "POST";
  acknowledge.path = "/v1/alerts/{id}/acknowledge";
  acknowledge.permission = "alerts.acknowledge";
  acknowledge.summary = "Acknowledge an alert (idempotent: the first time and person are kept; "
                        "audited). Institutions: their own alerts, while the subject's consent "
                        "lasts; analysts: any";
  acknowledge.tag = "alerts";
  acknowledge.response_summary = "the alert, acknowledged";
  acknowledge.error_statuses = {404, 422};  // 403: the monitoring gate's refusal
  acknowledge.handler = [](RequestContext& context) -> Result<ApiResponse> {
    CREDO_ASSIGN_OR_RETURN(int64_t id, PathId(context, "id"));
    const std::string& body = context.request().body;
    if (!body.empty() && body != "{}") {
      return MakeError(ErrorCode::kInvalidArgument,
                       "this route takes no body (or an empty object {})");
    }
    const Caller& caller = context.caller();
    const int64_t now = context.clock().NowUnixSeconds();
    CREDO_ASSIGN_OR_RETURN(Store * store, context.store());
    const compliance::ComplianceContext gate_context = ComplianceFor(context);
    monitor::Alert alert;
    std::optional<compliance::RuleBreak> refusal;
    CREDO_TRY(store->WithTransaction([&](Transaction& transaction) -> Status {
      CREDO_ASSIGN_OR_RETURN(monitor::Alert visible, VisibleAlert(transaction, caller, id));
      CREDO_ASSIGN_OR_RETURN(refusal,
                             ClientAlertRefusal(transaction, gate_context, caller, visible));
      // The refusal record commits; the alert stays as it was.
      if (refusal) return compliance::WriteRefusal(transaction, gate_context, *refusal);
      CREDO_ASSIGN_OR_RETURN(alert, monitor::AcknowledgeAlert(transaction, visible.institution,
                                                              id, ActorFor(caller), now));
      return Ok();
    }));
    if (refusal) return compliance::ToError(*refusal);
    return JsonResponse(AlertJson(alert));
  };
  table.Add(std::move(acknowledge));
}

void AddSubscriptionRoutes(RouteTable& table) {
  static const auto schema = std::make_shared<const ObjectSchema>(ObjectSchema{
      "MonitorSubscriptionRequest",
      {{"identifiers", FieldType::kObjectArray, false,
        "identifiers of the subject to monitor (or subject_id)", 128, IdentifierSchema()},
       {"subject_id", FieldType::kInteger, false, "the bureau's subject id (or identifiers)"},
       {"triggers", FieldType::kString, false,
        "trigger list, e.g. \"delinquency,charge_off,related_party:share=50\" or \"all\" "
        "(default)",
        512},
       {"baseline_on", FieldType::kString, false,
        "YYYY-MM-DD: alerts are about what the bureau learns after this date (default today)", 10},
       {"purpose", FieldType::kString, false,
        "the monitoring purpose of the profile (default account_review: 贷后管理, FCRA "
        "604(a)(3)(A))",
        64},
       {"consent_reference", FieldType::kString, false,
        "the subject's consent relied on; absent: any valid consent of the institution for the "
        "purpose (required by the CN profile)",
        128}}});

  Route subscribe;
  subscribe.method = "POST";
  subscribe.path = "/v1/monitor/subscriptions";
  subscribe.permission = "monitor.write";
  subscribe.summary =
      "Subscribe a subject to monitoring for the calling institution under a "
      "monitoring purpose and, where the profile requires it, the subject's "
      "valid consent (again: replaces its triggers, keeps the baseline; "
      "audited; refusals recorded)";
  subscribe.tag = "alerts";
  subscribe.request_schema = schema;
  subscribe.success_status = 201;
  subscribe.response_summary = "{subscription: {subject_id, institution, triggers, "
                               "trigger_kinds, baseline_on, created_at}, created}";
  subscribe.error_statuses = {404, 409};  // 403: the monitoring gate's refusal
  subscribe.handler = [](RequestContext& context) -> Result<ApiResponse> {
    nlohmann::json body;
    if (auto failure = ParseJsonBody(context.request(), *schema, body)) return *failure;
    const bool by_identifiers = body.contains("identifiers") && !body["identifiers"].is_null();
    const bool by_id = body.contains("subject_id") && !body["subject_id"].is_null();
    if (by_identifiers == by_id) {
      return MakeError(ErrorCode::kInvalidArgument,
                       "send exactly one of 'identifiers' and 'subject_id'");
    }
    if (by_id && body["subject_id"].get<int64_t>() <= 0) {
      return MakeError(ErrorCode::kInvalidArgument,
                       "field 'subject_id' must be a positive subject id");
    }
    std::string trigger_text = "all";
    if (body.contains("triggers") && body["triggers"].is_string()) {
      trigger_text = body["triggers"].get<std::string>();
    }
    auto triggers = monitor::ParseTriggers(trigger_text);
    if (!triggers.ok()) {
      return MakeError(ErrorCode::kInvalidArgument,
                       "field 'triggers': " + triggers.error().message);
    }
    Date baseline = context.clock().Today();
    if (body.contains("baseline_on") && body["baseline_on"].is_string()) {
      auto date = Date::ParseIso(body["baseline_on"].get<std::string>());
      if (!date.ok()) {
        return MakeError(ErrorCode::kInvalidArgument,
                         "field 'baseline_on' must be a date YYYY-MM-DD: " +
                             date.error().message);
      }
      baseline = *date;
    }
    const std::string institution = context.caller().institution;
    if (institution.empty()) {
      return MakeError(ErrorCode::kPermissionDenied,
                       "subscriptions belong to an institution; call with its API key");
    }
    CREDO_ASSIGN_OR_RETURN(Store * store, context.store());
    SubjectId subject = 0;
    if (by_identifiers) {
      CREDO_ASSIGN_OR_RETURN(subject,
                             ResolveIdentifiers(*store, context.profile(), body["identifiers"]));
    } else {
      subject = body["subject_id"].get<int64_t>();
    }
    monitor::SubscribeRequest request;
    request.institution = institution;
    request.triggers = *triggers;
    request.baseline_on = baseline;
    if (body.contains("purpose") && body["purpose"].is_string()) {
      request.purpose = body["purpose"].get<std::string>();
    }
    if (body.contains("consent_reference") && body["consent_reference"].is_string()) {
      request.consent_reference = body["consent_reference"].get<std::string>();
    }
    request.staff_user = context.caller().id;
    auto subscribed = monitor::Subscribe(*store, ComplianceFor(context), request, {subject});
    if (!subscribed.ok()) {
      if (subscribed.error().code == ErrorCode::kNotFound &&
          subscribed.error().location == "--subject") {
        return MakeError(ErrorCode::kNotFound,
                         "subject " + std::to_string(subject) + " is not in the bureau");
      }
      return subscribed.error();
    }
    const monitor::SubscribeSummary summary = std::move(subscribed).value();
    monitor::Subscription stored;
    CREDO_TRY(store->WithReadTransaction([&](Transaction& transaction) -> Status {
      CREDO_ASSIGN_OR_RETURN(auto all, monitor::ListSubscriptions(transaction, institution));
      for (auto& subscription : all) {
        if (subscription.subject_id == summary.subject_ids.front()) stored = subscription;
      }
      return Ok();
    }));
    ApiResponse response = JsonResponse(
        {{"subscription", SubscriptionJson(stored)}, {"created", summary.added > 0}}, 201);
    response.SetHeader("Location",
                       "/v1/monitor/subscriptions/" + std::to_string(stored.subject_id));
    return response;
  };
  table.Add(std::move(subscribe));

  Route list;
  list.method = "GET";
  list.path = "/v1/monitor/subscriptions";
  list.permission = "alerts.read";
  list.summary = "Monitoring subscriptions by subject id (institutions: their own; analysts: "
                 "one institution's, named by ?institution=)";
  list.tag = "alerts";
  list.query_params = {{"institution", false, "analysts: whose subscriptions (required)"},
                       {"after_id", false, "paging: subjects with a larger id"},
                       {"limit", false, "page size 1..1000 (default 100)"}};
  list.response_summary = "{subscriptions: [...], next_after_id}";
  list.error_statuses = {422};
  list.handler = [](RequestContext& context) -> Result<ApiResponse> {
    const ApiRequest& request = context.request();
    CREDO_TRY(OnlyKnownQuery(request, {"institution", "after_id", "limit"}));
    CREDO_ASSIGN_OR_RETURN(auto after, IntegerQuery(request, "after_id", 0, earlywarn::kMaxId));
    CREDO_ASSIGN_OR_RETURN(auto limit, IntegerQuery(request, "limit", 1, kMaxPage));
    const Caller& caller = context.caller();
    std::string institution;
    if (IsInstitution(caller)) {
      CREDO_ASSIGN_OR_RETURN(institution, ClientInstitution(caller, request));
    } else {
      institution = request.Query("institution").value_or("");
      if (institution.empty()) {
        return MakeError(ErrorCode::kInvalidArgument,
                         "query parameter 'institution' is required for bureau staff: whose "
                         "subscriptions to list");
      }
    }
    CREDO_ASSIGN_OR_RETURN(Store * store, context.store());
    std::vector<monitor::Subscription> subscriptions;
    CREDO_TRY(store->WithReadTransaction([&](Transaction& transaction) -> Status {
      CREDO_ASSIGN_OR_RETURN(subscriptions, monitor::ListSubscriptions(transaction, institution));
      return Ok();
    }));
    const int64_t page = limit.value_or(kDefaultPage);
    nlohmann::json items = nlohmann::json::array();
    nlohmann::json next = nullptr;
    for (const monitor::Subscription& subscription : subscriptions) {
      if (subscription.subject_id <= after.value_or(0)) continue;
      if (static_cast<int64_t>(items.size()) == page) {
        next = items.back()["subject_id"];
        break;
      }
      items.push_back(SubscriptionJson(subscription));
    }
    return JsonResponse({{"subscriptions", items}, {"next_after_id", next}});
  };
  table.Add(std::move(list));

  Route remove;
  remove.method = "DELETE";
  remove.path = "/v1/monitor/subscriptions/{subject_id}";
  remove.permission = "monitor.write";
  remove.summary = "Stop monitoring a subject for the calling institution (alerts already raised "
                   "stay; audited)";
  remove.tag = "alerts";
  remove.response_summary = "{subject_id, unsubscribed: true}";
  remove.error_statuses = {404};
  remove.handler = [](RequestContext& context) -> Result<ApiResponse> {
    CREDO_ASSIGN_OR_RETURN(int64_t subject, PathId(context, "subject_id"));
    const std::string institution = context.caller().institution;
    if (institution.empty()) {
      return MakeError(ErrorCode::kPermissionDenied,
                       "subscriptions belong to an institution; call with its API key");
    }
    CREDO_ASSIGN_OR_RETURN(Store * store, context.store());
    CREDO_TRY(store->WithTransaction([&](Transaction& transaction) -> Status {
      auto removed = monitor::Unsubscribe(transaction, institution, subject);
      if (!removed.ok() && removed.error().code == ErrorCode::kNotFound) {
        return MakeError(ErrorCode::kNotFound, "your institution does not monitor subject " +
                                                   std::to_string(subject));
      }
      return removed;
    }));
    return JsonResponse({{"subject_id", subject}, {"unsubscribed", true}});
  };
  table.Add(std::move(remove));
}

}  // namespace

void AddAlertRoutes(RouteTable& table) {
  AddAlertList(table);
  AddSubscriptionRoutes(table);
}

}  // namespace credo::api
