// Subjects for operators:
//   GET  /v1/subjects?identifier_kind=&identifier=  by one identifier (blind index)
//   GET  /v1/subjects/search?name=                  by name (blind index on the normalised name;
//                                                   a Han name is also looked up as pinyin)
//   GET  /v1/subjects/{id}                          kind, display name, masked identifiers and
//                                                   counts; a merged id redirects (308)
//   POST /v1/subjects/{id}/report                   the report, read by bureau staff under an
//                                                   operator purpose (dispute or complaint
//                                                   handling), through the compliance gate;
//                                                   identifiers masked as an institution sees
//                                                   them
// Every operator look at a subject is recorded: the report through the gate's query log (with
// the staff user, shown to the subject); lookup and search hits and identity views through
// compliance::RecordStaffAccess into the audit log (征信业管理条例 第22条: staff queries are
// logged with name, time, content and purpose).
#include <algorithm>
#include <set>

#include "api/routes/common.h"
#include "api/routes/ops_params.h"
#include "api/routes/routes.h"
#include "api/server/errors.h"
#include "api/server/metrics.h"
#include "compliance/disputes.h"
#include "compliance/operator_access.h"
#include "ingest/standardize/name.h"
#include "monitor/alerts.h"
#include "report/report.h"

namespace credo::api {
namespace {

using routes_internal::ComplianceFor;
using routes_internal::NegotiateReportFormat;
using routes_internal::OnlyQueryParams;
using routes_internal::ReportNotAcceptable;

constexpr size_t kMaxSearchResults = 50;

std::string KindName(SubjectKind kind) {
  return kind == SubjectKind::kPerson ? "person" : "organization";
}

std::string DisplayName(const Subject& subject) {
  if (subject.kind == SubjectKind::kOrganization) return subject.organization.name;
  const Person& p = subject.person;
  if (!p.full_name.empty()) return p.full_name;
  if (p.family_name.empty()) return p.given_name;
  if (p.given_name.empty()) return p.family_name;
  return p.family_name + " " + p.given_name;
}

nlohmann::json MaskedIdentifiers(const Subject& subject) {
  nlohmann::json out = nlohmann::json::array();
  const auto& identifiers = subject.kind == SubjectKind::kPerson ? subject.person.identifiers
                                                                 : subject.organization.identifiers;
  for (const Identifier& identifier : identifiers) {
    out.push_back({{"kind", std::string(IdentifierKindName(identifier.kind))},
                   {"masked", MaskIdentifier(identifier.value)}});
  }
  const auto& phones =
      subject.kind == SubjectKind::kPerson ? subject.person.phones : subject.organization.phones;
  for (const std::string& phone : phones) {
    out.push_back({{"kind", "phone"}, {"masked", MaskIdentifier(phone)}});
  }
  if (subject.kind == SubjectKind::kPerson) {
    for (const std::string& email : subject.person.emails) {
      out.push_back({{"kind", "email"}, {"masked", MaskIdentifier(email)}});
    }
  }
  return out;
}

// The forms of a name the blind index may hold it under: as written, standardised (NFKC, Han
// without spaces) and, for a Han name, its toneless pinyin ("张伟" -> "zhang wei"). The store
// normalises each (case, spaces) before hashing.
std::vector<std::string> NameVariants(const std::string& name) {
  std::vector<std::string> variants = {name};
  auto add = [&](const Result<std::string>& form) {
    if (form.ok() && !form->empty() &&
        std::find(variants.begin(), variants.end(), *form) == variants.end()) {
      variants.push_back(*form);
    }
  };
  add(ingest::StandardizePersonName(name));
  if (ingest::ContainsHan(name)) add(ingest::HanToPinyin(name));
  return variants;
}

Result<std::string> SearchName(const ApiRequest& request) {
  CREDO_TRY(OnlyQueryParams(request, {"name"}));
  auto name = request.Query("name");
  if (!name) return MakeError(ErrorCode::kInvalidArgument, "query parameter 'name' is required");
  size_t first = name->find_first_not_of(" \t");
  if (first == std::string::npos) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "query parameter 'name' is empty; give a person's full name or a company's "
                     "registered name");
  }
  if (name->size() > 200) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "query parameter 'name' has at most 200 bytes");
  }
  for (unsigned char c : *name) {
    if (c < 0x20 || c == 0x7f) {
      return MakeError(ErrorCode::kInvalidArgument,
                       "query parameter 'name' holds a control character");
    }
  }
  return *name;
}

