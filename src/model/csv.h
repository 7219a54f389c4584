// credo model: a small RFC 4180 CSV reader for modelling files (internal to the module).
//
// Quoted fields may hold commas, doubled quotes and line breaks; CRLF and a UTF-8 byte-order mark
// are accepted. Each record keeps the physical line it started on, so errors can name it. Ragged
// rows are refused with the line and both field counts.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace credo::model {

//! A table of text cells as read, before any typing.
struct RawTable {
  std::string source;                          //!< file name, for error locations
  std::vector<std::string> header;             //!< column names, trimmed
  std::vector<std::vector<std::string>> rows;  //!< cells, trimmed, one vector per record
  std::vector<size_t> lines;                   //!< 1-based line where each record starts
};

//! Parses CSV text whose first record is the header.
Result<RawTable> ParseCsvText(std::string_view text, std::string source);
//! Reads and parses a CSV file.
Result<RawTable> ReadCsvFile(const std::string& path);
//! Reads a whole file into a string (kNotFound when it cannot be opened).
Result<std::string> ReadWholeFile(const std::string& path);

}  // namespace credo::model
