#include "monitor/alerts.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "monitor/webhooks.h"
#include "monitor_test_support.h"

namespace credo::monitor {
namespace {

using testing::D;

Alert MakeAlert(std::string institution, SubjectId subject, TriggerKind trigger,
                Severity severity, std::string key, int64_t created_at) {
  Alert alert;
  alert.institution = std::move(institution);
  alert.subject_id = subject;
  alert.trigger = trigger;
  alert.severity = severity;
  alert.evidence_key = std::move(key);
  alert.evidence = R"({"tradeline_id":7})";
  alert.summary = "test alert";
  alert.as_of = D("2026-02-28");
  alert.created_at = created_at;
  return alert;
}

TEST(AlertsTest, SameEvidenceRaisesOnce) {
  testing::TempBureau bureau;
  testing::Write(bureau.store(), [&](Transaction& transaction) -> Status {
    Alert alert = MakeAlert("BANK1", 5, TriggerKind::kDelinquency, Severity::kHigh, "k1", 100);
    CREDO_ASSIGN_OR_RETURN(auto first, RaiseAlert(transaction, alert));
    CREDO_ASSIGN_OR_RETURN(auto second, RaiseAlert(transaction, alert));
    EXPECT_TRUE(first.created);
    EXPECT_FALSE(second.created);
    EXPECT_EQ(first.alert_id, second.alert_id);
    // Another institution subscribed to the same subject gets its own alert.
    alert.institution = "BANK2";
    CREDO_ASSIGN_OR_RETURN(auto other, RaiseAlert(transaction, alert));
    EXPECT_TRUE(other.created);
    EXPECT_NE(other.alert_id, first.alert_id);
    return Ok();
  });
}

TEST(AlertsTest, ListFiltersAndNeverShowsAnotherInstitutionsAlerts) {
  testing::TempBureau bureau;
  testing::Write(bureau.store(), [&](Transaction& transaction) -> Status {
    CREDO_TRY(RaiseAlert(transaction, MakeAlert("BANK1", 1, TriggerKind::kDelinquency,
                                                Severity::kMedium, "a", 1000)));
    CREDO_TRY(RaiseAlert(transaction, MakeAlert("BANK1", 2, TriggerKind::kChargeOff,
                                                Severity::kCritical, "b", 2000)));
    CREDO_TRY(RaiseAlert(transaction, MakeAlert("BANK1", 1, TriggerKind::kInquiries,
                                                Severity::kLow, "c", 3000)));
    CREDO_TRY(RaiseAlert(transaction, MakeAlert("BANK2", 1, TriggerKind::kDelinquency,
                                                Severity::kCritical, "a", 1000)));
    return Ok();
  });
  ASSERT_TRUE(bureau.store().WithTransaction([&](Transaction& transaction) -> Status {
    CREDO_ASSIGN_OR_RETURN(auto all, ListAlerts(transaction, "BANK1", {}));
    EXPECT_EQ(all.size(), 3u);
    for (const auto& alert : all) EXPECT_EQ(alert.institution, "BANK1");
    CREDO_ASSIGN_OR_RETURN(auto high, ListAlerts(transaction, "BANK1",
                                                 {.min_severity = Severity::kHigh}));
    EXPECT_EQ(high.size(), 1u);
    if (high.size() != 1u) return Ok();
    EXPECT_EQ(high[0].trigger, TriggerKind::kChargeOff);
    CREDO_ASSIGN_OR_RETURN(auto subject1, ListAlerts(transaction, "BANK1", {.subject_id = 1}));
    EXPECT_EQ(subject1.size(), 2u);
    CREDO_ASSIGN_OR_RETURN(auto recent, ListAlerts(transaction, "BANK1", {.since = 2000}));
    EXPECT_EQ(recent.size(), 2u);
    CREDO_ASSIGN_OR_RETURN(auto paged, ListAlerts(transaction, "BANK1",
                                                  {.after_id = all[0].id, .limit = 1}));
    EXPECT_EQ(paged.size(), 1u);
    if (paged.size() != 1u) return Ok();
    EXPECT_EQ(paged[0].id, all[1].id);

    // Acknowledge: another institution cannot, the owner can, twice is harmless.
    auto foreign = AcknowledgeAlert(transaction, "BANK2", all[0].id, "eve", 5000);
    EXPECT_FALSE(foreign.ok());
    EXPECT_EQ(foreign.error().code, ErrorCode::kNotFound);
    CREDO_ASSIGN_OR_RETURN(auto acked, AcknowledgeAlert(transaction, "BANK1", all[0].id, "ann", 5000));
    EXPECT_EQ(acked.acknowledged_at, 5000);
    CREDO_ASSIGN_OR_RETURN(auto again, AcknowledgeAlert(transaction, "BANK1", all[0].id, "bob", 6000));
    EXPECT_EQ(again.acknowledged_by, "ann");
    EXPECT_EQ(again.acknowledged_at, 5000);
    CREDO_ASSIGN_OR_RETURN(auto open, ListAlerts(transaction, "BANK1", {.acknowledged = false}));
    EXPECT_EQ(open.size(), 2u);
    CREDO_ASSIGN_OR_RETURN(auto done, ListAlerts(transaction, "BANK1", {.acknowledged = true}));
    EXPECT_EQ(done.size(), 1u);
    CREDO_ASSIGN_OR_RETURN(std::string owner, AlertInstitution(transaction, all[0].id));
    EXPECT_EQ(owner, "BANK1");
    return Ok();
  }).ok());
}

TEST(AlertsTest, TheBureauViewListsEveryInstitutionAndFiltersByOne) {
  testing::TempBureau bureau;
  testing::Write(bureau.store(), [&](Transaction& transaction) -> Status {
    CREDO_TRY(RaiseAlert(transaction, MakeAlert("BANK1", 1, TriggerKind::kDelinquency,
                                                Severity::kMedium, "a", 1000)));
    CREDO_TRY(RaiseAlert(transaction, MakeAlert("BANK2", 1, TriggerKind::kDelinquency,
                                                Severity::kCritical, "a", 1000)));
    CREDO_TRY(RaiseAlert(transaction, MakeAlert("BANK2", 3, TriggerKind::kChargeOff,
                                                Severity::kCritical, "b", 2000)));
    return Ok();
  });
  ASSERT_TRUE(bureau.store().WithTransaction([&](Transaction& transaction) -> Status {
    CREDO_ASSIGN_OR_RETURN(auto all, ListBureauAlerts(transaction, {}));
    EXPECT_EQ(all.size(), 3u);
    if (all.size() != 3u) return Ok();
    EXPECT_LT(all[0].id, all[1].id);
    CREDO_ASSIGN_OR_RETURN(auto bank2, ListBureauAlerts(transaction, {}, "BANK2"));
    EXPECT_EQ(bank2.size(), 2u);
    for (const auto& alert : bank2) EXPECT_EQ(alert.institution, "BANK2");
    CREDO_ASSIGN_OR_RETURN(auto critical_subject1,
                           ListBureauAlerts(transaction, {.subject_id = 1,
                                                          .min_severity = Severity::kCritical}));
    EXPECT_EQ(critical_subject1.size(), 1u);
    CREDO_ASSIGN_OR_RETURN(auto paged, ListBureauAlerts(transaction, {.after_id = all[0].id,
                                                                      .limit = 1}));
    EXPECT_EQ(paged.size(), 1u);
    if (!paged.empty()) {
      EXPECT_EQ(paged[0].id, all[1].id);
    }
    CREDO_ASSIGN_OR_RETURN(auto none, ListBureauAlerts(transaction, {}, "BANK9"));
    EXPECT_TRUE(none.empty());
    // An institution's own list never becomes the bureau's view, not even with no name.
    CREDO_ASSIGN_OR_RETURN(auto unnamed, ListAlerts(transaction, "", {}));
    EXPECT_TRUE(unnamed.empty());
    CREDO_ASSIGN_OR_RETURN(Alert one, GetBureauAlert(transaction, all[2].id));
    EXPECT_EQ(one.institution, "BANK2");
    EXPECT_EQ(one.trigger, TriggerKind::kChargeOff);
    auto missing = GetBureauAlert(transaction, 987654);
    EXPECT_FALSE(missing.ok());
    if (!missing.ok()) {
      EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
    }
    CREDO_TRY(AcknowledgeAlert(transaction, "BANK2", all[1].id, "analyst", 3000));
    CREDO_ASSIGN_OR_RETURN(auto counts, AlertCountsByInstitution(transaction));
    EXPECT_EQ(counts.size(), 2u);
    if (counts.size() == 2u) {
      EXPECT_EQ(counts[0].institution, "BANK1");
      EXPECT_EQ(counts[0].alerts, 1);
      EXPECT_EQ(counts[0].open, 1);
      EXPECT_EQ(counts[1].institution, "BANK2");
      EXPECT_EQ(counts[1].alerts, 2);
      EXPECT_EQ(counts[1].open, 1);
    }
    return Ok();
  }).ok());
}

TEST(AlertsTest, JsonCarriesTheFieldsAndEvidenceObject) {
  Alert alert = MakeAlert("BANK1", 9, TriggerKind::kPublicRecord, Severity::kCritical, "k", 77);
  alert.id = 12;
  auto json = nlohmann::json::parse(AlertToJson(alert));
  EXPECT_EQ(json["id"], 12);
  EXPECT_EQ(json["subject_id"], 9);
  EXPECT_EQ(json["trigger"], "public_record");
  EXPECT_EQ(json["severity"], "critical");
  EXPECT_EQ(json["as_of"], "2026-02-28");
  EXPECT_EQ(json["evidence"]["tradeline_id"], 7);
  EXPECT_TRUE(json["acknowledged_at"].is_null());
}

TEST(AlertsTest, SeverityNamesParse) {
  for (Severity severity :
       {Severity::kLow, Severity::kMedium, Severity::kHigh, Severity::kCritical}) {
    EXPECT_EQ(ParseSeverity(SeverityName(severity)).value(), severity);
  }
  auto bad = ParseSeverity("urgent");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().message.find("low, medium, high or critical"), std::string::npos);
}

TEST(AlertsTest, RaisingQueuesADeliveryOnlyWhenTheInstitutionHasAWebhook) {
  testing::TempBureau bureau;
  testing::Write(bureau.store(), [&](Transaction& transaction) -> Status {
    CREDO_TRY(SetWebhook(transaction, "BANK1", "http://127.0.0.1:9/hook",
                         "0123456789abcdef-secret", 1));
    CREDO_TRY(RaiseAlert(transaction, MakeAlert("BANK1", 1, TriggerKind::kDelinquency,
                                                Severity::kHigh, "a", 10)));
    CREDO_TRY(RaiseAlert(transaction, MakeAlert("BANK2", 1, TriggerKind::kDelinquency,
                                                Severity::kHigh, "a", 10)));
    CREDO_ASSIGN_OR_RETURN(auto rows, transaction.Query("SELECT institution, state, "
                                                        "next_attempt_at FROM monitor_deliveries"));
    EXPECT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows.at(0).at(0).bytes, "BANK1");
    EXPECT_EQ(rows.at(0).at(1).bytes, "pending");
    EXPECT_EQ(rows.at(0).at(2).int_value, 10);
    return Ok();
  });
}

}  // namespace
}  // namespace credo::monitor
