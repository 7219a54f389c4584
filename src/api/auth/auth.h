// credo api/auth: who is calling and what they may do.
//
// What it offers
//   * Roles and permissions: Role, RoleName/ParseRole, RoleMayUse(role, permission) from the table
//     in src/api/auth/permissions.toml (embedded in the binary; docs/api/auth.md). An unknown
//     permission is refused for every role. RequirePermission turns a refusal into
//     kPermissionDenied with a message naming the role and the permission.
//   * API clients (institutions): CreateApiClient returns the key once ("credo_<client id>_<64 hex>",
//     256 random bits); only its SHA-256 is stored, looked up by the client id in the key and
//     compared in constant time. Keys expire (expires_at) and can be revoked.
//   * Operators (admin, data operations, analyst, auditor) and subjects (role kSubject, bound to a
//     SubjectId, for /v1/me) log in with a password (argon2id, parameters stored in the encoded
//     hash) and a TOTP code (RFC 6238, liboath, 6 digits, 30 s, SHA-1, +-1 step). A code is
//     accepted once: the last used time step is remembered per user and codes of that step or
//     earlier are refused. Five failed logins in a row (AuthSettings::lockout_threshold) lock the
//     account for AuthSettings::lockout_seconds (default 15 min); admins lock and unlock.
//   * Sessions: Login returns a random token ("credos_<64 hex>"); only its SHA-256 is stored. A
//     session lives AuthSettings::session_seconds (default 15 min) from login and is NOT sliding:
//     authenticating with it never extends it (so authentication is a read, and a stolen token
//     dies on time). Logout revokes it at once; locking a user ends their sessions.
//
// Contract
//   * Everything lives in the component "auth" of the store (EnsureAuthSchema). Every change (user
//     or subject account added, password set, TOTP enrolled, key created or revoked, lock, unlock,
//     login, logout) appends an audit entry in the same transaction. No password, key, token or
//     TOTP secret is stored, logged or audited in clear: keys, tokens are SHA-256 hashed,
//     passwords argon2id hashed, TOTP secrets encrypted with Transaction::Encrypt.
//   * Errors: kUnauthenticated (unknown, expired or revoked key; unknown user, wrong password or
//     code, replayed code, no TOTP enrolled, locked: the message says locked and until when;
//     unknown, expired or logged-out session), kPermissionDenied (role refusals),
//     kInvalidArgument (malformed names, keys, tokens, codes, weak passwords: nothing changes),
//     kNotFound / kAlreadyExists for the management calls.
//   * Failed logins must be remembered even though Login fails: Login(Transaction&, ...) writes
//     the failure into the transaction it was given, so the caller has to COMMIT that transaction
//     when Login returns kUnauthenticated (return Ok() from the callback and carry the error out).
//     Login(Store&, ...) does exactly that and is what callers should normally use.
//   * AuthenticateApiKey and AuthenticateSession only read: they work in a read transaction.
//   * Time is always the caller's (now_unix, unix seconds), so tests use a fixed clock.
//   * Thread safety: the functions hold no state of their own (the permission table is parsed
//     once, thread-safely); a Transaction belongs to one thread.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "core/subject.h"
#include "store/store.h"

