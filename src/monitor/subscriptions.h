// credo monitor: an institution's subscriptions (which subjects, which triggers, since when, on
// what compliance basis).
//
// A subscription is (institution, subject) with its triggers and a baseline date: the first
// evaluation compares what the bureau knew on the baseline with what it knows on the evaluation
// date; each evaluation moves the baseline forward. Subscribing a subject again replaces its
// triggers and basis (the baseline is kept). Every change is audited ("monitor.subscribe").
//
// Monitoring is a standing read of the subject's file, so every subject passes the monitoring
// gate (compliance/monitoring_gate.h: a monitoring purpose of the profile, and the subject's
// valid consent for that institution and purpose where the profile requires one) before anything
// is written. A refusal of any subject refuses the whole request: one refusal record per refused
// subject is committed (compliance_refusals and the audit log, operation "monitor.subscribe"),
// nothing else; the Error is the rule's (kPermissionDenied, kInvalidArgument) and names every
// refused subject with its rule. The subscription keeps its purpose, the consent reference named
// and the consent relied on, and EvaluateTouched (evaluate.h) asks the gate again before each
// evaluation: a consent withdrawn or expired since stops the alerts.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "compliance/context.h"
#include "compliance/monitoring_gate.h"
#include "core/date.h"
#include "core/result.h"
#include "monitor/triggers.h"
#include "store/store.h"

namespace credo::monitor {

struct Subscription {
  int64_t id = 0;
  std::string institution;
  SubjectId subject_id = 0;
  std::vector<TriggerSpec> triggers;
  Date baseline_on;        //!< knowledge already evaluated (alerts are about what came after)
  int64_t created_at = 0;  //!< unix seconds
  std::string purpose;     //!< the monitoring purpose (empty: made before purposes were kept)
  std::string consent_reference;  //!< the consent the institution named; empty: any valid one
  int64_t consent_id = 0;         //!< the consent relied on when it was made; 0: none was needed
};

//! What an institution asks for when it subscribes subjects.
struct SubscribeRequest {
  std::string institution;            //!< who monitors (an outside institution id)
  std::vector<TriggerSpec> triggers;  //!< non-empty
  Date baseline_on;                   //!< alerts are about what the bureau learns after it
  //! The purpose monitoring runs under (compliance::IsMonitoringPurpose: account_review).
  std::string purpose = std::string(compliance::kAccountReviewPurpose);
  //! The consent relied on, by the institution's reference (each subject must hold one by that
  //! reference); empty: for each subject any valid consent of the institution on file.
  std::string consent_reference;
  std::string staff_user;  //!< who asks (named in refusal records); may be empty
};

struct SubscribeSummary {
  int64_t added = 0;                   //!< new subscriptions
  int64_t updated = 0;                 //!< existing ones whose triggers or basis were replaced
  std::vector<SubjectId> subject_ids;  //!< surviving ids, in input order
};

//! Subscribes existing subjects, in one transaction of `store` (ids are resolved through merges;
//! an unknown id is kNotFound and nothing is written), each through the monitoring gate (see the
//! header comment). `request.institution` and `request.triggers` must be non-empty; the time
//! written is context.Now().
Result<SubscribeSummary> Subscribe(Store& store, const compliance::ComplianceContext& context,
                                   const SubscribeRequest& request,
                                   const std::vector<SubjectId>& subject_ids);

//! A subscription file: one subject per line, "kind,value" (kind as IdentifierKindName, e.g.
//! "cn_resident_id,110105194912310021") or "subject_id,42"; blank lines and lines starting
//! with '#' are skipped; an optional header line "kind,value" is skipped. Every line must resolve
//! to exactly one subject, else the whole file is refused (kInvalidArgument) with each bad line
//! named "FILE:LINE: reason" (values masked); nothing is written. The subjects then pass the
//! monitoring gate as Subscribe's do.
Result<SubscribeSummary> SubscribeFromText(Store& store,
                                           const compliance::ComplianceContext& context,
                                           const SubscribeRequest& request,
                                           std::string_view file_name, std::string_view text);

//! Subscriptions of an institution, by subject id.
Result<std::vector<Subscription>> ListSubscriptions(Transaction& transaction,
                                                    std::string_view institution);
//! Removes a subscription (kNotFound when there is none). Alerts already raised stay.
Status Unsubscribe(Transaction& transaction, std::string_view institution, SubjectId subject_id);

}  // namespace credo::monitor
