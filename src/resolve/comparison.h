// credo resolve: comparison vectors. A pair's agreement levels, one per compared field, packed
// four bits per field into a 64-bit pattern (at most 16 fields). Equal value ids are exact
// without calling the comparator; a missing value on either side is level 0 (null).
#pragma once

#include <cstdint>
#include <vector>

#include "resolve/record_table.h"

namespace credo::resolve {

using ComparisonPattern = uint64_t;

inline int LevelOf(ComparisonPattern pattern, size_t field) {
  return static_cast<int>((pattern >> (4 * field)) & 0xF);
}

ComparisonPattern ComparePair(const RecordTable& table, uint32_t a, uint32_t b);
//! Patterns for every pair (a << 32 | b), computed on `threads` threads.
std::vector<ComparisonPattern> CompareAll(const RecordTable& table,
                                          const std::vector<uint64_t>& pairs, int threads);

}  // namespace credo::resolve
