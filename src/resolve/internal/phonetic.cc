#include "resolve/internal/phonetic.h"

namespace credo::resolve::internal {

std::string Soundex(std::string_view text) {
  //                               abcdefghijklmnopqrstuvwxyz
  static constexpr char kCodes[] = "01230120022455012623010202";
  std::string code;
  char last = 0;
  for (char c : text) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c < 'a' || c > 'z') continue;
    char digit = kCodes[c - 'a'];
    if (code.empty()) {
      code.push_back(static_cast<char>(c - 'a' + 'A'));
      last = digit;
      continue;
    }
    if (digit != '0' && digit != last) {
      code.push_back(digit);
      if (code.size() == 4) break;
    }
    if (c != 'h' && c != 'w') last = digit;
  }
  if (code.empty()) return code;
  while (code.size() < 4) code.push_back('0');
  return code;
}

}  // namespace credo::resolve::internal
