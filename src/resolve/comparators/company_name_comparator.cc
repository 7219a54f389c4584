#include "resolve/comparators/company_name_comparator.h"

#include <array>
#include <vector>

#include "ingest/standardize/text.h"
#include "resolve/comparators/string_metrics.h"

namespace credo::resolve {
namespace {

// Longest first so that 股份有限公司 is removed whole rather than leaving 股份.
constexpr std::array<std::string_view, 6> kHanSuffixes = {
    "股份有限公司", "有限责任公司", "集团有限公司", "有限公司", "集团", "公司"};
constexpr std::array<std::string_view, 12> kLatinSuffixes = {
    "co", "ltd", "limited", "inc", "incorporated", "llc", "corp", "corporation",
    "company", "plc", "gmbh", "the"};

bool EndsWith(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

}  // namespace

std::string CompanyNameKey(std::string_view name) {
  auto normalized = ingest::NormalizeText(name, ingest::TextCase::kLower);
  std::string text = normalized.ok() ? normalized.value() : std::string(name);
  // Brackets are often full-width in Chinese names and NFKC has made them ASCII; 有限公司 may sit
  // before a bracketed branch name, so strip suffixes from the Han part repeatedly.
  std::vector<std::string> words;
  std::string current;
  for (char c : text) {
    unsigned char u = static_cast<unsigned char>(c);
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || u >= 0x80) {
      current.push_back(c);
    } else if (!current.empty()) {
      words.push_back(std::move(current));
      current.clear();
    }
  }
  if (!current.empty()) words.push_back(std::move(current));
  // Drop trailing Latin legal forms ("acme co ltd" -> "acme").
  while (words.size() > 1) {
    bool removed = false;
    for (auto suffix : kLatinSuffixes) {
      if (words.back() == suffix) {
        words.pop_back();
        removed = true;
        break;
      }
    }
    if (!removed) break;
  }
  std::string key;
  for (const auto& word : words) key += word;
  bool removed = true;
  while (removed) {
    removed = false;
    for (auto suffix : kHanSuffixes) {
      if (key.size() > suffix.size() && EndsWith(key, suffix)) {
        key.resize(key.size() - suffix.size());
        removed = true;
        break;
      }
    }
  }
  return key;
}

std::string_view CompanyNameComparator::LevelLabel(int level) const {
  static constexpr std::string_view kLabels[] = {"null", "else", "jaro_winkler>=0.88",
                                                 "jaro_winkler>=0.94", "same_key", "exact"};
  return level >= 0 && level < 6 ? kLabels[level] : "?";
}

int CompanyNameComparator::Compare(const PreparedValue& a, const PreparedValue& b) const {
  if (a.text == b.text) return 5;
  if (a.key == b.key) return 4;
  double similarity = JaroWinkler(a.key, b.key);
  if (similarity >= 0.94) return 3;
  if (similarity >= 0.88) return 2;
  return 1;
}

}  // namespace credo::resolve
