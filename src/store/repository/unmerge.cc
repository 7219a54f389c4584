// Unmerging a subject: the journalled rows of a merge (merges.cc) go back to the merged
// subject, the survivor loses the identity elements the merge gave it, the redirect is cleared.
// Merges are undone newest first. Format and rules: docs/store/merges.md.
#include <algorithm>
#include <iterator>
#include <map>
#include <optional>
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

std::string SubjectName(SubjectId id) { return "subject " + std::to_string(id); }

//! The subject `id` was merged into (its direct redirect), nullopt when it is a survivor;
//! kNotFound when there is no such subject.
Result<std::optional<SubjectId>> RedirectOf(internal::StoreContext& context, SubjectId id) {
  CREDO_ASSIGN_OR_RETURN(Statement * statement,
                         context.Prepare("SELECT merged_into FROM subjects WHERE id = ?"));
  statement->BindInt(0, id);
  auto row = statement->Step();
  if (!row.ok()) {
    statement->Reset();
    return std::move(row).error();
  }
  if (!*row) {
    statement->Reset();
    return MakeError(ErrorCode::kNotFound, "no subject with id " + std::to_string(id),
                     SubjectName(id));
  }
  std::optional<SubjectId> target;
  if (!statement->IsNull(0)) target = statement->GetInt(0);
  statement->Reset();
  return target;
}

//! A journal entry in force, as stored.
struct JournalEntry {
  int64_t id = 0;
  int64_t merged_at = 0;
  int64_t duplicates_deleted = 0;
  std::string sealed_added;  //!< the identity elements the merge added (kAddedIdentityColumn)
};

//! The latest merge of `merged` into `survivor` not undone yet, if it was journalled.
Result<std::optional<JournalEntry>> FindJournal(internal::StoreContext& context,
                                                SubjectId merged, SubjectId survivor) {
  CREDO_ASSIGN_OR_RETURN(
      Statement * statement,
      context.Prepare("SELECT id, merged_at, duplicates_deleted, added_identity FROM "
                      "subject_merges WHERE merged_subject_id = ? AND survivor_subject_id = ? "
                      "AND undone_at IS NULL ORDER BY id DESC LIMIT 1"));
  statement->BindInt(0, merged);
  statement->BindInt(1, survivor);
  auto row = statement->Step();
  if (!row.ok()) {
    statement->Reset();
    return std::move(row).error();
  }
  std::optional<JournalEntry> entry;
  if (*row) {
    entry = JournalEntry{statement->GetInt(0), statement->GetInt(1), statement->GetInt(2),
                         std::string(statement->GetBytes(3))};
  }
  statement->Reset();
  return entry;
}

//! The merged subject of the newest merge into `survivor` still in force (0 when none).
Result<std::pair<int64_t, SubjectId>> NewestMergeInto(internal::StoreContext& context,
                                                      SubjectId survivor) {
  CREDO_ASSIGN_OR_RETURN(
      Statement * statement,
      context.Prepare("SELECT id, merged_subject_id FROM subject_merges WHERE "
                      "survivor_subject_id = ? AND undone_at IS NULL ORDER BY id DESC LIMIT 1"));
  statement->BindInt(0, survivor);
  auto row = statement->Step();
  if (!row.ok()) {
    statement->Reset();
    return std::move(row).error();
  }
  std::pair<int64_t, SubjectId> newest{0, 0};
  if (*row) newest = {statement->GetInt(0), statement->GetInt(1)};
  statement->Reset();
  return newest;
}

//! Rows the journal entry names, per moved column.
Result<std::map<std::string, int64_t>> JournalledCounts(internal::StoreContext& context,
                                                        int64_t journal) {
  CREDO_ASSIGN_OR_RETURN(
      Statement * statement,
      context.Prepare("SELECT moved_column, COUNT(*) FROM subject_merge_rows WHERE merge_id = ? "
                      "GROUP BY moved_column"));
  statement->BindInt(0, journal);
  std::map<std::string, int64_t> counts;
  while (true) {
    auto row = statement->Step();
    if (!row.ok()) {
      statement->Reset();
      return std::move(row).error();
    }
    if (!*row) break;
    counts[std::string(statement->GetBytes(0))] = statement->GetInt(1);
  }
  statement->Reset();
  return counts;
}

