// credo resolve: dates of birth. Values are ISO "YYYY-MM-DD" or compact "YYYYMMDD" digits (an
// impossible date such as 19162429 is still compared digit by digit, as furnishers send them).
// Levels: null, else, one field off (two of year, month, day equal, incl. year off by one),
// day and month swapped, one typo (Damerau 1 on the 8 digits), exact.
#pragma once

#include "resolve/comparators/comparator.h"

namespace credo::resolve {

class DateComparator final : public Comparator {
 public:
  ComparatorKind kind() const override { return ComparatorKind::kDate; }
  int level_count() const override { return 6; }
  std::string_view LevelLabel(int level) const override;
  //! Eight digits YYYYMMDD, or the digits as given when they are not eight.
  std::string Prepare(std::string_view text) const override;
  int Compare(const PreparedValue& a, const PreparedValue& b) const override;
};

}  // namespace credo::resolve
