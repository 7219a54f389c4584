// Subjects: encrypted identity, blind-index rows for lookup, merge redirects. Merging and
// unmerging are in merges.cc and unmerge.cc.
#include <algorithm>

#include "store/internal/audit.h"
#include "store/internal/codec.h"
#include "store/internal/rows.h"
#include "store/internal/store_context.h"
#include "store/internal/subject_identity.h"
#include "store/store.h"

namespace credo {

using store_internal::Statement;
namespace internal = store_internal;

namespace {

using store_internal::kIdentityColumn;
constexpr std::string_view kIdentifierColumn = "identifiers.value";
constexpr std::string_view kNameKind = "name";
constexpr int kMaxRedirects = 64;

struct IndexEntry {
  std::string kind;        // identifier kind code, or "name"
  std::string normalised;
};

std::vector<IndexEntry> IndexEntriesOf(const Subject& subject) {
  std::vector<IndexEntry> entries;
  const std::vector<Identifier>& identifiers = subject.kind == SubjectKind::kPerson
                                                   ? subject.person.identifiers
                                                   : subject.organization.identifiers;
  for (const Identifier& identifier : identifiers) {
    entries.push_back({std::string(internal::IdentifierKindCode(identifier.kind)),
                       NormalizeIdentifierForIndex(identifier.kind, identifier.value)});
  }
  const std::vector<std::string>& phones = subject.kind == SubjectKind::kPerson
                                               ? subject.person.phones
                                               : subject.organization.phones;
  for (const std::string& phone : phones) {
    entries.push_back({"phone", NormalizeIdentifierForIndex(IdentifierKind::kPhone, phone)});
  }
  if (subject.kind == SubjectKind::kPerson) {
    for (const std::string& email : subject.person.emails) {
      entries.push_back({"email", NormalizeIdentifierForIndex(IdentifierKind::kEmail, email)});
    }
    std::string name = subject.person.full_name;
    if (name.empty()) name = subject.person.given_name + " " + subject.person.family_name;
    name = NormalizeNameForIndex(name);
    if (!name.empty()) entries.push_back({std::string(kNameKind), name});
  } else {
    std::string name = NormalizeNameForIndex(subject.organization.name);
    if (!name.empty()) entries.push_back({std::string(kNameKind), name});
  }
  std::erase_if(entries, [](const IndexEntry& e) { return e.normalised.empty(); });
  return entries;
}

Status CheckSubject(const Subject& subject) {
  if (subject.kind == SubjectKind::kPerson) {
    const Person& p = subject.person;
    if (p.full_name.empty() && p.given_name.empty() && p.family_name.empty()) {
      return MakeError(ErrorCode::kInvalidArgument, "a person needs a name", "subject");
    }
  } else if (subject.organization.name.empty()) {
    return MakeError(ErrorCode::kInvalidArgument, "an organization needs a registered name",
                     "subject");
  }
  return Ok();
}

std::string SubjectDetail(const Subject& subject) {
  const auto& identifiers = subject.kind == SubjectKind::kPerson ? subject.person.identifiers
                                                                 : subject.organization.identifiers;
  std::string detail = "kind=" + std::string(internal::SubjectKindCode(subject.kind)) +
                       " identifiers=" + std::to_string(identifiers.size());
  for (const Identifier& identifier : identifiers) {
    detail += ' ';
    detail += internal::IdentifierKindCode(identifier.kind);
  }
  return detail;
}

Result<std::vector<SubjectId>> SubjectsByIndex(internal::StoreContext& context,
                                               std::string_view kind, std::string_view normalised) {
  CREDO_ASSIGN_OR_RETURN(
      Statement * statement,
      context.Prepare("SELECT DISTINCT subject_id FROM identifiers WHERE kind = ? AND "
                      "blind_index = ? ORDER BY subject_id"));
  statement->BindText(0, kind);
  statement->BindBlob(1, context.keys().BlindIndex(kind, normalised));
  std::vector<SubjectId> ids;
  while (true) {
    CREDO_ASSIGN_OR_RETURN(bool row, statement->Step());
    if (!row) break;
    ids.push_back(statement->GetInt(0));
  }
  statement->Reset();
  return ids;
}

}  // namespace

namespace store_internal {

Status WriteIdentity(StoreContext& context, SubjectId id, const Subject& subject) {
  std::string sealed;
  CREDO_TRY(context.Seal(kIdentityColumn, EncodeIdentity(subject), sealed));
  CREDO_ASSIGN_OR_RETURN(
      Statement * update,
      context.Prepare("UPDATE subjects SET key_id = ?, identity = ?, updated_at = ? WHERE id = ?"));
  update->BindInt(0, context.keys().active_key_id());
  update->BindBlob(1, sealed);
  update->BindInt(2, context.Now());
  update->BindInt(3, id);
  Status status = update->Run();
  update->Reset();
  return status;
}

Status WriteIndexRows(StoreContext& context, SubjectId id, const Subject& subject) {
  CREDO_ASSIGN_OR_RETURN(
      Statement * statement,
      context.Prepare("INSERT INTO identifiers (subject_id, kind, blind_index, key_id, value) "
                      "VALUES (?, ?, ?, ?, ?) ON CONFLICT (subject_id, kind, blind_index) DO NOTHING"));
  std::string sealed;
  for (const IndexEntry& entry : IndexEntriesOf(subject)) {
    sealed.clear();
    CREDO_TRY(context.Seal(kIdentifierColumn, entry.normalised, sealed));
    statement->Reset();
    statement->BindInt(0, id);
    statement->BindText(1, entry.kind);
    statement->BindBlob(2, context.keys().BlindIndex(entry.kind, entry.normalised));
    statement->BindInt(3, context.keys().active_key_id());
    statement->BindBlob(4, sealed);
    CREDO_TRY(statement->Run());
  }
  statement->Reset();
  return Ok();
}

Status DeleteIndexRows(StoreContext& context, SubjectId id) {
  CREDO_ASSIGN_OR_RETURN(Statement * remove,
                         context.Prepare("DELETE FROM identifiers WHERE subject_id = ?"));
  remove->BindInt(0, id);
  Status status = remove->Run();
  remove->Reset();
  return status;
}

}  // namespace store_internal

Result<SubjectId> Transaction::InsertSubject(const Subject& subject) {
  CREDO_TRY(RequireWritable());
  CREDO_TRY(CheckSubject(subject));
  std::string sealed;
  CREDO_TRY(context_.Seal(kIdentityColumn, internal::EncodeIdentity(subject), sealed));
  CREDO_ASSIGN_OR_RETURN(
      Statement * statement,
      context_.Prepare("INSERT INTO subjects (kind, key_id, identity, created_at, updated_at) "
                       "VALUES (?, ?, ?, ?, ?) RETURNING id"));
  int64_t now = context_.Now();
  statement->BindText(0, internal::SubjectKindCode(subject.kind));
  statement->BindInt(1, context_.keys().active_key_id());
  statement->BindBlob(2, sealed);
  statement->BindInt(3, now);
  statement->BindInt(4, now);
  CREDO_ASSIGN_OR_RETURN(SubjectId id, internal::RunReturningId(*statement));
  CREDO_TRY(internal::WriteIndexRows(context_, id, subject));
  AuditEntry entry;
  entry.action = "subject.insert";
  entry.entity = "subjects";
  entry.entity_id = id;
  entry.subject_id = id;
  entry.detail = SubjectDetail(subject);
  CREDO_TRY(internal::AppendAuditEntry(context_, entry));
  return id;
}

Status Transaction::UpdateSubject(const Subject& subject) {
  CREDO_TRY(RequireWritable());
  CREDO_TRY(CheckSubject(subject));
  CREDO_ASSIGN_OR_RETURN(SubjectId id, ResolveSubjectId(subject.id));
  if (id != subject.id) {
    return MakeError(ErrorCode::kFailedPrecondition,
                     "subject " + std::to_string(subject.id) + " was merged into " +
                         std::to_string(id) + "; update the surviving subject",
                     "subject " + std::to_string(subject.id));
  }
  std::string sealed;
  CREDO_TRY(context_.Seal(kIdentityColumn, internal::EncodeIdentity(subject), sealed));
  CREDO_ASSIGN_OR_RETURN(
      Statement * statement,
      context_.Prepare("UPDATE subjects SET kind = ?, key_id = ?, identity = ?, updated_at = ? "
                       "WHERE id = ?"));
  statement->BindText(0, internal::SubjectKindCode(subject.kind));
  statement->BindInt(1, context_.keys().active_key_id());
  statement->BindBlob(2, sealed);
  statement->BindInt(3, context_.Now());
  statement->BindInt(4, id);
  CREDO_TRY(statement->Run());
  statement->Reset();
  CREDO_ASSIGN_OR_RETURN(Statement * remove,
                         context_.Prepare("DELETE FROM identifiers WHERE subject_id = ?"));
  remove->BindInt(0, id);
  CREDO_TRY(remove->Run());
  remove->Reset();
  CREDO_TRY(internal::WriteIndexRows(context_, id, subject));
  AuditEntry entry;
  entry.action = "subject.update";
  entry.entity = "subjects";
  entry.entity_id = id;
  entry.subject_id = id;
  entry.detail = SubjectDetail(subject);
  CREDO_TRY(internal::AppendAuditEntry(context_, entry));
  return Ok();
}

Result<SubjectId> Transaction::ResolveSubjectId(SubjectId id) {
  CREDO_ASSIGN_OR_RETURN(Statement * statement,
                         context_.Prepare("SELECT merged_into FROM subjects WHERE id = ?"));
  SubjectId current = id;
  for (int hop = 0; hop < kMaxRedirects; ++hop) {
    statement->Reset();
    statement->BindInt(0, current);
    CREDO_ASSIGN_OR_RETURN(bool row, statement->Step());
    if (!row) {
      statement->Reset();
      return MakeError(ErrorCode::kNotFound, "no subject with id " + std::to_string(id),
                       "subject " + std::to_string(id));
    }
    if (statement->IsNull(0)) {
      statement->Reset();
      return current;
    }
    current = statement->GetInt(0);
  }
  statement->Reset();
  return MakeError(ErrorCode::kDataLoss, "merge redirects of subject " + std::to_string(id) +
                                             " form a loop or are too deep");
}

Result<Subject> Transaction::GetSubject(SubjectId id) {
  if (read_only_) {
    if (const Subject* kept = context_.read_memo.SubjectRead(id)) return *kept;
  }
  CREDO_ASSIGN_OR_RETURN(
      Statement * statement,
      context_.Prepare("SELECT kind, identity, merged_into FROM subjects WHERE id = ?"));
  // One row read for a surviving subject (the common case); a merged id follows its redirects.
  SubjectId surviving = id;
  statement->BindInt(0, id);
  CREDO_ASSIGN_OR_RETURN(bool row, statement->Step());
  if (row && !statement->IsNull(2)) {
    statement->Reset();
    CREDO_ASSIGN_OR_RETURN(surviving, ResolveSubjectId(id));
    statement->BindInt(0, surviving);
    CREDO_ASSIGN_OR_RETURN(row, statement->Step());
  }
  if (!row) {
    statement->Reset();
    return MakeError(ErrorCode::kNotFound, "no subject with id " + std::to_string(id),
                     "subject " + std::to_string(id));
  }
  Subject subject;
  subject.id = surviving;
  auto kind = internal::SubjectKindFromCode(statement->GetBytes(0));
  std::string sealed(statement->GetBytes(1));
  statement->Reset();
  if (!kind.ok()) return std::move(kind).error();
  subject.kind = *kind;
  auto clear = context_.Open(kIdentityColumn, sealed);
  if (!clear.ok()) {
    return std::move(clear).error().WithContext("subject " + std::to_string(surviving));
  }
  CREDO_TRY(internal::DecodeIdentity(*clear, subject));
  if (read_only_) context_.read_memo.KeepSubject(id, subject);
  return subject;
}

Result<std::vector<SubjectId>> Transaction::FindSubjectsByIdentifier(const Identifier& identifier) {
  std::string normalised = NormalizeIdentifierForIndex(identifier.kind, identifier.value);
  if (normalised.empty()) {
    return MakeError(ErrorCode::kInvalidArgument, "empty identifier value");
  }
  return SubjectsByIndex(context_, internal::IdentifierKindCode(identifier.kind), normalised);
}

Result<std::vector<SubjectId>> Transaction::FindSubjectsByName(std::string_view name) {
  std::string normalised = NormalizeNameForIndex(name);
  if (normalised.empty()) return MakeError(ErrorCode::kInvalidArgument, "empty name");
  return SubjectsByIndex(context_, kNameKind, normalised);
}

Result<std::vector<SubjectId>> Transaction::ListSubjectIds(SubjectId after_id, int64_t limit) {
  CREDO_ASSIGN_OR_RETURN(
      Statement * statement,
      context_.Prepare("SELECT id FROM subjects WHERE merged_into IS NULL AND id > ? ORDER BY id "
                       "LIMIT ?"));
  statement->BindInt(0, after_id);
  statement->BindInt(1, limit);
  std::vector<SubjectId> ids;
  while (true) {
    CREDO_ASSIGN_OR_RETURN(bool row, statement->Step());
    if (!row) break;
    ids.push_back(statement->GetInt(0));
  }
  statement->Reset();
  return ids;
}

}  // namespace credo
