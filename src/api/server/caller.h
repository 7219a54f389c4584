// credo api/server: who is calling, and the authenticator the server asks.
//
// The server does not know how credentials work: it hands the request's headers to an
// Authenticator (the api/auth part provides the real one: API keys for institutions, session
// tokens for operators, subject credentials for the subject's own view) and gets a Caller back.
// Routes are guarded by permission names ("reports.issue", "subjects.lookup" ...) that the
// Authenticator grants by role. Implementations must be safe to call from many threads at once;
// the Store they are given belongs to the calling thread.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "api/server/exchange.h"
#include "core/result.h"
#include "core/subject.h"
#include "store/store.h"

namespace credo::api {

enum class CallerKind {
  kAnonymous,  //!< no credentials (only public routes)
  kClient,     //!< an institution's API client (API key)
  kOperator,   //!< bureau staff with a session (admin, data operations, analyst, auditor)
  kSubject,    //!< a data subject with the bureau's subject credentials
};
std::string_view CallerKindName(CallerKind kind);

struct Caller {
  CallerKind kind = CallerKind::kAnonymous;
  //! What logs and the audit trail name: the client id or the operator's user name, or
  //! "subject:<id>". Never a name, an identifier or a credential.
  std::string id;
  std::string role;         //!< role name as the authenticator reports it
  std::string institution;  //!< for clients: the institution the key belongs to
  SubjectId subject_id = 0; //!< for subjects: their own subject id
  int64_t rate_limit_key = 0;  //!< for clients: the API key's id (rate limits are per key)
};

//! What a session login returns.
struct SessionGrant {
  std::string token;      //!< shown once; the client sends it as "Authorization: Bearer <token>"
  int64_t expires_at = 0; //!< unix seconds
  std::string user;
  std::string role;
};

class Authenticator {
 public:
  virtual ~Authenticator() = default;
  //! The caller named by the request's credentials; kAnonymous when it carries none.
  //! kUnauthenticated for credentials that are wrong, expired, revoked or locked.
  virtual Result<Caller> Authenticate(Store& store, const ApiRequest& request) = 0;
  //! Whether the caller's role may use routes guarded by `permission`.
  virtual bool MayUse(const Caller& caller, std::string_view permission) const = 0;
  //! Operator login with password and TOTP code. kUnauthenticated when refused.
  virtual Result<SessionGrant> Login(Store& store, std::string_view user,
                                     std::string_view password, std::string_view totp_code,
                                     std::string_view remote_address) = 0;
  //! Ends the session the request carries.
  virtual Status Logout(Store& store, const ApiRequest& request) = 0;
};

}  // namespace credo::api
