// credo store internal: a direct writer of the stored identity JSON (the write side of
// identity_reader.h: every subject ingestion creates or updates is encoded before sealing).
//
// It writes exactly the bytes nlohmann's dump writes for the document EncodeIdentity builds
// (keys in std::map order, no spaces, the same escapes: \" \\ \b \f \n \r \t and \u00xx for the
// other control characters, other bytes as they are), without building the document (its map
// per object and string per key were most of the encoding's cost). Text that is not valid UTF-8
// makes it answer false, and EncodeIdentity takes nlohmann's path, which refuses it as before.
// Its output is checked against that path's.
#pragma once

#include <string>

#include "core/subject.h"

namespace credo::store_internal {

//! Appends the identity of `subject` (person or organization, by subject.kind) to `out`; false
//! (with `out` partly written) when a text is not valid UTF-8.
bool WriteIdentityDirect(const Subject& subject, std::string& out);

}  // namespace credo::store_internal
