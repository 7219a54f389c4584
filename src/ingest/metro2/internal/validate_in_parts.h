// credo ingest/metro2 internal: ValidateFile on several threads for a character-format file
// with a line break after each record (what furnishers and the generator send), where each
// worker also reads and frames its own part of the file.
//
// The data records are cut into parts of about a megabyte at their nominal offsets. A worker
// reads its part (pread) and guesses where its first record starts: after the first line break
// followed by a record descriptor word. It frames, decodes and checks the records that start in
// its part, numbering them from one. The calling thread takes the parts in file order and
// accepts a part only when its guessed start is where the part before it ended; the part's
// issues then go to the sink with their record numbers shifted. At the first part it cannot
// accept, at the trailer, at a header, at a record that cannot be framed and at the end of the
// file, the rest is read on the calling thread, so the sink receives exactly the issues, in
// order, of a validation on one thread. Memory is bounded by the parts in flight (two per
// worker), not by the file.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/result.h"
#include "ingest/metro2/rules.h"
#include "ingest/metro2/validator.h"

namespace credo::metro2::internal {

//! The nominal size of a part (tests place bytes around the boundaries).
inline constexpr uint64_t kValidatePartBytes = uint64_t{1} << 20;

//! std::nullopt when the file is not of that kind (packed, blocked, no line breaks, not a
//! regular file, no header first): nothing was reported, and the caller validates it another way.
std::optional<Result<ValidationSummary>> ValidateInParts(const std::string& path,
                                                         IssueSink& sink,
                                                         ValidatorOptions options);

}  // namespace credo::metro2::internal
