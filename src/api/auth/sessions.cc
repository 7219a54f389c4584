// Login (password + TOTP, lockout after repeated failures) and sessions (hashed random tokens,
// fixed lifetime, revoked at logout).
#include <optional>
#include <vector>

#include "api/auth/auth.h"
#include "api/auth/internal/password.h"
#include "api/auth/internal/records.h"
#include "api/auth/internal/secrets.h"
#include "api/auth/internal/totp.h"

namespace credo::api {
namespace {

using namespace auth_internal;

constexpr std::string_view kTokenPrefix = "credos_";
constexpr size_t kTokenSecretHex = 64;

Status CheckTokenForm(std::string_view token) {
  if (token.size() != kTokenPrefix.size() + kTokenSecretHex ||
      token.substr(0, kTokenPrefix.size()) != kTokenPrefix ||
      !IsLowerHex(token.substr(kTokenPrefix.size()))) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "malformed session token: expected credos_<64 hex> (" +
                         std::to_string(kTokenPrefix.size() + kTokenSecretHex) +
                         " characters), got " + std::to_string(token.size()) + " characters",
                     "session token");
  }
  return Ok();
}

Status CheckCodeForm(std::string_view code) {
  bool digits = code.size() == static_cast<size_t>(kTotpDigits);
  for (char c : code) digits = digits && c >= '0' && c <= '9';
  if (!digits) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "the TOTP code must be the 6 digits your authenticator shows", "totp");
  }
  return Ok();
}

std::string LockedMessage(const UserRow& user) {
  std::string until = user.locked_until == kLockedIndefinitely
                          ? "until an admin unlocks it"
                          : "until " + IsoTime(user.locked_until);
  return "account " + user.name + " is locked " + until + " (" + user.lock_reason +
         "); an admin can unlock it with credo users unlock " + user.name;
}

bool IsLocked(const UserRow& user, int64_t now_unix) { return user.locked_until > now_unix; }

// Records one failed attempt and, at the threshold, locks the account. Returns the error the
// caller reports.
Error RecordFailure(Transaction& tx, const UserRow& user, std::string_view why,
                    std::string message, int64_t now_unix, const AuthSettings& settings) {
  int failures = user.failed_logins + 1;
  bool lock = failures >= settings.lockout_threshold;
  int64_t locked_until = lock ? now_unix + settings.lockout_seconds : 0;
  std::string reason = lock ? std::to_string(failures) + " failed logins" : "";
  std::vector<SqlValue> params = {Int(lock ? 0 : failures), Int(locked_until), Text(reason),
                                  Int(user.id)};
  Status written = tx.Execute(
      "UPDATE auth_users SET failed_logins = ?, locked_until = ?, lock_reason = ? WHERE id = ?",
      params);
  if (!written.ok()) return written.error();
  Status audited = Audit(tx, "auth.login.fail", "auth_users", user.id, user.subject_id,
                         "user " + user.name + " login failed: " + std::string(why) +
                             " (attempt " + std::to_string(failures) + " of " +
                             std::to_string(settings.lockout_threshold) + ")",
                         "user:" + user.name);
  if (!audited.ok()) return audited.error();
  if (lock) {
    audited = Audit(tx, "auth.user.lock", "auth_users", user.id, user.subject_id,
                    "user " + user.name + " locked until " + IsoTime(locked_until) + " after " +
                        reason,
                    "auth");
    if (!audited.ok()) return audited.error();
    return MakeError(ErrorCode::kUnauthenticated,
                     message + "; that was failed login " + std::to_string(failures) +
                         ", so account " + user.name + " is now locked until " +
                         IsoTime(locked_until),
                     "login");
  }
  return MakeError(ErrorCode::kUnauthenticated,
                   message + " (failed login " + std::to_string(failures) + " of " +
                       std::to_string(settings.lockout_threshold) +
                       " before the account locks)",
                   "login");
}

}  // namespace

