// GET /v1/subjects?identifier_kind=&identifier=: operators find subjects through the blind index.
#include "api/routes/common.h"
#include "api/routes/routes.h"

namespace credo::api {

void AddSubjectRoutes(RouteTable& table) {
  Route lookup;
  lookup.method = "GET";
  lookup.path = "/v1/subjects";
  lookup.permission = "subjects.lookup";
  lookup.summary = "Find subjects by one identifier (through the keyed blind index; the "
                   "identifier itself is never stored in clear)";
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
    for (const auto& [name, unused] : request.query) {
      if (name != "identifier_kind" && name != "identifier") {
        return MakeError(ErrorCode::kInvalidArgument,
                         "unknown query parameter '" + name +
                             "'; this route accepts identifier_kind and identifier");
      }
    }
    CREDO_ASSIGN_OR_RETURN(IdentifierKind kind, ParseIdentifierKind(*kind_name));
    auto identifier = MakeIdentifier(kind, *value, context.profile().default_country);
    if (!identifier.ok()) {
      return MakeError(ErrorCode::kInvalidArgument,
                       "identifier (" + MaskIdentifier(*value) + ") is not a valid " +
                           *kind_name + ": " + identifier.error().message);
    }
    CREDO_ASSIGN_OR_RETURN(Store * store, context.store());
    nlohmann::json subjects = nlohmann::json::array();
    CREDO_TRY(store->WithReadTransaction([&](Transaction& tx) -> Status {
      CREDO_ASSIGN_OR_RETURN(std::vector<SubjectId> ids, tx.FindSubjectsByIdentifier(*identifier));
      for (SubjectId id : ids) {
        CREDO_ASSIGN_OR_RETURN(Subject subject, tx.GetSubject(id));
        subjects.push_back(
            {{"subject_id", id},
             {"kind", subject.kind == SubjectKind::kPerson ? "person" : "organization"}});
      }
      return Ok();
    }));
    return JsonResponse({{"subjects", subjects}});
  };
  table.Add(std::move(lookup));
}

}  // namespace credo::api
