#include "monitor/subscriptions.h"

#include <gtest/gtest.h>

#include "compliance/consent.h"
#include "compliance/refusal.h"
#include "monitor_test_support.h"

namespace credo::monitor {
namespace {

using testing::D;

std::vector<TriggerSpec> Triggers(std::string_view text) { return ParseTriggers(text).value(); }

int64_t Count(Store& store, const std::string& sql) {
  int64_t count = -1;
  EXPECT_TRUE(store
                  .WithReadTransaction([&](Transaction& transaction) -> Status {
                    CREDO_ASSIGN_OR_RETURN(auto rows, transaction.Query(sql));
                    count = rows.at(0).at(0).int_value;
                    return Ok();
                  })
                  .ok());
  return count;
}

SubscribeRequest Request(const std::string& institution, std::string_view triggers,
                         std::string_view baseline) {
  SubscribeRequest request;
  request.institution = institution;
  request.triggers = Triggers(triggers);
  request.baseline_on = D(baseline);
  request.staff_user = "portfolio.desk";
  return request;
}

std::vector<compliance::RefusalRecord> Refusals(Store& store) {
  std::vector<compliance::RefusalRecord> refusals;
  EXPECT_TRUE(store
                  .WithReadTransaction([&](Transaction& transaction) -> Status {
                    CREDO_ASSIGN_OR_RETURN(
                        refusals,
                        compliance::ListRefusals(transaction, D("1970-01-01"), D("2999-12-31")));
                    return Ok();
                  })
                  .ok());
  return refusals;
}

class SubscriptionsTest : public ::testing::Test {
 protected:
  Store& store() { return bureau_.store(); }
  const compliance::ComplianceContext& context() const { return gate_.context(); }

  testing::TempBureau bureau_;
  FixedClock clock_{D("2026-02-01"), 1769904000};
  testing::Gate gate_{clock_};
};

TEST_F(SubscriptionsTest, SubscribesByIdAuditsAndReplacesTriggers) {
  SubjectId a = testing::AddPerson(store(), 1);
  SubjectId b = testing::AddPerson(store(), 2);
  auto consents = testing::AddMonitoringConsents(store(), context(), "BANK1", {a, b});
  auto summary =
      Subscribe(store(), context(), Request("BANK1", "delinquency", "2026-01-31"), {a, b, a});
  ASSERT_TRUE(summary.ok()) << summary.error().ToString();
  EXPECT_EQ(summary->added, 2);
  EXPECT_EQ(summary->subject_ids, (std::vector<SubjectId>{a, b}));
  auto again =
      Subscribe(store(), context(), Request("BANK1", "delinquency,charge_off", "2026-03-31"), {a});
  ASSERT_TRUE(again.ok()) << again.error().ToString();
  EXPECT_EQ(again->added, 0);
  EXPECT_EQ(again->updated, 1);
  ASSERT_TRUE(store()
                  .WithReadTransaction([&](Transaction& transaction) -> Status {
                    CREDO_ASSIGN_OR_RETURN(auto list, ListSubscriptions(transaction, "BANK1"));
                    EXPECT_EQ(list.size(), 2u);
                    EXPECT_EQ(list[0].subject_id, a);
                    EXPECT_EQ(FormatTriggers(list[0].triggers), "delinquency,charge_off");
                    EXPECT_EQ(list[0].baseline_on, D("2026-01-31"));  // the baseline is kept
                    EXPECT_EQ(list[0].purpose, "account_review");
                    EXPECT_EQ(list[0].consent_id, consents[0]);  // the consent relied on
                    EXPECT_EQ(list[0].created_at, 1769904000);
                    CREDO_ASSIGN_OR_RETURN(auto other, ListSubscriptions(transaction, "BANK2"));
                    EXPECT_TRUE(other.empty());
                    CREDO_ASSIGN_OR_RETURN(auto audit, transaction.ListAuditForSubject(a));
                    int subscribe_entries = 0;
                    for (const auto& entry : audit) {
                      if (entry.action.rfind("monitor.subscribe", 0) == 0) {
                        ++subscribe_entries;
                        EXPECT_NE(entry.detail.find("consent=" + std::to_string(consents[0])),
                                  std::string::npos)
                            << entry.detail;
                      }
                    }
                    EXPECT_EQ(subscribe_entries, 2);
                    return Ok();
                  })
                  .ok());
}

// 征信业管理条例 第18条: an institution may not put a subject under monitoring without the
// subject's consent for it; the refusal is recorded as the read gate records its refusals and
// nothing is subscribed, not even the subjects that have a consent.
TEST_F(SubscriptionsTest, WithoutTheSubjectsConsentNothingIsSubscribedAndTheRefusalIsRecorded) {
  SubjectId a = testing::AddPerson(store(), 1);
  SubjectId b = testing::AddPerson(store(), 2);
  testing::AddMonitoringConsents(store(), context(), "BANK1", {a});
  auto refused = Subscribe(store(), context(), Request("BANK1", "all", "2026-01-31"), {a, b});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kPermissionDenied);
  const std::string& message = refused.error().message;
  EXPECT_NE(message.find("1 of 2 subject(s)"), std::string::npos) << message;
  EXPECT_NE(message.find("subject " + std::to_string(b) + ": refused by rule consent.missing"),
            std::string::npos)
      << message;
  EXPECT_EQ(Count(store(), "SELECT COUNT(*) FROM monitor_subscriptions"), 0);
  auto refusals = Refusals(store());
  ASSERT_EQ(refusals.size(), 1u);
  EXPECT_EQ(refusals[0].operation, "monitor.subscribe");
  EXPECT_EQ(refusals[0].rule, "consent.missing");
  EXPECT_EQ(refusals[0].subject_id, b);
  EXPECT_EQ(refusals[0].institution, "BANK1");
  EXPECT_EQ(refusals[0].staff_user, "portfolio.desk");

