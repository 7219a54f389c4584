#include "features/compute.h"

#include <cmath>
#include <optional>
#include <set>
#include <string_view>

#include <gtest/gtest.h>

#include "features/format.h"
#include "features/load.h"
#include "file_builder.h"

namespace credo::features {
namespace {

using testing::D;
using testing::MakeTradeline;

const Date kAsOf = Date::ParseIso("2024-06-15").value();

//! A person with cards, a loan, inquiries and a public record, all reported by 2024-06-15.
void SeedPerson(Store& store, SubjectId id) {
  Status status = store.WithTransaction([&](Transaction& txn) -> Status {
    Tradeline card = MakeTradeline(AccountKind::kRevolving, "2016-02-01", "2024-05-31",
                                   "000010000000", 40000, 100000);
    card.subject_id = id;
    card.scheduled_payment = testing::Usd(2000);
    card.actual_payment = testing::Usd(2000);
    CREDO_TRY(txn.UpsertTradeline(card, 0));
    Tradeline loan = MakeTradeline(AccountKind::kInstallment, "2023-01-10", "2024-05-31",
                                   "000000", 500000, 800000);
    loan.subject_id = id;
    loan.scheduled_payment = testing::Usd(25000);
    loan.actual_payment = testing::Usd(25000);
    CREDO_TRY(txn.UpsertTradeline(loan, 0));
    for (auto [institution, on] : {std::pair{"Bank A", "2024-06-01"}, {"Bank B", "2024-04-01"},
                                   std::pair{"Bank A", "2023-09-01"}}) {
      Inquiry inquiry = testing::MakeInquiry(institution, on);
      inquiry.subject_id = id;
      CREDO_TRY(txn.InsertInquiry(inquiry));
    }
    PublicRecord lien = testing::MakePublicRecord(PublicRecordKind::kTaxLien, "2022-03-01",
                                                  std::nullopt, 70000);
    lien.subject_id = id;
    CREDO_TRY(txn.UpsertPublicRecord(lien));
    return Ok();
  });
  ASSERT_TRUE(status.ok()) << status.error().ToString();
}

void ExpectSame(const AttributeSet& before, const AttributeSet& after,
                const std::set<std::string_view>& allowed_to_change = {}) {
  ASSERT_EQ(before.values.size(), after.values.size());
  for (size_t i = 0; i < before.values.size(); ++i) {
    const std::string_view name = before.definitions[i].name;
    if (allowed_to_change.count(name)) continue;
    EXPECT_EQ(before.values[i], after.values[i]) << name;
  }
}

TEST(ComputeAttributesTest, FromTheStoreMatchesTheHandComputedValues) {
  testing::TempBureau bureau;
  SubjectId id = testing::InsertPerson(bureau.store(), "Zhang Wei");
  SeedPerson(bureau.store(), id);
  auto set = ComputeAttributesForSubject(bureau.store(), id, kAsOf);
  ASSERT_TRUE(set.ok()) << set.error().ToString();
  EXPECT_EQ(set->subject_id, id);
  EXPECT_EQ(set->kind, SubjectKind::kPerson);
  EXPECT_EQ(*set->Find("tradelines_total"), 2.0);
  EXPECT_EQ(*set->Find("total_balance"), 540000.0);
  EXPECT_EQ(*set->Find("revolving_utilization"), 0.4);
  EXPECT_EQ(*set->Find("total_utilization"), 540000.0 / 900000.0);
  EXPECT_EQ(*set->Find("times_30dpd_6m"), 1.0);  // January 2024: 5 months before June
  EXPECT_EQ(*set->Find("months_since_last_delinquency"), 5.0);
  EXPECT_EQ(*set->Find("inquiries_3m"), 2.0);
  EXPECT_EQ(*set->Find("inquiry_lenders_12m"), 2.0);
  EXPECT_EQ(*set->Find("public_records_open"), 1.0);
  EXPECT_EQ(*set->Find("public_record_amount_open"), 70000.0);
}

// The no-look-ahead contract: records of every kind that the bureau received after the as-of
// date change no attribute.
TEST(ComputeAttributesTest, NoLookAheadNewRecordsReportedAfterAsOfChangeNothing) {
  testing::TempBureau bureau;
  SubjectId person = testing::InsertPerson(bureau.store(), "Wang Fang");
  SubjectId company = testing::InsertCompany(bureau.store(), "Acme Trading Co", D("2012-01-01"));
  SubjectId other = testing::InsertCompany(bureau.store(), "Borrower Ltd");
  SeedPerson(bureau.store(), person);
  FinancialStatement fy;
  fy.subject_id = company;
  fy.period_end = D("2023-12-31");
  fy.currency = Currency::Usd();
  fy.current_assets = 500;
  fy.current_liabilities = 250;
  fy.total_assets = 1000;
  fy.total_liabilities = 600;
  fy.equity = 400;
  fy.revenue = 2000;
  fy.ebit = 100;
  fy.ebitda = 150;
  fy.interest_expense = 20;
  ASSERT_TRUE(bureau.store().WithTransaction([&](Transaction& txn) -> Status {
    CREDO_TRY(txn.UpsertFinancialStatement(fy));
    Tradeline trade = MakeTradeline(AccountKind::kOpen, "2020-01-01", "2024-05-31", "01", 100,
                                    5000);
    trade.subject_id = company;
    CREDO_TRY(txn.UpsertTradeline(trade, 0));
    return Ok();
  }).ok());

  auto person_before = ComputeAttributesForSubject(bureau.store(), person, kAsOf);
  auto company_before = ComputeAttributesForSubject(bureau.store(), company, kAsOf);
  ASSERT_TRUE(person_before.ok() && company_before.ok());

  ASSERT_TRUE(bureau.store().WithTransaction([&](Transaction& txn) -> Status {
    for (SubjectId id : {person, company}) {
      Tradeline late = MakeTradeline(AccountKind::kRevolving, "2024-06-10", "2024-06-16", "6",
                                     999999, 1000);
      late.subject_id = id;
      CREDO_TRY(txn.UpsertTradeline(late, 0));
      Inquiry inquiry = testing::MakeInquiry("Late Lender", "2024-06-16");
      inquiry.subject_id = id;
      CREDO_TRY(txn.InsertInquiry(inquiry));
      for (PublicRecordKind kind : {PublicRecordKind::kBankruptcy, PublicRecordKind::kCivilJudgment,
                                    PublicRecordKind::kDishonestDebtor,
                                    PublicRecordKind::kTaxArrears,
                                    PublicRecordKind::kAdministrativePenalty}) {
        PublicRecord record = testing::MakePublicRecord(kind, "2024-06-16", std::nullopt, 5000);
        record.subject_id = id;
        CREDO_TRY(txn.UpsertPublicRecord(record));
      }
    }
    FinancialStatement h1 = fy;
    h1.period_end = D("2024-06-30");
    h1.period_months = 6;
    h1.equity = -50;
    CREDO_TRY(txn.UpsertFinancialStatement(h1));
    Relation guarantee;
    guarantee.from = company;
    guarantee.to = other;
    guarantee.kind = RelationKind::kGuarantee;
    guarantee.amount = testing::Usd(1000000);
    guarantee.since = D("2024-06-16");
    CREDO_TRY(txn.UpsertRelation(guarantee));
    // Records dated on or before the as-of date that the bureau received after it.
    for (SubjectId id : {person, company}) {
      Inquiry late_inquiry = testing::MakeInquiry("Slow Lender", "2024-06-10");
      late_inquiry.subject_id = id;
      CREDO_TRY(txn.InsertInquiry(late_inquiry, 0, D("2024-06-20")));
      PublicRecord late_record = testing::MakePublicRecord(PublicRecordKind::kCivilJudgment,
                                                           "2024-06-01", std::nullopt, 8000);
      late_record.subject_id = id;
      late_record.case_number = "late-received";
      CREDO_TRY(txn.UpsertPublicRecord(late_record, 0, D("2024-06-20")));
    }
    FinancialStatement q1 = fy;
    q1.period_end = D("2024-03-31");
    q1.period_months = 3;
    q1.equity = -900;
    q1.revenue = 1;
    CREDO_TRY(txn.UpsertFinancialStatement(q1, 0, D("2024-06-20")));
    return Ok();
  }).ok());

  auto person_after = ComputeAttributesForSubject(bureau.store(), person, kAsOf);
  auto company_after = ComputeAttributesForSubject(bureau.store(), company, kAsOf);
  ASSERT_TRUE(person_after.ok() && company_after.ok());
  ExpectSame(*person_before, *person_after);
  ExpectSame(*company_before, *company_after);
  // And the same records do count the day after.
  auto person_next = ComputeAttributesForSubject(bureau.store(), person, D("2024-06-16"));
  ASSERT_TRUE(person_next.ok());
  EXPECT_EQ(*person_next->Find("tradelines_total"), 3.0);
  EXPECT_EQ(*person_next->Find("inquiries_1m"), 2.0);
  EXPECT_EQ(*person_next->Find("bankruptcies_total"), 1.0);
  EXPECT_EQ(*person_next->Find("public_records_total"), 6.0);  // not the one received 06-20
  auto person_received = ComputeAttributesForSubject(bureau.store(), person, D("2024-06-20"));
  ASSERT_TRUE(person_received.ok());
  EXPECT_EQ(*person_received->Find("public_records_total"), 7.0);
  EXPECT_EQ(*person_received->Find("inquiries_1m"), 3.0);
}

// A later report on an existing account replaces the store's current row, but the store keeps
// what every report said (tradeline_terms and the as-reported months): as of an earlier date the
// account keeps the limit, balance, payments and status it had then, so nothing changes, not
// even through the limit cut, closure and charge-off the later report states.
TEST(ComputeAttributesTest, NoLookAheadLaterReportOnAnExistingAccount) {
  testing::TempBureau bureau;
  SubjectId person = testing::InsertPerson(bureau.store(), "Liu Yang");
  SeedPerson(bureau.store(), person);
  auto before = ComputeAttributesForSubject(bureau.store(), person, kAsOf);
  ASSERT_TRUE(before.ok());
  ASSERT_TRUE(bureau.store().WithTransaction([&](Transaction& txn) -> Status {
    CREDO_ASSIGN_OR_RETURN(auto rows, txn.ListTradelines(person));
    Tradeline card = rows.at(0).tradeline;
    card.reported_on = D("2024-06-30");
    card.history = PaymentHistory::FromCodes(D("2024-06-30"), "3300").value();  // revises May
    card.balance = testing::Usd(99000);
    card.credit_limit = testing::Usd(100);
    card.past_due = testing::Usd(5000);
    card.closed_on = D("2024-06-01");
    card.status = AccountStatus::kChargeOff;
    CREDO_TRY(txn.UpsertTradeline(card, 0));
    return Ok();
  }).ok());
  auto after = ComputeAttributesForSubject(bureau.store(), person, kAsOf);
  ASSERT_TRUE(after.ok());
  ExpectSame(*before, *after);
  EXPECT_EQ(*after->Find("revolving_credit_limit"), 100000.0);  // the limit known then
  EXPECT_EQ(*after->Find("revolving_utilization"), 0.4);        // not 40000 / 100
  EXPECT_EQ(*after->Find("total_utilization"), 540000.0 / 900000.0);
  EXPECT_EQ(*after->Find("scheduled_payment_total"), 27000.0);
  // On the later report's date the new terms count.
  auto later = ComputeAttributesForSubject(bureau.store(), person, D("2024-06-30"));
  ASSERT_TRUE(later.ok());
  EXPECT_EQ(*later->Find("revolving_credit_limit"), 0.0);  // closed and charged off
  EXPECT_FALSE(later->Find("revolving_utilization")->has_value());
  EXPECT_EQ(*later->Find("total_past_due"), 5000.0);
}

// Utilisation as of an earlier date counts every revolving account open then, with the limit
// and balance of the report known on that date; a limit cut and a balance rise reported later
// move it only from the later report's date.
TEST(ComputeAttributesTest, UtilisationFollowsTheTermsKnownOnEachDate) {
  testing::TempBureau bureau;
  SubjectId person = testing::InsertPerson(bureau.store(), "Zhou Min");
  ASSERT_TRUE(bureau.store().WithTransaction([&](Transaction& txn) -> Status {
    Tradeline card = MakeTradeline(AccountKind::kRevolving, "2020-03-01", "2024-04-30", "00",
                                   20000, 100000);
    card.subject_id = person;
    CREDO_TRY(txn.UpsertTradeline(card, 0));
    Tradeline other = MakeTradeline(AccountKind::kRevolving, "2021-03-01", "2024-04-30", "00",
                                    10000, 100000);
    other.key.account_number = "second-card";
    other.subject_id = person;
    CREDO_TRY(txn.UpsertTradeline(other, 0));
    card.reported_on = D("2024-05-31");
    card.history = PaymentHistory::FromCodes(D("2024-05-31"), "000").value();
    card.balance = testing::Usd(40000);  // balance rise
    CREDO_TRY(txn.UpsertTradeline(card, 0));
    card.reported_on = D("2024-06-30");
    card.history = PaymentHistory::FromCodes(D("2024-06-30"), "0000").value();
    card.credit_limit = testing::Usd(50000);  // limit cut
    CREDO_TRY(txn.UpsertTradeline(card, 0));
    return Ok();
  }).ok());
  auto utilisation = [&](const char* as_of) -> std::optional<double> {
    auto set = ComputeAttributesForSubject(bureau.store(), person, D(as_of));
    EXPECT_TRUE(set.ok());
    return set.ok() ? *set->Find("revolving_utilization") : std::nullopt;
  };
  EXPECT_EQ(utilisation("2024-04-30"), 30000.0 / 200000.0);
  EXPECT_EQ(utilisation("2024-05-31"), 50000.0 / 200000.0);
  EXPECT_EQ(utilisation("2024-06-15"), 50000.0 / 200000.0);
  EXPECT_EQ(utilisation("2024-06-30"), 50000.0 / 150000.0);
  EXPECT_FALSE(utilisation("2024-04-29").has_value());  // nothing reported yet
}

//! Noon (UTC) of the day `iso`, in unix seconds: what a store clock set to that day stamps.
int64_t NoonOf(std::string_view iso) {
  return static_cast<int64_t>(D(iso).days_since_epoch()) * 86400 + 43200;
}

void SetClockTo(FixedClock& clock, std::string_view iso) {
  clock.Set(D(iso));
  clock.SetUnixSeconds(NoonOf(iso));
}

Relation GuaranteeOf(SubjectId from, SubjectId to, int64_t amount,
                     std::optional<Date> since = std::nullopt) {
  Relation guarantee;
  guarantee.from = from;
  guarantee.to = to;
  guarantee.kind = RelationKind::kGuarantee;
  guarantee.amount = testing::Usd(amount);
  guarantee.since = since;
  return guarantee;
}

//! FY2023 of a guarantor: equity 400,000 (USD minor units).
FinancialStatement GuarantorStatement(SubjectId company) {
  FinancialStatement fy;
  fy.subject_id = company;
  fy.period_end = D("2023-12-31");
  fy.currency = Currency::Usd();
  fy.current_assets = 500000;
  fy.current_liabilities = 250000;
  fy.total_assets = 1000000;
  fy.total_liabilities = 600000;
  fy.equity = 400000;
  fy.revenue = 2000000;
  return fy;
}

// Relations carry no received date: an undated one is known from the day the store first
// recorded it. Guarantees given and received and a stake recorded after the as-of date change no
// company attribute as of it, and count from the day they were recorded.
TEST(ComputeAttributesTest, NoLookAheadThroughRelationsRecordedAfterAsOf) {
  FixedClock clock(D("2024-06-01"), NoonOf("2024-06-01"));
  testing::TempBureau bureau(&clock);
  SubjectId company = testing::InsertCompany(bureau.store(), "Guarantor Co", D("2012-01-01"));
  SubjectId first = testing::InsertCompany(bureau.store(), "Borrower One");
  SubjectId second = testing::InsertCompany(bureau.store(), "Borrower Two");
  SubjectId third = testing::InsertCompany(bureau.store(), "Borrower Three");
  SubjectId parent = testing::InsertCompany(bureau.store(), "Parent Co");
  ASSERT_TRUE(bureau.store().WithTransaction([&](Transaction& txn) -> Status {
    CREDO_TRY(txn.UpsertFinancialStatement(GuarantorStatement(company)));
    CREDO_TRY(txn.UpsertRelation(GuaranteeOf(company, first, 100000)));  // undated
    CREDO_TRY(txn.UpsertRelation(GuaranteeOf(company, second, 200000, D("2023-01-01"))));
    return Ok();
  }).ok());
  auto before = ComputeAttributesForSubject(bureau.store(), company, kAsOf);
  ASSERT_TRUE(before.ok()) << before.error().ToString();
  EXPECT_EQ(*before->Find("guarantees_given_total"), 2.0);
  EXPECT_EQ(*before->Find("guarantees_given_amount"), 300000.0);
  EXPECT_EQ(*before->Find("guarantees_to_net_assets"), 0.75);
  EXPECT_EQ(*before->Find("guarantees_received_total"), 0.0);
  // The day before the store recorded it, the undated guarantee was unknown.
  auto earlier = ComputeAttributesForSubject(bureau.store(), company, D("2024-05-31"));
  ASSERT_TRUE(earlier.ok());
  EXPECT_EQ(*earlier->Find("guarantees_given_total"), 1.0);
  EXPECT_EQ(*earlier->Find("guarantees_given_amount"), 200000.0);

  SetClockTo(clock, "2024-07-10");
  ASSERT_TRUE(bureau.store().WithTransaction([&](Transaction& txn) -> Status {
    CREDO_TRY(txn.UpsertRelation(GuaranteeOf(company, third, 900000)));
    CREDO_TRY(txn.UpsertRelation(GuaranteeOf(parent, company, 500000)));
    Relation stake;
    stake.from = parent;
    stake.to = company;
    stake.kind = RelationKind::kShareholding;
    stake.percent = 60;
    CREDO_TRY(txn.UpsertRelation(stake));
    return Ok();
  }).ok());
  auto after = ComputeAttributesForSubject(bureau.store(), company, kAsOf);
  ASSERT_TRUE(after.ok()) << after.error().ToString();
  ExpectSame(*before, *after);
  auto recorded = ComputeAttributesForSubject(bureau.store(), company, D("2024-07-10"));
  ASSERT_TRUE(recorded.ok());
  EXPECT_EQ(*recorded->Find("guarantees_given_total"), 3.0);
  EXPECT_EQ(*recorded->Find("guarantees_given_amount"), 1200000.0);
  EXPECT_EQ(*recorded->Find("guarantees_received_total"), 1.0);
}

// A guarantee the company receives, re-sent by its guarantor after the as-of date, was known
// from the day the store first recorded it: it counts as of that day (before store schema 7 a
// received relation was known only from its latest write).
TEST(ComputeAttributesTest, AGuaranteeReceivedAndSentAgainCountsFromItsFirstRecord) {
  FixedClock clock(D("2024-06-01"), NoonOf("2024-06-01"));
  testing::TempBureau bureau(&clock);
  SubjectId company = testing::InsertCompany(bureau.store(), "Borrower Co", D("2012-01-01"));
  SubjectId parent = testing::InsertCompany(bureau.store(), "Parent Co");
  ASSERT_TRUE(bureau.store().WithTransaction([&](Transaction& txn) -> Status {
    CREDO_TRY(txn.UpsertFinancialStatement(GuarantorStatement(company)));
    CREDO_TRY(txn.UpsertRelation(GuaranteeOf(parent, company, 500000)));  // undated
    return Ok();
  }).ok());
  SetClockTo(clock, "2024-07-10");
  ASSERT_TRUE(bureau.store().WithTransaction([&](Transaction& txn) -> Status {
    CREDO_TRY(txn.UpsertRelation(GuaranteeOf(parent, company, 500000)));  // re-sent
    return Ok();
  }).ok());
  auto known = ComputeAttributesForSubject(bureau.store(), company, D("2024-06-15"));
  ASSERT_TRUE(known.ok()) << known.error().ToString();
  EXPECT_EQ(*known->Find("guarantees_received_total"), 1.0);
  auto before = ComputeAttributesForSubject(bureau.store(), company, D("2024-05-31"));
  ASSERT_TRUE(before.ok());
  EXPECT_EQ(*before->Find("guarantees_received_total"), 0.0);
}

// The store keeps only a relation's latest version. Guarantees known on the as-of date and
// written again after it (a new amount, or the same one re-sent) still count then, but their
// amount then is unknown: the sum and the leverage are missing, never the later amount. A dated
// guarantee loaded late counts from its `since` date with its amount, as a record without a
// received date is taken as received on its own date.
TEST(ComputeAttributesTest, ARelationWrittenAgainAfterAsOfLeavesItsAmountUnknown) {
  FixedClock clock(D("2024-06-01"), NoonOf("2024-06-01"));
  testing::TempBureau bureau(&clock);
  SubjectId company = testing::InsertCompany(bureau.store(), "Guarantor Co", D("2012-01-01"));
  SubjectId borrower = testing::InsertCompany(bureau.store(), "Borrower One");
  SubjectId other = testing::InsertCompany(bureau.store(), "Borrower Two");
  ASSERT_TRUE(bureau.store().WithTransaction([&](Transaction& txn) -> Status {
    CREDO_TRY(txn.UpsertFinancialStatement(GuarantorStatement(company)));
    CREDO_TRY(txn.UpsertRelation(GuaranteeOf(company, borrower, 200000, D("2023-01-01"))));
    CREDO_TRY(txn.UpsertRelation(GuaranteeOf(company, other, 100000)));  // undated
    return Ok();
  }).ok());
  auto before = ComputeAttributesForSubject(bureau.store(), company, kAsOf);
  ASSERT_TRUE(before.ok()) << before.error().ToString();
  EXPECT_EQ(*before->Find("guarantees_given_total"), 2.0);
  EXPECT_EQ(*before->Find("guarantees_given_amount"), 300000.0);

  SetClockTo(clock, "2024-07-10");
  ASSERT_TRUE(bureau.store().WithTransaction([&](Transaction& txn) -> Status {
    CREDO_TRY(txn.UpsertRelation(GuaranteeOf(company, borrower, 5000000, D("2023-01-01"))));
    CREDO_TRY(txn.UpsertRelation(GuaranteeOf(company, other, 100000)));  // re-sent as it was
    return Ok();
  }).ok());
  auto after = ComputeAttributesForSubject(bureau.store(), company, kAsOf);
  ASSERT_TRUE(after.ok()) << after.error().ToString();
  ExpectSame(*before, *after, {"guarantees_given_amount", "guarantees_to_net_assets"});
  EXPECT_EQ(*after->Find("guarantees_given_total"), 2.0);  // both were known then
  EXPECT_FALSE(after->Find("guarantees_given_amount")->has_value());
  EXPECT_FALSE(after->Find("guarantees_to_net_assets")->has_value());
  auto rewritten = ComputeAttributesForSubject(bureau.store(), company, D("2024-07-10"));
  ASSERT_TRUE(rewritten.ok());
  EXPECT_EQ(*rewritten->Find("guarantees_given_amount"), 5100000.0);

  // History loaded late: a guarantee begun 2024-01-01 that the store first recorded 2024-07-10.
  SubjectId late = testing::InsertCompany(bureau.store(), "Late Loaded Co", D("2015-01-01"));
  ASSERT_TRUE(bureau.store().WithTransaction([&](Transaction& txn) -> Status {
    CREDO_TRY(txn.UpsertFinancialStatement(GuarantorStatement(late)));
    CREDO_TRY(txn.UpsertRelation(GuaranteeOf(late, borrower, 50000, D("2024-01-01"))));
    return Ok();
  }).ok());
  auto loaded_late = ComputeAttributesForSubject(bureau.store(), late, kAsOf);
  ASSERT_TRUE(loaded_late.ok()) << loaded_late.error().ToString();
  EXPECT_EQ(*loaded_late->Find("guarantees_given_total"), 1.0);
  EXPECT_EQ(*loaded_late->Find("guarantees_given_amount"), 50000.0);
}

// Reading only some parts of a stored file: the parts not asked for are not read, and the
// attributes of the parts read are those of the whole file.
TEST(ComputeAttributesTest, OnlyThePartsAskedForAreRead) {
  testing::TempBureau bureau;
  SubjectId person = testing::InsertPerson(bureau.store(), "Wang Fang");
  SeedPerson(bureau.store(), person);
  const CreditFileParts tradelines = {CreditFilePart::kTradelines};
  ASSERT_TRUE(bureau.store().WithReadTransaction([&](Transaction& txn) -> Status {
    CREDO_ASSIGN_OR_RETURN(CreditFile whole, LoadCreditFile(txn, person, kAsOf));
    EXPECT_EQ(whole.parts, CreditFileParts::All());
    EXPECT_EQ(whole.inquiries.size(), 3u);
    EXPECT_EQ(whole.public_records.size(), 1u);
    CREDO_ASSIGN_OR_RETURN(CreditFile partial,
                           LoadCreditFile(txn, person, kAsOf, nullptr, tradelines));
    EXPECT_EQ(partial.parts, tradelines);
    EXPECT_EQ(partial.subject.id, person);
    EXPECT_EQ(partial.tradelines.size(), whole.tradelines.size());
    EXPECT_TRUE(partial.inquiries.empty());
    EXPECT_TRUE(partial.public_records.empty());
    CREDO_ASSIGN_OR_RETURN(AttributeSet all, ComputeAttributesForSubject(txn, person, kAsOf));
    CREDO_ASSIGN_OR_RETURN(AttributeSet some, ComputeAttributesForSubject(txn, person, kAsOf,
                                                                          nullptr, tradelines));
    for (size_t i = 0; i < all.values.size(); ++i) {
      if (tradelines.Covers(PartsRead(SubjectKind::kPerson, i))) {
        EXPECT_EQ(some.values[i], all.values[i]) << all.definitions[i].name;
      } else {
        EXPECT_FALSE(some.values[i].has_value()) << all.definitions[i].name;
      }
    }
    EXPECT_EQ(*all.Find("inquiries_12m"), 3.0);
    return Ok();
  }).ok());
}

TEST(ComputeAttributesTest, CompanyFromTheStore) {
  testing::TempBureau bureau;
  SubjectId company = testing::InsertCompany(bureau.store(), "Delta Co", D("2015-07-01"));
  ASSERT_TRUE(bureau.store().WithTransaction([&](Transaction& txn) -> Status {
    FinancialStatement fy;
    fy.subject_id = company;
    fy.period_end = D("2023-12-31");
    fy.currency = Currency::Cny();
    fy.current_assets = 900;
    fy.current_liabilities = 300;
    fy.total_assets = 3000;
    fy.total_liabilities = 1000;
    fy.equity = 2000;
    CREDO_TRY(txn.UpsertFinancialStatement(fy));
    return Ok();
  }).ok());
  auto set = ComputeAttributesForSubject(bureau.store(), company, kAsOf);
  ASSERT_TRUE(set.ok()) << set.error().ToString();
  EXPECT_EQ(set->kind, SubjectKind::kOrganization);
  EXPECT_EQ(*set->Find("current_ratio"), 3.0);
  EXPECT_EQ(*set->Find("company_age_months"), 107.0);
  EXPECT_EQ(set->Find("tradelines_total"), nullptr);
}

TEST(ComputeAttributesTest, UnknownSubjectIsAnError) {
  testing::TempBureau bureau;
  auto set = ComputeAttributesForSubject(bureau.store(), 12345, kAsOf);
  ASSERT_FALSE(set.ok());
  EXPECT_EQ(set.error().code, ErrorCode::kNotFound);
}

TEST(ComputeAttributesTest, OutputIsNeverNaNOrInfinite) {
  CreditFile file = testing::CompanyFile("2024-06-15");
  FinancialStatementRow row;
  row.statement.period_end = D("2023-12-31");  // an all-zero statement: every denominator 0
  file.financial_statements = {row};
  for (const AttributeValue& value : ComputeAttributes(file).values) {
    if (value) {
      EXPECT_TRUE(std::isfinite(*value));
    }
  }
}

}  // namespace
}  // namespace credo::features
