#include "features/credit_file.h"

#include <gtest/gtest.h>

#include <optional>
#include <vector>

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

// Terms: the row takes the terms of the latest report known on as_of, and a file cut to a later
// date can be cut again to an earlier one once its months are re-read for that date (the
// monitor derives its baseline file so): the terms of every report are kept for it.
TEST(CutToKnownOnTest, SetsTheRowToTheTermsKnownOnAsOfAndCutsAgainToAnEarlierDate) {
  CreditFile file = testing::PersonFile("2024-07-31");
  Tradeline may = MakeTradeline(AccountKind::kRevolving, "2020-01-01", "2024-05-31", "00", 400,
                                1000);
  Tradeline june = may;
  june.reported_on = D("2024-06-30");
  june.history = PaymentHistory::FromCodes(D("2024-06-30"), "100").value();
  june.balance = testing::Usd(900);
  june.credit_limit = testing::Usd(500);
  june.status = AccountStatus::kPastDue30;
  TradelineAsOf both;
  both.row.id = 1;
  both.row.tradeline = june;
  both.months = MonthsFromReport(may, 1);
  for (const TradelineMonth& m : MonthsFromReport(june, 1)) both.months.push_back(m);
  both.terms = {TermsFromReport(june, 1), TermsFromReport(may, 1)};  // any order in
  both.terms[0].id = 2;
  both.terms[1].id = 1;
  file.tradelines = {both};

  CutToKnownOn(file);
  ASSERT_EQ(file.tradelines.size(), 1u);
  EXPECT_EQ(file.tradelines[0].terms.size(), 2u);
  EXPECT_EQ(file.tradelines[0].row.tradeline.credit_limit.minor_units, 500);

  file.as_of = D("2024-06-15");
  file.tradelines[0].months = both.months;  // re-read for the earlier date, as the monitor does
  CutToKnownOn(file);
  const Tradeline& row = file.tradelines[0].row.tradeline;
  ASSERT_EQ(file.tradelines[0].terms.size(), 1u);
  EXPECT_EQ(row.reported_on, D("2024-05-31"));
  EXPECT_EQ(row.credit_limit.minor_units, 1000);
  EXPECT_EQ(row.balance.minor_units, 400);
  EXPECT_EQ(row.status, AccountStatus::kCurrent);
  // Its payment profile is the months known then: May and April current, June unknown.
  EXPECT_EQ(row.history.ToCodes(), "00");
  EXPECT_EQ(row.history.as_of, D("2024-05-31"));

  // Before any report: the account is not known at all.
  file.as_of = D("2024-05-30");
  CutToKnownOn(file);
  EXPECT_TRUE(file.tradelines.empty());
}

TEST(CutToKnownOnTest, RecordsAreKnownFromTheirReceivedDate) {
  CreditFile file = testing::PersonFile("2024-06-15");
  Inquiry on_time = testing::MakeInquiry("A", "2024-06-01");
  on_time.id = 1;
  Inquiry late = testing::MakeInquiry("B", "2024-06-02");
  late.id = 2;
  file.inquiries = {on_time, late};
  file.inquiry_received_on = {{1, D("2024-06-01")}, {2, D("2024-06-20")}};
  PublicRecord record = testing::MakePublicRecord(PublicRecordKind::kTaxLien, "2024-05-01");
  record.id = 7;
  file.public_records = {record};
  file.public_record_received_on = {{7, D("2024-06-16")}};
  FinancialStatementRow statement;
  statement.statement.period_end = D("2023-12-31");
  statement.received_on = D("2024-06-16");
  FinancialStatementRow received;
  received.statement.period_end = D("2022-12-31");
  received.received_on = D("2023-04-30");
  file.financial_statements = {statement, received};
  CutToKnownOn(file);
  ASSERT_EQ(file.inquiries.size(), 1u);
  EXPECT_EQ(file.inquiries[0].institution, "A");
  EXPECT_TRUE(file.public_records.empty());
  ASSERT_EQ(file.financial_statements.size(), 1u);
  EXPECT_EQ(file.financial_statements[0].statement.period_end, D("2022-12-31"));
}

// A relation is known from its `since` date, else from the day the store first recorded it; its
// stored amount is the one known on as_of unless the store recorded it before and wrote it again
// after. Cutting a file cut to a later date again gives what a cut of the whole file gives.
TEST(CutToKnownOnTest, RelationsAreKnownFromSinceElseFromTheDayTheStoreFirstRecordedThem) {
  CreditFile file = testing::CompanyFile("2024-06-15");
  auto relation = [](int64_t id, std::optional<Date> since) {
    RelationRow row;
    row.id = id;
    row.relation.from = 1;
    row.relation.to = 10 + id;
    row.relation.kind = RelationKind::kGuarantee;
    row.relation.since = since;
    return row;
  };
  file.relations = {relation(1, std::nullopt), relation(2, std::nullopt),
                    relation(3, D("2024-01-01")), relation(4, D("2024-06-16")),
                    relation(5, std::nullopt)};
  file.relation_recorded_on = {
      {1, {D("2024-06-01"), D("2024-07-01")}},  // recorded before as_of, written again after
      {2, {D("2024-06-16"), D("2024-06-16")}},  // recorded after as_of
      {3, {D("2024-07-01"), D("2024-07-01")}},  // dated, loaded late
      {4, {D("2024-06-01"), D("2024-06-01")}},  // begins after as_of
  };  // 5 is not listed (a file built by hand): known, with its amount
  auto ids = [](const CreditFile& cut) {
    std::vector<int64_t> kept;
    for (const RelationRow& row : cut.relations) kept.push_back(row.id);
    return kept;
  };
  CreditFile later = file;
  later.as_of = D("2024-07-01");
  CutToKnownOn(file);
  EXPECT_EQ(ids(file), (std::vector<int64_t>{1, 3, 5}));
  ASSERT_EQ(file.relations.size(), 3u);
  EXPECT_FALSE(RelationAmountKnownOn(file, file.relations[0]));
  EXPECT_TRUE(RelationAmountKnownOn(file, file.relations[1]));
  EXPECT_TRUE(RelationAmountKnownOn(file, file.relations[2]));

  CutToKnownOn(later);
  EXPECT_EQ(ids(later), (std::vector<int64_t>{1, 2, 3, 4, 5}));
  EXPECT_TRUE(RelationAmountKnownOn(later, later.relations[0]));  // its latest write, by then
  CreditFile baseline = later;
  baseline.as_of = D("2024-06-15");
  CutToKnownOn(baseline);
  EXPECT_EQ(ids(baseline), ids(file));
  EXPECT_FALSE(RelationAmountKnownOn(baseline, baseline.relations[0]));
}

}  // namespace
}  // namespace credo::features
