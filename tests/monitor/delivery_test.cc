// Webhook delivery against a real local HTTP receiver (cpp-httplib server on a free port) that
// fails, delays past the client's timeout, succeeds, and refuses connections.
#include "monitor/delivery.h"

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <deque>
#include <mutex>
#include <thread>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "monitor/alerts.h"
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

int64_t RaiseOne(Store& store, std::string key, int64_t created_at) {
  int64_t id = 0;
  testing::Write(store, [&](Transaction& transaction) -> Status {
    Alert alert;
    alert.institution = "BANK1";
    alert.subject_id = 3;
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
  Receiver receiver;
  receiver.Script({Behaviour::kFail500, Behaviour::kDelay, Behaviour::kSucceed});
  testing::Write(bureau.store(), [&](Transaction& transaction) {
    return SetWebhook(transaction, "BANK1", receiver.url(), kSecret, 1);
  });
  const int64_t alert_id = RaiseOne(bureau.store(), "k1", 1000);
  auto client = MakeHttpClient({.connect_timeout_ms = 1000, .read_timeout_ms = 300});
  DeliveryOptions options{.backoff_base_seconds = 10, .backoff_max_seconds = 100,
                          .max_attempts = 5};

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
  Receiver receiver;
  receiver.Script({Behaviour::kFail503});
  testing::Write(bureau.store(), [&](Transaction& transaction) {
    return SetWebhook(transaction, "BANK1", receiver.url(), kSecret, 1);
  });
  const int64_t alert_id = RaiseOne(bureau.store(), "k2", 0);
  auto client = MakeHttpClient({.connect_timeout_ms = 1000, .read_timeout_ms = 1000});
  DeliveryOptions options{.backoff_base_seconds = 5, .backoff_max_seconds = 8, .max_attempts = 3};
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
  int closed_port = 0;
  {
    httplib::Server probe;
    closed_port = probe.bind_to_any_port("127.0.0.1");
  }  // closed again: nothing listens there now
  testing::Write(bureau.store(), [&](Transaction& transaction) {
    return SetWebhook(transaction, "BANK1",
                      "http://127.0.0.1:" + std::to_string(closed_port) + "/hook", kSecret, 1);
  });
  RaiseOne(bureau.store(), "k3", 0);
  auto client = MakeHttpClient({.connect_timeout_ms = 500, .read_timeout_ms = 500});
  auto summary = DeliverDue(bureau.store(), 0, *client, {.backoff_base_seconds = 60});
  ASSERT_TRUE(summary.ok());
  EXPECT_EQ(summary->retry_scheduled, 1);
  auto pending = Deliveries(bureau.store());
  ASSERT_EQ(pending.size(), 1u);
  EXPECT_EQ(pending[0].next_attempt_at, 60);
  EXPECT_NE(pending[0].last_error.find("127.0.0.1"), std::string::npos) << pending[0].last_error;
}

}  // namespace
}  // namespace credo::monitor
