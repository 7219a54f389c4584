// GET /v1/me/report and GET /v1/me/inquiries: the data subject's own view (a self-query: one of
// the profile's free ones, a paid one, or the free one after an adverse action notice; every
// inquiry, hard and soft, shown to the subject).
#include "api/routes/common.h"
#include "api/routes/routes.h"
#include "compliance/read_gate.h"
#include "report/report.h"

namespace credo::api {
namespace {

using routes_internal::ComplianceFor;
using routes_internal::LangParameter;
using routes_internal::NegotiateReportFormat;
using routes_internal::ReportNotAcceptable;
using routes_internal::RequireSubject;

// ?right=free|paid|adverse_action, ?reference= (the receipt number, or who sent the adverse
// action notice) and ?notice_on=YYYY-MM-DD (the notice's date): which right the self-query uses
// (compliance/read_gate.h SelfQueryBasis); the read gate checks them.
Status ReadSelfQueryRight(const ApiRequest& request, compliance::ReadRequest& read) {
  if (auto right = request.Query("right")) {
    CREDO_ASSIGN_OR_RETURN(read.self_query_basis, compliance::ParseSelfQueryBasis(*right));
  }
  if (auto reference = request.Query("reference")) read.self_query_reference = *reference;
  if (auto notice_on = request.Query("notice_on")) {
    auto day = Date::ParseIso(*notice_on);
    if (!day.ok()) {
      return MakeError(ErrorCode::kInvalidArgument,
                       "notice_on must be a date YYYY-MM-DD, not \"" + *notice_on + "\"");
    }
    read.adverse_action_notice_on = *day;
  }
  return Ok();
}

}  // namespace

void AddMeRoutes(RouteTable& table) {
  Route own_report;
  own_report.method = "GET";
  own_report.path = "/v1/me/report";
  own_report.permission = "me.read";
  own_report.summary = "The subject's own report (a self-query, recorded; one of the year's "
                       "free ones unless ?right=paid or, where the profile gives it, "
                       "?right=adverse_action)";
  own_report.tag = "me";
  own_report.query_params = {
      {"lang", false, "zh or en"},
      {"right", false, "free (default: one of the year's free self-queries), paid or adverse_action"},
      {"reference", false,
       "right=paid: the payment's receipt number; right=adverse_action: who sent the notice"},
      {"notice_on", false, "right=adverse_action: the notice's date, YYYY-MM-DD"}};
  own_report.produces = {"application/json", "text/html", "application/pdf"};
  own_report.response_summary = "the subject's report";
  own_report.error_statuses = {403, 406, 422, 429};
  own_report.handler = [](RequestContext& context) -> Result<ApiResponse> {
    CREDO_TRY(RequireSubject(context.caller()));
    std::string media = NegotiateReportFormat(context.request());
    if (media.empty()) return ReportNotAcceptable();
    CREDO_ASSIGN_OR_RETURN(std::string lang, LangParameter(context.request()));
    CREDO_ASSIGN_OR_RETURN(Store * store, context.store());
    report::ReportRequest request;
    request.read.subject_id = context.caller().subject_id;
    request.read.institution = std::string(compliance::kSelfQueryInstitution);
    request.read.staff_user = context.caller().id;
    request.read.purpose = std::string(compliance::kSelfQueryPurpose);
    CREDO_TRY(ReadSelfQueryRight(context.request(), request.read));
    request.lang = lang;
    request.viewer = compliance::ViewerKind::kSubject;
    compliance::ComplianceContext compliance = ComplianceFor(context);
    compliance.record_writer = context.services().record_writer;  // group commit (report_routes)
    CREDO_ASSIGN_OR_RETURN(report::IssuedReport issued,
                           report::IssueReport(*store, compliance, request));
    ApiResponse response;
    if (media == "application/pdf") {
      CREDO_ASSIGN_OR_RETURN(response.body, report::RenderPdf(issued, lang));
      response.content_type = "application/pdf";
    } else if (media == "text/html") {
      response.body = report::RenderHtml(issued, lang);
      response.content_type = "text/html; charset=utf-8";
    } else {
      response.body = report::RenderIssuedJson(issued);
    }
    return response;
  };
  table.Add(std::move(own_report));

  Route inquiries;
  inquiries.method = "GET";
  inquiries.path = "/v1/me/inquiries";
  inquiries.permission = "me.read";
  inquiries.summary = "Who queried the subject's file, when and why (hard and soft inquiries)";
  inquiries.tag = "me";
  inquiries.response_summary =
      "{inquiries: [{inquiry_id, institution, purpose, kind, "
      "queried_on, legal_basis, order_reference (court orders), right, reference, notice_on "
      "(self-queries)}]}";
  inquiries.handler = [](RequestContext& context) -> Result<ApiResponse> {
    CREDO_TRY(RequireSubject(context.caller()));
    CREDO_ASSIGN_OR_RETURN(Store * store, context.store());
    compliance::ComplianceContext compliance = ComplianceFor(context);
    nlohmann::json list = nlohmann::json::array();
    CREDO_TRY(store->WithReadTransaction([&](Transaction& tx) -> Status {
      CREDO_ASSIGN_OR_RETURN(auto records,
                             compliance::ListQueryRecords(tx, compliance, context.caller().subject_id,
                                                          compliance::ViewerKind::kSubject));
      for (const compliance::QueryRecord& record : records) {
        list.push_back({{"inquiry_id", record.inquiry_id},
                        {"institution", record.institution},
                        {"purpose", record.purpose},
                        {"kind", record.kind == InquiryKind::kHard ? "hard" : "soft"},
                        {"queried_on", record.queried_on.ToIso()},
                        {"legal_basis", record.legal_basis}});
        // A read under a court order shows the order it was made under (read_gate.h).
        if (!record.order_reference.empty()) {
          list.back()["order_reference"] = record.order_reference;
        }
        // A self-query shows the right it used (read_gate.h SelfQueryBasis).
        if (!record.self_query_basis.empty()) {
          list.back()["right"] = record.self_query_basis;
          if (!record.self_query_reference.empty()) {
            list.back()["reference"] = record.self_query_reference;
          }
          if (record.adverse_action_notice_on) {
            list.back()["notice_on"] = record.adverse_action_notice_on->ToIso();
          }
        }
      }
      return Ok();
    }));
    return JsonResponse({{"inquiries", list}});
  };
  table.Add(std::move(inquiries));
}

}  // namespace credo::api
