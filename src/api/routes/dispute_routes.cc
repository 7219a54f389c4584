// Disputes (异议, 征信业管理条例 第25条; FCRA 611) over compliance/disputes.h:
//   GET  /v1/disputes?status=&subject_id=&after_id=&limit=  disputes.read: the queue, with each
//        case's deadline from the profile and the days left
//   GET  /v1/disputes/{id}                                  disputes.read: one case
//   POST /v1/disputes {subject_id, item, reason, statement?}   disputes.write: an operator opens
//        a case on the subject's behalf (the item is marked disputed at once, the furnisher is
//        notified, the deadline runs)
//   POST /v1/disputes/{id}/resolve {outcome, note?, subject_disagrees?, correction?}
//        disputes.write: close it with the furnisher's answer
//   POST /v1/me/disputes {item, reason, statement?}  me.dispute: the data subject disputes an
//        item of their own file
//   GET  /v1/me/disputes                              me.read: the subject's own cases
//   GET  /v1/complaints?subject_id=                   disputes.read: complaints to the regulator
//        (条例 第26条) with their deadline
//   POST /v1/complaints {subject_id, authority, text, dispute_id?}   disputes.write: record one
//   POST /v1/complaints/{id}/resolve {response}        disputes.write: record the reply given
// Every step is audited by the library; refusals name their rule (dispute.item_unknown ...).
#include <algorithm>
#include <memory>
#include <optional>

#include "api/routes/common.h"
#include "api/routes/ops_params.h"
#include "api/routes/routes.h"
#include "compliance/disputes.h"
#include "compliance/items.h"
#include "core/tradeline.h"

