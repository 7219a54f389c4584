#include "resolve/comparators/address_comparator.h"

#include <algorithm>
#include <cstdint>
#include <vector>

#include "resolve/comparators/string_metrics.h"

namespace credo::resolve {
namespace {

// Splits a prepared key (tokens joined by single spaces) without allocating the strings.
void Tokens(std::string_view key, std::vector<std::string_view>* out) {
  out->clear();
  size_t start = 0;
  while (start < key.size()) {
    size_t end = key.find(' ', start);
    if (end == std::string_view::npos) end = key.size();
    if (end > start) out->push_back(key.substr(start, end - start));
    start = end + 1;
  }
}

}  // namespace

std::string_view AddressComparator::LevelLabel(int level) const {
  static constexpr std::string_view kLabels[] = {"null", "else", "partial_overlap",
                                                 "strong_overlap", "exact"};
  return level >= 0 && level < 5 ? kLabels[level] : "?";
}

std::string AddressComparator::Prepare(std::string_view text) const {
  std::vector<std::string> tokens;
  std::string current;
  for (char c : text) {
    unsigned char u = static_cast<unsigned char>(c);
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || u >= 0x80) {
      current.push_back(c);
    } else if (!current.empty()) {
      tokens.push_back(std::move(current));
      current.clear();
    }
  }
  if (!current.empty()) tokens.push_back(std::move(current));
  std::sort(tokens.begin(), tokens.end());
  std::string key;
  for (const auto& token : tokens) {
    if (!key.empty()) key.push_back(' ');
    key += token;
  }
  return key;
}

int AddressComparator::Compare(const PreparedValue& a, const PreparedValue& b) const {
  if (a.key == b.key) return 4;
  thread_local std::vector<std::string_view> tokens_a, tokens_b;
  Tokens(a.key, &tokens_a);
  Tokens(b.key, &tokens_b);
  size_t matched = 0;
  uint64_t used = 0;  // tokens of b already matched (beyond 64 tokens, no reuse check)
  for (auto token : tokens_a) {
    for (size_t j = 0; j < tokens_b.size(); ++j) {
      uint64_t bit = j < 64 ? uint64_t{1} << j : 0;
      if (used & bit) continue;
      bool agree = token == tokens_b[j] ||
                   (token.size() >= 4 && OsaDistance(token, tokens_b[j], 1) <= 1);
      if (agree) {
        used |= bit;
        ++matched;
        break;
      }
    }
  }
  size_t larger = std::max(tokens_a.size(), tokens_b.size());
  double overlap = larger == 0 ? 0.0 : static_cast<double>(matched) / larger;
  double similarity = JaroWinkler(a.text, b.text);
  if (overlap >= 2.0 / 3.0 - 1e-9 || similarity >= 0.92) return 3;
  if (overlap >= 1.0 / 3.0 - 1e-9 || similarity >= 0.80) return 2;
  return 1;
}

}  // namespace credo::resolve
