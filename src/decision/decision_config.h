// credo decision: the numeric assumptions of valuation, limits and supply-chain finance, read
// from one TOML file (default src/decision/config/decision.toml, which holds the same values as
// the Default* functions; docs/decision/ explains each).
//
//   [value]          revolving_rate, installment_rate, mortgage_rate, line_of_credit_rate,
//                    other_rate, revolving_annual_fee, late_fee, funding_rate,
//                    operating_cost_per_account, loss_given_default, retention, discount_rate,
//                    horizon_years
//   [limit.person] / [limit.company]
//                    capacity_multiple, max_limit, group_exposure_cap, rounding,
//                    pd_bands = [{ pd_below = 0.01, factor = 1.0 }, ...]
//   [scf]            min_core_grade, dilution_reserve, max_tenor_days, supplier_share_of_core,
//                    unrated_supplier_cap, rounding,
//                    advance_rates = [{ core_grade_at_least = "A-", rate = 0.9 }, ...],
//                    supplier_caps = [{ grade_at_least = "BBB-", cap = 5000000000 }, ...]
// Keys left out keep their defaults. Errors (kInvalidArgument, "file:line"): invalid TOML,
// unknown keys, wrong types, rates outside [0, 1], PD bands not ascending.
#pragma once

#include <string>

#include "core/result.h"
#include "decision/customer_value.h"
#include "decision/limit.h"
#include "decision/scf.h"

namespace credo::decision {

struct DecisionConfig {
  std::string source = "built-in defaults";
  ValueAssumptions value;
  LimitPolicy person_limit = DefaultPersonLimitPolicy();
  LimitPolicy company_limit = DefaultCompanyLimitPolicy();
  ScfPolicy scf = DefaultScfPolicy();
};

Result<DecisionConfig> ParseDecisionConfig(std::string_view text, const std::string& source);
Result<DecisionConfig> LoadDecisionConfig(const std::string& path);
std::string DefaultDecisionConfigPath();

}  // namespace credo::decision
