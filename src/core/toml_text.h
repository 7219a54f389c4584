// credo core: TOML text made safe for toml++ before it is parsed.
//
// toml++ 3.3 (Debian 12) classifies characters beyond ASCII with a generated table that reaches
// __builtin_unreachable (undefined behaviour) for U+00A1..U+0499, U+2C8E..U+3087 other than U+3000,
// and U+FB66..U+FEFE wherever it tests for whitespace: after a key or value, in a table header,
// after a backslash in a multi-line string, and while it skips over a malformed value, which can
// run into a string. Those ranges hold Latin-1 letters and the Chinese punctuation an input method
// types ('、' '。' '《'); the mapping-file fuzz target found it. Every TOML file credo reads
// (profiles, mappings, decision policies, fraud rules, resolution settings, permissions) goes
// through PrepareTomlText, and toml++ parses its result, in which no such character is left:
//  - outside strings and comments TOML allows only ASCII, so any other character is refused with
//    the source, line and column;
//  - in a basic string such a character becomes its \uXXXX escape, and a literal string holding
//    one becomes the basic string of the same value (same parsed value either way);
//  - in a comment it becomes '?' (comments are not data).
// The rest (every other rule of TOML) is left to the parser, whose line numbers stay right.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"

namespace credo {

//! The text to give toml::parse, or kInvalidArgument naming `source`:line:column (columns in
//! characters) and the character: one beyond ASCII outside a string or comment, or a backslash
//! in a basic string followed by one (not an escape TOML knows).
Result<std::string> PrepareTomlText(std::string_view text, std::string_view source);

}  // namespace credo
