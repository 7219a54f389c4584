// credo store internal: a direct reader of the stored identity JSON (the hot path of entity
// resolution: every candidate subject an incoming record is compared with is decrypted and read).
//
// It reads the exact shape EncodeIdentity writes straight into the Subject, without building a
// JSON document first (a third of the cost of reading a candidate was nlohmann's DOM: a std::map
// per object, a string per key). It accepts only what it is sure of: on anything else (a number
// with a fraction, a \u escape beyond ASCII, a missing field, an element of the wrong type) it
// answers false and DecodeIdentity reads the bytes through nlohmann's parser as before, which
// either reads them or gives the precise error. Its answers are checked against that parser's.
// Bytes of 0x80 and above are copied as they are: EncodeIdentity's dump refuses invalid UTF-8 and
// the sealed column is authenticated, so what is read is what was written.
#pragma once

#include <string_view>

#include "core/subject.h"

namespace credo::store_internal {

//! Fills subject.person or subject.organization (by subject.kind) from identity bytes; false when
//! the bytes need the general parser (subject may then be partly filled: the caller re-reads it).
bool ReadIdentityDirect(std::string_view bytes, Subject& subject);

}  // namespace credo::store_internal
