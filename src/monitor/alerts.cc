#include "monitor/alerts.h"

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "monitor/internal/sql.h"

namespace credo::monitor {
namespace {

using internal::Int;
using internal::IntAt;
using internal::IsNullAt;
using internal::Text;
using internal::TextAt;

constexpr const char* kAlertColumns =
    "SELECT id, institution, subject_id, trigger_kind, severity, evidence_key, evidence, summary, "
    "as_of, created_at, acknowledged_at, acknowledged_by FROM monitor_alerts";

Result<Alert> AlertFromRow(const SqlRow& row) {
  Alert alert;
  alert.id = IntAt(row, 0);
  alert.institution = TextAt(row, 1);
  alert.subject_id = IntAt(row, 2);
  CREDO_ASSIGN_OR_RETURN(alert.trigger, ParseTriggerKind(TextAt(row, 3)));
  alert.severity = static_cast<Severity>(IntAt(row, 4));
  alert.evidence_key = TextAt(row, 5);
  alert.evidence = TextAt(row, 6);
  alert.summary = TextAt(row, 7);
  alert.as_of = Date::FromDays(static_cast<int32_t>(IntAt(row, 8)));
  alert.created_at = IntAt(row, 9);
  if (!IsNullAt(row, 10)) alert.acknowledged_at = IntAt(row, 10);
  alert.acknowledged_by = TextAt(row, 11);
  return alert;
}

}  // namespace

std::string_view SeverityName(Severity severity) {
  switch (severity) {
    case Severity::kLow: return "low";
    case Severity::kMedium: return "medium";
    case Severity::kHigh: return "high";
    case Severity::kCritical: return "critical";
  }
  return "unknown";
}

Result<Severity> ParseSeverity(std::string_view name) {
  for (Severity severity :
       {Severity::kLow, Severity::kMedium, Severity::kHigh, Severity::kCritical}) {
    if (SeverityName(severity) == name) return severity;
  }
  return MakeError(ErrorCode::kInvalidArgument,
                   "unknown severity '" + std::string(name) +
                       "'; use low, medium, high or critical",
                   "--severity");
}

namespace {

//! The shared query: `institution` empty means every institution (the bureau's view).
Result<std::vector<Alert>> QueryAlerts(Transaction& transaction, std::string_view institution,
                                       const AlertFilter& filter) {
  std::string sql = std::string(kAlertColumns) + " WHERE id > ?";
  std::vector<SqlValue> params = {Int(filter.after_id)};
  if (!institution.empty()) {
    sql += " AND institution = ?";
    params.push_back(Text(institution));
  }
  if (filter.subject_id) {
    sql += " AND subject_id = ?";
    params.push_back(Int(*filter.subject_id));
  }
  if (filter.min_severity) {
    sql += " AND severity >= ?";
    params.push_back(Int(static_cast<int64_t>(*filter.min_severity)));
  }
  if (filter.since) {
    sql += " AND created_at >= ?";
    params.push_back(Int(*filter.since));
  }
  if (filter.acknowledged) {
    sql += *filter.acknowledged ? " AND acknowledged_at IS NOT NULL" : " AND acknowledged_at IS NULL";
  }
  if (filter.trigger) {
    sql += " AND trigger_kind = ?";
    params.push_back(Text(TriggerName(*filter.trigger)));
  }
  sql += " ORDER BY id LIMIT ?";
  params.push_back(Int(filter.limit > 0 ? filter.limit : 1000));
  CREDO_ASSIGN_OR_RETURN(auto rows, transaction.Query(sql, params));
  std::vector<Alert> alerts;
  alerts.reserve(rows.size());
  for (const SqlRow& row : rows) {
    CREDO_ASSIGN_OR_RETURN(Alert alert, AlertFromRow(row));
    alerts.push_back(std::move(alert));
  }
  return alerts;
}

}  // namespace

Result<std::vector<Alert>> ListAlerts(Transaction& transaction, std::string_view institution,
                                      const AlertFilter& filter) {
  // No institution names no alerts (never the bureau's view: that is ListBureauAlerts).
  if (institution.empty()) return std::vector<Alert>();
  return QueryAlerts(transaction, institution, filter);
}

Result<std::vector<Alert>> ListBureauAlerts(Transaction& transaction, const AlertFilter& filter,
                                            std::string_view institution) {
  return QueryAlerts(transaction, institution, filter);
}

Result<Alert> GetBureauAlert(Transaction& transaction, int64_t alert_id) {
  std::vector<SqlValue> params = {Int(alert_id)};
  CREDO_ASSIGN_OR_RETURN(
      auto rows, transaction.Query(std::string(kAlertColumns) + " WHERE id = ?", params));
  if (rows.empty()) {
    return MakeError(ErrorCode::kNotFound, "there is no alert " + std::to_string(alert_id));
  }
  return AlertFromRow(rows[0]);
}

Result<std::vector<InstitutionAlertCount>> AlertCountsByInstitution(Transaction& transaction) {
  CREDO_ASSIGN_OR_RETURN(
      auto rows,
      transaction.Query("SELECT institution, COUNT(*), CAST(SUM(CASE WHEN acknowledged_at IS NULL "
                        "THEN 1 ELSE 0 END) AS BIGINT) FROM monitor_alerts GROUP BY institution "
                        "ORDER BY institution"));
  std::vector<InstitutionAlertCount> counts;
  for (const SqlRow& row : rows) {
    counts.push_back({TextAt(row, 0), IntAt(row, 1), IntAt(row, 2)});
  }
  return counts;
}

Result<Alert> GetAlert(Transaction& transaction, std::string_view institution, int64_t alert_id) {
  std::vector<SqlValue> params = {Int(alert_id), Text(institution)};
  CREDO_ASSIGN_OR_RETURN(
      auto rows,
      transaction.Query(std::string(kAlertColumns) + " WHERE id = ? AND institution = ?", params));
  if (rows.empty()) {
    return MakeError(ErrorCode::kNotFound, "institution " + std::string(institution) +
                                               " has no alert " + std::to_string(alert_id));
  }
  return AlertFromRow(rows[0]);
}

Result<std::string> AlertInstitution(Transaction& transaction, int64_t alert_id) {
  std::vector<SqlValue> params = {Int(alert_id)};
  CREDO_ASSIGN_OR_RETURN(
      auto rows, transaction.Query("SELECT institution FROM monitor_alerts WHERE id = ?", params));
  if (rows.empty()) {
    return MakeError(ErrorCode::kNotFound, "there is no alert " + std::to_string(alert_id));
  }
  return TextAt(rows[0], 0);
}

Result<Alert> AcknowledgeAlert(Transaction& transaction, std::string_view institution,
                               int64_t alert_id, std::string_view acknowledged_by,
                               int64_t now_unix_seconds) {
  CREDO_ASSIGN_OR_RETURN(Alert alert, GetAlert(transaction, institution, alert_id));
  if (alert.acknowledged_at) return alert;
  std::vector<SqlValue> params = {Int(now_unix_seconds), Text(acknowledged_by), Int(alert_id)};
  CREDO_TRY(transaction.Execute(
      "UPDATE monitor_alerts SET acknowledged_at = ?, acknowledged_by = ? WHERE id = ?", params));
  AuditEntry entry;
  entry.action = "monitor.alert.acknowledge";
  entry.entity = "monitor_alerts";
  entry.entity_id = alert_id;
  entry.subject_id = alert.subject_id;
  entry.detail = "institution=" + alert.institution + " by=" + std::string(acknowledged_by);
  CREDO_TRY(transaction.AppendAudit(std::move(entry)));
  alert.acknowledged_at = now_unix_seconds;
  alert.acknowledged_by = std::string(acknowledged_by);
  return alert;
}

Result<RaiseOutcome> RaiseAlert(Transaction& transaction, const Alert& alert) {
  std::vector<SqlValue> params = {Text(alert.institution),
                                  Int(alert.subject_id),
                                  Text(TriggerName(alert.trigger)),
                                  Int(static_cast<int64_t>(alert.severity)),
                                  Text(alert.evidence_key),
                                  Text(alert.evidence),
                                  Text(alert.summary),
                                  Int(alert.as_of.days_since_epoch()),
                                  Int(alert.created_at)};
  CREDO_ASSIGN_OR_RETURN(
      auto inserted,
      transaction.Query("INSERT INTO monitor_alerts (institution, subject_id, trigger_kind, "
                        "severity, evidence_key, evidence, summary, as_of, created_at, "
                        "acknowledged_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, '') "
                        "ON CONFLICT (institution, subject_id, trigger_kind, evidence_key) "
                        "DO NOTHING RETURNING id",
                        params));
  RaiseOutcome outcome;
  if (inserted.empty()) {
    std::vector<SqlValue> key = {Text(alert.institution), Int(alert.subject_id),
                                 Text(TriggerName(alert.trigger)), Text(alert.evidence_key)};
    CREDO_ASSIGN_OR_RETURN(
        auto rows, transaction.Query("SELECT id FROM monitor_alerts WHERE institution = ? AND "
                                     "subject_id = ? AND trigger_kind = ? AND evidence_key = ?",
                                     key));
    if (rows.empty()) {
      return MakeError(ErrorCode::kInternal, "an alert conflicted but cannot be found");
    }
    outcome.alert_id = IntAt(rows[0], 0);
    return outcome;
  }
  outcome.alert_id = IntAt(inserted[0], 0);
  outcome.created = true;
  // Queue the webhook delivery when the institution has a webhook.
  std::vector<SqlValue> queue = {Int(outcome.alert_id), Text(alert.institution),
                                 Int(alert.created_at), Text(alert.institution)};
  CREDO_TRY(transaction.Execute(
      "INSERT INTO monitor_deliveries (alert_id, institution, state, attempts, next_attempt_at, "
      "delivered_at, last_status, last_error) SELECT ?, ?, 'pending', 0, ?, 0, 0, '' "
      "WHERE EXISTS (SELECT 1 FROM monitor_webhooks WHERE institution = ?)",
      queue));
  return outcome;
}

std::string AlertToJson(const Alert& alert) {
  nlohmann::json json;
  json["id"] = alert.id;
  json["institution"] = alert.institution;
  json["subject_id"] = alert.subject_id;
  json["trigger"] = std::string(TriggerName(alert.trigger));
  json["severity"] = std::string(SeverityName(alert.severity));
  json["summary"] = alert.summary;
  json["as_of"] = alert.as_of.ToIso();
  json["created_at"] = alert.created_at;
  nlohmann::json evidence = nlohmann::json::parse(alert.evidence, nullptr, false);
  json["evidence"] = evidence.is_discarded() ? nlohmann::json(alert.evidence) : evidence;
  if (alert.acknowledged_at) {
    json["acknowledged_at"] = *alert.acknowledged_at;
    json["acknowledged_by"] = alert.acknowledged_by;
  } else {
    json["acknowledged_at"] = nullptr;
  }
  return json.dump();
}

}  // namespace credo::monitor
