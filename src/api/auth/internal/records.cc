#include "api/auth/internal/records.h"

#include <vector>

#include "api/auth/internal/secrets.h"

namespace credo::api::auth_internal {
namespace {

constexpr const char* kUserColumns =
    "id, name, role, subject_id, password_hash, totp_secret, totp_last_step, failed_logins, "
    "locked_until, lock_reason, created_at, last_login_at";

Result<std::optional<UserRow>> FindUserWhere(Transaction& tx, const std::string& condition,
                                             SqlValue key) {
  std::vector<SqlValue> params = {std::move(key)};
  CREDO_ASSIGN_OR_RETURN(
      auto rows,
      tx.Query(std::string("SELECT ") + kUserColumns + " FROM auth_users WHERE " + condition,
               params));
  if (rows.empty()) return std::optional<UserRow>();
  const SqlRow& r = rows[0];
  UserRow row;
  row.id = AsInt(r[0]);
  row.name = AsText(r[1]);
  auto role = ParseRole(AsText(r[2]));
  if (!role.ok()) {
    return MakeError(ErrorCode::kDataLoss,
                     "auth_users row " + std::to_string(row.id) + " has an unknown role",
                     "auth_users.role");
  }
  row.role = *role;
  row.subject_id = AsInt(r[3]);
  row.password_hash = AsText(r[4]);
  row.totp_sealed = r[5].kind == SqlValue::Kind::kNull ? "" : r[5].bytes;
  row.totp_last_step = AsInt(r[6]);
  row.failed_logins = static_cast<int>(AsInt(r[7]));
  row.locked_until = AsInt(r[8]);
  row.lock_reason = AsText(r[9]);
  row.created_at = AsInt(r[10]);
  row.last_login_at = AsInt(r[11]);
  return std::optional<UserRow>(std::move(row));
}

}  // namespace

int64_t AsInt(const SqlValue& value) {
  if (value.kind == SqlValue::Kind::kInt) return value.int_value;
  if (value.kind == SqlValue::Kind::kReal) return static_cast<int64_t>(value.real_value);
  if (value.kind == SqlValue::Kind::kText && !value.bytes.empty()) {
    try {
      return std::stoll(value.bytes);
    } catch (...) {
      return 0;
    }
  }
  return 0;
}

std::string AsText(const SqlValue& value) {
  if (value.kind == SqlValue::Kind::kInt) return std::to_string(value.int_value);
  return value.bytes;
}

Result<int64_t> InsertReturningId(Transaction& tx, const std::string& insert,
                                  std::span<const SqlValue> params) {
  CREDO_ASSIGN_OR_RETURN(auto rows, tx.Query(insert + " RETURNING id", params));
  if (rows.empty() || rows[0].empty()) {
    return MakeError(ErrorCode::kInternal, "insert returned no id: " + insert.substr(0, 40));
  }
  return AsInt(rows[0][0]);
}

Result<std::optional<UserRow>> FindUser(Transaction& tx, std::string_view name) {
  return FindUserWhere(tx, "name = ?", Text(name));
}

Result<std::optional<UserRow>> FindUserById(Transaction& tx, int64_t id) {
  return FindUserWhere(tx, "id = ?", Int(id));
}

Result<UserRow> RequireUser(Transaction& tx, std::string_view name) {
  CREDO_TRY(CheckUserName(name));
  CREDO_ASSIGN_OR_RETURN(auto row, FindUser(tx, name));
  if (!row) {
    return MakeError(ErrorCode::kNotFound,
                     "no user \"" + std::string(name) + "\"; see credo users list", "user");
  }
  return std::move(*row);
}

UserInfo ToInfo(const UserRow& row) {
  UserInfo info;
  info.name = row.name;
  info.role = row.role;
  info.subject_id = row.subject_id;
  info.has_password = !row.password_hash.empty();
  info.totp_enrolled = !row.totp_sealed.empty();
  info.failed_logins = row.failed_logins;
  info.locked_until = row.locked_until;
  info.lock_reason = row.lock_reason;
  info.created_at = row.created_at;
  info.last_login_at = row.last_login_at;
  return info;
}

Status Audit(Transaction& tx, std::string_view action, std::string_view entity, int64_t entity_id,
             SubjectId subject_id, std::string detail, std::string_view actor) {
  AuditEntry entry;
  entry.actor = std::string(actor);
  entry.action = std::string(action);
  entry.entity = std::string(entity);
  entry.entity_id = entity_id;
  entry.subject_id = subject_id;
  entry.detail = std::move(detail);
  auto appended = tx.AppendAudit(std::move(entry));
  if (!appended.ok()) return appended.error();
  return Ok();
}

}  // namespace credo::api::auth_internal
