#include "compliance/retention.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "compliance_test_support.h"

namespace credo::compliance {
namespace {

using testing::Bureau;
using testing::D;

SuppressionSet Suppressions(Bureau& bureau, SubjectId subject) {
  SuppressionSet set;
  testing::Read(bureau.store(), [&](Transaction& tx) -> Status {
    CREDO_ASSIGN_OR_RETURN(set, LoadSuppressions(tx, subject));
    return Ok();
  });
  return set;
}

int64_t PurgeAuditEntries(Bureau& bureau) {
  auto audit = bureau.Audit();
  return std::count_if(audit.begin(), audit.end(),
                       [](const AuditEntry& e) { return e.action == "compliance.purge"; });
}

bool AccountIsANegativeItem(Bureau& bureau, SubjectId subject, int64_t tradeline) {
  bool found = false;
  testing::Read(bureau.store(), [&](Transaction& tx) -> Status {
    CREDO_ASSIGN_OR_RETURN(auto items, ListNegativeItems(tx, subject));
    found = std::any_of(items.begin(), items.end(), [&](const NegativeItem& n) {
      return n.item.kind == ItemKind::kTradeline && n.item.id == tradeline;
    });
    return Ok();
  });
  return found;
}

// CN: months 2018-02..2018-04 overdue, brought current in 2018-05: the event ended 2018-05-01,
// so the months are reported through 2023-04-30 and deleted from 2023-05-01 (条例 Art. 16).
TEST(PurgeCn, DelinquentMonthsFiveYearsAfterTheEventEndedToTheDay) {
  Bureau bureau("cn", D(2023, 6, 1));
  SubjectId subject = bureau.AddPerson(1);
  int64_t tradeline = bureau.AddTradeline(subject, "A-1", D(2018, 6, 30), "00111000");
  auto day_before = Purge(bureau.store(), bureau.context(), D(2023, 4, 30));
  ASSERT_TRUE(day_before.ok()) << day_before.error().ToString();
  EXPECT_TRUE(day_before->purged.empty());
  EXPECT_FALSE(Suppressions(bureau, subject).MonthSuppressed(tradeline, D(2018, 4, 1)));
  auto on_the_day = Purge(bureau.store(), bureau.context(), D(2023, 5, 1));
  ASSERT_TRUE(on_the_day.ok());
  EXPECT_EQ(on_the_day->purged.size(), 3u);
  SuppressionSet set = Suppressions(bureau, subject);
  EXPECT_TRUE(set.MonthSuppressed(tradeline, D(2018, 2, 1)));
  EXPECT_TRUE(set.MonthSuppressed(tradeline, D(2018, 4, 1)));
  EXPECT_FALSE(set.MonthSuppressed(tradeline, D(2018, 5, 1)));
  EXPECT_FALSE(set.TradelineSuppressed(tradeline));  // the account itself stays
  EXPECT_EQ(PurgeAuditEntries(bureau), 3);
  // A second run finds nothing new.
  EXPECT_TRUE(Purge(bureau.store(), bureau.context(), D(2023, 6, 1))->purged.empty());
}

TEST(PurgeCn, OngoingDelinquencyAndUnresolvedRecordsAreNotPurged) {
  Bureau bureau("cn", D(2030, 1, 1));
  SubjectId subject = bureau.AddPerson(1);
  int64_t tradeline = bureau.AddTradeline(subject, "A-1", D(2018, 6, 30), "321000",
                                          AccountStatus::kPastDue90);
  int64_t record = bureau.AddPublicRecord(subject, PublicRecordKind::kCourtEnforcement, D(2015, 1, 1), {});
  auto result = Purge(bureau.store(), bureau.context(), D(2030, 1, 1));
  ASSERT_TRUE(result.ok());
  EXPECT_TRUE(result->purged.empty());
  SuppressionSet set = Suppressions(bureau, subject);
  EXPECT_FALSE(set.MonthSuppressed(tradeline, D(2018, 6, 1)));
  EXPECT_FALSE(set.PublicRecordSuppressed(record));
}

// CN, a charge-off paid in full (条例 Art. 16): the payment ended the event, so the overdue
// months go five years after it (brought to zero balance in 2018-06: from 2023-06-01), and so
// does the account, whose status (64, "paid, was a charge-off") is itself negative information.
TEST(PurgeCn, APaidChargeOffLeavesTheFileFiveYearsAfterPayment) {
  Bureau bureau("cn", D(2030, 1, 1));
  SubjectId subject = bureau.AddPerson(1);
  int64_t tradeline = bureau.AddTradeline(subject, "A-1", D(2018, 6, 30), "ELL3210",
                                          AccountStatus::kPaidChargeOff, D(2017, 12, 10));
  ASSERT_TRUE(Purge(bureau.store(), bureau.context(), D(2023, 5, 31)).ok());
  EXPECT_FALSE(Suppressions(bureau, subject).MonthSuppressed(tradeline, D(2018, 5, 1)));
  EXPECT_FALSE(Suppressions(bureau, subject).TradelineSuppressed(tradeline));
  EXPECT_TRUE(AccountIsANegativeItem(bureau, subject, tradeline));
  auto result = Purge(bureau.store(), bureau.context(), D(2023, 6, 1));
  ASSERT_TRUE(result.ok()) << result.error().ToString();
  EXPECT_EQ(result->purged.size(), 6u);  // 2018-01 .. 2018-05, and the account
  SuppressionSet set = Suppressions(bureau, subject);
  EXPECT_TRUE(set.MonthSuppressed(tradeline, D(2018, 1, 1)));
  EXPECT_TRUE(set.MonthSuppressed(tradeline, D(2018, 5, 1)));
  EXPECT_TRUE(set.TradelineSuppressed(tradeline));
  EXPECT_TRUE(Purge(bureau.store(), bureau.context(), D(2030, 1, 1))->purged.empty());
}

// CN, a paid collection whose months never show the cure: the date closed is the payment, and
// the account and its months go five years after it.
TEST(PurgeCn, APaidCollectionCountsFromItsDateClosed) {
  Bureau bureau("cn", D(2030, 1, 1));
  SubjectId subject = bureau.AddPerson(1);
  int64_t tradeline = bureau.AddTradeline(subject, "A-2", D(2019, 3, 31), "LL321",
                                          AccountStatus::kPaidCollection, D(2018, 8, 10));
  ASSERT_TRUE(bureau.store().WithTransaction([&](Transaction& tx) -> Status {
    CREDO_ASSIGN_OR_RETURN(TradelineRow row, tx.GetTradeline(tradeline));
    row.tradeline.closed_on = D(2019, 3, 20);
    CREDO_TRY(tx.UpsertTradeline(row.tradeline, 0));
    return Ok();
  }).ok());
  ASSERT_TRUE(Purge(bureau.store(), bureau.context(), D(2024, 3, 19)).ok());
  EXPECT_FALSE(Suppressions(bureau, subject).TradelineSuppressed(tradeline));
  auto result = Purge(bureau.store(), bureau.context(), D(2024, 3, 20));
  ASSERT_TRUE(result.ok()) << result.error().ToString();
  SuppressionSet set = Suppressions(bureau, subject);
  EXPECT_TRUE(set.TradelineSuppressed(tradeline));
  EXPECT_TRUE(set.MonthSuppressed(tradeline, D(2019, 3, 1)));
}

TEST(PurgeCn, PublicRecordFromItsResolutionWithLeapDayClamped) {
  Bureau bureau("cn", D(2021, 3, 1));
  SubjectId subject = bureau.AddPerson(1);
  int64_t record = bureau.AddPublicRecord(subject, PublicRecordKind::kAdministrativePenalty,
                                          D(2015, 6, 1), D(2016, 2, 29));
  EXPECT_TRUE(Purge(bureau.store(), bureau.context(), D(2021, 2, 27))->purged.empty());
  auto result = Purge(bureau.store(), bureau.context(), D(2021, 2, 28));
  ASSERT_EQ(result->purged.size(), 1u);
  EXPECT_EQ(result->purged[0].category, "penalty");
  EXPECT_TRUE(Suppressions(bureau, subject).PublicRecordSuppressed(record));
}

// US: a charge-off with DOFD 2015-01-10. FCRA 605(c): the 7 years start 180 days later,
// 2015-07-09, so the account is reported through 2022-07-08.
TEST(PurgeUs, ChargeOffSevenYearsFrom180DaysAfterDofdToTheDay) {
  Bureau bureau("us", D(2022, 8, 1));
  SubjectId subject = bureau.AddPerson(1);
  int64_t tradeline = bureau.AddTradeline(subject, "C-1", D(2016, 1, 31), "LLL6543210",
                                          AccountStatus::kChargeOff, D(2015, 1, 10));
  ASSERT_TRUE(Purge(bureau.store(), bureau.context(), D(2022, 7, 8)).ok());
  EXPECT_FALSE(Suppressions(bureau, subject).TradelineSuppressed(tradeline));
  ASSERT_TRUE(Purge(bureau.store(), bureau.context(), D(2022, 7, 9)).ok());
  EXPECT_TRUE(Suppressions(bureau, subject).TradelineSuppressed(tradeline));
}

TEST(PurgeUs, LaterUpdatesDoNotReAgeTheItem) {
  Bureau bureau("us", D(2020, 1, 1));
  SubjectId subject = bureau.AddPerson(1);
  int64_t tradeline = bureau.AddTradeline(subject, "C-1", D(2016, 1, 31), "LLL6543210",
                                          AccountStatus::kChargeOff, D(2015, 1, 10));
  ASSERT_TRUE(Purge(bureau.store(), bureau.context(), D(2020, 1, 1)).ok());  // first seen
  // The debt is sold and the buyer reports a later DOFD: that must not restart the clock.
  bureau.AddTradeline(subject, "C-1", D(2019, 12, 31), "L", AccountStatus::kChargeOff, D(2017, 6, 1));
  bureau.SetToday(D(2022, 7, 9));
  ASSERT_TRUE(Purge(bureau.store(), bureau.context(), D(2022, 7, 9)).ok());
  EXPECT_TRUE(Suppressions(bureau, subject).TradelineSuppressed(tradeline));
  testing::Read(bureau.store(), [&](Transaction& tx) -> Status {
    CREDO_ASSIGN_OR_RETURN(auto items, ListNegativeItems(tx, subject));
    auto account = std::find_if(items.begin(), items.end(), [](const NegativeItem& n) {
      return n.item.kind == ItemKind::kTradeline;
    });
    EXPECT_NE(account, items.end());
    EXPECT_EQ(account->clock_start, D(2015, 7, 9));
    EXPECT_EQ(account->purge_on, D(2022, 7, 9));
    return Ok();
  });
}

// FCRA 605(a)(4), 605(c): a charge-off paid in full (Metro 2 64) or a paid collection (62) may
// not be reported once seven years have run from its clock, which starts 180 days after the DOFD,
// exactly as for one still open (97, 93): the whole account leaves the file, not only its
// derogatory months. Run on 2024-07-10: DOFD 2017-01-10 starts the clock on 2017-07-09, so the
// period ended yesterday; DOFD 2017-01-12 starts it on 2017-07-11, one day is left.
TEST(PurgeUs, PaidChargeOffAndPaidCollectionLeaveTheFileWhenTheirPeriodHasRun) {
  Bureau bureau("us", D(2024, 7, 10));
  SubjectId subject = bureau.AddPerson(1);
  int64_t paid_charge_off_due = bureau.AddTradeline(
      subject, "P-1", D(2017, 9, 30), "LLL6543210", AccountStatus::kPaidChargeOff, D(2017, 1, 10));
  int64_t paid_collection_due = bureau.AddTradeline(
      subject, "P-2", D(2017, 9, 30), "GGG6543210", AccountStatus::kPaidCollection, D(2017, 1, 10));
  int64_t paid_charge_off_kept = bureau.AddTradeline(
      subject, "P-3", D(2017, 9, 30), "LLL6543210", AccountStatus::kPaidChargeOff, D(2017, 1, 12));
  auto result = Purge(bureau.store(), bureau.context(), D(2024, 7, 10));
  ASSERT_TRUE(result.ok()) << result.error().ToString();
  SuppressionSet set = Suppressions(bureau, subject);
  EXPECT_TRUE(set.TradelineSuppressed(paid_charge_off_due));
  EXPECT_TRUE(set.TradelineSuppressed(paid_collection_due));
  EXPECT_FALSE(set.TradelineSuppressed(paid_charge_off_kept));
  const Suppression* suppression = set.Find({ItemKind::kTradeline, paid_charge_off_due, Date(), ""});
  ASSERT_NE(suppression, nullptr);
  EXPECT_EQ(suppression->reason, kReasonRetention);
  EXPECT_EQ(suppression->due_on, D(2024, 7, 9));
  // The next day the third one has run its period too.
  bureau.SetToday(D(2024, 7, 11));
  ASSERT_TRUE(Purge(bureau.store(), bureau.context(), D(2024, 7, 11)).ok());
  EXPECT_TRUE(Suppressions(bureau, subject).TradelineSuppressed(paid_charge_off_kept));
  // Audited per item, without personal data (ids and dates only).
  for (const AuditEntry& entry : bureau.Audit()) {
    if (entry.action != "compliance.purge") continue;
    EXPECT_EQ(entry.detail.find("Zhangtest"), std::string::npos) << entry.detail;
    EXPECT_EQ(entry.detail.find("110105"), std::string::npos) << entry.detail;
    EXPECT_EQ(entry.detail.find("First Test Bank"), std::string::npos) << entry.detail;
  }
}

// The 180 days of 605(c) count: a paid charge-off whose DOFD is seven years and a day before the
// run, 2017-07-09, started its clock on 2018-01-05 and is reported until 2025-01-04.
TEST(PurgeUs, APaidChargeOffIsKeptWhileThe180DaysOf605cAreStillRunning) {
  Bureau bureau("us", D(2024, 7, 10));
  SubjectId subject = bureau.AddPerson(1);
  int64_t tradeline = bureau.AddTradeline(subject, "P-1", D(2018, 3, 31), "LLL654321",
                                          AccountStatus::kPaidChargeOff, D(2017, 7, 9));
  ASSERT_TRUE(Purge(bureau.store(), bureau.context(), D(2024, 7, 10)).ok());
  EXPECT_FALSE(Suppressions(bureau, subject).TradelineSuppressed(tradeline));
  bureau.SetToday(D(2025, 1, 5));
  ASSERT_TRUE(Purge(bureau.store(), bureau.context(), D(2025, 1, 5)).ok());
  EXPECT_TRUE(Suppressions(bureau, subject).TradelineSuppressed(tradeline));
}

// A current account whose old delinquency was cured is not an account-level item: its
// delinquent months leave with their own period (from the DOFD, no 180 days for mere lateness),
// the account stays.
TEST(PurgeUs, ACurrentAccountWithOldDelinquencyKeepsTheAccount) {
  Bureau bureau("us", D(2024, 7, 10));
  SubjectId subject = bureau.AddPerson(1);
  int64_t tradeline = bureau.AddTradeline(subject, "A-1", D(2017, 12, 31), "000000111000",
                                          AccountStatus::kCurrent);
  ASSERT_TRUE(Purge(bureau.store(), bureau.context(), D(2024, 7, 10)).ok());
  SuppressionSet set = Suppressions(bureau, subject);
  EXPECT_FALSE(set.TradelineSuppressed(tradeline));
  EXPECT_FALSE(AccountIsANegativeItem(bureau, subject, tradeline));
  EXPECT_TRUE(set.MonthSuppressed(tradeline, D(2017, 4, 1)));   // due 2024-04-01
  EXPECT_FALSE(set.MonthSuppressed(tradeline, D(2017, 7, 1)));  // current then
}

// An open charge-off (97), paid (64) before its period ends, still leaves the file with it.
TEST(PurgeUs, AChargeOffPaidBeforeItsPeriodEndsLeavesTheFileOnTime) {
  Bureau bureau("us", D(2020, 1, 1));
  SubjectId subject = bureau.AddPerson(1);
  int64_t tradeline = bureau.AddTradeline(subject, "C-1", D(2016, 1, 31), "LLL6543210",
                                          AccountStatus::kChargeOff, D(2015, 1, 10));
  ASSERT_TRUE(Purge(bureau.store(), bureau.context(), D(2020, 1, 1)).ok());  // first seen, open
  bureau.AddTradeline(subject, "C-1", D(2021, 3, 31), "ELLL", AccountStatus::kPaidChargeOff,
                      D(2015, 1, 10));
  bureau.SetToday(D(2022, 7, 9));
  ASSERT_TRUE(Purge(bureau.store(), bureau.context(), D(2022, 7, 8)).ok());
  EXPECT_FALSE(Suppressions(bureau, subject).TradelineSuppressed(tradeline));
  ASSERT_TRUE(Purge(bureau.store(), bureau.context(), D(2022, 7, 9)).ok());
  EXPECT_TRUE(Suppressions(bureau, subject).TradelineSuppressed(tradeline));
}

// Earlier versions marked such an account purged without hiding it once it was paid; the next
// run hides it.
TEST(PurgeUs, APaidChargeOffLeftOnTheFileByAnEarlierRunIsHidden) {
  Bureau bureau("us", D(2020, 1, 1));
  SubjectId subject = bureau.AddPerson(1);
  int64_t tradeline = bureau.AddTradeline(subject, "C-1", D(2016, 1, 31), "LLL6543210",
                                          AccountStatus::kChargeOff, D(2015, 1, 10));
  ASSERT_TRUE(Purge(bureau.store(), bureau.context(), D(2020, 1, 1)).ok());  // registered
  bureau.AddTradeline(subject, "C-1", D(2021, 3, 31), "ELLL", AccountStatus::kPaidChargeOff,
                      D(2015, 1, 10));
  Bureau::Check(bureau.store().WithTransaction([&](Transaction& tx) {
    return tx.Execute(
        "UPDATE compliance_negative_items SET purged_on = purge_on WHERE item_kind = 'tradeline'");
  }));
  bureau.SetToday(D(2023, 1, 1));
  auto result = Purge(bureau.store(), bureau.context(), D(2023, 1, 1));
  ASSERT_TRUE(result.ok()) << result.error().ToString();
  EXPECT_TRUE(Suppressions(bureau, subject).TradelineSuppressed(tradeline));
  EXPECT_TRUE(std::any_of(result->purged.begin(), result->purged.end(), [&](const NegativeItem& n) {
    return n.item.kind == ItemKind::kTradeline && n.item.id == tradeline;
  }));
  // Once hidden, a later run has nothing more to do with it.
  auto again = Purge(bureau.store(), bureau.context(), D(2023, 1, 1));
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->purged.empty());
}

TEST(PurgeUs, BankruptcyTenYearsJudgmentSevenFromFiling) {
  Bureau bureau("us", D(2023, 1, 1));
  SubjectId subject = bureau.AddPerson(1);
  int64_t bankruptcy = bureau.AddPublicRecord(subject, PublicRecordKind::kBankruptcy, D(2012, 5, 20), {}, "B-1");
  int64_t judgment = bureau.AddPublicRecord(subject, PublicRecordKind::kCivilJudgment, D(2012, 5, 20), {}, "J-1");
  ASSERT_TRUE(Purge(bureau.store(), bureau.context(), D(2019, 5, 19)).ok());
  EXPECT_FALSE(Suppressions(bureau, subject).PublicRecordSuppressed(judgment));
  ASSERT_TRUE(Purge(bureau.store(), bureau.context(), D(2019, 5, 20)).ok());
  EXPECT_TRUE(Suppressions(bureau, subject).PublicRecordSuppressed(judgment));
  EXPECT_FALSE(Suppressions(bureau, subject).PublicRecordSuppressed(bankruptcy));
  ASSERT_TRUE(Purge(bureau.store(), bureau.context(), D(2022, 5, 19)).ok());
  EXPECT_FALSE(Suppressions(bureau, subject).PublicRecordSuppressed(bankruptcy));
  ASSERT_TRUE(Purge(bureau.store(), bureau.context(), D(2022, 5, 20)).ok());
  EXPECT_TRUE(Suppressions(bureau, subject).PublicRecordSuppressed(bankruptcy));
}

TEST(Purge, AFutureDateIsRefusedRecordedAndChangesNothing) {
  Bureau bureau("cn", D(2023, 6, 1));
  SubjectId subject = bureau.AddPerson(1);
  bureau.AddTradeline(subject, "A-1", D(2018, 6, 30), "00111000");
  auto before = bureau.Snapshot();
  auto result = Purge(bureau.store(), bureau.context(), D(2023, 6, 2));
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(result.error().message.find("purge.future_date"), std::string::npos);
  EXPECT_EQ(bureau.Snapshot(), before);
  EXPECT_EQ(bureau.LastRefusalRule(), "purge.future_date");
}

}  // namespace
}  // namespace credo::compliance

