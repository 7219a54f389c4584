// credo compliance (internal): the rules of a self-query's right (read_gate.h ReadRequest::
// self_query_basis): the year's free ones, a paid one, a free one after an adverse action notice.
#pragma once

#include <optional>
#include <string>

#include "compliance/context.h"
#include "compliance/read_gate.h"
#include "compliance/refusal.h"
#include "store/store.h"

namespace credo::compliance::internal {

//! nullopt when `request` may be read under the right it names (any purpose: a right named on a
//! read that is not a self-query is refused). `subject` is the surviving subject id.
Result<std::optional<GateRefusal>> CheckSelfQueryRight(Transaction& tx,
                                                             const ComplianceContext& context,
                                                             const ReadRequest& request,
                                                             SubjectId subject, Date today);

}  // namespace credo::compliance::internal
