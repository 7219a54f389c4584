// The read gate's operator-purpose rules (compliance/operator_access.h), on the library alone:
// the bureau's staff read only under an operator purpose with an open case of that subject;
// institutions never under one; every refusal names its rule and is recorded; a granted read is
// logged with the staff user and shown to the subject only. Staff access to identity is audited.
#include "compliance/operator_access.h"

#include <gtest/gtest.h>

#include "compliance/disputes.h"
#include "compliance/read_gate.h"
#include "compliance_test_support.h"

namespace credo::compliance {
namespace {

using testing::Bureau;
using testing::D;

class OperatorAccessTest : public ::testing::TestWithParam<std::string> {
 protected:
  OperatorAccessTest() : bureau_(GetParam(), D(2026, 3, 10)) {
    subject_ = bureau_.AddPerson(1);
    other_ = bureau_.AddPerson(2);
    tradeline_ = bureau_.AddTradeline(subject_, "A-1", D(2026, 2, 28), "0100");
  }
  int64_t OpenDisputeOn(SubjectId subject, ItemRef item) {
    DisputeRequest request;
    request.subject_id = subject;
    request.item = item;
    request.reason = "not mine";
    auto id = OpenDispute(bureau_.store(), bureau_.context(), request);
    EXPECT_TRUE(id.ok()) << id.error().ToString();
    return id.ok() ? *id : 0;
  }
  ReadRequest Operator(SubjectId subject, std::string purpose, int64_t case_id = 0) {
    ReadRequest request;
    request.subject_id = subject;
    request.institution = std::string(kBureauInstitution);
    request.staff_user = "ops.li";
    request.purpose = std::move(purpose);
    request.case_id = case_id;
    return request;
  }
  Result<ReadGrant> Read(const ReadRequest& request) {
    return ReadThroughGate(bureau_.store(), bureau_.context(), request,
                           [](Transaction&, const ReadGrant&) { return Ok(); });
  }
  void ExpectRefused(const ReadRequest& request, ErrorCode code, const std::string& rule) {
    auto read = Read(request);
    ASSERT_FALSE(read.ok()) << request.purpose;
    EXPECT_EQ(read.error().code, code) << read.error().ToString();
    EXPECT_NE(read.error().message.find("rule " + rule), std::string::npos)
        << read.error().ToString();
  }
  int64_t CountRows(const std::string& table) {
    int64_t count = 0;
    testing::Read(bureau_.store(), [&](Transaction& tx) -> Status {
      CREDO_ASSIGN_OR_RETURN(auto rows, tx.Query("SELECT COUNT(*) FROM " + table));
      count = rows[0][0].int_value;
      return Ok();
    });
    return count;
  }

