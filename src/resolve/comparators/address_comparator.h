// credo resolve: address lines compared by token overlap (a token agrees with an equal token or,
// from 4 characters, one at Damerau distance 1), and by Jaro-Winkler on the whole line, so that
// swapped lines and single typos still agree. Levels: null, else, partial (overlap >= 1/3 or
// JW >= 0.80), strong (overlap >= 2/3 or JW >= 0.92), exact (same tokens).
#pragma once

#include "resolve/comparators/comparator.h"

namespace credo::resolve {

class AddressComparator final : public Comparator {
 public:
  ComparatorKind kind() const override { return ComparatorKind::kAddress; }
  int level_count() const override { return 5; }
  std::string_view LevelLabel(int level) const override;
  //! Lower-case tokens of letters and digits, sorted, joined by one space.
  std::string Prepare(std::string_view text) const override;
  int Compare(const PreparedValue& a, const PreparedValue& b) const override;
};

}  // namespace credo::resolve
