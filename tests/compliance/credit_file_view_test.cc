#include "compliance/credit_file_view.h"

#include <gtest/gtest.h>

#include "compliance_test_support.h"

namespace credo::compliance {
namespace {

using testing::Bureau;
using testing::D;

CreditFileView View(Bureau& bureau, SubjectId subject, ViewOptions options = {}) {
  CreditFileView view;
  testing::Read(bureau.store(), [&](Transaction& tx) -> Status {
    CREDO_ASSIGN_OR_RETURN(view, LoadCreditFileView(tx, bureau.context(), subject, options));
    return Ok();
  });
  return view;
}

TEST(CreditFileView, PurgedMonthsReadNoDataAndPurgedAccountsAndRecordsAreGone) {
  Bureau bureau("us", D(2024, 1, 1));
  SubjectId subject = bureau.AddPerson(1);
  int64_t current = bureau.AddTradeline(subject, "A-1", D(2015, 6, 30), "0100");
  int64_t charged_off = bureau.AddTradeline(subject, "C-1", D(2016, 1, 31), "LL65", AccountStatus::kChargeOff,
                                            D(2015, 9, 10));
  bureau.AddPublicRecord(subject, PublicRecordKind::kCivilJudgment, D(2014, 1, 1), {});
  ASSERT_TRUE(Purge(bureau.store(), bureau.context(), D(2024, 1, 1)).ok());
  CreditFileView view = View(bureau, subject);
  ASSERT_EQ(view.tradelines.size(), 1u);
  EXPECT_EQ(view.tradelines[0].row.id, current);
  EXPECT_EQ(view.tradelines[0].row.tradeline.history.ToCodes(), "0D00");
  EXPECT_TRUE(view.public_records.empty());
  (void)charged_off;
}

TEST(CreditFileView, ModelInputsLeaveOutWhatIsUnderDispute) {
  Bureau bureau("cn", D(2024, 3, 10));
  SubjectId subject = bureau.AddPerson(1);
  int64_t tradeline = bureau.AddTradeline(subject, "A-1", D(2024, 2, 29), "0100");
  int64_t record = bureau.AddPublicRecord(subject, PublicRecordKind::kTaxArrears, D(2023, 1, 1), {});
  DisputeRequest month{subject, {ItemKind::kTradelineMonth, tradeline, D(2024, 1, 1), ""}, "wrong", false, ""};
  DisputeRequest rec{subject, {ItemKind::kPublicRecord, record, {}, ""}, "paid", false, ""};
  ASSERT_TRUE(OpenDispute(bureau.store(), bureau.context(), month).ok());
  ASSERT_TRUE(OpenDispute(bureau.store(), bureau.context(), rec).ok());
  CreditFileView report = View(bureau, subject);
  EXPECT_EQ(report.tradelines[0].row.tradeline.history.ToCodes(), "0100");
  EXPECT_EQ(report.tradelines[0].disputed_months, std::vector<Date>{D(2024, 1, 1)});
  ASSERT_EQ(report.public_records.size(), 1u);
  EXPECT_TRUE(report.public_records[0].disputed);
  ViewOptions model;
  model.for_model_inputs = true;
  CreditFileView inputs = View(bureau, subject, model);
  EXPECT_EQ(inputs.tradelines[0].row.tradeline.history.ToCodes(), "0D00");
  EXPECT_TRUE(inputs.public_records.empty());
}

TEST(CreditFileView, AnAccountDisputedAsAWholeStaysOnTheReportAndOutOfModelInputs) {
  // Restriction while disputed (GDPR Art. 18; PIPL Art. 46): shown, marked, not scored.
  Bureau bureau("cn", D(2024, 3, 10));
  SubjectId subject = bureau.AddPerson(1);
  int64_t kept = bureau.AddTradeline(subject, "A-1", D(2024, 2, 29), "0000");
  int64_t disputed = bureau.AddTradeline(subject, "A-2", D(2024, 2, 29), "0120");
  DisputeRequest whole{subject, {ItemKind::kTradeline, disputed, {}, ""}, "not my account", false, ""};
  ASSERT_TRUE(OpenDispute(bureau.store(), bureau.context(), whole).ok());
  CreditFileView report = View(bureau, subject);
  ASSERT_EQ(report.tradelines.size(), 2u);
  for (const auto& t : report.tradelines) EXPECT_EQ(t.disputed, t.row.id == disputed);
  ViewOptions model;
  model.for_model_inputs = true;
  CreditFileView inputs = View(bureau, subject, model);
  ASSERT_EQ(inputs.tradelines.size(), 1u);
  EXPECT_EQ(inputs.tradelines[0].row.id, kept);
}

}  // namespace
}  // namespace credo::compliance
