// credo monitor: evaluating the subscribed triggers on the subjects a change touched.
//
// EvaluateTouched takes the touched subjects (a list, e.g. from a resolution run or re-scoring,
// or a batch id, whose rows name them: tradelines.last_batch_id, tradeline_months.batch_id,
// inquiries, public records, financial statements, relations) and an as-of date. For each
// subscription on a touched subject whose baseline is before `as_of`, it loads the credit file as
// known before (on the earlier of its baseline and the day before `as_of`) and as known on `as_of`
// (features::LoadCreditFile), runs the triggers, raises the alerts, and moves the baseline to
// `as_of`. Several batches reporting the same date are each evaluated against the day before,
// so a change is found whichever batch brought it; the alert is raised once (deduplicated on its
// evidence), so evaluating the same batch again raises nothing new. Subjects related to a touched
// subject (guarantee, shareholding) are evaluated for the related-party trigger.
//
// Monitoring runs only while the monitoring gate allows it (compliance/monitoring_gate.h): before
// a subscription is evaluated, compliance::DecideMonitoring is asked again on the compliance
// context's today, with the subscription's purpose and consent reference. A subscription it
// refuses (the consent was withdrawn or has expired, PIPL Art. 15; 条例 第18条) is skipped: no
// alert is raised for it, its baseline stays, and it is counted in skipped_subscriptions and in
// the run's audit entry. EvaluationRequest::compliance is required (kInvalidArgument without it);
// the store must hold the compliance schema (compliance::EnsureComplianceSchema).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "compliance/context.h"
#include "core/date.h"
#include "core/result.h"
#include "monitor/alerts.h"
#include "store/store.h"

namespace credo::monitor {

struct EvaluationRequest {
  std::optional<BatchId> batch_id{};   //!< touched = the subjects this batch's rows are about
  std::vector<SubjectId> subject_ids{};  //!< touched subjects (added to the batch's)
  bool all_subscribed = false;         //!< touched = every subscribed subject
  //! Knowledge date; nullopt: the latest date the batch's rows report (for a batch), else today.
  std::optional<Date> as_of{};
  const Clock* clock = nullptr;        //!< created_at of alerts; nullptr: SystemClock()
  //! Required: the profile and the day the monitoring gate decides on (see the header comment).
  //! Not owned; must outlive the call.
  const compliance::ComplianceContext* compliance = nullptr;
};

struct EvaluationSummary {
  Date as_of;
  int64_t touched_subjects = 0;       //!< distinct touched subjects
  int64_t evaluated_subscriptions = 0;
  //! Subscriptions not evaluated because the monitoring gate refuses them today (consent
  //! withdrawn or expired, purpose no longer allowed)
  int64_t skipped_subscriptions = 0;
  int64_t alerts_raised = 0;          //!< new alerts
  int64_t alerts_existing = 0;        //!< found again (deduplicated)
  std::map<std::string, int64_t> by_trigger;  //!< trigger name -> new alerts
  std::vector<int64_t> new_alert_ids;
};

//! Subject ids (surviving, ascending) that rows of the batch are about; kNotFound for no batch.
Result<std::vector<SubjectId>> TouchedSubjectsOfBatch(Transaction& transaction, BatchId batch_id);

Result<EvaluationSummary> EvaluateTouched(Store& store, const EvaluationRequest& request);

}  // namespace credo::monitor
