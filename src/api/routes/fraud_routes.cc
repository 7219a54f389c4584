// Anti-fraud over HTTP (permission fraud.check), over fraud/fraud.h:
//   POST /v1/fraud/check   the fraud assessment of a credit application (or of a subject alone):
//                          score, fired rules with their evidence, ring; optionally recorded so
//                          that later velocity counters see it
//   GET  /v1/fraud/rings   rings of subjects through shared contact points, computed now
//
// Contact points arrive in clear in the request (they are the application) but are never
// answered, logged or stored in clear: the assessment's evidence masks them, and a recorded
// application keeps only keyed blind indexes (fraud/application.h).
#include <nlohmann/json.hpp>

#include "api/routes/common.h"
#include "api/routes/earlywarn_params.h"
#include "api/routes/routes.h"
#include "fraud/fraud.h"

namespace credo::api {
namespace {

using earlywarn::IntegerQuery;
using earlywarn::OnlyKnownQuery;
using routes_internal::IdentifierSchema;
using routes_internal::ResolveIdentifiers;

std::string DefaultCountry(const JurisdictionProfile& profile) {
  return profile.default_country.empty() ? std::string("cn") : profile.default_country;
}

//! A library validation error of the application, naming the request's field.
Error FieldError(const Error& error) {
  std::string field = error.location;
  if (field.rfind("application.", 0) == 0) field = field.substr(12);
  if (field == "device") field = "device_id";
  if (field == "identifier") field = "claimed_identifier.value";
  if (error.code != ErrorCode::kInvalidArgument || field.empty()) return error;
  return MakeError(ErrorCode::kInvalidArgument, "field '" + field + "': " + error.message);
}

bool Has(const nlohmann::json& body, const char* field) {
  return body.contains(field) && !body[field].is_null();
}

std::string Text(const nlohmann::json& body, const char* field) {
  return Has(body, field) ? body[field].get<std::string>() : std::string();
}

}  // namespace

void AddFraudRoutes(RouteTable& table) {
  static const auto schema = std::make_shared<const ObjectSchema>(ObjectSchema{
      "FraudCheckRequest",
      {{"identifiers", FieldType::kObjectArray, false,
        "identifiers of the applicant on file (or subject_id)", 128, IdentifierSchema()},
       {"subject_id", FieldType::kInteger, false, "the bureau's subject id (or identifiers)"},
       {"institution", FieldType::kString, false,
        "the institution that received the application (an API client's is its own; "
        "operators name it when they give contact points)",
        64},
       {"phone", FieldType::kString, false, "the applicant's phone as given", 32},
       {"email", FieldType::kString, false, "the applicant's e-mail", 254},
       {"address", FieldType::kString, false, "the applicant's address, one line", 256},
       {"device_id", FieldType::kString, false, "device fingerprint or id", 128},
       {"ip", FieldType::kString, false, "IPv4 or IPv6 address", 64},
       {"claimed_identifier", FieldType::kObject, false,
        "the national identifier the applicant claimed {kind, value}", 128, IdentifierSchema()},
       {"name", FieldType::kString, false, "the name the applicant claimed", 128},
       {"birth_date", FieldType::kString, false, "the birth date claimed, YYYY-MM-DD", 10},
       {"record", FieldType::kBoolean, false,
        "record the application so later velocity counters count it (default false: nothing "
        "is written)"}}});

  Route check;
  check.method = "POST";
  check.path = "/v1/fraud/check";
  check.permission = "fraud.check";
  check.summary = "Fraud assessment of an application: velocity (1h/1d/7d/30d), synthetic "
                  "identity, ring membership; score 0-100 with each fired rule and its reason";
  check.tag = "fraud";
  check.request_schema = schema;
  check.response_summary =
      "{subject_id, assessed_at, score, fired: [{id, description, severity, threshold, value, "
      "evidence}], reasons: [...], ring_id, ring_score, ring_size, recorded_application_id}";
  check.error_statuses = {403, 404, 409};
  check.handler = [](RequestContext& context) -> Result<ApiResponse> {
    nlohmann::json body;
    if (auto failure = ParseJsonBody(context.request(), *schema, body)) return *failure;
    const bool by_identifiers = Has(body, "identifiers");
    const bool by_id = Has(body, "subject_id");
    if (by_identifiers == by_id) {
      return MakeError(ErrorCode::kInvalidArgument,
                       "send exactly one of 'identifiers' and 'subject_id' (the applicant)");
    }
    if (by_id && body["subject_id"].get<int64_t>() <= 0) {
      return MakeError(ErrorCode::kInvalidArgument,
                       "field 'subject_id' must be a positive subject id");
    }
    const Caller& caller = context.caller();
    const bool client = caller.kind == CallerKind::kClient;
    std::string institution = Text(body, "institution");
    const bool record = Has(body, "record") && body["record"].get<bool>();
    const bool any_point = Has(body, "phone") || Has(body, "email") || Has(body, "address") ||
                           Has(body, "device_id") || Has(body, "ip") ||
                           Has(body, "claimed_identifier") || Has(body, "name") ||
                           Has(body, "birth_date");
    if (!client && institution.empty() && (any_point || record)) {
      return MakeError(ErrorCode::kInvalidArgument,
                       "field 'institution' is required when bureau staff check an application "
                       "(the institution that received it)");
    }
    std::optional<fraud::ApplicationEvent> event;
    const int64_t now = context.clock().NowUnixSeconds();
    if (any_point || record) {
      fraud::ApplicationEvent raw;
      // Normalisation checks the subject id is set; the resolved subject replaces it below
      // (input is checked before existence).
      raw.subject_id = by_id ? body["subject_id"].get<int64_t>() : 1;
      raw.institution = client ? caller.institution : institution;
      raw.occurred_at = now;
      raw.phone = Text(body, "phone");
      raw.email = Text(body, "email");
      raw.address = Text(body, "address");
      raw.device_id = Text(body, "device_id");
      raw.ip = Text(body, "ip");
      raw.name = Text(body, "name");
      if (Has(body, "claimed_identifier")) {
        const auto& claimed = body["claimed_identifier"];
        auto kind = ParseIdentifierKind(claimed["kind"].get<std::string>());
        if (!kind.ok()) {
          return MakeError(ErrorCode::kInvalidArgument,
                           "field 'claimed_identifier.kind': " + kind.error().message);
        }
        raw.identifier = Identifier{*kind, claimed["value"].get<std::string>()};
      }
      if (Has(body, "birth_date")) {
        auto date = Date::ParseIso(body["birth_date"].get<std::string>());
        if (!date.ok()) {
          return MakeError(ErrorCode::kInvalidArgument,
                           "field 'birth_date' must be a date YYYY-MM-DD: " +
                               date.error().message);
        }
        raw.birth_date = *date;
      }
      auto normalised = fraud::NormalizeApplication(raw, DefaultCountry(context.profile()));
      if (!normalised.ok()) return FieldError(normalised.error());
      event = std::move(normalised).value();
    }
    // Data rule after input and existence: an API client checks applications it received.
    CREDO_ASSIGN_OR_RETURN(Store * store, context.store());
    SubjectId subject = 0;
    if (by_identifiers) {
      CREDO_ASSIGN_OR_RETURN(subject,
                             ResolveIdentifiers(*store, context.profile(), body["identifiers"]));
    } else {
      subject = body["subject_id"].get<int64_t>();
    }
    if (client && !institution.empty() && institution != caller.institution) {
      return MakeError(ErrorCode::kPermissionDenied,
                       "an API client checks applications made to its own institution only");
    }
    if (event) event->subject_id = subject;
    fraud::FraudAssessment assessment;
    int64_t recorded = 0;
    auto not_found = [&](const Error& error) -> Error {
      if (error.code == ErrorCode::kNotFound) {
        return MakeError(ErrorCode::kNotFound,
                         "subject " + std::to_string(subject) + " is not in the bureau");
      }
      return error;
    };
    Status status;
    if (record) {
      CREDO_TRY(fraud::EnsureFraudSchema(*store));
      status = store->WithTransaction([&](Transaction& transaction) -> Status {
        CREDO_ASSIGN_OR_RETURN(SubjectId surviving, transaction.ResolveSubjectId(subject));
        event->subject_id = surviving;
        CREDO_ASSIGN_OR_RETURN(recorded, fraud::RecordApplication(transaction, *event));
        event->id = recorded;
        CREDO_ASSIGN_OR_RETURN(assessment,
                               fraud::AssessSubject(transaction, surviving, &*event, now,
                                                    fraud::DefaultFraudRules()));
        return Ok();
      });
    } else {
      status = store->WithReadTransaction([&](Transaction& transaction) -> Status {
        CREDO_ASSIGN_OR_RETURN(assessment,
                               fraud::AssessSubject(transaction, subject,
                                                    event ? &*event : nullptr, now,
                                                    fraud::DefaultFraudRules()));
        return Ok();
      });
    }
    if (!status.ok()) return not_found(status.error());
    nlohmann::json out = nlohmann::json::parse(fraud::AssessmentToJson(assessment));
    nlohmann::json reasons = nlohmann::json::array();
    for (const fraud::FiredRule& rule : assessment.fired) {
      reasons.push_back(rule.description + ": " + rule.evidence);
    }
    out["reasons"] = reasons;
    out["recorded_application_id"] = recorded > 0 ? nlohmann::json(recorded) : nlohmann::json();
    return JsonResponse(out);
  };
  table.Add(std::move(check));

  Route rings;
  rings.method = "GET";
  rings.path = "/v1/fraud/rings";
  rings.permission = "fraud.check";
  rings.summary = "Fraud rings: subjects joined through shared contact points (a point held by "
                  "more than degree_cap subjects joins nobody), scored by size, growth and "
                  "known-bad members, highest score first";
  rings.tag = "fraud";
  rings.query_params = {{"degree_cap", false, "2..1000 (default from the rules: 10)"},
                        {"min_size", false, "smallest ring, in distinct identities, 2..1000 "
                                            "(default 3)"},
                        {"subject_id", false, "only the ring this subject belongs to"},
                        {"limit", false, "how many rings, 1..1000 (default 100)"}};
  rings.response_summary = "{rings: [{id, size, identities, members, shared_points, "
                           "shared_kinds, new_members, bad_members, score}], total}";
  rings.error_statuses = {422};
  rings.handler = [](RequestContext& context) -> Result<ApiResponse> {
    const ApiRequest& request = context.request();
    CREDO_TRY(OnlyKnownQuery(request, {"degree_cap", "min_size", "subject_id", "limit"}));
    fraud::RingOptions options = fraud::DefaultFraudRules().ring;
    CREDO_ASSIGN_OR_RETURN(auto cap, IntegerQuery(request, "degree_cap", 2, 1000));
    CREDO_ASSIGN_OR_RETURN(auto min_size, IntegerQuery(request, "min_size", 2, 1000));
    CREDO_ASSIGN_OR_RETURN(auto subject, IntegerQuery(request, "subject_id", 1, earlywarn::kMaxId));
    CREDO_ASSIGN_OR_RETURN(auto limit, IntegerQuery(request, "limit", 1, 1000));
    if (cap) options.degree_cap = *cap;
    if (min_size) options.min_size = *min_size;
    CREDO_ASSIGN_OR_RETURN(Store * store, context.store());
    std::vector<fraud::Ring> found;
    SubjectId surviving = 0;
    CREDO_TRY(store->WithReadTransaction([&](Transaction& transaction) -> Status {
      if (subject) {
        auto resolved = transaction.ResolveSubjectId(*subject);
        if (!resolved.ok() && resolved.error().code == ErrorCode::kNotFound) {
          return MakeError(ErrorCode::kNotFound,
                           "subject " + std::to_string(*subject) + " is not in the bureau");
        }
        CREDO_ASSIGN_OR_RETURN(surviving, std::move(resolved));
      }
      CREDO_ASSIGN_OR_RETURN(found, fraud::FindRings(transaction, options,
                                                     context.clock().NowUnixSeconds()));
      return Ok();
    }));
    nlohmann::json items = nlohmann::json::array();
    int64_t total = 0;
    for (const fraud::Ring& ring : found) {
      if (subject && !std::binary_search(ring.members.begin(), ring.members.end(), surviving)) {
        continue;
      }
      ++total;
      if (static_cast<int64_t>(items.size()) >= limit.value_or(100)) continue;
      items.push_back({{"id", ring.id},
                       {"size", ring.members.size()},
                       {"identities", ring.identities},
                       {"members", ring.members},
                       {"shared_points", ring.shared_points},
                       {"shared_kinds", ring.shared_kinds},
                       {"new_members", ring.new_members},
                       {"bad_members", ring.bad_members},
                       {"score", ring.score}});
    }
    return JsonResponse({{"rings", items}, {"total", total}});
  };
  rings.error_statuses = {404, 422};
  table.Add(std::move(rings));
}

}  // namespace credo::api
