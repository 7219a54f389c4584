#include "core/money.h"

#include <algorithm>

namespace credo {

Result<Currency> Currency::Parse(std::string_view code) {
  if (code.size() != 3) {
    return MakeError(ErrorCode::kInvalidArgument, "currency '" + std::string(code) + "' is not a 3-letter ISO 4217 code");
  }
  for (char c : code) {
    if (c < 'A' || c > 'Z') {
      return MakeError(ErrorCode::kInvalidArgument, "currency '" + std::string(code) + "' must be upper-case letters");
    }
  }
  return Currency(code[0], code[1], code[2]);
}

int Currency::minor_digits() const {
  const std::string_view c = code();
  if (c == "JPY" || c == "KRW" || c == "VND" || c == "XXX") return 0;
  if (c == "BHD" || c == "KWD" || c == "OMR" || c == "JOD" || c == "TND") return 3;
  return 2;
}

Result<Money> Money::ParseDecimal(std::string_view text, Currency currency) {
  auto fail = [&](const std::string& why) -> Error {
    return MakeError(ErrorCode::kInvalidArgument, "amount '" + std::string(text) + "' " + why);
  };
  size_t i = 0;
  while (i < text.size() && text[i] == ' ') ++i;
  size_t end = text.size();
  while (end > i && text[end - 1] == ' ') --end;
  if (i == end) return fail("is empty");
  bool negative = false;
  if (text[i] == '-' || text[i] == '+') {
    negative = text[i] == '-';
    ++i;
  }
  const int digits = currency.minor_digits();
  int64_t major = 0;
  int64_t minor = 0;
  int minor_seen = -1;  // -1: before the decimal point
  bool any_digit = false;
  for (; i < end; ++i) {
    char c = text[i];
    if (c == ',' && minor_seen < 0) continue;
    if (c == '.' && minor_seen < 0) {
      minor_seen = 0;
      continue;
    }
    if (c < '0' || c > '9') return fail("has an unexpected character '" + std::string(1, c) + "'");
    any_digit = true;
    if (minor_seen >= 0) {
      if (minor_seen >= digits) {
        if (c != '0') return fail("has more than " + std::to_string(digits) + " decimals");
        continue;
      }
      minor = minor * 10 + (c - '0');
      ++minor_seen;
    } else {
      // Checked on every step: the amount in minor units must fit an int64_t.
      if (__builtin_mul_overflow(major, int64_t{10}, &major) ||
          __builtin_add_overflow(major, int64_t{c - '0'}, &major)) {
        return fail("is too large");
      }
    }
  }
  if (!any_digit) return fail("has no digits");
  for (int k = std::max(minor_seen, 0); k < digits; ++k) minor *= 10;
  int64_t scale = 1;
  for (int k = 0; k < digits; ++k) scale *= 10;
  int64_t value = 0;
  if (__builtin_mul_overflow(major, scale, &value) ||
      __builtin_add_overflow(value, minor, &value)) {
    return fail("is too large");
  }
  // value is in [0, INT64_MAX], so its negation cannot overflow; INT64_MIN itself is refused,
  // which keeps every parsed amount negatable (ToDecimalString relies on that).
  return Money{negative ? -value : value, currency};
}

std::string Money::ToDecimalString() const {
  const int digits = currency.minor_digits();
  int64_t scale = 1;
  for (int k = 0; k < digits; ++k) scale *= 10;
  int64_t absolute = minor_units < 0 ? -minor_units : minor_units;
  std::string out = minor_units < 0 ? "-" : "";
  out += std::to_string(absolute / scale);
  if (digits > 0) {
    std::string fraction = std::to_string(absolute % scale);
    out += '.';
    out.append(static_cast<size_t>(digits) - fraction.size(), '0');
    out += fraction;
  }
  return out;
}

}  // namespace credo
