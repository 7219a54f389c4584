#include "api/routes/common.h"

#include <set>

#include "api/routes/routes.h"
#include "api/server/errors.h"
#include "store/store.h"

namespace credo::api {

Result<int64_t> PathId(const RequestContext& context, const std::string& name) {
  auto it = context.request().path_params.find(name);
  std::string text = it == context.request().path_params.end() ? "" : it->second;
  bool digits = !text.empty() && text.size() <= 18;
  for (char c : text) digits = digits && c >= '0' && c <= '9';
  if (!digits || std::stoll(text) <= 0) {
    return MakeError(ErrorCode::kNotFound,
                     "'" + name + "' in the path must be a positive integer id; nothing has that id");
  }
  return std::stoll(text);
}

namespace routes_internal {

std::shared_ptr<const ObjectSchema> IdentifierSchema() {
  static const auto schema = std::make_shared<const ObjectSchema>(ObjectSchema{
      "SubjectIdentifier",
      {{"kind", FieldType::kString, true,
        "cn_resident_id, cn_uscc, us_ssn, us_ein, phone, email, account_number or other", 32},
       {"value", FieldType::kString, true, "the identifier as written", 128}}});
  return schema;
}

Status RequireSubject(const Caller& caller) {
  if (caller.kind != CallerKind::kSubject || caller.subject_id == 0) {
    return MakeError(ErrorCode::kPermissionDenied,
                     "/v1/me is the data subject's own view; log in with subject credentials");
  }
  return Ok();
}

std::string ActorFor(const Caller& caller) {
  if (caller.kind == CallerKind::kAnonymous) return "api:anonymous";
  return "api:" + std::string(CallerKindName(caller.kind)) + ":" + caller.id;
}

std::string InstitutionFor(const Caller& caller) {
  if (caller.kind == CallerKind::kClient && !caller.institution.empty()) return caller.institution;
  return "bureau";
}

compliance::ComplianceContext ComplianceFor(RequestContext& context) {
  return compliance::ComplianceContext(context.profile(), context.clock(),
                                       ActorFor(context.caller()));
}

Result<SubjectId> ResolveIdentifiers(Store& store, const JurisdictionProfile& profile,
                                     const nlohmann::json& identifiers) {
  if (!identifiers.is_array() || identifiers.empty()) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "field 'identifiers' must list at least one {kind, value} of the subject");
  }
  std::vector<Identifier> parsed;
  for (size_t i = 0; i < identifiers.size(); ++i) {
    std::string where = "identifiers[" + std::to_string(i) + "]";
    const std::string& kind_name = identifiers[i]["kind"].get_ref<const std::string&>();
    const std::string& value = identifiers[i]["value"].get_ref<const std::string&>();
    auto kind = ParseIdentifierKind(kind_name);
    if (!kind.ok()) {
      return MakeError(ErrorCode::kInvalidArgument,
                       "field '" + where + ".kind': " + kind.error().message);
    }
    auto identifier = MakeIdentifier(*kind, value, profile.default_country);
    if (!identifier.ok()) {
      return MakeError(ErrorCode::kInvalidArgument,
                       "field '" + where + ".value' (" + MaskIdentifier(value) +
                           ") is not a valid " + kind_name + ": " + identifier.error().message);
    }
    parsed.push_back(std::move(identifier).value());
  }
  // Every subject any identifier names; when they disagree, the one all of them name.
  std::set<SubjectId> any;
  std::set<SubjectId> all;
  Status status = store.WithReadTransaction([&](Transaction& tx) -> Status {
    for (size_t i = 0; i < parsed.size(); ++i) {
      CREDO_ASSIGN_OR_RETURN(std::vector<SubjectId> ids, tx.FindSubjectsByIdentifier(parsed[i]));
      std::set<SubjectId> these(ids.begin(), ids.end());
      any.insert(these.begin(), these.end());
      if (i == 0) {
        all = these;
      } else {
        std::set<SubjectId> both;
        for (SubjectId id : all) {
          if (these.count(id)) both.insert(id);
        }
        all = std::move(both);
      }
    }
    return Ok();
  });
  if (!status.ok()) return status.error();
  if (any.empty()) {
    return MakeError(ErrorCode::kNotFound, "no subject on file holds these identifiers");
  }
  if (any.size() == 1) return *any.begin();
  if (all.size() == 1) return *all.begin();
  return MakeError(ErrorCode::kFailedPrecondition,
                   "the identifiers name " + std::to_string(any.size()) +
                       " different subjects; send identifiers of one subject (a strong one "
                       "such as a resident id picks one)");
}

ApiResponse ReportNotAcceptable() {
  return ErrorResponse(406, "not_acceptable",
                       "reports come as application/json, text/html or application/pdf; ask "
                       "for one of them in Accept");
}

std::string NegotiateReportFormat(const ApiRequest& request) {
  return NegotiateMediaType(request.Header("Accept"),
                            {"application/json", "text/html", "application/pdf"});
}

Result<std::string> LangParameter(const ApiRequest& request) {
  auto lang = request.Query("lang");
  if (!lang) return std::string();
  if (*lang != "zh" && *lang != "en") {
    return MakeError(ErrorCode::kInvalidArgument, "lang must be zh or en");
  }
  return *lang;
}

}  // namespace routes_internal
}  // namespace credo::api
