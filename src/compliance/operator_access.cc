#include "compliance/operator_access.h"

#include <algorithm>
#include <array>

#include "compliance/disputes.h"

namespace credo::compliance {
namespace {

constexpr std::array<std::string_view, 2> kOperatorPurposes = {kDisputeHandlingPurpose,
                                                               kComplaintHandlingPurpose};

// 条例 第20条 (the agreed purpose binds the read) and 第22条 (staff queries logged with purpose).
constexpr const char* kPurposeBindingLaw = "征信业管理条例 第20条, 第22条; FCRA 604(a)";
constexpr const char* kDisputeLaw = "征信业管理条例 第25条; FCRA 611(a)";
constexpr const char* kComplaintLaw = "征信业管理条例 第26条";

GateRefusal Problem(ErrorCode code, std::string rule, std::string law, std::string message) {
  return GateRefusal{code, std::move(rule), std::move(law), std::move(message)};
}

}  // namespace

bool IsOperatorPurpose(std::string_view code) {
  return std::find(kOperatorPurposes.begin(), kOperatorPurposes.end(), code) !=
         kOperatorPurposes.end();
}

std::vector<std::string> OperatorPurposes(const JurisdictionProfile& profile) {
  std::vector<std::string> codes;
  for (const auto& purpose : profile.purposes) {
    if (IsOperatorPurpose(purpose.code)) codes.push_back(purpose.code);
  }
  return codes;
}

Result<std::optional<GateRefusal>> CheckOperatorRead(Transaction& tx,
                                                             const ComplianceContext& context,
                                                             const ReadRequest& request,
                                                             SubjectId subject) {
  using Found = std::optional<GateRefusal>;
  const bool bureau = request.institution == kBureauInstitution;
  const bool operator_purpose = IsOperatorPurpose(request.purpose);
  if (!bureau && !operator_purpose) return Found();
  if (!bureau) {
    return Found(Problem(ErrorCode::kPermissionDenied, "operator.purpose_reserved",
                         kPurposeBindingLaw,
                         "purpose " + request.purpose +
                             " is the bureau's own (its staff handling the subject's case); "
                             "institution " + request.institution +
                             " reads under one of its permissible purposes"));
  }
  if (!operator_purpose) {
    std::string codes;
    for (const auto& code : OperatorPurposes(*context.profile)) {
      codes += (codes.empty() ? "" : ", ") + code;
    }
    return Found(Problem(ErrorCode::kPermissionDenied, "operator.purpose_required",
                         kPurposeBindingLaw,
                         "bureau staff read a subject's credit data only under an operator "
                         "purpose of profile " + context.profile->name + " (" +
                             (codes.empty() ? std::string("none listed") : codes) + "), not " +
                             request.purpose));
  }
  const std::string who = "subject " + std::to_string(request.subject_id);
  if (request.purpose == kDisputeHandlingPurpose) {
    if (request.case_id != 0) {
      auto dispute = GetDispute(tx, request.case_id);
      if (!dispute.ok()) {
        if (dispute.error().code != ErrorCode::kNotFound) return dispute.error();
        return Found(Problem(ErrorCode::kNotFound, "operator.case_unknown", kDisputeLaw,
                             "no dispute " + std::to_string(request.case_id)));
      }
      auto owner = tx.ResolveSubjectId(dispute->subject_id);
      if (!owner.ok() || *owner != subject) {
        return Found(Problem(ErrorCode::kPermissionDenied, "operator.case_other_subject",
                             kDisputeLaw,
                             "dispute " + std::to_string(request.case_id) + " is not a dispute of " +
                                 who));
      }
      if (!dispute->open) {
        return Found(Problem(ErrorCode::kPermissionDenied, "operator.case_closed", kDisputeLaw,
                             "dispute " + std::to_string(request.case_id) +
                                 " is closed; a closed case is no reason to read the file"));
      }
      return Found();
    }
    CREDO_ASSIGN_OR_RETURN(auto open, ListDisputes(tx, subject, /*open_only=*/true));
    if (open.empty()) {
      return Found(Problem(ErrorCode::kPermissionDenied, "operator.no_open_case", kDisputeLaw,
                           who + " has no open dispute; purpose " + request.purpose +
                               " needs one"));
    }
    return Found();
  }
  // complaint_handling
  CREDO_ASSIGN_OR_RETURN(auto complaints, ListComplaints(tx, subject));
  bool any_open = false;
  for (const auto& complaint : complaints) {
    if (request.case_id != 0 && complaint.id == request.case_id) {
      if (!complaint.open) {
        return Found(Problem(ErrorCode::kPermissionDenied, "operator.case_closed", kComplaintLaw,
                             "complaint " + std::to_string(request.case_id) + " is closed"));
      }
      return Found();
    }
    any_open = any_open || complaint.open;
  }
  if (request.case_id != 0) {
    return Found(Problem(ErrorCode::kNotFound, "operator.case_unknown", kComplaintLaw,
                         who + " has no complaint " + std::to_string(request.case_id)));
  }
  if (!any_open) {
    return Found(Problem(ErrorCode::kPermissionDenied, "operator.no_open_case", kComplaintLaw,
                         who + " has no open complaint; purpose " + request.purpose +
                             " needs one"));
  }
  return Found();
}

Status RecordStaffAccess(Transaction& tx, const ComplianceContext& context,
                         const StaffAccess& access) {
  if (access.staff_user.empty() || access.purpose.empty()) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "a staff access names the staff user and the purpose (征信业管理条例 第22条)");
  }
  AuditEntry entry;
  entry.actor = access.staff_user;
  entry.action = "compliance.staff_access";
  entry.entity = "subjects";
  entry.entity_id = access.subject_id;
  entry.subject_id = access.subject_id;
  entry.detail = "institution=" + std::string(kBureauInstitution) + " purpose=" + access.purpose +
                 " shown=" + access.shown + " at=" + std::to_string(context.Now());
  CREDO_TRY(tx.AppendAudit(std::move(entry)));
  return Ok();
}

}  // namespace credo::compliance
