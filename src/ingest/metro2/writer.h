// credo ingest/metro2: writing Metro 2 files from the plain structs of record.h.
//
// Writer produces a whole file: a header, data records, and a trailer whose control totals are
// computed from the data records actually written (totals.h), in the character (426) or packed
// (366) format (packed in either dialect), with or without block descriptor words and line
// breaks. Encode* turn one record back into bytes with explicit framing; with the framing the
// Reader reported they reproduce the bytes read exactly (this is what `credo metro2 convert
// --to metro2` uses). Text longer than its field is cut; numbers too large for their field and
// dates that are not real are written as read only if they fit, else an error is returned.
// Not thread-safe; one Writer per output stream.
#pragma once

#include <cstdint>
#include <ostream>
#include <string>

#include "core/result.h"
#include "ingest/metro2/record.h"
#include "ingest/metro2/totals.h"

namespace credo::metro2 {

//! Appends the bytes of one record (descriptor words, segments, tail, line terminator) to `out`.
//! A zero record_descriptor_word in `framing` is computed from the segments and tail; a
//! block_descriptor_word is written when present. Fails when a value does not fit its field.
Status EncodeHeader(const HeaderRecord& header, const FileFormat& format,
                    const RecordFraming& framing, std::string* out);
Status EncodeData(const DataRecord& record, const FileFormat& format, const RecordFraming& framing,
                  std::string* out);
Status EncodeTrailer(const TrailerRecord& trailer, const FileFormat& format,
                     const RecordFraming& framing, std::string* out);

struct WriterOptions {
  LineTerminator line_terminator = LineTerminator::kLf;  //!< after each record
  //! Pad every data record with blanks to this RDW (fixed-length files, e.g. 1000); 0 = no pad.
  uint32_t fixed_record_length = 0;
};

class Writer {
 public:
  explicit Writer(std::ostream& out, FileFormat format = {}, WriterOptions options = {});

  Status WriteHeader(const HeaderRecord& header);
  //! Writes one data record; requires WriteHeader first.
  Status WriteData(const DataRecord& record);
  //! Fills every total of the trailer from the data records written, writes it and returns it.
  //! `extra` supplies the reserved fields; its counts are ignored.
  Result<TrailerRecord> Finish(const TrailerRecord& extra = {});

  int64_t data_records_written() const { return totals_.data_records(); }

 private:
  Status Put(const std::string& bytes);
  RecordFraming NextFraming() const;

  std::ostream& out_;
  FileFormat format_;
  WriterOptions options_;
  TotalsCounter totals_;
  std::string buffer_;
  uint64_t offset_ = 0;
  uint64_t records_ = 0;
  bool header_written_ = false;
  bool finished_ = false;
};

}  // namespace credo::metro2
