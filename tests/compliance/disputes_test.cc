#include "compliance/disputes.h"

#include <gtest/gtest.h>

#include "compliance/credit_file_view.h"
#include "compliance/retention.h"
#include "compliance_test_support.h"

namespace credo::compliance {
namespace {

using testing::Bureau;
using testing::D;

class DisputeTest : public ::testing::Test {
 protected:
  DisputeTest() {
    subject_ = bureau_.AddPerson(1);
    tradeline_ = bureau_.AddTradeline(subject_, "A-1", D(2024, 2, 29), "0100", AccountStatus::kCurrent);
  }
  Result<int64_t> Open(ItemRef item, std::string reason = "I paid on time") {
    DisputeRequest request;
    request.subject_id = subject_;
    request.item = item;
    request.reason = std::move(reason);
    return OpenDispute(bureau_.store(), bureau_.context(), request);
  }
  DisputeRecord Get(int64_t id) {
    DisputeRecord d;
    testing::Read(bureau_.store(), [&](Transaction& tx) -> Status {
      CREDO_ASSIGN_OR_RETURN(d, GetDispute(tx, id));
      return Ok();
    });
    return d;
  }
  CreditFileView View() {
    CreditFileView view;
    testing::Read(bureau_.store(), [&](Transaction& tx) -> Status {
      CREDO_ASSIGN_OR_RETURN(view, LoadCreditFileView(tx, bureau_.context(), subject_, {}));
      return Ok();
    });
    return view;
  }
  ItemRef Month(int y, int m) { return {ItemKind::kTradelineMonth, tradeline_, D(y, m, 1), ""}; }

