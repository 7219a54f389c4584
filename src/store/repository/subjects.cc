// Subjects: encrypted identity, blind-index rows for lookup, merge redirects.
#include <algorithm>
#include <set>

#include "store/internal/audit.h"
#include "store/internal/codec.h"
#include "store/internal/rows.h"
#include "store/internal/store_context.h"
#include "store/store.h"

namespace credo {

using store_internal::Statement;
namespace internal = store_internal;

namespace {

constexpr std::string_view kIdentityColumn = "subjects.identity";
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

Status WriteIndexRows(internal::StoreContext& context, SubjectId id, const Subject& subject) {
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

template <typename T>
void AppendMissing(std::vector<T>& into, const std::vector<T>& from) {
  for (const T& item : from) {
    if (std::find(into.begin(), into.end(), item) == into.end()) into.push_back(item);
  }
}

}  // namespace

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
  CREDO_TRY(WriteIndexRows(context_, id, subject));
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
  CREDO_TRY(WriteIndexRows(context_, id, subject));
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
  if (survivor.kind == SubjectKind::kPerson) {
    AppendMissing(survivor.person.identifiers, merged.person.identifiers);
    AppendMissing(survivor.person.addresses, merged.person.addresses);
    AppendMissing(survivor.person.phones, merged.person.phones);
    AppendMissing(survivor.person.emails, merged.person.emails);
    if (!survivor.person.birth_date) survivor.person.birth_date = merged.person.birth_date;
  } else {
    AppendMissing(survivor.organization.identifiers, merged.organization.identifiers);
    AppendMissing(survivor.organization.addresses, merged.organization.addresses);
    AppendMissing(survivor.organization.phones, merged.organization.phones);
  }
  // Rows keyed by subject move; where a unique key would collide, the survivor's row wins.
  static const char* const kMoves[] = {
      // An account's months carry its subject: they move with the merged subject's accounts,
      // found through them before the accounts move (months are indexed by account only).
      "UPDATE tradeline_months SET subject_id = ? WHERE subject_id = ? AND tradeline_id IN "
      "(SELECT id FROM tradelines WHERE subject_id = ?)",
      "UPDATE tradelines SET subject_id = ? WHERE subject_id = ?",
      "UPDATE inquiries SET subject_id = ? WHERE subject_id = ?",
      "UPDATE consents SET subject_id = ? WHERE subject_id = ?",
      "UPDATE public_records SET subject_id = ? WHERE subject_id = ? AND NOT EXISTS (SELECT 1 "
      "FROM public_records p WHERE p.subject_id = ? AND p.record_kind = public_records.record_kind "
      "AND p.authority = public_records.authority AND p.case_number = public_records.case_number)",
      "UPDATE financial_statements SET subject_id = ? WHERE subject_id = ? AND NOT EXISTS (SELECT "
      "1 FROM financial_statements f WHERE f.subject_id = ? AND f.period_end = "
      "financial_statements.period_end AND f.period_months = financial_statements.period_months)",
      "UPDATE relations SET subject_id = ? WHERE subject_id = ? AND NOT EXISTS (SELECT 1 FROM "
      "relations r WHERE r.subject_id = ? AND r.to_subject_id = relations.to_subject_id AND "
      "r.relation_kind = relations.relation_kind AND r.role = relations.role)",
      "UPDATE relations SET to_subject_id = ? WHERE to_subject_id = ? AND NOT EXISTS (SELECT 1 "
      "FROM relations r WHERE r.to_subject_id = ? AND r.subject_id = relations.subject_id AND "
      "r.relation_kind = relations.relation_kind AND r.role = relations.role)",
  };
  for (const char* sql : kMoves) {
    CREDO_ASSIGN_OR_RETURN(Statement * statement, context_.Prepare(sql));
    statement->BindInt(0, target);
    statement->BindInt(1, source);
    if (std::string_view(sql).find("NOT EXISTS") != std::string_view::npos) {
      statement->BindInt(2, target);
    } else if (std::string_view(sql).find(" IN (SELECT") != std::string_view::npos) {
      statement->BindInt(2, source);
    }
    CREDO_TRY(statement->Run());
    statement->Reset();
  }
  // Leftovers collided with the survivor's rows: they are duplicates of them.
  for (const char* sql : {"DELETE FROM public_records WHERE subject_id = ?",
                          "DELETE FROM financial_statements WHERE subject_id = ?",
                          "DELETE FROM relations WHERE subject_id = ? OR to_subject_id = ?",
                          "DELETE FROM identifiers WHERE subject_id = ?"}) {
    CREDO_ASSIGN_OR_RETURN(Statement * statement, context_.Prepare(sql));
    statement->BindInt(0, source);
    if (std::string_view(sql).find(" OR ") != std::string_view::npos) statement->BindInt(1, source);
    CREDO_TRY(statement->Run());
    statement->Reset();
  }
  CREDO_ASSIGN_OR_RETURN(
      Statement * redirect,
      context_.Prepare("UPDATE subjects SET merged_into = ?, updated_at = ? WHERE id = ?"));
  redirect->BindInt(0, target);
  redirect->BindInt(1, context_.Now());
  redirect->BindInt(2, source);
  CREDO_TRY(redirect->Run());
  redirect->Reset();
  // The survivor's identity and index rows now hold both subjects' identifiers.
  std::string sealed;
  CREDO_TRY(context_.Seal(kIdentityColumn, internal::EncodeIdentity(survivor), sealed));
  CREDO_ASSIGN_OR_RETURN(
      Statement * update,
      context_.Prepare("UPDATE subjects SET key_id = ?, identity = ?, updated_at = ? WHERE id = ?"));
  update->BindInt(0, context_.keys().active_key_id());
  update->BindBlob(1, sealed);
  update->BindInt(2, context_.Now());
  update->BindInt(3, target);
  CREDO_TRY(update->Run());
  update->Reset();
  CREDO_TRY(WriteIndexRows(context_, target, survivor));
  AuditEntry entry;
  entry.action = "subject.merge";
  entry.entity = "subjects";
  entry.entity_id = source;
  entry.subject_id = target;
  entry.detail = "from=" + std::to_string(source) + " into=" + std::to_string(target);
  CREDO_TRY(internal::AppendAuditEntry(context_, entry));
  return Ok();
}

}  // namespace credo
