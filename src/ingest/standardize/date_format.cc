#include "ingest/standardize/date_format.h"

#include <string>

namespace credo::ingest {
namespace {

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

Error DateError(std::string_view text, std::string_view format, const std::string& rule) {
  return MakeError(ErrorCode::kInvalidArgument, "date \"" + std::string(text) +
                                                    "\" does not match format " +
                                                    std::string(format) + ": " + rule);
}

}  // namespace

Status ValidateDateFormat(std::string_view format) {
  int years = 0, months = 0, days = 0;
  for (size_t i = 0; i < format.size();) {
    if (format.substr(i, 4) == "YYYY") {
      ++years;
      i += 4;
    } else if (format.substr(i, 2) == "MM") {
      ++months;
      i += 2;
    } else if (format.substr(i, 2) == "DD") {
      ++days;
      i += 2;
    } else {
      ++i;
    }
  }
  if (years != 1 || months != 1 || days != 1) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "date format \"" + std::string(format) +
                         "\" must contain YYYY, MM and DD exactly once (e.g. \"YYYY-MM-DD\")");
  }
  return Ok();
}

Result<Date> ParseDateWithFormat(std::string_view raw, std::string_view format) {
  std::string_view text = Trim(raw);
  int year = 0, month = 0, day = 0;
  size_t t = 0;
  for (size_t f = 0; f < format.size();) {
    int* target = nullptr;
    size_t width = 0;
    if (format.substr(f, 4) == "YYYY") {
      target = &year;
      width = 4;
    } else if (format.substr(f, 2) == "MM") {
      target = &month;
      width = 2;
    } else if (format.substr(f, 2) == "DD") {
      target = &day;
      width = 2;
    }
    if (target == nullptr) {
      if (t >= text.size() || text[t] != format[f]) {
        return DateError(text, format, "expected '" + std::string(1, format[f]) + "' at position " +
                                           std::to_string(t + 1));
      }
      ++t;
      ++f;
      continue;
    }
    size_t pattern_end = f + width;
    bool followed_by_separator = pattern_end < format.size();
    // One-digit month or day is allowed when a separator follows ("1/2/2020").
    size_t digits = 0;
    int value = 0;
    while (t + digits < text.size() && digits < width && text[t + digits] >= '0' &&
           text[t + digits] <= '9') {
      value = value * 10 + (text[t + digits] - '0');
      ++digits;
    }
    bool short_ok = width == 2 && digits == 1 && followed_by_separator &&
                    t + 1 < text.size() && text[t + 1] == format[pattern_end];
    if (digits != width && !short_ok) {
      return DateError(text, format, "expected " + std::to_string(width) + " digits at position " +
                                         std::to_string(t + 1));
    }
    *target = value;
    t += digits;
    f = pattern_end;
  }
  if (t != text.size()) {
    return DateError(text, format, "unexpected text after the date");
  }
  auto date = Date::FromYmd(year, month, day);
  if (!date.ok()) return DateError(text, format, date.error().message);
  return date.value();
}

}  // namespace credo::ingest
