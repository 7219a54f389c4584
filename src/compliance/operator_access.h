// credo compliance: what the bureau's own staff (operators) may read about a subject, and the
// record of each look.
//
// Operator purposes. The bureau's staff read credit data as the institution "bureau"
// (kBureauInstitution) and only under an operator purpose of the profile: a purpose the profile
// lists whose code is one of kOperatorPurposes, each tied to an open case of that subject:
//   dispute_handling    investigating the subject's dispute (异议): 征信业管理条例 第25条;
//                       FCRA 611(a). A dispute of the subject must be open.
//   complaint_handling  answering the subject's complaint: 征信业管理条例 第26条. A complaint of
//                       the subject must be open.
// The read may name the case (ReadRequest::case_id): it must then be that subject's and open.
// Institutions may not use operator purposes, and the bureau may not use the institutions'
// purposes (条例 第20条: the purpose binds the read; 条例 第22条: staff queries are logged with
// their purpose). AuthorizeRead applies CheckOperatorRead after resolving the subject, so these
// refusals are recorded like the gate's, and a granted read is logged in the query log with
// the staff user, visible to the subject (a soft inquiry: not shown to other institutions).
//
// Staff access to identity. An operator who opens a subject's identity (display name, masked
// identifiers) outside a credit read is logged by RecordStaffAccess into the hash-chained audit
// log: who, when, what was shown and why (条例 第22条: personal credit bureaus log every staff
// query with name, time, content and purpose; PIPL Art. 55-56 keep processing records). It
// writes no inquiry: looking a subject up is not a credit report and must not show as one to
// lenders.
//
// Thread safety and errors: as the Transaction's. Store errors pass through.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "compliance/context.h"
#include "compliance/refusal.h"
#include "compliance/read_gate.h"
#include "store/store.h"

namespace credo::compliance {

//! The institution the bureau's own staff read as.
inline constexpr std::string_view kBureauInstitution = "bureau";

//! The operator purpose codes the gate knows (a profile lists those that apply to it).
inline constexpr std::string_view kDisputeHandlingPurpose = "dispute_handling";
inline constexpr std::string_view kComplaintHandlingPurpose = "complaint_handling";
bool IsOperatorPurpose(std::string_view code);
//! The operator purposes `profile` lists, in its order.
std::vector<std::string> OperatorPurposes(const JurisdictionProfile& profile);

//! Checks the operator-purpose rules for a read of `subject` (the surviving id): why the gate
//! refuses it (the rule, its legal basis and a message naming what to do), nullopt when the read
//! may go on.
Result<std::optional<GateRefusal>> CheckOperatorRead(Transaction& tx,
                                                             const ComplianceContext& context,
                                                             const ReadRequest& request,
                                                             SubjectId subject);

struct StaffAccess {
  SubjectId subject_id = 0;
  std::string staff_user;  //!< the operator's user name
  std::string purpose;     //!< why: "subject_search", "subject_view" ...
  std::string shown;       //!< what was shown: "kind,display_name,identifiers_masked,counts"
};
//! Appends the staff-access record to the audit log (action "compliance.staff_access").
Status RecordStaffAccess(Transaction& tx, const ComplianceContext& context,
                         const StaffAccess& access);

}  // namespace credo::compliance
