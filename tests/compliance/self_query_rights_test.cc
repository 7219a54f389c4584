// The rights a self-query uses (read_gate.h SelfQueryBasis): the year's free ones, a paid one
// (both profiles) and, in the US profile, the free one within 60 days of an adverse action notice
// (FCRA 612(b)). Refusals change nothing but the refusal record.
#include <gtest/gtest.h>

#include "compliance/read_gate.h"
#include "compliance_test_support.h"

namespace credo::compliance {
namespace {

using testing::Bureau;
using testing::D;

ReadRequest SelfQuery(SubjectId subject, SelfQueryBasis basis = SelfQueryBasis::kFree,
                      std::string reference = "", std::optional<Date> notice_on = std::nullopt) {
  ReadRequest r;
  r.subject_id = subject;
  r.institution = std::string(kSelfQueryInstitution);
  r.staff_user = "subject-portal";
  r.purpose = std::string(kSelfQueryPurpose);
  r.self_query_basis = basis;
  r.self_query_reference = std::move(reference);
  r.adverse_action_notice_on = notice_on;
  return r;
}

Result<ReadGrant> Read(Bureau& bureau, const ReadRequest& request) {
  return ReadThroughGate(bureau.store(), bureau.context(), request,
                         [](Transaction&, const ReadGrant&) { return Ok(); });
}

std::vector<QueryRecord> RecordsSeenBySubject(Bureau& bureau, SubjectId subject) {
  std::vector<QueryRecord> records;
  testing::Read(bureau.store(), [&](Transaction& tx) -> Status {
    CREDO_ASSIGN_OR_RETURN(records,
                           ListQueryRecords(tx, bureau.context(), subject, ViewerKind::kSubject));
    return Ok();
  });
  return records;
}

void ExpectRefused(Bureau& bureau, const ReadRequest& request, ErrorCode code,
                   const std::string& rule) {
  auto before = bureau.Snapshot();
  auto grant = Read(bureau, request);
  ASSERT_FALSE(grant.ok()) << rule;
  EXPECT_EQ(grant.error().code, code) << grant.error().ToString();
  EXPECT_EQ(bureau.LastRefusalRule(), rule);
  EXPECT_EQ(bureau.Snapshot(), before) << rule;
}

TEST(SelfQueryRightsTest, APaidSelfQueryNeedsItsReceiptAndUsesNoFreeOne) {
  Bureau bureau("cn", D(2024, 3, 10));
  SubjectId subject = bureau.AddPerson(1);
  ASSERT_TRUE(Read(bureau, SelfQuery(subject)).ok());
  ASSERT_TRUE(Read(bureau, SelfQuery(subject)).ok());
  auto third = Read(bureau, SelfQuery(subject));
  ASSERT_FALSE(third.ok());
  EXPECT_EQ(bureau.LastRefusalRule(), "self_query.free_limit");
  // The refusal says what the subject can do now.
  EXPECT_NE(third.error().message.find("paid self-query"), std::string::npos);
  // The cn profile gives no adverse-action right, so the message does not offer it.
  EXPECT_EQ(third.error().message.find("adverse action"), std::string::npos);

  ExpectRefused(bureau, SelfQuery(subject, SelfQueryBasis::kPaid), ErrorCode::kPermissionDenied,
                "self_query.payment_reference_required");
  ExpectRefused(bureau, SelfQuery(subject, SelfQueryBasis::kPaid, " RCPT-1"),
                ErrorCode::kInvalidArgument, "self_query.reference_malformed");
  ExpectRefused(bureau, SelfQuery(subject, SelfQueryBasis::kPaid, std::string("RC\nPT")),
                ErrorCode::kInvalidArgument, "self_query.reference_malformed");
  ASSERT_TRUE(Read(bureau, SelfQuery(subject, SelfQueryBasis::kPaid, "RCPT-2024-0001")).ok());
  ASSERT_TRUE(Read(bureau, SelfQuery(subject, SelfQueryBasis::kPaid, "RCPT-2024-0002")).ok());

  testing::Read(bureau.store(), [&](Transaction& tx) -> Status {
    CREDO_ASSIGN_OR_RETURN(int free, CountSelfQueries(tx, subject, D(2024, 3, 10)));
    EXPECT_EQ(free, 2);
    return Ok();
  });
  auto records = RecordsSeenBySubject(bureau, subject);
  ASSERT_EQ(records.size(), 4u);
  EXPECT_EQ(records[0].self_query_basis, "paid");  // newest first
  EXPECT_EQ(records[0].self_query_reference, "RCPT-2024-0002");
  EXPECT_EQ(records[3].self_query_basis, "free");
  EXPECT_TRUE(records[3].self_query_reference.empty());
}

TEST(SelfQueryRightsTest, AFreeReportWithinSixtyDaysOfAnAdverseActionInTheUs) {
  Bureau bureau("us", D(2024, 3, 10));
  SubjectId subject = bureau.AddPerson(1);
  ASSERT_TRUE(Read(bureau, SelfQuery(subject)).ok());  // the year's one free report
  ExpectRefused(bureau, SelfQuery(subject), ErrorCode::kResourceExhausted, "self_query.free_limit");

  const Date notice = D(2024, 1, 10);  // 60 days before 2024-03-10
  ExpectRefused(bureau, SelfQuery(subject, SelfQueryBasis::kAdverseAction, "Bank A"),
                ErrorCode::kInvalidArgument, "self_query.adverse_action_notice_required");
  ExpectRefused(bureau, SelfQuery(subject, SelfQueryBasis::kAdverseAction, "", notice),
                ErrorCode::kInvalidArgument, "self_query.adverse_action_notice_required");
  ExpectRefused(bureau,
                SelfQuery(subject, SelfQueryBasis::kAdverseAction, "Bank A", D(2024, 3, 11)),
                ErrorCode::kInvalidArgument, "self_query.adverse_action_notice_future");
  ExpectRefused(bureau,
                SelfQuery(subject, SelfQueryBasis::kAdverseAction, "Bank A", D(2024, 1, 9)),
                ErrorCode::kPermissionDenied, "self_query.adverse_action_expired");

  ASSERT_TRUE(Read(bureau, SelfQuery(subject, SelfQueryBasis::kAdverseAction, "Bank A", notice))
                  .ok());
  // One free report per notice; another notice gives another.
  ExpectRefused(bureau, SelfQuery(subject, SelfQueryBasis::kAdverseAction, "Bank A", notice),
                ErrorCode::kResourceExhausted, "self_query.adverse_action_used");
  ASSERT_TRUE(Read(bureau, SelfQuery(subject, SelfQueryBasis::kAdverseAction, "Card Issuer B",
                                     D(2024, 3, 1)))
                  .ok());
  auto records = RecordsSeenBySubject(bureau, subject);
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(records[0].self_query_basis, "adverse_action");
  EXPECT_EQ(records[0].self_query_reference, "Card Issuer B");
  ASSERT_TRUE(records[0].adverse_action_notice_on.has_value());
  EXPECT_EQ(*records[0].adverse_action_notice_on, D(2024, 3, 1));
  // The free report of the year is still the only free one counted.
  testing::Read(bureau.store(), [&](Transaction& tx) -> Status {
    CREDO_ASSIGN_OR_RETURN(int free, CountSelfQueries(tx, subject, D(2024, 3, 10)));
    EXPECT_EQ(free, 1);
    return Ok();
  });
}

TEST(SelfQueryRightsTest, TheCnProfileHasNoAdverseActionRight) {
  Bureau bureau("cn", D(2024, 3, 10));
  SubjectId subject = bureau.AddPerson(1);
  ExpectRefused(bureau,
                SelfQuery(subject, SelfQueryBasis::kAdverseAction, "Bank A", D(2024, 3, 1)),
                ErrorCode::kPermissionDenied, "self_query.adverse_action_not_in_profile");
}

TEST(SelfQueryRightsTest, ARightBelongsToASelfQueryOnly) {
  Bureau bureau("cn", D(2024, 3, 10));
  SubjectId subject = bureau.AddPerson(1);
  bureau.AddConsentFor(subject, "Bank A", "credit_application", "REF-1", D(2024, 1, 1));
  ReadRequest lender;
  lender.subject_id = subject;
  lender.institution = "Bank A";
  lender.staff_user = "loan.officer.7";
  lender.purpose = "credit_application";
  lender.self_query_basis = SelfQueryBasis::kPaid;
  lender.self_query_reference = "RCPT-1";
  ExpectRefused(bureau, lender, ErrorCode::kInvalidArgument, "self_query.basis_unexpected");
  // A free self-query with a reference is ambiguous: refused, not silently counted as free.
  ExpectRefused(bureau, SelfQuery(subject, SelfQueryBasis::kFree, "RCPT-1"),
                ErrorCode::kInvalidArgument, "self_query.basis_unexpected");
}

TEST(SelfQueryRightsTest, BasisNamesRoundTrip) {
  for (SelfQueryBasis basis :
       {SelfQueryBasis::kFree, SelfQueryBasis::kPaid, SelfQueryBasis::kAdverseAction}) {
    auto parsed = ParseSelfQueryBasis(SelfQueryBasisName(basis));
    ASSERT_TRUE(parsed.ok());
    EXPECT_EQ(*parsed, basis);
  }
  EXPECT_FALSE(ParseSelfQueryBasis("gratis").ok());
}

}  // namespace
}  // namespace credo::compliance
