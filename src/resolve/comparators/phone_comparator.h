// credo resolve: phone numbers compared on their digits after normalisation (E.164 where the
// mapping normalised them). A number with and without its country code agrees when the shorter
// is a suffix of the longer (at least 8 digits). Levels: null, else, one typo, exact.
#pragma once

#include "resolve/comparators/comparator.h"

namespace credo::resolve {

class PhoneComparator final : public Comparator {
 public:
  ComparatorKind kind() const override { return ComparatorKind::kPhone; }
  int level_count() const override { return 4; }
  std::string_view LevelLabel(int level) const override;
  std::string Prepare(std::string_view text) const override;
  int Compare(const PreparedValue& a, const PreparedValue& b) const override;
};

}  // namespace credo::resolve
