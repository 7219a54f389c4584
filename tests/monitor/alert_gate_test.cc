// The monitoring gate asked again for an alert about to leave the bureau (alert_gate.h): the
// refusal names the rule once the consent is withdrawn, nothing while it lasts or where the
// profile needs none; an institution's list leaves the refused alerts out and pages past them.
#include "monitor/alert_gate.h"

#include <gtest/gtest.h>

#include "compliance/consent.h"
#include "compliance/monitoring_gate.h"
#include "monitor_test_support.h"

namespace credo::monitor {
namespace {

using testing::D;

Alert MakeAlert(SubjectId subject, std::string key, int64_t created_at) {
  Alert alert;
  alert.institution = "BANK1";
  alert.subject_id = subject;
  alert.trigger = TriggerKind::kDelinquency;
  alert.severity = Severity::kHigh;
  alert.evidence_key = std::move(key);
  alert.evidence = R"({"tradeline_id":7})";
  alert.summary = "test alert";
  alert.as_of = D("2026-02-28");
  alert.created_at = created_at;
  return alert;
}

int64_t Raise(Store& store, const Alert& alert) {
  int64_t id = 0;
  testing::Write(store, [&](Transaction& transaction) -> Status {
    CREDO_ASSIGN_OR_RETURN(RaiseOutcome outcome, RaiseAlert(transaction, alert));
    id = outcome.alert_id;
    return Ok();
  });
  return id;
}

std::optional<compliance::RuleBreak> RefusalOf(Store& store,
                                               const compliance::ComplianceContext& context,
                                               const Alert& alert) {
  std::optional<compliance::RuleBreak> refusal;
  EXPECT_TRUE(store
                  .WithReadTransaction([&](Transaction& transaction) -> Status {
                    CREDO_ASSIGN_OR_RETURN(
                        refusal, AlertRefusal(transaction, context, alert,
                                              compliance::kMonitorDeliverOperation));
                    return Ok();
                  })
                  .ok());
  return refusal;
}

std::vector<int64_t> ReleasableIds(Store& store, const compliance::ComplianceContext& context,
                                   const AlertFilter& filter) {
  std::vector<int64_t> ids;
  EXPECT_TRUE(store
                  .WithReadTransaction([&](Transaction& transaction) -> Status {
                    CREDO_ASSIGN_OR_RETURN(
                        auto alerts, ListReleasableAlerts(transaction, context, "BANK1", filter));
                    for (const Alert& alert : alerts) ids.push_back(alert.id);
                    return Ok();
                  })
                  .ok());
  return ids;
}

class AlertGateTest : public ::testing::Test {
 protected:
  Store& store() { return bureau_.store(); }
  const compliance::ComplianceContext& context() const { return gate_.context(); }

  testing::TempBureau bureau_;
  FixedClock clock_{D("2026-03-01"), 1772323200};
  testing::Gate gate_{clock_};
};

TEST_F(AlertGateTest, RefusesOnceTheConsentIsWithdrawnNamingTheRule) {
  const SubjectId subject = testing::AddPerson(store(), 1);
  const auto consents = testing::AddMonitoringConsents(store(), context(), "BANK1", {subject});
  Alert alert = MakeAlert(subject, "k1", 100);
  alert.id = Raise(store(), alert);
  EXPECT_FALSE(RefusalOf(store(), context(), alert).has_value());
  ASSERT_TRUE(compliance::WithdrawConsent(store(), context(), consents.at(0)).ok());
  auto refusal = RefusalOf(store(), context(), alert);
  ASSERT_TRUE(refusal.has_value());
  EXPECT_EQ(refusal->rule, "consent.withdrawn");
  EXPECT_EQ(refusal->operation, compliance::kMonitorDeliverOperation);
  EXPECT_EQ(refusal->institution, "BANK1");
  EXPECT_EQ(refusal->subject_id, subject);
  EXPECT_EQ(refusal->code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(WithheldReason(*refusal), "withheld: consent withdrawn (rule consent.withdrawn)");
}

TEST_F(AlertGateTest, AnInstitutionWithoutAnyConsentIsRefused) {
  const SubjectId subject = testing::AddPerson(store(), 1);
  Alert alert = MakeAlert(subject, "k1", 100);
  auto refusal = RefusalOf(store(), context(), alert);
  ASSERT_TRUE(refusal.has_value());
  EXPECT_EQ(refusal->rule, "consent.missing");
}

// FCRA 604(a)(3)(A): the US profile's account review needs no consent of the subject.
TEST_F(AlertGateTest, TheUsProfileNeedsNoConsentToReleaseAnAlert) {
  testing::Gate us(clock_, "us");
  const SubjectId subject = testing::AddPerson(store(), 1);
  EXPECT_FALSE(RefusalOf(store(), us.context(), MakeAlert(subject, "k1", 100)).has_value());
}

TEST_F(AlertGateTest, TheListLeavesRefusedAlertsOutAndPagesPastThem) {
  const SubjectId kept = testing::AddPerson(store(), 1);
  const SubjectId withdrawn = testing::AddPerson(store(), 2);
  const auto consents =
      testing::AddMonitoringConsents(store(), context(), "BANK1", {kept, withdrawn});
  // Interleaved: kept, withdrawn, withdrawn, kept, withdrawn, kept.
  const int64_t k1 = Raise(store(), MakeAlert(kept, "k1", 100));
  Raise(store(), MakeAlert(withdrawn, "w1", 110));
  Raise(store(), MakeAlert(withdrawn, "w2", 120));
  const int64_t k2 = Raise(store(), MakeAlert(kept, "k2", 130));
  Raise(store(), MakeAlert(withdrawn, "w3", 140));
  const int64_t k3 = Raise(store(), MakeAlert(kept, "k3", 150));
  EXPECT_EQ(ReleasableIds(store(), context(), {}).size(), 6u);  // all consented so far
  ASSERT_TRUE(compliance::WithdrawConsent(store(), context(), consents.at(1)).ok());

  EXPECT_EQ(ReleasableIds(store(), context(), {}), (std::vector<int64_t>{k1, k2, k3}));
  // A page of two reads past the refused alerts to fill itself.
  EXPECT_EQ(ReleasableIds(store(), context(), {.limit = 2}), (std::vector<int64_t>{k1, k2}));
  EXPECT_EQ(ReleasableIds(store(), context(), {.after_id = k2, .limit = 2}),
            (std::vector<int64_t>{k3}));
  EXPECT_TRUE(ReleasableIds(store(), context(), {.subject_id = withdrawn}).empty());
  // Reading writes nothing: no refusal record for a list.
  ASSERT_TRUE(store()
                  .WithReadTransaction([&](Transaction& transaction) -> Status {
                    CREDO_ASSIGN_OR_RETURN(
                        auto refusals,
                        compliance::ListRefusals(transaction, D("1970-01-01"), D("2999-12-31")));
                    EXPECT_TRUE(refusals.empty());
                    return Ok();
                  })
                  .ok());
}

}  // namespace
}  // namespace credo::monitor
