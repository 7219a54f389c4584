#include "resolve/comparators/exact_comparator.h"

namespace credo::resolve {

std::string_view ExactComparator::LevelLabel(int level) const {
  static constexpr std::string_view kLabels[] = {"null", "else", "exact"};
  return level >= 0 && level < 3 ? kLabels[level] : "?";
}

}  // namespace credo::resolve
