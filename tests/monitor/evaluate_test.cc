#include "monitor/evaluate.h"

#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>

#include "compliance/consent.h"
#include "monitor/subscriptions.h"
#include "monitor/webhooks.h"
#include "monitor_test_support.h"
#ifdef CREDO_MONITOR_HAS_SCORE_HISTORY
#include "model/score_history.h"
#include "model/store_schema.h"
#endif

namespace credo::monitor {
namespace {

using testing::D;

BatchId NewBatch(Transaction& transaction, const std::string& name) {
  Batch batch;
  batch.source = "bank_a";
  batch.file_name = name;
  batch.content_hash = name;
  BatchId id = transaction.CreateBatch(batch).value();
  EXPECT_TRUE(transaction.FinishBatch(id, BatchStatus::kCommitted, 1, 1, 0).ok());
  return id;
}

//! Registers each subject's consent for `institution` to monitor it, then subscribes them
//! through the monitoring gate.
void SubscribeAll(Store& store, const compliance::ComplianceContext& context,
                  const std::string& institution, std::vector<SubjectId> ids,
                  std::string_view triggers = "all", std::string_view baseline = "2026-01-31") {
  testing::AddMonitoringConsents(store, context, institution, ids);
  SubscribeRequest request;
  request.institution = institution;
  request.triggers = ParseTriggers(triggers).value();
  request.baseline_on = D(baseline);
  auto summary = Subscribe(store, context, request, ids);
  ASSERT_TRUE(summary.ok()) << summary.error().ToString();
}

Subscription SubscriptionOf(Store& store, const std::string& institution, SubjectId subject) {
  Subscription found;
  EXPECT_TRUE(store
                  .WithReadTransaction([&](Transaction& transaction) -> Status {
                    CREDO_ASSIGN_OR_RETURN(auto list, ListSubscriptions(transaction, institution));
                    for (const Subscription& subscription : list) {
                      if (subscription.subject_id == subject) found = subscription;
                    }
                    return Ok();
                  })
                  .ok());
  return found;
}

std::vector<Alert> AlertsOf(Store& store, const std::string& institution) {
  std::vector<Alert> alerts;
  EXPECT_TRUE(store.WithReadTransaction([&](Transaction& transaction) -> Status {
    CREDO_ASSIGN_OR_RETURN(alerts, ListAlerts(transaction, institution, {}));
    return Ok();
  }).ok());
  return alerts;
}

class EvaluateTest : public ::testing::Test {
 protected:
  void SetUp() override {
    person_ = testing::AddPerson(store(), 1);
    quiet_ = testing::AddPerson(store(), 2);
    testing::Write(store(), [&](Transaction& transaction) -> Status {
      january_ = NewBatch(transaction, "jan");
      CREDO_TRY(transaction.UpsertTradeline(
          testing::MakeTradeline(person_, "bank_a", "P1", "2026-01-31", "00", 1000, 10000),
          january_));
      CREDO_TRY(transaction.UpsertTradeline(
          testing::MakeTradeline(quiet_, "bank_a", "Q1", "2026-01-31", "00", 1000, 10000),
          january_));
      return Ok();
    });
  }
  Store& store() { return bureau_.store(); }
  BatchId February(std::string_view person_codes, int64_t balance = 1000) {
    BatchId id = 0;
    testing::Write(store(), [&](Transaction& transaction) -> Status {
      id = NewBatch(transaction, "feb");
      CREDO_TRY(transaction.UpsertTradeline(
          testing::MakeTradeline(person_, "bank_a", "P1", "2026-02-28", person_codes, balance,
                                 10000),
          id));
      return Ok();
    });
    return id;
  }

