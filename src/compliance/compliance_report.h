// credo compliance: the compliance report for a period (what an auditor asks).
//
//  * reads in the period and reads without a valid consent (re-checked from the query log
//    against the consents as they stood on the day of each read: must be zero);
//  * refusals by rule;
//  * disputes opened in the period by outcome, and whether each met its deadline; complaints;
//  * negative items purged in the period (late ones named) and any overdue for purge;
//  * prohibited-field rejections at ingest (quarantine rows naming a prohibited field or rule);
//  * the audit chain's status.
// BuildComplianceReport registers negative items not yet seen (so that none escapes the overdue
// check); it writes nothing else. Rendered as JSON or plain text.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "compliance/context.h"
#include "store/store.h"

namespace credo::compliance {

struct ComplianceReport {
  Date from;
  Date to;
  std::string profile;
  Date generated_on;

  int64_t reads = 0;
  std::vector<std::string> reads_without_valid_consent;  //!< one line per offending read
  std::map<std::string, int64_t> refusals_by_rule;

  struct DisputeLine {
    int64_t id = 0;
    SubjectId subject_id = 0;
    std::string item;
    std::string outcome;
    Date opened_on;
    Date deadline_on;
    std::optional<Date> resolved_on;
    bool open = true;
    bool met_deadline = true;
  };
  std::vector<DisputeLine> disputes;
  std::map<std::string, int64_t> disputes_by_outcome;
  int64_t disputes_late = 0;
  int64_t complaints = 0;
  int64_t complaints_late = 0;

  struct PurgeLine {
    SubjectId subject_id = 0;
    std::string item;
    std::string category;
    std::optional<Date> due_on;
    std::optional<Date> purged_on;
    int64_t days_late = 0;
  };
  std::vector<PurgeLine> purged;
  std::vector<PurgeLine> overdue;  //!< due on or before the report's end, not yet purged

  struct RejectionLine {
    BatchId batch_id = 0;
    std::string source;
    int64_t line = 0;
    std::string field;
    std::string rule;
  };
  std::vector<RejectionLine> prohibited_field_rejections;

  AuditChainReport audit_chain;

  //! Zero unconsented reads, no late or overdue disputes or purges, intact audit chain.
  bool clean() const;
};

Result<ComplianceReport> BuildComplianceReport(Store& store, const ComplianceContext& context,
                                               Date from, Date to);
std::string ComplianceReportJson(const ComplianceReport& report);
std::string ComplianceReportText(const ComplianceReport& report);

}  // namespace credo::compliance
