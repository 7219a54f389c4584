// credo ingest/metro2: a streaming reader for Metro 2 files.
//
// Reads the character (426) and packed (366) formats, fixed-length or variable-blocked (block
// descriptor words), with or without line breaks between records, record by record through a
// fixed buffer (memory does not grow with the file). Packed files are read in the CDIA guide's
// packed-decimal form or in moov-io's binary dialect (detected from the first data record unless
// set in ReaderOptions). Line breaks are only recognised between records, never removed from
// inside a record (CR/LF bytes can be data in a packed field).
//
// Next() decodes one record into the structs of record.h and reports framing and field-format
// problems (not digits, not a real date, control bytes, bad packed encoding ...) to an IssueSink;
// the semantic rules are in validator.h. It goes on after a bad field or record, and stops only
// when the file cannot be framed any further (a descriptor word that is not a length, or a
// truncated record), after reporting why. Not thread-safe; one Reader per file.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "core/result.h"
#include "ingest/metro2/record.h"
#include "ingest/metro2/rules.h"

namespace credo::metro2 {

enum class RecordKind : uint8_t { kHeader, kData, kTrailer };

struct ReaderOptions {
  PackedDialect packed_dialect = PackedDialect::kAuto;
  size_t buffer_bytes = size_t{1} << 20;  //!< read buffer (at least 128 KiB is used)
  //! False: Next() frames data records (raw(), framing(), framing issues, the packed dialect)
  //! without decoding them, so that other threads can (DecodeFramedData); decoded() is then
  //! false and data() is not updated. Header and trailer records are always decoded.
  bool decode_data = true;
};

class Reader {
 public:
  //! Opens a file (or "-" for standard input). Fails when it cannot be opened.
  static Result<std::unique_ptr<Reader>> OpenFile(const std::string& path,
                                                  ReaderOptions options = {});
  //! Reads from memory; `bytes` must outlive the reader.
  static std::unique_ptr<Reader> FromMemory(std::string_view bytes, ReaderOptions options = {});
  //! A reader that goes on where another left off: `bytes` are the file from absolute offset
  //! `offset` on, where a record starts after `records_before` physical records, in `format`
  //! (known, dialect resolved, not blocked). Offsets and record numbers in its issues are the
  //! file's.
  static std::unique_ptr<Reader> Resume(std::string_view bytes, uint64_t offset,
                                        uint64_t records_before, const FileFormat& format,
                                        ReaderOptions options = {});
  //! The same, reading the file at `path` from `offset` through the buffer.
  static Result<std::unique_ptr<Reader>> ResumeFile(const std::string& path, uint64_t offset,
                                                    uint64_t records_before,
                                                    const FileFormat& format,
                                                    ReaderOptions options = {});
  //! A reader that decodes data records framed by another reader of the same file (one per
  //! thread of a parallel validation). `format` is the framing reader's, dialect resolved.
  static std::unique_ptr<Reader> ForFramedRecords(const FileFormat& format);
  ~Reader();
  Reader(const Reader&) = delete;
  Reader& operator=(const Reader&) = delete;

  //! Reads the next record; false at the end of the input (or when it cannot be framed further).
  bool Next(IssueSink& sink);
  //! Decodes a data record framed elsewhere: `raw` and `framing` are the framing reader's raw()
  //! and framing() for it. Reports the issues Next() would have reported while decoding it, and
  //! leaves data(), framing() and decoded() as Next() would; kind() becomes kData.
  void DecodeFramedData(std::string_view raw, const RecordFraming& framing, IssueSink& sink);

  RecordKind kind() const { return kind_; }
  const HeaderRecord& header() const { return header_; }
  const DataRecord& data() const { return data_; }
  const TrailerRecord& trailer() const { return trailer_; }
  const RecordFraming& framing() const { return framing_; }
  //! The current record's bytes (from its BDW or RDW to its last byte, no line break); valid
  //! until the next call to Next().
  std::string_view raw() const { return raw_; }
  //! The file's physical format (known after the first record).
  const FileFormat& format() const { return format_; }
  //! Bytes consumed so far.
  uint64_t offset() const { return offset_; }
  //! True when the current record could be decoded (its fixed part was long enough).
  bool decoded() const { return decoded_; }
  //! An I/O error, if reading failed.
  const Status& io_status() const { return io_status_; }

 private:
  class Source;
  Reader(std::unique_ptr<Source> source, ReaderOptions options);
  bool DetectFormat(IssueSink& sink);
  void ResumeAt(uint64_t offset, uint64_t records_before, const FileFormat& format);
  bool ReadDescriptor(const unsigned char* p, uint32_t* length) const;
  void DecodeHeader(const char* record, uint32_t length, IssueSink& sink);
  void DecodeData(const char* record, uint32_t length, IssueSink& sink);
  void DecodeTrailer(const char* record, uint32_t length, IssueSink& sink);
  void ResolveDialect(const unsigned char* field, bool is_count, IssueSink& sink);
  template <typename S>
  void DecodeSegment(SegmentKind kind, const char* bytes, uint64_t offset, bool check_text, S* out,
                     IssueSink& sink);
  void ReportRecord(IssueSink& sink, Rule rule, std::string detail, SegmentKind segment,
                    uint64_t offset);

  std::unique_ptr<Source> source_;
  ReaderOptions options_;
  FileFormat format_;
  bool format_known_ = false;
  bool dialect_known_ = false;
  bool done_ = false;
  bool seen_trailer_ = false;
  bool decoded_ = false;
  uint64_t offset_ = 0;
  uint64_t record_number_ = 0;
  int64_t block_remaining_ = 0;
  RecordKind kind_ = RecordKind::kHeader;
  HeaderRecord header_;
  DataRecord data_;
  TrailerRecord trailer_;
  RecordFraming framing_;
  std::string_view raw_;
  Status io_status_;
};

}  // namespace credo::metro2