  // One subject: the rule's own error. Another institution's consent does not count.
  testing::AddMonitoringConsents(store(), context(), "BANK2", {b});
  auto one = Subscribe(store(), context(), Request("BANK1", "all", "2026-01-31"), {b});
  ASSERT_FALSE(one.ok());
  EXPECT_EQ(one.error().location, "compliance.monitor.subscribe");
  EXPECT_NE(one.error().message.find("refused by rule consent.missing"), std::string::npos);
  EXPECT_EQ(Count(store(), "SELECT COUNT(*) FROM monitor_subscriptions"), 0);

  // With its consent, it is subscribed.
  testing::AddMonitoringConsents(store(), context(), "BANK1", {b});
  auto allowed = Subscribe(store(), context(), Request("BANK1", "all", "2026-01-31"), {a, b});
  ASSERT_TRUE(allowed.ok()) << allowed.error().ToString();
  EXPECT_EQ(allowed->added, 2);
}

TEST_F(SubscriptionsTest, AWithdrawnConsentOrANonMonitoringPurposeIsRefused) {
  SubjectId a = testing::AddPerson(store(), 1);
  auto consents = testing::AddMonitoringConsents(store(), context(), "BANK1", {a});
  ASSERT_TRUE(compliance::WithdrawConsent(store(), context(), consents[0]).ok());
  auto withdrawn = Subscribe(store(), context(), Request("BANK1", "all", "2026-01-31"), {a});
  ASSERT_FALSE(withdrawn.ok());
  EXPECT_EQ(withdrawn.error().code, ErrorCode::kPermissionDenied);
  EXPECT_NE(withdrawn.error().message.find("consent.withdrawn"), std::string::npos);
  SubscribeRequest application = Request("BANK1", "all", "2026-01-31");
  application.purpose = "credit_application";
  auto purpose = Subscribe(store(), context(), application, {a});
  ASSERT_FALSE(purpose.ok());
  EXPECT_NE(purpose.error().message.find("monitor.purpose_not_monitoring"), std::string::npos);
  SubscribeRequest named = Request("BANK1", "all", "2026-01-31");
  named.consent_reference = "REF-NOT-GIVEN";
  EXPECT_FALSE(Subscribe(store(), context(), named, {a}).ok());
  auto refusals = Refusals(store());
  ASSERT_EQ(refusals.size(), 3u);
  EXPECT_EQ(refusals[0].rule, "consent.withdrawn");
  EXPECT_EQ(refusals[1].rule, "monitor.purpose_not_monitoring");
  EXPECT_EQ(refusals[2].rule, "consent.missing");
  EXPECT_EQ(Count(store(), "SELECT COUNT(*) FROM monitor_subscriptions"), 0);
}

// FCRA 604(a)(3)(A): the US profile's account review needs no consent, only the purpose.
TEST_F(SubscriptionsTest, AProfileWhosePurposeNeedsNoConsentSubscribesWithoutOne) {
  SubjectId a = testing::AddPerson(store(), 1);
  testing::Gate us(clock_, "us");
  auto summary = Subscribe(store(), us.context(), Request("BANK1", "all", "2026-01-31"), {a});
  ASSERT_TRUE(summary.ok()) << summary.error().ToString();
  ASSERT_TRUE(store()
                  .WithReadTransaction([&](Transaction& transaction) -> Status {
                    CREDO_ASSIGN_OR_RETURN(auto list, ListSubscriptions(transaction, "BANK1"));
                    EXPECT_EQ(list.size(), 1u);
                    if (!list.empty()) {
                      EXPECT_EQ(list[0].consent_id, 0);
                    }
                    return Ok();
                  })
                  .ok());
}

TEST_F(SubscriptionsTest, UnknownSubjectIdWritesNothing) {
  SubjectId a = testing::AddPerson(store(), 1);
  testing::AddMonitoringConsents(store(), context(), "BANK1", {a});
  auto status = Subscribe(store(), context(), Request("BANK1", "all", "2026-01-31"), {a, 999});
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, ErrorCode::kNotFound);
  EXPECT_NE(status.error().message.find("subject 999 does not exist"), std::string::npos);
  EXPECT_EQ(Count(store(), "SELECT COUNT(*) FROM monitor_subscriptions"), 0);
  EXPECT_TRUE(Refusals(store()).empty());
}

