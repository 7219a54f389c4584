// credo decision: a company's group exposure from the relationship graph (graph module), for
// the credit-limit recommendation. Built only when the graph module is in the build (then
// CREDO_DECISION_HAS_GRAPH is defined for users of credo_decision).
//
// Group exposure = the loan balances of every member of the company's group (graph::GroupOf:
// the companies its top controller controls) + the guarantees the members give to borrowers
// outside the group (guarantees inside the group would count the same loan twice).
// Errors: those of BuildGraph and GroupOf (kNotFound for an unknown subject, kInvalidArgument
// for a person).
#pragma once

#include <cstdint>

#include "core/result.h"
#include "core/subject.h"
#include "store/store.h"

namespace credo::decision {

struct GroupExposure {
  SubjectId top_controller = 0;
  int64_t members = 0;
  int64_t loan_balance = 0;
  int64_t guarantees_given_outside = 0;
  int64_t exposure = 0;
};

Result<GroupExposure> GroupExposureOf(Store& store, SubjectId company);

}  // namespace credo::decision
