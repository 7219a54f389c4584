// credo report: any table (a sheet name, typed columns, rows) as an Excel workbook or as CSV.
//
// What it offers
//   ParseExportTable reads the console's table body ({sheet, columns: [{key, label, type}],
//   rows: [{key: value}]}) and checks every cell against its column's type, within limits.
//   TableToXlsx writes an .xlsx (libxlsxwriter) with typed cells: numbers as numbers, dates as
//   dates (yyyy-mm-dd), money as numbers with 2 decimals, percentages as 0.00%, booleans as
//   booleans, text as shared strings (never formulas); a bold, frozen header row of the labels.
//   TableToCsv writes RFC 4180 CSV (CRLF line ends; fields holding a comma, a quote, CR or LF are
//   quoted with quotes doubled) with the labels as header. Text cells (and labels) starting with
//   = + - @, a tab or a carriage return are prefixed with a single quote, so a spreadsheet never
//   reads them as formulas (CSV/formula injection); typed numbers are written as numbers.
//
// Column types (the "type" of a column; default "text")
//   text     any JSON scalar, written as text
//   number   a JSON number
//   integer  a JSON integer
//   money    an integer amount in minor units (cents, 分): written as major units, 2 decimals
//   date     "YYYY-MM-DD"
//   percent  a JSON number, a ratio (0.125 is 12.5%)
//   boolean  true or false
//   null or a missing key is an empty cell in every type.
//
// Contract
//   * Errors are Result values with kInvalidArgument naming the field ("rows[3].balance",
//     "columns[1].type", "sheet"), the rule and the accepted values; limits broken are
//     kResourceExhausted naming the limit. Nothing is written on error.
//   * TableToXlsx spools the workbook through a temporary file (libxlsxwriter writes files) and
//     removes it; kUnavailable when it cannot.
//   * Pure otherwise; thread-safe (no shared state).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.h"

namespace credo::report {

enum class ColumnType { kText, kNumber, kInteger, kMoney, kDate, kPercent, kBoolean };
std::string_view ColumnTypeName(ColumnType type);
//! "text", "number" ...; kInvalidArgument listing the names otherwise.
Result<ColumnType> ParseColumnType(std::string_view name);

struct TableColumn {
  std::string key;    //!< the key of the cell in each row
  std::string label;  //!< the header shown
  ColumnType type = ColumnType::kText;
};

struct ExportTable {
  std::string sheet;  //!< Excel sheet name (1-31 characters, none of []:*?/\)
  std::vector<TableColumn> columns;
  std::vector<nlohmann::json> rows;  //!< each an object; checked against the columns
};

struct TableExportLimits {
  size_t max_columns = 256;
  size_t max_rows = 100000;
  size_t max_cell_chars = 32767;  //!< Excel's limit for one cell
};

//! Reads and checks a table body (see the header comment). Unknown keys in the body, in a
//! column or in a row are refused, so a typo does not silently drop a column.
Result<ExportTable> ParseExportTable(const nlohmann::json& body,
                                     const TableExportLimits& limits = {});

//! The workbook's bytes (one sheet).
Result<std::string> TableToXlsx(const ExportTable& table);

struct CsvOptions {
  bool byte_order_mark = true;  //!< UTF-8 BOM first, so spreadsheets read Chinese labels right
};
std::string TableToCsv(const ExportTable& table, const CsvOptions& options = {});

//! A text field as RFC 4180 writes it, with the formula guard (exposed for tests).
std::string CsvField(std::string_view text, bool guard_formula = true);

}  // namespace credo::report
