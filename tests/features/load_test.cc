#include "features/load.h"

#include <gtest/gtest.h>

#include "file_builder.h"

namespace credo::features {
namespace {

using testing::D;
using testing::MakeTradeline;

Status Write(Store& store, const std::function<Status(Transaction&)>& work) {
  return store.WithTransaction(work);
}

//! Removes every inquiry from one institution: a stand-in for the compliance module's filter.
class DropInstitution final : public CreditFileFilter {
 public:
  explicit DropInstitution(std::string institution) : institution_(std::move(institution)) {}
  Status Apply(Transaction&, CreditFile& file) const override {
    std::erase_if(file.inquiries, [&](const Inquiry& i) { return i.institution == institution_; });
    return Ok();
  }

 private:
  std::string institution_;
};

class FailingFilter final : public CreditFileFilter {
 public:
  Status Apply(Transaction&, CreditFile&) const override {
    return MakeError(ErrorCode::kFailedPrecondition, "dispute table unreadable");
  }
};

TEST(LoadCreditFileTest, ReadsWhatWasKnownOnTheDate) {
  testing::TempBureau bureau;
  SubjectId id = testing::InsertPerson(bureau.store(), "Li Lei");
  ASSERT_TRUE(Write(bureau.store(), [&](Transaction& txn) -> Status {
    Tradeline april = MakeTradeline(AccountKind::kRevolving, "2020-01-01", "2024-04-30", "00", 100,
                                    1000);
    april.subject_id = id;
    CREDO_TRY(txn.UpsertTradeline(april, 0));
    Tradeline may = april;
    may.reported_on = D("2024-05-31");
    may.history = PaymentHistory::FromCodes(D("2024-05-31"), "100").value();
    may.balance = testing::Usd(300);
    CREDO_TRY(txn.UpsertTradeline(may, 0));
    Inquiry inquiry = testing::MakeInquiry("Bank", "2024-05-10");
    inquiry.subject_id = id;
    CREDO_TRY(txn.InsertInquiry(inquiry));
    inquiry.inquired_on = D("2024-05-20");
    CREDO_TRY(txn.InsertInquiry(inquiry));
    return Ok();
  }).ok());

  ASSERT_TRUE(bureau.store().WithReadTransaction([&](Transaction& txn) -> Status {
    CREDO_ASSIGN_OR_RETURN(CreditFile file, LoadCreditFile(txn, id, D("2024-05-15")));
    EXPECT_EQ(file.subject.id, id);
    EXPECT_EQ(file.subject.kind, SubjectKind::kPerson);
    EXPECT_EQ(file.as_of, D("2024-05-15"));
    EXPECT_EQ(file.inquiries.size(), 1u);
    EXPECT_EQ(file.tradelines.size(), 1u);
    if (!file.tradelines.empty()) {
      const auto& months = file.tradelines[0].months;
      EXPECT_EQ(months.size(), 2u);  // March and April, as the April report said
      EXPECT_EQ(months.back().month, D("2024-04-01"));
      EXPECT_EQ(months.back().balance, 100);
      // The row carries the terms of the April report, the latest known on May 15.
      EXPECT_EQ(file.tradelines[0].row.tradeline.reported_on, D("2024-04-30"));
      EXPECT_EQ(file.tradelines[0].row.tradeline.balance.minor_units, 100);
      EXPECT_EQ(file.tradelines[0].terms.size(), 1u);
    }
    CREDO_ASSIGN_OR_RETURN(CreditFile later, LoadCreditFile(txn, id, D("2024-06-01")));
    EXPECT_EQ(later.inquiries.size(), 2u);
    EXPECT_EQ(later.tradelines[0].months.back().month, D("2024-05-01"));
    EXPECT_EQ(later.tradelines[0].months.back().payment_status, PaymentStatus::kPastDue30);
    EXPECT_EQ(later.tradelines[0].row.tradeline.balance.minor_units, 300);
    EXPECT_EQ(later.tradelines[0].terms.size(), 2u);
    CREDO_ASSIGN_OR_RETURN(CreditFile before, LoadCreditFile(txn, id, D("2024-04-29")));
    EXPECT_TRUE(before.tradelines.empty());
    return Ok();
  }).ok());
}

TEST(LoadCreditFileTest, RunsTheFilterAfterTheCut) {
  testing::TempBureau bureau;
  SubjectId id = testing::InsertPerson(bureau.store(), "Han Meimei");
  ASSERT_TRUE(Write(bureau.store(), [&](Transaction& txn) -> Status {
    for (const char* institution : {"Keep Bank", "Disputed Lender"}) {
      Inquiry inquiry = testing::MakeInquiry(institution, "2024-05-10");
      inquiry.subject_id = id;
      CREDO_TRY(txn.InsertInquiry(inquiry));
    }
    return Ok();
  }).ok());
  DropInstitution drop("Disputed Lender");
  ChainedFilter chain({&drop, nullptr});
  ASSERT_TRUE(bureau.store().WithReadTransaction([&](Transaction& txn) -> Status {
    CREDO_ASSIGN_OR_RETURN(CreditFile file, LoadCreditFile(txn, id, D("2024-06-01"), &chain));
    EXPECT_EQ(file.inquiries.size(), 1u);
    EXPECT_EQ(file.inquiries[0].institution, "Keep Bank");
    FailingFilter failing;
    auto failed = LoadCreditFile(txn, id, D("2024-06-01"), &failing);
    EXPECT_FALSE(failed.ok());
    if (!failed.ok()) {
      EXPECT_EQ(failed.error().code, ErrorCode::kFailedPrecondition);
      EXPECT_NE(failed.error().ToString().find("subject " + std::to_string(id)), std::string::npos);
    }
    return Ok();
  }).ok());
}

TEST(LoadCreditFileTest, UnknownSubjectIsNotFound) {
  testing::TempBureau bureau;
  Status status = bureau.store().WithReadTransaction([&](Transaction& txn) -> Status {
    auto file = LoadCreditFile(txn, 999, D("2024-06-01"));
    EXPECT_FALSE(file.ok());
    if (!file.ok()) {
      EXPECT_EQ(file.error().code, ErrorCode::kNotFound);
      EXPECT_NE(file.error().ToString().find("subject 999"), std::string::npos);
    }
    return Ok();
  });
  EXPECT_TRUE(status.ok());
}

}  // namespace
}  // namespace credo::features
