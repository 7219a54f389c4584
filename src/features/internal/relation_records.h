// credo features (internal): when the store recorded each relation of a credit file.
//
// The relations table keeps one version of a relation, the latest: updated_at is when the store
// wrote it last, first_recorded_at when it first recorded it (store schema 7; kept by later
// writes, and by a merge the earlier of the two rows' when it drops a duplicate).
// ReadRelationRecordedOn reads both, as UTC days of the store's clock, for every relation of one
// subject (either end). Errors: the store's.
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