  testing::TempBureau bureau_;
  FixedClock clock_{D("2026-03-05"), 1772668800};
  testing::Gate gate_{clock_};
  SubjectId person_ = 0;
  SubjectId quiet_ = 0;
  BatchId january_ = 0;
};

TEST_F(EvaluateTest, ABatchRaisesAlertsForTheSubjectsWhoseStatusWorsenedOnce) {
  SubscribeAll(store(), gate_.context(), "BANK1", {person_, quiet_});
  SubscribeAll(store(), gate_.context(), "BANK2", {quiet_});
  const BatchId february = February("100");
  auto summary = EvaluateTouched(
      store(), {.batch_id = february, .clock = &clock_, .compliance = &gate_.context()});
  ASSERT_TRUE(summary.ok()) << summary.error().ToString();
  EXPECT_EQ(summary->as_of, D("2026-02-28"));  // the latest date the batch reports
  EXPECT_EQ(summary->touched_subjects, 1);
  EXPECT_EQ(summary->evaluated_subscriptions, 1);
  EXPECT_EQ(summary->alerts_raised, 1);
  EXPECT_EQ(summary->by_trigger["delinquency"], 1);
  auto alerts = AlertsOf(store(), "BANK1");
  ASSERT_EQ(alerts.size(), 1u);
  EXPECT_EQ(alerts[0].subject_id, person_);
  EXPECT_EQ(alerts[0].trigger, TriggerKind::kDelinquency);
  EXPECT_EQ(alerts[0].severity, Severity::kMedium);
  EXPECT_EQ(alerts[0].evidence_key, "tradeline=1;severity=1;since=2026-02");
  EXPECT_EQ(alerts[0].created_at, 1772668800);
  EXPECT_TRUE(AlertsOf(store(), "BANK2").empty());

  // Re-running the same evaluation raises nothing new.
  auto again = EvaluateTouched(
      store(), {.batch_id = february, .clock = &clock_, .compliance = &gate_.context()});
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->alerts_raised, 0);
  EXPECT_EQ(again->alerts_existing, 1);
  EXPECT_EQ(AlertsOf(store(), "BANK1").size(), 1u);
  // Even evaluated against the original baseline, the same evidence is deduplicated.
  testing::Write(store(), [&](Transaction& transaction) {
    return transaction.Execute("UPDATE monitor_subscriptions SET baseline_on = ?",
                               std::vector<SqlValue>{SqlValue::Int(D("2026-01-31").days_since_epoch())});
  });
  auto replay = EvaluateTouched(
      store(), {.batch_id = february, .clock = &clock_, .compliance = &gate_.context()});
  ASSERT_TRUE(replay.ok());
  EXPECT_EQ(replay->alerts_raised, 0);
  EXPECT_EQ(replay->alerts_existing, 1);
}

// PIPL Art. 15, 征信业管理条例 第18条: monitoring lasts as long as the subject's consent. Once it
// is withdrawn the institution's subscription is skipped (no alert, the baseline stays), while
// another institution's consented subscription goes on.
TEST_F(EvaluateTest, AWithdrawnConsentStopsTheAlertsOfThatInstitution) {
  SubscribeAll(store(), gate_.context(), "BANK1", {person_});
  SubscribeAll(store(), gate_.context(), "BANK2", {person_});
  const Subscription bank1 = SubscriptionOf(store(), "BANK1", person_);
  ASSERT_NE(bank1.consent_id, 0);
  ASSERT_TRUE(compliance::WithdrawConsent(store(), gate_.context(), bank1.consent_id).ok());
  auto summary = EvaluateTouched(
      store(), {.batch_id = February("100"), .clock = &clock_, .compliance = &gate_.context()});
  ASSERT_TRUE(summary.ok()) << summary.error().ToString();
  EXPECT_EQ(summary->evaluated_subscriptions, 1);
  EXPECT_EQ(summary->skipped_subscriptions, 1);
  EXPECT_TRUE(AlertsOf(store(), "BANK1").empty());
  EXPECT_EQ(AlertsOf(store(), "BANK2").size(), 1u);
  EXPECT_EQ(SubscriptionOf(store(), "BANK1", person_).baseline_on, D("2026-01-31"));
  EXPECT_EQ(SubscriptionOf(store(), "BANK2", person_).baseline_on, D("2026-02-28"));
  ASSERT_TRUE(store()
                  .WithReadTransaction([&](Transaction& transaction) -> Status {
                    CREDO_ASSIGN_OR_RETURN(auto audit, transaction.ListAudit(0, 10000));
                    EXPECT_EQ(audit.back().action, "monitor.evaluate");
                    EXPECT_NE(audit.back().detail.find("skipped_by_gate=1"), std::string::npos)
                        << audit.back().detail;
                    return Ok();
                  })
                  .ok());
}

TEST_F(EvaluateTest, AnExpiredConsentStopsTheAlerts) {
  clock_.Set(D("2026-02-01"));  // subscribed while the consent runs
  testing::AddMonitoringConsents(store(), gate_.context(), "BANK1", {person_}, D("2026-01-01"),
                                 D("2026-02-28"));
  SubscribeRequest request;
  request.institution = "BANK1";
  request.triggers = ParseTriggers("all").value();
  request.baseline_on = D("2026-01-31");
  ASSERT_TRUE(Subscribe(store(), gate_.context(), request, {person_}).ok());
  clock_.Set(D("2026-03-05"));  // evaluated after it ended
  auto summary = EvaluateTouched(
      store(), {.batch_id = February("100"), .clock = &clock_, .compliance = &gate_.context()});
  ASSERT_TRUE(summary.ok()) << summary.error().ToString();
  EXPECT_EQ(summary->evaluated_subscriptions, 0);
  EXPECT_EQ(summary->skipped_subscriptions, 1);
  EXPECT_TRUE(AlertsOf(store(), "BANK1").empty());
}

TEST_F(EvaluateTest, EvaluationNeedsTheComplianceContext) {
  auto summary = EvaluateTouched(store(), {.batch_id = February("100"), .clock = &clock_});
  ASSERT_FALSE(summary.ok());
  EXPECT_EQ(summary.error().code, ErrorCode::kInvalidArgument);
  EXPECT_TRUE(AlertsOf(store(), "BANK1").empty());
}

TEST_F(EvaluateTest, NoChangeNoAlertAndTheBaselineMovesOn) {
  SubscribeAll(store(), gate_.context(), "BANK1", {person_});
  const BatchId february = February("00");
  auto summary = EvaluateTouched(
      store(), {.batch_id = february, .clock = &clock_, .compliance = &gate_.context()});
  ASSERT_TRUE(summary.ok());
  EXPECT_EQ(summary->evaluated_subscriptions, 1);
  EXPECT_EQ(summary->alerts_raised, 0);
  ASSERT_TRUE(store().WithReadTransaction([&](Transaction& transaction) -> Status {
    CREDO_ASSIGN_OR_RETURN(auto list, ListSubscriptions(transaction, "BANK1"));
    EXPECT_EQ(list.at(0).baseline_on, D("2026-02-28"));
    CREDO_ASSIGN_OR_RETURN(auto audit, transaction.ListAudit(0, 10000));
    EXPECT_EQ(audit.back().action, "monitor.evaluate");
    return Ok();
  }).ok());
}

TEST_F(EvaluateTest, UtilisationSpikeAndTriggerChoiceIsRespected) {
  // A person with no card in January draws a new one to 90% in February: a spike from 0%.
  SubjectId newcomer = testing::AddPerson(store(), 3);
  SubscribeAll(store(), gate_.context(), "BANK1", {newcomer}, "utilisation:increase=0.5");
  SubscribeAll(store(), gate_.context(), "BANK2", {newcomer}, "delinquency");
  BatchId february = 0;
  testing::Write(store(), [&](Transaction& transaction) -> Status {
    february = NewBatch(transaction, "feb");
    CREDO_TRY(transaction.UpsertTradeline(
        testing::MakeTradeline(newcomer, "bank_a", "N1", "2026-02-28", "00", 9000, 10000),
        february));
    return Ok();
  });
  auto summary = EvaluateTouched(
      store(), {.batch_id = february, .clock = &clock_, .compliance = &gate_.context()});
  ASSERT_TRUE(summary.ok());
  EXPECT_EQ(summary->evaluated_subscriptions, 2);
  auto alerts = AlertsOf(store(), "BANK1");
  ASSERT_EQ(alerts.size(), 1u);
  EXPECT_EQ(alerts[0].trigger, TriggerKind::kUtilisation);
  EXPECT_TRUE(AlertsOf(store(), "BANK2").empty());
}

// The baseline is the real January utilisation: the store keeps the terms of every report, so
// the card open in January counts with January's balance and limit.
TEST_F(EvaluateTest, UtilisationAlertFromTheRealBaselineOnABalanceRise) {
  SubscribeAll(store(), gate_.context(), "BANK1", {person_}, "utilisation:increase=0.5");
  const BatchId february = February("00", 9000);  // 1,000 / 10,000 -> 9,000 / 10,000
  auto summary = EvaluateTouched(
      store(), {.batch_id = february, .clock = &clock_, .compliance = &gate_.context()});
  ASSERT_TRUE(summary.ok()) << summary.error().ToString();
  auto alerts = AlertsOf(store(), "BANK1");
  ASSERT_EQ(alerts.size(), 1u);
  EXPECT_EQ(alerts[0].trigger, TriggerKind::kUtilisation);
  EXPECT_NE(alerts[0].summary.find("from 10% to 90%"), std::string::npos) << alerts[0].summary;
  auto evidence = nlohmann::json::parse(alerts[0].evidence);
  EXPECT_EQ(evidence["before"], 0.1);
  EXPECT_EQ(evidence["after"], 0.9);
  EXPECT_EQ(evidence["revolving_credit_limit_before"], 10000.0);
  EXPECT_EQ(evidence["revolving_balance_after"], 9000.0);
}

TEST_F(EvaluateTest, UtilisationAlertFromTheRealBaselineOnALimitCut) {
  SubscribeAll(store(), gate_.context(), "BANK1", {person_}, "utilisation:increase=0.5");
  BatchId february = 0;
  testing::Write(store(), [&](Transaction& transaction) -> Status {
    february = NewBatch(transaction, "feb");
    // Same balance, the limit cut from 10,000 to 1,500: 10% -> 67%.
    CREDO_TRY(transaction.UpsertTradeline(
        testing::MakeTradeline(person_, "bank_a", "P1", "2026-02-28", "00", 1000, 1500), february));
    return Ok();
  });
  auto summary = EvaluateTouched(
      store(), {.batch_id = february, .clock = &clock_, .compliance = &gate_.context()});
  ASSERT_TRUE(summary.ok()) << summary.error().ToString();
  auto alerts = AlertsOf(store(), "BANK1");
  ASSERT_EQ(alerts.size(), 1u);
  EXPECT_NE(alerts[0].summary.find("from 10% to 67%"), std::string::npos) << alerts[0].summary;
  auto evidence = nlohmann::json::parse(alerts[0].evidence);
  EXPECT_EQ(evidence["revolving_credit_limit_before"], 10000.0);
  EXPECT_EQ(evidence["revolving_credit_limit_after"], 1500.0);
  EXPECT_EQ(evidence["revolving_balance_before"], evidence["revolving_balance_after"]);
}

TEST_F(EvaluateTest, NoUtilisationAlertForASmallRiseFromTheRealBaseline) {
  // 10% -> 40%: under the 0.5 increase, where a 0% baseline would have raised an alert.
  SubscribeAll(store(), gate_.context(), "BANK1", {person_}, "utilisation:increase=0.35");
  const BatchId february = February("00", 4000);
  auto summary = EvaluateTouched(
      store(), {.batch_id = february, .clock = &clock_, .compliance = &gate_.context()});
  ASSERT_TRUE(summary.ok()) << summary.error().ToString();
  EXPECT_TRUE(AlertsOf(store(), "BANK1").empty());
}

TEST_F(EvaluateTest, PublicRecordsAndInquiriesForTouchedSubjects) {
  SubscribeAll(store(), gate_.context(), "BANK1", {person_},
               "public_record,inquiries:count=2:days=30");
  testing::Write(store(), [&](Transaction& transaction) -> Status {
    PublicRecord record;
    record.subject_id = person_;
    record.kind = PublicRecordKind::kCivilJudgment;
    record.authority = "Beijing Chaoyang Court";
    record.case_number = "(2026)京0105民初1号";
    record.filed_on = D("2026-02-15");
    record.amount = testing::Cny(500000);
    record.status = "open";
    CREDO_TRY(transaction.UpsertPublicRecord(record));
    for (const char* lender : {"Lender A", "Lender B", "BANK1"}) {
      Inquiry inquiry;
      inquiry.subject_id = person_;
      inquiry.institution = lender;
      inquiry.purpose = "loan_approval";
      inquiry.inquired_on = D("2026-02-20");
      CREDO_TRY(transaction.InsertInquiry(inquiry));
    }
    return Ok();
  });
  auto summary = EvaluateTouched(store(), {.subject_ids = {person_},
                                           .as_of = D("2026-02-28"),
                                           .clock = &clock_,
                                           .compliance = &gate_.context()});
  ASSERT_TRUE(summary.ok()) << summary.error().ToString();
  EXPECT_EQ(summary->by_trigger["public_record"], 1);
  EXPECT_EQ(summary->by_trigger["inquiries"], 1);
  for (const Alert& alert : AlertsOf(store(), "BANK1")) {
    EXPECT_EQ(alert.evidence.find("民初"), std::string::npos) << alert.evidence;  // no case no.
  }
}

TEST_F(EvaluateTest, RelatedPartyDefaultReachesTheGuaranteedCompany) {
  const SubjectId company = testing::AddCompany(store(), "Borrower Co");
  const SubjectId minority = testing::AddCompany(store(), "Minority Co");
  testing::Write(store(), [&](Transaction& transaction) -> Status {
    Relation guarantee;
    guarantee.from = person_;
    guarantee.to = company;
    guarantee.kind = RelationKind::kGuarantee;
    guarantee.amount = testing::Cny(100000000);
    CREDO_TRY(transaction.UpsertRelation(guarantee));
    Relation small_stake;
    small_stake.from = person_;
    small_stake.to = minority;
    small_stake.kind = RelationKind::kShareholding;
    small_stake.percent = 10;
    CREDO_TRY(transaction.UpsertRelation(small_stake));
    return Ok();
  });
  SubscribeAll(store(), gate_.context(), "BANK1", {company, minority}, "related_party");
  const BatchId february = February("3210");  // the guarantor is 90 days past due
  auto summary = EvaluateTouched(
      store(), {.batch_id = february, .clock = &clock_, .compliance = &gate_.context()});
  ASSERT_TRUE(summary.ok()) << summary.error().ToString();
  auto alerts = AlertsOf(store(), "BANK1");
  ASSERT_EQ(alerts.size(), 1u);
  EXPECT_EQ(alerts[0].subject_id, company);
  EXPECT_EQ(alerts[0].trigger, TriggerKind::kRelatedParty);
  auto evidence = nlohmann::json::parse(alerts[0].evidence);
  EXPECT_EQ(evidence["related_subject_id"], person_);
  EXPECT_EQ(evidence["related_role"], "guarantor");
  EXPECT_EQ(evidence["amount"], 100000000);
  // Again: deduplicated.
  auto again = EvaluateTouched(
      store(), {.batch_id = february, .clock = &clock_, .compliance = &gate_.context()});
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->alerts_raised, 0);
}