namespace credo::api {
namespace {

using routes_internal::ComplianceFor;
using routes_internal::IntegerParam;
using routes_internal::OnlyQueryParams;
using routes_internal::RequireSubject;

constexpr int64_t kMaxId = 999999999999999999;

nlohmann::json DisputeJson(const compliance::DisputeRecord& d, Date today) {
  nlohmann::json item = {{"id", d.id},
                         {"subject_id", d.subject_id},
                         {"item", compliance::FormatItemRef(d.item)},
                         {"item_kind", std::string(compliance::ItemKindName(d.item.kind))},
                         {"reason", d.reason},
                         {"opened_by", d.opened_by},
                         {"by_operator", d.by_operator},
                         {"opened_on", d.opened_on.ToIso()},
                         {"due_on", d.deadline_on.ToIso()},
                         {"status", d.open ? "open" : "closed"},
                         {"outcome", std::string(compliance::DisputeOutcomeName(d.outcome))},
                         {"compliance_condition", d.compliance_condition},
                         {"subject_disagrees", d.subject_disagrees},
                         {"resolved_on", nullptr},
                         {"resolved_by", d.resolved_by}};
  if (d.open) {
    // Days until the last day to answer (0: due today; negative: overdue, and the deadline
    // sweep will suppress the item in the subject's favour).
    int days_left = d.deadline_on.DaysSince(today);
    item["days_left"] = days_left;
    item["overdue"] = days_left < 0;
  } else {
    item["days_left"] = nullptr;
    item["overdue"] = false;
    item["resolved_on"] = d.resolved_on ? nlohmann::json(d.resolved_on->ToIso()) : nullptr;
    item["met_deadline"] = d.MetDeadline(today);
  }
  return item;
}

// The ?subject_id= filter of the lists: 0 (all) stays 0, a merged id follows its redirect, an
// unknown one is 404.
Result<SubjectId> SubjectFilter(Transaction& tx, int64_t subject_id) {
  if (subject_id == 0) return SubjectId{0};
  auto surviving = tx.ResolveSubjectId(subject_id);
  if (!surviving.ok()) {
    return MakeError(ErrorCode::kNotFound,
                     "no subject " + std::to_string(subject_id) + " in the bureau");
  }
  return *surviving;
}

Result<ApiResponse> DisputeResponse(Store& store, int64_t id, Date today, int status = 200) {
  compliance::DisputeRecord record;
  CREDO_TRY(store.WithReadTransaction([&](Transaction& tx) -> Status {
    CREDO_ASSIGN_OR_RETURN(record, compliance::GetDispute(tx, id));
    return Ok();
  }));
  nlohmann::json body = DisputeJson(record, today);
  body["resolution_note"] = record.resolution_note;
  return JsonResponse(body, status);
}

std::shared_ptr<const ObjectSchema> OpenSchema() {
  static const auto schema = std::make_shared<const ObjectSchema>(ObjectSchema{
      "DisputeRequest",
      {{"subject_id", FieldType::kInteger, true, "the subject whose item is disputed"},
       {"item", FieldType::kString, true,
        "tradeline:ID, tradeline:ID:YYYY-MM, public_record:ID or identity:FIELD", 64},
       {"reason", FieldType::kString, true, "what the subject says is wrong", 2000},
       {"statement", FieldType::kString, false,
        "the subject's statement, shown on every later report", 2000}}});
  return schema;
}

std::shared_ptr<const ObjectSchema> OwnSchema() {
  static const auto schema = std::make_shared<const ObjectSchema>(ObjectSchema{
      "OwnDisputeRequest",
      {{"item", FieldType::kString, true,
        "tradeline:ID, tradeline:ID:YYYY-MM, public_record:ID or identity:FIELD", 64},
       {"reason", FieldType::kString, true, "what is wrong", 2000},
       {"statement", FieldType::kString, false, "your statement, shown on every later report",
        2000}}});
  return schema;
}

Result<compliance::DisputeRequest> RequestFrom(const nlohmann::json& body, SubjectId subject,
                                               bool by_operator) {
  compliance::DisputeRequest request;
  request.subject_id = subject;
  auto item = compliance::ParseItemRef(body["item"].get<std::string>());
  if (!item.ok()) {
    return MakeError(ErrorCode::kInvalidArgument, "field 'item': " + item.error().message);
  }
  request.item = *item;
  request.reason = body["reason"].get<std::string>();
  request.by_operator = by_operator;
  if (body.contains("statement") && body["statement"].is_string()) {
    request.statement = body["statement"].get<std::string>();
  }
  return request;
}

std::shared_ptr<const ObjectSchema> ResolveSchema() {
  static const auto correction = std::make_shared<const ObjectSchema>(ObjectSchema{
      "DisputeCorrection",
      {{"account_status", FieldType::kString, false, "Metro 2 account status code (e.g. 11)", 2},
       {"month_status", FieldType::kString, false, "payment status of the month (e.g. 0)", 1},
       {"balance_minor", FieldType::kInteger, false, "corrected balance, minor units"},
       {"past_due_minor", FieldType::kInteger, false, "corrected amount past due, minor units"},
       {"record_status", FieldType::kString, false, "corrected public-record status", 64},
       {"resolved_on", FieldType::kString, false, "corrected public-record resolution day", 10},
       {"identity_value", FieldType::kString, false, "corrected identity value", 256}}});
  static const auto schema = std::make_shared<const ObjectSchema>(ObjectSchema{
      "DisputeResolution",
      {{"outcome", FieldType::kString, true, "corrected, deleted, verified or undeterminable", 32},
       {"note", FieldType::kString, false, "the furnisher's answer, or the findings", 2000},
       {"subject_disagrees", FieldType::kBoolean, false,
        "verified but the subject still disagrees (Metro 2 XC)"},
       {"correction", FieldType::kObject, false, "what the furnisher corrected (corrected only)",
        0, correction}}});
  return schema;
}

Result<compliance::Correction> CorrectionFrom(const nlohmann::json& body) {
  compliance::Correction correction;
  if (!body.contains("correction") || !body["correction"].is_object()) return correction;
  const nlohmann::json& c = body["correction"];
  auto text = [&](const char* name) -> std::optional<std::string> {
    if (!c.contains(name) || !c[name].is_string()) return std::nullopt;
    return c[name].get<std::string>();
  };
  if (auto status = text("account_status")) {
    auto parsed = ParseMetro2AccountStatus(*status);
    if (!parsed.ok()) {
      return MakeError(ErrorCode::kInvalidArgument,
                       "field 'correction.account_status': " + parsed.error().message);
    }
    correction.account_status = *parsed;
  }
  if (auto status = text("month_status")) {
    auto parsed = status->empty() ? Result<PaymentStatus>(MakeError(ErrorCode::kInvalidArgument,
                                                                    "empty"))
                                  : ParsePaymentStatus((*status)[0]);
    if (!parsed.ok()) {
      return MakeError(ErrorCode::kInvalidArgument,
                       "field 'correction.month_status' must be one payment status code (0, 1, "
                       "2 ... 6, G, H, J, K, L, B, D, E)");
    }
    correction.month_status = *parsed;
  }
  if (c.contains("balance_minor") && c["balance_minor"].is_number_integer()) {
    correction.balance = c["balance_minor"].get<int64_t>();
  }
  if (c.contains("past_due_minor") && c["past_due_minor"].is_number_integer()) {
    correction.past_due = c["past_due_minor"].get<int64_t>();
  }
  if (auto status = text("record_status")) correction.record_status = *status;
  if (auto day = text("resolved_on")) {
    auto parsed = Date::ParseIso(*day);
    if (!parsed.ok()) {
      return MakeError(ErrorCode::kInvalidArgument,
                       "field 'correction.resolved_on' must be a date YYYY-MM-DD");
    }
    correction.resolved_on = *parsed;
  }
  if (auto value = text("identity_value")) correction.identity_value = *value;
  return correction;
}

// Opens a case from the request's body and answers 201 with it. An operator names the subject
// in the body (by_operator); the data subject disputes their own file.
Result<ApiResponse> OpenCase(RequestContext& context, const ObjectSchema& schema, bool by_operator,
                             const std::string& location) {
  nlohmann::json body;
  if (auto failure = ParseJsonBody(context.request(), schema, body)) return *failure;
  const SubjectId subject =
      by_operator ? body["subject_id"].get<int64_t>() : context.caller().subject_id;
  CREDO_ASSIGN_OR_RETURN(compliance::DisputeRequest request,
                         RequestFrom(body, subject, by_operator));
  CREDO_ASSIGN_OR_RETURN(Store * store, context.store());
  CREDO_ASSIGN_OR_RETURN(int64_t id,
                         compliance::OpenDispute(*store, ComplianceFor(context), request));
  CREDO_ASSIGN_OR_RETURN(ApiResponse response,
                         DisputeResponse(*store, id, context.clock().Today(), 201));
  response.SetHeader("Location", location.empty() ? "/v1/disputes/" + std::to_string(id)
                                                  : location);
  return response;
}

nlohmann::json ComplaintJson(const compliance::ComplaintRecord& c, Date today) {
  nlohmann::json item = {{"id", c.id},
                         {"subject_id", c.subject_id},
                         {"dispute_id", c.dispute_id == 0 ? nlohmann::json(nullptr)
                                                          : nlohmann::json(c.dispute_id)},
                         {"authority", c.authority},
                         {"text", c.text},
                         {"opened_on", c.opened_on.ToIso()},
                         {"due_on", c.deadline_on.ToIso()},
                         {"status", c.open ? "open" : "closed"},
                         {"response", c.response},
                         {"closed_on", c.closed_on ? nlohmann::json(c.closed_on->ToIso())
                                                   : nlohmann::json(nullptr)},
                         {"met_deadline", c.MetDeadline(today)}};
  return item;
}

Result<ApiResponse> ComplaintResponse(Store& store, int64_t id, Date today, int status) {
  compliance::ComplaintRecord complaint;
  CREDO_TRY(store.WithReadTransaction([&](Transaction& tx) -> Status {
    CREDO_ASSIGN_OR_RETURN(complaint, compliance::GetComplaint(tx, id));
    return Ok();
  }));
  return JsonResponse(ComplaintJson(complaint, today), status);
}

std::shared_ptr<const ObjectSchema> ComplaintSchema() {
  static const auto schema = std::make_shared<const ObjectSchema>(ObjectSchema{
      "ComplaintRequest",
      {{"subject_id", FieldType::kInteger, true, "the subject who complained"},
       {"authority", FieldType::kString, true, "the authority it was made to (e.g. a PBOC branch)",
        200},
       {"text", FieldType::kString, true, "what it says (kept encrypted)", 4000},
       {"dispute_id", FieldType::kInteger, false, "the dispute case it is about, if any"}}});
  return schema;
}

std::shared_ptr<const ObjectSchema> ComplaintReplySchema() {
  static const auto schema = std::make_shared<const ObjectSchema>(ObjectSchema{
      "ComplaintReply", {{"response", FieldType::kString, true, "the reply given", 4000}}});
  return schema;
}

}  // namespace

void AddDisputeRoutes(RouteTable& table) {
  Route list;
  list.method = "GET";
  list.path = "/v1/disputes";
  list.permission = "disputes.read";
  list.summary = "The disputes queue: each case with its deadline from the profile (CN 20 days, "
                 "US 30 days) and the days left; open cases soonest due first";
  list.tag = "disputes";
  list.query_params = {{"status", false, "open (default), closed or all"},
                       {"subject_id", false, "only this subject's disputes"},
                       {"after_id", false, "page after this dispute id (in the list's order)"},
                       {"limit", false, "1-500, default 100"}};
  list.response_summary = "{disputes: [{id, subject_id, item, reason, opened_on, due_on, "
                          "days_left, overdue, status, outcome, compliance_condition}], "
                          "deadline_days, as_of, next_after_id}";
  list.error_statuses = {404, 422};
  list.handler = [](RequestContext& context) -> Result<ApiResponse> {
    const ApiRequest& request = context.request();
    CREDO_TRY(OnlyQueryParams(request, {"status", "subject_id", "after_id", "limit"}));
    std::string status = request.Query("status").value_or("open");
    if (status != "open" && status != "closed" && status != "all") {
      return MakeError(ErrorCode::kInvalidArgument,
                       "query parameter 'status' must be open, closed or all");
    }
    CREDO_ASSIGN_OR_RETURN(int64_t subject_id, IntegerParam(request, "subject_id", 0, 1, kMaxId));
    CREDO_ASSIGN_OR_RETURN(int64_t after_id, IntegerParam(request, "after_id", 0, 1, kMaxId));
    CREDO_ASSIGN_OR_RETURN(int64_t limit, IntegerParam(request, "limit", 100, 1, 500));
    CREDO_ASSIGN_OR_RETURN(Store * store, context.store());
    std::vector<compliance::DisputeRecord> disputes;
    CREDO_TRY(store->WithReadTransaction([&](Transaction& tx) -> Status {
      CREDO_ASSIGN_OR_RETURN(SubjectId subject, SubjectFilter(tx, subject_id));
      CREDO_ASSIGN_OR_RETURN(disputes, compliance::ListDisputes(tx, subject, status == "open"));
      return Ok();
    }));
    if (status == "closed") {
      std::erase_if(disputes, [](const compliance::DisputeRecord& d) { return d.open; });
    }
    // Open cases first, soonest due first; closed ones newest first; ties by id.
    std::stable_sort(disputes.begin(), disputes.end(),
                     [](const compliance::DisputeRecord& a, const compliance::DisputeRecord& b) {
                       if (a.open != b.open) return a.open;
                       if (a.open) {
                         if (a.deadline_on != b.deadline_on) return a.deadline_on < b.deadline_on;
                         return a.id < b.id;
                       }
                       return a.id > b.id;
                     });
    size_t start = 0;
    if (after_id != 0) {
      auto found = std::find_if(disputes.begin(), disputes.end(),
                                [&](const auto& d) { return d.id == after_id; });
      if (found == disputes.end()) {
        return MakeError(ErrorCode::kInvalidArgument,
                         "query parameter 'after_id': dispute " + std::to_string(after_id) +
                             " is not in this list; page with the next_after_id given");
      }
      start = static_cast<size_t>(found - disputes.begin()) + 1;
    }
    const Date today = context.clock().Today();
    nlohmann::json items = nlohmann::json::array();
    size_t end = std::min(disputes.size(), start + static_cast<size_t>(limit));
    for (size_t i = start; i < end; ++i) items.push_back(DisputeJson(disputes[i], today));
    nlohmann::json next = nullptr;
    if (end < disputes.size() && end > start) next = disputes[end - 1].id;
    return JsonResponse({{"disputes", items},
                         {"deadline_days", context.profile().dispute_days},
                         {"as_of", today.ToIso()},
                         {"next_after_id", next}});
  };
  table.Add(std::move(list));

  Route show;
  show.method = "GET";
  show.path = "/v1/disputes/{id}";
  show.permission = "disputes.read";
  show.summary = "One dispute case: its item, reason, deadline, outcome and the furnisher's answer";
  show.tag = "disputes";
  show.response_summary = "{id, subject_id, item, reason, opened_on, due_on, status, outcome, "
                          "compliance_condition, resolution_note}";
  show.error_statuses = {404, 422};
  show.handler = [](RequestContext& context) -> Result<ApiResponse> {
    CREDO_TRY(OnlyQueryParams(context.request(), {}));
    CREDO_ASSIGN_OR_RETURN(int64_t id, PathId(context, "id"));
    CREDO_ASSIGN_OR_RETURN(Store * store, context.store());
    return DisputeResponse(*store, id, context.clock().Today());
  };
  table.Add(std::move(show));

  Route open;
  open.method = "POST";
  open.path = "/v1/disputes";
  open.permission = "disputes.write";
  open.summary = "Open a dispute on the subject's behalf: the item is marked disputed on every "
                 "report at once (XB), the furnisher is notified and the profile's deadline runs";
  open.tag = "disputes";
  open.request_schema = OpenSchema();
  open.success_status = 201;
  open.response_summary = "the case as opened (as GET /v1/disputes/{id})";
  open.error_statuses = {404, 409, 422};
  open.handler = [](RequestContext& context) -> Result<ApiResponse> {
    return OpenCase(context, *OpenSchema(), true, "");
  };
  table.Add(std::move(open));

  Route resolve;
  resolve.method = "POST";
  resolve.path = "/v1/disputes/{id}/resolve";
  resolve.permission = "disputes.write";
  resolve.summary = "Close a dispute with the furnisher's answer: corrected (with the correction), "
                    "deleted, verified (XC when the subject still disagrees) or undeterminable";
  resolve.tag = "disputes";
  resolve.request_schema = ResolveSchema();
  resolve.response_summary = "the closed case (as GET /v1/disputes/{id})";
  resolve.error_statuses = {404, 409, 422};
  resolve.handler = [](RequestContext& context) -> Result<ApiResponse> {
    nlohmann::json body;
    if (auto failure = ParseJsonBody(context.request(), *ResolveSchema(), body)) return *failure;
    CREDO_ASSIGN_OR_RETURN(int64_t id, PathId(context, "id"));
    compliance::DisputeResolution resolution;
    auto outcome = compliance::ParseDisputeOutcome(body["outcome"].get<std::string>());
    if (!outcome.ok()) {
      return MakeError(ErrorCode::kInvalidArgument, "field 'outcome': " + outcome.error().message);
    }
    resolution.outcome = *outcome;
    if (body.contains("note") && body["note"].is_string()) {
      resolution.note = body["note"].get<std::string>();
    }
    if (body.contains("subject_disagrees") && body["subject_disagrees"].is_boolean()) {
      resolution.subject_disagrees = body["subject_disagrees"].get<bool>();
    }
    CREDO_ASSIGN_OR_RETURN(resolution.correction, CorrectionFrom(body));
    CREDO_ASSIGN_OR_RETURN(Store * store, context.store());
    CREDO_TRY(compliance::ResolveDispute(*store, ComplianceFor(context), id, resolution));
    return DisputeResponse(*store, id, context.clock().Today());
  };
  table.Add(std::move(resolve));

  Route own;
  own.method = "POST";
  own.path = "/v1/me/disputes";
  own.permission = "me.dispute";
  own.summary = "Dispute an item of your own file: it is marked disputed on every report at once, "
                "the furnisher is notified and must answer within the profile's deadline";
  own.tag = "me";
  own.request_schema = OwnSchema();
  own.success_status = 201;
  own.response_summary = "the case as opened";
  own.error_statuses = {404, 409, 422};
  own.handler = [](RequestContext& context) -> Result<ApiResponse> {
    CREDO_TRY(RequireSubject(context.caller()));
    return OpenCase(context, *OwnSchema(), false, "/v1/me/disputes");
  };
  table.Add(std::move(own));

  Route own_list;
  own_list.method = "GET";
  own_list.path = "/v1/me/disputes";
  own_list.permission = "me.read";
  own_list.summary = "Your own disputes, open and closed, with their deadlines and outcomes";
  own_list.tag = "me";
  own_list.response_summary = "{disputes: [...], deadline_days}";
  own_list.handler = [](RequestContext& context) -> Result<ApiResponse> {
    CREDO_TRY(RequireSubject(context.caller()));
    CREDO_TRY(OnlyQueryParams(context.request(), {}));
    CREDO_ASSIGN_OR_RETURN(Store * store, context.store());
    std::vector<compliance::DisputeRecord> disputes;
    CREDO_TRY(store->WithReadTransaction([&](Transaction& tx) -> Status {
      CREDO_ASSIGN_OR_RETURN(disputes,
                             compliance::ListDisputes(tx, context.caller().subject_id, false));
      return Ok();
    }));
    nlohmann::json items = nlohmann::json::array();
    for (const auto& d : disputes) {
      nlohmann::json item = DisputeJson(d, context.clock().Today());
      item.erase("opened_by");
      item.erase("resolved_by");  // staff names stay with the bureau
      items.push_back(std::move(item));
    }
    return JsonResponse({{"disputes", items}, {"deadline_days", context.profile().dispute_days}});
  };
  table.Add(std::move(own_list));

  Route complaints;
  complaints.method = "GET";
  complaints.path = "/v1/complaints";
  complaints.permission = "disputes.read";
  complaints.summary = "Complaints to the regulator (条例 第26条), each with its deadline";
  complaints.tag = "disputes";
  complaints.query_params = {{"subject_id", false, "only this subject's complaints"}};
  complaints.response_summary = "{complaints: [{id, subject_id, dispute_id, authority, text, "
                                "opened_on, due_on, status, response, closed_on}]}";
  complaints.error_statuses = {404, 422};
  complaints.handler = [](RequestContext& context) -> Result<ApiResponse> {
    CREDO_TRY(OnlyQueryParams(context.request(), {"subject_id"}));
    CREDO_ASSIGN_OR_RETURN(int64_t subject_id,
                           IntegerParam(context.request(), "subject_id", 0, 1, kMaxId));
    CREDO_ASSIGN_OR_RETURN(Store * store, context.store());
    std::vector<compliance::ComplaintRecord> all;
    CREDO_TRY(store->WithReadTransaction([&](Transaction& tx) -> Status {
      CREDO_ASSIGN_OR_RETURN(SubjectId subject, SubjectFilter(tx, subject_id));
      CREDO_ASSIGN_OR_RETURN(all, compliance::ListComplaints(tx, subject));
      return Ok();
    }));
    nlohmann::json items = nlohmann::json::array();
    for (const auto& c : all) items.push_back(ComplaintJson(c, context.clock().Today()));
    return JsonResponse({{"complaints", items}});
  };
  table.Add(std::move(complaints));

  Route complain;
  complain.method = "POST";
  complain.path = "/v1/complaints";
  complain.permission = "disputes.write";
  complain.summary = "Record a complaint a subject made to the regulator, with its deadline, "
                     "linked to a dispute case when it is about one (audited)";
  complain.tag = "disputes";
  complain.request_schema = ComplaintSchema();
  complain.success_status = 201;
  complain.response_summary = "the complaint as recorded";
  complain.error_statuses = {404, 422};
  complain.handler = [](RequestContext& context) -> Result<ApiResponse> {
    nlohmann::json body;
    if (auto failure = ParseJsonBody(context.request(), *ComplaintSchema(), body)) return *failure;
    compliance::ComplaintRequest request;
    request.subject_id = body["subject_id"].get<int64_t>();
    request.authority = body["authority"].get<std::string>();
    request.text = body["text"].get<std::string>();
    if (body.contains("dispute_id") && body["dispute_id"].is_number_integer()) {
      request.dispute_id = body["dispute_id"].get<int64_t>();
    }
    CREDO_ASSIGN_OR_RETURN(Store * store, context.store());
    CREDO_ASSIGN_OR_RETURN(int64_t id,
                           compliance::OpenComplaint(*store, ComplianceFor(context), request));
    return ComplaintResponse(*store, id, context.clock().Today(), 201);
  };
  table.Add(std::move(complain));

  Route reply;
  reply.method = "POST";
  reply.path = "/v1/complaints/{id}/resolve";
  reply.permission = "disputes.write";
  reply.summary = "Close a complaint with the reply given (audited)";
  reply.tag = "disputes";
  reply.request_schema = ComplaintReplySchema();
  reply.response_summary = "the closed complaint";
  reply.error_statuses = {404, 409, 422};
  reply.handler = [](RequestContext& context) -> Result<ApiResponse> {
    nlohmann::json body;
    if (auto failure = ParseJsonBody(context.request(), *ComplaintReplySchema(), body)) {
      return *failure;
    }
    CREDO_ASSIGN_OR_RETURN(int64_t id, PathId(context, "id"));
    CREDO_ASSIGN_OR_RETURN(Store * store, context.store());
    CREDO_TRY(compliance::ResolveComplaint(*store, ComplianceFor(context), id,
                                           body["response"].get<std::string>()));
    return ComplaintResponse(*store, id, context.clock().Today(), 200);
  };
  table.Add(std::move(reply));
}

}  // namespace credo::api
