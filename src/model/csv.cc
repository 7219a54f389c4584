#include "model/csv.h"

#include <fstream>
#include <sstream>

namespace credo::model {
namespace {

std::string Trim(std::string_view text) {
  size_t begin = 0;
  size_t end = text.size();
  while (begin < end && (text[begin] == ' ' || text[begin] == '\t')) ++begin;
  while (end > begin && (text[end - 1] == ' ' || text[end - 1] == '\t')) --end;
  return std::string(text.substr(begin, end - begin));
}

}  // namespace

Result<std::string> ReadWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return MakeError(ErrorCode::kNotFound, "cannot open the file; check the path", path);
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

Result<RawTable> ParseCsvText(std::string_view text, std::string source) {
  RawTable table;
  table.source = std::move(source);
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  size_t pos = 0;
  size_t line = 1;
  bool have_header = false;
  std::vector<std::string> record;
  std::string field;
  while (pos < text.size()) {
    const size_t record_line = line;
    record.clear();
    bool end_of_record = false;
    while (!end_of_record) {
      field.clear();
      bool quoted = false;
      // Skip leading blanks before an opening quote.
      size_t probe = pos;
      while (probe < text.size() && (text[probe] == ' ' || text[probe] == '\t')) ++probe;
      if (probe < text.size() && text[probe] == '"') {
        quoted = true;
        pos = probe + 1;
        while (true) {
          if (pos >= text.size()) {
            return MakeError(ErrorCode::kInvalidArgument,
                             "a quoted field is not closed; add the closing quote",
                             table.source + " line " + std::to_string(record_line));
          }
          char c = text[pos];
          if (c == '"') {
            if (pos + 1 < text.size() && text[pos + 1] == '"') {
              field.push_back('"');
              pos += 2;
              continue;
            }
            ++pos;
            break;
          }
          if (c == '\n') ++line;
          field.push_back(c);
          ++pos;
        }
        // Anything after the closing quote up to the separator is ignored if blank.
        while (pos < text.size() && text[pos] != ',' && text[pos] != '\n' && text[pos] != '\r') {
          if (text[pos] != ' ' && text[pos] != '\t') {
            return MakeError(ErrorCode::kInvalidArgument,
                             "text after a closing quote; quote the whole field",
                             table.source + " line " + std::to_string(record_line));
          }
          ++pos;
        }
      } else {
        size_t start = pos;
        while (pos < text.size() && text[pos] != ',' && text[pos] != '\n' && text[pos] != '\r') {
          ++pos;
        }
        field.assign(text.substr(start, pos - start));
      }
      record.push_back(quoted ? field : Trim(field));
      if (pos >= text.size()) {
        end_of_record = true;
      } else if (text[pos] == ',') {
        ++pos;
      } else {
        if (text[pos] == '\r') ++pos;
        if (pos < text.size() && text[pos] == '\n') ++pos;
        ++line;
        end_of_record = true;
      }
    }
    if (record.size() == 1 && record[0].empty()) continue;  // blank line
    if (!have_header) {
      table.header = record;
      have_header = true;
      continue;
    }
    if (record.size() != table.header.size()) {
      return MakeError(ErrorCode::kInvalidArgument,
                       "ragged row: " + std::to_string(record.size()) + " fields, the header has " +
                           std::to_string(table.header.size()) +
                           "; every row needs one value (or an empty one) per column",
                       table.source + " line " + std::to_string(record_line));
    }
    table.rows.push_back(record);
    table.lines.push_back(record_line);
  }
  if (!have_header) {
    return MakeError(ErrorCode::kInvalidArgument, "the file is empty; a header row is required",
                     table.source);
  }
  return table;
}

Result<RawTable> ReadCsvFile(const std::string& path) {
  CREDO_ASSIGN_OR_RETURN(std::string text, ReadWholeFile(path));
  return ParseCsvText(text, path);
}

}  // namespace credo::model
