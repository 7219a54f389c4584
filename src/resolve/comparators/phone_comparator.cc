#include "resolve/comparators/phone_comparator.h"

#include "resolve/comparators/string_metrics.h"

namespace credo::resolve {

std::string_view PhoneComparator::LevelLabel(int level) const {
  static constexpr std::string_view kLabels[] = {"null", "else", "one_typo", "exact"};
  return level >= 0 && level < 4 ? kLabels[level] : "?";
}

std::string PhoneComparator::Prepare(std::string_view text) const {
  std::string digits;
  for (char c : text) {
    if (c >= '0' && c <= '9') digits.push_back(c);
  }
  return digits;
}

int PhoneComparator::Compare(const PreparedValue& a, const PreparedValue& b) const {
  if (a.key == b.key) return 3;
  std::string_view shorter = a.key.size() < b.key.size() ? a.key : b.key;
  std::string_view longer = a.key.size() < b.key.size() ? b.key : a.key;
  if (shorter.size() >= 8 && longer.substr(longer.size() - shorter.size()) == shorter) return 3;
  if (OsaDistance(a.key, b.key, 1) <= 1) return 2;
  return 1;
}

}  // namespace credo::resolve