TEST_F(EvaluateTest, AlertsAreQueuedForTheWebhook) {
  SubscribeAll(store(), gate_.context(), "BANK1", {person_});
  testing::Write(store(), [&](Transaction& transaction) {
    return SetWebhook(transaction, "BANK1", "https://bank.example/hook", "0123456789abcdef", 1);
  });
  auto summary = EvaluateTouched(
      store(), {.batch_id = February("200"), .clock = &clock_, .compliance = &gate_.context()});
  ASSERT_TRUE(summary.ok());
  ASSERT_EQ(summary->new_alert_ids.size(), 1u);
  ASSERT_TRUE(store().WithReadTransaction([&](Transaction& transaction) -> Status {
    CREDO_ASSIGN_OR_RETURN(auto rows, transaction.Query("SELECT alert_id FROM monitor_deliveries"));
    EXPECT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows.at(0).at(0).int_value, summary->new_alert_ids[0]);
    return Ok();
  }).ok());
}

TEST_F(EvaluateTest, UnknownBatchOrSubjectIsNotFound) {
  auto batch =
      EvaluateTouched(store(), {.batch_id = 999, .clock = &clock_, .compliance = &gate_.context()});
  ASSERT_FALSE(batch.ok());
  EXPECT_EQ(batch.error().code, ErrorCode::kNotFound);
  EXPECT_NE(batch.error().message.find("no batch 999"), std::string::npos);
  auto subject = EvaluateTouched(
      store(), {.subject_ids = {12345}, .clock = &clock_, .compliance = &gate_.context()});
  ASSERT_FALSE(subject.ok());
  EXPECT_EQ(subject.error().code, ErrorCode::kNotFound);
}

