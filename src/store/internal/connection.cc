#include "store/internal/connection.h"

namespace credo::store_internal {
namespace {

void ReplaceAll(std::string& text, std::string_view from, std::string_view to) {
  size_t position = 0;
  while ((position = text.find(from, position)) != std::string::npos) {
    text.replace(position, from.size(), to);
    position += to.size();
  }
}

}  // namespace

std::string NumberPlaceholders(std::string_view sql) {
  std::string out;
  out.reserve(sql.size() + 16);
  int next = 1;
  bool in_quote = false;
  for (char c : sql) {
    if (c == '\'') in_quote = !in_quote;
    if (c == '?' && !in_quote) {
      out += '$';
      out += std::to_string(next++);
    } else {
      out += c;
    }
  }
  return out;
}

std::string ExpandSchemaMacros(std::string_view sql, Dialect dialect) {
  std::string text(sql);
  if (dialect == Dialect::kSqlite) {
    ReplaceAll(text, "@ID@", "INTEGER PRIMARY KEY");
    ReplaceAll(text, "@BLOB@", "BLOB");
    ReplaceAll(text, "@REAL@", "REAL");
  } else {
    ReplaceAll(text, "@ID@", "BIGSERIAL PRIMARY KEY");
    ReplaceAll(text, "@BLOB@", "BYTEA");
    ReplaceAll(text, "@REAL@", "DOUBLE PRECISION");
  }
  return text;
}

}  // namespace credo::store_internal
