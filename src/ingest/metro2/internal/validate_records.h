// credo ingest/metro2 internal: the record loop of a validation on one thread.
//
// ValidateRecords reads everything `reader` yields, checks each header, data record and trailer
// with `validator` (whose sink is `counting`) and adds the records to `summary`: records, data
// records, and data records with at least one fatal issue. ValidateAll is this loop from the
// start of a file; ValidateInParts runs it over what is left after the parts.
#pragma once

#include "ingest/metro2/internal/counting_sink.h"
#include "ingest/metro2/reader.h"
#include "ingest/metro2/validator.h"

namespace credo::metro2::internal {

void ValidateRecords(Reader& reader, Validator& validator, CountingSink& counting,
                     ValidationSummary& summary);

}  // namespace credo::metro2::internal
