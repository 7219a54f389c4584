#include "core/text_width.h"

#include <cstdint>

namespace credo {
namespace {

// One character at `at`: its code point and length in bytes (1 for a byte that does not start a
// valid sequence, taken as one column).
struct Decoded {
  uint32_t code_point;
  size_t length;
};

Decoded Decode(std::string_view text, size_t at) {
  const auto byte = [&](size_t i) { return static_cast<uint8_t>(text[i]); };
  const uint8_t lead = byte(at);
  size_t length = lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3
                                  : (lead >> 3) == 0x1E ? 4 : 0;
  if (length == 0 || at + length > text.size()) return {lead, 1};
  uint32_t code_point = length == 1 ? lead : lead & (0x7F >> length);
  for (size_t i = 1; i < length; ++i) {
    if ((byte(at + i) & 0xC0) != 0x80) return {lead, 1};
    code_point = (code_point << 6) | (byte(at + i) & 0x3F);
  }
  return {code_point, length};
}

bool IsWide(uint32_t c) {
  return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0x303E) ||
         (c >= 0x3041 && c <= 0x33FF) || (c >= 0x3400 && c <= 0x4DBF) ||
         (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xA000 && c <= 0xA4CF) ||
         (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) ||
         (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
         (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x20000 && c <= 0x3FFFD);
}

}  // namespace

size_t DisplayWidth(std::string_view utf8) {
  size_t width = 0;
  for (size_t at = 0; at < utf8.size();) {
    const Decoded decoded = Decode(utf8, at);
    width += IsWide(decoded.code_point) && decoded.length > 1 ? 2 : 1;
    at += decoded.length;
  }
  return width;
}

std::string FitToWidth(std::string_view utf8, size_t width) {
  std::string out;
  size_t used = 0;
  for (size_t at = 0; at < utf8.size();) {
    const Decoded decoded = Decode(utf8, at);
    const size_t columns = IsWide(decoded.code_point) && decoded.length > 1 ? 2 : 1;
    if (used + columns > width) break;
    out.append(utf8.substr(at, decoded.length));
    used += columns;
    at += decoded.length;
  }
  out.append(width - used, ' ');
  return out;
}

}  // namespace credo
