// credo decision: supply-chain finance limits for the suppliers of a core enterprise
// (DOMAIN.md 4.5; docs/decision/scf.md has the formula and the defaults).
//
// A receivable is eligible when its buyer is the core enterprise, it is confirmed (确权), not
// disputed, not overdue on as_of, due within max_tenor_days of as_of, and its (supplier,
// invoice id) appears once in the file (a second copy means it may be pledged twice: every copy
// is refused). Per supplier:
//   borrowing base  = sum(eligible amounts) x advance rate x (1 - dilution reserve)
//   core allocation = core limit remaining x supplier_share_of_core   (concentration cap)
//   supplier cap    = the cap of the supplier's grade band (unrated: unrated_supplier_cap)
//   limit           = min(borrowing base, core allocation, supplier cap), rounded down
// The advance rate comes from the core enterprise's grade; a core graded below min_core_grade
// (or D) opens no programme: every limit is 0 with that reason. When the suppliers' limits add
// up to more than the core's remaining limit, all are scaled down pro rata (concentration on the
// core). Grades are those of the master scale (model/rating.h), best first.
// Errors: kInvalidArgument for a grade the master scale does not know or a negative limit.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/result.h"
#include "decision/receivables.h"
#include "model/rating.h"

namespace credo::decision {

struct GradeValue {
  std::string grade_at_least;  //!< applies to this grade and better ones
  double value = 0;
};

struct ScfPolicy {
  std::string min_core_grade = "BBB-";
  std::vector<GradeValue> advance_rates;  //!< by core grade, best band first
  double dilution_reserve = 0.05;
  int max_tenor_days = 180;
  double supplier_share_of_core = 0.3;
  std::vector<GradeValue> supplier_caps;  //!< by supplier grade, best band first (minor units)
  int64_t unrated_supplier_cap = 200000000;  //!< 2 million
  int64_t rounding = 100;
};
ScfPolicy DefaultScfPolicy();

struct ScfInput {
  std::string core;
  std::string core_grade;
  int64_t core_limit_remaining = 0;
  Date as_of;
  std::map<std::string, std::string> supplier_grades;  //!< absent: unrated
  std::vector<Receivable> receivables;
};

struct ReceivableDecision {
  Receivable receivable;
  bool eligible = false;
  std::string reason;  //!< why not, or "eligible"
};

struct SupplierLimit {
  std::string supplier;
  std::string grade;  //!< "unrated" when none was given
  int64_t eligible_amount = 0;
  int64_t ineligible_amount = 0;
  std::map<std::string, int64_t> ineligible_by_reason;  //!< reason -> amount
  double borrowing_base = 0;
  double core_allocation = 0;
  double supplier_cap = 0;
  int64_t limit = 0;
  std::string binding;
};

struct ScfResult {
  std::string core;
  std::string core_grade;
  bool programme_open = false;
  std::string programme_reason;
  double advance_rate = 0;
  int64_t core_limit_remaining = 0;
  int64_t total_limit = 0;
  double scale = 1;  //!< pro-rata factor applied when the total exceeded the core's remaining limit
  std::vector<SupplierLimit> suppliers;  //!< by supplier name
  std::vector<ReceivableDecision> receivables;  //!< those whose buyer is the core, in file order
  int64_t other_buyers_receivables = 0;  //!< lines whose buyer is another company (left out)
};

Result<ScfResult> ComputeScfLimits(const ScfPolicy& policy, const model::MasterScale& scale,
                                   const ScfInput& input);

}  // namespace credo::decision
