// credo decision: credit limit recommendation from PD, income or revenue, existing exposure and
// group exposure (docs/decision/limit.md has the formula and the default caps).
//
//   capacity      = annual income (persons) or revenue (companies) x capacity_multiple
//   risk factor   = the factor of the first PD band whose pd_below exceeds the PD (0 past the last)
//   headroom      = capacity x risk factor - existing exposure
//   group room    = group_exposure_cap - group exposure            (when group_exposure_cap > 0)
//   limit         = max(0, min(headroom, max_limit, group room)) rounded down to `rounding`
// The recommendation names the binding constraint and lists each step. A PD at or above the last
// band, or no income/revenue, gives 0 with the reason. All amounts are minor units.
// Errors: kInvalidArgument for a PD outside [0, 1] or a negative amount.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"

namespace credo::decision {

struct PdBand {
  double pd_below = 1;  //!< PDs below this (and at or above the previous band's) get `factor`
  double factor = 0;
};

struct LimitPolicy {
  double capacity_multiple = 0.5;
  std::vector<PdBand> pd_bands;     //!< ascending pd_below
  int64_t max_limit = 0;            //!< 0: no single-name cap
  int64_t group_exposure_cap = 0;   //!< 0: no group cap
  int64_t rounding = 100;           //!< round down to a multiple of this (minor units)
};
LimitPolicy DefaultPersonLimitPolicy();
LimitPolicy DefaultCompanyLimitPolicy();

struct LimitInput {
  double pd = 0;
  int64_t income_or_revenue = 0;  //!< a year
  int64_t existing_exposure = 0;
  int64_t group_exposure = 0;
};

struct LimitRecommendation {
  int64_t limit = 0;
  double capacity = 0;
  double risk_factor = 0;
  double headroom = 0;
  std::optional<double> group_room;
  std::string binding;  //!< "risk-adjusted headroom", "single-name cap", "group cap", ...
  std::vector<std::string> steps;
};

Result<LimitRecommendation> RecommendLimit(const LimitPolicy& policy, const LimitInput& input);

}  // namespace credo::decision
