// The "auth" schema component. Times are unix seconds. Secrets never appear in clear: key and
// session-token columns hold SHA-256 hex, password_hash an argon2id encoded hash, totp_secret
// the secret sealed by Transaction::Encrypt (AES-256-GCM under the bureau's data key).
#include "api/auth/auth.h"

namespace credo::api {
namespace {

constexpr const char* kSchemaV1 = R"SQL(
CREATE TABLE auth_users (
  id @ID@,
  name TEXT NOT NULL UNIQUE,
  role TEXT NOT NULL,
  subject_id BIGINT NOT NULL DEFAULT 0,
  password_hash TEXT NOT NULL DEFAULT '',
  totp_secret @BLOB@,
  totp_last_step BIGINT NOT NULL DEFAULT 0,
  failed_logins BIGINT NOT NULL DEFAULT 0,
  locked_until BIGINT NOT NULL DEFAULT 0,
  lock_reason TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  last_login_at BIGINT NOT NULL DEFAULT 0
);
CREATE TABLE auth_api_clients (
  id @ID@,
  client_id TEXT NOT NULL UNIQUE,
  institution TEXT NOT NULL,
  key_hash TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  revoked_at BIGINT NOT NULL DEFAULT 0
);
CREATE TABLE auth_sessions (
  id @ID@,
  token_hash TEXT NOT NULL UNIQUE,
  user_id BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  revoked_at BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX auth_sessions_user ON auth_sessions (user_id);
)SQL";

}  // namespace

const SchemaComponent& AuthSchema() {
  static const SchemaComponent component = {
      "auth",
      {Migration{1, "users, API clients and sessions", kSchemaV1, "", ""}},
  };
  return component;
}

Status EnsureAuthSchema(Store& store) { return store.ApplySchema(AuthSchema()); }

}  // namespace credo::api
