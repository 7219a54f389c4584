// credo compliance: disputes (异议, 征信业管理条例 Art. 25; FCRA 611), complaints (条例 Art. 26),
// the subject's statements (条例 Art. 16; FCRA 611(b)) and furnisher notifications.
//
// OpenDispute marks the item disputed on every report at once (LoadCreditFileView shows the
// mark; Metro 2 compliance condition XB for US output), records a notification for the
// furnisher (delivered later by the monitoring module) and sets the deadline from the profile
// (CN 20 days, US 30 days). ResolveDispute closes it as corrected (the correction is written
// through the store, which audits it), deleted (the item is suppressed), verified (mark removed:
// XH, or XC when the subject still disagrees) or undeterminable (the objection is recorded and
// shown). Whatever the outcome, a resolved dispute no longer marks its item as disputed
// (条例 第25条); the record keeps its Metro 2 condition, which only a profile that reports them
// shows on the item (ComplianceContext::disputes, credit_file_view.h). SweepDisputeDeadlines
// suppresses, in the subject's favour, every item whose dispute was not answered by its
// deadline. Every step is audited.
//
// Refusals (recorded): unknown subject or item (kNotFound), item already purged or suppressed
// (kFailedPrecondition), a second open dispute on an item (kAlreadyExists), no reason given,
// an empty correction, an outcome the caller may not set (kInvalidArgument).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "compliance/context.h"
#include "compliance/items.h"
#include "store/store.h"

namespace credo::compliance {

enum class DisputeOutcome {
  kNone,                 //!< still open
  kCorrected,            //!< the furnisher corrected the item
  kDeleted,              //!< inaccurate or unverifiable: removed
  kVerified,             //!< verified as accurate
  kUndeterminable,       //!< could not be determined: verification and objection recorded
  kUnverifiedByDeadline, //!< not answered in time: suppressed in the subject's favour
};
std::string_view DisputeOutcomeName(DisputeOutcome outcome);
Result<DisputeOutcome> ParseDisputeOutcome(std::string_view name);

struct DisputeRequest {
  SubjectId subject_id = 0;
  ItemRef item;
  std::string reason;          //!< what the subject says is wrong
  bool by_operator = false;    //!< an operator opens it on the subject's behalf
  std::string statement;       //!< optional statement of the subject, shown on later reports
};

struct DisputeRecord {
  int64_t id = 0;
  SubjectId subject_id = 0;
  ItemRef item;
  std::string opened_by;
  bool by_operator = false;
  std::string reason;
  Date opened_on;
  int64_t opened_at = 0;
  Date deadline_on;  //!< last day to answer
  bool open = true;
  DisputeOutcome outcome = DisputeOutcome::kNone;
  std::optional<Date> resolved_on;
  std::string resolved_by;
  bool subject_disagrees = false;
  std::string compliance_condition;  //!< Metro 2 CCC: XB open, XC disagrees, XH resolved
  std::string resolution_note;
  //! Resolved on or before the deadline (false while open past it).
  bool MetDeadline(Date today) const;
};

//! What the furnisher corrected (outcome kCorrected). Fields that do not apply to the item's
//! kind are refused.
struct Correction {
  std::optional<AccountStatus> account_status;  //!< tradeline
  std::optional<int64_t> balance;               //!< tradeline, minor units
  std::optional<int64_t> past_due;              //!< tradeline, minor units
  std::optional<PaymentStatus> month_status;    //!< tradeline month
  std::optional<std::string> record_status;     //!< public record
  std::optional<Date> resolved_on;              //!< public record
  std::optional<std::string> identity_value;    //!< identity field (full_name, given_name,
                                                //!< family_name, birth_date)
  bool empty() const {
    return !account_status && !balance && !past_due && !month_status && !record_status &&
           !resolved_on && !identity_value;
  }
};

struct DisputeResolution {
  DisputeOutcome outcome = DisputeOutcome::kVerified;
  std::string note;               //!< the furnisher's answer; for undeterminable, the findings
  bool subject_disagrees = false; //!< the subject still disagrees (XC)
  Correction correction;
};

Result<int64_t> OpenDispute(Store& store, const ComplianceContext& context,
                            const DisputeRequest& request);
Status ResolveDispute(Store& store, const ComplianceContext& context, int64_t dispute_id,
                      const DisputeResolution& resolution);
//! Closes every open dispute whose deadline has passed as kUnverifiedByDeadline and suppresses
//! its item (FCRA 611(a)(5)(A); 条例 Art. 25). Returns the disputes it closed.
Result<std::vector<DisputeRecord>> SweepDisputeDeadlines(Store& store, const ComplianceContext& context);

Result<DisputeRecord> GetDispute(Transaction& tx, int64_t dispute_id);
//! Disputes of one subject (0: all), oldest first; open_only to list the open ones.
Result<std::vector<DisputeRecord>> ListDisputes(Transaction& tx, SubjectId subject_id, bool open_only);
//! Disputes opened on days in [from, to].
Result<std::vector<DisputeRecord>> ListDisputesOpened(Transaction& tx, Date from, Date to);

// Complaints (条例 Art. 26): to the regulator, linked to a dispute when there is one.
struct ComplaintRequest {
  SubjectId subject_id = 0;
  int64_t dispute_id = 0;  //!< 0: not about a dispute
  std::string authority;   //!< e.g. "PBOC Shanghai branch", "CFPB"
  std::string text;        //!< encrypted at rest
};
struct ComplaintRecord {
  int64_t id = 0;
  SubjectId subject_id = 0;
  int64_t dispute_id = 0;
  std::string authority;
  std::string text;
  Date opened_on;
  Date deadline_on;
  bool open = true;
  std::string response;
  std::optional<Date> closed_on;
  bool MetDeadline(Date today) const;
};
Result<int64_t> OpenComplaint(Store& store, const ComplianceContext& context,
                              const ComplaintRequest& request);
Status ResolveComplaint(Store& store, const ComplianceContext& context, int64_t complaint_id,
                        const std::string& response);
Result<std::vector<ComplaintRecord>> ListComplaints(Transaction& tx, SubjectId subject_id);
//! One complaint; kNotFound when there is none with that id.
Result<ComplaintRecord> GetComplaint(Transaction& tx, int64_t complaint_id);

// Statements of the subject (条例 Art. 16 para. 2; FCRA 611(b)), shown on every later report.
struct SubjectStatement {
  int64_t id = 0;
  SubjectId subject_id = 0;
  int64_t dispute_id = 0;
  std::optional<ItemRef> item;
  std::string text;
  Date added_on;
};
Result<int64_t> AddStatement(Store& store, const ComplianceContext& context, SubjectId subject_id,
                             const std::string& text, std::optional<ItemRef> item = {},
                             int64_t dispute_id = 0);
Result<std::vector<SubjectStatement>> ListStatements(Transaction& tx, SubjectId subject_id);

// Notifications the monitoring module delivers (furnisher verification requests, results).
struct Notification {
  int64_t id = 0;
  SubjectId subject_id = 0;
  int64_t dispute_id = 0;
  std::string recipient;  //!< furnisher, authority, "bureau" or "subject"
  std::string kind;       //!< dispute_opened, dispute_resolved, complaint_opened
  std::string detail;
  int64_t created_at = 0;
  Date due_on;            //!< FCRA 611(a)(2): within 5 business days
  int64_t delivered_at = 0;
};
Result<std::vector<Notification>> ListNotifications(Transaction& tx, bool pending_only);
Status MarkNotificationDelivered(Store& store, const ComplianceContext& context,
                                 int64_t notification_id);

}  // namespace credo::compliance