std::shared_ptr<const ObjectSchema> OperatorReportSchema() {
  static const auto schema = std::make_shared<const ObjectSchema>(ObjectSchema{
      "OperatorReportRequest",
      {{"purpose", FieldType::kString, true,
        "an operator purpose of the profile: dispute_handling (CN 条例 第25条, US FCRA 611) or "
        "complaint_handling (CN 条例 第26条)",
        64},
       {"lang", FieldType::kString, false, "zh or en (default: the profile's)", 2},
       {"dispute_id", FieldType::kInteger, false,
        "dispute_handling: the open dispute of this subject being handled (default: any open "
        "one)"},
       {"complaint_id", FieldType::kInteger, false,
        "complaint_handling: the open complaint of this subject being answered"}}});
  return schema;
}

Result<ApiResponse> RenderReport(const report::IssuedReport& issued, const std::string& media,
                                 const std::string& lang) {
  ApiResponse response;
  response.status = 201;
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
  return response;
}

Route LookupRoute() {
  Route lookup;
  lookup.method = "GET";
  lookup.path = "/v1/subjects";
  lookup.permission = "subjects.lookup";
  lookup.summary = "Find subjects by one identifier (through the keyed blind index; the "
                   "identifier itself is never stored in clear). Each hit is recorded in the "
                   "audit log as a staff access";
  lookup.tag = "subjects";
  lookup.query_params = {{"identifier_kind", true,
                          "cn_resident_id, cn_uscc, us_ssn, us_ein, phone, email, "
                          "account_number or other"},
                         {"identifier", true, "the identifier as written"}};
  lookup.response_summary = "{subjects: [{subject_id, kind}]}";
  lookup.error_statuses = {422};
  lookup.handler = [](RequestContext& context) -> Result<ApiResponse> {
    const ApiRequest& request = context.request();
    auto kind_name = request.Query("identifier_kind");
    auto value = request.Query("identifier");
    if (!kind_name || !value) {
      return MakeError(ErrorCode::kInvalidArgument,
                       "query parameters identifier_kind and identifier are both required");
    }
    CREDO_TRY(OnlyQueryParams(request, {"identifier_kind", "identifier"}));
    CREDO_ASSIGN_OR_RETURN(IdentifierKind kind, ParseIdentifierKind(*kind_name));
    auto identifier = MakeIdentifier(kind, *value, context.profile().default_country);
    if (!identifier.ok()) {
      return MakeError(ErrorCode::kInvalidArgument,
                       "identifier (" + MaskIdentifier(*value) + ") is not a valid " +
                           *kind_name + ": " + identifier.error().message);
    }
    CREDO_ASSIGN_OR_RETURN(Store * store, context.store());
    const compliance::ComplianceContext compliance = ComplianceFor(context);
    nlohmann::json subjects = nlohmann::json::array();
    CREDO_TRY(store->WithTransaction([&](Transaction& tx) -> Status {
      CREDO_ASSIGN_OR_RETURN(std::vector<SubjectId> ids, tx.FindSubjectsByIdentifier(*identifier));
      for (SubjectId id : ids) {
        CREDO_ASSIGN_OR_RETURN(Subject subject, tx.GetSubject(id));
        subjects.push_back({{"subject_id", id}, {"kind", KindName(subject.kind)}});
        CREDO_TRY(compliance::RecordStaffAccess(
            tx, compliance, {id, context.caller().id, "subject_lookup", "subject_id,kind"}));
      }
      return Ok();
    }));
    return JsonResponse({{"subjects", subjects}});
  };
  return lookup;
}

