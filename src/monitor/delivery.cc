#include "monitor/delivery.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <algorithm>

#include "compliance/monitoring_gate.h"
#include "compliance/refusal.h"
#include "core/error.h"
#include "monitor/alert_gate.h"
#include "monitor/alerts.h"
#include "monitor/internal/sql.h"
#include "monitor/webhooks.h"

namespace credo::monitor {
namespace {

using internal::Int;
using internal::IntAt;
using internal::Text;
using internal::TextAt;

std::string Hex(const unsigned char* bytes, size_t size) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(size * 2);
  for (size_t i = 0; i < size; ++i) {
    hex += kDigits[bytes[i] >> 4];
    hex += kDigits[bytes[i] & 0xF];
  }
  return hex;
}

Result<DeliveryState> ParseState(std::string_view name) {
  for (DeliveryState state : {DeliveryState::kPending, DeliveryState::kDelivered,
                              DeliveryState::kDead, DeliveryState::kWithheld}) {
    if (DeliveryStateName(state) == name) return state;
  }
  return MakeError(ErrorCode::kDataLoss, "unknown delivery state '" + std::string(name) + "'");
}

struct DueDelivery {
  int64_t alert_id = 0;
  std::string institution;
  int attempts = 0;
};

Status RecordOutcome(Store& store, const DueDelivery& due, bool success, int status,
                     const std::string& error, int64_t now, const DeliveryOptions& options,
                     DeliverySummary& summary) {
  return store.WithTransaction([&](Transaction& transaction) -> Status {
    const int attempts = due.attempts + 1;
    if (success) {
      std::vector<SqlValue> params = {Int(attempts), Int(now), Int(status), Int(due.alert_id)};
      CREDO_TRY(transaction.Execute(
          "UPDATE monitor_deliveries SET state = 'delivered', attempts = ?, delivered_at = ?, "
          "last_status = ?, last_error = '' WHERE alert_id = ? AND state = 'pending'",
          params));
      ++summary.delivered;
      return Ok();
    }
    if (attempts >= options.max_attempts) {
      std::vector<SqlValue> params = {Int(attempts), Int(status), Text(error), Int(due.alert_id)};
      CREDO_TRY(transaction.Execute(
          "UPDATE monitor_deliveries SET state = 'dead', attempts = ?, last_status = ?, "
          "last_error = ? WHERE alert_id = ? AND state = 'pending'",
          params));
      AuditEntry entry;
      entry.action = "monitor.delivery.dead_letter";
      entry.entity = "monitor_deliveries";
      entry.entity_id = due.alert_id;
      entry.detail = "institution=" + due.institution + " attempts=" + std::to_string(attempts) +
                     " last_error=" + error;
      CREDO_TRY(transaction.AppendAudit(std::move(entry)));
      ++summary.dead_lettered;
      return Ok();
    }
    int64_t wait = std::max<int64_t>(1, options.backoff_base_seconds);
    for (int i = 1; i < attempts && wait < options.backoff_max_seconds; ++i) wait *= 2;
    wait = std::min(wait, std::max<int64_t>(1, options.backoff_max_seconds));
    std::vector<SqlValue> params = {Int(attempts), Int(now + wait), Int(status), Text(error),
                                    Int(due.alert_id)};
    CREDO_TRY(transaction.Execute(
        "UPDATE monitor_deliveries SET attempts = ?, next_attempt_at = ?, last_status = ?, "
        "last_error = ? WHERE alert_id = ? AND state = 'pending'",
        params));
    ++summary.retry_scheduled;
    return Ok();
  });
}

//! Ends a pending delivery the monitoring gate refused: state withheld, the reason in last_error,
//! and the refusal recorded as the gate records refusals, in one transaction. Nothing happens when
//! another worker has settled the delivery since it was read.
Status WithholdDelivery(Store& store, const compliance::ComplianceContext& context,
                        const DueDelivery& due, const compliance::RuleBreak& refusal,
                        DeliverySummary& summary) {
  return store.WithTransaction([&](Transaction& transaction) -> Status {
    std::vector<SqlValue> key = {Int(due.alert_id)};
    CREDO_ASSIGN_OR_RETURN(
        auto rows,
        transaction.Query("SELECT state FROM monitor_deliveries WHERE alert_id = ?", key));
    if (rows.empty() || TextAt(rows[0], 0) != "pending") return Ok();
    std::vector<SqlValue> params = {Text(WithheldReason(refusal)), Int(due.alert_id)};
    CREDO_TRY(transaction.Execute(
        "UPDATE monitor_deliveries SET state = 'withheld', last_error = ? WHERE alert_id = ? AND "
        "state = 'pending'",
        params));
    CREDO_TRY(compliance::WriteRefusal(transaction, context, refusal));
    AuditEntry entry;
    entry.actor = context.actor;
    entry.action = "monitor.delivery.withheld";
    entry.entity = "monitor_deliveries";
    entry.entity_id = due.alert_id;
    entry.subject_id = refusal.subject_id;
    entry.detail = "institution=" + due.institution + " rule=" + refusal.rule;
    CREDO_TRY(transaction.AppendAudit(std::move(entry)));
    ++summary.withheld;
    return Ok();
  });
}

//! A due delivery as read just before it is sent.
struct Outgoing {
  bool still_pending = false;
  Alert alert;
  std::optional<compliance::RuleBreak> refusal;  //!< set: the gate refuses it; not sent
  Webhook webhook;                               //!< read only when it may be sent
};

Result<Outgoing> ReadOutgoing(Store& store, const compliance::ComplianceContext& context,
                              const DueDelivery& due) {
  Outgoing outgoing;
  CREDO_TRY(store.WithReadTransaction([&](Transaction& transaction) -> Status {
    // Re-read the state: another worker may have delivered it since the list was taken.
    std::vector<SqlValue> params = {Int(due.alert_id)};
    CREDO_ASSIGN_OR_RETURN(
        auto rows,
        transaction.Query("SELECT state FROM monitor_deliveries WHERE alert_id = ?", params));
    outgoing.still_pending = !rows.empty() && TextAt(rows[0], 0) == "pending";
    if (!outgoing.still_pending) return Ok();
    CREDO_ASSIGN_OR_RETURN(outgoing.alert, GetAlert(transaction, due.institution, due.alert_id));
    CREDO_ASSIGN_OR_RETURN(outgoing.refusal,
                           AlertRefusal(transaction, context, outgoing.alert,
                                        compliance::kMonitorDeliverOperation));
    if (outgoing.refusal) return Ok();
    CREDO_ASSIGN_OR_RETURN(outgoing.webhook, GetWebhook(transaction, due.institution));
    return Ok();
  }));
  return outgoing;
}

}  // namespace

