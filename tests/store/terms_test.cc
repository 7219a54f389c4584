// What each report said: the terms of every tradeline report (tradeline_terms), the received
// dates of inquiries, public records and financial statements, reads as known on a date, and
// the migration that upgrades a version-1 bureau (backfilling from the current rows). Runs on
// SQLite and on PostgreSQL (CREDO_TEST_PG_URL) with the same code.
#include <gtest/gtest.h>

#include "store_test_data.h"
#include "store_test_support.h"

namespace credo {
namespace {

using testing::D;
using testing::IsOk;
using testing::MakeOrganization;
using testing::MakePerson;
using testing::MakeTradeline;
using testing::TestBureau;

Batch NamedBatch(const std::string& name) {
  Batch batch;
  batch.source = "bank";
  batch.file_name = name;
  batch.content_hash = name;
  return batch;
}

class StoreTermsTest : public ::testing::TestWithParam<StoreBackend> {
 protected:
  void SetUp() override {
    CREDO_SKIP_IF_NO_PG(GetParam());
    bureau_ = std::make_unique<TestBureau>(GetParam());
    store_ = bureau_->Open();
    ASSERT_NE(store_, nullptr);
  }
  void TearDown() override {
    store_.reset();
    bureau_.reset();
  }

  SubjectId AddSubject(const Subject& subject) {
    SubjectId id = 0;
    Status status = store_->WithTransaction([&](Transaction& tx) -> Status {
      CREDO_ASSIGN_OR_RETURN(id, tx.InsertSubject(subject));
      return Ok();
    });
    EXPECT_TRUE(status.ok()) << status.error().ToString();
    return id;
  }

  template <typename F>
  void Read(F f) {
    Status status = store_->WithReadTransaction([&](Transaction& tx) -> Status {
      f(tx);
      return Ok();
    });
    ASSERT_TRUE(status.ok()) << status.error().ToString();
  }

