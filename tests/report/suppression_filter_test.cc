// Compliance suppressions and open disputes as a features input filter: what the law keeps off a
// report does not reach attributes either.
#include "report/suppression_filter.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "features/compute.h"
#include "features/load.h"
#include "report/report_test_support.h"

namespace credo::report {
namespace {

using testing::Bureau;
using testing::D;

TEST(SuppressionFilterTest, PurgedAccountsAndDisputedRecordsAreLeftOut) {
  Bureau bureau("cn", D(2026, 3, 15));
  SubjectId person = bureau.AddPerson();
  // Months 2019-02..04 overdue, brought current in 2019-05: past the 5 years on 2026-03-15.
  const int64_t old_account = bureau.AddTradeline(person, "OLD-1", D(2019, 6, 30), "00111000");
  const int64_t good_account = bureau.AddTradeline(person, "GOOD-1", D(2026, 2, 28), "000000");
  const int64_t record = bureau.AddPublicRecord(person, PublicRecordKind::kCivilJudgment,
                                                D(2025, 1, 10), std::nullopt);
  ASSERT_TRUE(compliance::Purge(bureau.store(), bureau.context(), D(2026, 3, 15)).ok());
  compliance::DisputeRequest dispute;
  dispute.subject_id = person;
  dispute.item = compliance::ItemRef{compliance::ItemKind::kPublicRecord, record, Date(), ""};
  dispute.reason = "not mine";
  ASSERT_TRUE(compliance::OpenDispute(bureau.store(), bureau.context(), dispute).ok());

  features::SuppressedItems items;
  testing::Check(bureau.store().WithReadTransaction([&](Transaction& tx) -> Status {
    CREDO_ASSIGN_OR_RETURN(items, ComplianceSuppressedItems(tx, person, {}));
    return Ok();
  }));
  EXPECT_EQ(std::count_if(items.tradeline_months.begin(), items.tradeline_months.end(),
                          [&](const auto& m) { return m.tradeline_id == old_account; }),
            3);
  EXPECT_EQ(std::count(items.tradelines.begin(), items.tradelines.end(), good_account), 0);
  EXPECT_EQ(std::count(items.public_records.begin(), items.public_records.end(), record), 1);

  // Without disputes only the suppression list applies.
  features::SuppressedItems suppressed_only;
  testing::Check(bureau.store().WithReadTransaction([&](Transaction& tx) -> Status {
    CREDO_ASSIGN_OR_RETURN(suppressed_only, ComplianceSuppressedItems(tx, person, {false}));
    return Ok();
  }));
  EXPECT_TRUE(suppressed_only.public_records.empty());

  // Through LoadCreditFile: the disputed record is gone; attributes do not count it.
  auto filter = MakeComplianceInputFilter();
  testing::Check(bureau.store().WithReadTransaction([&](Transaction& tx) -> Status {
    CREDO_ASSIGN_OR_RETURN(auto filtered, features::LoadCreditFile(tx, person, D(2026, 3, 15),
                                                                   filter.get()));
    CREDO_ASSIGN_OR_RETURN(auto unfiltered, features::LoadCreditFile(tx, person, D(2026, 3, 15)));
    EXPECT_TRUE(filtered.public_records.empty());
    for (const auto& tradeline : filtered.tradelines) {
      for (const auto& month : tradeline.months) {
        if (tradeline.row.id == old_account && month.month >= D(2019, 2, 1) &&
            month.month <= D(2019, 4, 1)) {
          EXPECT_EQ(month.payment_status, PaymentStatus::kNoData) << month.month.ToIso();
        }
      }
    }
    EXPECT_EQ(unfiltered.public_records.size(), 1u);
    return Ok();
  }));
}

}  // namespace
}  // namespace credo::report