Result<LoginResult> Login(Transaction& tx, std::string_view user_name, std::string_view password,
                          std::string_view totp_code, int64_t now_unix,
                          const AuthSettings& settings) {
  CREDO_TRY(CheckUserName(user_name));
  if (password.empty()) {
    return MakeError(ErrorCode::kInvalidArgument, "the password is empty", "password");
  }
  if (password.size() > 1024) {
    return MakeError(ErrorCode::kInvalidArgument, "the password is longer than 1024 bytes",
                     "password");
  }
  CREDO_TRY(CheckCodeForm(totp_code));
  const std::string generic = "user name, password or TOTP code is wrong";
  CREDO_ASSIGN_OR_RETURN(auto found, FindUser(tx, user_name));
  if (!found) {
    VerifyAgainstDummy(password, settings);
    return MakeError(ErrorCode::kUnauthenticated, generic, "login");
  }
  UserRow& user = *found;
  if (IsLocked(user, now_unix)) {
    return MakeError(ErrorCode::kUnauthenticated, LockedMessage(user), "login");
  }
  if (user.locked_until != 0) user.failed_logins = 0;  // a lock that has run out starts afresh
  if (!VerifyPassword(user.password_hash, password)) {
    return RecordFailure(tx, user, "wrong password or code", generic, now_unix, settings);
  }
  if (user.totp_sealed.empty()) {
    return MakeError(ErrorCode::kUnauthenticated,
                     "user " + user.name +
                         " has no TOTP enrolled; an admin runs credo users enroll-totp " +
                         user.name,
                     "login");
  }
  CREDO_ASSIGN_OR_RETURN(std::string secret, tx.Decrypt(kTotpColumn, user.totp_sealed));
  auto step = MatchTotpStep(secret, totp_code, now_unix, settings.totp_window_steps);
  if (!step.ok()) {
    return RecordFailure(tx, user, "wrong password or code", generic, now_unix, settings);
  }
  if (*step <= user.totp_last_step) {
    return RecordFailure(tx, user, "replayed TOTP code",
                         "this TOTP code was already used; wait for the next code", now_unix,
                         settings);
  }
  CREDO_ASSIGN_OR_RETURN(std::string random, RandomBytes(kTokenSecretHex / 2));
  LoginResult result;
  result.token = std::string(kTokenPrefix) + Hex(random);
  int64_t expires_at = now_unix + settings.session_seconds;
  std::vector<SqlValue> update = {Int(*step), Int(now_unix), Int(user.id)};
  CREDO_TRY(tx.Execute(
      "UPDATE auth_users SET failed_logins = 0, locked_until = 0, lock_reason = '', "
      "totp_last_step = ?, last_login_at = ? WHERE id = ?",
      update));
  std::vector<SqlValue> insert = {Text(Sha256Hex(result.token)), Int(user.id), Int(now_unix),
                                  Int(expires_at)};
  CREDO_ASSIGN_OR_RETURN(
      int64_t session_id,
      InsertReturningId(tx,
                        "INSERT INTO auth_sessions (token_hash, user_id, created_at, expires_at) "
                        "VALUES (?, ?, ?, ?)",
                        insert));
  CREDO_TRY(Audit(tx, "auth.login", "auth_sessions", session_id, user.subject_id,
                  "user " + user.name + " logged in; session " + std::to_string(session_id) +
                      " expires " + IsoTime(expires_at),
                  "user:" + user.name));
  result.principal.role = user.role;
  result.principal.id = user.name;
  result.principal.subject_id = user.subject_id;
  result.principal.expires_at = expires_at;
  return result;
}

