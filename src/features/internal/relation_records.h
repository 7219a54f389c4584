// credo features (internal): when the store recorded each relation of a credit file.
//
// The relations table keeps one version of a relation, the latest: RelationRow::updated_at is
// when the store wrote it last, first_recorded_at when it first recorded it (store schema 7;
// kept by later writes, and by a merge the earlier of the two rows' when it drops a duplicate).
// RelationRecordedOn turns both into UTC days of the store's clock, for the rows ListRelations
// returned; nothing is read again.
#pragma once

#include <cstdint>
#include <map>
#include <span>

#include "features/credit_file.h"
#include "store/store.h"

namespace credo::features::internal {

std::map<int64_t, RelationRecorded> RelationRecordedOn(std::span<const RelationRow> relations);

//! The UTC day of a unix time in seconds (days before 1970 round down).
Date DayOfUnixSeconds(int64_t unix_seconds);

}  // namespace credo::features::internal
