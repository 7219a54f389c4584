// POST /v1/inquiries (a report for a stated purpose and consent), GET /v1/reports/{id} (a kept
// report again, as issued) and POST /v1/scores (the score only), over report/report.h. The
// compliance gate inside the report module decides purpose, consent and restricted data; the
// report module decides who may fetch a kept report.
#include "api/routes/common.h"
#include "api/routes/routes.h"
#include "api/server/errors.h"
#include "api/server/metrics.h"
#include "report/report.h"

namespace credo::api {
namespace {

using routes_internal::ComplianceFor;
using routes_internal::IdentifierSchema;
using routes_internal::InstitutionFor;
using routes_internal::LangParameter;
using routes_internal::NegotiateReportFormat;
using routes_internal::ReportNotAcceptable;
using routes_internal::ResolveIdentifiers;

std::shared_ptr<const ObjectSchema> ReadSchema(const std::string& name) {
  return std::make_shared<const ObjectSchema>(ObjectSchema{
      name,
      {{"identifiers", FieldType::kObjectArray, true,
        "identifiers of the subject (resolved through the blind index)", 128, IdentifierSchema()},
       {"purpose", FieldType::kString, true, "a permissible purpose code of the profile", 64},
       {"consent_reference", FieldType::kString, false,
        "the consent relied on; absent: any valid consent on file", 128},
       {"order_reference", FieldType::kString, false,
        "purpose court_order only, and required there: the case or order number of the court "
        "order the read is made under (kept in the query record, shown to the subject)",
        128},
       {"staff_user", FieldType::kString, false,
        "the person at the institution making the query (default: the API client)", 64},
       {"lang", FieldType::kString, false, "zh or en (default: the profile's)", 2}}});
}

const auto& InquirySchema() {
  static const auto schema = ReadSchema("InquiryRequest");
  return schema;
}
const auto& ScoreSchema() {
  static const auto schema = ReadSchema("ScoreRequest");
  return schema;
}

// The report in the negotiated format.
Result<ApiResponse> Render(const report::IssuedReport& issued, const std::string& media,
                           const std::string& lang, int status) {
  ApiResponse response;
  response.status = status;
  if (media == "application/pdf") {
    CREDO_ASSIGN_OR_RETURN(response.body, report::RenderPdf(issued, lang));
    response.content_type = "application/pdf";
  } else if (media == "text/html") {
    response.body = report::RenderHtml(issued, lang);
    response.content_type = "text/html; charset=utf-8";
  } else {
    response.body = report::RenderIssuedJson(issued);
    response.content_type = "application/json";
  }
  response.SetHeader("Location", "/v1/reports/" + std::to_string(issued.report_id));
  return response;
}

Result<compliance::ReadRequest> ReadRequestFrom(RequestContext& context, const nlohmann::json& body,
                                                Store& store) {
  compliance::ReadRequest read;
  CREDO_ASSIGN_OR_RETURN(read.subject_id,
                         ResolveIdentifiers(store, context.profile(), body["identifiers"]));
  read.institution = InstitutionFor(context.caller());
  read.staff_user = body.contains("staff_user") && body["staff_user"].is_string()
                        ? body["staff_user"].get<std::string>()
                        : context.caller().id;
  read.purpose = body["purpose"].get<std::string>();
  if (body.contains("consent_reference") && body["consent_reference"].is_string()) {
    read.consent_reference = body["consent_reference"].get<std::string>();
  }
  if (body.contains("order_reference") && body["order_reference"].is_string()) {
    read.order_reference = body["order_reference"].get<std::string>();
  }
  return read;
}

// The compliance context of a read this route answers: records go through the server's
// group-commit writer (api/server/group_commit.h) when it has one.
compliance::ComplianceContext RecordingComplianceFor(RequestContext& context) {
  compliance::ComplianceContext compliance = ComplianceFor(context);
  compliance.record_writer = context.services().record_writer;
  return compliance;
}

Result<std::string> BodyLang(const nlohmann::json& body, const ApiRequest& request) {
  CREDO_ASSIGN_OR_RETURN(std::string lang, LangParameter(request));
  if (body.contains("lang") && body["lang"].is_string()) {
    std::string named = body["lang"].get<std::string>();
    if (named != "zh" && named != "en") {
      return MakeError(ErrorCode::kInvalidArgument, "field 'lang' must be zh or en");
    }
    lang = named;
  }
  return lang;
}

}  // namespace

void AddReportRoutes(RouteTable& table) {
  Route inquiry;
  inquiry.method = "POST";
  inquiry.path = "/v1/inquiries";
  inquiry.permission = "reports.issue";
  inquiry.summary = "Issue a credit report: resolves the subject, checks purpose and consent, "
                    "records the inquiry and returns the report (JSON, or HTML / PDF by Accept)";
  inquiry.tag = "reports";
  inquiry.request_schema = InquirySchema();
  inquiry.query_params = {{"lang", false, "zh or en (overrides the body's lang)"}};
  inquiry.produces = {"application/json", "text/html", "application/pdf"};
  inquiry.success_status = 201;
  inquiry.response_summary = "the report as issued; Location names /v1/reports/{id}";
  inquiry.error_statuses = {404, 406, 409, 429};
  inquiry.handler = [](RequestContext& context) -> Result<ApiResponse> {
    std::string media = NegotiateReportFormat(context.request());
    if (media.empty()) return ReportNotAcceptable();
    nlohmann::json body;
    if (auto failure = ParseJsonBody(context.request(), *InquirySchema(), body)) return *failure;
    CREDO_ASSIGN_OR_RETURN(std::string lang, BodyLang(body, context.request()));
    CREDO_ASSIGN_OR_RETURN(Store * store, context.store());
    report::ReportRequest request;
    CREDO_ASSIGN_OR_RETURN(request.read, ReadRequestFrom(context, body, *store));
    request.lang = lang;
    request.viewer = compliance::ViewerKind::kInstitution;
    CREDO_ASSIGN_OR_RETURN(report::IssuedReport issued,
                           report::IssueReport(*store, RecordingComplianceFor(context), request));
    context.services().metrics->AddCounter("credo_reports_issued_total",
                                           "Reports issued through the API.", "");
    return Render(issued, media, lang, 201);
  };
  table.Add(std::move(inquiry));

  Route fetch;
  fetch.method = "GET";
  fetch.path = "/v1/reports/{id}";
  fetch.permission = "reports.fetch";
  fetch.summary = "A kept report exactly as issued: to the institution that issued it, the "
                  "subject, or an auditor, within the query-record period";
  fetch.tag = "reports";
  fetch.query_params = {{"lang", false, "zh or en for HTML and PDF (default: as issued)"}};
  fetch.produces = {"application/json", "text/html", "application/pdf"};
  fetch.response_summary = "the report as issued";
  fetch.error_statuses = {404, 406};
  fetch.handler = [](RequestContext& context) -> Result<ApiResponse> {
    std::string media = NegotiateReportFormat(context.request());
    if (media.empty()) return ReportNotAcceptable();
    CREDO_ASSIGN_OR_RETURN(int64_t id, PathId(context, "id"));
    CREDO_ASSIGN_OR_RETURN(std::string lang, LangParameter(context.request()));
    const Caller& caller = context.caller();
    report::ReportViewerIdentity viewer;
    if (caller.kind == CallerKind::kClient) {
      viewer.kind = compliance::ViewerKind::kInstitution;
      viewer.institution = caller.institution;
    } else if (caller.kind == CallerKind::kSubject) {
      viewer.kind = compliance::ViewerKind::kSubject;
      viewer.subject_id = caller.subject_id;
    } else {
      viewer.kind = compliance::ViewerKind::kAuditor;
    }
    CREDO_ASSIGN_OR_RETURN(Store * store, context.store());
    CREDO_ASSIGN_OR_RETURN(report::IssuedReport issued,
                           report::FetchIssuedReport(*store, ComplianceFor(context), id, viewer));
    return Render(issued, media, lang, 200);
  };
  table.Add(std::move(fetch));

  Route score;
  score.method = "POST";
  score.path = "/v1/scores";
  score.permission = "scores.issue";
  score.summary = "The score only: same purpose and consent rules as a report; the read is "
                  "recorded";
  score.tag = "reports";
  score.request_schema = ScoreSchema();
  score.response_summary = "{score, range, model_id, reasons, ...} or available: false with why";
  score.error_statuses = {404, 409, 429};
  score.handler = [](RequestContext& context) -> Result<ApiResponse> {
    nlohmann::json body;
    if (auto failure = ParseJsonBody(context.request(), *ScoreSchema(), body)) return *failure;
    CREDO_ASSIGN_OR_RETURN(std::string lang, BodyLang(body, context.request()));
    CREDO_ASSIGN_OR_RETURN(Store * store, context.store());
    report::ScoreRequest request;
    CREDO_ASSIGN_OR_RETURN(request.read, ReadRequestFrom(context, body, *store));
    request.lang = lang;
    CREDO_ASSIGN_OR_RETURN(report::ScoreResult result,
                           report::IssueScore(*store, RecordingComplianceFor(context), request));
    context.services().metrics->AddCounter("credo_scores_issued_total",
                                           "Scores issued through the API.", "");
    ApiResponse response;
    response.body = report::RenderScoreJson(result);
    return response;
  };
  table.Add(std::move(score));
}

}  // namespace credo::api
