// credo monitor: delivering alerts to webhooks (signed, retried, dead-lettered, at most once).
//
// Each alert of an institution with a webhook is queued when raised. DeliverDue posts every
// queued delivery whose next attempt is due: body = AlertToJson(alert), headers
//   Content-Type: application/json
//   X-Credo-Timestamp: <unix seconds>
//   X-Credo-Signature: sha256=<hex HMAC-SHA256(secret, timestamp + "." + body)>
//   Idempotency-Key: <alert id>
// A 2xx marks it delivered (never sent again); anything else (status, timeout, refused
// connection) schedules the next attempt after base * 2^(attempts-1) seconds (capped), and after
// max_attempts it moves to the dead-letter list with the last error. The HTTP client is an
// interface so tests and the CLI pass the real one (MakeHttpClient, cpp-httplib) or their own.
//
// Consent is checked again just before each post (alert_gate.h): the monitoring gate is asked for
// the alert's (institution, subject) on the compliance context's today. An alert it refuses (the
// consent was withdrawn or has expired since the alert was raised: PIPL Art. 15; 条例 第18条) is
// not sent: its delivery ends in state "withheld", last_error naming the rule ("withheld: consent
// withdrawn (rule consent.withdrawn)"), and the refusal is recorded as the gate's refusals are
// (compliance_refusals row and audit entry, operation "monitor.deliver"). Withheld is final: a
// consent given later does not send it. DeliveryOptions::compliance is required
// (kInvalidArgument without it); the store must hold the compliance schema.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "compliance/context.h"
#include "core/result.h"
#include "store/store.h"

namespace credo::monitor {

struct HttpResponse {
  int status = 0;
  std::string body;
};

class HttpClient {
 public:
  virtual ~HttpClient() = default;
  //! POSTs `body`; a transport failure (refused, timeout, DNS) is an error (kUnavailable).
  virtual Result<HttpResponse> Post(const std::string& url,
                                    const std::map<std::string, std::string>& headers,
                                    const std::string& body) = 0;
};

struct HttpClientOptions {
  int connect_timeout_ms = 2000;
  int read_timeout_ms = 5000;
};
//! The real client (cpp-httplib; https through OpenSSL).
std::unique_ptr<HttpClient> MakeHttpClient(const HttpClientOptions& options = {});

struct DeliveryOptions {
  int64_t backoff_base_seconds = 30;    //!< wait after the first failure
  int64_t backoff_max_seconds = 3600;   //!< cap of a single wait
  int max_attempts = 6;                 //!< then dead-lettered
  int64_t max_deliveries = 10000;       //!< per call
  //! Required: the profile and the day the monitoring gate decides on before each post (see the
  //! header comment). Not owned; must outlive the call.
  const compliance::ComplianceContext* compliance = nullptr;
};

//! hex HMAC-SHA256(secret, timestamp + "." + body) (OpenSSL), as put in X-Credo-Signature.
std::string SignWebhookBody(std::string_view secret, int64_t timestamp, std::string_view body);

struct DeliverySummary {
  int64_t attempted = 0;
  int64_t delivered = 0;
  int64_t retry_scheduled = 0;
  int64_t dead_lettered = 0;
  int64_t withheld = 0;  //!< refused by the monitoring gate: not sent, never to be
};

//! Posts the deliveries due at `now_unix_seconds`. Each outcome commits on its own, so a crash
//! mid-run loses at most the one in flight (which a receiver dedups by Idempotency-Key).
Result<DeliverySummary> DeliverDue(Store& store, int64_t now_unix_seconds, HttpClient& client,
                                   const DeliveryOptions& options = {});

enum class DeliveryState {
  kPending,    //!< queued, due at next_attempt_at
  kDelivered,  //!< a 2xx acknowledged it; never sent again
  kDead,       //!< max_attempts failed; RequeueDeadLetter puts it back
  kWithheld,   //!< the monitoring gate refused it before sending (last_error says why); final
};
std::string_view DeliveryStateName(DeliveryState state);

struct Delivery {
  int64_t id = 0;
  int64_t alert_id = 0;
  std::string institution;
  DeliveryState state = DeliveryState::kPending;
  int attempts = 0;
  int64_t next_attempt_at = 0;
  int64_t delivered_at = 0;
  int last_status = 0;
  std::string last_error;
};

//! Deliveries of an institution ("" = all), ascending alert id, optionally of one state.
Result<std::vector<Delivery>> ListDeliveries(Transaction& transaction, std::string_view institution,
                                             std::optional<DeliveryState> state = {});
//! Puts a dead-lettered delivery back in the queue, due now (kNotFound / kFailedPrecondition).
Status RequeueDeadLetter(Transaction& transaction, int64_t alert_id, int64_t now_unix_seconds);

}  // namespace credo::monitor
