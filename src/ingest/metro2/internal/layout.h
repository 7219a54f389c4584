// credo ingest/metro2 internal: the field layout tables, one per record or segment.
//
// Each FieldSpec says where a field sits in the character (426) and packed (366) formats, how it
// is encoded and where it lives in its struct (record.h). Reader, writer, validator and the JSON
// lines form are all driven by these tables; docs/metro2/<segment>.md describes the same layout.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "ingest/metro2/record.h"

namespace credo::metro2::internal {

enum class FieldKind : uint8_t {
  kText,       //!< FixedText<N>; printable ASCII except the backquote
  kNumber,     //!< int64_t; digits (character) or binary / packed decimal (packed, when shorter)
  kDate,       //!< Metro2Date; MMDDYYYY or 5 packed bytes
  kTimestamp,  //!< Metro2Timestamp; MMDDYYYYHHMMSS or 8 packed bytes
};

enum class Need : uint8_t {
  kOptional,    //!< may be blank / zero
  kRequired,    //!< must be non-blank / non-zero
  kApplicable,  //!< required by the CRRG in some situations, checked by specific rules
  kReserved,    //!< should be blank (warning otherwise)
};

struct FieldSpec {
  std::string_view name;  //!< snake_case, as in METRO2.md and the structs
  uint16_t char_pos;      //!< 0-based, from the first byte of the segment (RDW for base/header)
  uint16_t char_len;
  uint16_t packed_pos;
  uint16_t packed_len;
  FieldKind kind;
  Need need;
  uint16_t member_offset;  //!< offsetof in the struct
  uint16_t capacity;       //!< sizeof the member (text capacity)
  bool identifier;         //!< mask the value in messages (SSN)

  uint16_t pos(bool packed) const { return packed ? packed_pos : char_pos; }
  uint16_t len(bool packed) const { return packed ? packed_len : char_len; }
};

struct Layout {
  SegmentKind kind;
  std::string_view name;       //!< "base segment", "j1 segment" ...
  uint16_t char_length;        //!< segment / record length in the character format
  uint16_t packed_length;      //!< in the packed format (same as character for appendages)
  std::span<const FieldSpec> fields;
  uint16_t length(bool packed) const { return packed ? packed_length : char_length; }
  //! Index of the field called `name`, or -1.
  int Find(std::string_view field_name) const;
};

const Layout& HeaderLayout();
const Layout& BaseLayout();
const Layout& TrailerLayout();
//! J1 .. N1.
const Layout& AppendedLayout(SegmentKind kind);
const Layout& LayoutFor(SegmentKind kind);

//! Member access by offset (the structs are standard layout).
template <typename T, typename S>
T& Member(S& segment, const FieldSpec& spec) {
  return *reinterpret_cast<T*>(reinterpret_cast<char*>(&segment) + spec.member_offset);
}
template <typename T, typename S>
const T& Member(const S& segment, const FieldSpec& spec) {
  return *reinterpret_cast<const T*>(reinterpret_cast<const char*>(&segment) + spec.member_offset);
}
//! The bytes of a text member (capacity bytes, the first of which are the field).
inline char* TextBytes(void* segment, const FieldSpec& spec) {
  return reinterpret_cast<char*>(segment) + spec.member_offset;
}
inline const char* TextBytes(const void* segment, const FieldSpec& spec) {
  return reinterpret_cast<const char*>(segment) + spec.member_offset;
}

}  // namespace credo::metro2::internal
