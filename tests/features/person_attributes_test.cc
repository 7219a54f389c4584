#include "features/person_attributes.h"

#include <gtest/gtest.h>

#include "features/compute.h"
#include "file_builder.h"

namespace credo::features {
namespace {

using testing::AddTradeline;
using testing::D;
using testing::MakeInquiry;
using testing::MakePublicRecord;
using testing::MakeTradeline;

double Value(const AttributeSet& set, std::string_view name) {
  const AttributeValue* value = set.Find(name);
  EXPECT_NE(value, nullptr) << name;
  if (value == nullptr) return -12345;
  EXPECT_TRUE(value->has_value()) << name << " is missing";
  return value->value_or(-12345);
}

bool Missing(const AttributeSet& set, std::string_view name) {
  const AttributeValue* value = set.Find(name);
  EXPECT_NE(value, nullptr) << name;
  return value != nullptr && !value->has_value();
}

//! The worked example of docs/features/README.md: six tradelines, inquiries, public records.
CreditFile ExampleFile() {
  CreditFile file = testing::PersonFile("2024-06-15");
  Tradeline card1 = MakeTradeline(AccountKind::kRevolving, "2015-03-10", "2024-05-31",
                                  "000000000000", 50000, 100000);
  card1.scheduled_payment = testing::Usd(2500);
  card1.actual_payment = testing::Usd(50000);
  Tradeline card2 = MakeTradeline(AccountKind::kRevolving, "2022-01-20", "2024-05-31",
                                  "001200000000", 90000, 100000);
  card2.scheduled_payment = testing::Usd(3000);
  card2.actual_payment = testing::Usd(3000);
  Tradeline auto_loan = MakeTradeline(AccountKind::kInstallment, "2023-09-01", "2024-05-31",
                                      "000000000", 1500000, 2000000);
  auto_loan.scheduled_payment = testing::Usd(40000);
  auto_loan.actual_payment = testing::Usd(40000);
  // Mortgage: 90 days past due in March 2023 (14 months before May 2024).
  Tradeline mortgage = MakeTradeline(AccountKind::kMortgage, "2010-06-15", "2024-05-31",
                                     "000000000000003000000000", 20000000, 30000000);
  mortgage.scheduled_payment = testing::Usd(150000);
  mortgage.actual_payment = testing::Usd(150000);
  Tradeline closed = MakeTradeline(AccountKind::kRevolving, "2012-01-01", "2020-01-31", "0", 0,
                                   50000);
  closed.status = AccountStatus::kClosedPaid;
  closed.closed_on = D("2020-01-01");
  Tradeline collection = MakeTradeline(AccountKind::kCollection, "2021-01-01", "2024-04-30", "G",
                                       30000, 0);
  collection.status = AccountStatus::kCollection;
  for (const Tradeline& t : {card1, card2, auto_loan, mortgage, closed, collection}) {
    AddTradeline(file, t);
  }
  file.inquiries = {
      MakeInquiry("Bank A", "2024-06-15"),   MakeInquiry(" bank  a ", "2024-05-20"),
      MakeInquiry("Lender B", "2024-03-15"), MakeInquiry("Lender C", "2024-03-16"),
      MakeInquiry("Lender D", "2023-06-16"), MakeInquiry("Lender E", "2023-06-15"),
      MakeInquiry("Soft", "2024-06-01", InquiryKind::kSoft),
  };
  file.public_records = {
      MakePublicRecord(PublicRecordKind::kBankruptcy, "2019-05-01", "2019-11-01", 0),
      MakePublicRecord(PublicRecordKind::kTaxLien, "2023-01-10", std::nullopt, 250000),
      MakePublicRecord(PublicRecordKind::kCivilJudgment, "2024-07-01", std::nullopt, 99999),
  };
  return file;
}

TEST(PersonAttributesTest, TradelineCountsAndAges) {
  AttributeSet set = ComputePersonAttributes(ExampleFile());
  EXPECT_EQ(set.values.size(), static_cast<size_t>(kPersonAttributeCount));
  EXPECT_EQ(Value(set, "tradelines_total"), 6);
  EXPECT_EQ(Value(set, "tradelines_open"), 4);
  EXPECT_EQ(Value(set, "revolving_tradelines_total"), 3);
  EXPECT_EQ(Value(set, "revolving_tradelines_open"), 2);
  EXPECT_EQ(Value(set, "installment_tradelines_total"), 1);
  EXPECT_EQ(Value(set, "installment_tradelines_open"), 1);
  EXPECT_EQ(Value(set, "mortgage_tradelines_total"), 1);
  EXPECT_EQ(Value(set, "mortgage_tradelines_open"), 1);
  EXPECT_EQ(Value(set, "accounts_opened_6m"), 0);
  EXPECT_EQ(Value(set, "accounts_opened_12m"), 1);
  EXPECT_EQ(Value(set, "oldest_account_age_months"), 168);
  EXPECT_EQ(Value(set, "newest_account_age_months"), 9);
  // 111 + 28 + 9 + 168 + 149 + 41 months over six tradelines.
  EXPECT_DOUBLE_EQ(Value(set, "average_account_age_months"), 506.0 / 6);
}

TEST(PersonAttributesTest, BalancesAndUtilisation) {
  AttributeSet set = ComputePersonAttributes(ExampleFile());
  EXPECT_EQ(Value(set, "total_balance"), 21640000);
  EXPECT_EQ(Value(set, "revolving_balance"), 140000);
  EXPECT_EQ(Value(set, "installment_balance"), 1500000);
  EXPECT_EQ(Value(set, "mortgage_balance"), 20000000);
  EXPECT_EQ(Value(set, "revolving_credit_limit"), 200000);
  EXPECT_DOUBLE_EQ(Value(set, "revolving_utilization"), 0.7);
  EXPECT_DOUBLE_EQ(Value(set, "max_revolving_utilization"), 0.9);
  EXPECT_DOUBLE_EQ(Value(set, "total_utilization"), 21640000.0 / 32200000.0);
  EXPECT_EQ(Value(set, "revolving_accounts_over_75pct_utilization"), 1);
  EXPECT_EQ(Value(set, "revolving_accounts_with_balance"), 2);
  EXPECT_EQ(Value(set, "total_past_due"), 0);
  EXPECT_EQ(Value(set, "accounts_currently_past_due"), 1);  // the collection (status G)
  EXPECT_EQ(Value(set, "collection_accounts"), 1);
  EXPECT_EQ(Value(set, "collection_balance"), 30000);
}

TEST(PersonAttributesTest, Delinquency) {
  AttributeSet set = ComputePersonAttributes(ExampleFile());
  // Collection (G, severity 7) in April 2024 dominates every window.
  EXPECT_EQ(Value(set, "worst_status_6m"), 7);
  EXPECT_EQ(Value(set, "worst_status_12m"), 7);
  EXPECT_EQ(Value(set, "worst_status_24m"), 7);
  EXPECT_EQ(Value(set, "worst_status_ever"), 7);
  EXPECT_EQ(Value(set, "times_30dpd_6m"), 1);
  EXPECT_EQ(Value(set, "times_30dpd_12m"), 1);
  EXPECT_EQ(Value(set, "times_30dpd_24m"), 1);
  EXPECT_EQ(Value(set, "times_60dpd_6m"), 1);
  EXPECT_EQ(Value(set, "times_60dpd_12m"), 1);
  EXPECT_EQ(Value(set, "times_60dpd_24m"), 1);
  EXPECT_EQ(Value(set, "times_90plus_dpd_6m"), 1);   // the collection month
  EXPECT_EQ(Value(set, "times_90plus_dpd_12m"), 1);
  EXPECT_EQ(Value(set, "times_90plus_dpd_24m"), 2);  // + the mortgage, March 2023
  EXPECT_EQ(Value(set, "months_since_last_delinquency"), 2);
  EXPECT_EQ(Value(set, "months_since_last_90plus_dpd"), 2);
  EXPECT_EQ(Value(set, "accounts_ever_delinquent"), 3);
  EXPECT_EQ(Value(set, "derogatory_accounts"), 1);
  EXPECT_DOUBLE_EQ(Value(set, "share_accounts_never_delinquent"), 0.5);
}

TEST(PersonAttributesTest, DelinquencyWithoutTheCollection) {
  CreditFile file = ExampleFile();
  file.tradelines.pop_back();
  AttributeSet set = ComputePersonAttributes(file);
  EXPECT_EQ(Value(set, "worst_status_6m"), 2);
  EXPECT_EQ(Value(set, "worst_status_12m"), 2);
  EXPECT_EQ(Value(set, "worst_status_24m"), 3);
  EXPECT_EQ(Value(set, "worst_status_ever"), 3);
  EXPECT_EQ(Value(set, "times_90plus_dpd_12m"), 0);
  EXPECT_EQ(Value(set, "times_90plus_dpd_24m"), 1);
  EXPECT_EQ(Value(set, "months_since_last_delinquency"), 3);
  EXPECT_EQ(Value(set, "months_since_last_90plus_dpd"), 15);
  EXPECT_EQ(Value(set, "derogatory_accounts"), 0);
  EXPECT_DOUBLE_EQ(Value(set, "share_accounts_never_delinquent"), 0.6);
}

TEST(PersonAttributesTest, InquiriesAndDistinctLenders) {
  AttributeSet set = ComputePersonAttributes(ExampleFile());
  EXPECT_EQ(Value(set, "inquiries_1m"), 2);
  EXPECT_EQ(Value(set, "inquiry_lenders_1m"), 1);  // "Bank A" and " bank  a " are one lender
  EXPECT_EQ(Value(set, "inquiries_3m"), 3);        // 2024-03-15 is exactly 3 months back: out
  EXPECT_EQ(Value(set, "inquiry_lenders_3m"), 2);
  EXPECT_EQ(Value(set, "inquiries_6m"), 4);
  EXPECT_EQ(Value(set, "inquiry_lenders_6m"), 3);
  EXPECT_EQ(Value(set, "inquiries_12m"), 5);  // 2023-06-16 in, 2023-06-15 out, soft never
  EXPECT_EQ(Value(set, "inquiry_lenders_12m"), 4);
  EXPECT_EQ(Value(set, "months_since_last_inquiry"), 0);
}

TEST(PersonAttributesTest, PublicRecords) {
  AttributeSet set = ComputePersonAttributes(ExampleFile());
  EXPECT_EQ(Value(set, "public_records_total"), 2);  // the judgment filed after as_of is unknown
  EXPECT_EQ(Value(set, "public_records_open"), 1);
  EXPECT_EQ(Value(set, "public_records_24m"), 1);
  EXPECT_EQ(Value(set, "bankruptcies_total"), 1);
  EXPECT_EQ(Value(set, "public_record_amount_open"), 250000);
  EXPECT_EQ(Value(set, "months_since_last_public_record"), 17);
}

TEST(PersonAttributesTest, PaymentsAndFlags) {
  AttributeSet set = ComputePersonAttributes(ExampleFile());
  EXPECT_EQ(Value(set, "scheduled_payment_total"), 195500);
  EXPECT_DOUBLE_EQ(Value(set, "payment_to_balance_ratio"), 243000.0 / 21640000.0);
  EXPECT_DOUBLE_EQ(Value(set, "revolving_payment_to_balance_ratio"), 53000.0 / 140000.0);
  EXPECT_DOUBLE_EQ(Value(set, "actual_to_scheduled_payment_ratio"), 243000.0 / 195500.0);
  EXPECT_EQ(Value(set, "authorized_user_only_flag"), 0);
  EXPECT_EQ(Value(set, "thin_file_flag"), 0);
}

TEST(PersonAttributesTest, PastDueAndAmountsInTheMainCurrencyOnly) {
  CreditFile file = testing::PersonFile("2024-06-15");
  Tradeline usd1 = MakeTradeline(AccountKind::kRevolving, "2020-01-01", "2024-05-31", "1", 500, 1000);
  usd1.past_due = testing::Usd(40);
  Tradeline usd2 = MakeTradeline(AccountKind::kRevolving, "2020-01-01", "2024-05-31", "0", 250, 1000);
  Tradeline cny = MakeTradeline(AccountKind::kRevolving, "2020-01-01", "2024-05-31", "0", 7000, 9000);
  cny.balance.currency = cny.credit_limit.currency = cny.past_due.currency = Currency::Cny();
  cny.past_due.minor_units = 300;
  for (const Tradeline& t : {usd1, usd2, cny}) AddTradeline(file, t);
  AttributeSet set = ComputePersonAttributes(file);
  EXPECT_EQ(Value(set, "tradelines_total"), 3);  // counted whatever the currency
  EXPECT_EQ(Value(set, "revolving_balance"), 750);  // USD: two of three accounts
  EXPECT_DOUBLE_EQ(Value(set, "revolving_utilization"), 750.0 / 2000.0);
  EXPECT_EQ(Value(set, "total_past_due"), 40);
  EXPECT_EQ(Value(set, "accounts_currently_past_due"), 2);  // usd1 (30 days, 40.00), cny (3.00)
  EXPECT_EQ(Value(set, "revolving_accounts_with_balance"), 2);
}

TEST(PersonAttributesTest, EmptyFileHasCountsOfZeroAndMissingWhereUndefined) {
  AttributeSet set = ComputePersonAttributes(testing::PersonFile("2024-06-15"));
  EXPECT_EQ(Value(set, "tradelines_total"), 0);
  EXPECT_EQ(Value(set, "inquiries_12m"), 0);
  EXPECT_EQ(Value(set, "total_balance"), 0);
  EXPECT_EQ(Value(set, "thin_file_flag"), 1);
  EXPECT_EQ(Value(set, "authorized_user_only_flag"), 0);
  for (std::string_view name :
       {"oldest_account_age_months", "newest_account_age_months", "average_account_age_months",
        "revolving_utilization", "total_utilization", "max_revolving_utilization",
        "worst_status_ever", "worst_status_6m", "months_since_last_delinquency",
        "months_since_last_inquiry", "months_since_last_public_record",
        "share_accounts_never_delinquent", "payment_to_balance_ratio",
        "actual_to_scheduled_payment_ratio"}) {
    EXPECT_TRUE(Missing(set, name)) << name;
  }
}

TEST(PersonAttributesTest, AuthorisedUserOnlyThinFile) {
  CreditFile file = testing::PersonFile("2024-06-15");
  for (int i = 0; i < 2; ++i) {
    Tradeline t = MakeTradeline(AccountKind::kRevolving, "2020-01-01", "2024-05-31", "000", 100,
                                1000);
    t.ecoa_code = '3';
    AddTradeline(file, t);
  }
  AttributeSet set = ComputePersonAttributes(file);
  EXPECT_EQ(Value(set, "authorized_user_only_flag"), 1);
  EXPECT_EQ(Value(set, "thin_file_flag"), 1);
  // Three liable accounts make the file neither.
  for (int i = 0; i < 3; ++i) {
    AddTradeline(file, MakeTradeline(AccountKind::kInstallment, "2020-01-01", "2024-05-31", "0",
                                     100, 1000));
  }
  set = ComputePersonAttributes(file);
  EXPECT_EQ(Value(set, "authorized_user_only_flag"), 0);
  EXPECT_EQ(Value(set, "thin_file_flag"), 0);
}

TEST(PersonAttributesTest, ZeroDenominatorsAreMissingNeverNaN) {
  CreditFile file = testing::PersonFile("2024-06-15");
  // An open card with no limit and no balance, an installment loan with no high credit.
  AddTradeline(file, MakeTradeline(AccountKind::kRevolving, "2020-01-01", "2024-05-31", "0", 0, 0));
  AddTradeline(file,
               MakeTradeline(AccountKind::kInstallment, "2020-01-01", "2024-05-31", "0", 0, 0));
  AttributeSet set = ComputeAttributes(file);
  EXPECT_TRUE(Missing(set, "revolving_utilization"));
  EXPECT_TRUE(Missing(set, "total_utilization"));
  EXPECT_TRUE(Missing(set, "max_revolving_utilization"));
  EXPECT_TRUE(Missing(set, "payment_to_balance_ratio"));
  EXPECT_TRUE(Missing(set, "revolving_payment_to_balance_ratio"));
  EXPECT_TRUE(Missing(set, "actual_to_scheduled_payment_ratio"));
  // Over-limit: a balance above the limit gives a ratio above 1, not a cap or a NaN.
  CreditFile over = testing::PersonFile("2024-06-15");
  AddTradeline(over,
               MakeTradeline(AccountKind::kRevolving, "2020-01-01", "2024-05-31", "0", 1500, 1000));
  EXPECT_DOUBLE_EQ(Value(ComputeAttributes(over), "revolving_utilization"), 1.5);
}

// Month windows are calendar months: the month of as_of and the N-1 before it.
TEST(PersonAttributesTest, MonthWindowBoundaryToTheDay) {
  CreditFile file = testing::PersonFile("2024-06-30");
  // Reported 2024-06-30: June current, ... January 2024 (5 months before June) 30 days late.
  AddTradeline(file, MakeTradeline(AccountKind::kRevolving, "2020-01-01", "2024-06-30",
                                   "000001000000", 100, 1000));
  AttributeSet june = ComputePersonAttributes(file);
  EXPECT_EQ(Value(june, "times_30dpd_6m"), 1);
  EXPECT_EQ(Value(june, "worst_status_6m"), 1);
  EXPECT_EQ(Value(june, "months_since_last_delinquency"), 5);
  file.as_of = D("2024-07-01");
  AttributeSet july = ComputePersonAttributes(file);
  EXPECT_EQ(Value(july, "times_30dpd_6m"), 0);
  EXPECT_EQ(Value(july, "worst_status_6m"), 0);
  EXPECT_EQ(Value(july, "times_30dpd_12m"), 1);
  EXPECT_EQ(Value(july, "months_since_last_delinquency"), 6);
}

// Dated windows are (as_of - N months, as_of]: the day N months back is out, the next day in.
TEST(PersonAttributesTest, DatedWindowBoundaryToTheDay) {
  for (auto [opened, inside] : {std::pair{"2023-12-15", false}, std::pair{"2023-12-16", true},
                                std::pair{"2024-06-15", true}}) {
    CreditFile file = testing::PersonFile("2024-06-15");
    AddTradeline(file, MakeTradeline(AccountKind::kInstallment, opened, "2024-06-15", "0", 100,
                                     1000));
    file.inquiries = {MakeInquiry("X", opened)};
    AttributeSet set = ComputePersonAttributes(file);
    EXPECT_EQ(Value(set, "accounts_opened_6m"), inside ? 1 : 0) << opened;
    EXPECT_EQ(Value(set, "inquiries_6m"), inside ? 1 : 0) << opened;
  }
  for (auto [filed, inside] : {std::pair{"2022-06-15", false}, std::pair{"2022-06-16", true}}) {
    CreditFile file = testing::PersonFile("2024-06-15");
    file.public_records = {MakePublicRecord(PublicRecordKind::kCivilJudgment, filed)};
    EXPECT_EQ(Value(ComputePersonAttributes(file), "public_records_24m"), inside ? 1 : 0);
  }
  // One month back from 2024-03-31 is 2024-02-29 (clamped): 2024-02-29 out, 2024-03-01 in.
  for (auto [on, inside] : {std::pair{"2024-02-29", false}, std::pair{"2024-03-01", true}}) {
    CreditFile file = testing::PersonFile("2024-03-31");
    file.inquiries = {MakeInquiry("X", on)};
    EXPECT_EQ(Value(ComputePersonAttributes(file), "inquiries_1m"), inside ? 1 : 0) << on;
  }
}

TEST(PersonAttributesTest, ResolvedOnTheDayIsNoLongerOpen) {
  CreditFile file = testing::PersonFile("2024-06-15");
  file.public_records = {
      MakePublicRecord(PublicRecordKind::kCivilJudgment, "2024-01-01", "2024-06-15", 100),
      MakePublicRecord(PublicRecordKind::kCivilJudgment, "2024-01-01", "2024-06-16", 200)};
  AttributeSet set = ComputePersonAttributes(file);
  EXPECT_EQ(Value(set, "public_records_open"), 1);
  EXPECT_EQ(Value(set, "public_record_amount_open"), 200);
}

TEST(PersonAttributesTest, DeletedAndFutureAccountsAreNotCounted) {
  CreditFile file = testing::PersonFile("2024-06-15");
  Tradeline deleted =
      MakeTradeline(AccountKind::kRevolving, "2020-01-01", "2024-05-31", "0", 100, 1000);
  deleted.status = AccountStatus::kDeleteAccount;
  AddTradeline(file, deleted);
  AddTradeline(file,
               MakeTradeline(AccountKind::kRevolving, "2024-06-20", "2024-06-30", "0", 100, 1000));
  AttributeSet set = ComputeAttributes(file);
  EXPECT_EQ(Value(set, "tradelines_total"), 0);
}

}  // namespace
}  // namespace credo::features
