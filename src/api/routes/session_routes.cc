// POST /v1/sessions (operator or subject login: user, password, TOTP code) and
// DELETE /v1/sessions (logout of the session the request carries).
#include "api/routes/routes.h"
#include "api/server/json_body.h"

namespace credo::api {

void AddSessionRoutes(RouteTable& table) {
  static const auto login_schema = std::make_shared<const ObjectSchema>(ObjectSchema{
      "SessionRequest",
      {{"user", FieldType::kString, true, "the operator's user name", 64},
       {"password", FieldType::kString, true, "the password", 256},
       {"totp", FieldType::kString, true, "the current 6-digit TOTP code", 16}}});
  Route login;
  login.method = "POST";
  login.path = "/v1/sessions";
  login.requires_caller = false;
  login.summary = "Log in with password and TOTP code; returns a short-lived session token";
  login.tag = "sessions";
  login.request_schema = login_schema;
  login.success_status = 201;
  login.response_summary = "{token, expires_at, user, role}: send the token as 'Authorization: "
                           "Bearer <token>'";
  login.error_statuses = {401};
  login.handler = [](RequestContext& context) -> Result<ApiResponse> {
    nlohmann::json body;
    if (auto failure = ParseJsonBody(context.request(), *login_schema, body)) return *failure;
    Authenticator* auth = context.services().authenticator;
    if (auth == nullptr) {
      return MakeError(ErrorCode::kUnauthenticated, "this server has no authenticator");
    }
    CREDO_ASSIGN_OR_RETURN(Store * store, context.store());
    CREDO_ASSIGN_OR_RETURN(
        SessionGrant grant,
        auth->Login(*store, body["user"].get<std::string>(), body["password"].get<std::string>(),
                    body["totp"].get<std::string>(), context.request().remote_address));
    return JsonResponse({{"token", grant.token},
                         {"expires_at", grant.expires_at},
                         {"user", grant.user},
                         {"role", grant.role}},
                        201);
  };
  table.Add(std::move(login));

  Route logout;
  logout.method = "DELETE";
  logout.path = "/v1/sessions";
  logout.summary = "Log out: ends the session whose token the request carries";
  logout.tag = "sessions";
  logout.success_status = 204;
  logout.produces = {};
  logout.response_summary = "the session is ended";
  logout.handler = [](RequestContext& context) -> Result<ApiResponse> {
    CREDO_ASSIGN_OR_RETURN(Store * store, context.store());
    CREDO_TRY(context.services().authenticator->Logout(*store, context.request()));
    ApiResponse response;
    response.status = 204;
    response.content_type = "application/json";
    return response;
  };
  table.Add(std::move(logout));
}

}  // namespace credo::api
