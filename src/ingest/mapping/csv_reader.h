// credo ingest/mapping: a streaming CSV reader (RFC 4180).
//
// Quoted fields may hold the delimiter, doubled quotes ("") and line breaks; records end at LF
// or CRLF; blank lines are skipped. skip_initial_space drops spaces after a delimiter (the FEBRL
// files write ", "). Errors (kInvalidArgument) name the source and the line: a quoted field that
// never closes ("unbalanced quote in the field starting at line N"), or text after a closing
// quote. Memory is one block of input plus the current record. Not thread-safe.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "ingest/mapping/byte_source.h"

namespace credo::ingest {

struct CsvOptions {
  char delimiter = ',';
  bool skip_initial_space = false;
};

class CsvReader {
 public:
  CsvReader(std::unique_ptr<ByteSource> source, CsvOptions options);

  //! Reads the next record into `fields` (resized); false at the end of input.
  Result<bool> Next(std::vector<std::string>* fields);
  //! The 1-based physical line on which the last record returned started.
  int64_t record_line() const { return record_line_; }
  //! Records returned so far.
  int64_t records_read() const { return records_read_; }
  const std::string& source_name() const { return source_->name(); }

 private:
  // Returns the next byte, or -1 at the end of input (or after a read error, kept in error_).
  int Peek();
  void Advance() { ++position_; }
  bool Refill();

  std::unique_ptr<ByteSource> source_;
  CsvOptions options_;
  std::vector<char> buffer_;
  size_t position_ = 0;
  size_t limit_ = 0;
  bool eof_ = false;
  std::optional<Error> error_;
  int64_t line_ = 1;
  int64_t record_line_ = 0;
  int64_t records_read_ = 0;
};

}  // namespace credo::ingest