std::string_view DeliveryStateName(DeliveryState state) {
  switch (state) {
    case DeliveryState::kPending: return "pending";
    case DeliveryState::kDelivered: return "delivered";
    case DeliveryState::kDead: return "dead";
    case DeliveryState::kWithheld: return "withheld";
  }
  return "unknown";
}

std::string SignWebhookBody(std::string_view secret, int64_t timestamp, std::string_view body) {
  std::string message = std::to_string(timestamp);
  message += '.';
  message.append(body);
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
       reinterpret_cast<const unsigned char*>(message.data()), message.size(), digest, &length);
  return Hex(digest, length);
}

Result<DeliverySummary> DeliverDue(Store& store, int64_t now_unix_seconds, HttpClient& client,
                                   const DeliveryOptions& options) {
  if (options.compliance == nullptr) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "webhook delivery needs the compliance context (DeliveryOptions::compliance): "
                     "the monitoring gate is asked again before each alert is sent");
  }
  std::vector<DueDelivery> due;
  CREDO_TRY(store.WithReadTransaction([&](Transaction& transaction) -> Status {
    std::vector<SqlValue> params = {Int(now_unix_seconds), Int(options.max_deliveries)};
    CREDO_ASSIGN_OR_RETURN(
        auto rows, transaction.Query("SELECT alert_id, institution, attempts FROM "
                                     "monitor_deliveries WHERE state = 'pending' AND "
                                     "next_attempt_at <= ? ORDER BY next_attempt_at, alert_id "
                                     "LIMIT ?",
                                     params));
    for (const SqlRow& row : rows) {
      due.push_back({IntAt(row, 0), TextAt(row, 1), static_cast<int>(IntAt(row, 2))});
    }
    return Ok();
  }));
  DeliverySummary summary;
  for (const DueDelivery& delivery : due) {
    CREDO_ASSIGN_OR_RETURN(Outgoing outgoing, ReadOutgoing(store, *options.compliance, delivery));
    if (!outgoing.still_pending) continue;
    if (outgoing.refusal) {
      CREDO_TRY(WithholdDelivery(store, *options.compliance, delivery, *outgoing.refusal, summary));
      continue;
    }
    const Alert& alert = outgoing.alert;
    const Webhook& webhook = outgoing.webhook;
    const std::string body = AlertToJson(alert);
    const int64_t timestamp = now_unix_seconds;
    std::map<std::string, std::string> headers = {
        {"Content-Type", "application/json"},
        {"X-Credo-Timestamp", std::to_string(timestamp)},
        {"X-Credo-Signature", "sha256=" + SignWebhookBody(webhook.secret, timestamp, body)},
        {"Idempotency-Key", std::to_string(alert.id)},
        {"User-Agent", "credo-monitor"},
    };
    ++summary.attempted;
    auto response = client.Post(webhook.url, headers, body);
    bool success = false;
    int status = 0;
    std::string error;
    if (!response.ok()) {
      error = response.error().message;
    } else {
      status = response->status;
      success = status >= 200 && status < 300;
      if (!success) error = "HTTP status " + std::to_string(status);
    }
    CREDO_TRY(RecordOutcome(store, delivery, success, status, error, now_unix_seconds, options,
                            summary));
  }
  return summary;
}