Route SearchRoute() {
  Route search;
  search.method = "GET";
  search.path = "/v1/subjects/search";
  search.permission = "subjects.lookup";
  search.summary = "Find subjects by full or registered name through the blind index on the "
                   "normalised name (case and spaces do not matter; a Han name is also looked up "
                   "as its pinyin). Each hit is recorded in the audit log as a staff access";
  search.tag = "subjects";
  search.query_params = {{"name", true, "the full name as written (张伟, Zhang Wei) or the "
                                        "registered name"}};
  search.response_summary = "{subjects: [{subject_id, kind}], truncated}";
  search.error_statuses = {422};
  search.handler = [](RequestContext& context) -> Result<ApiResponse> {
    CREDO_ASSIGN_OR_RETURN(std::string name, SearchName(context.request()));
    CREDO_ASSIGN_OR_RETURN(Store * store, context.store());
    const compliance::ComplianceContext compliance = ComplianceFor(context);
    nlohmann::json subjects = nlohmann::json::array();
    bool truncated = false;
    CREDO_TRY(store->WithTransaction([&](Transaction& tx) -> Status {
      std::set<SubjectId> found;
      for (const std::string& variant : NameVariants(name)) {
        auto ids = tx.FindSubjectsByName(variant);
        if (!ids.ok()) {
          if (ids.error().code == ErrorCode::kInvalidArgument) continue;  // normalises to empty
          return ids.error();
        }
        found.insert(ids->begin(), ids->end());
      }
      for (SubjectId id : found) {
        if (subjects.size() == kMaxSearchResults) {
          truncated = true;
          break;
        }
        CREDO_ASSIGN_OR_RETURN(Subject subject, tx.GetSubject(id));
        subjects.push_back({{"subject_id", id}, {"kind", KindName(subject.kind)}});
        CREDO_TRY(compliance::RecordStaffAccess(
            tx, compliance, {id, context.caller().id, "subject_search", "subject_id,kind"}));
      }
      return Ok();
    }));
    return JsonResponse({{"subjects", subjects}, {"truncated", truncated}});
  };
  return search;
}

Route ViewRoute() {
  Route view;
  view.method = "GET";
  view.path = "/v1/subjects/{id}";
  view.permission = "subjects.lookup";
  view.summary = "A subject for operators: kind, display name, masked identifiers and counts of "
                 "tradelines, public records, open alerts and open disputes. A merged id answers "
                 "308 with the surviving subject in Location. Recorded in the audit log as a "
                 "staff access";
  view.tag = "subjects";
  view.response_summary = "{subject_id, kind, display_name, identifiers: [{kind, masked}], "
                          "tradelines, public_records, inquiries, alerts_open, disputes_open}";
  view.error_statuses = {308, 404, 422};
  view.handler = [](RequestContext& context) -> Result<ApiResponse> {
    CREDO_TRY(OnlyQueryParams(context.request(), {}));
    CREDO_ASSIGN_OR_RETURN(int64_t id, PathId(context, "id"));
    CREDO_ASSIGN_OR_RETURN(Store * store, context.store());
    const compliance::ComplianceContext compliance = ComplianceFor(context);
    std::optional<SubjectId> merged_into;
    nlohmann::json body;
    CREDO_TRY(store->WithTransaction([&](Transaction& tx) -> Status {
      auto surviving = tx.ResolveSubjectId(id);
      if (!surviving.ok()) {
        if (surviving.error().code != ErrorCode::kNotFound) return surviving.error();
        return MakeError(ErrorCode::kNotFound, "no subject " + std::to_string(id));
      }
      if (*surviving != id) {
        merged_into = *surviving;
        return Ok();
      }
      CREDO_ASSIGN_OR_RETURN(Subject subject, tx.GetSubject(id));
      CREDO_ASSIGN_OR_RETURN(auto tradelines, tx.ListTradelines(id));
      CREDO_ASSIGN_OR_RETURN(auto public_records, tx.ListPublicRecords(id));
      CREDO_ASSIGN_OR_RETURN(auto inquiries, tx.ListInquiries(id));
      CREDO_ASSIGN_OR_RETURN(auto disputes, compliance::ListDisputes(tx, id, /*open_only=*/true));
      monitor::AlertFilter open_alerts;
      open_alerts.subject_id = id;
      open_alerts.acknowledged = false;
      open_alerts.limit = 100000;
      CREDO_ASSIGN_OR_RETURN(auto alerts, monitor::ListBureauAlerts(tx, open_alerts));
      body = {{"subject_id", id},
              {"kind", KindName(subject.kind)},
              {"display_name", DisplayName(subject)},
              {"identifiers", MaskedIdentifiers(subject)},
              {"tradelines", tradelines.size()},
              {"public_records", public_records.size()},
              {"inquiries", inquiries.size()},
              {"alerts_open", alerts.size()},
              {"disputes_open", disputes.size()}};
      if (subject.kind == SubjectKind::kOrganization) {
        body["industry_code"] = subject.organization.industry_code;
      }
      return compliance::RecordStaffAccess(
          tx, compliance,
          {id, context.caller().id, "subject_view",
           "kind,display_name,identifiers_masked,counts"});
    }));
    if (merged_into) {
      std::string location = "/v1/subjects/" + std::to_string(*merged_into);
      ApiResponse response = JsonResponse(
          {{"subject_id", id}, {"merged_into", *merged_into}, {"location", location}}, 308);
      response.SetHeader("Location", location);
      return response;
    }
    return JsonResponse(body);
  };
  return view;
}

