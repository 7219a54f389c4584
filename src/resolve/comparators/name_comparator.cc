#include "resolve/comparators/name_comparator.h"

#include "ingest/standardize/name.h"
#include "resolve/comparators/string_metrics.h"

namespace credo::resolve {

std::string_view NameComparator::LevelLabel(int level) const {
  static constexpr std::string_view kLabels[] = {
      "null", "else", "jaro_winkler>=0.80", "jaro_winkler>=0.88", "jaro_winkler>=0.94|pinyin",
      "exact"};
  return level >= 0 && level < 6 ? kLabels[level] : "?";
}

std::string NameComparator::Prepare(std::string_view text) const {
  auto key = ingest::NameMatchKey(text);
  return key.ok() ? key.value() : std::string(text);
}

int NameComparator::Compare(const PreparedValue& a, const PreparedValue& b) const {
  if (a.text == b.text) return 5;
  if (!a.key.empty() && a.key == b.key) return 4;
  double similarity = JaroWinkler(a.key, b.key);
  if (similarity >= 0.94) return 4;
  if (similarity >= 0.88) return 3;
  if (similarity >= 0.80) return 2;
  return 1;
}

}  // namespace credo::resolve
