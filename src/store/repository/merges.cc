// Merging subjects: the rows move to the survivor, its identity gains the merged subject's
// elements, the merged id redirects, and a journal (store schema 5) keeps what moved so that
// unmerge.cc can put it back. Format: docs/store/merges.md.
#include <algorithm>
#include <string>
#include <vector>

#include "store/internal/audit.h"
#include "store/internal/codec.h"
#include "store/internal/merge_journal.h"
#include "store/internal/rows.h"
#include "store/internal/store_context.h"
#include "store/internal/subject_identity.h"
#include "store/store.h"

namespace credo {

using store_internal::Statement;
namespace internal = store_internal;

namespace {

//! Appends to `into` the items of `from` it lacks; returns them (each once).
template <typename T>
std::vector<T> AppendMissing(std::vector<T>& into, const std::vector<T>& from) {
  std::vector<T> added;
  for (const T& item : from) {
    if (std::find(into.begin(), into.end(), item) == into.end()) {
      into.push_back(item);
      added.push_back(item);
    }
  }
  return added;
}

//! Adds to `survivor` the identity elements of `merged` it lacks (identifiers, addresses, phones,
//! e-mails, and the birth date when it had none); returns a subject holding just those.
Subject AddMissingIdentity(Subject& survivor, const Subject& merged) {
  Subject added;
  added.kind = survivor.kind;
  if (survivor.kind == SubjectKind::kPerson) {
    Person& into = survivor.person;
    const Person& from = merged.person;
    added.person.identifiers = AppendMissing(into.identifiers, from.identifiers);
    added.person.addresses = AppendMissing(into.addresses, from.addresses);
    added.person.phones = AppendMissing(into.phones, from.phones);
    added.person.emails = AppendMissing(into.emails, from.emails);
    if (!into.birth_date && from.birth_date) {
      into.birth_date = from.birth_date;
      added.person.birth_date = from.birth_date;
    }
  } else {
    Organization& into = survivor.organization;
    const Organization& from = merged.organization;
    added.organization.identifiers = AppendMissing(into.identifiers, from.identifiers);
    added.organization.addresses = AppendMissing(into.addresses, from.addresses);
    added.organization.phones = AppendMissing(into.phones, from.phones);
  }
  return added;
}

//! Opens the journal entry of a merge (in force, no duplicates counted yet); returns its id.
Result<int64_t> InsertJournal(internal::StoreContext& context, SubjectId merged,
                              SubjectId survivor, const Subject& added) {
  std::string sealed;
  CREDO_TRY(context.Seal(internal::kAddedIdentityColumn, internal::EncodeIdentity(added), sealed));
  CREDO_ASSIGN_OR_RETURN(
      Statement * insert,
      context.Prepare("INSERT INTO subject_merges (merged_subject_id, survivor_subject_id, "
                      "merged_at, duplicates_deleted, key_id, added_identity) VALUES (?, ?, ?, 0, "
                      "?, ?) RETURNING id"));
  insert->BindInt(0, merged);
  insert->BindInt(1, survivor);
  insert->BindInt(2, context.Now());
  insert->BindInt(3, context.keys().active_key_id());
  insert->BindBlob(4, sealed);
  return internal::RunReturningId(*insert);
}

//! Journals, then moves, the rows of one column from `source` to `target`. The journal's
//! INSERT ... SELECT and the UPDATE share their condition, so they name the same rows.
Status MoveColumn(internal::StoreContext& context, const internal::MovedColumn& moved,
                  int64_t journal, SubjectId source, SubjectId target) {
  const bool months = moved.name == internal::kMonthsColumn;
  std::string where = std::string(moved.column) + " = ?";
  if (months) where += " AND tradeline_id IN (SELECT id FROM tradelines WHERE subject_id = ?)";
  if (!moved.collision_guard.empty()) where += " AND " + std::string(moved.collision_guard);
  // Binds the condition's parameters from `first` on: the source, the source again for the
  // months' accounts, the target for a collision guard.
  auto bind_where = [&](Statement& statement, int first) {
    statement.BindInt(first++, source);
    if (months) statement.BindInt(first++, source);
    if (!moved.collision_guard.empty()) statement.BindInt(first++, target);
  };
  CREDO_ASSIGN_OR_RETURN(
      Statement * record,
      context.Prepare("INSERT INTO subject_merge_rows (merge_id, moved_column, row_id) SELECT "
                      "CAST(? AS BIGINT), '" + std::string(moved.name) + "', id FROM " +
                      std::string(moved.table) + " WHERE " + where));
  record->BindInt(0, journal);
  bind_where(*record, 1);
  Status recorded = record->Run();
  record->Reset();
  CREDO_TRY(recorded);
  CREDO_ASSIGN_OR_RETURN(
      Statement * move,
      context.Prepare("UPDATE " + std::string(moved.table) + " SET " + std::string(moved.column) +
                      " = ? WHERE " + where));
  move->BindInt(0, target);
  bind_where(*move, 1);
  Status status = move->Run();
  move->Reset();
  return status;
}

// Before the merged subject's leftover relations (duplicates of the survivor's) are deleted: the
// survivor's relation with the same other end, kind and role takes the leftover's first record
// when it is earlier.
Status KeepEarliestRelationRecord(internal::StoreContext& context, SubjectId source,
                                  SubjectId target) {
  CREDO_ASSIGN_OR_RETURN(
      Statement * keep,
      context.Prepare(
          "UPDATE relations SET first_recorded_at = leftover.first_recorded_at FROM relations AS "
          "leftover WHERE (leftover.subject_id = ? OR leftover.to_subject_id = ?) AND "
          "relations.subject_id = CASE WHEN leftover.subject_id = ? THEN ? ELSE "
          "leftover.subject_id END AND relations.to_subject_id = CASE WHEN "
          "leftover.to_subject_id = ? THEN ? ELSE leftover.to_subject_id END AND "
          "relations.relation_kind = leftover.relation_kind AND relations.role = leftover.role "
          "AND leftover.first_recorded_at < relations.first_recorded_at"));
  keep->BindInt(0, source);
  keep->BindInt(1, source);
  keep->BindInt(2, source);
  keep->BindInt(3, target);
  keep->BindInt(4, source);
  keep->BindInt(5, target);
  Status status = keep->Run();
  keep->Reset();
  return status;
}

}  // namespace

Status Transaction::MergeSubjects(SubjectId from, SubjectId into) {
  CREDO_TRY(RequireWritable());
  CREDO_ASSIGN_OR_RETURN(SubjectId source, ResolveSubjectId(from));
  CREDO_ASSIGN_OR_RETURN(SubjectId target, ResolveSubjectId(into));
  if (source == target) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "subjects " + std::to_string(from) + " and " + std::to_string(into) +
                         " are already the same subject");
  }
  CREDO_ASSIGN_OR_RETURN(Subject survivor, GetSubject(target));
  CREDO_ASSIGN_OR_RETURN(Subject merged, GetSubject(source));
  if (survivor.kind != merged.kind) {
    return MakeError(ErrorCode::kInvalidArgument, "cannot merge a person with an organization");
  }
  const Subject added = AddMissingIdentity(survivor, merged);
  CREDO_ASSIGN_OR_RETURN(int64_t journal, InsertJournal(context_, source, target, added));
  // Rows keyed by subject move; where a unique key would collide, the survivor's row wins.
  for (const internal::MovedColumn& moved : internal::kMovedColumns) {
    CREDO_TRY(MoveColumn(context_, moved, journal, source, target));
  }
  // Leftovers collided with the survivor's rows: they are duplicates of them, deleted (an
  // unmerge cannot bring them back; the journal counts them). The merged subject's index rows
  // go too: its identifiers now find the survivor. A relation the bureau knew first through the
  // merged subject was known since then: the survivor's row takes the earlier first record.
  CREDO_TRY(KeepEarliestRelationRecord(context_, source, target));
  int64_t duplicates = 0;
  for (const char* sql : {"DELETE FROM public_records WHERE subject_id = ?",
                          "DELETE FROM financial_statements WHERE subject_id = ?",
                          "DELETE FROM relations WHERE subject_id = ? OR to_subject_id = ?"}) {
    CREDO_ASSIGN_OR_RETURN(Statement * statement, context_.Prepare(sql));
    statement->BindInt(0, source);
    if (std::string_view(sql).find(" OR ") != std::string_view::npos) statement->BindInt(1, source);
    Status deleted = statement->Run();
    duplicates += deleted.ok() ? statement->ChangedRows() : 0;
    statement->Reset();
    CREDO_TRY(deleted);
  }
  CREDO_TRY(internal::DeleteIndexRows(context_, source));
  if (duplicates > 0) {
    CREDO_ASSIGN_OR_RETURN(
        Statement * counted,
        context_.Prepare("UPDATE subject_merges SET duplicates_deleted = ? WHERE id = ?"));
    counted->BindInt(0, duplicates);
    counted->BindInt(1, journal);
    Status status = counted->Run();
    counted->Reset();
    CREDO_TRY(status);
  }
  CREDO_ASSIGN_OR_RETURN(
      Statement * redirect,
      context_.Prepare("UPDATE subjects SET merged_into = ?, updated_at = ? WHERE id = ?"));
  redirect->BindInt(0, target);
  redirect->BindInt(1, context_.Now());
  redirect->BindInt(2, source);
  Status redirected = redirect->Run();
  redirect->Reset();
  CREDO_TRY(redirected);
  // The survivor's identity and index rows now hold both subjects' identifiers.
  CREDO_TRY(internal::WriteIdentity(context_, target, survivor));
  CREDO_TRY(internal::WriteIndexRows(context_, target, survivor));
  AuditEntry entry;
  entry.action = "subject.merge";
  entry.entity = "subjects";
  entry.entity_id = source;
  entry.subject_id = target;
  entry.detail = "from=" + std::to_string(source) + " into=" + std::to_string(target) +
                 " journal=" + std::to_string(journal);
  if (duplicates > 0) entry.detail += " duplicates_deleted=" + std::to_string(duplicates);
  CREDO_TRY(internal::AppendAuditEntry(context_, entry));
  return Ok();
}

Result<std::vector<SubjectId>> Transaction::ListMergedSubjectIds(SubjectId survivor) {
  // Down the redirects through the subjects_merged_into index (store schema 3); UNION, not
  // UNION ALL, so that a corrupt loop of redirects ends.
  CREDO_ASSIGN_OR_RETURN(
      Statement * statement,
      context_.Prepare("WITH RECURSIVE merged (id) AS (SELECT id FROM subjects WHERE "
                       "merged_into = ? UNION SELECT subjects.id FROM subjects JOIN merged ON "
                       "subjects.merged_into = merged.id) SELECT id FROM merged WHERE id <> ? "
                       "ORDER BY id"));
  statement->BindInt(0, survivor);
  statement->BindInt(1, survivor);
  std::vector<SubjectId> ids;
  while (true) {
    auto row = statement->Step();
    if (!row.ok()) {
      statement->Reset();
      return std::move(row).error();
    }
    if (!*row) break;
    ids.push_back(statement->GetInt(0));
  }
  statement->Reset();
  return ids;
}

}  // namespace credo
