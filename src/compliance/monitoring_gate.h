// credo compliance: the monitoring gate, whether an institution may monitor a subject's file.
//
// Portfolio monitoring (贷后管理, account review) is a standing read of the subject's credit file:
// every alert tells the institution something the bureau learned about the subject. It is
// therefore allowed on the terms a read under the same purpose is (read_gate.h), checked by the
// same consent rules (one implementation, shared with AuthorizeRead):
//   * the purpose is a purpose of the profile (purpose.unknown) and a monitoring purpose
//     (kMonitoringPurposes; monitor.purpose_not_monitoring): a consent to one credit
//     application does not let the lender watch the file afterwards (条例 第18条, 第20条);
//   * the institution is an outside institution (core/institution.h; monitor.institution_id);
//   * the subject exists (subject.unknown);
//   * where the profile's purpose requires consent (CN account_review: 条例 第18条; US
//     account_review, FCRA 604(a)(3)(A), needs none), a consent of the subject given to that
//     institution for that purpose, valid today and covering the report (the one named by
//     consent_reference, else any on file): consent.missing, consent.expired, consent.withdrawn,
//     consent.not_yet_valid, consent.other_institution, consent.other_purpose,
//     consent.out_of_scope, as the read gate refuses them.
//
// AuthorizeMonitoring is called when a subscription is made or changed: a refusal is written as
// a refusal record (operation "monitor.subscribe", refusal.h) into the caller's transaction and
// returned as that rule's Error; the caller commits the transaction to keep the record (the
// monitor module's Subscribe does). DecideMonitoring is the same decision without any record,
// for a standing subscription before its alerts are evaluated: a consent withdrawn (PIPL Art. 15)
// or expired since stops the monitoring from that day on. The monitor module asks it once more
// before an alert leaves the bureau (a webhook delivery, operation "monitor.deliver"; an
// institution reading its alerts, "monitor.alert.read"): an alert raised while the consent was
// valid is not sent once it has been withdrawn or has expired. MonitoringRequest::operation names
// the operation a refusal is recorded under.
//
// Thread safety and errors: as the Transaction's. Store errors pass through.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "compliance/context.h"
#include "compliance/refusal.h"
#include "store/store.h"

namespace credo::compliance {

//! 贷后管理 / account review: the purpose an institution monitors its borrowers under.
inline constexpr std::string_view kAccountReviewPurpose = "account_review";
//! The operation monitoring refusals are recorded under.
inline constexpr std::string_view kMonitorSubscribeOperation = "monitor.subscribe";
//! The operation of a webhook delivery of an alert refused by the gate.
inline constexpr std::string_view kMonitorDeliverOperation = "monitor.deliver";
//! The operation of an institution reading one of its alerts refused by the gate.
inline constexpr std::string_view kMonitorAlertReadOperation = "monitor.alert.read";
//! Whether `code` is a purpose monitoring may run under (today: account_review only).
bool IsMonitoringPurpose(std::string_view code);

struct MonitoringRequest {
  SubjectId subject_id = 0;
  std::string institution;  //!< who monitors (an outside institution id)
  std::string staff_user;   //!< who asks, named in the refusal record (may be empty)
  std::string purpose = std::string(kAccountReviewPurpose);
  std::string consent_reference;  //!< the consent relied on; empty: any valid one on file
  //! What the monitoring is for, named in a refusal (kMonitorSubscribeOperation,
  //! kMonitorDeliverOperation, kMonitorAlertReadOperation)
  std::string operation = std::string(kMonitorSubscribeOperation);
};

struct MonitoringGrant {
  SubjectId subject_id = 0;  //!< the surviving subject id
  std::string purpose;
  std::string legal_basis;  //!< the profile's legal basis of the purpose
  int64_t consent_id = 0;   //!< the consent relied on; 0 when the purpose needs none
  std::string consent_reference;
};

struct MonitoringDecision {
  std::optional<RuleBreak> refusal;  //!< set: refused by this rule (nothing is granted)
  MonitoringGrant grant;             //!< when not refused
  bool allowed() const { return !refusal.has_value(); }
};

//! The monitoring decision for `request` on `context.Today()` (see the header comment); writes
//! nothing.
Result<MonitoringDecision> DecideMonitoring(Transaction& tx, const ComplianceContext& context,
                                            const MonitoringRequest& request);

//! DecideMonitoring, with a refusal written into `tx` as a refusal record and returned as its
//! Error (kPermissionDenied, kInvalidArgument or kNotFound; see the header comment).
Result<MonitoringGrant> AuthorizeMonitoring(Transaction& tx, const ComplianceContext& context,
                                            const MonitoringRequest& request);

}  // namespace credo::compliance
