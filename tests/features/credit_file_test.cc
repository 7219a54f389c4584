#include "features/credit_file.h"

#include <gtest/gtest.h>

#include "file_builder.h"

namespace credo::features {
namespace {

using testing::D;
using testing::MakeTradeline;

TEST(MonthsFromReportTest, OldestFirstWithBalanceOnTheReportedMonth) {
  Tradeline t = MakeTradeline(AccountKind::kRevolving, "2020-01-01", "2024-05-31", "0D1", 700, 0);
  t.past_due = testing::Usd(30);
  std::vector<TradelineMonth> months = MonthsFromReport(t, 9);
  // March (1), May (0); April is "no data" and recorded by no row.
  ASSERT_EQ(months.size(), 2u);
  EXPECT_EQ(months[0].month, D("2024-03-01"));
  EXPECT_EQ(months[0].payment_status, PaymentStatus::kPastDue30);
  EXPECT_FALSE(months[0].balance.has_value());
  EXPECT_EQ(months[1].month, D("2024-05-01"));
  EXPECT_EQ(months[1].balance, 700);
  EXPECT_EQ(months[1].past_due, 30);
  EXPECT_EQ(months[1].tradeline_id, 9);
  EXPECT_EQ(months[1].reported_on, D("2024-05-31"));
}

TEST(MonthsFromReportTest, NoHistoryGivesTheReportedMonthOnly) {
  Tradeline t = MakeTradeline(AccountKind::kInstallment, "2020-01-01", "2024-05-31", "", 5, 0);
  std::vector<TradelineMonth> months = MonthsFromReport(t, 1);
  ASSERT_EQ(months.size(), 1u);
  EXPECT_EQ(months[0].payment_status, PaymentStatus::kNoData);
  EXPECT_EQ(months[0].balance, 5);
}

TEST(CutToKnownOnTest, DropsWhatWasReportedAfterAsOf) {
  CreditFile file = testing::PersonFile("2024-06-15");
  Tradeline may = MakeTradeline(AccountKind::kRevolving, "2020-01-01", "2024-05-31", "01", 100, 0);
  Tradeline june = may;
  june.reported_on = D("2024-06-30");
  june.history = PaymentHistory::FromCodes(D("2024-06-30"), "200").value();  // revises May
  june.balance = testing::Usd(900);
  TradelineAsOf both;
  both.row.tradeline = june;  // the store keeps the latest report as the current row
  both.months = MonthsFromReport(may, 1);
  for (const TradelineMonth& m : MonthsFromReport(june, 1)) both.months.push_back(m);
  file.tradelines.push_back(both);
  Tradeline later = MakeTradeline(AccountKind::kRevolving, "2024-06-01", "2024-06-30", "0", 1, 0);
  testing::AddTradeline(file, later);
  file.inquiries = {testing::MakeInquiry("A", "2024-06-15"), testing::MakeInquiry("B", "2024-06-16")};
  file.public_records = {
      testing::MakePublicRecord(PublicRecordKind::kTaxLien, "2024-06-16")};
  FinancialStatementRow statement;
  statement.statement.period_end = D("2024-06-30");
  file.financial_statements = {statement};
  RelationRow relation;
  relation.relation.since = D("2024-06-16");
  RelationRow undated;
  file.relations = {relation, undated};

  CutToKnownOn(file);
  ASSERT_EQ(file.tradelines.size(), 1u);
  const std::vector<TradelineMonth>& months = file.tradelines[0].months;
  ASSERT_EQ(months.size(), 2u);  // April and May as the May report said
  EXPECT_EQ(months[1].month, D("2024-05-01"));
  EXPECT_EQ(months[1].payment_status, PaymentStatus::kCurrent);
  EXPECT_EQ(months[1].balance, 100);
  EXPECT_EQ(file.inquiries.size(), 1u);
  EXPECT_TRUE(file.public_records.empty());
  EXPECT_TRUE(file.financial_statements.empty());
  EXPECT_EQ(file.relations.size(), 1u);
}

TEST(CutToKnownOnTest, KeepsTheLatestReportOfEachMonth) {
  CreditFile file = testing::PersonFile("2024-07-31");
  TradelineAsOf tradeline;
  TradelineMonth first;
  first.month = D("2024-05-01");
  first.payment_status = PaymentStatus::kCurrent;
  first.reported_on = D("2024-05-31");
  TradelineMonth revised = first;
  revised.payment_status = PaymentStatus::kPastDue30;
  revised.reported_on = D("2024-06-30");
  tradeline.months = {revised, first};  // any order in, oldest month / latest report out
  tradeline.row.tradeline.reported_on = D("2024-06-30");
  file.tradelines = {tradeline};
  CutToKnownOn(file);
  ASSERT_EQ(file.tradelines[0].months.size(), 1u);
  EXPECT_EQ(file.tradelines[0].months[0].payment_status, PaymentStatus::kPastDue30);
}

}  // namespace
}  // namespace credo::features
