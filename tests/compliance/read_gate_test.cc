#include "compliance/read_gate.h"

#include <gtest/gtest.h>

#include "compliance/consent.h"
#include "compliance_test_support.h"

namespace credo::compliance {
namespace {

using testing::Bureau;
using testing::D;

ReadRequest Request(SubjectId subject, std::string institution, std::string purpose,
                    std::string reference = "") {
  ReadRequest r;
  r.subject_id = subject;
  r.institution = std::move(institution);
  r.staff_user = "loan.officer.7";
  r.purpose = std::move(purpose);
  r.consent_reference = std::move(reference);
  return r;
}

Result<ReadGrant> Read(Bureau& bureau, const ReadRequest& request) {
  return ReadThroughGate(bureau.store(), bureau.context(), request,
                         [](Transaction&, const ReadGrant&) { return Ok(); });
}

class ReadGateTest : public ::testing::Test {
 protected:
  Bureau bureau_{"cn", D(2024, 3, 10)};
  SubjectId subject_ = bureau_.AddPerson(1);
};

TEST_F(ReadGateTest, ValidConsentRecordsInquiryAndQueryLogInTheSameTransaction) {
  int64_t consent = bureau_.AddConsentFor(subject_, "Bank A", "credit_application", "REF-1",
                                          D(2024, 1, 1), D(2024, 12, 31));
  auto grant = Read(bureau_, Request(subject_, "Bank A", "credit_application", "REF-1"));
  ASSERT_TRUE(grant.ok()) << grant.error().ToString();
  EXPECT_EQ(grant->consent_id, consent);
  EXPECT_EQ(grant->inquiry_kind, InquiryKind::kHard);
  testing::Read(bureau_.store(), [&](Transaction& tx) -> Status {
    CREDO_ASSIGN_OR_RETURN(auto inquiries, tx.ListInquiries(subject_));
    EXPECT_EQ(inquiries.size(), 1u);
    EXPECT_EQ(inquiries[0].consent_reference, "REF-1");
    CREDO_ASSIGN_OR_RETURN(auto log, ListQueryRecords(tx, bureau_.context(), subject_, ViewerKind::kAuditor));
    EXPECT_EQ(log.size(), 1u);
    EXPECT_EQ(log[0].staff_user, "loan.officer.7");
    EXPECT_EQ(log[0].returned, "report");
    EXPECT_EQ(log[0].legal_basis, "征信业管理条例 第18条 (贷款审批)");
    return Ok();
  });
}

TEST_F(ReadGateTest, AFailedReadLeavesNoRecord) {
  bureau_.AddConsentFor(subject_, "Bank A", "credit_application", "REF-1", D(2024, 1, 1));
  auto before = bureau_.Snapshot();
  auto grant = ReadThroughGate(bureau_.store(), bureau_.context(),
                               Request(subject_, "Bank A", "credit_application"),
                               [](Transaction&, const ReadGrant&) -> Status {
                                 return MakeError(ErrorCode::kUnavailable, "renderer down");
                               });
  EXPECT_FALSE(grant.ok());
  EXPECT_EQ(bureau_.Snapshot(), before);
}

TEST_F(ReadGateTest, PurposeNotInTheProfileIsRefusedAndRecorded) {
  auto before = bureau_.Snapshot();
  auto grant = Read(bureau_, Request(subject_, "Bank A", "marketing"));
  ASSERT_FALSE(grant.ok());
  EXPECT_EQ(grant.error().code, ErrorCode::kPermissionDenied);
  EXPECT_NE(grant.error().message.find("purpose.unknown"), std::string::npos);
  EXPECT_EQ(bureau_.Snapshot(), before);
  auto refusals = bureau_.Refusals();
  ASSERT_EQ(refusals.size(), 1u);
  EXPECT_EQ(refusals[0].rule, "purpose.unknown");
  EXPECT_EQ(refusals[0].institution, "Bank A");
  EXPECT_EQ(refusals[0].staff_user, "loan.officer.7");
}

TEST_F(ReadGateTest, NoConsentIsRefused) {
  auto grant = Read(bureau_, Request(subject_, "Bank A", "credit_application"));
  ASSERT_FALSE(grant.ok());
  EXPECT_EQ(bureau_.LastRefusalRule(), "consent.missing");
}

TEST_F(ReadGateTest, ExpiredConsentIsRefusedFromTheDayAfterItsLastDay) {
  bureau_.AddConsentFor(subject_, "Bank A", "credit_application", "REF-1", D(2024, 1, 1), D(2024, 3, 10));
  EXPECT_TRUE(Read(bureau_, Request(subject_, "Bank A", "credit_application", "REF-1")).ok());
  bureau_.SetToday(D(2024, 3, 11));
  auto before = bureau_.Snapshot();
  auto grant = Read(bureau_, Request(subject_, "Bank A", "credit_application", "REF-1"));
  ASSERT_FALSE(grant.ok());
  EXPECT_EQ(grant.error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(bureau_.LastRefusalRule(), "consent.expired");
  EXPECT_EQ(bureau_.Snapshot(), before);
}

TEST_F(ReadGateTest, WithdrawalStopsLaterReadsAndKeepsEarlierOnes) {
  int64_t consent = bureau_.AddConsentFor(subject_, "Bank A", "credit_application", "REF-1", D(2024, 1, 1));
  ASSERT_TRUE(Read(bureau_, Request(subject_, "Bank A", "credit_application")).ok());
  ASSERT_TRUE(WithdrawConsent(bureau_.store(), bureau_.context(), consent).ok());
  auto before = bureau_.Snapshot();
  auto grant = Read(bureau_, Request(subject_, "Bank A", "credit_application"));
  ASSERT_FALSE(grant.ok());
  EXPECT_EQ(bureau_.LastRefusalRule(), "consent.withdrawn");
  EXPECT_EQ(bureau_.Snapshot(), before);
  testing::Read(bureau_.store(), [&](Transaction& tx) -> Status {
    CREDO_ASSIGN_OR_RETURN(auto log, ListQueryRecords(tx, bureau_.context(), subject_, ViewerKind::kAuditor));
    EXPECT_EQ(log.size(), 1u);  // the read made before the withdrawal stays on record
    EXPECT_EQ(log[0].consent_id, consent);
    return Ok();
  });
}

TEST_F(ReadGateTest, ConsentForAnotherInstitutionIsRefused) {
  bureau_.AddConsentFor(subject_, "Bank A", "credit_application", "REF-1", D(2024, 1, 1));
  auto before = bureau_.Snapshot();
  auto grant = Read(bureau_, Request(subject_, "Bank B", "credit_application", "REF-1"));
  ASSERT_FALSE(grant.ok());
  EXPECT_EQ(bureau_.LastRefusalRule(), "consent.other_institution");
  EXPECT_EQ(bureau_.Snapshot(), before);
  // Without naming it, Bank B has no consent of its own.
  EXPECT_FALSE(Read(bureau_, Request(subject_, "Bank B", "credit_application")).ok());
  EXPECT_EQ(bureau_.LastRefusalRule(), "consent.missing");
}

TEST_F(ReadGateTest, AConsentReferenceTheSubjectNeverGaveIsRefused) {
  // Naming a consent is a claim the bureau checks: the subject's other consent does not stand in.
  bureau_.AddConsentFor(subject_, "Bank A", "credit_application", "REF-1", D(2024, 1, 1));
  auto before = bureau_.Snapshot();
  auto grant = Read(bureau_, Request(subject_, "Bank A", "credit_application", "REF-FORGED"));
  ASSERT_FALSE(grant.ok());
  EXPECT_EQ(grant.error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(bureau_.LastRefusalRule(), "consent.missing");
  EXPECT_NE(grant.error().message.find("REF-FORGED"), std::string::npos);
  EXPECT_EQ(bureau_.Snapshot(), before);
}

TEST_F(ReadGateTest, ConsentForAnotherPurposeIsRefused) {
  bureau_.AddConsentFor(subject_, "Bank A", "account_review", "REF-1", D(2024, 1, 1));
  EXPECT_FALSE(Read(bureau_, Request(subject_, "Bank A", "credit_application", "REF-1")).ok());
  EXPECT_EQ(bureau_.LastRefusalRule(), "consent.other_purpose");
}

TEST_F(ReadGateTest, AConsentCountsFromItsFirstDayAndForTheDataItNames) {
  // 条例 Art. 18-20: a consent not yet in force, or one for other data, lets nothing be read.
  bureau_.AddConsentFor(subject_, "Bank A", "credit_application", "REF-LATER", D(2024, 4, 1));
  auto before = bureau_.Snapshot();
  EXPECT_FALSE(Read(bureau_, Request(subject_, "Bank A", "credit_application", "REF-LATER")).ok());
  EXPECT_EQ(bureau_.LastRefusalRule(), "consent.not_yet_valid");
  EXPECT_EQ(bureau_.Snapshot(), before);

  ConsentGrant grant =
      Bureau::GrantFor(subject_, "Bank A", "credit_application", "REF-SCORE", D(2024, 1, 1));
  grant.scope = {"score"};
  ASSERT_TRUE(AddConsent(bureau_.store(), bureau_.context(), grant).ok());
  ReadRequest report = Request(subject_, "Bank A", "credit_application", "REF-SCORE");
  report.what = {"report"};
  before = bureau_.Snapshot();
  EXPECT_FALSE(Read(bureau_, report).ok());
  EXPECT_EQ(bureau_.LastRefusalRule(), "consent.out_of_scope");
  EXPECT_EQ(bureau_.Snapshot(), before);
  ReadRequest score = report;
  score.what = {"score"};
  EXPECT_TRUE(Read(bureau_, score).ok());
}

TEST_F(ReadGateTest, RestrictedDataOnlyUnderAConsentThatNamesIt) {
  bureau_.AddConsentFor(subject_, "Bank A", "credit_application", "REF-1", D(2024, 1, 1));
  ReadRequest request = Request(subject_, "Bank A", "credit_application");
  request.what = {"report", "income"};
  EXPECT_FALSE(Read(bureau_, request).ok());
  EXPECT_EQ(bureau_.LastRefusalRule(), "restricted.no_consent");
  bureau_.AddConsentFor(subject_, "Bank A", "credit_application", "REF-2", D(2024, 1, 1), {}, {"income"});
  auto grant = Read(bureau_, request);
  ASSERT_TRUE(grant.ok()) << grant.error().ToString();
  EXPECT_TRUE(grant->MayShow("income"));
  EXPECT_FALSE(grant->MayShow("deposits"));
}

TEST_F(ReadGateTest, RequesterMustBeNamedAndSubjectKnown) {
  ReadRequest request = Request(subject_, "Bank A", "court_order");
  request.staff_user.clear();
  EXPECT_EQ(Read(bureau_, request).error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(bureau_.LastRefusalRule(), "read.requester_unnamed");
  EXPECT_EQ(Read(bureau_, Request(777, "Bank A", "court_order")).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(bureau_.LastRefusalRule(), "subject.unknown");
  request = Request(subject_, "Bank A", "court_order");
  request.what = {"religion"};
  EXPECT_EQ(Read(bureau_, request).error().code, ErrorCode::kInvalidArgument);
}

// 条例 第18条, FCRA 604(a)(1): a court-order read needs no consent but relies on the order, so
// it must name it; without it only the refusal is recorded.
TEST_F(ReadGateTest, ACourtOrderReadWithoutItsOrderIsRefusedAndRecorded) {
  auto before = bureau_.Snapshot();
  auto grant = Read(bureau_, Request(subject_, "Court", "court_order"));
  ASSERT_FALSE(grant.ok());
  EXPECT_EQ(grant.error().code, ErrorCode::kPermissionDenied);
  EXPECT_NE(grant.error().message.find("court_order.reference_required"), std::string::npos);
  EXPECT_NE(grant.error().message.find("征信业管理条例 第18条; FCRA 604(a)(1)"), std::string::npos)
      << grant.error().message;
  EXPECT_EQ(bureau_.Snapshot(), before);  // no inquiry, no query record
  auto refusals = bureau_.Refusals();
  ASSERT_EQ(refusals.size(), 1u);
  EXPECT_EQ(refusals[0].rule, "court_order.reference_required");
  EXPECT_EQ(refusals[0].operation, "read");
  EXPECT_EQ(refusals[0].institution, "Court");
  EXPECT_EQ(refusals[0].staff_user, "loan.officer.7");
  EXPECT_EQ(refusals[0].purpose, "court_order");
  EXPECT_EQ(refusals[0].legal_basis, "征信业管理条例 第18条; FCRA 604(a)(1)");
}

TEST_F(ReadGateTest, AMalformedOrderReferenceIsRefused) {
  for (const char* reference : {"12", "no case number", " (2024)京0105执1234号",
                                "(2024)京0105执1234号 ", "(2024)\x01 0105"}) {
    ReadRequest court = Request(subject_, "Court", "court_order");
    court.order_reference = reference;
    auto before = bureau_.Snapshot();
    auto grant = Read(bureau_, court);
    ASSERT_FALSE(grant.ok()) << reference;
    EXPECT_EQ(grant.error().code, ErrorCode::kInvalidArgument) << reference;
    EXPECT_EQ(bureau_.LastRefusalRule(), "court_order.reference_malformed") << reference;
    EXPECT_EQ(bureau_.Snapshot(), before) << reference;
  }
  ReadRequest too_long = Request(subject_, "Court", "court_order");
  too_long.order_reference = std::string(129, '7');
  EXPECT_FALSE(Read(bureau_, too_long).ok());
  EXPECT_EQ(bureau_.LastRefusalRule(), "court_order.reference_malformed");
}

TEST_F(ReadGateTest, ACourtOrderReadKeepsItsOrderInTheQueryRecordForTheSubject) {
  ReadRequest court = Request(subject_, "Court", "court_order");
  court.order_reference = "(2024)京0105执1234号";
  auto grant = Read(bureau_, court);
  ASSERT_TRUE(grant.ok()) << grant.error().ToString();
  EXPECT_EQ(grant->consent_id, 0);  // no consent: the order is the basis
  EXPECT_EQ(grant->inquiry_kind, InquiryKind::kSoft);
  testing::Read(bureau_.store(), [&](Transaction& tx) -> Status {
    CREDO_ASSIGN_OR_RETURN(auto to_subject,
                           ListQueryRecords(tx, bureau_.context(), subject_, ViewerKind::kSubject));
    EXPECT_EQ(to_subject.size(), 1u);
    if (to_subject.empty()) return Ok();
    EXPECT_EQ(to_subject[0].purpose, "court_order");
    EXPECT_EQ(to_subject[0].order_reference, "(2024)京0105执1234号");
    CREDO_ASSIGN_OR_RETURN(auto log, ListQueryLog(tx, D(2024, 1, 1), D(2024, 12, 31)));
    EXPECT_EQ(log.size(), 1u);
    if (!log.empty()) {
      EXPECT_EQ(log[0].order_reference, "(2024)京0105执1234号");
    }
    return Ok();
  });
  bool audited = false;
  for (const AuditEntry& entry : bureau_.Audit()) {
    audited = audited || (entry.action == "compliance.read" &&
                          entry.detail.find("order=(2024)京0105执1234号") != std::string::npos);
  }
  EXPECT_TRUE(audited);
  EXPECT_TRUE(bureau_.Refusals().empty());
}

TEST_F(ReadGateTest, AnOrderReferenceOnAnotherPurposeIsRefused) {
  // A read that does not rely on a court order may not claim one in its record.
  bureau_.AddConsentFor(subject_, "Bank A", "credit_application", "REF-1", D(2024, 1, 1));
  ReadRequest request = Request(subject_, "Bank A", "credit_application");
  request.order_reference = "(2024)京0105执1234号";
  auto before = bureau_.Snapshot();
  auto grant = Read(bureau_, request);
  ASSERT_FALSE(grant.ok());
  EXPECT_EQ(grant.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(bureau_.LastRefusalRule(), "court_order.reference_unexpected");
  EXPECT_EQ(bureau_.Snapshot(), before);
  request.order_reference.clear();
  EXPECT_TRUE(Read(bureau_, request).ok());
}

TEST(ReadGateUs, ACourtOrderReadNamesItsOrderToo) {
  Bureau bureau("us", D(2024, 3, 10));
  SubjectId subject = bureau.AddPerson(1);
  EXPECT_FALSE(Read(bureau, Request(subject, "Court", "court_order")).ok());
  EXPECT_EQ(bureau.LastRefusalRule(), "court_order.reference_required");
  ReadRequest court = Request(subject, "Court", "court_order");
  court.order_reference = "1:24-cv-01234";
  EXPECT_TRUE(Read(bureau, court).ok());
}

TEST_F(ReadGateTest, FreeSelfQueriesAreCountedPerCalendarYear) {
  ReadRequest self = Request(subject_, "self", "self_query");
  ASSERT_TRUE(Read(bureau_, self).ok());
  ASSERT_TRUE(Read(bureau_, self).ok());
  auto before = bureau_.Snapshot();
  auto third = Read(bureau_, self);
  ASSERT_FALSE(third.ok());
  EXPECT_EQ(third.error().code, ErrorCode::kResourceExhausted);
  EXPECT_NE(third.error().message.find("self_query.free_limit"), std::string::npos);
  EXPECT_NE(third.error().message.find("2025-01-01"), std::string::npos);
  EXPECT_EQ(bureau_.Snapshot(), before);
  bureau_.SetToday(D(2025, 1, 1));
  EXPECT_TRUE(Read(bureau_, self).ok());
}

TEST_F(ReadGateTest, OnlyTheSubjectsOwnChannelMakesASelfQuery) {
  // A lender naming the subject's free, soft, consent-free purpose is refused, and only the
  // refusal is recorded: no inquiry, no query record, none of the subject's free reads used.
  auto before = bureau_.Snapshot();
  auto taken = Read(bureau_, Request(subject_, "Bank A", "self_query"));
  ASSERT_FALSE(taken.ok());
  EXPECT_EQ(taken.error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(bureau_.LastRefusalRule(), "self_query.subject_only");
  EXPECT_EQ(bureau_.Snapshot(), before);
  // The self-service channel reads under no other purpose.
  auto channel = Read(bureau_, Request(subject_, "self", "credit_application"));
  ASSERT_FALSE(channel.ok());
  EXPECT_EQ(channel.error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(bureau_.LastRefusalRule(), "self_query.channel_purpose");
  // The subject still has both free self-queries of the year.
  ReadRequest self = Request(subject_, "self", "self_query");
  EXPECT_TRUE(Read(bureau_, self).ok());
  EXPECT_TRUE(Read(bureau_, self).ok());
}

TEST_F(ReadGateTest, SoftInquiriesAreShownOnlyToTheSubject) {
  bureau_.AddConsentFor(subject_, "Bank A", "credit_application", "REF-1", D(2024, 1, 1));
  bureau_.AddConsentFor(subject_, "Bank A", "account_review", "REF-2", D(2024, 1, 1));
  ASSERT_TRUE(Read(bureau_, Request(subject_, "Bank A", "credit_application")).ok());
  ASSERT_TRUE(Read(bureau_, Request(subject_, "Bank A", "account_review")).ok());
  testing::Read(bureau_.store(), [&](Transaction& tx) -> Status {
    CREDO_ASSIGN_OR_RETURN(auto to_subject, ListQueryRecords(tx, bureau_.context(), subject_, ViewerKind::kSubject));
    CREDO_ASSIGN_OR_RETURN(auto to_bank, ListQueryRecords(tx, bureau_.context(), subject_, ViewerKind::kInstitution));
    EXPECT_EQ(to_subject.size(), 2u);
    EXPECT_EQ(to_bank.size(), 1u);
    if (to_bank.size() != 1u) return Ok();
    EXPECT_EQ(to_bank[0].purpose, "credit_application");
    EXPECT_TRUE(to_bank[0].staff_user.empty());
    EXPECT_TRUE(to_subject[0].staff_user.empty());
    return Ok();
  });
}

TEST_F(ReadGateTest, QueryRecordsAreShownForTheProfilesPeriodAndNeverDeleted) {
  ReadRequest court = Request(subject_, "Court", "court_order");
  court.order_reference = "(2024)京0105执1234号";
  ASSERT_TRUE(Read(bureau_, court).ok());
  bureau_.SetToday(D(2029, 3, 10));  // 5 years (CN query-record period) later: still shown
  testing::Read(bureau_.store(), [&](Transaction& tx) -> Status {
    CREDO_ASSIGN_OR_RETURN(auto log, ListQueryRecords(tx, bureau_.context(), subject_, ViewerKind::kSubject));
    EXPECT_EQ(log.size(), 1u);
    return Ok();
  });
  bureau_.SetToday(D(2029, 3, 11));
  testing::Read(bureau_.store(), [&](Transaction& tx) -> Status {
    CREDO_ASSIGN_OR_RETURN(auto log, ListQueryRecords(tx, bureau_.context(), subject_, ViewerKind::kSubject));
    EXPECT_TRUE(log.empty());
    CREDO_ASSIGN_OR_RETURN(auto kept, ListQueryLog(tx, D(2024, 1, 1), D(2024, 12, 31)));
    EXPECT_EQ(kept.size(), 1u);  // kept, only no longer disclosed
    return Ok();
  });
}

TEST(ReadGateUs, CreditApplicationNeedsNoConsentButEmploymentDoes) {
  Bureau bureau("us", D(2024, 3, 10));
  SubjectId subject = bureau.AddPerson(1);
  EXPECT_TRUE(Read(bureau, Request(subject, "Bank A", "credit_application")).ok());
  EXPECT_FALSE(Read(bureau, Request(subject, "Employer", "employment")).ok());
  EXPECT_EQ(bureau.LastRefusalRule(), "consent.missing");
  // FCRA 604(g): medical information needs a consent that names it, whatever the purpose.
  ReadRequest medical = Request(subject, "Bank A", "credit_application");
  medical.what = {"report", "medical_information"};
  EXPECT_FALSE(Read(bureau, medical).ok());
  EXPECT_EQ(bureau.LastRefusalRule(), "restricted.no_consent");
}

}  // namespace
}  // namespace credo::compliance
