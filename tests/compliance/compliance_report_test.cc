#include "compliance/compliance_report.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "compliance_test_support.h"

namespace credo::compliance {
namespace {

using testing::Bureau;
using testing::D;

TEST(ComplianceReport, AnswersTheAuditorsQuestions) {
  Bureau bureau("cn", D(2024, 3, 10));
  SubjectId subject = bureau.AddPerson(1);
  int64_t tradeline = bureau.AddTradeline(subject, "A-1", D(2024, 2, 29), "0100");
  bureau.AddTradeline(subject, "OLD-1", D(2018, 6, 30), "00111000");  // due 2023-05-01, not purged
  bureau.AddConsentFor(subject, "Bank A", "credit_application", "REF-1", D(2024, 1, 1));
  ReadRequest read{subject, "Bank A", "officer", "credit_application", "", {"report"}};
  ASSERT_TRUE(ReadThroughGate(bureau.store(), bureau.context(), read,
                              [](Transaction&, const ReadGrant&) { return Ok(); }).ok());
  read.purpose = "marketing";
  EXPECT_FALSE(ReadThroughGate(bureau.store(), bureau.context(), read,
                               [](Transaction&, const ReadGrant&) { return Ok(); }).ok());
  DisputeRequest on_time{subject, {ItemKind::kTradelineMonth, tradeline, D(2024, 1, 1), ""}, "wrong", false, ""};
  DisputeRequest late{subject, {ItemKind::kTradeline, tradeline, {}, ""}, "not mine", false, ""};
  int64_t first = OpenDispute(bureau.store(), bureau.context(), on_time).value();
  OpenDispute(bureau.store(), bureau.context(), late).value();
  ASSERT_TRUE(ResolveDispute(bureau.store(), bureau.context(), first,
                             {DisputeOutcome::kVerified, "ok", false, {}}).ok());
  // Ingest rejected a prohibited field (条例 Art. 14): read back from the quarantine.
  Bureau::Check(bureau.store().WithTransaction([&](Transaction& tx) -> Status {
    Batch batch;
    batch.source = "furnisher-x";
    batch.file_name = "x.csv";
    batch.content_hash = std::string(64, 'a');
    CREDO_ASSIGN_OR_RETURN(BatchId id, tx.CreateBatch(batch));
    QuarantineEntry entry{0, id, "furnisher-x", 7, 300, "religion", "field.prohibited", "***", "prohibited", 0};
    CREDO_TRY(tx.InsertQuarantine(entry));
    QuarantineEntry other{0, id, "furnisher-x", 8, 400, "ssn", "ssn.area_not_000", "***", "bad", 0};
    CREDO_TRY(tx.InsertQuarantine(other));
    return tx.FinishBatch(id, BatchStatus::kCommitted, 2, 0, 2);
  }));
  bureau.SetToday(D(2024, 4, 30));  // the second dispute is now past its 20 days, unanswered
  auto report = BuildComplianceReport(bureau.store(), bureau.context(), D(2024, 1, 1), D(2024, 4, 30));
  ASSERT_TRUE(report.ok()) << report.error().ToString();
  EXPECT_EQ(report->reads, 1);
  EXPECT_TRUE(report->reads_without_valid_consent.empty());
  EXPECT_EQ(report->refusals_by_rule.at("purpose.unknown"), 1);
  EXPECT_EQ(report->disputes.size(), 2u);
  EXPECT_EQ(report->disputes_by_outcome.at("verified"), 1);
  EXPECT_EQ(report->disputes_by_outcome.at("open"), 1);
  EXPECT_EQ(report->disputes_late, 1);
  EXPECT_EQ(report->overdue.size(), 3u);
  ASSERT_EQ(report->prohibited_field_rejections.size(), 1u);
  EXPECT_EQ(report->prohibited_field_rejections[0].field, "religion");
  EXPECT_TRUE(report->audit_chain.intact);
  EXPECT_FALSE(report->clean());
  auto j = nlohmann::json::parse(ComplianceReportJson(*report));
  EXPECT_EQ(j["reads"]["without_valid_consent"], 0);
  EXPECT_EQ(j["purge"]["overdue"].size(), 3u);
  std::string text = ComplianceReportText(*report);
  EXPECT_NE(text.find("Overdue for purge: 3"), std::string::npos);
  EXPECT_NE(text.find("Audit chain: intact"), std::string::npos);
  // After the purge, nothing is overdue; the purge is listed as late (it was due 2023-05-01).
  ASSERT_TRUE(Purge(bureau.store(), bureau.context(), D(2024, 4, 30)).ok());
  report = BuildComplianceReport(bureau.store(), bureau.context(), D(2024, 1, 1), D(2024, 4, 30));
  EXPECT_TRUE(report->overdue.empty());
  EXPECT_EQ(report->purged.size(), 3u);
  EXPECT_GT(report->purged[0].days_late, 0);
}

TEST(ComplianceReport, FindsAReadWhoseConsentWasNotValidThatDay) {
  Bureau bureau("cn", D(2024, 3, 10));
  SubjectId subject = bureau.AddPerson(1);
  int64_t consent = bureau.AddConsentFor(subject, "Bank A", "credit_application", "REF-1", D(2024, 1, 1));
  // A read recorded around the gate (as a buggy caller writing the table directly would).
  Bureau::Check(bureau.store().WithTransaction([&](Transaction& tx) -> Status {
    return tx.Execute(
        "INSERT INTO compliance_query_log (inquiry_id, subject_id, institution, staff_user, purpose, "
        "legal_basis, inquiry_kind, consent_id, consent_reference, returned, queried_on, queried_at) "
        "VALUES (0, ?, 'Bank A', 'x', 'credit_application', '', 'hard', ?, 'REF-1', 'report', ?, 0)",
        std::vector<SqlValue>{SqlValue::Int(subject), SqlValue::Int(consent),
                              SqlValue::Int(D(2023, 12, 1).days_since_epoch())});
  }));
  auto report = BuildComplianceReport(bureau.store(), bureau.context(), D(2023, 1, 1), D(2024, 3, 10));
  ASSERT_TRUE(report.ok());
  ASSERT_EQ(report->reads_without_valid_consent.size(), 1u);
  EXPECT_NE(report->reads_without_valid_consent[0].find("not_yet_valid"), std::string::npos);
  EXPECT_FALSE(BuildComplianceReport(bureau.store(), bureau.context(), D(2024, 2, 1), D(2024, 1, 1)).ok());
}

}  // namespace
}  // namespace credo::compliance
