// credo compliance: the credit file as the law lets it be seen.
//
// LoadCreditFileView is the query reports, attributes and models' inputs use instead of reading
// the store's tables directly: suppressed items (purged by retention, deleted or unverified in a
// dispute) are gone, suppressed months read "no data" in the payment history, items under an
// open dispute carry their mark (异议标注; Metro 2 compliance condition XB), the subject's
// statements are attached, and query records are filtered for the viewer. A resolved dispute
// marks its item no more (征信业管理条例 第25条); it stays listed in dispute_marks (open false,
// its outcome and, when undeterminable, the findings) for the report's dispute notices. Only a
// profile whose ComplianceContext::disputes keeps resolved conditions (Metro 2: XH resolved, XC
// the consumer disagrees) leaves that condition on the item and the notice. With
// for_model_inputs, items under an open dispute are left out as well (processing restricted
// while accuracy is contested: GDPR Art. 18, PIPL Art. 46).
//
// The view does not authorise: call it after AuthorizeRead (read_gate.h) in the same transaction.
#pragma once

#include <string>
#include <vector>

#include "compliance/context.h"
#include "compliance/disputes.h"
#include "compliance/items.h"
#include "compliance/read_gate.h"
#include "store/store.h"

namespace credo::compliance {

struct ViewOptions {
  ViewerKind viewer = ViewerKind::kInstitution;
  bool for_model_inputs = false;
};

struct DisputeMark {
  int64_t dispute_id = 0;
  ItemRef item;
  bool open = true;
  DisputeOutcome outcome = DisputeOutcome::kNone;
  //! XB open; once resolved XC (subject disagrees) or XH (resolved) where the profile keeps
  //! them (ComplianceContext::disputes), else empty
  std::string compliance_condition;
  Date opened_on;
  Date deadline_on;
  std::string note;  //!< findings of an undeterminable dispute (条例 Art. 25)
};

struct VisibleTradeline {
  TradelineRow row;  //!< history with suppressed months set to 'D' (no data); CCC set from disputes
  bool disputed = false;               //!< the account or one of its months is under open dispute
  std::vector<Date> suppressed_months;
  std::vector<Date> disputed_months;
};

struct VisiblePublicRecord {
  PublicRecord record;
  bool disputed = false;
};

struct CreditFileView {
  SubjectId subject_id = 0;
  std::vector<VisibleTradeline> tradelines;
  std::vector<VisiblePublicRecord> public_records;
  std::vector<QueryRecord> query_records;
  //! The latest dispute of each item still shown: open ones (the item is marked) and resolved
  //! ones kept as notices (corrected, verified, undeterminable; deleted items are gone)
  std::vector<DisputeMark> dispute_marks;
  std::vector<SubjectStatement> statements;
  std::vector<std::string> suppressed_identity_fields;
  std::vector<std::string> disputed_identity_fields;
};

Result<CreditFileView> LoadCreditFileView(Transaction& tx, const ComplianceContext& context,
                                          SubjectId subject_id, const ViewOptions& options);

}  // namespace credo::compliance
