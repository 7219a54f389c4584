// POST /v1/consents (register a subject's consent for an institution and purpose) and
// POST /v1/consents/{id}/withdraw (withdraw it from today on), over compliance/consent.h.
#include "api/routes/common.h"
#include "api/routes/routes.h"
#include "compliance/consent.h"

namespace credo::api {
namespace {

using routes_internal::ComplianceFor;
using routes_internal::IdentifierSchema;
using routes_internal::InstitutionFor;
using routes_internal::ResolveIdentifiers;

nlohmann::json ConsentJson(const compliance::ConsentRecord& record) {
  const Consent& consent = record.consent;
  nlohmann::json out = {{"consent_id", consent.id},
                        {"subject_id", consent.subject_id},
                        {"institution", consent.institution},
                        {"purpose", consent.purpose},
                        {"reference", consent.reference},
                        {"scope", record.scope},
                        {"restricted_categories", record.restricted_categories},
                        {"valid_from", consent.granted_on.ToIso()},
                        {"valid_to", nullptr},
                        {"withdrawn_on", nullptr}};
  if (consent.expires_on) out["valid_to"] = consent.expires_on->ToIso();
  if (consent.revoked_on) out["withdrawn_on"] = consent.revoked_on->ToIso();
  return out;
}

Result<Date> DateField(const nlohmann::json& body, const std::string& name) {
  auto date = Date::ParseIso(body[name].get<std::string>());
  if (!date.ok()) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "field '" + name + "' must be a date YYYY-MM-DD: " + date.error().message);
  }
  return *date;
}

// An institution may act only on its own consents; operators act for any.
Status RequireOwner(const Caller& caller, const std::string& institution) {
  if (caller.kind == CallerKind::kClient && caller.institution != institution) {
    return MakeError(ErrorCode::kPermissionDenied,
                     "this consent belongs to another institution");
  }
  return Ok();
}

}  // namespace