Result<LoginResult> Login(Store& store, std::string_view user, std::string_view password,
                          std::string_view totp_code, int64_t now_unix,
                          const AuthSettings& settings) {
  std::optional<Result<LoginResult>> outcome;
  Status committed = store.WithTransaction([&](Transaction& tx) -> Status {
    outcome.emplace(Login(tx, user, password, totp_code, now_unix, settings));
    // A refused login still commits: the failed attempt and any lock must be remembered.
    if (outcome->ok() || outcome->error().code == ErrorCode::kUnauthenticated) return Ok();
    return outcome->error();
  });
  if (!committed.ok()) return committed.error();
  return std::move(*outcome);
}

Result<Principal> AuthenticateSession(Transaction& tx, std::string_view token, int64_t now_unix) {
  CREDO_TRY(CheckTokenForm(token));
  std::vector<SqlValue> params = {Text(Sha256Hex(token))};
  CREDO_ASSIGN_OR_RETURN(
      auto rows,
      tx.Query("SELECT user_id, expires_at, revoked_at FROM auth_sessions WHERE token_hash = ?",
               params));
  if (rows.empty()) {
    return MakeError(ErrorCode::kUnauthenticated, "unknown session; log in again", "session");
  }
  int64_t expires_at = AsInt(rows[0][1]);
  int64_t revoked_at = AsInt(rows[0][2]);
  if (revoked_at != 0) {
    return MakeError(ErrorCode::kUnauthenticated,
                     "the session ended at " + IsoTime(revoked_at) + "; log in again",
                     "session");
  }
  if (expires_at <= now_unix) {
    return MakeError(ErrorCode::kUnauthenticated,
                     "the session expired at " + IsoTime(expires_at) + "; log in again",
                     "session");
  }
  CREDO_ASSIGN_OR_RETURN(auto user, FindUserById(tx, AsInt(rows[0][0])));
  if (!user) {
    return MakeError(ErrorCode::kUnauthenticated, "the session's user no longer exists",
                     "session");
  }
  if (IsLocked(*user, now_unix)) {
    return MakeError(ErrorCode::kUnauthenticated, LockedMessage(*user), "session");
  }
  Principal principal;
  principal.role = user->role;
  principal.id = user->name;
  principal.subject_id = user->subject_id;
  principal.expires_at = expires_at;
  return principal;
}

Result<Principal> AuthenticateCredential(Transaction& tx, std::string_view credential,
                                         int64_t now_unix) {
  if (credential.substr(0, kTokenPrefix.size()) == kTokenPrefix) {
    return AuthenticateSession(tx, credential, now_unix);
  }
  if (credential.substr(0, 6) == "credo_") return AuthenticateApiKey(tx, credential, now_unix);
  return MakeError(ErrorCode::kInvalidArgument,
                   "the credential is neither an API key (credo_...) nor a session token "
                   "(credos_...)",
                   "credential");
}

Status Logout(Transaction& tx, std::string_view token, int64_t now_unix) {
  CREDO_TRY(CheckTokenForm(token));
  std::vector<SqlValue> params = {Text(Sha256Hex(token))};
  CREDO_ASSIGN_OR_RETURN(
      auto rows,
      tx.Query("SELECT id, user_id, revoked_at FROM auth_sessions WHERE token_hash = ?", params));
  if (rows.empty() || AsInt(rows[0][2]) != 0) {
    return MakeError(ErrorCode::kUnauthenticated, "unknown or already ended session", "session");
  }
  int64_t session_id = AsInt(rows[0][0]);
  int64_t ended_at = now_unix > 0 ? now_unix : 1;
  std::vector<SqlValue> update = {Int(ended_at), Int(session_id)};
  CREDO_TRY(tx.Execute("UPDATE auth_sessions SET revoked_at = ? WHERE id = ?", update));
  CREDO_ASSIGN_OR_RETURN(auto user, FindUserById(tx, AsInt(rows[0][1])));
  std::string name = user ? user->name : "(removed)";
  return Audit(tx, "auth.logout", "auth_sessions", session_id, user ? user->subject_id : 0,
               "user " + name + " logged out; session " + std::to_string(session_id) + " ended",
               "user:" + name);
}

}  // namespace credo::api
