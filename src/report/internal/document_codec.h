// How an issued report's document is kept: its JSON compressed with zstd before it is sealed.
//
// A person report's JSON is 5-8 KB and every pull keeps one for the retention period, so the
// kept documents are most of what the bureau writes while it serves (and of its write-ahead
// log, whose checkpoints the serving threads share the disk with). Compressed, a document takes
// about a fifth of that. The compression happens before encryption (sealed bytes do not
// compress); the stored length of a sealed document says no more about its content than the
// length of its JSON did, and no caller-chosen text is compressed beside a secret.
//
// Documents kept before compression (plain JSON, first byte '{') are read as they are.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"

namespace credo::report::internal {

//! The JSON as one zstd frame (level 1, with a content checksum: a few microseconds per report).
std::string CompressDocument(std::string_view json);

//! The JSON back from what CompressDocument returned, or kept plain JSON unchanged. A frame
//! that does not decompress, or that claims more than 64 MiB, is kDataLoss naming `what`.
Result<std::string> ExpandDocument(std::string_view kept, std::string_view what);

}  // namespace credo::report::internal
