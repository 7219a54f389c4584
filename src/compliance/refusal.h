// credo compliance: refusals. Every rule this module enforces refuses with an Error that names
// the rule and its legal basis, and the refusal itself is recorded (an append-only
// compliance_refusals row plus an audit entry) so that an auditor sees what was attempted.
//
// Calls that take a Store run their own transaction: on a refusal nothing else is written and
// only the refusal record commits. AuthorizeRead, which runs inside the caller's transaction,
// writes its refusal there (ReadThroughGate commits it for the caller).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "compliance/context.h"
#include "core/error.h"
#include "store/store.h"

namespace credo::compliance {

//! A rule broken by a request.
struct RuleBreak {
  ErrorCode code = ErrorCode::kPermissionDenied;
  std::string operation;    //!< "read", "consent.add", "purge", "dispute.open" ...
  std::string rule;         //!< stable rule name, e.g. "consent.expired"
  std::string legal_basis;  //!< e.g. "征信业管理条例 第18条; PIPL Art. 15"
  std::string message;      //!< what is wrong and how to fix it (identifiers masked)
  SubjectId subject_id = 0;
  std::string institution;
  std::string staff_user;
  std::string purpose;
};

//! Why a gate's check refuses a request: the parts of a RuleBreak the check decides (the caller
//! adds the operation and who asked). The operator-purpose, court-order and self-query checks of
//! the read gate return it.
struct GateRefusal {
  ErrorCode code = ErrorCode::kPermissionDenied;
  std::string rule;
  std::string legal_basis;
  std::string message;
};

//! The error returned for a rule break: code, "rule <rule> (<legal basis>): <message>",
//! location "compliance.<operation>".
Error ToError(const RuleBreak& rule_break);

struct RefusalRecord {
  int64_t id = 0;
  int64_t occurred_at = 0;
  Date occurred_on;
  std::string actor;
  std::string operation;
  std::string rule;
  std::string legal_basis;
  std::string error_code;
  SubjectId subject_id = 0;
  std::string institution;
  std::string staff_user;
  std::string purpose;
  std::string detail;
};

//! Writes the refusal row and its audit entry into `tx`.
Status WriteRefusal(Transaction& tx, const ComplianceContext& context, const RuleBreak& rule_break);
//! Records a refusal in its own transaction (for callers whose transaction rolled back).
Status RecordRefusal(Store& store, const ComplianceContext& context, const RuleBreak& rule_break);
//! Refusals that occurred on days in [from, to], oldest first.
Result<std::vector<RefusalRecord>> ListRefusals(Transaction& tx, Date from, Date to);

//! Runs `work` in one transaction. `work` validates first; on a rule break it returns
//! refuse(rule_break) at once, which commits only the refusal record, and Guarded returns the
//! refusal's error. Any other error rolls everything back.
using Refuse = std::function<Status(const RuleBreak&)>;
Status Guarded(Store& store, const ComplianceContext& context,
               const std::function<Status(Transaction&, const Refuse&)>& work);

}  // namespace credo::compliance