#ifdef CREDO_MONITOR_HAS_SCORE_HISTORY
TEST_F(EvaluateTest, ScoreDropAfterReScoring) {
  SubscribeAll(store(), gate_.context(), "BANK1", {person_, quiet_}, "score_drop:points=30");
  ASSERT_TRUE(model::EnsureModelSchema(store()).ok());
  auto record = [&](SubjectId subject, const char* as_of, int score) {
    testing::Write(store(), [&](Transaction& transaction) {
      model::SubjectScore recorded;
      recorded.subject_id = subject;
      recorded.product = "person_score";
      recorded.model_id = "scorecard-v1";
      recorded.as_of = D(as_of);
      recorded.score = score;
      recorded.score_min = 300;
      recorded.score_max = 850;
      return model::RecordScore(transaction, recorded, 1);
    });
  };
  record(person_, "2026-01-31", 720);
  record(person_, "2026-02-28", 650);  // -70
  record(quiet_, "2026-01-31", 700);
  record(quiet_, "2026-02-28", 690);   // -10: below the threshold
  auto summary = EvaluateTouched(store(), {.subject_ids = {person_, quiet_},
                                           .as_of = D("2026-02-28"),
                                           .clock = &clock_,
                                           .compliance = &gate_.context()});
  ASSERT_TRUE(summary.ok()) << summary.error().ToString();
  auto alerts = AlertsOf(store(), "BANK1");
  ASSERT_EQ(alerts.size(), 1u);
  EXPECT_EQ(alerts[0].subject_id, person_);
  EXPECT_EQ(alerts[0].trigger, TriggerKind::kScoreDrop);
  EXPECT_EQ(alerts[0].severity, Severity::kHigh);  // twice the threshold
  auto evidence = nlohmann::json::parse(alerts[0].evidence);
  EXPECT_EQ(evidence["score_before"], 720);
  EXPECT_EQ(evidence["score_after"], 650);
}

