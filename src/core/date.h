// credo core: Date, a civil calendar date (no time zone, no time of day).
//
// Credit data is about days: date opened, date of first delinquency, the end of a negative event.
// A Date is valid or it is not constructed: Parse* return a Result that names the rule broken.
// Arithmetic is in days and in calendar months/years (clamped to the month's last day).
#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"

namespace credo {

class Date {
 public:
  //! 1970-01-01; prefer FromYmd or Parse.
  constexpr Date() = default;

  //! Fails when the triple is not a real calendar date (2023-02-29, month 13, year 0).
  static Result<Date> FromYmd(int year, int month, int day);
  //! ISO 8601 "YYYY-MM-DD".
  static Result<Date> ParseIso(std::string_view text);
  //! Compact "YYYYMMDD" (FEBRL, CN identity numbers).
  static Result<Date> ParseYmdCompact(std::string_view text);
  //! Metro 2 "MMDDYYYY".
  static Result<Date> ParseMdyCompact(std::string_view text);
  //! Days since 1970-01-01 (may be negative).
  static constexpr Date FromDays(int32_t days) { Date d; d.days_ = days; return d; }
  static bool IsLeapYear(int year);
  static int DaysInMonth(int year, int month);

  int year() const;
  int month() const;
  int day() const;
  constexpr int32_t days_since_epoch() const { return days_; }

  Date AddDays(int32_t days) const { return FromDays(days_ + days); }
  //! Calendar months; the day is clamped to the target month's length (Jan 31 + 1 = Feb 28/29).
  Date AddMonths(int months) const;
  Date AddYears(int years) const { return AddMonths(years * 12); }
  //! Whole months from `earlier` to this date (negative when this is earlier).
  int MonthsSince(Date earlier) const;
  int32_t DaysSince(Date earlier) const { return days_ - earlier.days_; }

  std::string ToIso() const;           //!< "YYYY-MM-DD"
  std::string ToMdyCompact() const;    //!< "MMDDYYYY"

  constexpr auto operator<=>(const Date&) const = default;

 private:
  int32_t days_ = 0;
};

//! The clock is an interface so that tests control "today" (retention, deadlines, velocity).
class Clock {
 public:
  virtual ~Clock() = default;
  virtual Date Today() const = 0;
  //! Seconds since the Unix epoch, UTC (for audit timestamps and velocity windows).
  virtual int64_t NowUnixSeconds() const = 0;
};

//! The real clock (UTC).
const Clock& SystemClock();

//! A clock tests set by hand.
class FixedClock final : public Clock {
 public:
  explicit FixedClock(Date today, int64_t unix_seconds = 0) : today_(today), now_(unix_seconds) {}
  Date Today() const override { return today_; }
  int64_t NowUnixSeconds() const override { return now_; }
  void Set(Date today) { today_ = today; }
  void SetUnixSeconds(int64_t now) { now_ = now; }
  void AdvanceSeconds(int64_t seconds) { now_ += seconds; }

 private:
  Date today_;
  int64_t now_;
};

}  // namespace credo