Route OperatorReportRoute() {
  Route route;
  route.method = "POST";
  route.path = "/v1/subjects/{id}/report";
  route.permission = "reports.operator";
  route.summary = "The subject's report for bureau staff, only under an operator purpose of the "
                  "profile with an open case of the subject (compliance gate: 征信业管理条例 "
                  "第25条, 第26条; FCRA 611); recorded in the query log with the staff user and "
                  "shown to the subject. JSON, or HTML / PDF by Accept";
  route.tag = "subjects";
  route.request_schema = OperatorReportSchema();
  route.produces = {"application/json", "text/html", "application/pdf"};
  route.success_status = 201;
  route.response_summary =
      "the report as issued (viewer: the bureau's staff; identifiers "
      "masked as for an institution)";
  route.error_statuses = {404, 406, 409};
  route.handler = [](RequestContext& context) -> Result<ApiResponse> {
    std::string media = NegotiateReportFormat(context.request());
    if (media.empty()) return ReportNotAcceptable();
    nlohmann::json body;
    if (auto failure = ParseJsonBody(context.request(), *OperatorReportSchema(), body)) {
      return *failure;
    }
    std::string lang = body.value("lang", std::string());
    if (!lang.empty() && lang != "zh" && lang != "en") {
      return MakeError(ErrorCode::kInvalidArgument, "field 'lang' must be zh or en");
    }
    const bool has_dispute = body.contains("dispute_id");
    const bool has_complaint = body.contains("complaint_id");
    if (has_dispute && has_complaint) {
      return MakeError(ErrorCode::kInvalidArgument,
                       "give dispute_id or complaint_id, not both: a read is for one case");
    }
    int64_t case_id = has_dispute ? body["dispute_id"].get<int64_t>()
                                  : has_complaint ? body["complaint_id"].get<int64_t>() : 0;
    if ((has_dispute || has_complaint) && case_id <= 0) {
      return MakeError(ErrorCode::kInvalidArgument,
                       std::string("field '") + (has_dispute ? "dispute_id" : "complaint_id") +
                           "' must be a positive id");
    }
    std::string purpose = body["purpose"].get<std::string>();
    if ((has_dispute && purpose != compliance::kDisputeHandlingPurpose) ||
        (has_complaint && purpose != compliance::kComplaintHandlingPurpose)) {
      return MakeError(ErrorCode::kInvalidArgument,
                       std::string("field '") + (has_dispute ? "dispute_id" : "complaint_id") +
                           "' goes with purpose " +
                           std::string(has_dispute ? compliance::kDisputeHandlingPurpose
                                                   : compliance::kComplaintHandlingPurpose));
    }
    CREDO_ASSIGN_OR_RETURN(int64_t id, PathId(context, "id"));
    CREDO_ASSIGN_OR_RETURN(Store * store, context.store());
    report::ReportRequest request;
    request.read.subject_id = id;
    request.read.institution = std::string(compliance::kBureauInstitution);
    request.read.staff_user = context.caller().id;
    request.read.purpose = purpose;
    request.read.case_id = case_id;
    request.lang = lang;
    // The bureau's staff see the file as the bureau holds it (every inquiry, with staff users):
    // the case may be about any item, a soft inquiry included. Identity is masked as an
    // institution sees it (all but the last four characters of ID numbers, phones, e-mails):
    // the roles that hold reports.operator (data_operations, analyst: api/auth/permissions.toml)
    // handle a case on the disputed item, which the report shows whole, and have no documented
    // need for a subject's identifiers in clear (PIPL Art. 6: the minimum necessary). Were a
    // role with such a need given this route, it would need its own permission to see them.
    request.viewer = compliance::ViewerKind::kAuditor;
    request.mask_identifiers = true;
    CREDO_ASSIGN_OR_RETURN(report::IssuedReport issued,
                           report::IssueReport(*store, ComplianceFor(context), request));
    context.services().metrics->AddCounter("credo_operator_reports_total",
                                           "Reports read by bureau staff under operator purposes.",
                                           "purpose=\"" + purpose + "\"");
    return RenderReport(issued, media, lang);
  };
  return route;
}

}  // namespace

void AddSubjectRoutes(RouteTable& table) {
  table.Add(LookupRoute());
  table.Add(SearchRoute());
  table.Add(ViewRoute());
  table.Add(OperatorReportRoute());
}

}  // namespace credo::api