// A new champion model re-scoring the book is no score drop: the two models' scores differ by
// the models. The same drop under one model still raises the alert.
TEST_F(EvaluateTest, ScoreDropIgnoresAChangeOfModel) {
  SubscribeAll(store(), gate_.context(), "BANK1", {person_, quiet_}, "score_drop:points=30");
  ASSERT_TRUE(model::EnsureModelSchema(store()).ok());
  auto record = [&](SubjectId subject, const char* as_of, int score, const char* model_id) {
    testing::Write(store(), [&](Transaction& transaction) {
      model::SubjectScore recorded;
      recorded.subject_id = subject;
      recorded.product = "person_score";
      recorded.model_id = model_id;
      recorded.as_of = D(as_of);
      recorded.score = score;
      recorded.score_min = 300;
      recorded.score_max = 850;
      return model::RecordScore(transaction, recorded, 1);
    });
  };
  record(person_, "2026-01-31", 720, "scorecard-v1");
  record(person_, "2026-02-28", 650, "scorecard-v2");  // -70, but another model
  record(quiet_, "2026-01-31", 720, "scorecard-v1");
  record(quiet_, "2026-02-28", 650, "scorecard-v1");   // -70 under the same model
  auto summary = EvaluateTouched(store(), {.subject_ids = {person_, quiet_},
                                           .as_of = D("2026-02-28"),
                                           .clock = &clock_,
                                           .compliance = &gate_.context()});
  ASSERT_TRUE(summary.ok()) << summary.error().ToString();
  auto alerts = AlertsOf(store(), "BANK1");
  ASSERT_EQ(alerts.size(), 1u);
  EXPECT_EQ(alerts[0].subject_id, quiet_);
  EXPECT_EQ(alerts[0].trigger, TriggerKind::kScoreDrop);
  EXPECT_EQ(nlohmann::json::parse(alerts[0].evidence)["model_id"], "scorecard-v1");
}
#endif

