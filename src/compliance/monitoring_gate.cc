#include "compliance/monitoring_gate.h"

#include <array>
#include <vector>

#include "compliance/internal/consent_choice.h"
#include "compliance/read_gate.h"
#include "core/institution.h"

namespace credo::compliance {
namespace {

constexpr std::array<std::string_view, 1> kMonitoringPurposes = {kAccountReviewPurpose};

// 条例 第18条 (consent and an agreed purpose), 第20条 (the purpose binds the use); FCRA
// 604(a)(3)(A) (review of an account).
constexpr const char* kMonitoringLaw = "征信业管理条例 第18条, 第20条; FCRA 604(a)(3)(A)";

}  // namespace

bool IsMonitoringPurpose(std::string_view code) {
  for (std::string_view purpose : kMonitoringPurposes) {
    if (purpose == code) return true;
  }
  return false;
}

Result<MonitoringDecision> DecideMonitoring(Transaction& tx, const ComplianceContext& context,
                                            const MonitoringRequest& request) {
  MonitoringDecision decision;
  RuleBreak base;
  base.operation = request.operation;
  base.subject_id = request.subject_id;
  base.institution = request.institution;
  base.staff_user = request.staff_user;
  base.purpose = request.purpose;
  auto refuse = [&](ErrorCode code, std::string rule, std::string law,
                    std::string message) -> MonitoringDecision {
    RuleBreak r = base;
    r.code = code;
    r.rule = std::move(rule);
    r.legal_basis = std::move(law);
    r.message = std::move(message);
    MonitoringDecision refused;
    refused.refusal = std::move(r);
    return refused;
  };

  const PurposeRule* purpose = context.profile->FindPurpose(request.purpose);
  if (purpose == nullptr) {
    std::string codes;
    for (const auto& p : context.profile->purposes) codes += (codes.empty() ? "" : ", ") + p.code;
    return refuse(ErrorCode::kPermissionDenied, "purpose.unknown",
                  "征信业管理条例 第18条; FCRA 604(a)",
                  "purpose \"" + request.purpose + "\" is not a purpose of profile " +
                      context.profile->name + "; purposes are " + codes);
  }
  if (!IsMonitoringPurpose(request.purpose)) {
    return refuse(ErrorCode::kPermissionDenied, "monitor.purpose_not_monitoring", kMonitoringLaw,
                  "purpose " + request.purpose +
                      " allows a single read, not monitoring the subject's file; an institution "
                      "monitors its borrowers under purpose " +
                      std::string(kAccountReviewPurpose) +
                      " (post-loan management), with the subject's consent where the profile "
                      "requires it");
  }
  // One institution-id rule (core/institution.h); the bureau's own ids ("bureau", "self") never
  // monitor.
  if (Status id = CheckOutsideInstitutionId(request.institution, "institution"); !id.ok()) {
    return refuse(ErrorCode::kInvalidArgument, "monitor.institution_id",
                  "征信业管理条例 第18条, 第22条", id.error().message);
  }
  auto subject = tx.ResolveSubjectId(request.subject_id);
  if (!subject.ok()) {
    if (subject.error().code != ErrorCode::kNotFound) return subject.error();
    return refuse(ErrorCode::kNotFound, "subject.unknown", "征信业管理条例 第18条",
                  "no subject " + std::to_string(request.subject_id) + " in the bureau");
  }
  // The read gate's consent rules, for the data an alert tells (the report's).
  ReadRequest read;
  read.subject_id = request.subject_id;
  read.institution = request.institution;
  read.staff_user = request.staff_user;
  read.purpose = request.purpose;
  read.consent_reference = request.consent_reference;
  read.what = {"report"};
  CREDO_ASSIGN_OR_RETURN(
      internal::ConsentChoice consent,
      internal::ChooseConsent(tx, context, read, *subject, *purpose, std::vector<std::string>()));
  if (consent.refused()) {
    return refuse(ErrorCode::kPermissionDenied, consent.rule, consent.legal_basis, consent.message);
  }
  decision.grant.subject_id = *subject;
  decision.grant.purpose = request.purpose;
  decision.grant.legal_basis = purpose->legal_basis;
  if (consent.consent) {
    decision.grant.consent_id = consent.consent->consent.id;
    decision.grant.consent_reference = consent.consent->consent.reference;
  }
  return decision;
}

Result<MonitoringGrant> AuthorizeMonitoring(Transaction& tx, const ComplianceContext& context,
                                            const MonitoringRequest& request) {
  CREDO_ASSIGN_OR_RETURN(MonitoringDecision decision, DecideMonitoring(tx, context, request));
  if (decision.refusal) {
    CREDO_TRY(WriteRefusal(tx, context, *decision.refusal));
    return ToError(*decision.refusal);
  }
  return decision.grant;
}

}  // namespace credo::compliance
