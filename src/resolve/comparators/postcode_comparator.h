// credo resolve: postcodes (letters and digits, upper case). Levels: null, else, same 2-character
// region prefix, same 3-character prefix, one typo (Damerau 1), exact.
#pragma once

#include "resolve/comparators/comparator.h"

namespace credo::resolve {

class PostcodeComparator final : public Comparator {
 public:
  ComparatorKind kind() const override { return ComparatorKind::kPostcode; }
  int level_count() const override { return 6; }
  std::string_view LevelLabel(int level) const override;
  std::string Prepare(std::string_view text) const override;
  int Compare(const PreparedValue& a, const PreparedValue& b) const override;
};

}  // namespace credo::resolve
