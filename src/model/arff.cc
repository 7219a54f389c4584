#include "model/arff.h"

#include <algorithm>

namespace credo::model {
namespace {

std::string_view TrimView(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) {
    text.remove_suffix(1);
  }
  return text;
}

bool StartsWithKeyword(std::string_view line, std::string_view keyword) {
  if (line.size() < keyword.size()) return false;
  for (size_t i = 0; i < keyword.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(line[i])) != keyword[i]) return false;
  }
  return line.size() == keyword.size() || line[keyword.size()] == ' ' ||
         line[keyword.size()] == '\t';
}

// Splits a data row on commas, honouring single or double quotes.
std::vector<std::string> SplitRow(std::string_view line) {
  std::vector<std::string> cells;
  std::string cell;
  char quote = 0;
  for (char c : line) {
    if (quote) {
      if (c == quote) {
        quote = 0;
      } else {
        cell.push_back(c);
      }
    } else if (c == '\'' || c == '"') {
      quote = c;
    } else if (c == ',') {
      cells.emplace_back(TrimView(cell));
      cell.clear();
    } else {
      cell.push_back(c);
    }
  }
  cells.emplace_back(TrimView(cell));
  return cells;
}

}  // namespace

Result<Dataset> ParseArffDataset(std::string_view text, const std::string& source,
                                 const DatasetOptions& options) {
  RawTable table;
  table.source = source;
  bool in_data = false;
  size_t line_number = 0;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = TrimView(text.substr(pos, end - pos));
    pos = end + 1;
    ++line_number;
    if (line.empty() || line.front() == '%') {
      if (end == text.size()) break;
      continue;
    }
    std::string location = source + " line " + std::to_string(line_number);
    if (!in_data) {
      if (StartsWithKeyword(line, "@relation")) continue;
      if (StartsWithKeyword(line, "@data")) {
        in_data = true;
        continue;
      }
      if (!StartsWithKeyword(line, "@attribute")) {
        return MakeError(ErrorCode::kInvalidArgument,
                         "expected @relation, @attribute or @data in the ARFF header", location);
      }
      std::string_view rest = TrimView(line.substr(10));
      std::string name;
      if (!rest.empty() && (rest.front() == '\'' || rest.front() == '"')) {
        char quote = rest.front();
        size_t close = rest.find(quote, 1);
        if (close == std::string_view::npos) {
          return MakeError(ErrorCode::kInvalidArgument, "attribute name quote is not closed",
                           location);
        }
        name = std::string(rest.substr(1, close - 1));
        rest = TrimView(rest.substr(close + 1));
      } else {
        size_t space = rest.find_first_of(" \t");
        if (space == std::string_view::npos) {
          return MakeError(ErrorCode::kInvalidArgument, "attribute has no type", location);
        }
        name = std::string(rest.substr(0, space));
        rest = TrimView(rest.substr(space));
      }
      std::string type(rest);
      std::transform(type.begin(), type.end(), type.begin(),
                     [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
      if (type != "numeric" && type != "real" && type != "integer" && type != "string" &&
          (type.empty() || type.front() != '{')) {
        return MakeError(ErrorCode::kInvalidArgument,
                         "attribute '" + name + "' has type '" + std::string(rest) +
                             "'; supported: numeric, real, integer, string, {nominal,...}",
                         location);
      }
      table.header.push_back(name);
      continue;
    }
    std::vector<std::string> cells = SplitRow(line);
    if (cells.size() != table.header.size()) {
      return MakeError(ErrorCode::kInvalidArgument,
                       "ragged row: " + std::to_string(cells.size()) + " values, the header declares " +
                           std::to_string(table.header.size()) + " attributes",
                       location);
    }
    table.rows.push_back(std::move(cells));
    table.lines.push_back(line_number);
    if (end == text.size()) break;
  }
  if (!in_data) {
    return MakeError(ErrorCode::kInvalidArgument, "no @data section", source);
  }
  return BuildDataset(table, options);
}

Result<Dataset> LoadArffDataset(const std::string& path, const DatasetOptions& options) {
  CREDO_ASSIGN_OR_RETURN(std::string text, ReadWholeFile(path));
  return ParseArffDataset(text, path, options);
}

}  // namespace credo::model
