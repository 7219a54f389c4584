// The Metro 2 batch path (Metro2Source in ingest/batch/sources.cc) end to end on a SQLite bureau:
// every account status the validator accepts loads and reads back as its own code (61-65, 88 and
// 89 among them), an L1 segment continues the tradeline under its new account number, and the
// portfolio type decides the account kind as metro2::ToCore does. Files are written by the
// Metro 2 test utilities (metro2_test_util.h).
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "batch_test_bureau.h"
#include "ingest/metro2/to_core.h"
#include "metro2_test_util.h"

namespace credo::ingest {
namespace {

class Metro2BatchTest : public batch_testing::BatchTestBureau {
 protected:
  //! The tradeline stored under (furnisher, account), if any.
  std::optional<TradelineRow> Find(const std::string& account,
                                   const std::string& furnisher = "CREDOBANK01") {
    std::optional<TradelineRow> found;
    EXPECT_TRUE(store_->WithReadTransaction([&](Transaction& txn) -> Status {
      CREDO_ASSIGN_OR_RETURN(found, txn.FindTradeline({furnisher, account, ""}));
      return Ok();
    }).ok());
    return found;
  }
};

struct StatusCase {
  const char* code;
  AccountStatus status;
  const char* rating;  //!< "" for none: the validator wants one only for 05, 13, 65, 88, 89, 94, 95
  bool paid;           //!< 61-65: closed, with a date closed and a zero balance
};

// IN-030 used to refuse 88 and 89, and 61-65 were stored as one value.
TEST_F(Metro2BatchTest, EveryValidatorStatusLoadsAndReadsBackAsItsOwnCode) {
  const StatusCase kCases[] = {
      {"61", AccountStatus::kPaidVoluntarySurrender, "", true},
      {"62", AccountStatus::kPaidCollection, "", true},
      {"63", AccountStatus::kPaidRepossession, "", true},
      {"64", AccountStatus::kPaidChargeOff, "", true},
      {"65", AccountStatus::kPaidForeclosureStarted, "0", true},
      {"88", AccountStatus::kGovernmentClaimFiled, "6", false},
      {"89", AccountStatus::kDeedInLieu, "6", false},
  };
  std::vector<metro2::DataRecord> records;
  int serial = 60;
  for (const StatusCase& c : kCases) {
    metro2::DataRecord record = metro2::testing::ValidRecord(++serial);
    metro2::BaseSegment& b = record.base;
    b.account_status = c.code;
    if (*c.rating != '\0') b.payment_rating = c.rating;
    if (c.paid) {
      b.current_balance = 0;
      b.date_closed = {12152023};
    } else {
      b.amount_past_due = 1200;
      b.date_of_first_delinquency = {6012023};
    }
    if (std::string_view(c.code) == "64") b.original_charge_off_amount = 1200;
    records.push_back(std::move(record));
  }
  std::string bytes = metro2::testing::WriteFile(records);
  ASSERT_FALSE(bytes.empty());
  auto result = Load(Write("statuses.dat", bytes));
  ASSERT_TRUE(result.ok()) << result.error().ToString();
  EXPECT_EQ(result->dq.records, 7);
  EXPECT_EQ(result->dq.rejected, 0) << result->dq.ToText();
  EXPECT_EQ(result->dq.by_rule.count("IN-030"), 0u);
  EXPECT_EQ(result->dq.delinquent, 2);  // 88 and 89; 61-65 were paid
  EXPECT_EQ(Counts()["tradelines"], 7);
  serial = 60;
  for (const StatusCase& c : kCases) {
    SCOPED_TRACE(c.code);
    std::optional<TradelineRow> row = Find("ACCT" + std::to_string(++serial));
    ASSERT_TRUE(row.has_value());
    EXPECT_EQ(row->tradeline.status, c.status);
    EXPECT_EQ(Metro2AccountStatusCode(row->tradeline.status), c.code);
  }
}

// Month 1 under account number A; month 2 the base segment still says A and L1 changes it to B;
// month 3 under B alone. One tradeline with all three months, reported under B, the change
// audited.
TEST_F(Metro2BatchTest, AnL1SegmentContinuesTheTradelineUnderItsNewNumber) {
  metro2::DataRecord october = metro2::testing::ValidRecord();
  october.base.consumer_account_number = "ACCT-A";
  october.base.time_stamp = {10312023120000};
  october.base.date_of_account_information = {10312023};
  october.base.date_of_last_payment = {10152023};
  auto first = Load(Write("october.dat", metro2::testing::WriteFile({october})));
  ASSERT_TRUE(first.ok()) << first.error().ToString();
  ASSERT_EQ(first->dq.rejected, 0) << first->dq.ToText();
  std::optional<TradelineRow> before = Find("ACCT-A");
  ASSERT_TRUE(before.has_value());

  metro2::DataRecord november = october;
  november.base.time_stamp = {11302023120000};
  november.base.date_of_account_information = {11302023};
  november.base.date_of_last_payment = {11152023};
  metro2::L1Segment l1;
  l1.change_indicator = 1;  // the consumer account number changes
  l1.new_consumer_account_number = "ACCT-B";
  november.l1 = l1;
  auto second = Load(Write("november.dat", metro2::testing::WriteFile({november})));
  ASSERT_TRUE(second.ok()) << second.error().ToString();
  ASSERT_EQ(second->dq.rejected, 0) << second->dq.ToText();

  metro2::DataRecord december = october;
  december.base.consumer_account_number = "ACCT-B";
  december.base.time_stamp = {12312023120000};
  december.base.date_of_account_information = {12312023};
  december.base.date_of_last_payment = {12152023};
  auto third = Load(Write("december.dat", metro2::testing::WriteFile({december})));
  ASSERT_TRUE(third.ok()) << third.error().ToString();
  ASSERT_EQ(third->dq.rejected, 0) << third->dq.ToText();

  EXPECT_EQ(Counts()["tradelines"], 1);
  EXPECT_FALSE(Find("ACCT-A").has_value());
  std::optional<TradelineRow> after = Find("ACCT-B");
  ASSERT_TRUE(after.has_value());
  EXPECT_EQ(after->id, before->id);
  EXPECT_EQ(after->tradeline.subject_id, before->tradeline.subject_id);
  EXPECT_EQ(after->tradeline.reported_on, Date::FromYmd(2023, 12, 31).value());
  ASSERT_TRUE(store_->WithReadTransaction([&](Transaction& txn) -> Status {
    CREDO_ASSIGN_OR_RETURN(std::vector<TradelineTerms> terms, txn.ListTradelineTerms(after->id));
    EXPECT_EQ(terms.size(), 3u);  // the reports of October, November and December
    if (terms.size() == 3u) {
      EXPECT_EQ(terms[0].reported_on, Date::FromYmd(2023, 10, 31).value());
      EXPECT_EQ(terms[1].reported_on, Date::FromYmd(2023, 11, 30).value());
      EXPECT_EQ(terms[2].reported_on, Date::FromYmd(2023, 12, 31).value());
    }
    CREDO_ASSIGN_OR_RETURN(std::vector<TradelineMonth> months, txn.ListTradelineMonths(after->id));
    int reported_months = 0;
    for (const TradelineMonth& month : months) {
      if (month.month >= Date::FromYmd(2023, 10, 1).value()) ++reported_months;
    }
    EXPECT_EQ(reported_months, 3);  // October, November, December 2023
    CREDO_ASSIGN_OR_RETURN(std::vector<AuditEntry> audit,
                           txn.ListAuditForSubject(after->tradeline.subject_id));
    int rekeys = 0;
    for (const AuditEntry& entry : audit) {
      if (entry.action != "tradeline.rekey") continue;
      ++rekeys;
      EXPECT_EQ(entry.entity_id, after->id);
      EXPECT_EQ(entry.detail.find("ACCT-"), std::string::npos) << entry.detail;
    }
    EXPECT_EQ(rekeys, 1);
    return Ok();
  }).ok());
}

// The portfolio type with the account type, as metro2::ToCore's AccountKindFor reads them.
TEST_F(Metro2BatchTest, PortfolioTypeInformsTheAccountKindAsToCoreDoes) {
  struct KindCase {
    const char* portfolio;
    const char* account_type;
    AccountKind kind;
  };
  const KindCase kCases[] = {
      {"C", "89", AccountKind::kLineOfCredit},  // home equity line of credit
      {"O", "07", AccountKind::kOpen},          // charge account
      {"M", "26", AccountKind::kMortgage},
      {"I", "00", AccountKind::kInstallment},
      {"R", "48", AccountKind::kCollection},    // a collection account type decides first
  };
  std::vector<metro2::DataRecord> records;
  int serial = 30;
  for (const KindCase& c : kCases) {
    metro2::DataRecord record = metro2::testing::ValidRecord(++serial);
    record.base.portfolio_type = c.portfolio;
    record.base.account_type = c.account_type;
    records.push_back(std::move(record));
  }
  auto result = Load(Write("kinds.dat", metro2::testing::WriteFile(records)));
  ASSERT_TRUE(result.ok()) << result.error().ToString();
  EXPECT_EQ(result->dq.rejected, 0) << result->dq.ToText();
  serial = 30;
  for (const KindCase& c : kCases) {
    SCOPED_TRACE(std::string(c.portfolio) + "/" + c.account_type);
    EXPECT_EQ(metro2::AccountKindFor(c.portfolio[0], c.account_type), c.kind);
    std::optional<TradelineRow> row = Find("ACCT" + std::to_string(++serial));
    ASSERT_TRUE(row.has_value());
    EXPECT_EQ(row->tradeline.kind, c.kind);
    EXPECT_EQ(row->tradeline.metro2_account_type, c.account_type);
  }
}

}  // namespace
}  // namespace credo::ingest