#ifdef CREDO_MONITOR_HAS_FRAUD
TEST_F(EvaluateTest, AFraudRuleFiringRaisesOncePerRule) {
  SubjectId mismatch = 0;
  testing::Write(store(), [&](Transaction& transaction) -> Status {
    Subject subject;
    subject.kind = SubjectKind::kPerson;
    subject.person.full_name = "Wang Fang";
    subject.person.birth_date = D("1975-05-05");  // the resident id says 1980-01-01
    subject.person.identifiers.push_back(
        {IdentifierKind::kCnResidentId, testing::ResidentIdFor(7)});
    CREDO_ASSIGN_OR_RETURN(mismatch, transaction.InsertSubject(subject));
    return Ok();
  });
  SubscribeAll(store(), gate_.context(), "BANK1", {mismatch, quiet_}, "fraud");
  for (int run = 0; run < 2; ++run) {
    auto summary = EvaluateTouched(store(), {.subject_ids = {mismatch, quiet_},
                                             .as_of = D("2026-02-28"),
                                             .clock = &clock_,
                                             .compliance = &gate_.context()});
    ASSERT_TRUE(summary.ok()) << summary.error().ToString();
    EXPECT_EQ(summary->alerts_raised, run == 0 ? 1 : 0);
  }
  auto alerts = AlertsOf(store(), "BANK1");
  ASSERT_EQ(alerts.size(), 1u);
  EXPECT_EQ(alerts[0].subject_id, mismatch);
  EXPECT_EQ(alerts[0].trigger, TriggerKind::kFraud);
  EXPECT_EQ(alerts[0].evidence_key, "rule=id_birth_date_mismatch");
  EXPECT_EQ(alerts[0].severity, Severity::kHigh);
}
#endif

