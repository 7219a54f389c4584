#include "ingest/metro2/internal/codec.h"

#include <bit>
#include <cstring>

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

}  // namespace

bool IsAlphanumericText(const char* p, size_t n) {
  unsigned bad = 0;
  for (size_t i = 0; i < n; ++i) {
    unsigned char c = static_cast<unsigned char>(p[i]);
    bad |= static_cast<unsigned>(c < 0x20) | static_cast<unsigned>(c > 0x7E) |
           static_cast<unsigned>(c == 0x60);
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

DecodeStatus DecodeField(const FieldSpec& spec, const char* src, const FileFormat& format,
                         bool check_text, void* segment) {
  bool packed = format.format == PhysicalFormat::kPacked;
  size_t n = spec.len(packed);
  char* base = reinterpret_cast<char*>(segment) + spec.member_offset;
  if (spec.kind == FieldKind::kText) {
    std::memcpy(base, src, n);
    if (n < spec.capacity) std::memset(base + n, ' ', spec.capacity - n);
    if (check_text && !IsAlphanumericText(src, n)) return DecodeStatus::kNotAlphanumeric;
    return DecodeStatus::kOk;
  }
  uint64_t value = 0;
  if (IsPackedField(spec, packed)) {
    if (!DecodePackedValue(spec, reinterpret_cast<const unsigned char*>(src), format, &value)) {
      return DecodeStatus::kBadPacked;
    }
  } else {
    int64_t v = 0;
    if (!ParseDigitsInline(src, n, &v)) return DecodeStatus::kNotNumeric;
    value = static_cast<uint64_t>(v);
  }
  switch (spec.kind) {
    case FieldKind::kNumber:
      *reinterpret_cast<int64_t*>(base) = static_cast<int64_t>(value);
      return DecodeStatus::kOk;
    case FieldKind::kDate:
      if (value > 99999999) return DecodeStatus::kInvalidDate;
      reinterpret_cast<Metro2Date*>(base)->mmddyyyy = static_cast<uint32_t>(value);
      return IsRealMdy(static_cast<uint32_t>(value)) ? DecodeStatus::kOk
                                                     : DecodeStatus::kInvalidDate;
    case FieldKind::kTimestamp:
      reinterpret_cast<Metro2Timestamp*>(base)->mmddyyyyhhmmss = value;
      return IsRealTimestamp(value) ? DecodeStatus::kOk : DecodeStatus::kInvalidDate;
    case FieldKind::kText:
      break;
  }
  return DecodeStatus::kOk;
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
