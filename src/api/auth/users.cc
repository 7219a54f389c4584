// Operators and subject accounts: creation, passwords, TOTP enrolment, locks, listing.
#include <vector>

#include "api/auth/auth.h"
#include "api/auth/internal/password.h"
#include "api/auth/internal/records.h"
#include "api/auth/internal/secrets.h"
#include "api/auth/internal/totp.h"

namespace credo::api {
namespace {

using namespace auth_internal;

Status InsertUser(Transaction& tx, std::string_view name, Role role, SubjectId subject_id,
                  std::string_view password, int64_t now_unix, const AuthSettings& settings) {
  CREDO_TRY(CheckUserName(name));
  std::string password_hash;
  if (!password.empty()) {
    CREDO_TRY(CheckPasswordRules(password, settings));
  }
  CREDO_ASSIGN_OR_RETURN(auto existing, FindUser(tx, name));
  if (existing) {
    return MakeError(ErrorCode::kAlreadyExists,
                     "user \"" + std::string(name) + "\" already exists; see credo users list",
                     "user");
  }
  if (!password.empty()) {
    CREDO_ASSIGN_OR_RETURN(password_hash, HashPassword(password, settings));
  }
  std::vector<SqlValue> params = {Text(name), Text(RoleName(role)), Int(subject_id),
                                  Text(password_hash), Int(now_unix)};
  CREDO_ASSIGN_OR_RETURN(
      int64_t id, InsertReturningId(tx,
                                    "INSERT INTO auth_users (name, role, subject_id, "
                                    "password_hash, created_at) VALUES (?, ?, ?, ?, ?)",
                                    params));
  std::string detail = "user " + std::string(name) + " role " + std::string(RoleName(role));
  if (role == Role::kSubject) detail += " bound to subject " + std::to_string(subject_id);
  detail += password.empty() ? ", no password yet" : ", password set";
  return Audit(tx, role == Role::kSubject ? "auth.subject_user.add" : "auth.user.add",
               "auth_users", id, subject_id, detail);
}

Status EndSessions(Transaction& tx, int64_t user_id, int64_t now_unix) {
  std::vector<SqlValue> params = {Int(now_unix), Int(user_id)};
  return tx.Execute(
      "UPDATE auth_sessions SET revoked_at = ? WHERE user_id = ? AND revoked_at = 0", params);
}

}  // namespace

Status AddUser(Transaction& tx, std::string_view name, Role role, std::string_view password,
               int64_t now_unix, const AuthSettings& settings) {
  if (role == Role::kInstitution) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "institutions authenticate with API keys, not as users; use credo clients "
                     "add INSTITUTION --expires DATE",
                     "role");
  }
  if (role == Role::kSubject) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "a subject account is bound to a subject; use credo users add-subject NAME "
                     "--subject SUBJECT_ID",
                     "role");
  }
  return InsertUser(tx, name, role, 0, password, now_unix, settings);
}

Status AddSubjectUser(Transaction& tx, std::string_view name, SubjectId subject_id,
                      std::string_view password, int64_t now_unix,
                      const AuthSettings& settings) {
  CREDO_TRY(CheckUserName(name));
  if (subject_id <= 0) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "subject id " + std::to_string(subject_id) + " is not a positive number",
                     "subject");
  }
  auto surviving = tx.ResolveSubjectId(subject_id);
  if (!surviving.ok()) {
    if (surviving.error().code == ErrorCode::kNotFound) {
      return MakeError(ErrorCode::kNotFound,
                       "no subject " + std::to_string(subject_id) + " in this bureau",
                       "subject");
    }
    return surviving.error();
  }
  std::vector<SqlValue> params = {Text(RoleName(Role::kSubject)), Int(*surviving)};
  CREDO_ASSIGN_OR_RETURN(
      auto bound,
      tx.Query("SELECT name FROM auth_users WHERE role = ? AND subject_id = ?", params));
  if (!bound.empty()) {
    return MakeError(ErrorCode::kAlreadyExists,
                     "subject " + std::to_string(*surviving) + " already has the account \"" +
                         AsText(bound[0][0]) + "\"",
                     "subject");
  }
  return InsertUser(tx, name, Role::kSubject, *surviving, password, now_unix, settings);
}

