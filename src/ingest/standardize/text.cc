#include "ingest/standardize/text.h"

#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <string>

namespace credo::ingest {

Status ValidateUtf8(std::string_view text) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  size_t size = text.size();
  size_t i = 0;
  while (i < size) {
    unsigned char c = bytes[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t length = 0;
    uint32_t code_point = 0;
    if ((c & 0xE0) == 0xC0) {
      length = 2;
      code_point = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      length = 3;
      code_point = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      length = 4;
      code_point = c & 0x07;
    } else {
      return MakeError(ErrorCode::kInvalidArgument,
                       "invalid UTF-8 at byte offset " + std::to_string(i) +
                           ": byte 0x" + "0123456789abcdef"[c >> 4] + "0123456789abcdef"[c & 15] +
                           " cannot start a character; re-encode the file as UTF-8");
    }
    if (i + length > size) {
      return MakeError(ErrorCode::kInvalidArgument,
                       "invalid UTF-8 at byte offset " + std::to_string(i) +
                           ": truncated multi-byte character; re-encode the file as UTF-8");
    }
    for (size_t k = 1; k < length; ++k) {
      if ((bytes[i + k] & 0xC0) != 0x80) {
        return MakeError(ErrorCode::kInvalidArgument,
                         "invalid UTF-8 at byte offset " + std::to_string(i + k) +
                             ": expected a continuation byte; re-encode the file as UTF-8");
      }
      code_point = (code_point << 6) | (bytes[i + k] & 0x3F);
    }
    bool overlong = (length == 2 && code_point < 0x80) || (length == 3 && code_point < 0x800) ||
                    (length == 4 && code_point < 0x10000);
    bool surrogate = code_point >= 0xD800 && code_point <= 0xDFFF;
    if (overlong || surrogate || code_point > 0x10FFFF) {
      return MakeError(ErrorCode::kInvalidArgument,
                       "invalid UTF-8 at byte offset " + std::to_string(i) +
                           ": overlong, surrogate or out-of-range character; re-encode as UTF-8");
    }
    i += length;
  }
  return Ok();
}

bool IsAscii(std::string_view text) {
  for (unsigned char c : text) {
    if (c >= 0x80) return false;
  }
  return true;
}

Result<std::string> NfkcNormalize(std::string_view text) {
  CREDO_TRY(ValidateUtf8(text));
  if (IsAscii(text)) return std::string(text);
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
  if (U_FAILURE(status)) {
    return MakeError(ErrorCode::kInternal, std::string("ICU NFKC unavailable: ") +
                                               u_errorName(status));
  }
  icu::UnicodeString source = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  icu::UnicodeString normalized = nfkc->normalize(source, status);
  if (U_FAILURE(status)) {
    return MakeError(ErrorCode::kInternal, std::string("ICU NFKC failed: ") + u_errorName(status));
  }
  std::string out;
  normalized.toUTF8String(out);
  return out;
}

namespace {

// The bytes of the white space character at text[i] (ASCII white space, U+3000 IDEOGRAPHIC SPACE
// E3 80 80, U+00A0 NO-BREAK SPACE C2 A0), or 0 when text[i] starts something else.
size_t SpaceWidthAt(std::string_view text, size_t i) {
  unsigned char c = static_cast<unsigned char>(text[i]);
  if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f') return 1;
  if (c == 0xE3 && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x80 &&
      static_cast<unsigned char>(text[i + 2]) == 0x80) {
    return 3;
  }
  if (c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xA0) return 2;
  return 0;
}

}  // namespace

bool IsBlank(std::string_view text) {
  for (size_t i = 0; i < text.size();) {
    const size_t width = SpaceWidthAt(text, i);
    if (width == 0) return false;
    i += width;
  }
  return true;
}

std::string CollapseWhitespace(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  size_t i = 0;
  while (i < text.size()) {
    const size_t space_width = SpaceWidthAt(text, i);
    const bool space = space_width > 0;
    const size_t width = space ? space_width : 1;
    if (space) {
      pending_space = !out.empty();
    } else {
      if (pending_space) out.push_back(' ');
      pending_space = false;
      out.append(text.substr(i, width));
    }
    i += width;
  }
  return out;
}

Result<std::string> NormalizeText(std::string_view text, TextCase text_case) {
  if (IsAscii(text)) {
    std::string out = CollapseWhitespace(text);
    if (text_case == TextCase::kLower) {
      for (char& c : out) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      }
    } else if (text_case == TextCase::kUpper) {
      for (char& c : out) {
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
      }
    }
    return out;
  }
  CREDO_ASSIGN_OR_RETURN(std::string nfkc, NfkcNormalize(text));
  if (text_case != TextCase::kKeep) {
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(
        icu::StringPiece(nfkc.data(), static_cast<int32_t>(nfkc.size())));
    if (text_case == TextCase::kLower) {
      u.toLower(icu::Locale::getRoot());
    } else {
      u.toUpper(icu::Locale::getRoot());
    }
    nfkc.clear();
    u.toUTF8String(nfkc);
  }
  return CollapseWhitespace(nfkc);
}

}  // namespace credo::ingest
