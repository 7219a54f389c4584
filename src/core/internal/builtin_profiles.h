// credo core internal: the raw text of the built-in profiles (profiles/*.toml), generated into
// the binary at build time by src/core/embed_profiles.cmake.
#pragma once

#include <span>
#include <string_view>

namespace credo::internal {

struct BuiltinProfileText {
  std::string_view name;    //!< file name without .toml: "cn", "us"
  std::string_view source;  //!< path in the repository: "profiles/cn.toml"
  std::string_view text;    //!< the file's contents
};

//! Sorted by name.
std::span<const BuiltinProfileText> BuiltinProfileTexts();

}  // namespace credo::internal