//! Moves the rows of one column back from `survivor` to `merged`; returns how many moved. Rows
//! the journal names that are no longer the survivor's stay where they are, as do rows whose
//! unique key `merged` holds already. An account's months follow the accounts given back.
Result<int64_t> MoveBack(internal::StoreContext& context, const internal::MovedColumn& moved,
                         int64_t journal, SubjectId merged, SubjectId survivor) {
  const bool months = moved.name == internal::kMonthsColumn;
  std::string sql;
  if (months) {
    sql = "UPDATE tradeline_months SET subject_id = ? WHERE subject_id = ? AND tradeline_id IN "
          "(SELECT id FROM tradelines WHERE subject_id = ?)";
  } else {
    const std::string column(moved.column);
    sql = "UPDATE " + std::string(moved.table) + " SET " + column + " = ? WHERE " + column +
          " = ? AND id IN (SELECT row_id FROM subject_merge_rows WHERE merge_id = ? AND "
          "moved_column = '" + std::string(moved.name) + "')";
    if (!moved.collision_guard.empty()) sql += " AND " + std::string(moved.collision_guard);
  }
  CREDO_ASSIGN_OR_RETURN(Statement * statement, context.Prepare(sql));
  statement->BindInt(0, merged);
  statement->BindInt(1, survivor);
  if (months) {
    statement->BindInt(2, merged);
  } else {
    statement->BindInt(2, journal);
    if (!moved.collision_guard.empty()) statement->BindInt(3, merged);
  }
  Status status = statement->Run();
  const int64_t changed = status.ok() ? statement->ChangedRows() : 0;
  statement->Reset();
  CREDO_TRY(status);
  return changed;
}

//! Removes from `from` every item of `items`; returns how many of them were there.
template <typename T>
int64_t RemoveEach(std::vector<T>& from, const std::vector<T>& items) {
  int64_t removed = 0;
  for (const T& item : items) {
    if (std::erase(from, item) > 0) ++removed;
  }
  return removed;
}

//! Takes from `survivor` the identity elements a merge added (`added`); returns how many.
int64_t RemoveAddedIdentity(Subject& survivor, const Subject& added) {
  int64_t removed = 0;
  if (survivor.kind == SubjectKind::kPerson) {
    Person& person = survivor.person;
    removed += RemoveEach(person.identifiers, added.person.identifiers);
    removed += RemoveEach(person.addresses, added.person.addresses);
    removed += RemoveEach(person.phones, added.person.phones);
    removed += RemoveEach(person.emails, added.person.emails);
    // The merge filled a birth date the survivor lacked: it goes unless it was changed since.
    if (added.person.birth_date && person.birth_date == added.person.birth_date) {
      person.birth_date.reset();
      ++removed;
    }
  } else {
    Organization& organization = survivor.organization;
    removed += RemoveEach(organization.identifiers, added.organization.identifiers);
    removed += RemoveEach(organization.addresses, added.organization.addresses);
    removed += RemoveEach(organization.phones, added.organization.phones);
  }
  return removed;
}

std::string CountsText(const std::map<std::string, int64_t>& counts) {
  std::string text;
  for (const auto& [name, count] : counts) {
    if (!text.empty()) text += ',';
    text += name + ":" + std::to_string(count);
  }
  return text.empty() ? "none" : text;
}

Status RunUpdate(internal::StoreContext& context, std::string_view sql, int64_t first,
                 int64_t second) {
  CREDO_ASSIGN_OR_RETURN(Statement * statement, context.Prepare(sql));
  statement->BindInt(0, first);
  statement->BindInt(1, second);
  Status status = statement->Run();
  statement->Reset();
  return status;
}

}  // namespace

