#include "features/internal/account_view.h"

#include <gtest/gtest.h>

#include "file_builder.h"

namespace credo::features::internal {
namespace {

using features::testing::D;
using features::testing::MakeTradeline;

TradelineAsOf Single(const Tradeline& t) {
  TradelineAsOf entry;
  entry.row.id = 3;
  entry.row.tradeline = t;
  entry.months = MonthsFromReport(t, 3);
  return entry;
}

TEST(AccountViewTest, CalendarHelpers) {
  EXPECT_EQ(FirstOfMonth(D("2024-02-29")), D("2024-02-01"));
  EXPECT_EQ(CalendarMonthsBetween(D("2023-11-01"), D("2024-02-01")), 3);
  EXPECT_TRUE(InMonthsWindow(D("2024-06-15"), D("2024-06-15"), 1));
  EXPECT_FALSE(InMonthsWindow(D("2024-06-16"), D("2024-06-15"), 1));
  EXPECT_FALSE(InMonthsWindow(D("2024-05-15"), D("2024-06-15"), 1));
  EXPECT_TRUE(InMonthsWindow(D("2024-05-16"), D("2024-06-15"), 1));
}

TEST(AccountViewTest, MonthIndexAgreesWithTheCivilCalendar) {
  for (Date date = D("1899-12-01"); date < D("2101-03-01"); date = date.AddDays(13)) {
    ASSERT_EQ(MonthIndex(date), date.year() * 12 + date.month() - 1) << date.ToIso();
  }
}

TEST(AccountViewTest, StatusesByMonthOffsetAndLatestAmounts) {
  Tradeline t = MakeTradeline(AccountKind::kRevolving, "2020-01-01", "2024-05-31", "0102", 800,
                              1000);
  auto view = MakeAccountView(Single(t), D("2024-06-15"));
  ASSERT_TRUE(view.has_value());
  EXPECT_EQ(view->latest_known_offset, 1);  // May, one month before June
  EXPECT_EQ(view->statuses[1], PaymentStatus::kCurrent);
  EXPECT_EQ(view->statuses[2], PaymentStatus::kPastDue30);
  EXPECT_EQ(view->statuses[4], PaymentStatus::kPastDue60);
  EXPECT_EQ(view->WorstSeverity(3), 1);
  EXPECT_EQ(view->WorstSeverity(5), 2);
  EXPECT_EQ(view->balance, 800);
  EXPECT_EQ(view->credit_limit, 1000);
  EXPECT_TRUE(view->terms_known);
  EXPECT_TRUE(view->open);
  EXPECT_TRUE(view->revolving);
}

TEST(AccountViewTest, GapsAndMidMonthDatesInTheHistory) {
  Tradeline t = MakeTradeline(AccountKind::kRevolving, "2020-01-01", "2024-05-31", "0DD1", 10, 0);
  TradelineAsOf entry = Single(t);
  TradelineMonth mid_month = entry.months.front();  // a hand-built row dated mid-month
  mid_month.month = D("2023-12-17");
  mid_month.payment_status = PaymentStatus::kPastDue60;
  entry.months.insert(entry.months.begin(), mid_month);
  auto view = MakeAccountView(entry, D("2024-06-15"));
  ASSERT_TRUE(view.has_value());
  EXPECT_EQ(view->statuses[1], PaymentStatus::kCurrent);    // May
  EXPECT_EQ(view->statuses[2], PaymentStatus::kNoData);     // April: not reported
  EXPECT_EQ(view->statuses[4], PaymentStatus::kPastDue30);  // February
  EXPECT_EQ(view->statuses[6], PaymentStatus::kPastDue60);  // December 2023
}

TEST(AccountViewTest, TermsOfALaterReportAreUnknownNotTakenFromTheFuture) {
  Tradeline may = MakeTradeline(AccountKind::kRevolving, "2020-01-01", "2024-05-31", "0", 800,
                                1000);
  Tradeline august = may;
  august.reported_on = D("2024-08-31");
  august.history = PaymentHistory::FromCodes(D("2024-08-31"), "0000").value();
  august.credit_limit = features::testing::Usd(5000);
  august.closed_on = D("2024-05-15");  // closed before as_of, but reported only in August
  TradelineAsOf entry = Single(may);
  entry.row.tradeline = august;
  auto view = MakeAccountView(entry, D("2024-06-15"));
  ASSERT_TRUE(view.has_value());
  EXPECT_FALSE(view->terms_known);
  EXPECT_FALSE(view->credit_limit.has_value());
  EXPECT_EQ(view->balance, 800);
  EXPECT_TRUE(view->open);  // the bureau did not know of the closure on as_of
}

TEST(AccountViewTest, DerogatoryLatestMonthClosesTheAccount) {
  Tradeline t = MakeTradeline(AccountKind::kInstallment, "2020-01-01", "2024-05-31", "L65", 800,
                              1000);
  auto view = MakeAccountView(Single(t), D("2024-06-15"));
  ASSERT_TRUE(view.has_value());
  EXPECT_FALSE(view->open);
  EXPECT_EQ(view->WorstSeverity(84), 9);
}

TEST(AccountViewTest, MainCurrencyIsTheMostCommon) {
  std::vector<AccountView> views(3);
  views[0].currency = Currency::Cny();
  views[1].currency = Currency::Usd();
  views[2].currency = Currency::Usd();
  EXPECT_EQ(MainCurrency(views), Currency::Usd());
  EXPECT_EQ(MainCurrency({}), Currency());
}

}  // namespace
}  // namespace credo::features::internal
