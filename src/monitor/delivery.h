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
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

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
};

//! hex HMAC-SHA256(secret, timestamp + "." + body) (OpenSSL), as put in X-Credo-Signature.
std::string SignWebhookBody(std::string_view secret, int64_t timestamp, std::string_view body);

struct DeliverySummary {
  int64_t attempted = 0;
  int64_t delivered = 0;
  int64_t retry_scheduled = 0;
  int64_t dead_lettered = 0;
};

//! Posts the deliveries due at `now_unix_seconds`. Each outcome commits on its own, so a crash
//! mid-run loses at most the one in flight (which a receiver dedups by Idempotency-Key).
Result<DeliverySummary> DeliverDue(Store& store, int64_t now_unix_seconds, HttpClient& client,
                                   const DeliveryOptions& options = {});

enum class DeliveryState { kPending, kDelivered, kDead };
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
