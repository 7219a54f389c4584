#include "resolve/comparators/date_comparator.h"

#include "resolve/comparators/string_metrics.h"

namespace credo::resolve {

std::string_view DateComparator::LevelLabel(int level) const {
  static constexpr std::string_view kLabels[] = {"null", "else", "one_field_off",
                                                 "day_month_swapped", "one_typo", "exact"};
  return level >= 0 && level < 6 ? kLabels[level] : "?";
}

std::string DateComparator::Prepare(std::string_view text) const {
  std::string digits;
  for (char c : text) {
    if (c >= '0' && c <= '9') digits.push_back(c);
  }
  return digits;
}

int DateComparator::Compare(const PreparedValue& a, const PreparedValue& b) const {
  if (a.key == b.key) return 5;
  if (OsaDistance(a.key, b.key, 1) <= 1) return 4;
  if (a.key.size() != 8 || b.key.size() != 8) return 1;
  std::string_view year_a = a.key.substr(0, 4), year_b = b.key.substr(0, 4);
  std::string_view month_a = a.key.substr(4, 2), month_b = b.key.substr(4, 2);
  std::string_view day_a = a.key.substr(6, 2), day_b = b.key.substr(6, 2);
  if (year_a == year_b && month_a == day_b && day_a == month_b) return 3;
  int equal = (year_a == year_b) + (month_a == month_b) + (day_a == day_b);
  if (equal >= 2) return 2;
  return 1;
}

}  // namespace credo::resolve
