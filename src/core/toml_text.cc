#include "core/toml_text.h"

#include <cstdint>
#include <cstdio>

namespace credo {
namespace {

constexpr char32_t kInvalid = 0xFFFFFFFF;

// The code point starting at text[at] (UTF-8) and its length in bytes; a byte that does not
// start a valid sequence reads as kInvalid, one byte long (toml++ refuses invalid UTF-8 itself).
char32_t DecodeAt(std::string_view text, size_t at, size_t* length) {
  const auto byte = [&](size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char lead = byte(at);
  *length = 1;
  size_t size = lead < 0x80           ? 1
                : (lead >> 5) == 0x6  ? 2
                : (lead >> 4) == 0xE  ? 3
                : (lead >> 3) == 0x1E ? 4
                                      : 0;
  if (size == 0 || at + size > text.size()) return kInvalid;
  char32_t code = size == 1   ? lead
                  : size == 2 ? (lead & 0x1F)
                  : size == 3 ? (lead & 0x0F)
                              : (lead & 0x07);
  for (size_t i = 1; i < size; ++i) {
    if ((byte(at + i) & 0xC0) != 0x80) return kInvalid;
    code = (code << 6) | (byte(at + i) & 0x3F);
  }
  *length = size;
  return code;
}

// Where toml++ 3.3's is_non_ascii_horizontal_whitespace reaches its unreachable default.
bool ParserCannotClassify(char32_t c) {
  return (c > 0xA0 && c < 0x49A) || (c >= 0x2C8E && c < 0x3088 && c != 0x3000) ||
         (c >= 0xFB66 && c < 0xFEFF);
}

// "'。' (U+3002)", or "byte 0xE3" for a byte that does not start valid UTF-8.
std::string Describe(std::string_view text, size_t at) {
  size_t length = 0;
  char32_t code = DecodeAt(text, at, &length);
  char buffer[24];
  if (code == kInvalid) {
    std::snprintf(buffer, sizeof(buffer), "byte 0x%02X", static_cast<unsigned char>(text[at]));
    return buffer;
  }
  std::snprintf(buffer, sizeof(buffer), "U+%04X", static_cast<unsigned>(code));
  // Appended piece by piece: GCC 12 warns (-Wrestrict, a false positive) on the chain of +.
  std::string shown = "'";
  shown.append(text.substr(at, length));
  shown.append("' (");
  shown.append(buffer);
  shown.push_back(')');
  return shown;
}

// \uXXXX: only characters below U+FEFF are escaped, so four digits always suffice.
void AppendEscape(std::string& out, char32_t code) {
  char buffer[16];
  std::snprintf(buffer, sizeof(buffer), "\\u%04X", static_cast<unsigned>(code & 0xFFFF));
  out += buffer;
}

// The length of the delimiter that closes a multi-line string at `at`: its three quotes and up to
// two more of the same, which TOML counts as the string's last characters.
size_t ClosingRun(std::string_view text, size_t at) {
  size_t run = 3;
  while (run < 5 && at + run < text.size() && text[at + run] == text[at]) ++run;
  return run;
}

// The end of the literal string whose content starts at `at` (the offset of its closing
// delimiter, or where the parser will report it unterminated), and whether its content holds a
// character the parser cannot classify.
size_t LiteralEnd(std::string_view text, size_t at, bool multi_line, bool* needs_escapes) {
  *needs_escapes = false;
  while (at < text.size()) {
    if (multi_line ? text.substr(at, 3) == "'''" : text[at] == '\'') return at;
    if (!multi_line && text[at] == '\n') return at;
    size_t length = 0;
    char32_t code = DecodeAt(text, at, &length);
    if (code != kInvalid && ParserCannotClassify(code)) *needs_escapes = true;
    at += length;
  }
  return at;
}

}  // namespace

Result<std::string> PrepareTomlText(std::string_view text, std::string_view source) {
  std::string out;
  out.reserve(text.size());
  // Line and column (in characters) are counted only for the error, from the text before it.
  auto fail = [&](size_t at, const std::string& what) -> Error {
    size_t line = 1;
    size_t line_start = 0;
    for (size_t i = 0; i < at; ++i) {
      if (text[i] == '\n') {
        ++line;
        line_start = i + 1;
      }
    }
    size_t column = 1;
    for (size_t i = line_start; i < at; ++i) {
      if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++column;
    }
    return MakeError(
        ErrorCode::kInvalidArgument, Describe(text, at) + " " + what,
        std::string(source) + ":" + std::to_string(line) + ":" + std::to_string(column));
  };
  auto starts = [&](size_t at, std::string_view token) {
    return text.substr(at, token.size()) == token;
  };
  // Copies the character at `at` (escaped in a basic string, '?' in a comment when the parser
  // cannot classify it) and returns its length.
  auto copy = [&](size_t at, bool in_basic_string) -> size_t {
    size_t length = 0;
    char32_t code = DecodeAt(text, at, &length);
    if (code != kInvalid && ParserCannotClassify(code)) {
      if (in_basic_string) {
        AppendEscape(out, code);
      } else {
        out += '?';
      }
    } else {
      out.append(text.substr(at, length));
    }
    return length;
  };
  enum class Scope { kBare, kComment, kBasic, kMultiBasic };
  Scope scope = Scope::kBare;
  size_t at = 0;
  while (at < text.size()) {
    const char c = text[at];
    switch (scope) {
      case Scope::kBare:
        if (static_cast<unsigned char>(c) >= 0x80) {
          return fail(at,
                      "outside a string or comment: TOML allows only ASCII there (a full-width "
                      "or Chinese punctuation mark typed by an input method?)");
        }
        if (c == '#') {
          scope = Scope::kComment;
        } else if (c == '"') {
          bool multi_line = starts(at, "\"\"\"");
          scope = multi_line ? Scope::kMultiBasic : Scope::kBasic;
          out.append(multi_line ? "\"\"\"" : "\"");
          at += multi_line ? 3 : 1;
          continue;
        } else if (c == '\'') {
          bool multi_line = starts(at, "'''");
          size_t open = multi_line ? 3 : 1;
          bool needs_escapes = false;
          size_t end = LiteralEnd(text, at + open, multi_line, &needs_escapes);
          size_t close = 0;  // 0: unterminated, which the parser reports
          if (end < text.size() && text[end] == '\'')
            close = multi_line ? ClosingRun(text, end) : 1;
          if (!needs_escapes) {
            out.append(text.substr(at, end + close - at));
            at = end + close;
            continue;
          }
          // The same value as a basic string: backslashes and quotes escaped, the characters the
          // parser cannot classify as \uXXXX.
          out.append(multi_line ? "\"\"\"" : "\"");
          for (size_t i = at + open; i < end;) {
            if (text[i] == '\\' || text[i] == '"') {
              out += '\\';
              out += text[i];
              ++i;
            } else {
              i += copy(i, true);
            }
          }
          if (close > 0) {
            out.append(close - open, '\'');  // apostrophes that are content
            out.append(multi_line ? "\"\"\"" : "\"");
          }
          at = end + close;
          continue;
        }
        out += c;
        ++at;
        continue;
      case Scope::kComment:
        if (c == '\n') scope = Scope::kBare;
        at += copy(at, false);
        continue;
      case Scope::kBasic:
      case Scope::kMultiBasic: {
        const bool multi_line = scope == Scope::kMultiBasic;
        if (c == '\\') {
          // An escape: the next character is never the end of the string. A line-ending
          // backslash in a multi-line string is followed by whitespace, copied as it comes.
          if (at + 1 < text.size() && static_cast<unsigned char>(text[at + 1]) >= 0x80) {
            return fail(at + 1, "after a backslash: not an escape TOML knows (write \\uXXXX)");
          }
          out += c;
          ++at;
          if (at < text.size() && text[at] != '\n') {
            out += text[at];
            ++at;
          }
          continue;
        }
        if (!multi_line && (c == '"' || c == '\n')) {
          scope = Scope::kBare;  // an unterminated string is the parser's to report
          if (c == '"') {
            out += c;
            ++at;
          }
          continue;
        }
        if (multi_line && starts(at, "\"\"\"")) {
          size_t close = ClosingRun(text, at);
          out.append(text.substr(at, close));
          at += close;
          scope = Scope::kBare;
          continue;
        }
        at += copy(at, true);
        continue;
      }
    }
  }
  return out;
}

}  // namespace credo
