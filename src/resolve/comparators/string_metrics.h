// credo resolve: string similarity measures used by the comparators (byte strings; names are
// compared on their standardised form, Han names also on pinyin).
//
// JaroWinkler in [0, 1] (prefix scale 0.1, up to 4 characters). OsaDistance is the Damerau
// (optimal string alignment) edit distance: an adjacent transposition costs 1, as typed
// identifiers need ("1234" vs "1243"); it stops early and returns limit + 1 once the distance is
// known to exceed `limit`. Pure functions, thread-safe, no allocation for strings up to 64 bytes.
#pragma once

#include <string_view>

namespace credo::resolve {

double JaroWinkler(std::string_view a, std::string_view b);
int OsaDistance(std::string_view a, std::string_view b, int limit = 1 << 20);

}  // namespace credo::resolve
