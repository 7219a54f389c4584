// credo resolve: person names (and cities). Han names are compared on Han characters and on
// their toneless pinyin, so 张伟, "Zhang Wei" and "ZHANG WEI" reach the pinyin level or better.
// Levels: null, else, JW>=0.80, JW>=0.88, JW>=0.94 or same pinyin key, exact.
#pragma once

#include "resolve/comparators/comparator.h"

namespace credo::resolve {

class NameComparator final : public Comparator {
 public:
  ComparatorKind kind() const override { return ComparatorKind::kName; }
  int level_count() const override { return 6; }
  std::string_view LevelLabel(int level) const override;
  //! The name's match key: letters and digits, Han as pinyin ("张伟" -> "zhangwei").
  std::string Prepare(std::string_view text) const override;
  int Compare(const PreparedValue& a, const PreparedValue& b) const override;
};

}  // namespace credo::resolve
