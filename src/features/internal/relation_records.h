// credo features (internal): when the store recorded each relation of a credit file.
//
// The relations table keeps one version of a relation, the latest, with the unix time the store
// wrote it (updated_at); each write also appends an audit entry (action "relation.upsert", entity
// "relations", the relation's id, the `from` end as subject, detail "kind=K to=T role=R").
// ReadRelationRecordedOn reads, for the relations of one subject:
//   * latest: the day of updated_at;
//   * first: the day of the earliest audit entry of the same relation (same id and detail) under
//     the subject or a subject merged into it, for the relations the subject is the `from` end of
//     (the guarantees it gives, the stakes it holds): one index range of the audit log, the
//     subject's own entries. Every other relation, and one whose entries are not found (its `to`
//     end merged since it was first written), has first = latest: known from its latest write,
//     which may be later than the bureau first knew it, never earlier.
// Days are UTC days of the store's clock. Errors: the store's.
#pragma once

#include <cstdint>
#include <map>
#include <span>

#include "core/result.h"
#include "features/credit_file.h"
#include "store/store.h"

namespace credo::features::internal {

//! `subject_id` is the surviving id whose relations `relations` are (Transaction::ListRelations).
Result<std::map<int64_t, RelationRecorded>> ReadRelationRecordedOn(
    Transaction& transaction, SubjectId subject_id, std::span<const RelationRow> relations);

//! The UTC day of a unix time in seconds (days before 1970 round down).
Date DayOfUnixSeconds(int64_t unix_seconds);

}  // namespace credo::features::internal
