// credo resolve: exact agreement only (state, street number, e-mail). Levels: null, else, exact.
#pragma once

#include "resolve/comparators/comparator.h"

namespace credo::resolve {

class ExactComparator final : public Comparator {
 public:
  ComparatorKind kind() const override { return ComparatorKind::kExact; }
  int level_count() const override { return 3; }
  std::string_view LevelLabel(int level) const override;
  std::string Prepare(std::string_view text) const override { return std::string(text); }
  int Compare(const PreparedValue& a, const PreparedValue& b) const override {
    return a.key == b.key ? 2 : 1;
  }
};

}  // namespace credo::resolve
