#include "core/date.h"

#include <chrono>
#include <cstdio>

namespace credo {
namespace {

namespace chr = std::chrono;

Result<int> ParseDigits(std::string_view text, std::string_view what) {
  int value = 0;
  if (text.empty()) return MakeError(ErrorCode::kInvalidArgument, std::string(what) + " is empty");
  for (char c : text) {
    if (c < '0' || c > '9') {
      return MakeError(ErrorCode::kInvalidArgument,
                       std::string(what) + " must be digits, got '" + std::string(text) + "'");
    }
    value = value * 10 + (c - '0');
  }
  return value;
}

chr::year_month_day Ymd(int32_t days) { return chr::year_month_day{chr::sys_days{chr::days{days}}}; }

}  // namespace

bool Date::IsLeapYear(int year) { return chr::year{year}.is_leap(); }

int Date::DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 0;
  if (month == 2 && IsLeapYear(year)) return 29;
  return kDays[month - 1];
}

Result<Date> Date::FromYmd(int year, int month, int day) {
  if (year < 1 || year > 9999) {
    return MakeError(ErrorCode::kInvalidArgument, "year " + std::to_string(year) + " is out of range 1..9999");
  }
  if (month < 1 || month > 12) {
    return MakeError(ErrorCode::kInvalidArgument, "month " + std::to_string(month) + " is not 1..12");
  }
  if (day < 1 || day > DaysInMonth(year, month)) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "day " + std::to_string(day) + " does not exist in " + std::to_string(year) +
                         "-" + (month < 10 ? "0" : "") + std::to_string(month));
  }
  chr::year_month_day ymd{chr::year{year}, chr::month{static_cast<unsigned>(month)},
                          chr::day{static_cast<unsigned>(day)}};
  return FromDays(static_cast<int32_t>(chr::sys_days{ymd}.time_since_epoch().count()));
}

Result<Date> Date::ParseIso(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
    return MakeError(ErrorCode::kInvalidArgument,
                     "date '" + std::string(text) + "' is not in the form YYYY-MM-DD");
  }
  CREDO_ASSIGN_OR_RETURN(int year, ParseDigits(text.substr(0, 4), "year"));
  CREDO_ASSIGN_OR_RETURN(int month, ParseDigits(text.substr(5, 2), "month"));
  CREDO_ASSIGN_OR_RETURN(int day, ParseDigits(text.substr(8, 2), "day"));
  return FromYmd(year, month, day);
}

Result<Date> Date::ParseYmdCompact(std::string_view text) {
  if (text.size() != 8) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "date '" + std::string(text) + "' is not in the form YYYYMMDD");
  }
  CREDO_ASSIGN_OR_RETURN(int year, ParseDigits(text.substr(0, 4), "year"));
  CREDO_ASSIGN_OR_RETURN(int month, ParseDigits(text.substr(4, 2), "month"));
  CREDO_ASSIGN_OR_RETURN(int day, ParseDigits(text.substr(6, 2), "day"));
  return FromYmd(year, month, day);
}

Result<Date> Date::ParseMdyCompact(std::string_view text) {
  if (text.size() != 8) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "date '" + std::string(text) + "' is not in the form MMDDYYYY");
  }
  CREDO_ASSIGN_OR_RETURN(int month, ParseDigits(text.substr(0, 2), "month"));
  CREDO_ASSIGN_OR_RETURN(int day, ParseDigits(text.substr(2, 2), "day"));
  CREDO_ASSIGN_OR_RETURN(int year, ParseDigits(text.substr(4, 4), "year"));
  return FromYmd(year, month, day);
}

int Date::year() const { return static_cast<int>(Ymd(days_).year()); }
int Date::month() const { return static_cast<int>(static_cast<unsigned>(Ymd(days_).month())); }
int Date::day() const { return static_cast<int>(static_cast<unsigned>(Ymd(days_).day())); }

Date Date::AddMonths(int months) const {
  auto ymd = Ymd(days_);
  int total = static_cast<int>(ymd.year()) * 12 + static_cast<int>(static_cast<unsigned>(ymd.month())) - 1 + months;
  int year = total / 12;
  int month = total % 12 + 1;
  int day = std::min(static_cast<int>(static_cast<unsigned>(ymd.day())), DaysInMonth(year, month));
  auto result = FromYmd(year, month, day);
  return result.ok() ? result.value() : *this;
}

int Date::MonthsSince(Date earlier) const {
  int months = (year() - earlier.year()) * 12 + (month() - earlier.month());
  if (months > 0 && day() < earlier.day()) --months;
  if (months < 0 && day() > earlier.day()) ++months;
  return months;
}

std::string Date::ToIso() const {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", year(), month(), day());
  return buffer;
}

std::string Date::ToMdyCompact() const {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%02d%02d%04d", month(), day(), year());
  return buffer;
}

namespace {
class RealClock final : public Clock {
 public:
  Date Today() const override {
    auto days = chr::floor<chr::days>(chr::system_clock::now());
    return Date::FromDays(static_cast<int32_t>(days.time_since_epoch().count()));
  }
  int64_t NowUnixSeconds() const override {
    return chr::duration_cast<chr::seconds>(chr::system_clock::now().time_since_epoch()).count();
  }
};
}  // namespace

const Clock& SystemClock() {
  static const RealClock clock;
  return clock;
}

}  // namespace credo