  std::unique_ptr<TestBureau> bureau_;
  std::unique_ptr<Store> store_;
};

TEST_P(StoreTermsTest, EveryReportsTermsAreKeptAndReadAsKnownOnADate) {
  SubjectId id = AddSubject(MakePerson(70));
  int64_t tradeline_id = 0;
  BatchId march = 0, april = 0;
  ASSERT_TRUE(IsOk(store_->WithTransaction([&](Transaction& tx) -> Status {
    CREDO_ASSIGN_OR_RETURN(march, tx.CreateBatch(NamedBatch("march")));
    CREDO_ASSIGN_OR_RETURN(april, tx.CreateBatch(NamedBatch("april")));
    CREDO_ASSIGN_OR_RETURN(
        tradeline_id, tx.UpsertTradeline(MakeTradeline(id, "T-70", D(2024, 3, 31), "00", 300000),
                                         march));
    // April: the bank cut the limit from 10,000.00 to 5,000.00 and the balance rose.
    Tradeline cut = MakeTradeline(id, "T-70", D(2024, 4, 30), "000", 450000);
    cut.credit_limit = {500000, Currency::Cny()};
    cut.actual_payment = {5000, Currency::Cny()};
    CREDO_TRY(tx.UpsertTradeline(cut, april));
    return Ok();
  })));
  Read([&](Transaction& tx) {
    auto all = tx.ListTradelineTerms(tradeline_id).value();
    ASSERT_EQ(all.size(), 2u);
    EXPECT_EQ(all[0].reported_on, D(2024, 3, 31));
    EXPECT_EQ(all[0].credit_limit.minor_units, 1000000);
    EXPECT_EQ(all[0].balance.minor_units, 300000);
    EXPECT_EQ(all[0].batch_id, march);
    EXPECT_EQ(all[0].balance.currency, Currency::Cny());
    EXPECT_GT(all[0].recorded_at, 0);
    EXPECT_EQ(all[1].credit_limit.minor_units, 500000);
    EXPECT_EQ(all[1].balance.minor_units, 450000);
    EXPECT_EQ(all[1].actual_payment.minor_units, 5000);
    EXPECT_EQ(all[1].batch_id, april);

    // As known at the end of March: March's limit, never April's.
    auto march_terms = tx.TradelineTermsKnownOn(tradeline_id, D(2024, 4, 29)).value();
    ASSERT_TRUE(march_terms.has_value());
    EXPECT_EQ(march_terms->credit_limit.minor_units, 1000000);
    EXPECT_EQ(march_terms->reported_on, D(2024, 3, 31));
    auto april_terms = tx.TradelineTermsKnownOn(tradeline_id, D(2024, 4, 30)).value();
    ASSERT_TRUE(april_terms.has_value());
    EXPECT_EQ(april_terms->credit_limit.minor_units, 500000);
    EXPECT_FALSE(tx.TradelineTermsKnownOn(tradeline_id, D(2024, 3, 30))->has_value());
    EXPECT_EQ(tx.ListTradelineTerms(tradeline_id, D(2024, 4, 1))->size(), 1u);

    auto subject_terms = tx.ListSubjectTradelineTerms(id, D(2024, 3, 31)).value();
    ASSERT_EQ(subject_terms.size(), 1u);
    EXPECT_EQ(subject_terms[0].tradeline_id, tradeline_id);
    EXPECT_EQ(tx.ListSubjectTradelineTerms(id)->size(), 2u);

    // The tradelines row stays the latest report.
    EXPECT_EQ(tx.GetTradeline(tradeline_id)->tradeline.credit_limit.minor_units, 500000);
  });
}

TEST_P(StoreTermsTest, SameReportAgainAddsNothingAndACorrectionFollowsTheAsReportedRules) {
  SubjectId id = AddSubject(MakePerson(71));
  int64_t tradeline_id = 0;
  ASSERT_TRUE(IsOk(store_->WithTransaction([&](Transaction& tx) -> Status {
    Tradeline may = MakeTradeline(id, "T-71", D(2024, 5, 31), "00", 700);
    CREDO_ASSIGN_OR_RETURN(tradeline_id, tx.UpsertTradeline(may, 0));
    CREDO_TRY(tx.UpsertTradeline(may, 0));  // the same report through another file
    // An older report arrives late: kept as what it said, not the current fields.
    Tradeline april = MakeTradeline(id, "T-71", D(2024, 4, 30), "0", 900);
    april.credit_limit = {2000000, Currency::Cny()};
    CREDO_TRY(tx.UpsertTradeline(april, 0));
    // A correction of May's report (same date, other balance): the later one wins.
    Tradeline corrected = may;
    corrected.balance = {650, Currency::Cny()};
    CREDO_TRY(tx.UpsertTradeline(corrected, 0));
    return Ok();
  })));
  Read([&](Transaction& tx) {
    auto all = tx.ListTradelineTerms(tradeline_id).value();
    ASSERT_EQ(all.size(), 3u);  // April, May, May corrected
    EXPECT_EQ(all[0].reported_on, D(2024, 4, 30));
    EXPECT_EQ(all[0].credit_limit.minor_units, 2000000);
    EXPECT_EQ(all[1].balance.minor_units, 700);
    EXPECT_EQ(all[2].balance.minor_units, 650);
    EXPECT_EQ(tx.TradelineTermsKnownOn(tradeline_id, D(2024, 5, 1))->value().balance.minor_units,
              900);
    EXPECT_EQ(tx.TradelineTermsKnownOn(tradeline_id, D(2024, 6, 1))->value().balance.minor_units,
              650);
    TradelineRow row = tx.GetTradeline(tradeline_id).value();
    EXPECT_EQ(row.tradeline.reported_on, D(2024, 5, 31));
    EXPECT_EQ(row.tradeline.balance.minor_units, 650);
    EXPECT_EQ(tx.CountRows().value()["tradeline_terms"], 3);
  });
}

TEST_P(StoreTermsTest, RecordsAreKnownFromTheDateTheBureauReceivedThem) {
  SubjectId person = AddSubject(MakePerson(72));
  SubjectId company = AddSubject(MakeOrganization(73));
  int64_t late_inquiry = 0, record_id = 0;
  ASSERT_TRUE(IsOk(store_->WithTransaction([&](Transaction& tx) -> Status {
    // Received on its own date (default) and one received a month after it was made.
    CREDO_TRY(tx.InsertInquiry(
        {0, person, "Bank A", "credit_application", InquiryKind::kHard, D(2024, 3, 1), ""}));
    CREDO_ASSIGN_OR_RETURN(
        late_inquiry,
        tx.InsertInquiry({0, person, "Bank B", "credit_application", InquiryKind::kHard,
                          D(2024, 3, 5), ""},
                         0, D(2024, 4, 5)));
    PublicRecord judgment;
    judgment.subject_id = person;
    judgment.kind = PublicRecordKind::kCivilJudgment;
    judgment.authority = "Court";
    judgment.case_number = "(2024) 1";
    judgment.filed_on = D(2024, 2, 1);
    judgment.amount = {100000, Currency::Cny()};
    judgment.status = "open";
    CREDO_ASSIGN_OR_RETURN(record_id, tx.UpsertPublicRecord(judgment, 0, D(2024, 3, 15)));
    judgment.status = "satisfied";
    judgment.resolved_on = D(2024, 6, 1);
    // Received again later: the first received date stays.
    CREDO_TRY(tx.UpsertPublicRecord(judgment, 0, D(2024, 6, 10)));
    FinancialStatement fy;
    fy.subject_id = company;
    fy.period_end = D(2023, 12, 31);
    fy.period_months = 12;
    fy.currency = Currency::Cny();
    fy.total_assets = 1000;
    CREDO_TRY(tx.UpsertFinancialStatement(fy, 0, D(2024, 4, 20)));
    return Ok();
  })));
  Read([&](Transaction& tx) {
    EXPECT_EQ(tx.ListInquiries(person)->size(), 2u);
    EXPECT_EQ(tx.ListInquiries(person, D(2024, 4, 4))->size(), 1u);
    EXPECT_EQ(tx.ListInquiries(person, D(2024, 4, 5))->size(), 2u);
    auto rows = tx.ListInquiryRows(person).value();
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[0].received_on, D(2024, 3, 1));
    EXPECT_EQ(rows[1].inquiry.id, late_inquiry);
    EXPECT_EQ(rows[1].received_on, D(2024, 4, 5));

    EXPECT_TRUE(tx.ListPublicRecords(person, D(2024, 3, 14))->empty());
    auto records = tx.ListPublicRecordRows(person, D(2024, 3, 15)).value();
    ASSERT_EQ(records.size(), 1u);
    EXPECT_EQ(records[0].record.id, record_id);
    EXPECT_EQ(records[0].received_on, D(2024, 3, 15));
    EXPECT_EQ(records[0].record.status, "satisfied");

    EXPECT_TRUE(tx.ListFinancialStatements(company, D(2024, 4, 19))->empty());
    auto statements = tx.ListFinancialStatements(company, D(2024, 4, 20)).value();
    ASSERT_EQ(statements.size(), 1u);
    EXPECT_EQ(statements[0].received_on, D(2024, 4, 20));
    EXPECT_EQ(tx.ListFinancialStatements(company)->front().received_on, D(2024, 4, 20));
  });
}

TEST_P(StoreTermsTest, ReceivedBeforeItsOwnDateIsRefusedAndNothingIsStored) {
  SubjectId person = AddSubject(MakePerson(74));
  Status refused = store_->WithTransaction([&](Transaction& tx) -> Status {
    CREDO_TRY(tx.InsertInquiry(
        {0, person, "Bank A", "credit_application", InquiryKind::kHard, D(2024, 3, 1), ""}, 0,
        D(2024, 2, 28)));
    return Ok();
  });
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(refused.error().message.find("received_on 2024-02-28 is before its inquiry date "
                                         "2024-03-01"),
            std::string::npos)
      << refused.error().message;
  Read([&](Transaction& tx) { EXPECT_TRUE(tx.ListInquiries(person)->empty()); });
}

// A bureau written by the version-1 schema (no tradeline_terms, no received dates) is upgraded
// when opened: the current terms of each account become its first terms row and each record is
// received on its own date; the data and the audit chain are untouched.
TEST_P(StoreTermsTest, MigrationUpgradesAVersionOneBureauAndBackfillsFromTheCurrentRows) {
  SubjectId person = AddSubject(MakePerson(75));
  SubjectId company = AddSubject(MakeOrganization(76));
  int64_t first = 0, second = 0;
  ASSERT_TRUE(IsOk(store_->WithTransaction([&](Transaction& tx) -> Status {
    CREDO_ASSIGN_OR_RETURN(BatchId batch, tx.CreateBatch(NamedBatch("march")));
    CREDO_ASSIGN_OR_RETURN(
        first, tx.UpsertTradeline(MakeTradeline(person, "M-1", D(2024, 3, 31), "00", 1000), batch));
    Tradeline later = MakeTradeline(person, "M-1", D(2024, 4, 30), "000", 2000);
    later.credit_limit = {300000, Currency::Cny()};
    CREDO_TRY(tx.UpsertTradeline(later, batch));
    CREDO_ASSIGN_OR_RETURN(
        second, tx.UpsertTradeline(MakeTradeline(person, "M-2", D(2024, 2, 29), "0", 50), 0));
    CREDO_TRY(tx.InsertInquiry({0, person, "Bank A", "credit_application", InquiryKind::kHard,
                                D(2024, 3, 1), ""}));
    PublicRecord lien;
    lien.subject_id = company;
    lien.kind = PublicRecordKind::kTaxLien;
    lien.authority = "Tax office";
    lien.case_number = "L-1";
    lien.filed_on = D(2023, 9, 1);
    lien.status = "open";
    CREDO_TRY(tx.UpsertPublicRecord(lien));
    FinancialStatement fy;
    fy.subject_id = company;
    fy.period_end = D(2023, 12, 31);
    fy.period_months = 12;
    fy.currency = Currency::Cny();
    CREDO_TRY(tx.UpsertFinancialStatement(fy));
    return Ok();
  })));
  store_.reset();
  // Back to what version 1 wrote.
  for (const char* sql :
       {"ALTER TABLE relations DROP COLUMN first_recorded_at",
        "ALTER TABLE tradelines DROP COLUMN party", "DROP TABLE subject_merge_rows",
        "DROP TABLE subject_merges",
        "CREATE INDEX tradeline_months_subject ON tradeline_months (subject_id)",
        "DROP INDEX subjects_merged_into", "DROP TABLE tradeline_terms",
        "ALTER TABLE inquiries DROP COLUMN received_on",
        "ALTER TABLE public_records DROP COLUMN received_on",
        "ALTER TABLE financial_statements DROP COLUMN received_on",
        "UPDATE schema_version SET version = 1 WHERE component = 'store'"}) {
    ASSERT_EQ(bureau_->RawSql(sql), "") << sql;
  }
  // Read-only opening refuses to work on the old schema; read-write opening migrates.
  StoreOptions read_only = bureau_->Options();
  read_only.read_only = true;
  read_only.create_if_missing = false;
  auto refused = OpenStore(read_only);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kFailedPrecondition);
  store_ = bureau_->Open();
  ASSERT_NE(store_, nullptr);
  EXPECT_EQ(store_->SchemaVersion().value(), 7);  // version 2, then 3 to 7
  Read([&](Transaction& tx) {
    auto terms = tx.ListTradelineTerms(first).value();
    ASSERT_EQ(terms.size(), 1u);  // only the latest report's terms were kept before
    EXPECT_EQ(terms[0].reported_on, D(2024, 4, 30));
    EXPECT_EQ(terms[0].credit_limit.minor_units, 300000);
    EXPECT_EQ(terms[0].balance.minor_units, 2000);
    EXPECT_EQ(terms[0].status, AccountStatus::kCurrent);
    EXPECT_EQ(terms[0].high_credit.minor_units, 800000);
    EXPECT_EQ(terms[0].scheduled_payment.minor_units, 20000);
    EXPECT_GT(terms[0].batch_id, 0);
    EXPECT_FALSE(tx.TradelineTermsKnownOn(first, D(2024, 4, 29))->has_value());
    ASSERT_EQ(tx.ListTradelineTerms(second)->size(), 1u);
    EXPECT_EQ(tx.ListInquiryRows(person)->front().received_on, D(2024, 3, 1));
    EXPECT_EQ(tx.ListPublicRecordRows(company)->front().received_on, D(2023, 9, 1));
    EXPECT_EQ(tx.ListFinancialStatements(company)->front().received_on, D(2023, 12, 31));
    EXPECT_EQ(tx.CountRows().value()["tradeline_terms"], 2);
  });
  // New reports after the upgrade append as usual.
  ASSERT_TRUE(IsOk(store_->WithTransaction([&](Transaction& tx) -> Status {
    CREDO_TRY(tx.UpsertTradeline(MakeTradeline(person, "M-1", D(2024, 5, 31), "0000", 2500), 0));
    return Ok();
  })));
  Read([&](Transaction& tx) { EXPECT_EQ(tx.ListTradelineTerms(first)->size(), 2u); });
  auto chain = store_->VerifyAuditChain();
  ASSERT_TRUE(IsOk(chain));
  EXPECT_TRUE(chain->intact) << chain->problem;
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreTermsTest,
                         ::testing::Values(StoreBackend::kSqlite, StoreBackend::kPostgres),
                         testing::BackendName);

}  // namespace
}  // namespace credo
