#include "compliance/monitoring_gate.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "compliance/consent.h"
#include "compliance_test_support.h"

namespace credo::compliance {
namespace {

using testing::Bureau;
using testing::D;

MonitoringRequest Monitor(SubjectId subject, std::string institution,
                          std::string purpose = "account_review", std::string reference = "") {
  MonitoringRequest request;
  request.subject_id = subject;
  request.institution = std::move(institution);
  request.staff_user = "portfolio.desk";
  request.purpose = std::move(purpose);
  request.consent_reference = std::move(reference);
  return request;
}

// AuthorizeMonitoring in a transaction that commits whatever it wrote (as Subscribe does).
Result<MonitoringGrant> Authorize(Bureau& bureau, const MonitoringRequest& request) {
  std::optional<Result<MonitoringGrant>> result;
  Bureau::Check(bureau.store().WithTransaction([&](Transaction& tx) -> Status {
    result.emplace(AuthorizeMonitoring(tx, bureau.context(), request));
    return Ok();
  }));
  return *result;
}

std::optional<RuleBreak> Decide(Bureau& bureau, const MonitoringRequest& request) {
  std::optional<RuleBreak> refusal;
  testing::Read(bureau.store(), [&](Transaction& tx) -> Status {
    CREDO_ASSIGN_OR_RETURN(MonitoringDecision decision,
                           DecideMonitoring(tx, bureau.context(), request));
    refusal = decision.refusal;
    return Ok();
  });
  return refusal;
}

class MonitoringGateTest : public ::testing::Test {
 protected:
  Bureau bureau_{"cn", D(2024, 3, 10)};
  SubjectId subject_ = bureau_.AddPerson(1);
};

// 条例 第18条: post-loan monitoring (贷后管理) needs the subject's consent in the CN profile;
// without one the subscription is refused and the refusal recorded like the read gate's.
TEST_F(MonitoringGateTest, NoConsentIsRefusedAndRecorded) {
  auto before = bureau_.Snapshot();
  auto grant = Authorize(bureau_, Monitor(subject_, "Bank A"));
  ASSERT_FALSE(grant.ok());
  EXPECT_EQ(grant.error().code, ErrorCode::kPermissionDenied);
  EXPECT_NE(grant.error().message.find("consent.missing"), std::string::npos);
  EXPECT_EQ(grant.error().location, "compliance.monitor.subscribe");
  EXPECT_EQ(bureau_.Snapshot(), before);
  auto refusals = bureau_.Refusals();
  ASSERT_EQ(refusals.size(), 1u);
  EXPECT_EQ(refusals[0].rule, "consent.missing");
  EXPECT_EQ(refusals[0].operation, "monitor.subscribe");
  EXPECT_EQ(refusals[0].institution, "Bank A");
  EXPECT_EQ(refusals[0].staff_user, "portfolio.desk");
  EXPECT_EQ(refusals[0].purpose, "account_review");
  EXPECT_EQ(refusals[0].subject_id, subject_);
}

TEST_F(MonitoringGateTest, AConsentForAnApplicationDoesNotLetTheLenderWatchTheFile) {
  bureau_.AddConsentFor(subject_, "Bank A", "credit_application", "REF-APP", D(2024, 1, 1));
  EXPECT_FALSE(Authorize(bureau_, Monitor(subject_, "Bank A")).ok());
  EXPECT_EQ(bureau_.LastRefusalRule(), "consent.other_purpose");
  // Nor may monitoring run under the application's purpose.
  auto single = Authorize(bureau_, Monitor(subject_, "Bank A", "credit_application"));
  ASSERT_FALSE(single.ok());
  EXPECT_EQ(single.error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(bureau_.LastRefusalRule(), "monitor.purpose_not_monitoring");
  EXPECT_FALSE(Authorize(bureau_, Monitor(subject_, "Bank A", "marketing")).ok());
  EXPECT_EQ(bureau_.LastRefusalRule(), "purpose.unknown");
}

TEST_F(MonitoringGateTest, AValidAccountReviewConsentOfThatInstitutionAllowsIt) {
  int64_t consent = bureau_.AddConsentFor(subject_, "Bank A", "account_review", "REF-PL",
                                          D(2024, 1, 1), D(2024, 12, 31));
  auto grant = Authorize(bureau_, Monitor(subject_, "Bank A"));
  ASSERT_TRUE(grant.ok()) << grant.error().ToString();
  EXPECT_EQ(grant->subject_id, subject_);
  EXPECT_EQ(grant->consent_id, consent);
  EXPECT_EQ(grant->consent_reference, "REF-PL");
  EXPECT_EQ(grant->legal_basis, "征信业管理条例 第18条 (贷后管理)");
  EXPECT_TRUE(bureau_.Refusals().empty());
  // Named, it must be that consent; another institution has none of its own.
  EXPECT_TRUE(Authorize(bureau_, Monitor(subject_, "Bank A", "account_review", "REF-PL")).ok());
  EXPECT_FALSE(Authorize(bureau_, Monitor(subject_, "Bank A", "account_review", "REF-X")).ok());
  EXPECT_EQ(bureau_.LastRefusalRule(), "consent.missing");
  EXPECT_FALSE(Authorize(bureau_, Monitor(subject_, "Bank B")).ok());
  EXPECT_EQ(bureau_.LastRefusalRule(), "consent.missing");
}

TEST_F(MonitoringGateTest, WithdrawalOrExpiryStopsTheMonitoringFromThatDay) {
  int64_t consent = bureau_.AddConsentFor(subject_, "Bank A", "account_review", "REF-PL",
                                          D(2024, 1, 1), D(2024, 6, 30));
  EXPECT_FALSE(Decide(bureau_, Monitor(subject_, "Bank A")).has_value());
  bureau_.SetToday(D(2024, 7, 1));
  auto expired = Decide(bureau_, Monitor(subject_, "Bank A", "account_review", "REF-PL"));
  ASSERT_TRUE(expired.has_value());
  EXPECT_EQ(expired->rule, "consent.expired");
  bureau_.SetToday(D(2024, 3, 10));
  ASSERT_TRUE(WithdrawConsent(bureau_.store(), bureau_.context(), consent).ok());
  auto withdrawn = Decide(bureau_, Monitor(subject_, "Bank A", "account_review", "REF-PL"));
  ASSERT_TRUE(withdrawn.has_value());
  EXPECT_EQ(withdrawn->rule, "consent.withdrawn");
  // Deciding writes nothing.
  EXPECT_TRUE(bureau_.Refusals().empty());
}

TEST_F(MonitoringGateTest, TheBureausOwnIdsAndUnknownSubjectsAreRefused) {
  EXPECT_EQ(Authorize(bureau_, Monitor(subject_, "bureau")).error().code,
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(bureau_.LastRefusalRule(), "monitor.institution_id");
  EXPECT_EQ(Authorize(bureau_, Monitor(777, "Bank A")).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(bureau_.LastRefusalRule(), "subject.unknown");
}

// The monitor module asks the gate again before an alert leaves the bureau; the refusal names
// that operation (a webhook delivery here), in the record and in the error's location.
TEST_F(MonitoringGateTest, ARefusalNamesTheOperationItWasAskedFor) {
  MonitoringRequest request = Monitor(subject_, "Bank A");
  request.operation = std::string(kMonitorDeliverOperation);
  auto refused = Decide(bureau_, request);
  ASSERT_TRUE(refused.has_value());
  EXPECT_EQ(refused->operation, "monitor.deliver");
  auto grant = Authorize(bureau_, request);
  ASSERT_FALSE(grant.ok());
  EXPECT_EQ(grant.error().location, "compliance.monitor.deliver");
  ASSERT_EQ(bureau_.Refusals().size(), 1u);
  EXPECT_EQ(bureau_.Refusals()[0].operation, "monitor.deliver");
}

// FCRA 604(a)(3)(A): account review needs no consent in the US profile, only the purpose.
TEST(MonitoringGateUs, AccountReviewNeedsNoConsent) {
  Bureau bureau("us", D(2024, 3, 10));
  SubjectId subject = bureau.AddPerson(1);
  auto grant = Authorize(bureau, Monitor(subject, "Bank A"));
  ASSERT_TRUE(grant.ok()) << grant.error().ToString();
  EXPECT_EQ(grant->consent_id, 0);
  EXPECT_FALSE(Authorize(bureau, Monitor(subject, "Bank A", "credit_application")).ok());
  EXPECT_EQ(bureau.LastRefusalRule(), "monitor.purpose_not_monitoring");
}

}  // namespace
}  // namespace credo::compliance
