// Webhook delivery against a real local HTTP receiver (cpp-httplib server on a free port) that
// fails, delays past the client's timeout, succeeds, and refuses connections; and the monitoring
// gate asked again before each post (an alert whose consent was withdrawn or has expired since it
// was raised is withheld, never sent).
#include "monitor/delivery.h"

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <deque>
#include <mutex>
#include <thread>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "compliance/consent.h"
#include "compliance/monitoring_gate.h"
#include "compliance/refusal.h"
#include "monitor/alerts.h"
#include "monitor/subscriptions.h"
#include "monitor/webhooks.h"
#include "monitor_test_support.h"

namespace credo::monitor {
namespace {

using testing::D;

constexpr char kSecret[] = "0123456789abcdef-secret";

enum class Behaviour { kFail500, kDelay, kSucceed, kFail503 };

struct Received {
  std::string body;
  std::string timestamp;
  std::string signature;
  std::string idempotency_key;
};

//! A webhook receiver: answers each request with the next scripted behaviour (the last one
//! repeats) and records what it got.
class Receiver {
 public:
  Receiver() {
    server_.Post("/hook", [this](const httplib::Request& request, httplib::Response& response) {
      Behaviour behaviour;
      {
        std::lock_guard<std::mutex> lock(mutex_);
        received_.push_back({request.body, request.get_header_value("X-Credo-Timestamp"),
                             request.get_header_value("X-Credo-Signature"),
                             request.get_header_value("Idempotency-Key")});
        behaviour = script_.empty() ? Behaviour::kSucceed : script_.front();
        if (script_.size() > 1) script_.pop_front();
      }
      switch (behaviour) {
        case Behaviour::kFail500:
          response.status = 500;
          break;
        case Behaviour::kFail503:
          response.status = 503;
          break;
        case Behaviour::kDelay:
          std::this_thread::sleep_for(std::chrono::milliseconds(1200));
          response.status = 200;
          break;
        case Behaviour::kSucceed:
          response.status = 204;
          break;
      }
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  ~Receiver() {
    server_.stop();
    thread_.join();
  }
  void Script(std::deque<Behaviour> script) {
    std::lock_guard<std::mutex> lock(mutex_);
    script_ = std::move(script);
  }
  std::vector<Received> received() {
    std::lock_guard<std::mutex> lock(mutex_);
    return received_;
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/hook"; }

 private:
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
  std::mutex mutex_;
  std::deque<Behaviour> script_;
  std::vector<Received> received_;
};

//! The monitoring gate's side of a delivery: the CN profile on a fixed day, and a person whose
//! consent to be monitored by BANK1 (account_review, from 2026-01-01) is on file.
struct Consented {
  explicit Consented(Store& store, int person = 1) : subject(testing::AddPerson(store, person)) {
    consent_id = testing::AddMonitoringConsents(store, gate.context(), "BANK1", {subject}).at(0);
  }
  const compliance::ComplianceContext& context() const { return gate.context(); }

  FixedClock clock{D("2026-03-01"), 1772323200};
  testing::Gate gate{clock};
  SubjectId subject = 0;
  int64_t consent_id = 0;
};

int64_t RaiseOne(Store& store, SubjectId subject, std::string key, int64_t created_at) {
  int64_t id = 0;
  testing::Write(store, [&](Transaction& transaction) -> Status {
    Alert alert;
    alert.institution = "BANK1";
    alert.subject_id = subject;
    alert.trigger = TriggerKind::kDelinquency;
    alert.severity = Severity::kHigh;
    alert.evidence_key = std::move(key);
    alert.evidence = R"({"tradeline_id":1})";
    alert.summary = "60 days past due";
    alert.as_of = D("2026-02-28");
    alert.created_at = created_at;
    CREDO_ASSIGN_OR_RETURN(auto outcome, RaiseAlert(transaction, alert));
    id = outcome.alert_id;
    return Ok();
  });
  return id;
}

std::vector<Delivery> Deliveries(Store& store, std::optional<DeliveryState> state = {}) {
  std::vector<Delivery> deliveries;
  EXPECT_TRUE(store.WithReadTransaction([&](Transaction& transaction) -> Status {
    CREDO_ASSIGN_OR_RETURN(deliveries, ListDeliveries(transaction, "BANK1", state));
    return Ok();
  }).ok());
  return deliveries;
}

TEST(SignatureTest, IsHmacSha256OverTimestampDotBody) {
  // Computed independently: python3 hmac.new(secret, b'1700000000.{"a":1}', sha256).hexdigest()
  EXPECT_EQ(SignWebhookBody(kSecret, 1700000000, R"({"a":1})"),
            "6948a2dc6985c92d09b9edade5c97dce2ba201452d91a72e4a20d35abe4d3420");
}

TEST(DeliveryTest, FailsThenTimesOutThenSucceedsAndIsNeverSentAgain) {
  testing::TempBureau bureau;
  Consented consented(bureau.store());
  Receiver receiver;
  receiver.Script({Behaviour::kFail500, Behaviour::kDelay, Behaviour::kSucceed});
  testing::Write(bureau.store(), [&](Transaction& transaction) {
    return SetWebhook(transaction, "BANK1", receiver.url(), kSecret, 1);
  });
  const int64_t alert_id = RaiseOne(bureau.store(), consented.subject, "k1", 1000);
  auto client = MakeHttpClient({.connect_timeout_ms = 1000, .read_timeout_ms = 300});
  DeliveryOptions options{.backoff_base_seconds = 10, .backoff_max_seconds = 100,
                          .max_attempts = 5, .compliance = &consented.context()};

  auto first = DeliverDue(bureau.store(), 1000, *client, options);  // 500
  ASSERT_TRUE(first.ok()) << first.error().ToString();
  EXPECT_EQ(first->attempted, 1);
  EXPECT_EQ(first->retry_scheduled, 1);
  auto pending = Deliveries(bureau.store());
  ASSERT_EQ(pending.size(), 1u);
  EXPECT_EQ(pending[0].attempts, 1);
  EXPECT_EQ(pending[0].next_attempt_at, 1010);  // base
  EXPECT_EQ(pending[0].last_error, "HTTP status 500");

  auto early = DeliverDue(bureau.store(), 1009, *client, options);  // not due yet
  ASSERT_TRUE(early.ok());
  EXPECT_EQ(early->attempted, 0);

  auto second = DeliverDue(bureau.store(), 1010, *client, options);  // the receiver is too slow
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->retry_scheduled, 1);
  pending = Deliveries(bureau.store());
  EXPECT_EQ(pending[0].attempts, 2);
  EXPECT_EQ(pending[0].next_attempt_at, 1030);  // base * 2
  EXPECT_NE(pending[0].last_error.find("failed"), std::string::npos) << pending[0].last_error;

  auto third = DeliverDue(bureau.store(), 1030, *client, options);  // 204
  ASSERT_TRUE(third.ok());
  EXPECT_EQ(third->delivered, 1);
  auto delivered = Deliveries(bureau.store(), DeliveryState::kDelivered);
  ASSERT_EQ(delivered.size(), 1u);
  EXPECT_EQ(delivered[0].delivered_at, 1030);
  EXPECT_EQ(delivered[0].last_status, 204);

  auto later = DeliverDue(bureau.store(), 99999, *client, options);
  ASSERT_TRUE(later.ok());
  EXPECT_EQ(later->attempted, 0);  // never delivered twice once acknowledged by a 2xx

  const auto received = receiver.received();
  ASSERT_EQ(received.size(), 3u);
  for (const Received& request : received) {
    EXPECT_EQ(request.idempotency_key, std::to_string(alert_id));
    EXPECT_EQ(request.signature,
              "sha256=" + SignWebhookBody(kSecret, std::stoll(request.timestamp), request.body));
    auto json = nlohmann::json::parse(request.body);
    EXPECT_EQ(json["id"], alert_id);
    EXPECT_EQ(json["trigger"], "delinquency");
    EXPECT_EQ(json["evidence"]["tradeline_id"], 1);
  }
  EXPECT_EQ(received[2].timestamp, "1030");
}

TEST(DeliveryTest, DeadLettersAfterTheLastTryAndCanBeRequeued) {
  testing::TempBureau bureau;
  Consented consented(bureau.store());
  Receiver receiver;
  receiver.Script({Behaviour::kFail503});
  testing::Write(bureau.store(), [&](Transaction& transaction) {
    return SetWebhook(transaction, "BANK1", receiver.url(), kSecret, 1);
  });
  const int64_t alert_id = RaiseOne(bureau.store(), consented.subject, "k2", 0);
  auto client = MakeHttpClient({.connect_timeout_ms = 1000, .read_timeout_ms = 1000});
  DeliveryOptions options{.backoff_base_seconds = 5, .backoff_max_seconds = 8, .max_attempts = 3,
                          .compliance = &consented.context()};
  int64_t now = 0;
  for (int attempt = 1; attempt <= 3; ++attempt) {
    auto summary = DeliverDue(bureau.store(), now, *client, options);
    ASSERT_TRUE(summary.ok());
    EXPECT_EQ(summary->attempted, 1) << attempt;
    auto all = Deliveries(bureau.store());
    if (attempt < 3) {
      EXPECT_EQ(all[0].state, DeliveryState::kPending);
      EXPECT_EQ(all[0].next_attempt_at, now + (attempt == 1 ? 5 : 8));  // 5, then 10 capped at 8
      now = all[0].next_attempt_at;
    } else {
      EXPECT_EQ(summary->dead_lettered, 1);
    }
  }
  auto dead = Deliveries(bureau.store(), DeliveryState::kDead);
  ASSERT_EQ(dead.size(), 1u);
  EXPECT_EQ(dead[0].alert_id, alert_id);
  EXPECT_EQ(dead[0].attempts, 3);
  EXPECT_EQ(dead[0].last_error, "HTTP status 503");
  auto nothing = DeliverDue(bureau.store(), now + 100000, *client, options);
  ASSERT_TRUE(nothing.ok());
  EXPECT_EQ(nothing->attempted, 0);

  receiver.Script({Behaviour::kSucceed});
  testing::Write(bureau.store(), [&](Transaction& transaction) {
    return RequeueDeadLetter(transaction, alert_id, now + 1);
  });
  auto retried = DeliverDue(bureau.store(), now + 1, *client, options);
  ASSERT_TRUE(retried.ok());
  EXPECT_EQ(retried->delivered, 1);
  testing::Write(bureau.store(), [&](Transaction& transaction) -> Status {
    Status again = RequeueDeadLetter(transaction, alert_id, now + 2);
    EXPECT_FALSE(again.ok());
    EXPECT_EQ(again.error().code, ErrorCode::kFailedPrecondition);
    return Ok();
  });
}

TEST(DeliveryTest, AReceiverThatIsNotThereIsRetried) {
  testing::TempBureau bureau;
  Consented consented(bureau.store());
  int closed_port = 0;
  {
    httplib::Server probe;
    closed_port = probe.bind_to_any_port("127.0.0.1");
  }  // closed again: nothing listens there now
  testing::Write(bureau.store(), [&](Transaction& transaction) {
    return SetWebhook(transaction, "BANK1",
                      "http://127.0.0.1:" + std::to_string(closed_port) + "/hook", kSecret, 1);
  });
  RaiseOne(bureau.store(), consented.subject, "k3", 0);
  auto client = MakeHttpClient({.connect_timeout_ms = 500, .read_timeout_ms = 500});
  auto summary = DeliverDue(bureau.store(), 0, *client,
                            {.backoff_base_seconds = 60, .compliance = &consented.context()});
  ASSERT_TRUE(summary.ok());
  EXPECT_EQ(summary->retry_scheduled, 1);
  auto pending = Deliveries(bureau.store());
  ASSERT_EQ(pending.size(), 1u);
  EXPECT_EQ(pending[0].next_attempt_at, 60);
  EXPECT_NE(pending[0].last_error.find("127.0.0.1"), std::string::npos) << pending[0].last_error;
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

std::vector<AuditEntry> AuditOf(Store& store, std::string_view action) {
  std::vector<AuditEntry> entries;
  EXPECT_TRUE(store
                  .WithReadTransaction([&](Transaction& transaction) -> Status {
                    CREDO_ASSIGN_OR_RETURN(auto all, transaction.ListAudit(0, 100000));
                    for (auto& entry : all) {
                      if (entry.action == action) entries.push_back(std::move(entry));
                    }
                    return Ok();
                  })
                  .ok());
  return entries;
}

// PIPL Art. 15, 征信业管理条例 第18条: an alert raised while the subject consented to BANK1's
// monitoring is not sent once the consent is withdrawn. Its delivery ends withheld with the
// reason, the refusal is recorded as the monitoring gate records refusals, and nothing reaches
// the receiver; another subject's consented alert is delivered in the same run.
TEST(DeliveryConsentTest, AnAlertWhoseConsentWasWithdrawnIsWithheldAndNeverSent) {
  testing::TempBureau bureau;
  Consented withdrawn(bureau.store(), 1);
  const SubjectId consenting = testing::AddPerson(bureau.store(), 2);
  testing::AddMonitoringConsents(bureau.store(), withdrawn.context(), "BANK1", {consenting});
  Receiver receiver;
  testing::Write(bureau.store(), [&](Transaction& transaction) {
    return SetWebhook(transaction, "BANK1", receiver.url(), kSecret, 1);
  });
  const int64_t withheld_id = RaiseOne(bureau.store(), withdrawn.subject, "w1", 100);
  const int64_t sent_id = RaiseOne(bureau.store(), consenting, "c1", 100);
  ASSERT_TRUE(
      compliance::WithdrawConsent(bureau.store(), withdrawn.context(), withdrawn.consent_id).ok());
  auto client = MakeHttpClient({.connect_timeout_ms = 1000, .read_timeout_ms = 1000});
  const DeliveryOptions options{.compliance = &withdrawn.context()};

  auto summary = DeliverDue(bureau.store(), 200, *client, options);
  ASSERT_TRUE(summary.ok()) << summary.error().ToString();
  EXPECT_EQ(summary->attempted, 1);
  EXPECT_EQ(summary->delivered, 1);
  EXPECT_EQ(summary->withheld, 1);
  const auto received = receiver.received();
  ASSERT_EQ(received.size(), 1u);
  EXPECT_EQ(received[0].idempotency_key, std::to_string(sent_id));

  auto withheld = Deliveries(bureau.store(), DeliveryState::kWithheld);
  ASSERT_EQ(withheld.size(), 1u);
  EXPECT_EQ(withheld[0].alert_id, withheld_id);
  EXPECT_EQ(withheld[0].attempts, 0);
  EXPECT_EQ(withheld[0].last_error, "withheld: consent withdrawn (rule consent.withdrawn)");
  EXPECT_EQ(DeliveryStateName(withheld[0].state), "withheld");

  auto refusals = Refusals(bureau.store());
  ASSERT_EQ(refusals.size(), 1u);
  EXPECT_EQ(refusals[0].operation, compliance::kMonitorDeliverOperation);
  EXPECT_EQ(refusals[0].rule, "consent.withdrawn");
  EXPECT_EQ(refusals[0].institution, "BANK1");
  EXPECT_EQ(refusals[0].subject_id, withdrawn.subject);
  EXPECT_EQ(refusals[0].purpose, compliance::kAccountReviewPurpose);
  auto audit = AuditOf(bureau.store(), "monitor.delivery.withheld");
  ASSERT_EQ(audit.size(), 1u);
  EXPECT_EQ(audit[0].entity_id, withheld_id);

  // Withheld is final: never attempted again, not in the dead-letter list.
  auto later = DeliverDue(bureau.store(), 99999, *client, options);
  ASSERT_TRUE(later.ok());
  EXPECT_EQ(later->attempted, 0);
  EXPECT_EQ(later->withheld, 0);
  EXPECT_EQ(receiver.received().size(), 1u);
  testing::Write(bureau.store(), [&](Transaction& transaction) -> Status {
    Status requeue = RequeueDeadLetter(transaction, withheld_id, 100000);
    EXPECT_FALSE(requeue.ok());
    EXPECT_EQ(requeue.error().code, ErrorCode::kFailedPrecondition);
    return Ok();
  });
}

// A consent that ran out between the alert and its delivery stops the delivery too.
TEST(DeliveryConsentTest, AnAlertWhoseConsentExpiredIsWithheld) {
  testing::TempBureau bureau;
  FixedClock clock(D("2026-02-01"), 1769904000);
  testing::Gate gate(clock);
  const SubjectId subject = testing::AddPerson(bureau.store(), 1);
  testing::AddMonitoringConsents(bureau.store(), gate.context(), "BANK1", {subject},
                                 D("2026-01-01"), D("2026-02-28"));
  Receiver receiver;
  testing::Write(bureau.store(), [&](Transaction& transaction) {
    return SetWebhook(transaction, "BANK1", receiver.url(), kSecret, 1);
  });
  RaiseOne(bureau.store(), subject, "e1", 100);
  clock.Set(D("2026-03-05"));
  auto client = MakeHttpClient({.connect_timeout_ms = 1000, .read_timeout_ms = 1000});
  auto summary = DeliverDue(bureau.store(), 200, *client, {.compliance = &gate.context()});
  ASSERT_TRUE(summary.ok()) << summary.error().ToString();
  EXPECT_EQ(summary->attempted, 0);
  EXPECT_EQ(summary->withheld, 1);
  EXPECT_TRUE(receiver.received().empty());
  auto withheld = Deliveries(bureau.store(), DeliveryState::kWithheld);
  ASSERT_EQ(withheld.size(), 1u);
  EXPECT_EQ(withheld[0].last_error, "withheld: consent expired (rule consent.expired)");
  auto refusals = Refusals(bureau.store());
  ASSERT_EQ(refusals.size(), 1u);
  EXPECT_EQ(refusals[0].rule, "consent.expired");
}

// The consent the subscription named is the one checked: another valid consent of the
// institution on file does not let the alert go once the named one is withdrawn.
TEST(DeliveryConsentTest, TheConsentTheSubscriptionNamedIsTheOneChecked) {
  testing::TempBureau bureau;
  Consented consented(bureau.store());
  compliance::ConsentGrant second;
  second.subject_id = consented.subject;
  second.institution = "BANK1";
  second.purpose = std::string(compliance::kAccountReviewPurpose);
  second.reference = "MON-BANK1-SECOND";
  second.valid_from = D("2026-01-01");
  ASSERT_TRUE(compliance::AddConsent(bureau.store(), consented.context(), second).ok());
  SubscribeRequest request;
  request.institution = "BANK1";
  request.triggers = ParseTriggers("all").value();
  request.baseline_on = D("2026-01-31");
  request.consent_reference = testing::MonitoringConsentReference("BANK1", consented.subject);
  ASSERT_TRUE(Subscribe(bureau.store(), consented.context(), request, {consented.subject}).ok());
  Receiver receiver;
  testing::Write(bureau.store(), [&](Transaction& transaction) {
    return SetWebhook(transaction, "BANK1", receiver.url(), kSecret, 1);
  });
  RaiseOne(bureau.store(), consented.subject, "n1", 100);
  ASSERT_TRUE(
      compliance::WithdrawConsent(bureau.store(), consented.context(), consented.consent_id).ok());
  auto client = MakeHttpClient({.connect_timeout_ms = 1000, .read_timeout_ms = 1000});
  auto summary = DeliverDue(bureau.store(), 200, *client, {.compliance = &consented.context()});
  ASSERT_TRUE(summary.ok()) << summary.error().ToString();
  EXPECT_EQ(summary->withheld, 1);
  EXPECT_TRUE(receiver.received().empty());
}

TEST(DeliveryConsentTest, DeliveryNeedsTheComplianceContext) {
  testing::TempBureau bureau;
  Consented consented(bureau.store());
  Receiver receiver;
  testing::Write(bureau.store(), [&](Transaction& transaction) {
    return SetWebhook(transaction, "BANK1", receiver.url(), kSecret, 1);
  });
  RaiseOne(bureau.store(), consented.subject, "x1", 100);
  auto client = MakeHttpClient({.connect_timeout_ms = 1000, .read_timeout_ms = 1000});
  auto summary = DeliverDue(bureau.store(), 200, *client);
  ASSERT_FALSE(summary.ok());
  EXPECT_EQ(summary.error().code, ErrorCode::kInvalidArgument);
  EXPECT_TRUE(receiver.received().empty());
  EXPECT_EQ(Deliveries(bureau.store(), DeliveryState::kPending).size(), 1u);
}

}  // namespace
}  // namespace credo::monitor
