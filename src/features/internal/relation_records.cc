#include "features/internal/relation_records.h"

#include <algorithm>
#include <charconv>
#include <string>
#include <utility>
#include <vector>

namespace credo::features::internal {
namespace {

//! Ids per IN list (well under SQLite's and PostgreSQL's limits on parameters).
constexpr size_t kInChunk = 400;

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

std::string Placeholders(size_t count) {
  std::string list;
  for (size_t i = 0; i < count; ++i) list += i == 0 ? "?" : ",?";
  return list;
}

std::vector<SqlValue> IdParams(const std::vector<SubjectId>& ids, size_t start, size_t end) {
  std::vector<SqlValue> params;
  params.reserve(end - start);
  for (size_t i = start; i < end; ++i) params.push_back(SqlValue::Int(ids[i]));
  return params;
}

//! The detail the store's audit entry of a relation write carries (store/repository/records.cc,
//! UpsertRelation): with the subject, it names the relation whatever its id.
std::string AuditDetail(const Relation& relation) {
  return "kind=" + std::string(RelationKindName(relation.kind)) +
         " to=" + std::to_string(relation.to) + " role=" + relation.role;
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
  // The latest write of each: the same rows as Transaction::ListRelations.
  const std::vector<SqlValue> ends = {SqlValue::Int(subject_id), SqlValue::Int(subject_id)};
  CREDO_ASSIGN_OR_RETURN(
      std::vector<SqlRow> written,
      transaction.Query(
          "SELECT id, updated_at FROM relations WHERE subject_id = ? OR to_subject_id = ?",
          ends));
  for (const SqlRow& row : written) {
    if (row.size() < 2) continue;
    const Date day = DayOfUnixSeconds(IntOf(row[1]));
    recorded[IntOf(row[0])] = RelationRecorded{day, day};
  }
  // The first write of the relations the subject is the `from` end of: its own audit entries.
  std::map<int64_t, std::string> details;
  for (const RelationRow& row : relations) {
    if (row.relation.from != subject_id || !recorded.contains(row.id)) continue;
    details[row.id] = AuditDetail(row.relation);
  }
  if (details.empty()) return recorded;
  // The audit log names the subject a relation was written for as it was then: the subject
  // itself or one merged into it since.
  CREDO_ASSIGN_OR_RETURN(std::vector<SubjectId> writers,
                         transaction.ListMergedSubjectIds(subject_id));
  writers.insert(writers.begin(), subject_id);
  for (size_t start = 0; start < writers.size(); start += kInChunk) {
    const size_t end = std::min(writers.size(), start + kInChunk);
    const std::vector<SqlValue> params = IdParams(writers, start, end);
    CREDO_ASSIGN_OR_RETURN(
        std::vector<SqlRow> rows,
        transaction.Query("SELECT entity_id, detail, MIN(recorded_at) FROM audit_log WHERE "
                          "subject_id IN (" +
                              Placeholders(end - start) +
                              ") AND entity = 'relations' GROUP BY entity_id, detail",
                          params));
    for (const SqlRow& row : rows) {
      if (row.size() < 3) continue;
      auto detail = details.find(IntOf(row[0]));
      // Another relation that once had this id (a duplicate dropped by a merge) is not this one.
      if (detail == details.end() || row[1].bytes != detail->second) continue;
      RelationRecorded& days = recorded[detail->first];
      days.first = std::min(days.first, DayOfUnixSeconds(IntOf(row[2])));
    }
  }
  return recorded;
}

}  // namespace credo::features::internal
