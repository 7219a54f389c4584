#include "ingest/metro2/internal/codec.h"

#include <array>
#include <bit>
#include <cstring>
#include <utility>
#include <vector>

#include "ingest/metro2/internal/layout_tables.h"

namespace credo::metro2::internal {
namespace {

constexpr int64_t kPow10[] = {1,
                              10,
                              100,
                              1000,
                              10000,
                              100000,
                              1000000,
                              10000000,
                              100000000,
                              1000000000,
                              10000000000,
                              100000000000,
                              1000000000000,
                              10000000000000,
                              100000000000000,
                              1000000000000000,
                              10000000000000000,
                              100000000000000000,
                              1000000000000000000};

bool IsLeap(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

// Packed decimal: 2n-1 digits then a sign nibble (C or F positive; D negative is refused).
bool DecodePackedDecimal(const unsigned char* p, size_t n, int64_t* value) {
  int64_t v = 0;
  for (size_t i = 0; i < n; ++i) {
    unsigned hi = p[i] >> 4;
    unsigned lo = p[i] & 0x0F;
    if (hi > 9) return false;
    v = v * 10 + hi;
    if (i + 1 < n) {
      if (lo > 9) return false;
      v = v * 10 + lo;
    } else if (lo != 0x0C && lo != 0x0F) {
      return false;
    }
  }
  *value = v;
  return true;
}

bool EncodePackedDecimal(uint64_t value, size_t n, unsigned sign, unsigned char* dst) {
  size_t digits = 2 * n - 1;
  if (digits < 19 && value >= static_cast<uint64_t>(kPow10[digits])) return false;
  dst[n - 1] = static_cast<unsigned char>(((value % 10) << 4) | sign);
  value /= 10;
  for (size_t i = n - 1; i-- > 0;) {
    unsigned lo = value % 10;
    value /= 10;
    unsigned hi = value % 10;
    value /= 10;
    dst[i] = static_cast<unsigned char>((hi << 4) | lo);
  }
  return true;
}

uint64_t DecodeBigEndian(const unsigned char* p, size_t n) {
  uint64_t v = 0;
  for (size_t i = 0; i < n; ++i) v = (v << 8) | p[i];
  return v;
}

bool EncodeBigEndian(uint64_t value, size_t n, unsigned char* dst) {
  if (n < 8 && value >= (uint64_t{1} << (8 * n))) return false;
  for (size_t i = n; i-- > 0;) {
    dst[i] = static_cast<unsigned char>(value & 0xFF);
    value >>= 8;
  }
  return true;
}

bool EncodeDigits(uint64_t value, size_t n, char* dst) {
  if (n < 19 && value >= static_cast<uint64_t>(kPow10[n])) return false;
  for (size_t i = n; i-- > 0;) {
    dst[i] = static_cast<char>('0' + value % 10);
    value /= 10;
  }
  return true;
}

// Decodes a packed (non-text) field to its integer; dates and time stamps are wrapped in the
// moov dialect. Returns false on a malformed encoding.
bool DecodePackedValue(const FieldSpec& spec, const unsigned char* p, const FileFormat& format,
                       uint64_t* value) {
  size_t n = spec.packed_len;
  if (format.dialect == PackedDialect::kPackedDecimal) {
    int64_t v = 0;
    if (!DecodePackedDecimal(p, n, &v)) return false;
    *value = static_cast<uint64_t>(v);
    return true;
  }
  if (spec.kind == FieldKind::kDate || spec.kind == FieldKind::kTimestamp) {
    bool all_zero = true;
    for (size_t i = 0; i < n; ++i) all_zero &= p[i] == 0;
    if (all_zero) {
      *value = 0;
      return true;
    }
    if (p[0] != 0 || p[n - 1] != 0x73) return false;
    *value = DecodeBigEndian(p + 1, n - 2);
    return true;
  }
  *value = DecodeBigEndian(p, n);
  return true;
}

bool EncodePackedValue(const FieldSpec& spec, uint64_t value, const FileFormat& format,
                       unsigned char* dst) {
  size_t n = spec.packed_len;
  if (format.dialect == PackedDialect::kPackedDecimal) {
    return EncodePackedDecimal(value, n, format.packed_sign_nibble, dst);
  }
  if (spec.kind == FieldKind::kDate || spec.kind == FieldKind::kTimestamp) {
    dst[0] = 0;
    dst[n - 1] = 0x73;
    return EncodeBigEndian(value, n - 2, dst + 1);
  }
  return EncodeBigEndian(value, n, dst);
}

// Eight ASCII digits at once (SWAR): Metro 2's numeric fields are mostly 8 (dates) or 9 and 11
// (amounts) digits, and the byte-by-byte loop was a serial multiply chain.
inline bool ParseEightDigits(const char* p, uint64_t* value) {
  uint64_t chunk;
  std::memcpy(&chunk, p, 8);
  constexpr uint64_t kHigh = 0xF0F0F0F0F0F0F0F0ULL;
  constexpr uint64_t kZeros = 0x3030303030303030ULL;
  // Every byte is 0x30..0x39: its high nibble is 3 and adding 6 does not carry into it.
  if ((chunk & kHigh) != kZeros || ((chunk + 0x0606060606060606ULL) & kHigh) != kZeros) {
    return false;
  }
  chunk -= kZeros;  // little-endian: the first (most significant) digit is the lowest byte
  chunk = (chunk * 10 + (chunk >> 8)) & 0x00FF00FF00FF00FFULL;
  chunk = (chunk * 100 + (chunk >> 16)) & 0x0000FFFF0000FFFFULL;
  chunk = (chunk * 10000 + (chunk >> 32)) & 0xFFFFFFFFULL;
  *value = chunk;
  return true;
}

inline bool ParseDigitsInline(const char* p, size_t n, int64_t* value) {
  uint64_t v = 0;  // unsigned: a non-digit must not overflow a signed value before it is refused
  size_t i = 0;
  if constexpr (std::endian::native == std::endian::little) {
    for (; i + 8 <= n; i += 8) {
      uint64_t eight = 0;
      if (!ParseEightDigits(p + i, &eight)) return false;
      v = v * 100000000ULL + eight;
    }
  }
  unsigned bad = 0;
  for (; i < n; ++i) {
    unsigned d = static_cast<unsigned char>(p[i]) - static_cast<unsigned>('0');
    bad |= static_cast<unsigned>(d > 9);
    v = v * 10 + d;
  }
  if (bad) return false;
  *value = static_cast<int64_t>(v);
  return true;
}

// Copies a field's n bytes (1 to a few hundred) with fixed-size moves, overlapping at the end,
// instead of a call to memcpy for each of a record's fifty-odd fields. Writes only [0, n).
inline void CopyFieldBytes(char* dst, const char* src, size_t n) {
  if (n >= 16) {
    size_t i = 0;
    for (; i + 16 <= n; i += 16) std::memcpy(dst + i, src + i, 16);
    if (i < n) std::memcpy(dst + n - 16, src + n - 16, 16);
  } else if (n >= 8) {
    std::memcpy(dst, src, 8);
    std::memcpy(dst + n - 8, src + n - 8, 8);
  } else if (n >= 4) {
    std::memcpy(dst, src, 4);
    std::memcpy(dst + n - 4, src + n - 4, 4);
  } else {
    for (size_t i = 0; i < n; ++i) dst[i] = src[i];
  }
}

}  // namespace

// Built twice, for AVX2 (32 bytes per instruction) and for the baseline (SSE2, 16), the one for
// the running processor chosen when the program loads: every record of a file goes through here.
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
__attribute__((target_clones("avx2", "default")))
#endif
bool IsAlphanumericText(const char* p, size_t n) {
  // Byte lanes throughout (no widening), so that the compiler checks 16 bytes per instruction.
  uint8_t bad = 0;
  for (size_t i = 0; i < n; ++i) {
    uint8_t c = static_cast<uint8_t>(p[i]);
    bad |= static_cast<uint8_t>(static_cast<uint8_t>(c - 0x20) > 0x5E) |
           static_cast<uint8_t>(c == 0x60);
  }
  return bad == 0;
}

bool ParseDigits(const char* p, size_t n, int64_t* value) { return ParseDigitsInline(p, n, value); }

bool IsRealMdy(uint32_t mmddyyyy) {
  if (mmddyyyy == 0) return true;
  int month = static_cast<int>(mmddyyyy / 1000000);
  int day = static_cast<int>(mmddyyyy / 10000 % 100);
  int year = static_cast<int>(mmddyyyy % 10000);
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  int days = kDays[month - 1] + (month == 2 && IsLeap(year) ? 1 : 0);
  return day <= days;
}

bool IsRealTimestamp(uint64_t v) {
  if (v == 0) return true;
  uint64_t time = v % 1000000;
  if (!IsRealMdy(static_cast<uint32_t>(v / 1000000)) || v / 1000000 == 0) return false;
  return time / 10000 < 24 && time / 100 % 100 < 60 && time % 100 < 60;
}

bool EncodeField(const FieldSpec& spec, const void* segment, const FileFormat& format, char* dst) {
  bool packed = format.format == PhysicalFormat::kPacked;
  size_t n = spec.len(packed);
  const char* base = reinterpret_cast<const char*>(segment) + spec.member_offset;
  uint64_t value = 0;
  switch (spec.kind) {
    case FieldKind::kText:
      std::memcpy(dst, base, n);
      return true;
    case FieldKind::kNumber: {
      int64_t v = *reinterpret_cast<const int64_t*>(base);
      if (v < 0) return false;
      value = static_cast<uint64_t>(v);
      break;
    }
    case FieldKind::kDate:
      value = reinterpret_cast<const Metro2Date*>(base)->mmddyyyy;
      break;
    case FieldKind::kTimestamp:
      value = reinterpret_cast<const Metro2Timestamp*>(base)->mmddyyyyhhmmss;
      break;
  }
  if (IsPackedField(spec, packed)) {
    return EncodePackedValue(spec, value, format, reinterpret_cast<unsigned char*>(dst));
  }
  return EncodeDigits(value, n, dst);
}

namespace {

// A segment's fields grouped by how they are decoded in the packed format (the character
// format is decoded field by field from the compile-time tables, below).
struct DecodePlan {
  struct Field {
    uint16_t pos;
    uint16_t len;
    uint16_t member_offset;
    uint16_t capacity;
    uint8_t index;  // in the layout
  };
  std::vector<Field> text;
  std::vector<Field> numbers;     // digits
  std::vector<Field> dates;       // MMDDYYYY digits
  std::vector<Field> timestamps;  // MMDDYYYYHHMMSS digits
  std::vector<Field> packed;      // binary or packed decimal
};

DecodePlan MakePackedPlan(const Layout& layout) {
  DecodePlan plan;
  for (size_t i = 0; i < layout.fields.size(); ++i) {
    const FieldSpec& spec = layout.fields[i];
    DecodePlan::Field field{spec.packed_pos, spec.packed_len, spec.member_offset, spec.capacity,
                            static_cast<uint8_t>(i)};
    if (IsPackedField(spec, true)) {
      plan.packed.push_back(field);
      continue;
    }
    switch (spec.kind) {
      case FieldKind::kText: plan.text.push_back(field); break;
      case FieldKind::kNumber: plan.numbers.push_back(field); break;
      case FieldKind::kDate: plan.dates.push_back(field); break;
      case FieldKind::kTimestamp: plan.timestamps.push_back(field); break;
    }
  }
  return plan;
}

constexpr size_t kSegmentKinds = static_cast<size_t>(SegmentKind::kTrailer) + 1;

const DecodePlan& PackedPlanFor(const Layout& layout) {
  static const std::array<DecodePlan, kSegmentKinds> plans = [] {
    std::array<DecodePlan, kSegmentKinds> all;
    for (size_t kind = 0; kind < kSegmentKinds; ++kind) {
      all[kind] = MakePackedPlan(LayoutFor(static_cast<SegmentKind>(kind)));
    }
    return all;
  }();
  return plans[static_cast<size_t>(layout.kind)];
}

// Stores a field's decoded value in its member (`dst`); dates and time stamps must be real.
template <FieldKind kKind>
DecodeStatus StoreValue(uint64_t value, char* dst) {
  if constexpr (kKind == FieldKind::kNumber) {
    int64_t number = static_cast<int64_t>(value);
    std::memcpy(dst, &number, sizeof number);
    return DecodeStatus::kOk;
  } else if constexpr (kKind == FieldKind::kDate) {
    if (value > 99999999) return DecodeStatus::kInvalidDate;
    uint32_t mmddyyyy = static_cast<uint32_t>(value);
    std::memcpy(dst, &mmddyyyy, sizeof mmddyyyy);
    return IsRealMdy(mmddyyyy) ? DecodeStatus::kOk : DecodeStatus::kInvalidDate;
  } else {
    static_assert(kKind == FieldKind::kTimestamp);
    std::memcpy(dst, &value, sizeof value);
    return IsRealTimestamp(value) ? DecodeStatus::kOk : DecodeStatus::kInvalidDate;
  }
}

DecodeStatus StoreValue(FieldKind kind, uint64_t value, char* dst) {
  switch (kind) {
    case FieldKind::kNumber: return StoreValue<FieldKind::kNumber>(value, dst);
    case FieldKind::kDate: return StoreValue<FieldKind::kDate>(value, dst);
    case FieldKind::kTimestamp: return StoreValue<FieldKind::kTimestamp>(value, dst);
    case FieldKind::kText: break;  // never packed
  }
  return DecodeStatus::kOk;
}

// The fields of one kind written as digits: parsed, then stored.
template <FieldKind kKind, typename Mark>
void DecodeDigitFields(const std::vector<DecodePlan::Field>& fields, const char* bytes, char* out,
                       Mark& mark) {
  for (const DecodePlan::Field& f : fields) {
    int64_t value = 0;
    if (!ParseDigitsInline(bytes + f.pos, f.len, &value)) {
      mark(f.index, DecodeStatus::kNotNumeric);
      StoreValue<kKind>(0, out + f.member_offset);  // no value, not the previous record's
      continue;
    }
    DecodeStatus status = StoreValue<kKind>(static_cast<uint64_t>(value), out + f.member_offset);
    if (status != DecodeStatus::kOk) mark(f.index, status);
  }
}

// The character format, field by field from a compile-time table: every position, length and
// member offset is a constant, so each field compiles to a few fixed moves and one digit parse,
// without the plan's loops. Same results as the plan (DecodeByPlan) for the same bytes.
template <const auto& kFields, size_t I>
inline void DecodeCharacterField(const char* bytes, char* out, bool check_text,
                                 uint64_t& malformed, DecodeStatus* statuses) {
  constexpr FieldSpec kSpec = kFields[I];
  auto mark = [&](DecodeStatus status) {
    malformed |= uint64_t{1} << I;
    statuses[I] = status;
  };
  const char* src = bytes + kSpec.char_pos;
  char* dst = out + kSpec.member_offset;
  if constexpr (kSpec.kind == FieldKind::kText) {
    CopyFieldBytes(dst, src, kSpec.char_len);
    if constexpr (kSpec.char_len < kSpec.capacity) {
      std::memset(dst + kSpec.char_len, ' ', kSpec.capacity - kSpec.char_len);
    }
    if (check_text && !IsAlphanumericText(src, kSpec.char_len)) {
      mark(DecodeStatus::kNotAlphanumeric);
    }
  } else {
    int64_t value = 0;
    if (!ParseDigitsInline(src, kSpec.char_len, &value)) {
      mark(DecodeStatus::kNotNumeric);
      StoreValue<kSpec.kind>(0, dst);  // no value, not the previous record's
      return;
    }
    DecodeStatus status = StoreValue<kSpec.kind>(static_cast<uint64_t>(value), dst);
    if (status != DecodeStatus::kOk) mark(status);
  }
}

template <const auto& kFields, size_t... I>
uint64_t DecodeCharacterFields(const char* bytes, char* out, bool check_text,
                               DecodeStatus* statuses, std::index_sequence<I...>) {
  static_assert(sizeof...(I) <= 64);
  uint64_t malformed = 0;
  (DecodeCharacterField<kFields, I>(bytes, out, check_text, malformed, statuses), ...);
  return malformed;
}

template <const auto& kFields>
uint64_t DecodeCharacter(const char* bytes, void* segment, bool check_text,
                         DecodeStatus* statuses) {
  return DecodeCharacterFields<kFields>(bytes, static_cast<char*>(segment), check_text, statuses,
                                        std::make_index_sequence<kFields.size()>());
}

uint64_t DecodeCharacterSegment(SegmentKind kind, const char* bytes, bool check_text,
                                void* segment, DecodeStatus* statuses) {
  using namespace tables;
  switch (kind) {
    case SegmentKind::kHeader: return DecodeCharacter<kHeaderFields>(bytes, segment, check_text, statuses);
    case SegmentKind::kBase: return DecodeCharacter<kBaseFields>(bytes, segment, check_text, statuses);
    case SegmentKind::kJ1: return DecodeCharacter<kJ1Fields>(bytes, segment, check_text, statuses);
    case SegmentKind::kJ2: return DecodeCharacter<kJ2Fields>(bytes, segment, check_text, statuses);
    case SegmentKind::kK1: return DecodeCharacter<kK1Fields>(bytes, segment, check_text, statuses);
    case SegmentKind::kK2: return DecodeCharacter<kK2Fields>(bytes, segment, check_text, statuses);
    case SegmentKind::kK3: return DecodeCharacter<kK3Fields>(bytes, segment, check_text, statuses);
    case SegmentKind::kK4: return DecodeCharacter<kK4Fields>(bytes, segment, check_text, statuses);
    case SegmentKind::kL1: return DecodeCharacter<kL1Fields>(bytes, segment, check_text, statuses);
    case SegmentKind::kN1: return DecodeCharacter<kN1Fields>(bytes, segment, check_text, statuses);
    case SegmentKind::kTrailer: return DecodeCharacter<kTrailerFields>(bytes, segment, check_text, statuses);
  }
  return 0;
}

}  // namespace

uint64_t DecodeSegmentFields(const Layout& layout, const char* bytes, const FileFormat& format,
                             bool check_text, void* segment, DecodeStatus* statuses) {
  bool packed = format.format == PhysicalFormat::kPacked;
  if (!packed) return DecodeCharacterSegment(layout.kind, bytes, check_text, segment, statuses);
  const DecodePlan& plan = PackedPlanFor(layout);
  char* out = reinterpret_cast<char*>(segment);
  uint64_t malformed = 0;
  auto mark = [&malformed, statuses](uint8_t index, DecodeStatus status) {
    malformed |= uint64_t{1} << index;
    statuses[index] = status;
  };
  for (const DecodePlan::Field& f : plan.text) {
    CopyFieldBytes(out + f.member_offset, bytes + f.pos, f.len);
    if (f.len < f.capacity) std::memset(out + f.member_offset + f.len, ' ', f.capacity - f.len);
  }
  if (check_text) {
    for (const DecodePlan::Field& f : plan.text) {
      if (!IsAlphanumericText(bytes + f.pos, f.len)) mark(f.index, DecodeStatus::kNotAlphanumeric);
    }
  }
  DecodeDigitFields<FieldKind::kNumber>(plan.numbers, bytes, out, mark);
  DecodeDigitFields<FieldKind::kDate>(plan.dates, bytes, out, mark);
  DecodeDigitFields<FieldKind::kTimestamp>(plan.timestamps, bytes, out, mark);
  for (const DecodePlan::Field& f : plan.packed) {
    const FieldSpec& spec = layout.fields[f.index];
    uint64_t value = 0;
    if (!DecodePackedValue(spec, reinterpret_cast<const unsigned char*>(bytes + f.pos), format,
                           &value)) {
      mark(f.index, DecodeStatus::kBadPacked);
      StoreValue(spec.kind, 0, out + f.member_offset);  // no value, not the previous record's
      continue;
    }
    DecodeStatus status = StoreValue(spec.kind, value, out + f.member_offset);
    if (status != DecodeStatus::kOk) mark(f.index, status);
  }
  return malformed;
}

PackedDialect SniffPackedDate(const unsigned char* p) {
  if (p[0] == 0 && p[4] == 0x73) return PackedDialect::kMoovBinary;
  int64_t v = 0;
  if (DecodePackedDecimal(p, 5, &v)) return PackedDialect::kPackedDecimal;
  return PackedDialect::kAuto;
}

PackedDialect SniffPackedCount(const unsigned char* p) {
  int64_t v = 0;
  if (DecodePackedDecimal(p, 5, &v)) return PackedDialect::kPackedDecimal;
  return PackedDialect::kMoovBinary;
}

}  // namespace credo::metro2::internal
