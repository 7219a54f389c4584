// credo core: the width of UTF-8 text in a terminal's columns, for the CLI's aligned tables.
//
// DisplayWidth counts a Han character, a kana, a Hangul syllable or a full-width form as two
// columns (East Asian Wide and Fullwidth, Unicode UAX #11) and anything else as one; bytes that
// are not valid UTF-8 count one column each. FitToWidth cuts text to at most `width` columns at
// a character boundary (never inside a multi-byte sequence, which printf's "%-24.24s" would do)
// and pads it with spaces to exactly `width`. Pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace credo {

size_t DisplayWidth(std::string_view utf8);
std::string FitToWidth(std::string_view utf8, size_t width);

}  // namespace credo
