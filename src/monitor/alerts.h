// credo monitor: stored alerts, their filters and acknowledgement.
//
// An alert is raised once per (institution, subject, trigger, evidence key): evaluating the same
// change again finds the existing alert. Evidence is JSON without clear identifiers (subject and
// tradeline ids, furnisher names, dates, statuses, amounts). An institution only ever sees the
// alerts of its own subscriptions: every read and the acknowledgement take the institution.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/result.h"
#include "monitor/triggers.h"
#include "store/store.h"

namespace credo::monitor {

enum class Severity { kLow = 1, kMedium = 2, kHigh = 3, kCritical = 4 };
std::string_view SeverityName(Severity severity);  //!< "low", "medium", "high", "critical"
Result<Severity> ParseSeverity(std::string_view name);

struct Alert {
  int64_t id = 0;
  std::string institution;
  SubjectId subject_id = 0;
  TriggerKind trigger = TriggerKind::kDelinquency;
  Severity severity = Severity::kMedium;
  std::string evidence_key;  //!< what makes it unique for (institution, subject, trigger)
  std::string evidence;      //!< JSON object
  std::string summary;       //!< one line for people, no identifiers
  Date as_of;                //!< the knowledge date it was found on
  int64_t created_at = 0;    //!< unix seconds
  std::optional<int64_t> acknowledged_at;  //!< unix seconds
  std::string acknowledged_by;
};

struct AlertFilter {
  std::optional<SubjectId> subject_id{};
  std::optional<Severity> min_severity{};     //!< this severity or worse
  std::optional<int64_t> since{};             //!< created_at >= since (unix seconds)
  std::optional<bool> acknowledged{};         //!< only acknowledged / only open
  std::optional<TriggerKind> trigger{};
  int64_t after_id = 0;                     //!< paging: alerts with id > after_id
  int64_t limit = 1000;
};

//! The institution's alerts matching `filter`, ascending id. Never another institution's.
Result<std::vector<Alert>> ListAlerts(Transaction& transaction, std::string_view institution,
                                      const AlertFilter& filter);
//! The bureau's view (operators: analysts read every institution's alerts): alerts of every
//! institution matching `filter`, ascending id; `institution` non-empty keeps one institution's.
Result<std::vector<Alert>> ListBureauAlerts(Transaction& transaction, const AlertFilter& filter,
                                            std::string_view institution = {});
//! One alert whichever institution it belongs to (operators); kNotFound when there is none.
Result<Alert> GetBureauAlert(Transaction& transaction, int64_t alert_id);
//! Institutions that have alerts, with how many are open (not acknowledged), by name.
struct InstitutionAlertCount {
  std::string institution;
  int64_t alerts = 0;
  int64_t open = 0;
};
Result<std::vector<InstitutionAlertCount>> AlertCountsByInstitution(Transaction& transaction);
//! One alert of the institution (kNotFound if it does not exist or belongs to another one).
Result<Alert> GetAlert(Transaction& transaction, std::string_view institution, int64_t alert_id);
//! The institution an alert belongs to (for the bureau's operators, e.g. `credo monitor ack`).
Result<std::string> AlertInstitution(Transaction& transaction, int64_t alert_id);
//! Marks it acknowledged (idempotent: the first time and person are kept). Audited.
Result<Alert> AcknowledgeAlert(Transaction& transaction, std::string_view institution,
                               int64_t alert_id, std::string_view acknowledged_by,
                               int64_t now_unix_seconds);

//! Inserts `alert` unless the same (institution, subject, trigger, evidence key) exists; returns
//! the id and whether it was new. Used by the evaluator; queues webhook delivery when the
//! institution has a webhook.
struct RaiseOutcome {
  int64_t alert_id = 0;
  bool created = false;
};
Result<RaiseOutcome> RaiseAlert(Transaction& transaction, const Alert& alert);

//! An alert as the JSON object used by the API and the webhook body.
std::string AlertToJson(const Alert& alert);

}  // namespace credo::monitor