Status SetPassword(Transaction& tx, std::string_view name, std::string_view password,
                   int64_t now_unix, const AuthSettings& settings) {
  CREDO_TRY(CheckPasswordRules(password, settings));
  CREDO_ASSIGN_OR_RETURN(UserRow user, RequireUser(tx, name));
  CREDO_ASSIGN_OR_RETURN(std::string hash, HashPassword(password, settings));
  std::vector<SqlValue> params = {Text(hash), Int(user.id)};
  CREDO_TRY(tx.Execute(
      "UPDATE auth_users SET password_hash = ?, failed_logins = 0 WHERE id = ?", params));
  CREDO_TRY(EndSessions(tx, user.id, now_unix));
  return Audit(tx, "auth.user.password", "auth_users", user.id, user.subject_id,
               "user " + user.name + " password replaced; sessions ended");
}

Result<TotpEnrollment> EnrollTotp(Transaction& tx, std::string_view name, int64_t now_unix) {
  (void)now_unix;
  CREDO_ASSIGN_OR_RETURN(UserRow user, RequireUser(tx, name));
  CREDO_ASSIGN_OR_RETURN(std::string secret, RandomBytes(kTotpSecretBytes));
  CREDO_ASSIGN_OR_RETURN(std::string sealed, tx.Encrypt(kTotpColumn, secret));
  CREDO_ASSIGN_OR_RETURN(std::string base32, EncodeBase32(secret));
  std::vector<SqlValue> params = {Blob(sealed), Int(user.id)};
  CREDO_TRY(tx.Execute("UPDATE auth_users SET totp_secret = ?, totp_last_step = 0 WHERE id = ?",
                       params));
  CREDO_TRY(Audit(tx, "auth.user.enroll_totp", "auth_users", user.id, user.subject_id,
                  "user " + user.name +
                      (user.totp_sealed.empty() ? " enrolled TOTP" : " re-enrolled TOTP "
                                                                     "(old secret replaced)")));
  TotpEnrollment enrollment;
  enrollment.secret_base32 = base32;
  enrollment.otpauth_uri = "otpauth://totp/credo:" + user.name + "?secret=" + base32 +
                           "&issuer=credo&algorithm=SHA1&digits=6&period=30";
  return enrollment;
}

Status LockUser(Transaction& tx, std::string_view name, std::string_view reason,
                int64_t now_unix) {
  CREDO_ASSIGN_OR_RETURN(UserRow user, RequireUser(tx, name));
  std::string why = reason.empty() ? "locked by an admin" : Printable(reason);
  std::vector<SqlValue> params = {Int(kLockedIndefinitely), Text(why), Int(user.id)};
  CREDO_TRY(tx.Execute("UPDATE auth_users SET locked_until = ?, lock_reason = ? WHERE id = ?",
                       params));
  CREDO_TRY(EndSessions(tx, user.id, now_unix));
  return Audit(tx, "auth.user.lock", "auth_users", user.id, user.subject_id,
               "user " + user.name + " locked until unlocked: " + why + "; sessions ended");
}

Status UnlockUser(Transaction& tx, std::string_view name, int64_t now_unix) {
  CREDO_ASSIGN_OR_RETURN(UserRow user, RequireUser(tx, name));
  std::vector<SqlValue> params = {Int(user.id)};
  CREDO_TRY(tx.Execute(
      "UPDATE auth_users SET locked_until = 0, lock_reason = '', failed_logins = 0 WHERE id = ?",
      params));
  std::string was = user.locked_until == 0 ? "was not locked"
                    : user.locked_until == kLockedIndefinitely
                        ? "was locked until unlocked"
                        : (user.locked_until > now_unix ? "was locked until " +
                                                              IsoTime(user.locked_until)
                                                        : "lock had expired");
  return Audit(tx, "auth.user.unlock", "auth_users", user.id, user.subject_id,
               "user " + user.name + " unlocked (" + was + ")");
}

Result<std::vector<UserInfo>> ListUsers(Transaction& tx) {
  CREDO_ASSIGN_OR_RETURN(auto rows, tx.Query("SELECT name FROM auth_users ORDER BY name"));
  std::vector<UserInfo> users;
  for (const SqlRow& row : rows) {
    CREDO_ASSIGN_OR_RETURN(auto user, FindUser(tx, AsText(row[0])));
    if (user) users.push_back(ToInfo(*user));
  }
  return users;
}

Result<UserInfo> GetUser(Transaction& tx, std::string_view name) {
  CREDO_ASSIGN_OR_RETURN(UserRow user, RequireUser(tx, name));
  return ToInfo(user);
}

}  // namespace credo::api
