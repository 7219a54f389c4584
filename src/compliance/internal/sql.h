// Small helpers for the compliance module's generic SQL (not part of the public interface).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/date.h"
#include "store/store.h"

namespace credo::compliance::internal {

inline SqlValue Int(int64_t v) { return SqlValue::Int(v); }
inline SqlValue Text(std::string v) { return SqlValue::Text(std::move(v)); }
inline SqlValue Blob(std::string v) { return SqlValue::Blob(std::move(v)); }
inline SqlValue DateValue(Date d) { return SqlValue::Int(d.days_since_epoch()); }
inline SqlValue OptionalDate(const std::optional<Date>& d) {
  return d ? SqlValue::Int(d->days_since_epoch()) : SqlValue::Null();
}

inline int64_t AsInt(const SqlValue& v) {
  if (v.kind == SqlValue::Kind::kInt) return v.int_value;
  if (v.kind == SqlValue::Kind::kReal) return static_cast<int64_t>(v.real_value);
  if (v.kind == SqlValue::Kind::kText) return std::stoll(v.bytes.empty() ? "0" : v.bytes);
  return 0;
}
inline std::string AsText(const SqlValue& v) {
  if (v.kind == SqlValue::Kind::kInt) return std::to_string(v.int_value);
  return v.bytes;
}
inline Date AsDate(const SqlValue& v) { return Date::FromDays(static_cast<int32_t>(AsInt(v))); }
inline std::optional<Date> AsOptionalDate(const SqlValue& v) {
  if (v.kind == SqlValue::Kind::kNull) return std::nullopt;
  return AsDate(v);
}

//! Runs an INSERT and returns the new row's id (INSERT ... RETURNING id: SQLite >= 3.35 and
//! PostgreSQL), exact even when other transactions insert concurrently.
inline Result<int64_t> InsertReturningId(Transaction& tx, const std::string& insert,
                                         std::span<const SqlValue> params) {
  CREDO_ASSIGN_OR_RETURN(auto rows, tx.Query(insert + " RETURNING id", params));
  if (rows.empty() || rows[0].empty()) {
    return MakeError(ErrorCode::kInternal, "insert returned no id: " + insert.substr(0, 40));
  }
  return AsInt(rows[0][0]);
}

//! A SQL condition selecting the rows (of a table with subject_id, item_kind, item_id) about the
//! subject's current tradelines and public records, wherever they were recorded: after a merge
//! the items move to the surviving subject but rows written before keep the old id. The text is
//! the same for every subject (so its statement is prepared once); its three parameters are
//! appended to `params`.
std::string SubjectItemsFilter(SubjectId surviving, std::vector<SqlValue>& params);

//! "a,b,c" <-> vector.
std::vector<std::string> SplitList(const std::string& text);
std::string JoinList(const std::vector<std::string>& items);

}  // namespace credo::compliance::internal
