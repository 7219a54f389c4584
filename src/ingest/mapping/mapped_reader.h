// credo ingest/mapping: a CSV or JSON-lines file read through a mapping into canonical records.
//
// Open checks, before any row is read, that the file is not empty and that every column the
// mapping names (including the [truth] column) is in the CSV header; the error lists the columns
// the file has. Next fills a reused MappedRecord: values by canonical field, the source line,
// and per-field issues (a transform that failed, a required field that is empty) — such a field
// is left empty and the issue says file, line, column, rule and value. Text that is not valid
// UTF-8 stops the read with an error naming file, line, column and byte offset. Not thread-safe.
#pragma once

#include <array>
#include <bitset>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "ingest/mapping/byte_source.h"
#include "ingest/mapping/canonical_fields.h"
#include "ingest/mapping/csv_reader.h"
#include "ingest/mapping/jsonl_reader.h"
#include "ingest/mapping/mapping.h"

namespace credo::ingest {

struct FieldIssue {
  CanonicalField field = CanonicalField::kRecordId;
  Error error;  //!< location "file:line column NAME"; message names the rule
};

struct MappedRecord {
  std::array<std::string, kCanonicalFieldCount> values;
  std::bitset<kCanonicalFieldCount> present;  //!< mapped and non-empty
  std::string truth;                          //!< the [truth] column's raw value, if any
  int64_t line = 0;
  std::vector<FieldIssue> issues;

  const std::string& Get(CanonicalField field) const {
    return values[static_cast<size_t>(field)];
  }
  bool Has(CanonicalField field) const { return present[static_cast<size_t>(field)]; }
};

class MappedReader {
 public:
  static Result<std::unique_ptr<MappedReader>> Open(const Mapping& mapping,
                                                    const std::string& path);
  static Result<std::unique_ptr<MappedReader>> Open(const Mapping& mapping,
                                                    std::unique_ptr<ByteSource> source);

  //! The next record; false at the end of input.
  Result<bool> Next(MappedRecord* record);
  //! CSV header as read (trimmed); empty for JSON lines.
  const std::vector<std::string>& header() const { return header_; }
  const std::string& source_name() const { return source_name_; }
  const Mapping& mapping() const { return mapping_; }

 private:
  explicit MappedReader(const Mapping& mapping) : mapping_(mapping) {}
  Status BindHeader();

  const Mapping& mapping_;
  std::string source_name_;
  std::unique_ptr<CsvReader> csv_;
  std::unique_ptr<JsonLinesReader> json_;
  std::vector<std::string> header_;
  std::vector<std::vector<size_t>> column_indexes_;  //!< per field rule
  std::optional<size_t> truth_index_;
  std::optional<JsonPath> truth_path_;
  std::vector<std::string> row_;
  std::vector<std::string_view> values_;
};

}  // namespace credo::ingest
