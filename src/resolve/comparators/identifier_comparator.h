// credo resolve: identifiers that may carry typing errors (transposed or mistyped digits).
// Compared on upper-case letters and digits. Levels: null, else, Damerau<=2, Damerau 1, exact.
#pragma once

#include "resolve/comparators/comparator.h"

namespace credo::resolve {

class IdentifierComparator final : public Comparator {
 public:
  ComparatorKind kind() const override { return ComparatorKind::kIdentifier; }
  int level_count() const override { return 5; }
  std::string_view LevelLabel(int level) const override;
  std::string Prepare(std::string_view text) const override;
  int Compare(const PreparedValue& a, const PreparedValue& b) const override;
};

}  // namespace credo::resolve