  Bureau bureau_;
  SubjectId subject_ = 0;
  SubjectId other_ = 0;
  int64_t tradeline_ = 0;
};

TEST_P(OperatorAccessTest, TheProfileListsItsOperatorPurposes) {
  auto codes = OperatorPurposes(bureau_.profile());
  ASSERT_FALSE(codes.empty());
  EXPECT_EQ(codes[0], "dispute_handling");
  const PurposeRule* rule = bureau_.profile().FindPurpose(kDisputeHandlingPurpose);
  ASSERT_NE(rule, nullptr);
  EXPECT_FALSE(rule->hard_inquiry);
  EXPECT_FALSE(rule->requires_consent);
  // The legal basis is the dispute article of the jurisdiction.
  EXPECT_NE(rule->legal_basis.find(GetParam() == "cn" ? "第25条" : "FCRA 611"), std::string::npos);
  EXPECT_TRUE(IsOperatorPurpose("complaint_handling"));
  EXPECT_FALSE(IsOperatorPurpose("credit_application"));
}

TEST_P(OperatorAccessTest, DisputeHandlingNeedsAnOpenDisputeOfThatSubject) {
  // No dispute yet: refused, recorded, nothing read.
  const int64_t log_before = CountRows("compliance_query_log");
  ExpectRefused(Operator(subject_, "dispute_handling"), ErrorCode::kPermissionDenied,
                "operator.no_open_case");
  EXPECT_EQ(CountRows("compliance_query_log"), log_before);
  int64_t dispute = OpenDisputeOn(subject_, {ItemKind::kTradeline, tradeline_, {}, {}});
  // Any open dispute, or the one named.
  auto granted = Read(Operator(subject_, "dispute_handling"));
  ASSERT_TRUE(granted.ok()) << granted.error().ToString();
  EXPECT_EQ(granted->inquiry_kind, InquiryKind::kSoft);
  EXPECT_TRUE(Read(Operator(subject_, "dispute_handling", dispute)).ok());
  // Another subject's case, an unknown case.
  ExpectRefused(Operator(other_, "dispute_handling", dispute), ErrorCode::kPermissionDenied,
                "operator.case_other_subject");
  ExpectRefused(Operator(subject_, "dispute_handling", 987654), ErrorCode::kNotFound,
                "operator.case_unknown");
  // Closed: the reason to read is gone.
  DisputeResolution resolution;
  resolution.outcome = DisputeOutcome::kVerified;
  resolution.note = "as reported";
  ASSERT_TRUE(ResolveDispute(bureau_.store(), bureau_.context(), dispute, resolution).ok());
  ExpectRefused(Operator(subject_, "dispute_handling", dispute), ErrorCode::kPermissionDenied,
                "operator.case_closed");
  ExpectRefused(Operator(subject_, "dispute_handling"), ErrorCode::kPermissionDenied,
                "operator.no_open_case");
}

TEST_P(OperatorAccessTest, GrantedReadsAreLoggedWithTheStaffUserAndShownToTheSubjectOnly) {
  OpenDisputeOn(subject_, {ItemKind::kTradeline, tradeline_, {}, {}});
  ASSERT_TRUE(Read(Operator(subject_, "dispute_handling")).ok());
  auto records_for = [&](ViewerKind viewer) {
    std::vector<QueryRecord> records;
    testing::Read(bureau_.store(), [&](Transaction& tx) -> Status {
      CREDO_ASSIGN_OR_RETURN(records, ListQueryRecords(tx, bureau_.context(), subject_, viewer));
      return Ok();
    });
    return records;
  };
  auto auditor = records_for(ViewerKind::kAuditor);
  ASSERT_EQ(auditor.size(), 1u);
  EXPECT_EQ(auditor[0].institution, "bureau");
  EXPECT_EQ(auditor[0].staff_user, "ops.li");
  EXPECT_EQ(auditor[0].purpose, "dispute_handling");
  EXPECT_EQ(records_for(ViewerKind::kSubject).size(), 1u);
  EXPECT_TRUE(records_for(ViewerKind::kInstitution).empty());
}

TEST_P(OperatorAccessTest, PurposesAreBoundToWhoReads) {
  OpenDisputeOn(subject_, {ItemKind::kTradeline, tradeline_, {}, {}});
  // The bureau may not read under an institution's purpose ...
  ExpectRefused(Operator(subject_, "credit_application"), ErrorCode::kPermissionDenied,
                "operator.purpose_required");
  ExpectRefused(Operator(subject_, "court_order"), ErrorCode::kPermissionDenied,
                "operator.purpose_required");
  // ... and an institution not under the bureau's.
  ReadRequest bank = Operator(subject_, "dispute_handling");
  bank.institution = "Bank A";
  ExpectRefused(bank, ErrorCode::kPermissionDenied, "operator.purpose_reserved");
  // Each refusal is recorded with its rule.
  int64_t refusals = 0;
  testing::Read(bureau_.store(), [&](Transaction& tx) -> Status {
    CREDO_ASSIGN_OR_RETURN(auto rows,
                           tx.Query("SELECT COUNT(*) FROM compliance_refusals WHERE rule LIKE "
                                    "'operator.%'"));
    refusals = rows[0][0].int_value;
    return Ok();
  });
  EXPECT_EQ(refusals, 3);
}

TEST_P(OperatorAccessTest, ComplaintHandlingWhereTheProfileHasIt) {
  if (!bureau_.profile().FindPurpose(kComplaintHandlingPurpose)) {
    ExpectRefused(Operator(subject_, "complaint_handling"), ErrorCode::kPermissionDenied,
                  "purpose.unknown");
    return;
  }
  ExpectRefused(Operator(subject_, "complaint_handling"), ErrorCode::kPermissionDenied,
                "operator.no_open_case");
  ComplaintRequest complaint;
  complaint.subject_id = subject_;
  complaint.authority = "PBOC Beijing branch";
  complaint.text = "my dispute was ignored";
  auto id = OpenComplaint(bureau_.store(), bureau_.context(), complaint);
  ASSERT_TRUE(id.ok()) << id.error().ToString();
  EXPECT_TRUE(Read(Operator(subject_, "complaint_handling")).ok());
  EXPECT_TRUE(Read(Operator(subject_, "complaint_handling", *id)).ok());
  ExpectRefused(Operator(subject_, "complaint_handling", *id + 100), ErrorCode::kNotFound,
                "operator.case_unknown");
  ASSERT_TRUE(ResolveComplaint(bureau_.store(), bureau_.context(), *id, "answered").ok());
  ExpectRefused(Operator(subject_, "complaint_handling", *id), ErrorCode::kPermissionDenied,
                "operator.case_closed");
}

TEST_P(OperatorAccessTest, StaffAccessIsAudited) {
  Status recorded = bureau_.store().WithTransaction([&](Transaction& tx) -> Status {
    return RecordStaffAccess(tx, bureau_.context(),
                             {subject_, "ops.li", "subject_view", "display_name,identifiers_masked"});
  });
  ASSERT_TRUE(recorded.ok()) << recorded.error().ToString();
  std::vector<AuditEntry> entries;
  testing::Read(bureau_.store(), [&](Transaction& tx) -> Status {
    CREDO_ASSIGN_OR_RETURN(entries, tx.ListAuditForSubject(subject_));
    return Ok();
  });
  ASSERT_FALSE(entries.empty());
  const AuditEntry& last = entries.back();
  EXPECT_EQ(last.action, "compliance.staff_access");
  EXPECT_EQ(last.actor, "ops.li");
  EXPECT_NE(last.detail.find("purpose=subject_view"), std::string::npos);
  // No inquiry: a look-up is not a credit report.
  testing::Read(bureau_.store(), [&](Transaction& tx) -> Status {
    CREDO_ASSIGN_OR_RETURN(auto inquiries, tx.ListInquiries(subject_));
    EXPECT_TRUE(inquiries.empty());
    return Ok();
  });
  // Without a staff user or purpose it is refused.
  Status unnamed = bureau_.store().WithTransaction([&](Transaction& tx) -> Status {
    return RecordStaffAccess(tx, bureau_.context(), {subject_, "", "subject_view", ""});
  });
  EXPECT_EQ(unnamed.error().code, ErrorCode::kInvalidArgument);
}

INSTANTIATE_TEST_SUITE_P(Profiles, OperatorAccessTest, ::testing::Values("cn", "us"));

}  // namespace
}  // namespace credo::compliance
