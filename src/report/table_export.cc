#include "report/table_export.h"

#include <unistd.h>
#include <xlsxwriter.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "core/date.h"

namespace credo::report {
namespace {

using nlohmann::json;

constexpr std::array<std::pair<ColumnType, std::string_view>, 7> kTypeNames = {{
    {ColumnType::kText, "text"},
    {ColumnType::kNumber, "number"},
    {ColumnType::kInteger, "integer"},
    {ColumnType::kMoney, "money"},
    {ColumnType::kDate, "date"},
    {ColumnType::kPercent, "percent"},
    {ColumnType::kBoolean, "boolean"},
}};

Error Invalid(const std::string& field, const std::string& message) {
  return Error{ErrorCode::kInvalidArgument, message, field};
}

size_t CodePoints(std::string_view text) {
  size_t count = 0;
  for (unsigned char c : text) {
    if ((c & 0xC0) != 0x80) ++count;
  }
  return count;
}

std::string JsonKind(const json& value) {
  if (value.is_string()) return "a string";
  if (value.is_boolean()) return "a boolean";
  if (value.is_number_integer() || value.is_number_unsigned()) return "an integer";
  if (value.is_number()) return "a number";
  if (value.is_array()) return "an array";
  if (value.is_object()) return "an object";
  return "null";
}

// Checks one cell against its column's type; empty when it fits, else what is wrong.
std::string CellProblem(const json& value, const TableColumn& column,
                        const TableExportLimits& limits) {
  if (value.is_null()) return {};
  switch (column.type) {
    case ColumnType::kText:
      if (value.is_object() || value.is_array()) {
        return "a text cell holds a string, number or boolean, not " + JsonKind(value);
      }
      if (value.is_string() && CodePoints(value.get_ref<const std::string&>()) >
                                   limits.max_cell_chars) {
        return "a cell holds at most " + std::to_string(limits.max_cell_chars) + " characters";
      }
      return {};
    case ColumnType::kNumber:
    case ColumnType::kPercent:
      if (!value.is_number()) return "expected a number, got " + JsonKind(value);
      return {};
    case ColumnType::kInteger:
      if (!value.is_number_integer() && !value.is_number_unsigned()) {
        return "expected an integer, got " + JsonKind(value);
      }
      return {};
    case ColumnType::kMoney:
      if (!value.is_number_integer() && !value.is_number_unsigned()) {
        return "expected an integer amount in minor units (cents, 分), got " + JsonKind(value);
      }
      return {};
    case ColumnType::kDate: {
      if (!value.is_string()) return "expected a date \"YYYY-MM-DD\", got " + JsonKind(value);
      auto date = Date::ParseIso(value.get_ref<const std::string&>());
      if (!date.ok()) return "expected a date \"YYYY-MM-DD\": " + date.error().message;
      return {};
    }
    case ColumnType::kBoolean:
      if (!value.is_boolean()) return "expected true or false, got " + JsonKind(value);
      return {};
  }
  return {};
}

// The sheet name rules of Excel (and libxlsxwriter).
std::string SheetProblem(const std::string& sheet) {
  if (sheet.empty()) return "the sheet name is empty";
  if (CodePoints(sheet) > 31) return "a sheet name has at most 31 characters";
  for (char c : sheet) {
    if (std::string_view("[]:*?/\\").find(c) != std::string_view::npos) {
      return "a sheet name may not hold any of [ ] : * ? / \\";
    }
  }
  if (sheet.front() == '\'' || sheet.back() == '\'') {
    return "a sheet name may not start or end with an apostrophe";
  }
  return {};
}

std::string TextOf(const json& value) {
  if (value.is_string()) return value.get<std::string>();
  return value.dump();
}

// Minor units as a decimal with two places: -12345 -> "-123.45".
std::string MajorUnits(int64_t minor) {
  bool negative = minor < 0;
  uint64_t magnitude = negative ? uint64_t(0) - static_cast<uint64_t>(minor)
                                : static_cast<uint64_t>(minor);
  char buffer[40];
  std::snprintf(buffer, sizeof(buffer), "%s%llu.%02llu", negative ? "-" : "",
                static_cast<unsigned long long>(magnitude / 100),
                static_cast<unsigned long long>(magnitude % 100));
  return buffer;
}

int64_t MinorOf(const json& value) {
  return value.is_number_unsigned() ? static_cast<int64_t>(value.get<uint64_t>())
                                    : value.get<int64_t>();
}

const json& CellOf(const json& row, const std::string& key) {
  static const json kNull;
  auto it = row.find(key);
  return it == row.end() ? kNull : *it;
}

}  // namespace

std::string_view ColumnTypeName(ColumnType type) {
  for (const auto& [value, name] : kTypeNames) {
    if (value == type) return name;
  }
  return "text";
}

Result<ColumnType> ParseColumnType(std::string_view name) {
  for (const auto& [value, known] : kTypeNames) {
    if (known == name) return value;
  }
  return MakeError(ErrorCode::kInvalidArgument,
                   "unknown column type \"" + std::string(name) +
                       "\"; types are text, number, integer, money, date, percent, boolean");
}

Result<ExportTable> ParseExportTable(const json& body, const TableExportLimits& limits) {
  if (!body.is_object()) return Invalid("body", "the table is a JSON object {sheet, columns, rows}");
  for (const auto& [key, unused] : body.items()) {
    if (key != "sheet" && key != "columns" && key != "rows") {
      return Invalid(key, "unknown field '" + key + "'; a table has sheet, columns and rows");
    }
  }
  ExportTable table;
  if (!body.contains("sheet") || !body["sheet"].is_string()) {
    return Invalid("sheet", "field 'sheet' is required: the sheet name, a string");
  }
  table.sheet = body["sheet"].get<std::string>();
  if (std::string problem = SheetProblem(table.sheet); !problem.empty()) {
    return Invalid("sheet", "field 'sheet': " + problem);
  }
  if (!body.contains("columns") || !body["columns"].is_array() || body["columns"].empty()) {
    return Invalid("columns", "field 'columns' must list at least one {key, label, type}");
  }
  const json& columns = body["columns"];
  if (columns.size() > limits.max_columns) {
    return Error{ErrorCode::kResourceExhausted,
                 "a table has at most " + std::to_string(limits.max_columns) + " columns, this one " +
                     std::to_string(columns.size()),
                 "columns"};
  }
  std::set<std::string> keys;
  for (size_t i = 0; i < columns.size(); ++i) {
    const std::string where = "columns[" + std::to_string(i) + "]";
    const json& c = columns[i];
    if (!c.is_object()) return Invalid(where, "field '" + where + "' must be {key, label, type}");
    for (const auto& [key, unused] : c.items()) {
      if (key != "key" && key != "label" && key != "type") {
        return Invalid(where + "." + key, "unknown field '" + where + "." + key +
                                              "'; a column has key, label and type");
      }
    }
    TableColumn column;
    if (!c.contains("key") || !c["key"].is_string() || c["key"].get<std::string>().empty()) {
      return Invalid(where + ".key", "field '" + where + ".key' is required: a non-empty string");
    }
    column.key = c["key"].get<std::string>();
    if (!keys.insert(column.key).second) {
      return Invalid(where + ".key", "field '" + where + ".key': column \"" + column.key +
                                         "\" is listed twice");
    }
    if (c.contains("label") && !c["label"].is_null()) {
      if (!c["label"].is_string()) {
        return Invalid(where + ".label", "field '" + where + ".label' must be a string");
      }
      column.label = c["label"].get<std::string>();
    }
    if (column.label.empty()) column.label = column.key;
    if (CodePoints(column.label) > limits.max_cell_chars) {
      return Invalid(where + ".label", "field '" + where + ".label' is too long");
    }
    if (c.contains("type") && !c["type"].is_null()) {
      if (!c["type"].is_string()) {
        return Invalid(where + ".type", "field '" + where + ".type' must be a string");
      }
      auto type = ParseColumnType(c["type"].get<std::string>());
      if (!type.ok()) {
        return Invalid(where + ".type", "field '" + where + ".type': " + type.error().message);
      }
      column.type = *type;
    }
    table.columns.push_back(std::move(column));
  }
  if (!body.contains("rows") || !body["rows"].is_array()) {
    return Invalid("rows", "field 'rows' is required: a list of objects (it may be empty)");
  }
  const json& rows = body["rows"];
  if (rows.size() > limits.max_rows) {
    return Error{ErrorCode::kResourceExhausted,
                 "a table has at most " + std::to_string(limits.max_rows) + " rows, this one " +
                     std::to_string(rows.size()),
                 "rows"};
  }
  table.rows.reserve(rows.size());
  for (size_t r = 0; r < rows.size(); ++r) {
    const std::string where = "rows[" + std::to_string(r) + "]";
    const json& row = rows[r];
    if (!row.is_object()) {
      return Invalid(where, "field '" + where + "' must be an object {column key: value}");
    }
    for (const auto& [key, value] : row.items()) {
      if (!keys.count(key)) {
        return Invalid(where + "." + key, "field '" + where + "." + key +
                                              "': no column has key \"" + key + "\"");
      }
    }
    for (const TableColumn& column : table.columns) {
      std::string problem = CellProblem(CellOf(row, column.key), column, limits);
      if (!problem.empty()) {
        return Invalid(where + "." + column.key, "field '" + where + "." + column.key +
                                                     "' (column type " +
                                                     std::string(ColumnTypeName(column.type)) +
                                                     "): " + problem);
      }
    }
    table.rows.push_back(row);
  }
  return table;
}

std::string CsvField(std::string_view text, bool guard_formula) {
  std::string value(text);
  if (guard_formula && !value.empty() &&
      std::string_view("=+-@\t\r").find(value.front()) != std::string_view::npos) {
    value.insert(value.begin(), '\'');
  }
  if (value.find_first_of(",\"\r\n") == std::string::npos) return value;
  std::string quoted = "\"";
  for (char c : value) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  quoted += '"';
  return quoted;
}

std::string TableToCsv(const ExportTable& table, const CsvOptions& options) {
  std::string out;
  if (options.byte_order_mark) out += "\xEF\xBB\xBF";
  for (size_t i = 0; i < table.columns.size(); ++i) {
    if (i) out += ',';
    out += CsvField(table.columns[i].label);
  }
  out += "\r\n";
  for (const json& row : table.rows) {
    for (size_t i = 0; i < table.columns.size(); ++i) {
      if (i) out += ',';
      const TableColumn& column = table.columns[i];
      const json& cell = CellOf(row, column.key);
      if (cell.is_null()) continue;
      switch (column.type) {
        case ColumnType::kText: out += CsvField(TextOf(cell)); break;
        case ColumnType::kMoney: out += MajorUnits(MinorOf(cell)); break;
        case ColumnType::kDate: out += cell.get<std::string>(); break;
        case ColumnType::kBoolean: out += cell.get<bool>() ? "true" : "false"; break;
        default: out += cell.dump(); break;  // numbers as JSON writes them (shortest exact)
      }
    }
    out += "\r\n";
  }
  return out;
}

Result<std::string> TableToXlsx(const ExportTable& table) {
  std::string pattern =
      (std::filesystem::temp_directory_path() / "credo-export-XXXXXX.xlsx").string();
  int fd = mkstemps(pattern.data(), 5);
  if (fd < 0) return MakeError(ErrorCode::kUnavailable, "cannot create a temporary workbook file");
  close(fd);
  struct Remove {
    std::string path;
    ~Remove() { std::remove(path.c_str()); }
  } remove{pattern};

  lxw_workbook* workbook = workbook_new(pattern.c_str());
  if (workbook == nullptr) return MakeError(ErrorCode::kUnavailable, "cannot start a workbook");
  lxw_worksheet* sheet = workbook_add_worksheet(workbook, table.sheet.c_str());
  if (sheet == nullptr) {
    workbook_close(workbook);
    return MakeError(ErrorCode::kInvalidArgument, "sheet name refused by the workbook writer",
                     "sheet");
  }
  lxw_format* header = workbook_add_format(workbook);
  format_set_bold(header);
  lxw_format* money = workbook_add_format(workbook);
  format_set_num_format(money, "#,##0.00");
  lxw_format* date = workbook_add_format(workbook);
  format_set_num_format(date, "yyyy-mm-dd");
  lxw_format* percent = workbook_add_format(workbook);
  format_set_num_format(percent, "0.00%");

  lxw_error failure = LXW_NO_ERROR;
  auto check = [&](lxw_error error) {
    if (error != LXW_NO_ERROR && failure == LXW_NO_ERROR) failure = error;
  };
  for (size_t c = 0; c < table.columns.size(); ++c) {
    const TableColumn& column = table.columns[c];
    double width = std::max<double>(10, std::min<double>(60, CodePoints(column.label) + 2));
    if (column.type == ColumnType::kDate) width = std::max(width, 12.0);
    check(worksheet_set_column(sheet, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), width,
                               nullptr));
    check(worksheet_write_string(sheet, 0, static_cast<lxw_col_t>(c), column.label.c_str(),
                                 header));
  }
  worksheet_freeze_panes(sheet, 1, 0);
  for (size_t r = 0; r < table.rows.size(); ++r) {
    const auto row_index = static_cast<lxw_row_t>(r + 1);
    for (size_t c = 0; c < table.columns.size(); ++c) {
      const TableColumn& column = table.columns[c];
      const json& cell = CellOf(table.rows[r], column.key);
      if (cell.is_null()) continue;
      const auto col = static_cast<lxw_col_t>(c);
      switch (column.type) {
        case ColumnType::kText:
          check(worksheet_write_string(sheet, row_index, col, TextOf(cell).c_str(), nullptr));
          break;
        case ColumnType::kNumber:
        case ColumnType::kInteger:
          check(worksheet_write_number(sheet, row_index, col, cell.get<double>(), nullptr));
          break;
        case ColumnType::kPercent:
          check(worksheet_write_number(sheet, row_index, col, cell.get<double>(), percent));
          break;
        case ColumnType::kMoney:
          check(worksheet_write_number(sheet, row_index, col,
                                       static_cast<double>(MinorOf(cell)) / 100.0, money));
          break;
        case ColumnType::kDate: {
          Date day = Date::ParseIso(cell.get<std::string>()).value();
          lxw_datetime value = {day.year(), day.month(), day.day(), 0, 0, 0};
          check(worksheet_write_datetime(sheet, row_index, col, &value, date));
          break;
        }
        case ColumnType::kBoolean:
          check(worksheet_write_boolean(sheet, row_index, col, cell.get<bool>() ? 1 : 0, nullptr));
          break;
      }
    }
  }
  lxw_error closed = workbook_close(workbook);
  if (failure != LXW_NO_ERROR) {
    return MakeError(ErrorCode::kInvalidArgument,
                     std::string("the workbook writer refused a cell: ") + lxw_strerror(failure));
  }
  if (closed != LXW_NO_ERROR) {
    return MakeError(ErrorCode::kUnavailable,
                     std::string("cannot write the workbook: ") + lxw_strerror(closed));
  }
  std::ifstream in(pattern, std::ios::binary);
  if (!in) return MakeError(ErrorCode::kUnavailable, "cannot read the written workbook back");
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

}  // namespace credo::report
