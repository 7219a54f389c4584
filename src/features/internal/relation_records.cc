#include "features/internal/relation_records.h"

#include <algorithm>
#include <charconv>
#include <vector>

namespace credo::features::internal {
namespace {

int64_t IntOf(const SqlValue& value) {
  switch (value.kind) {
    case SqlValue::Kind::kInt: return value.int_value;
    case SqlValue::Kind::kReal: return static_cast<int64_t>(value.real_value);
    case SqlValue::Kind::kText: {
      int64_t parsed = 0;
      (void)std::from_chars(value.bytes.data(), value.bytes.data() + value.bytes.size(), parsed);
      return parsed;
    }
    case SqlValue::Kind::kNull:
    case SqlValue::Kind::kBlob: return 0;
  }
  return 0;
}

}  // namespace

Date DayOfUnixSeconds(int64_t unix_seconds) {
  int64_t days = unix_seconds / 86400;
  if (unix_seconds % 86400 < 0) --days;
  return Date::FromDays(static_cast<int32_t>(days));
}

Result<std::map<int64_t, RelationRecorded>> ReadRelationRecordedOn(
    Transaction& transaction, SubjectId subject_id, std::span<const RelationRow> relations) {
  std::map<int64_t, RelationRecorded> recorded;
  if (relations.empty()) return recorded;
  // The same rows as Transaction::ListRelations.
  const std::vector<SqlValue> ends = {SqlValue::Int(subject_id), SqlValue::Int(subject_id)};
  CREDO_ASSIGN_OR_RETURN(std::vector<SqlRow> written,
                         transaction.Query("SELECT id, first_recorded_at, updated_at FROM "
                                           "relations WHERE subject_id = ? OR to_subject_id = ?",
                                           ends));
  for (const SqlRow& row : written) {
    if (row.size() < 3) continue;
    const Date latest = DayOfUnixSeconds(IntOf(row[2]));
    // A first record after the latest write cannot be (a clock set back): the latest bounds it.
    const Date first = std::min(DayOfUnixSeconds(IntOf(row[1])), latest);
    recorded[IntOf(row[0])] = RelationRecorded{first, latest};
  }
  return recorded;
}

}  // namespace credo::features::internal