namespace credo::api {

enum class Role { kAdmin, kDataOperations, kAnalyst, kAuditor, kInstitution, kSubject };

//! "admin", "data_operations", "analyst", "auditor", "institution", "subject".
std::string_view RoleName(Role role);
//! Inverse of RoleName (also accepts "data-operations"); kInvalidArgument names the valid roles.
Result<Role> ParseRole(std::string_view name);
//! Every role, in enum order.
const std::vector<Role>& AllRoles();

//! Who is calling, as established by AuthenticateApiKey / AuthenticateSession / Login.
struct Principal {
  Role role = Role::kInstitution;
  std::string id;           //!< user name or client id, never a subject identifier
  std::string institution;  //!< for kInstitution
  SubjectId subject_id = 0; //!< for kSubject
  int64_t expires_at = 0;   //!< unix seconds: key or session expiry
};

// ---------------------------------------------------------------------------------------------
// Permissions: "reports.issue", "reports.fetch", "scores.issue", "subjects.lookup",
// "batches.upload", "batches.read", "consents.write", "alerts.read", "monitor.write",
// "graph.read", "fraud.check", "decision.read", "me.read", "users.admin", "audit.read",
// "models.read", "disputes.read", "review.write".

//! True when the role may use the permission per permissions.toml; unknown permission: false.
bool RoleMayUse(Role role, std::string_view permission);
//! Every permission the table knows, sorted.
const std::vector<std::string>& KnownPermissions();
//! Ok, or kPermissionDenied "role analyst may not use batches.upload" (kInvalidArgument-free:
//! an unknown permission is a refusal too, its message says the permission is unknown).
Status RequirePermission(const Principal& principal, std::string_view permission);

// ---------------------------------------------------------------------------------------------
// Settings and schema.

struct AuthSettings {
  int lockout_threshold = 5;        //!< failed logins in a row that lock the account
  int64_t lockout_seconds = 900;    //!< how long such a lock lasts
  int64_t session_seconds = 900;    //!< session lifetime from login (not sliding)
  int totp_window_steps = 1;        //!< accepted steps either side of now
  uint32_t argon2_time_cost = 2;    //!< argon2id iterations (OWASP minimum: m=19 MiB, t=2, p=1)
  uint32_t argon2_memory_kib = 19456;
  uint32_t argon2_parallelism = 1;
  size_t min_password_length = 12;
};

//! The schema component "auth" (tables auth_users, auth_api_clients, auth_sessions).
const SchemaComponent& AuthSchema();
//! Applies the "auth" component's pending migrations.
Status EnsureAuthSchema(Store& store);

// ---------------------------------------------------------------------------------------------
// API clients (institutions).

struct ApiClientInfo {
  std::string client_id;    //!< 16 hex characters, the key's lookup prefix
  std::string institution;
  int64_t created_at = 0;
  int64_t expires_at = 0;
  int64_t revoked_at = 0;   //!< 0 while not revoked
};
struct CreatedApiClient {
  ApiClientInfo client;
  std::string key;  //!< shown once; never stored
};

//! Creates a key for `institution` ([A-Za-z0-9._-], 1..64) valid until expires_at (> now).
Result<CreatedApiClient> CreateApiClient(Transaction& tx, std::string_view institution,
                                         int64_t expires_at, int64_t now_unix);
//! Revokes a client (kNotFound if unknown; revoking twice is kFailedPrecondition).
Status RevokeApiClient(Transaction& tx, std::string_view client_id, int64_t now_unix);
//! All clients, oldest first.
Result<std::vector<ApiClientInfo>> ListApiClients(Transaction& tx);
//! kUnauthenticated for an unknown, expired or revoked key; kInvalidArgument when malformed.
Result<Principal> AuthenticateApiKey(Transaction& tx, std::string_view presented_key,
                                     int64_t now_unix);

// ---------------------------------------------------------------------------------------------
// Users (operators and subject accounts).

struct UserInfo {
  std::string name;
  Role role = Role::kAnalyst;
  SubjectId subject_id = 0;    //!< for kSubject
  bool has_password = false;
  bool totp_enrolled = false;
  int failed_logins = 0;
  int64_t locked_until = 0;    //!< unix seconds; 0 not locked; kLockedIndefinitely by admin
  std::string lock_reason;
  int64_t created_at = 0;
  int64_t last_login_at = 0;
};
inline constexpr int64_t kLockedIndefinitely = INT64_MAX;

//! Adds an operator (any role but kInstitution and kSubject). `password` may be empty (no login
//! until SetPassword); else it must have settings.min_password_length characters.
//! Names: [a-z0-9][a-z0-9._-]{0,63}.
Status AddUser(Transaction& tx, std::string_view name, Role role, std::string_view password,
               int64_t now_unix, const AuthSettings& settings = AuthSettings());
//! Adds a subject account (role kSubject) bound to an existing subject (kNotFound otherwise).
Status AddSubjectUser(Transaction& tx, std::string_view name, SubjectId subject_id,
                      std::string_view password, int64_t now_unix,
                      const AuthSettings& settings = AuthSettings());
//! Replaces the password (argon2id) and clears failed logins.
Status SetPassword(Transaction& tx, std::string_view name, std::string_view password,
                   int64_t now_unix, const AuthSettings& settings = AuthSettings());

struct TotpEnrollment {
  std::string secret_base32;  //!< shown once
  std::string otpauth_uri;    //!< otpauth://totp/credo:NAME?secret=...&issuer=credo&...
};
//! Creates (or replaces) the user's TOTP secret (160 random bits), stored encrypted.
Result<TotpEnrollment> EnrollTotp(Transaction& tx, std::string_view name, int64_t now_unix);
//! Locks until further notice (kLockedIndefinitely); ends the user's sessions.
Status LockUser(Transaction& tx, std::string_view name, std::string_view reason,
                int64_t now_unix);
//! Clears a lock (by admin or by failures) and the failed-login count.
Status UnlockUser(Transaction& tx, std::string_view name, int64_t now_unix);
Result<std::vector<UserInfo>> ListUsers(Transaction& tx);
Result<UserInfo> GetUser(Transaction& tx, std::string_view name);

// ---------------------------------------------------------------------------------------------
// Login and sessions.

struct LoginResult {
  std::string token;  //!< shown once; only its SHA-256 is stored
  Principal principal;
};

//! Password + TOTP. On failure the failed attempt (and a lock at the threshold) is written into
//! `tx`: the caller must commit it (see the contract above).
Result<LoginResult> Login(Transaction& tx, std::string_view user, std::string_view password,
                          std::string_view totp_code, int64_t now_unix,
                          const AuthSettings& settings = AuthSettings());
//! Login in its own transaction, committing the failed attempt when it fails.
Result<LoginResult> Login(Store& store, std::string_view user, std::string_view password,
                          std::string_view totp_code, int64_t now_unix,
                          const AuthSettings& settings = AuthSettings());
//! kUnauthenticated for an unknown, expired or revoked token or a locked user.
Result<Principal> AuthenticateSession(Transaction& tx, std::string_view token, int64_t now_unix);
//! What the server calls with the bearer credential of a request: an API key ("credo_...") or a
//! session token ("credos_..."), told apart by prefix; anything else is kInvalidArgument.
Result<Principal> AuthenticateCredential(Transaction& tx, std::string_view credential,
                                         int64_t now_unix);
//! Revokes the session (kUnauthenticated if the token is unknown or already ended).
Status Logout(Transaction& tx, std::string_view token, int64_t now_unix = 0);

// ---------------------------------------------------------------------------------------------
// TOTP (RFC 6238) helpers, used by Login and by tests and clients to compute codes.

enum class TotpAlgorithm { kSha1, kSha256, kSha512 };
//! The code for `secret` (raw bytes) at unix time `now` (30 s steps from 0).
Result<std::string> TotpCode(std::string_view secret, int64_t now_unix, int digits = 6,
                             TotpAlgorithm algorithm = TotpAlgorithm::kSha1);
//! Decodes a base32 secret (as printed by EnrollTotp) to raw bytes.
Result<std::string> DecodeBase32Secret(std::string_view base32);

}  // namespace credo::api
