#include "core/date.h"

#include <gtest/gtest.h>

namespace credo {
namespace {

TEST(DateTest, ParsesIsoAndRoundTrips) {
  auto date = Date::ParseIso("2024-02-29");
  ASSERT_TRUE(date.ok()) << date.error().message;
  EXPECT_EQ(date->year(), 2024);
  EXPECT_EQ(date->month(), 2);
  EXPECT_EQ(date->day(), 29);
  EXPECT_EQ(date->ToIso(), "2024-02-29");
  EXPECT_EQ(date->ToMdyCompact(), "02292024");
}

TEST(DateTest, RejectsImpossibleDatesWithTheRule) {
  auto not_leap = Date::ParseIso("2023-02-29");
  ASSERT_FALSE(not_leap.ok());
  EXPECT_EQ(not_leap.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(not_leap.error().message.find("day 29 does not exist"), std::string::npos);
  EXPECT_FALSE(Date::ParseIso("2023-13-01").ok());
  EXPECT_FALSE(Date::ParseIso("2023-1-01").ok());
  EXPECT_FALSE(Date::ParseIso("2023-01-0a").ok());
  EXPECT_FALSE(Date::ParseYmdCompact("19000229").ok());  // 1900 is not a leap year
  EXPECT_TRUE(Date::ParseYmdCompact("20000229").ok());   // 2000 is
}

TEST(DateTest, ParsesMetro2Dates) {
  auto date = Date::ParseMdyCompact("12312019");
  ASSERT_TRUE(date.ok());
  EXPECT_EQ(date->ToIso(), "2019-12-31");
}

TEST(DateTest, MonthArithmeticClampsToMonthEnd) {
  Date jan31 = *Date::FromYmd(2024, 1, 31);
  EXPECT_EQ(jan31.AddMonths(1).ToIso(), "2024-02-29");
  EXPECT_EQ(jan31.AddMonths(13).ToIso(), "2025-02-28");
  EXPECT_EQ(jan31.AddMonths(-2).ToIso(), "2023-11-30");
  EXPECT_EQ(Date::FromYmd(2020, 2, 29)->AddYears(5).ToIso(), "2025-02-28");
}

TEST(DateTest, MonthsSinceCountsWholeMonths) {
  Date a = *Date::FromYmd(2024, 1, 15);
  EXPECT_EQ(Date::FromYmd(2024, 3, 14)->MonthsSince(a), 1);
  EXPECT_EQ(Date::FromYmd(2024, 3, 15)->MonthsSince(a), 2);
  EXPECT_EQ(Date::FromYmd(2023, 12, 15)->MonthsSince(a), -1);
  EXPECT_EQ(Date::FromYmd(2024, 1, 20)->DaysSince(a), 5);
}

TEST(DateTest, FixedClockIsControllable) {
  FixedClock clock(*Date::FromYmd(2026, 1, 1), 100);
  clock.AdvanceSeconds(50);
  EXPECT_EQ(clock.NowUnixSeconds(), 150);
  EXPECT_EQ(clock.Today().ToIso(), "2026-01-01");
}

}  // namespace
}  // namespace credo
