// credo decision (internal): reading configuration TOML with errors that name file and line.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <toml++/toml.h>

#include "core/result.h"

namespace credo::decision::internal {

//! `text` in double quotes, and a table name in brackets, for messages (built by appending:
//! GCC 12 warns -Wrestrict, falsely, on "literal" + a temporary string; GCC bug 105329).
std::string Quoted(std::string_view text);
std::string Bracketed(std::string_view name);

//! "file:line" of a node (the file alone when the node has no position).
std::string Where(const std::string& source, const toml::node& node);
Result<toml::table> ParseToml(std::string_view text, const std::string& source);
Result<toml::table> ParseTomlFile(const std::string& path);

//! Refuses keys of `table` not in `allowed` (a misspelt key must not be silently ignored).
Status CheckKeys(const toml::table& table, const std::string& source,
                 const std::vector<std::string_view>& allowed, std::string_view what);

//! A number (integer or float) at `key`, or nullopt when absent; an error when of another type.
Result<std::optional<double>> NumberAt(const toml::table& table, std::string_view key,
                                       const std::string& source);
Result<std::optional<int64_t>> IntegerAt(const toml::table& table, std::string_view key,
                                         const std::string& source);
Result<std::optional<std::string>> StringAt(const toml::table& table, std::string_view key,
                                            const std::string& source);
Result<std::optional<std::vector<std::string>>> StringsAt(const toml::table& table,
                                                          std::string_view key,
                                                          const std::string& source);
Result<std::optional<std::vector<double>>> NumbersAt(const toml::table& table,
                                                     std::string_view key,
                                                     const std::string& source);

//! "a, b, c" of a list of names (for "known attributes are ..." messages).
std::string JoinNames(const std::vector<std::string>& names);

}  // namespace credo::decision::internal
