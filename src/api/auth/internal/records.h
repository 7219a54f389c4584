// Internal to api/auth: the rows of auth_users, the generic-SQL helpers and the audit entries
// every auth change writes. Not part of the public interface.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "api/auth/auth.h"
#include "store/store.h"

namespace credo::api::auth_internal {

inline SqlValue Int(int64_t v) { return SqlValue::Int(v); }
inline SqlValue Text(std::string_view v) { return SqlValue::Text(std::string(v)); }
inline SqlValue Blob(std::string v) { return SqlValue::Blob(std::move(v)); }
int64_t AsInt(const SqlValue& value);
std::string AsText(const SqlValue& value);

//! INSERT ... RETURNING id.
Result<int64_t> InsertReturningId(Transaction& tx, const std::string& insert,
                                  std::span<const SqlValue> params);

struct UserRow {
  int64_t id = 0;
  std::string name;
  Role role = Role::kAnalyst;
  SubjectId subject_id = 0;
  std::string password_hash;  //!< argon2id encoded, or empty
  std::string totp_sealed;    //!< Transaction::Encrypt of the raw secret, or empty
  int64_t totp_last_step = 0;
  int failed_logins = 0;
  int64_t locked_until = 0;
  std::string lock_reason;
  int64_t created_at = 0;
  int64_t last_login_at = 0;
};

Result<std::optional<UserRow>> FindUser(Transaction& tx, std::string_view name);
Result<std::optional<UserRow>> FindUserById(Transaction& tx, int64_t id);
//! kNotFound "no user NAME" when absent (after checking the name's form).
Result<UserRow> RequireUser(Transaction& tx, std::string_view name);
UserInfo ToInfo(const UserRow& row);

//! Appends an audit entry about an auth change; `actor` empty means the store's actor.
Status Audit(Transaction& tx, std::string_view action, std::string_view entity, int64_t entity_id,
             SubjectId subject_id, std::string detail, std::string_view actor = {});

//! The column name bound into the TOTP secret's encryption.
inline constexpr std::string_view kTotpColumn = "auth_users.totp_secret";

}  // namespace credo::api::auth_internal
