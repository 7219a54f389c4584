// credo compliance: the data subject's rights (PIPL Art. 44-48, 50; GDPR Art. 15-22; FCRA 609).
//
//  * Access and portability: ExportSubjectData returns everything the bureau holds about a
//    subject as JSON: identity, tradelines with every as-reported month and its source batch,
//    public records, statements, relations, consents, who queried the file (query records),
//    disputes, complaints, statements, suppressions and the audit history of the file.
//  * Erasure: RequestErasure erases what the law lets go (negative items whose period has passed,
//    the subject's own statements) and records a refusal, with the legal reason, for the rest.
//  * Restriction: an item under open dispute is restricted (ListRestrictedItems); the view for
//    models' inputs leaves it out (credit_file_view.h).
//  * Explanation: ExplainScore asks a provider (the model module registers one) for the score's
//    reason codes and model card, caps the key factors as FCRA 609(f) and 615(a) require, and
//    records the request.
// Every request is recorded in compliance_rights_requests and the audit log.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "compliance/context.h"
#include "compliance/items.h"
#include "store/store.h"

namespace credo::compliance {

struct RightsRequestRecord {
  int64_t id = 0;
  SubjectId subject_id = 0;
  std::string right;     //!< access, erasure, explanation
  Date requested_on;
  std::string actor;
  std::string decision;  //!< granted, partially_granted, refused
  std::string legal_basis;
  std::string detail;
};

//! The complete JSON export (PIPL Art. 45; GDPR Art. 15, 20; FCRA 609(a)). Recorded.
Result<std::string> ExportSubjectData(Store& store, const ComplianceContext& context,
                                      SubjectId subject_id);

struct ErasureRefusal {
  std::string category;     //!< what stays, e.g. "tradelines within retention"
  std::string legal_basis;  //!< why it must stay
};
struct ErasureDecision {
  int64_t request_id = 0;
  std::vector<std::string> erased;  //!< items and categories erased
  std::vector<ErasureRefusal> refused;
};
//! Erasure (PIPL Art. 47; GDPR Art. 17): see the header comment.
Result<ErasureDecision> RequestErasure(Store& store, const ComplianceContext& context,
                                       SubjectId subject_id);

//! Items whose processing is restricted because their accuracy is contested (open disputes).
Result<std::vector<ItemRef>> ListRestrictedItems(Transaction& tx, SubjectId subject_id);

struct ScoreExplanation {
  std::string model_id;
  int score = 0;
  int range_min = 0;
  int range_max = 0;
  Date scored_on;
  std::vector<std::string> reason_codes;  //!< ranked, most important first
  std::vector<std::string> reason_texts;
  std::string model_card;  //!< inputs, sources, rules, validation (征信业务管理办法)
};
//! What the model module provides: the latest score of a subject and its reasons.
using ExplanationProvider = std::function<Result<ScoreExplanation>(Transaction&, SubjectId)>;
//! PIPL Art. 24, 48; FCRA 609(f)(1), 615(a): at most 4 key factors, a 5th only when it is
//! about inquiries. Refused (recorded) without a provider: kFailedPrecondition.
Result<ScoreExplanation> ExplainScore(Store& store, const ComplianceContext& context,
                                      SubjectId subject_id, const ExplanationProvider& provider);

Result<std::vector<RightsRequestRecord>> ListRightsRequests(Transaction& tx, SubjectId subject_id);

}  // namespace credo::compliance
