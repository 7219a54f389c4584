#include "features/internal/relation_records.h"

#include <algorithm>

namespace credo::features::internal {

Date DayOfUnixSeconds(int64_t unix_seconds) {
  int64_t days = unix_seconds / 86400;
  if (unix_seconds % 86400 < 0) --days;
  return Date::FromDays(static_cast<int32_t>(days));
}

std::map<int64_t, RelationRecorded> RelationRecordedOn(std::span<const RelationRow> relations) {
  std::map<int64_t, RelationRecorded> recorded;
  for (const RelationRow& row : relations) {
    const Date latest = DayOfUnixSeconds(row.updated_at);
    // A first record after the latest write cannot be (a clock set back): the latest bounds it.
    const Date first = std::min(DayOfUnixSeconds(row.first_recorded_at), latest);
    recorded[row.id] = RelationRecorded{first, latest};
  }
  return recorded;
}

}  // namespace credo::features::internal