TEST_F(EvaluateTest, TouchedSubjectsOfABatch) {
  const BatchId february = February("00");
  ASSERT_TRUE(store().WithReadTransaction([&](Transaction& transaction) -> Status {
    CREDO_ASSIGN_OR_RETURN(auto january, TouchedSubjectsOfBatch(transaction, january_));
    EXPECT_EQ(january, (std::vector<SubjectId>{person_, quiet_}));
    CREDO_ASSIGN_OR_RETURN(auto touched, TouchedSubjectsOfBatch(transaction, february));
    EXPECT_EQ(touched, (std::vector<SubjectId>{person_}));
    return Ok();
  }).ok());
}


// A guarantee circle A -> B -> C -> D -> A (four companies): C guarantees nobody A deals with
// directly, yet A's default reaches it round the circle. B and D, linked to A directly, get the
// direct related-party alert, which names the circle too; nobody is alerted twice.
class CircleTest : public ::testing::Test {
 protected:
  void SetUp() override {
    for (const char* name : {"Circle A", "Circle B", "Circle C", "Circle D"}) {
      members_.push_back(testing::AddCompany(store(), name));
    }
    outsider_ = testing::AddCompany(store(), "Outsider");
    testing::Write(store(), [&](Transaction& transaction) -> Status {
      for (size_t i = 0; i < members_.size(); ++i) {
        Relation guarantee;
        guarantee.from = members_[i];
        guarantee.to = members_[(i + 1) % members_.size()];
        guarantee.kind = RelationKind::kGuarantee;
        guarantee.amount = testing::Cny(5000000 * static_cast<int64_t>(i + 1));
        CREDO_TRY(transaction.UpsertRelation(guarantee));
      }
      BatchId january = NewBatch(transaction, "jan");
      CREDO_TRY(transaction.UpsertTradeline(
          testing::MakeTradeline(members_[0], "bank_a", "A1", "2026-01-31", "00", 1000, 10000),
          january));
      return Ok();
    });
  }
  Store& store() { return bureau_.store(); }
  BatchId FebruaryForA(std::string_view codes) {
    BatchId id = 0;
    testing::Write(store(), [&](Transaction& transaction) -> Status {
      id = NewBatch(transaction, "feb");
      CREDO_TRY(transaction.UpsertTradeline(
          testing::MakeTradeline(members_[0], "bank_a", "A1", "2026-02-28", codes, 1000, 10000),
          id));
      return Ok();
    });
    return id;
  }

