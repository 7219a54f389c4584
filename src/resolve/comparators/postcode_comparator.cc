#include "resolve/comparators/postcode_comparator.h"

#include "resolve/comparators/string_metrics.h"

namespace credo::resolve {

std::string_view PostcodeComparator::LevelLabel(int level) const {
  static constexpr std::string_view kLabels[] = {"null",     "else",     "prefix2",
                                                 "prefix3", "one_typo", "exact"};
  return level >= 0 && level < 6 ? kLabels[level] : "?";
}

std::string PostcodeComparator::Prepare(std::string_view text) const {
  std::string key;
  for (char c : text) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z')) key.push_back(c);
  }
  return key;
}

int PostcodeComparator::Compare(const PreparedValue& a, const PreparedValue& b) const {
  if (a.key == b.key) return 5;
  if (OsaDistance(a.key, b.key, 1) <= 1) return 4;
  if (a.key.size() >= 3 && b.key.size() >= 3 && a.key.substr(0, 3) == b.key.substr(0, 3)) return 3;
  if (a.key.size() >= 2 && b.key.size() >= 2 && a.key.substr(0, 2) == b.key.substr(0, 2)) return 2;
  return 1;
}

}  // namespace credo::resolve