  Bureau bureau_{"cn", D(2024, 3, 10)};
  SubjectId subject_ = 0;
  int64_t tradeline_ = 0;
};

TEST_F(DisputeTest, OpeningMarksTheItemNotifiesTheFurnisherAndSetsTheDeadline) {
  auto id = Open(Month(2024, 1));
  ASSERT_TRUE(id.ok()) << id.error().ToString();
  DisputeRecord d = Get(*id);
  EXPECT_TRUE(d.open);
  EXPECT_EQ(d.deadline_on, D(2024, 3, 30));  // CN: 20 days (条例 Art. 25)
  EXPECT_EQ(d.compliance_condition, "XB");
  CreditFileView view = View();
  ASSERT_EQ(view.tradelines.size(), 1u);
  EXPECT_TRUE(view.tradelines[0].disputed);
  EXPECT_EQ(view.tradelines[0].row.tradeline.compliance_condition, "XB");
  EXPECT_EQ(view.dispute_marks.size(), 1u);
  testing::Read(bureau_.store(), [&](Transaction& tx) -> Status {
    CREDO_ASSIGN_OR_RETURN(auto pending, ListNotifications(tx, true));
    EXPECT_EQ(pending.size(), 1u);
    EXPECT_EQ(pending[0].recipient, "First Test Bank");
    EXPECT_EQ(pending[0].kind, "dispute_opened");
    EXPECT_EQ(pending[0].due_on, D(2024, 3, 15));  // 5 business days (FCRA 611(a)(2))
    return Ok();
  });
  EXPECT_EQ(bureau_.Audit().back().action, "dispute.open");
}

TEST_F(DisputeTest, AnUnknownSubjectIsRefusedAndTheRefusalRecorded) {
  DisputeRequest request;
  request.subject_id = subject_ + 1000;
  request.item = Month(2024, 1);
  request.reason = "not mine";
  auto id = OpenDispute(bureau_.store(), bureau_.context(), request);
  ASSERT_FALSE(id.ok());
  EXPECT_EQ(id.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(bureau_.LastRefusalRule(), "subject.unknown");
  testing::Read(bureau_.store(), [&](Transaction& tx) -> Status {
    CREDO_ASSIGN_OR_RETURN(auto disputes, ListDisputes(tx, subject_, false));
    EXPECT_TRUE(disputes.empty());
    return Ok();
  });
}

TEST(DisputeUs, DeadlineIsThirtyDays) {
  Bureau bureau("us", D(2024, 3, 10));
  SubjectId subject = bureau.AddPerson(1);
  int64_t tradeline = bureau.AddTradeline(subject, "A-1", D(2024, 2, 29), "0100");
  DisputeRequest request{subject, {ItemKind::kTradeline, tradeline, {}, ""}, "not mine", true, ""};
  auto id = OpenDispute(bureau.store(), bureau.context(), request);
  ASSERT_TRUE(id.ok());
  testing::Read(bureau.store(), [&](Transaction& tx) -> Status {
    CREDO_ASSIGN_OR_RETURN(auto d, GetDispute(tx, *id));
    EXPECT_EQ(d.deadline_on, D(2024, 4, 9));
    EXPECT_TRUE(d.by_operator);
    return Ok();
  });
}

TEST_F(DisputeTest, ADisputeOnAnItemThatDoesNotExistIsRefusedAndRecorded) {
  auto before = bureau_.Snapshot();
  auto id = Open({ItemKind::kTradeline, 999, {}, ""});
  ASSERT_FALSE(id.ok());
  EXPECT_EQ(id.error().code, ErrorCode::kNotFound);
  EXPECT_NE(id.error().message.find("dispute.item_unknown"), std::string::npos);
  EXPECT_EQ(bureau_.Snapshot(), before);
  EXPECT_EQ(bureau_.LastRefusalRule(), "dispute.item_unknown");
  EXPECT_FALSE(Open(Month(2019, 1)).ok());  // a month the file does not have
  EXPECT_FALSE(Open({ItemKind::kTradeline, tradeline_, {}, ""}, "").ok());
  EXPECT_EQ(bureau_.LastRefusalRule(), "dispute.reason_missing");
}

TEST_F(DisputeTest, ADisputeOnAPurgedItemIsRefused) {
  Bureau bureau("cn", D(2030, 1, 1));
  SubjectId subject = bureau.AddPerson(1);
  int64_t tradeline = bureau.AddTradeline(subject, "A-1", D(2018, 6, 30), "00111000");
  ASSERT_EQ(Purge(bureau.store(), bureau.context(), D(2030, 1, 1))->purged.size(), 3u);
  auto before = bureau.Snapshot();
  DisputeRequest request{subject, {ItemKind::kTradelineMonth, tradeline, D(2018, 3, 1), ""}, "old", false, ""};
  auto id = OpenDispute(bureau.store(), bureau.context(), request);
  ASSERT_FALSE(id.ok());
  EXPECT_EQ(id.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(bureau.LastRefusalRule(), "dispute.item_purged");
  EXPECT_EQ(bureau.Snapshot(), before);
}

TEST_F(DisputeTest, OnlyOneOpenDisputePerItem) {
  ASSERT_TRUE(Open(Month(2024, 1)).ok());
  auto again = Open(Month(2024, 1));
  EXPECT_EQ(again.error().code, ErrorCode::kAlreadyExists);
  EXPECT_EQ(bureau_.LastRefusalRule(), "dispute.already_open");
}

TEST_F(DisputeTest, CorrectedWritesTheCorrectionThroughTheStore) {
  auto id = Open(Month(2024, 1));
  DisputeResolution resolution;
  resolution.outcome = DisputeOutcome::kCorrected;
  resolution.note = "furnisher confirmed a posting error";
  resolution.correction.month_status = PaymentStatus::kCurrent;
  auto resolved = ResolveDispute(bureau_.store(), bureau_.context(), *id, resolution);
  ASSERT_TRUE(resolved.ok()) << resolved.error().ToString();
  DisputeRecord d = Get(*id);
  EXPECT_FALSE(d.open);
  EXPECT_EQ(d.outcome, DisputeOutcome::kCorrected);
  EXPECT_TRUE(d.MetDeadline(D(2024, 3, 10)));
  CreditFileView view = View();
  EXPECT_EQ(view.tradelines[0].row.tradeline.history.ToCodes(), "0000");
  EXPECT_FALSE(view.tradelines[0].disputed);
  EXPECT_TRUE(view.tradelines[0].disputed_months.empty());
  // 条例 第25条: handled, the item carries no mark; the case stays a notice.
  EXPECT_EQ(view.tradelines[0].row.tradeline.compliance_condition, "");
  ASSERT_EQ(view.dispute_marks.size(), 1u);
  EXPECT_FALSE(view.dispute_marks[0].open);
  EXPECT_EQ(view.dispute_marks[0].outcome, DisputeOutcome::kCorrected);
  EXPECT_EQ(view.dispute_marks[0].compliance_condition, "");
  // Resolving twice is refused.
  EXPECT_EQ(ResolveDispute(bureau_.store(), bureau_.context(), *id, resolution).error().code,
            ErrorCode::kFailedPrecondition);
}

TEST_F(DisputeTest, CorrectedNeedsACorrectionThatFitsTheItem) {
  auto id = Open(Month(2024, 1));
  DisputeResolution resolution;
  resolution.outcome = DisputeOutcome::kCorrected;
  EXPECT_FALSE(ResolveDispute(bureau_.store(), bureau_.context(), *id, resolution).ok());
  EXPECT_EQ(bureau_.LastRefusalRule(), "dispute.correction_missing");
  resolution.correction.record_status = "satisfied";
  auto before = bureau_.Snapshot();
  EXPECT_FALSE(ResolveDispute(bureau_.store(), bureau_.context(), *id, resolution).ok());
  EXPECT_EQ(bureau_.LastRefusalRule(), "dispute.correction_invalid");
  EXPECT_EQ(bureau_.Snapshot(), before);
  EXPECT_TRUE(Get(*id).open);
}

TEST_F(DisputeTest, ACorrectionWithAnotherOutcomeIsRefusedAndChangesNothing) {
  // A correction is written only by outcome corrected: with "verified" it would change the item
  // while the case says the furnisher confirmed it as reported.
  auto id = Open(Month(2024, 1));
  DisputeResolution resolution;
  resolution.outcome = DisputeOutcome::kVerified;
  resolution.note = "records match";
  resolution.correction.month_status = PaymentStatus::kCurrent;
  auto before = bureau_.Snapshot();
  auto refused = ResolveDispute(bureau_.store(), bureau_.context(), *id, resolution);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(bureau_.LastRefusalRule(), "dispute.correction_unexpected");
  EXPECT_EQ(bureau_.Snapshot(), before);
  EXPECT_TRUE(Get(*id).open);
  EXPECT_EQ(View().tradelines[0].row.tradeline.history.ToCodes(), "0100");
}

TEST_F(DisputeTest, OnlyAnAnswerClosesACase) {
  // "Still open" and "unverified by the deadline" are states the bureau sets, not answers.
  auto id = Open(Month(2024, 1));
  for (DisputeOutcome outcome : {DisputeOutcome::kNone, DisputeOutcome::kUnverifiedByDeadline}) {
    auto before = bureau_.Snapshot();
    auto refused = ResolveDispute(bureau_.store(), bureau_.context(), *id,
                                  {outcome, "no answer", false, {}});
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(bureau_.LastRefusalRule(), "dispute.outcome_not_allowed");
    EXPECT_EQ(bureau_.Snapshot(), before);
    EXPECT_TRUE(Get(*id).open);
  }
}

TEST_F(DisputeTest, CasesThatDoNotExistAreRefusedAndRecorded) {
  auto before = bureau_.Snapshot();
  auto dispute = ResolveDispute(bureau_.store(), bureau_.context(), 999,
                                {DisputeOutcome::kVerified, "records match", false, {}});
  ASSERT_FALSE(dispute.ok());
  EXPECT_EQ(dispute.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(bureau_.LastRefusalRule(), "dispute.unknown");
  EXPECT_EQ(bureau_.Snapshot(), before);
  auto complaint = ResolveComplaint(bureau_.store(), bureau_.context(), 999, "answered");
  ASSERT_FALSE(complaint.ok());
  EXPECT_EQ(complaint.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(bureau_.LastRefusalRule(), "complaint.unknown");
  EXPECT_EQ(bureau_.Snapshot(), before);
}

TEST_F(DisputeTest, AComplaintNamesItsAuthorityAndWhatItSays) {
  // 条例 Art. 26: a complaint is made to a regulator; the record says to whom and about what.
  for (const ComplaintRequest& request :
       {ComplaintRequest{subject_, 0, "", "the bureau ignored me"},
        ComplaintRequest{subject_, 0, "PBOC Beijing branch", ""}}) {
    auto before = bureau_.Snapshot();
    auto id = OpenComplaint(bureau_.store(), bureau_.context(), request);
    ASSERT_FALSE(id.ok());
    EXPECT_EQ(id.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(bureau_.LastRefusalRule(), "complaint.incomplete");
    EXPECT_EQ(bureau_.Snapshot(), before);
  }
}

TEST_F(DisputeTest, AStatementAboutAnItemTheFileDoesNotHoldIsRefused) {
  auto before = bureau_.Snapshot();
  auto id = AddStatement(bureau_.store(), bureau_.context(), subject_, "This was never mine.",
                         ItemRef{ItemKind::kTradeline, tradeline_ + 999, {}, ""});
  ASSERT_FALSE(id.ok());
  EXPECT_EQ(id.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(bureau_.LastRefusalRule(), "statement.item_unknown");
  EXPECT_EQ(bureau_.Snapshot(), before);
  EXPECT_TRUE(AddStatement(bureau_.store(), bureau_.context(), subject_, "This was never mine.",
                           ItemRef{ItemKind::kTradeline, tradeline_, {}, ""}).ok());
}

TEST_F(DisputeTest, ANewDisputeMarksTheItemAgainAfterAnEarlierCaseWasHandled) {
  // The earlier, closed case left no mark (条例 第25条); a new dispute on any part of the
  // account marks it again (XB) for as long as it is open.
  auto first = Open({ItemKind::kTradeline, tradeline_, {}, ""});
  ASSERT_TRUE(ResolveDispute(bureau_.store(), bureau_.context(), *first,
                             {DisputeOutcome::kVerified, "records match", false, {}}).ok());
  EXPECT_EQ(View().tradelines[0].row.tradeline.compliance_condition, "");
  EXPECT_FALSE(View().tradelines[0].disputed);
  ASSERT_TRUE(Open(Month(2024, 1)).ok());
  CreditFileView view = View();
  EXPECT_TRUE(view.tradelines[0].disputed);
  EXPECT_EQ(view.tradelines[0].row.tradeline.compliance_condition, "XB");
}

// 征信业管理条例 第25条: a dispute verified as reported removes the mark (异议标注): the item is
// no longer shown as disputed, with or without the subject's disagreement, whether it is an
// account, a month, a public record or an identity field; the case stays listed as a notice.
TEST_F(DisputeTest, AVerifiedDisputeNoLongerMarksTheItemButStaysANotice) {
  const int64_t record =
      bureau_.AddPublicRecord(subject_, PublicRecordKind::kCivilJudgment, D(2023, 5, 1), {});
  auto account = Open({ItemKind::kTradeline, tradeline_, {}, ""});
  auto month = Open(Month(2024, 1));
  auto judgment = Open({ItemKind::kPublicRecord, record, {}, ""});
  auto name = Open({ItemKind::kIdentityField, 0, {}, "full_name"});
  ASSERT_TRUE(account.ok() && month.ok() && judgment.ok() && name.ok());
  CreditFileView open = View();
  ASSERT_EQ(open.tradelines.size(), 1u);
  EXPECT_TRUE(open.tradelines[0].disputed);
  ASSERT_EQ(open.public_records.size(), 1u);
  EXPECT_TRUE(open.public_records[0].disputed);
  EXPECT_EQ(open.disputed_identity_fields, std::vector<std::string>{"full_name"});

  for (int64_t id : {*account, *month, *judgment, *name}) {
    const bool disagrees = id == *account;  // XC under Metro 2; no mark under 条例 第25条
    ASSERT_TRUE(ResolveDispute(bureau_.store(), bureau_.context(), id,
                               {DisputeOutcome::kVerified, "records match", disagrees, {}})
                    .ok());
  }
  CreditFileView view = View();
  ASSERT_EQ(view.tradelines.size(), 1u);
  EXPECT_FALSE(view.tradelines[0].disputed);
  EXPECT_TRUE(view.tradelines[0].disputed_months.empty());
  EXPECT_EQ(view.tradelines[0].row.tradeline.compliance_condition, "");
  ASSERT_EQ(view.public_records.size(), 1u);
  EXPECT_FALSE(view.public_records[0].disputed);
  EXPECT_TRUE(view.disputed_identity_fields.empty());
  // The history stays: every case is a notice, closed, with its outcome and no condition.
  ASSERT_EQ(view.dispute_marks.size(), 4u);
  for (const DisputeMark& mark : view.dispute_marks) {
    EXPECT_FALSE(mark.open) << FormatItemRef(mark.item);
    EXPECT_EQ(mark.outcome, DisputeOutcome::kVerified) << FormatItemRef(mark.item);
    EXPECT_EQ(mark.compliance_condition, "") << FormatItemRef(mark.item);
  }
  // The dispute record itself keeps what was decided.
  EXPECT_EQ(Get(*account).compliance_condition, "XC");
  EXPECT_TRUE(Get(*account).subject_disagrees);
}

// Metro 2 profiles (US) keep the resolved case's compliance condition on the account: XH when
// resolved, XC when the consumer still disagrees (FCRA 611(c)); it is no longer "disputed".
TEST(DisputeUs, AResolvedDisputeKeepsItsMetro2Condition) {
  Bureau bureau("us", D(2024, 3, 10));
  SubjectId subject = bureau.AddPerson(1);
  int64_t verified = bureau.AddTradeline(subject, "A-1", D(2024, 2, 29), "0100");
  int64_t disagreed = bureau.AddTradeline(subject, "A-2", D(2024, 2, 29), "0100");
  for (int64_t tradeline : {verified, disagreed}) {
    DisputeRequest request{
        subject, {ItemKind::kTradeline, tradeline, {}, ""}, "not mine", true, ""};
    auto id = OpenDispute(bureau.store(), bureau.context(), request);
    ASSERT_TRUE(id.ok()) << id.error().ToString();
    ASSERT_TRUE(
        ResolveDispute(bureau.store(), bureau.context(), *id,
                       {DisputeOutcome::kVerified, "records match", tradeline == disagreed, {}})
            .ok());
  }
  CreditFileView view;
  testing::Read(bureau.store(), [&](Transaction& tx) -> Status {
    CREDO_ASSIGN_OR_RETURN(view, LoadCreditFileView(tx, bureau.context(), subject, {}));
    return Ok();
  });
  ASSERT_EQ(view.tradelines.size(), 2u);
  for (const VisibleTradeline& visible : view.tradelines) {
    EXPECT_FALSE(visible.disputed);
    EXPECT_EQ(visible.row.tradeline.compliance_condition, visible.row.id == verified ? "XH" : "XC");
  }
}

TEST_F(DisputeTest, DeletedSuppressesTheItem) {
  auto id = Open(Month(2024, 1));
  ASSERT_TRUE(ResolveDispute(bureau_.store(), bureau_.context(), *id,
                             {DisputeOutcome::kDeleted, "cannot verify", false, {}}).ok());
  CreditFileView view = View();
  EXPECT_EQ(view.tradelines[0].row.tradeline.history.ToCodes(), "0D00");
  EXPECT_EQ(view.tradelines[0].suppressed_months.size(), 1u);
}

TEST_F(DisputeTest, VerifiedWithDisagreementIsRecordedWithoutMarkingTheItem) {
  auto id = Open({ItemKind::kTradeline, tradeline_, {}, ""});
  ASSERT_TRUE(ResolveDispute(bureau_.store(), bureau_.context(), *id,
                             {DisputeOutcome::kVerified, "records match", true, {}}).ok());
  EXPECT_EQ(Get(*id).compliance_condition, "XC");  // the record keeps the Metro 2 condition
  EXPECT_EQ(View().tradelines[0].row.tradeline.compliance_condition, "");
  EXPECT_FALSE(View().tradelines[0].disputed);
}

TEST_F(DisputeTest, UndeterminableRecordsTheFindingsOnTheReport) {
  auto id = Open({ItemKind::kTradeline, tradeline_, {}, ""});
  DisputeResolution r{DisputeOutcome::kUndeterminable, "", false, {}};
  EXPECT_FALSE(ResolveDispute(bureau_.store(), bureau_.context(), *id, r).ok());
  EXPECT_EQ(bureau_.LastRefusalRule(), "dispute.findings_missing");
  r.note = "furnisher archive lost; subject's objection recorded";
  ASSERT_TRUE(ResolveDispute(bureau_.store(), bureau_.context(), *id, r).ok());
  CreditFileView view = View();
  ASSERT_EQ(view.dispute_marks.size(), 1u);
  EXPECT_EQ(view.dispute_marks[0].note, r.note);
  // 条例 第25条: the findings and the objection are recorded; the item is no longer marked.
  EXPECT_FALSE(view.dispute_marks[0].open);
  EXPECT_FALSE(view.tradelines[0].disputed);
  EXPECT_EQ(view.tradelines[0].row.tradeline.compliance_condition, "");
}

TEST_F(DisputeTest, UnansweredByTheDeadlineIsSuppressedInTheSubjectsFavour) {
  auto id = Open(Month(2024, 1));
  bureau_.SetToday(D(2024, 3, 30));  // the deadline day: still in time
  EXPECT_TRUE(SweepDisputeDeadlines(bureau_.store(), bureau_.context())->empty());
  EXPECT_TRUE(Get(*id).open);
  bureau_.SetToday(D(2024, 3, 31));
  auto swept = SweepDisputeDeadlines(bureau_.store(), bureau_.context());
  ASSERT_EQ(swept->size(), 1u);
  DisputeRecord d = Get(*id);
  EXPECT_EQ(d.outcome, DisputeOutcome::kUnverifiedByDeadline);
  EXPECT_FALSE(d.MetDeadline(D(2024, 3, 31)));
  EXPECT_EQ(View().tradelines[0].row.tradeline.history.ToCodes(), "0D00");
}

TEST_F(DisputeTest, AVerificationAfterTheDeadlineCannotKeepTheItem) {
  auto id = Open(Month(2024, 1));
  DisputeResolution verified;
  verified.outcome = DisputeOutcome::kVerified;
  bureau_.SetToday(D(2024, 3, 31));  // the day after the deadline, before any sweep
  auto before = bureau_.Snapshot();
  auto late = ResolveDispute(bureau_.store(), bureau_.context(), *id, verified);
  ASSERT_FALSE(late.ok());
  EXPECT_EQ(late.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(bureau_.LastRefusalRule(), "dispute.deadline_passed");
  EXPECT_EQ(bureau_.Snapshot(), before);
  EXPECT_TRUE(Get(*id).open);
  // A late deletion is still the furnisher's to make.
  DisputeResolution deleted;
  deleted.outcome = DisputeOutcome::kDeleted;
  ASSERT_TRUE(ResolveDispute(bureau_.store(), bureau_.context(), *id, deleted).ok());
  EXPECT_EQ(Get(*id).outcome, DisputeOutcome::kDeleted);
}

TEST_F(DisputeTest, StatementsAreShownOnLaterReports) {
  DisputeRequest request{subject_, Month(2024, 1), "bank error", false, "The bank posted my payment late."};
  ASSERT_TRUE(OpenDispute(bureau_.store(), bureau_.context(), request).ok());
  ASSERT_TRUE(AddStatement(bureau_.store(), bureau_.context(), subject_, "I was abroad in January.").ok());
  CreditFileView view = View();
  ASSERT_EQ(view.statements.size(), 2u);
  EXPECT_EQ(view.statements[0].text, "The bank posted my payment late.");
  EXPECT_FALSE(AddStatement(bureau_.store(), bureau_.context(), subject_, "").ok());
}

TEST_F(DisputeTest, ComplaintsHaveTheirOwnDeadlineAndLinkToTheDispute) {
  auto dispute = Open(Month(2024, 1));
  ComplaintRequest request{subject_, *dispute, "PBOC Beijing branch", "the bureau ignored me"};
  auto id = OpenComplaint(bureau_.store(), bureau_.context(), request);
  ASSERT_TRUE(id.ok()) << id.error().ToString();
  testing::Read(bureau_.store(), [&](Transaction& tx) -> Status {
    CREDO_ASSIGN_OR_RETURN(auto complaints, ListComplaints(tx, subject_));
    EXPECT_EQ(complaints.size(), 1u);
    EXPECT_EQ(complaints[0].dispute_id, *dispute);
    EXPECT_EQ(complaints[0].deadline_on, D(2024, 4, 9));  // 条例 Art. 26: 30 days
    EXPECT_EQ(complaints[0].text, "the bureau ignored me");
    return Ok();
  });
  request.dispute_id = 999;
  EXPECT_FALSE(OpenComplaint(bureau_.store(), bureau_.context(), request).ok());
  EXPECT_EQ(bureau_.LastRefusalRule(), "complaint.dispute_unknown");
  // Nor may a complaint name another subject's dispute.
  SubjectId other = bureau_.AddPerson(2);
  int64_t other_tradeline = bureau_.AddTradeline(other, "B-2", D(2024, 2, 29), "0100");
  DisputeRequest others_request;
  others_request.subject_id = other;
  others_request.item = {ItemKind::kTradeline, other_tradeline, {}, ""};
  others_request.reason = "not mine";
  auto others_dispute = OpenDispute(bureau_.store(), bureau_.context(), others_request);
  ASSERT_TRUE(others_dispute.ok()) << others_dispute.error().ToString();
  request.dispute_id = *others_dispute;
  auto before_other = bureau_.Snapshot();
  EXPECT_FALSE(OpenComplaint(bureau_.store(), bureau_.context(), request).ok());
  EXPECT_EQ(bureau_.LastRefusalRule(), "complaint.dispute_unknown");
  EXPECT_EQ(bureau_.Snapshot(), before_other);
  bureau_.SetToday(D(2024, 4, 20));
  EXPECT_FALSE(ResolveComplaint(bureau_.store(), bureau_.context(), *id, "").ok());
  EXPECT_EQ(bureau_.LastRefusalRule(), "complaint.response_missing");
  ASSERT_TRUE(ResolveComplaint(bureau_.store(), bureau_.context(), *id, "answered").ok());
  auto before = bureau_.Snapshot();
  EXPECT_FALSE(ResolveComplaint(bureau_.store(), bureau_.context(), *id, "answered again").ok());
  EXPECT_EQ(bureau_.LastRefusalRule(), "complaint.already_closed");
  EXPECT_EQ(bureau_.Snapshot(), before);
  testing::Read(bureau_.store(), [&](Transaction& tx) -> Status {
    CREDO_ASSIGN_OR_RETURN(auto complaints, ListComplaints(tx, subject_));
    EXPECT_FALSE(complaints[0].MetDeadline(D(2024, 4, 20)));
    CREDO_ASSIGN_OR_RETURN(ComplaintRecord one, GetComplaint(tx, *id));
    EXPECT_EQ(one.id, complaints[0].id);
    EXPECT_EQ(one.text, "the bureau ignored me");
    EXPECT_EQ(one.response, "answered");
    EXPECT_FALSE(one.open);
    auto missing = GetComplaint(tx, *id + 1000);
    EXPECT_EQ(missing.ok() ? ErrorCode::kOk : missing.error().code, ErrorCode::kNotFound);
    return Ok();
  });
}

TEST_F(DisputeTest, IdentityFieldDisputeCorrectsTheName) {
  auto id = Open({ItemKind::kIdentityField, 0, {}, "full_name"}, "my name is misspelt");
  ASSERT_TRUE(id.ok());
  EXPECT_EQ(View().disputed_identity_fields, std::vector<std::string>{"full_name"});
  DisputeResolution r{DisputeOutcome::kCorrected, "", false, {}};
  r.correction.identity_value = "Zhangtest Wei";
  ASSERT_TRUE(ResolveDispute(bureau_.store(), bureau_.context(), *id, r).ok());
  testing::Read(bureau_.store(), [&](Transaction& tx) -> Status {
    CREDO_ASSIGN_OR_RETURN(Subject s, tx.GetSubject(subject_));
    EXPECT_EQ(s.person.full_name, "Zhangtest Wei");
    return Ok();
  });
  for (const auto& e : bureau_.Audit()) EXPECT_EQ(e.detail.find("Zhangtest Wei"), std::string::npos);
}

}  // namespace
}  // namespace credo::compliance
