// credo ingest/metro2 internal: ValidateFile on several threads, for the files that
// validate_in_parts.h does not take (packed, blocked, records without line breaks, input that
// is not a regular file).
//
// The calling thread frames the records (a Reader with decode_data off), decodes and checks
// header and trailer, and hands the data records in chunks of about a megabyte to
// options.threads workers, each decoding and checking them with its own Reader and Validator.
// Chunks are finished in any order and their issues reach the sink in file order, so the sink
// sees what ValidateAll would have shown it. Memory is bounded by the chunks in flight (two per
// worker), not the file.
#pragma once

#include "ingest/metro2/reader.h"
#include "ingest/metro2/rules.h"
#include "ingest/metro2/validator.h"

namespace credo::metro2::internal {

//! `reader` must have been opened with ReaderOptions::decode_data false.
ValidationSummary ValidateOnThreads(Reader& reader, IssueSink& sink, ValidatorOptions options);

}  // namespace credo::metro2::internal
