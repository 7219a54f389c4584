// credo ingest/metro2 internal: decoding and encoding one field in each physical format.
//
// Character format: text as is, numbers as zero-filled digits, dates MMDDYYYY. Packed format
// (fields whose packed length is shorter than their character length): packed decimal per the
// CDIA guide (2n-1 digits and a sign nibble C or F) or the moov binary dialect (big-endian
// integers; dates and time stamps 00 + binary + 0x73).
#pragma once

#include <cstddef>
#include <cstdint>

#include "ingest/metro2/internal/layout.h"
#include "ingest/metro2/record.h"

namespace credo::metro2::internal {

enum class DecodeStatus : uint8_t { kOk, kNotAlphanumeric, kNotNumeric, kInvalidDate, kBadPacked };

//! True when every byte is printable ASCII other than the backquote.
bool IsAlphanumericText(const char* p, size_t n);
//! Digits only; sets *value.
bool ParseDigits(const char* p, size_t n, int64_t* value);
//! A real calendar date (or 0).
bool IsRealMdy(uint32_t mmddyyyy);
bool IsRealTimestamp(uint64_t mmddyyyyhhmmss);

//! True when the field is stored in binary/packed form in this format.
inline bool IsPackedField(const FieldSpec& spec, bool packed) {
  return packed && spec.kind != FieldKind::kText && spec.packed_len < spec.char_len;
}

//! Decodes every field of a segment laid out as `layout` (at most 64 fields) from `bytes` (the
//! segment's first byte) into `segment`: text as is (checked byte by byte when `check_text`, the
//! caller having found the record not clean), digits, dates and time stamps (real ones only)
//! and packed values. In the character format each field is decoded by code specialised for
//! it from the compile-time table (layout_tables.h); in the packed format the fields are taken
//! kind by kind from a plan made once per layout. Either way a record's fifty-odd fields do not
//! each branch on their kind. A number, date or time
//! stamp whose bytes cannot be read is stored as 0 and marked, so that a reused record never
//! carries the previous record's value in it (text is still copied, a date that is not a real
//! date is stored and marked). Returns the malformed fields as bits (bit i:
//! layout.fields[i]); statuses[i] is written for those only.
uint64_t DecodeSegmentFields(const Layout& layout, const char* bytes, const FileFormat& format,
                             bool check_text, void* segment, DecodeStatus* statuses);

//! Writes the field of `segment` to `dst` (len(format) bytes). False when the value does not fit.
bool EncodeField(const FieldSpec& spec, const void* segment, const FileFormat& format, char* dst);

//! Packed-decimal / moov dialect detection from a packed date field (5 bytes): the dialect it
//! looks like, or kAuto when it could be either / neither.
PackedDialect SniffPackedDate(const unsigned char* p);
//! Same from a 5-byte packed count (trailer).
PackedDialect SniffPackedCount(const unsigned char* p);

}  // namespace credo::metro2::internal
