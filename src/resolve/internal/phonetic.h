// credo resolve internal: Soundex codes of Latin name keys (pinyin included) for blocking.
#pragma once

#include <string>
#include <string_view>

namespace credo::resolve::internal {

//! American Soundex ("robert" -> "R163"); empty for text without letters.
std::string Soundex(std::string_view text);

}  // namespace credo::resolve::internal