TEST_F(SubscriptionsTest, FileOfIdentifiersIsResolvedThroughTheBlindIndex) {
  SubjectId a = testing::AddPerson(store(), 1);
  SubjectId b = testing::AddPerson(store(), 2);
  testing::AddMonitoringConsents(store(), context(), "BANK1", {a, b});
  const std::string text = "kind,value\n# portfolio of branch 7\ncn_resident_id," +
                           testing::ResidentIdFor(1) + "\r\n\nsubject_id," + std::to_string(b) +
                           "\n";
  auto summary = SubscribeFromText(store(), context(), Request("BANK1", "all", "2026-01-31"),
                                   "portfolio.csv", text);
  ASSERT_TRUE(summary.ok()) << summary.error().ToString();
  EXPECT_EQ(summary->subject_ids, (std::vector<SubjectId>{a, b}));
}

TEST_F(SubscriptionsTest, FileWithUnknownSubjectsIsRefusedWholeNamingEachLine) {
  testing::AddPerson(store(), 1);
  const std::string text = "cn_resident_id," + testing::ResidentIdFor(1) +
                           "\n"  // line 1: fine
                           "cn_resident_id," +
                           testing::ResidentIdFor(5) +
                           "\n"                                   // line 2: nobody holds it
                           "cn_resident_id,110105198001010012\n"  // line 3: bad check character
                           "passport_no,E12345678\n"              // line 4: unknown kind
                           "subject_id,777\n"                     // line 5: unknown id
                           "just-a-value\n";                      // line 6: no comma
  auto status = SubscribeFromText(store(), context(), Request("BANK1", "all", "2026-01-31"),
                                  "portfolio.csv", text);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, ErrorCode::kInvalidArgument);
  const std::string& message = status.error().message;
  EXPECT_NE(message.find("refused whole"), std::string::npos) << message;
  EXPECT_NE(message.find("5 bad line(s)"), std::string::npos) << message;
  EXPECT_NE(message.find("portfolio.csv:2: unknown subject"), std::string::npos) << message;
  EXPECT_NE(message.find("portfolio.csv:3: invalid cn_resident_id"), std::string::npos) << message;
  EXPECT_NE(message.find("portfolio.csv:4: unknown identifier kind 'passport_no'"),
            std::string::npos)
      << message;
  EXPECT_NE(message.find("portfolio.csv:5: unknown subject: no subject has id 777"),
            std::string::npos)
      << message;
  EXPECT_NE(message.find("portfolio.csv:6: expected 'kind,value'"), std::string::npos) << message;
  // Identifiers are masked in the message.
  EXPECT_EQ(message.find(testing::ResidentIdFor(5)), std::string::npos) << message;
  EXPECT_EQ(message.find("portfolio.csv:1:"), std::string::npos) << message;
  EXPECT_EQ(Count(store(), "SELECT COUNT(*) FROM monitor_subscriptions"), 0);
}

TEST_F(SubscriptionsTest, UnsubscribeRemovesAndUnknownIsNotFound) {
  SubjectId a = testing::AddPerson(store(), 1);
  testing::AddMonitoringConsents(store(), context(), "BANK1", {a});
  ASSERT_TRUE(Subscribe(store(), context(), Request("BANK1", "all", "2026-01-31"), {a}).ok());
  testing::Write(store(), [&](Transaction& transaction) -> Status {
    CREDO_TRY(Unsubscribe(transaction, "BANK1", a));
    Status again = Unsubscribe(transaction, "BANK1", a);
    EXPECT_FALSE(again.ok());
    EXPECT_EQ(again.error().code, ErrorCode::kNotFound);
    return Ok();
  });
  EXPECT_EQ(Count(store(), "SELECT COUNT(*) FROM monitor_subscriptions"), 0);
}

}  // namespace
}  // namespace credo::monitor
