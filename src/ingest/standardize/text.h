// credo ingest/standardize: Unicode text standardisation shared by every reader and by resolve.
//
// ValidateUtf8 names the byte offset of the first invalid sequence. NormalizeText applies NFKC
// (which folds full-width ASCII to half-width and compatibility forms to their base), collapses
// runs of whitespace to one space, trims, and lower-cases. Pure-ASCII input takes a fast path
// with the same result. Functions are thread-safe (ICU objects are per thread or immutable).
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"

namespace credo::ingest {

//! Ok, or kInvalidArgument "invalid UTF-8 at byte offset N".
Status ValidateUtf8(std::string_view text);
//! True when every byte is < 0x80.
bool IsAscii(std::string_view text);
//! NFKC only (full-width to half-width, compatibility characters); input must be valid UTF-8.
Result<std::string> NfkcNormalize(std::string_view text);
//! Trims and collapses every run of whitespace (ASCII and U+3000 after NFKC) to one space.
std::string CollapseWhitespace(std::string_view text);
//! True when `text` holds only the white space CollapseWhitespace removes (ASCII white space,
//! U+3000 IDEOGRAPHIC SPACE, U+00A0 NO-BREAK SPACE), or nothing.
bool IsBlank(std::string_view text);
//! Case options for NormalizeText.
enum class TextCase { kKeep, kLower, kUpper };
//! NFKC, whitespace collapsed and trimmed, case folded as asked. Invalid UTF-8 is an error.
Result<std::string> NormalizeText(std::string_view text, TextCase text_case = TextCase::kLower);

}  // namespace credo::ingest