namespace credo::compliance {
namespace {

using testing::Bureau;
using testing::D;

TEST(PurgeAfterMerge, ItemsRegisteredUnderTheOldSubjectAreStillFoundAndPurged) {
  Bureau bureau("cn", D(2020, 1, 1));
  SubjectId old_id = bureau.AddPerson(1);
  SubjectId survivor = bureau.AddPerson(2);
  int64_t tradeline = bureau.AddTradeline(old_id, "A-1", D(2018, 6, 30), "00111000");
  ASSERT_TRUE(Purge(bureau.store(), bureau.context(), D(2020, 1, 1)).ok());  // registered under old_id
  Bureau::Check(bureau.store().WithTransaction([&](Transaction& tx) { return tx.MergeSubjects(old_id, survivor); }));
  bureau.SetToday(D(2023, 5, 1));
  auto result = Purge(bureau.store(), bureau.context(), D(2023, 5, 1));
  ASSERT_TRUE(result.ok()) << result.error().ToString();
  EXPECT_EQ(result->purged.size(), 3u);
  testing::Read(bureau.store(), [&](Transaction& tx) -> Status {
    CREDO_ASSIGN_OR_RETURN(auto set, LoadSuppressions(tx, survivor));
    EXPECT_TRUE(set.MonthSuppressed(tradeline, D(2018, 3, 1)));
    return Ok();
  });
}

}  // namespace
}  // namespace credo::compliance
