// The server's Authenticator over api/auth (auth.h): API keys for institutions, session tokens
// for operators and subjects, roles and permissions from its table.
#include <functional>

#include "api/auth/auth.h"
#include "api/routes/routes.h"

namespace credo::api {
namespace {

// "Authorization: Bearer <token>"; empty when absent.
std::string BearerToken(const ApiRequest& request) {
  std::string header = request.Header("Authorization");
  if (header.size() > 7 && AsciiLower(header.substr(0, 7)) == "bearer ") {
    std::string token = header.substr(7);
    while (!token.empty() && token.front() == ' ') token.erase(token.begin());
    while (!token.empty() && token.back() == ' ') token.pop_back();
    return token;
  }
  return {};
}

bool IsSessionToken(const std::string& token) { return token.rfind("credos_", 0) == 0; }

Caller CallerFrom(const Principal& principal) {
  Caller caller;
  caller.id = principal.id;
  caller.role = std::string(RoleName(principal.role));
  caller.institution = principal.institution;
  caller.subject_id = principal.subject_id;
  switch (principal.role) {
    case Role::kInstitution:
      caller.kind = CallerKind::kClient;
      caller.rate_limit_key = static_cast<int64_t>(std::hash<std::string>()(principal.id));
      break;
    case Role::kSubject: caller.kind = CallerKind::kSubject; break;
    default: caller.kind = CallerKind::kOperator; break;
  }
  return caller;
}

class AuthModuleAuthenticator final : public Authenticator {
 public:
  Result<Caller> Authenticate(Store& store, const ApiRequest& request) override {
    if (!request.HasHeader("Authorization")) return Caller{};
    std::string token = BearerToken(request);
    if (token.empty()) {
      return MakeError(ErrorCode::kUnauthenticated,
                       "the Authorization header must be 'Bearer <API key or session token>'");
    }
    int64_t now = SystemClock().NowUnixSeconds();
    Principal principal;
    Status status = store.WithReadTransaction([&](Transaction& tx) -> Status {
      if (IsSessionToken(token)) {
        CREDO_ASSIGN_OR_RETURN(principal, AuthenticateSession(tx, token, now));
      } else {
        CREDO_ASSIGN_OR_RETURN(principal, AuthenticateApiKey(tx, token, now));
      }
      return Ok();
    });
    if (!status.ok()) {
      // A malformed credential is as unknown as a wrong one: 401, never 422.
      const Error& error = status.error();
      if (error.code == ErrorCode::kInvalidArgument || error.code == ErrorCode::kNotFound) {
        return MakeError(ErrorCode::kUnauthenticated, error.message);
      }
      return error;
    }
    return CallerFrom(principal);
  }

  bool MayUse(const Caller& caller, std::string_view permission) const override {
    auto role = ParseRole(caller.role);
    return role.ok() && RoleMayUse(*role, permission);
  }

  Result<SessionGrant> Login(Store& store, std::string_view user, std::string_view password,
                             std::string_view totp_code, std::string_view) override {
    CREDO_ASSIGN_OR_RETURN(LoginResult result,
                           api::Login(store, user, password, totp_code,
                                      SystemClock().NowUnixSeconds()));
    SessionGrant grant;
    grant.token = std::move(result.token);
    grant.expires_at = result.principal.expires_at;
    grant.user = result.principal.id;
    grant.role = std::string(RoleName(result.principal.role));
    return grant;
  }

  Status Logout(Store& store, const ApiRequest& request) override {
    std::string token = BearerToken(request);
    if (!IsSessionToken(token)) {
      return MakeError(ErrorCode::kInvalidArgument,
                       "only a session (from POST /v1/sessions) can be logged out; an API key "
                       "is revoked with `credo clients revoke`");
    }
    int64_t now = SystemClock().NowUnixSeconds();
    return store.WithTransaction(
        [&](Transaction& tx) -> Status { return api::Logout(tx, token, now); });
  }
};

}  // namespace

std::shared_ptr<Authenticator> MakeDefaultAuthenticator() {
  return std::make_shared<AuthModuleAuthenticator>();
}

}  // namespace credo::api
