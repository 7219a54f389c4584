// credo ingest/metro2: the semantic rules of a Metro 2 file, and whole-file validation.
//
// Validator checks decoded records (reader.h) against the rules of rules.h: required fields,
// code sets (portfolio and account type, account status, payment rating, payment history codes,
// special comment, compliance condition, ECOA, indicators of the appended segments), US SSN
// validity (core/identifier.h), cross-field rules (date opened <= date of account information,
// past due <= balance on current accounts, date closed iff a closed status, payment history
// consistent with the status, date of first delinquency for delinquent statuses ...) and the
// trailer's totals against the records actually read. Every issue is reported, none stops the
// check. ValidateFile runs reader and validator over a whole file with memory that does not grow
// with the file (issues are streamed to the sink); with ValidatorOptions::threads above 1 it
// decodes and checks records on that many other threads (a character file with a line break
// after each record is cut into parts that each thread also reads and frames; any other file is
// framed on the calling thread), and the sink still receives exactly the issues, in the order,
// of a validation on one thread.
#pragma once

#include <cstdint>
#include <string>

#include "core/result.h"
#include "ingest/metro2/reader.h"
#include "ingest/metro2/record.h"
#include "ingest/metro2/rules.h"
#include "ingest/metro2/totals.h"

namespace credo::metro2 {

struct ValidatorOptions {
  //! Warn about dates after the header's activity date.
  bool check_future_dates = true;
  //! Threads that decode and check data records in ValidateFile (1: all on the calling thread).
  unsigned threads = 1;
};

class Validator {
 public:
  explicit Validator(IssueSink& sink, ValidatorOptions options = {});

  void CheckHeader(const HeaderRecord& header, const RecordFraming& framing,
                   const FileFormat& format);
  void CheckData(const DataRecord& record, const RecordFraming& framing, const FileFormat& format);
  //! Checks the trailer's own fields and its totals against the data records checked so far.
  void CheckTrailer(const TrailerRecord& trailer, const RecordFraming& framing,
                    const FileFormat& format);
  const TotalsCounter& totals() const { return totals_; }
  //! Counts data records that other validators checked toward this one's trailer totals.
  void AddTotals(const TotalsCounter& other) { totals_.Merge(other); }

 private:
  struct Context;
  IssueSink& sink_;
  ValidatorOptions options_;
  TotalsCounter totals_;
  uint32_t activity_date_key_ = 0;  //!< YYYYMMDD of the header's activity date, 0 if unknown
};

struct ValidationSummary {
  FileFormat format;
  uint64_t records = 0;           //!< physical records read (header, data, trailer)
  uint64_t data_records = 0;
  uint64_t rejected_records = 0;  //!< data records with at least one fatal issue
  uint64_t fatal = 0;             //!< fatal issues (a file with any is rejected)
  uint64_t warnings = 0;
  uint64_t bytes = 0;
  bool ok() const { return fatal == 0; }
};

//! Reads and validates everything `reader` yields, streaming every issue to `sink`, on the
//! calling thread (options.threads is not used).
ValidationSummary ValidateAll(Reader& reader, IssueSink& sink, ValidatorOptions options = {});
//! Opens `path` ("-" for standard input) and validates it; fails only when it cannot be read.
Result<ValidationSummary> ValidateFile(const std::string& path, IssueSink& sink,
                                       ReaderOptions reader_options = {},
                                       ValidatorOptions options = {});

}  // namespace credo::metro2