void AddConsentRoutes(RouteTable& table) {
  static const auto schema = std::make_shared<const ObjectSchema>(ObjectSchema{
      "ConsentRequest",
      {{"identifiers", FieldType::kObjectArray, true, "identifiers of the subject who consents",
        128, IdentifierSchema()},
       {"purpose", FieldType::kString, true, "a purpose code of the jurisdiction profile", 64},
       {"reference", FieldType::kString, true, "the institution's reference for the signed consent",
        128},
       {"institution", FieldType::kString, false,
        "operators only: the institution the consent is for (an API client's is its own)", 64},
       {"scope", FieldType::kStringArray, false, "data categories (report, score ...); none: all",
        32},
       {"restricted_categories", FieldType::kStringArray, false,
        "restricted categories the consent names (income, deposits ...)", 32},
       {"artefact_reference", FieldType::kString, false, "where the written consent is kept", 256},
       {"notice_version", FieldType::kString, false, "the consent notice version shown", 64},
       {"valid_from", FieldType::kString, false, "YYYY-MM-DD; default today", 10},
       {"valid_to", FieldType::kString, false, "YYYY-MM-DD; default open-ended", 10}}});

  Route add;
  add.method = "POST";
  add.path = "/v1/consents";
  add.permission = "consents.write";
  add.summary = "Register a subject's consent for an institution and purpose (audited)";
  add.tag = "consents";
  add.request_schema = schema;
  add.success_status = 201;
  add.response_summary = "the consent as registered";
  add.error_statuses = {404, 409};
  add.handler = [](RequestContext& context) -> Result<ApiResponse> {
    nlohmann::json body;
    if (auto failure = ParseJsonBody(context.request(), *schema, body)) return *failure;
    const Caller& caller = context.caller();
    compliance::ConsentGrant grant;
    grant.institution = InstitutionFor(caller);
    if (body.contains("institution") && !body["institution"].is_null()) {
      std::string named = body["institution"].get<std::string>();
      if (caller.kind == CallerKind::kClient && named != caller.institution) {
        return MakeError(ErrorCode::kPermissionDenied,
                         "an API client registers consents for its own institution only");
      }
      grant.institution = named;
    } else if (caller.kind != CallerKind::kClient) {
      return MakeError(ErrorCode::kInvalidArgument,
                       "field 'institution' is required when an operator registers a consent");
    }
    grant.purpose = body["purpose"].get<std::string>();
    grant.reference = body["reference"].get<std::string>();
    if (body.contains("scope") && body["scope"].is_array()) {
      grant.scope = body["scope"].get<std::vector<std::string>>();
    }
    if (body.contains("restricted_categories") && body["restricted_categories"].is_array()) {
      grant.restricted_categories = body["restricted_categories"].get<std::vector<std::string>>();
    }
    if (body.contains("artefact_reference") && body["artefact_reference"].is_string()) {
      grant.artefact_reference = body["artefact_reference"].get<std::string>();
    }
    if (body.contains("notice_version") && body["notice_version"].is_string()) {
      grant.notice_version = body["notice_version"].get<std::string>();
    }
    grant.valid_from = context.clock().Today();
    if (body.contains("valid_from") && body["valid_from"].is_string()) {
      CREDO_ASSIGN_OR_RETURN(grant.valid_from, DateField(body, "valid_from"));
    }
    if (body.contains("valid_to") && body["valid_to"].is_string()) {
      CREDO_ASSIGN_OR_RETURN(Date valid_to, DateField(body, "valid_to"));
      grant.valid_to = valid_to;
    }
    CREDO_ASSIGN_OR_RETURN(Store * store, context.store());
    CREDO_ASSIGN_OR_RETURN(grant.subject_id,
                           ResolveIdentifiers(*store, context.profile(), body["identifiers"]));
    compliance::ComplianceContext compliance = ComplianceFor(context);
    CREDO_ASSIGN_OR_RETURN(int64_t id, compliance::AddConsent(*store, compliance, grant));
    compliance::ConsentRecord record;
    CREDO_TRY(store->WithReadTransaction([&](Transaction& tx) -> Status {
      CREDO_ASSIGN_OR_RETURN(record, compliance::GetConsentRecord(tx, id));
      return Ok();
    }));
    ApiResponse response = JsonResponse(ConsentJson(record), 201);
    response.SetHeader("Location", "/v1/consents/" + std::to_string(id));
    return response;
  };
  table.Add(std::move(add));

  Route withdraw;
  withdraw.method = "POST";
  withdraw.path = "/v1/consents/{id}/withdraw";
  withdraw.permission = "consents.write";
  withdraw.summary = "Withdraw a consent from today on (audited; past reads stay lawful)";
  withdraw.tag = "consents";
  withdraw.response_summary = "the consent, withdrawn";
  withdraw.error_statuses = {404, 409};
  withdraw.handler = [](RequestContext& context) -> Result<ApiResponse> {
    CREDO_ASSIGN_OR_RETURN(int64_t id, PathId(context, "id"));
    if (!context.request().body.empty()) {
      return MakeError(ErrorCode::kInvalidArgument, "this route takes no body");
    }
    CREDO_ASSIGN_OR_RETURN(Store * store, context.store());
    compliance::ConsentRecord record;
    CREDO_TRY(store->WithReadTransaction([&](Transaction& tx) -> Status {
      CREDO_ASSIGN_OR_RETURN(record, compliance::GetConsentRecord(tx, id));
      return Ok();
    }));
    CREDO_TRY(RequireOwner(context.caller(), record.consent.institution));
    CREDO_TRY(compliance::WithdrawConsent(*store, ComplianceFor(context), id));
    CREDO_TRY(store->WithReadTransaction([&](Transaction& tx) -> Status {
      CREDO_ASSIGN_OR_RETURN(record, compliance::GetConsentRecord(tx, id));
      return Ok();
    }));
    return JsonResponse(ConsentJson(record));
  };
  table.Add(std::move(withdraw));
}

}  // namespace credo::api
