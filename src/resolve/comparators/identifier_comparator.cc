#include "resolve/comparators/identifier_comparator.h"

#include "resolve/comparators/string_metrics.h"

namespace credo::resolve {

std::string_view IdentifierComparator::LevelLabel(int level) const {
  static constexpr std::string_view kLabels[] = {"null", "else", "damerau<=2", "damerau=1",
                                                 "exact"};
  return level >= 0 && level < 5 ? kLabels[level] : "?";
}

std::string IdentifierComparator::Prepare(std::string_view text) const {
  std::string key;
  for (char c : text) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z')) key.push_back(c);
  }
  return key;
}

int IdentifierComparator::Compare(const PreparedValue& a, const PreparedValue& b) const {
  if (a.key == b.key) return 4;
  int distance = OsaDistance(a.key, b.key, 2);
  if (distance == 1) return 3;
  if (distance == 2) return 2;
  return 1;
}

}  // namespace credo::resolve
