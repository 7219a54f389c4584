#include "decision/internal/toml_util.h"

#include <fstream>
#include <sstream>
#include <utility>

#include "core/toml_text.h"

namespace credo::decision::internal {

std::string Quoted(std::string_view text) {
  std::string out(1, '"');
  out.append(text).append(1, '"');
  return out;
}

std::string Bracketed(std::string_view name) {
  std::string out(1, '[');
  out.append(name).append(1, ']');
  return out;
}

std::string Where(const std::string& source, const toml::node& node) {
  const auto line = node.source().begin.line;
  if (line == 0) return source;
  return source + ":" + std::to_string(line);
}

Result<toml::table> ParseToml(std::string_view text, const std::string& source) {
  CREDO_ASSIGN_OR_RETURN(std::string prepared, PrepareTomlText(text, source));
  try {
    return toml::parse(prepared, source);
  } catch (const toml::parse_error& error) {
    return MakeError(ErrorCode::kInvalidArgument,
                     std::string("not valid TOML: ") + std::string(error.description()),
                     source + ":" + std::to_string(error.source().begin.line));
  }
}

Result<toml::table> ParseTomlFile(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return MakeError(ErrorCode::kNotFound, "cannot open the file", path);
  std::ostringstream text;
  text << file.rdbuf();
  return ParseToml(text.str(), path);
}

Status CheckKeys(const toml::table& table, const std::string& source,
                 const std::vector<std::string_view>& allowed, std::string_view what) {
  for (const auto& [key, node] : table) {
    bool known = false;
    for (std::string_view name : allowed) known = known || key.str() == name;
    if (!known) {
      std::string message = "unknown key ";
      message.append(Quoted(key.str())).append(" in ").append(what).append("; the keys are: ");
      for (size_t i = 0; i < allowed.size(); ++i) {
        if (i > 0) message += ", ";
        message += allowed[i];
      }
      return MakeError(ErrorCode::kInvalidArgument, std::move(message), Where(source, node));
    }
  }
  return Ok();
}

Result<std::optional<double>> NumberAt(const toml::table& table, std::string_view key,
                                       const std::string& source) {
  const toml::node* node = table.get(key);
  if (node == nullptr) return std::optional<double>();
  if (auto v = node->value<double>()) return std::optional<double>(*v);
  return MakeError(ErrorCode::kInvalidArgument, Quoted(key) + " must be a number",
                   Where(source, *node));
}

Result<std::optional<int64_t>> IntegerAt(const toml::table& table, std::string_view key,
                                         const std::string& source) {
  const toml::node* node = table.get(key);
  if (node == nullptr) return std::optional<int64_t>();
  if (node->is_integer()) return std::optional<int64_t>(*node->value<int64_t>());
  return MakeError(ErrorCode::kInvalidArgument, Quoted(key) + " must be a whole number",
                   Where(source, *node));
}

Result<std::optional<std::string>> StringAt(const toml::table& table, std::string_view key,
                                            const std::string& source) {
  const toml::node* node = table.get(key);
  if (node == nullptr) return std::optional<std::string>();
  if (node->is_string()) return std::optional<std::string>(*node->value<std::string>());
  return MakeError(ErrorCode::kInvalidArgument, Quoted(key) + " must be a string",
                   Where(source, *node));
}

Result<std::optional<std::vector<std::string>>> StringsAt(const toml::table& table,
                                                          std::string_view key,
                                                          const std::string& source) {
  const toml::node* node = table.get(key);
  if (node == nullptr) return std::optional<std::vector<std::string>>();
  const toml::array* array = node->as_array();
  if (array == nullptr) {
    return MakeError(ErrorCode::kInvalidArgument,
                     Quoted(key) + " must be a list of strings",
                     Where(source, *node));
  }
  std::vector<std::string> out;
  for (const toml::node& item : *array) {
    if (!item.is_string()) {
      return MakeError(ErrorCode::kInvalidArgument,
                       Quoted(key) + " must hold strings only", Where(source, item));
    }
    out.push_back(*item.value<std::string>());
  }
  return std::optional<std::vector<std::string>>(std::move(out));
}

Result<std::optional<std::vector<double>>> NumbersAt(const toml::table& table,
                                                     std::string_view key,
                                                     const std::string& source) {
  const toml::node* node = table.get(key);
  if (node == nullptr) return std::optional<std::vector<double>>();
  const toml::array* array = node->as_array();
  if (array == nullptr) {
    return MakeError(ErrorCode::kInvalidArgument,
                     Quoted(key) + " must be a list of numbers",
                     Where(source, *node));
  }
  std::vector<double> out;
  for (const toml::node& item : *array) {
    auto v = item.value<double>();
    if (!v) {
      return MakeError(ErrorCode::kInvalidArgument,
                       Quoted(key) + " must hold numbers only", Where(source, item));
    }
    out.push_back(*v);
  }
  return std::optional<std::vector<double>>(std::move(out));
}

std::string JoinNames(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& name : names) out += (out.empty() ? "" : ", ") + name;
  return out;
}

}  // namespace credo::decision::internal