Result<UnmergeReport> Transaction::UnmergeSubject(SubjectId merged, std::string_view reason) {
  CREDO_TRY(RequireWritable());
  if (reason.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "an unmerge needs a reason (it is kept in the audit log)", "reason");
  }
  // Which merge to undo, and whether it may be undone now (newest first).
  CREDO_ASSIGN_OR_RETURN(std::optional<SubjectId> redirect, RedirectOf(context_, merged));
  if (!redirect) {
    return MakeError(ErrorCode::kFailedPrecondition,
                     "subject " + std::to_string(merged) +
                         " is not merged into another subject (never merged, or its merge was "
                         "undone already): there is nothing to unmerge",
                     SubjectName(merged));
  }
  const SubjectId survivor = *redirect;
  CREDO_ASSIGN_OR_RETURN(std::optional<SubjectId> survivor_redirect,
                         RedirectOf(context_, survivor));
  if (survivor_redirect) {
    return MakeError(ErrorCode::kFailedPrecondition,
                     "subject " + std::to_string(merged) + " was merged into subject " +
                         std::to_string(survivor) + ", which was itself merged into subject " +
                         std::to_string(*survivor_redirect) + " afterwards: unmerge subject " +
                         std::to_string(survivor) + " first (merges are undone newest first)",
                     SubjectName(merged));
  }
  CREDO_ASSIGN_OR_RETURN(std::optional<JournalEntry> entry,
                         FindJournal(context_, merged, survivor));
  if (!entry) {
    return MakeError(ErrorCode::kFailedPrecondition,
                     "subject " + std::to_string(merged) + " was merged into subject " +
                         std::to_string(survivor) +
                         " before merges were journalled (store schema 5): what moved is not "
                         "known, so the merge cannot be undone automatically",
                     SubjectName(merged));
  }
  CREDO_ASSIGN_OR_RETURN(auto newest, NewestMergeInto(context_, survivor));
  if (newest.first != entry->id) {
    return MakeError(ErrorCode::kFailedPrecondition,
                     "subject " + std::to_string(newest.second) + " was merged into subject " +
                         std::to_string(survivor) + " after subject " + std::to_string(merged) +
                         ": unmerge subject " + std::to_string(newest.second) +
                         " first (merges into a subject are undone newest first)",
                     SubjectName(merged));
  }
  CREDO_ASSIGN_OR_RETURN(Subject survivor_subject, GetSubject(survivor));
  Subject added;
  added.kind = survivor_subject.kind;
  auto clear = context_.Open(internal::kAddedIdentityColumn, entry->sealed_added);
  if (!clear.ok()) {
    return std::move(clear).error().WithContext("merge journal " + std::to_string(entry->id));
  }
  CREDO_TRY(internal::DecodeIdentity(*clear, added));
  CREDO_ASSIGN_OR_RETURN(auto journalled, JournalledCounts(context_, entry->id));

  UnmergeReport report;
  report.merged_subject_id = merged;
  report.survivor_subject_id = survivor;
  report.merge_id = entry->id;
  report.merged_at = entry->merged_at;
  report.duplicates_deleted_at_merge = entry->duplicates_deleted;

  // The merged id stops redirecting; its rows come back, last move first (an account's months
  // after the accounts).
  CREDO_TRY(RunUpdate(context_,
                      "UPDATE subjects SET merged_into = NULL, updated_at = ? WHERE id = ?",
                      context_.Now(), merged));
  const auto& columns = internal::kMovedColumns;
  for (auto moved = std::rbegin(columns); moved != std::rend(columns); ++moved) {
    CREDO_ASSIGN_OR_RETURN(int64_t back, MoveBack(context_, *moved, entry->id, merged, survivor));
    const std::string name(moved->name);
    auto named = journalled.find(name);
    const int64_t in_journal = named == journalled.end() ? 0 : named->second;
    if (back > 0 || in_journal > 0) report.moved_back[name] = back;
    if (in_journal > back) report.not_moved_back[name] = in_journal - back;
  }

  // The survivor keeps what it had before the merge; the restored subject's own identity (never
  // changed by the merge) is found again by its identifiers.
  report.identity_elements_removed = RemoveAddedIdentity(survivor_subject, added);
  CREDO_TRY(internal::WriteIdentity(context_, survivor, survivor_subject));
  CREDO_TRY(internal::DeleteIndexRows(context_, survivor));
  CREDO_TRY(internal::WriteIndexRows(context_, survivor, survivor_subject));
  CREDO_ASSIGN_OR_RETURN(Subject restored, GetSubject(merged));
  CREDO_TRY(internal::DeleteIndexRows(context_, merged));
  CREDO_TRY(internal::WriteIndexRows(context_, merged, restored));
  CREDO_TRY(RunUpdate(context_, "UPDATE subject_merges SET undone_at = ? WHERE id = ?",
                      context_.Now(), entry->id));

  AuditEntry audit;
  audit.action = "subject.unmerge";
  audit.entity = "subjects";
  audit.entity_id = merged;
  audit.subject_id = merged;
  audit.detail = "from=" + std::to_string(merged) + " into=" + std::to_string(survivor) +
                 " journal=" + std::to_string(entry->id) +
                 " moved_back=" + CountsText(report.moved_back);
  if (!report.not_moved_back.empty()) {
    audit.detail += " left_in_place=" + CountsText(report.not_moved_back);
  }
  audit.detail += " identity_elements_removed=" + std::to_string(report.identity_elements_removed);
  if (report.duplicates_deleted_at_merge > 0) {
    audit.detail += "; " + std::to_string(report.duplicates_deleted_at_merge) +
                    " duplicate row(s) deleted when the subjects were merged cannot be restored";
  }
  audit.detail += "; reason: " + std::string(reason);
  CREDO_TRY(internal::AppendAuditEntry(context_, audit));
  return report;
}

}  // namespace credo
