// credo compliance (internal): the consent rules of the read gate, shared by the reads
// (read_gate.cc AuthorizeRead) and monitoring (monitoring_gate.cc DecideMonitoring), so that
// there is one consent check. Not part of the public interface.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "compliance/consent.h"
#include "compliance/context.h"
#include "compliance/read_gate.h"
#include "store/store.h"

namespace credo::compliance::internal {

//! What the consent rules decided for a request.
struct ConsentChoice {
  std::optional<ConsentRecord> consent;  //!< the consent relied on; none when none is needed
  std::string rule;         //!< non-empty: refused by this rule (consent.*, restricted.no_consent)
  std::string legal_basis;  //!< of the refusal
  std::string message;      //!< of the refusal: what is wrong and how to fix it
  bool refused() const { return !rule.empty(); }
};

//! The read gate's consent rules for `request` on `subject` (the surviving id) under `purpose`:
//! a consent is needed when the purpose requires one, when restricted categories are asked for
//! (`restricted_asked`, each must be named by the consent) or when the request names one
//! (request.consent_reference: that consent must be valid, the requester relied on it);
//! otherwise any consent of the institution valid today for the purpose and the data asked for.
//! Reads the subject's consents; writes nothing. Store errors pass through.
Result<ConsentChoice> ChooseConsent(Transaction& tx, const ComplianceContext& context,
                                    const ReadRequest& request, SubjectId subject,
                                    const PurposeRule& purpose,
                                    const std::vector<std::string>& restricted_asked);

}  // namespace credo::compliance::internal
