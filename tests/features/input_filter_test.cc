#include "features/input_filter.h"

#include <gtest/gtest.h>

#include "features/compute.h"
#include "file_builder.h"

namespace credo::features {
namespace {

using testing::D;

CreditFile FileWithNegativeItems() {
  CreditFile file = testing::PersonFile("2024-06-15");
  // Account 1: 90 days past due in March 2024; account 2: charged off.
  testing::AddTradeline(file, testing::MakeTradeline(AccountKind::kRevolving, "2018-01-01",
                                                     "2024-05-31", "0030", 100, 1000));
  testing::AddTradeline(file, testing::MakeTradeline(AccountKind::kInstallment, "2018-01-01",
                                                     "2024-05-31", "L", 900, 1000));
  PublicRecord judgment = testing::MakePublicRecord(PublicRecordKind::kCivilJudgment, "2023-01-01");
  judgment.id = 7;
  file.public_records = {judgment};
  Inquiry inquiry = testing::MakeInquiry("Bank", "2024-06-01");
  inquiry.id = 3;
  file.inquiries = {inquiry};
  return file;
}

TEST(ApplySuppressionTest, RemovesItemsAndBlanksMonths) {
  CreditFile file = FileWithNegativeItems();
  AttributeSet before = ComputeAttributes(file);
  EXPECT_EQ(*before.Find("worst_status_ever"), 9.0);
  EXPECT_EQ(*before.Find("times_90plus_dpd_6m"), 2.0);

  SuppressedItems items;
  items.tradelines = {2};
  items.tradeline_months = {{1, D("2024-03-20")}};  // any day of the month
  items.public_records = {7};
  items.inquiries = {3};
  ApplySuppression(items, file);
  ASSERT_EQ(file.tradelines.size(), 1u);
  AttributeSet after = ComputeAttributes(file);
  EXPECT_EQ(*after.Find("tradelines_total"), 1.0);
  EXPECT_EQ(*after.Find("worst_status_ever"), 0.0);
  EXPECT_EQ(*after.Find("times_90plus_dpd_6m"), 0.0);
  EXPECT_FALSE(after.Find("months_since_last_delinquency")->has_value());
  EXPECT_EQ(*after.Find("revolving_balance"), 100.0);  // the blanked month's balance stays
  EXPECT_EQ(*after.Find("public_records_total"), 0.0);
  EXPECT_EQ(*after.Find("inquiries_1m"), 0.0);
}

TEST(ApplySuppressionTest, UnknownIdsChangeNothing) {
  CreditFile file = FileWithNegativeItems();
  SuppressedItems items;
  items.tradelines = {99};
  items.tradeline_months = {{1, D("2019-01-01")}, {99, D("2024-03-01")}};
  items.public_records = {99};
  ApplySuppression(items, file);
  EXPECT_EQ(ComputeAttributes(file).values, ComputeAttributes(FileWithNegativeItems()).values);
}

TEST(SuppressionFilterTest, RunsItsLookupInTheTransaction) {
  testing::TempBureau bureau;
  CreditFile file = FileWithNegativeItems();
  SubjectId seen = 0;
  SuppressionFilter filter([&](Transaction&, const CreditFile& f) -> Result<SuppressedItems> {
    seen = f.subject.id;
    SuppressedItems items;
    items.public_records = {7};
    return items;
  });
  SuppressionFilter failing([](Transaction&, const CreditFile&) -> Result<SuppressedItems> {
    return MakeError(ErrorCode::kDataLoss, "suppression list unreadable");
  });
  Status status = bureau.store().WithReadTransaction([&](Transaction& txn) -> Status {
    CREDO_TRY(filter.Apply(txn, file));
    Status failed = failing.Apply(txn, file);
    EXPECT_FALSE(failed.ok());
    if (!failed.ok()) {
      EXPECT_EQ(failed.error().code, ErrorCode::kDataLoss);
    }
    return Ok();
  });
  ASSERT_TRUE(status.ok());
  EXPECT_EQ(seen, 1);
  EXPECT_TRUE(file.public_records.empty());
  EXPECT_EQ(file.tradelines.size(), 2u);
}

}  // namespace
}  // namespace credo::features
