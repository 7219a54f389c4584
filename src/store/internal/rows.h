// credo store internal: small helpers for binding and reading columns.
#pragma once

#include <optional>
#include <string>

#include "core/date.h"
#include "store/internal/connection.h"

namespace credo::store_internal {

inline void BindOptionalDate(Statement& statement, int index, const std::optional<Date>& date) {
  if (date) {
    statement.BindInt(index, date->days_since_epoch());
  } else {
    statement.BindNull(index);
  }
}
inline void BindDate(Statement& statement, int index, Date date) {
  statement.BindInt(index, date.days_since_epoch());
}
inline std::optional<Date> GetOptionalDate(Statement& statement, int column) {
  if (statement.IsNull(column)) return std::nullopt;
  return Date::FromDays(static_cast<int32_t>(statement.GetInt(column)));
}
inline Date GetDate(Statement& statement, int column) {
  return Date::FromDays(static_cast<int32_t>(statement.GetInt(column)));
}
inline std::string GetString(Statement& statement, int column) {
  return std::string(statement.GetBytes(column));
}
inline void BindOptionalInt(Statement& statement, int index, const std::optional<int64_t>& value) {
  if (value) {
    statement.BindInt(index, *value);
  } else {
    statement.BindNull(index);
  }
}
inline std::optional<int64_t> GetOptionalInt(Statement& statement, int column) {
  if (statement.IsNull(column)) return std::nullopt;
  return statement.GetInt(column);
}

//! Runs an INSERT ... RETURNING id and returns the id.
inline Result<int64_t> RunReturningId(Statement& statement) {
  CREDO_ASSIGN_OR_RETURN(bool row, statement.Step());
  if (!row) return MakeError(ErrorCode::kInternal, "INSERT returned no id");
  int64_t id = statement.GetInt(0);
  // Drain so the statement completes (PostgreSQL has one row; SQLite must step to DONE).
  CREDO_ASSIGN_OR_RETURN(bool more, statement.Step());
  (void)more;
  statement.Reset();
  return id;
}

}  // namespace credo::store_internal