  testing::TempBureau bureau_;
  FixedClock clock_{D("2026-03-05"), 1772668800};
  testing::Gate gate_{clock_};
  std::vector<SubjectId> members_;
  SubjectId outsider_ = 0;
};

TEST_F(CircleTest, AMemberDefaultingReachesEveryOtherMemberNamingTheCircle) {
  SubscribeAll(store(), gate_.context(), "BANK1",
               {members_[1], members_[2], members_[3], outsider_}, "related_party");
  auto summary = EvaluateTouched(
      store(),
      {.batch_id = FebruaryForA("3210"), .clock = &clock_, .compliance = &gate_.context()});
  ASSERT_TRUE(summary.ok()) << summary.error().ToString();
  auto alerts = AlertsOf(store(), "BANK1");
  ASSERT_EQ(alerts.size(), 3u);
  std::map<SubjectId, nlohmann::json> by_subject;
  for (const Alert& alert : alerts) {
    EXPECT_EQ(alert.trigger, TriggerKind::kRelatedParty);
    EXPECT_EQ(alert.severity, Severity::kHigh);
    by_subject[alert.subject_id] = nlohmann::json::parse(alert.evidence);
  }
  EXPECT_EQ(by_subject.count(outsider_), 0u);
  // C: only through the circle.
  const nlohmann::json& c = by_subject.at(members_[2]);
  EXPECT_EQ(c["relation"], "guarantee_circle");
  EXPECT_EQ(c["related_subject_id"], members_[0]);
  EXPECT_EQ(c["circle_id"], members_[0]);  // the smallest member id
  EXPECT_EQ(c["circle_size"], 4);
  EXPECT_EQ(c["circle_total_guaranteed"], 5000000 * (1 + 2 + 3 + 4));
  EXPECT_EQ(c["defaulted"], true);
  // B (A guarantees it) and D (guarantees A): the direct alert, naming the circle.
  EXPECT_EQ(by_subject.at(members_[1])["relation"], "guarantee");
  EXPECT_EQ(by_subject.at(members_[1])["circle_id"], members_[0]);
  EXPECT_EQ(by_subject.at(members_[3])["related_role"], "guaranteed_party");
  EXPECT_EQ(by_subject.at(members_[3])["circle_id"], members_[0]);
  for (const Alert& alert : alerts) {
    if (alert.subject_id == members_[2]) {
      EXPECT_NE(alert.summary.find("guarantee circle"), std::string::npos) << alert.summary;
    }
  }
  auto again = EvaluateTouched(
      store(),
      {.batch_id = FebruaryForA("3210"), .clock = &clock_, .compliance = &gate_.context()});
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->alerts_raised, 0);
}

TEST_F(CircleTest, AMemberWorseningShortOfDefaultIsAMediumCircleAlert) {
  SubscribeAll(store(), gate_.context(), "BANK1", {members_[1], members_[2], members_[3]},
               "related_party");
  SubscribeAll(store(), gate_.context(), "BANK2", {members_[2]}, "delinquency");
  auto summary = EvaluateTouched(
      store(), {.batch_id = FebruaryForA("100"), .clock = &clock_, .compliance = &gate_.context()});
  ASSERT_TRUE(summary.ok()) << summary.error().ToString();
  auto alerts = AlertsOf(store(), "BANK1");
  // 30 days past due is no default: no direct alert, but each other member hears of it.
  ASSERT_EQ(alerts.size(), 3u);
  for (const Alert& alert : alerts) {
    EXPECT_EQ(alert.severity, Severity::kMedium);
    auto evidence = nlohmann::json::parse(alert.evidence);
    EXPECT_EQ(evidence["relation"], "guarantee_circle");
    EXPECT_EQ(evidence["defaulted"], false);
    EXPECT_NE(evidence["event"].get<std::string>().find("30 days past due"), std::string::npos);
  }
  // A subscription without the related-party trigger hears nothing of the circle.
  EXPECT_TRUE(AlertsOf(store(), "BANK2").empty());
}

}  // namespace
}  // namespace credo::monitor