Result<std::vector<Delivery>> ListDeliveries(Transaction& transaction, std::string_view institution,
                                             std::optional<DeliveryState> state) {
  std::string sql =
      "SELECT id, alert_id, institution, state, attempts, next_attempt_at, delivered_at, "
      "last_status, last_error FROM monitor_deliveries WHERE 1 = 1";
  std::vector<SqlValue> params;
  if (!institution.empty()) {
    sql += " AND institution = ?";
    params.push_back(Text(institution));
  }
  if (state) {
    sql += " AND state = ?";
    params.push_back(Text(DeliveryStateName(*state)));
  }
  sql += " ORDER BY alert_id";
  CREDO_ASSIGN_OR_RETURN(auto rows, transaction.Query(sql, params));
  std::vector<Delivery> deliveries;
  for (const SqlRow& row : rows) {
    Delivery delivery;
    delivery.id = IntAt(row, 0);
    delivery.alert_id = IntAt(row, 1);
    delivery.institution = TextAt(row, 2);
    CREDO_ASSIGN_OR_RETURN(delivery.state, ParseState(TextAt(row, 3)));
    delivery.attempts = static_cast<int>(IntAt(row, 4));
    delivery.next_attempt_at = IntAt(row, 5);
    delivery.delivered_at = IntAt(row, 6);
    delivery.last_status = static_cast<int>(IntAt(row, 7));
    delivery.last_error = TextAt(row, 8);
    deliveries.push_back(std::move(delivery));
  }
  return deliveries;
}

Status RequeueDeadLetter(Transaction& transaction, int64_t alert_id, int64_t now_unix_seconds) {
  std::vector<SqlValue> key = {Int(alert_id)};
  CREDO_ASSIGN_OR_RETURN(
      auto rows, transaction.Query("SELECT state FROM monitor_deliveries WHERE alert_id = ?", key));
  if (rows.empty()) {
    return MakeError(ErrorCode::kNotFound,
                     "alert " + std::to_string(alert_id) + " has no webhook delivery");
  }
  if (TextAt(rows[0], 0) != "dead") {
    return MakeError(ErrorCode::kFailedPrecondition,
                     "the delivery of alert " + std::to_string(alert_id) + " is " +
                         TextAt(rows[0], 0) + ", not in the dead-letter list");
  }
  std::vector<SqlValue> params = {Int(now_unix_seconds), Int(alert_id)};
  CREDO_TRY(transaction.Execute(
      "UPDATE monitor_deliveries SET state = 'pending', attempts = 0, next_attempt_at = ? "
      "WHERE alert_id = ?",
      params));
  AuditEntry entry;
  entry.action = "monitor.delivery.requeue";
  entry.entity = "monitor_deliveries";
  entry.entity_id = alert_id;
  CREDO_TRY(transaction.AppendAudit(std::move(entry)));
  return Ok();
}

}  // namespace credo::monitor
