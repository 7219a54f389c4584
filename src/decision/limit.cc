#include "decision/limit.h"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace credo::decision {

namespace {

std::string Amount(double minor) {
  std::ostringstream out;
  out.setf(std::ios::fixed);
  out.precision(2);
  out << minor / 100.0;
  return out.str();
}

std::string Number(double value) {
  std::ostringstream out;
  out.precision(6);
  out << value;
  return out.str();
}

}  // namespace

LimitPolicy DefaultPersonLimitPolicy() {
  LimitPolicy policy;
  policy.capacity_multiple = 0.5;
  policy.pd_bands = {{0.01, 1.0}, {0.03, 0.8}, {0.08, 0.5}, {0.20, 0.25}};
  policy.max_limit = 50000000;             // 500,000.00
  policy.group_exposure_cap = 0;
  policy.rounding = 100000;                // 1,000.00
  return policy;
}

LimitPolicy DefaultCompanyLimitPolicy() {
  LimitPolicy policy;
  policy.capacity_multiple = 0.25;
  policy.pd_bands = {{0.005, 1.0}, {0.02, 0.8}, {0.05, 0.6}, {0.10, 0.35}, {0.20, 0.15}};
  policy.max_limit = 50000000000;          // 500 million
  policy.group_exposure_cap = 100000000000;  // 1 billion per group
  policy.rounding = 10000000;              // 100,000.00
  return policy;
}

Result<LimitRecommendation> RecommendLimit(const LimitPolicy& policy, const LimitInput& input) {
  if (!(input.pd >= 0 && input.pd <= 1)) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "PD must be between 0 and 1, got " + Number(input.pd), "pd");
  }
  if (input.income_or_revenue < 0 || input.existing_exposure < 0 || input.group_exposure < 0) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "income, revenue and exposures cannot be negative");
  }
  LimitRecommendation out;
  out.capacity = static_cast<double>(input.income_or_revenue) * policy.capacity_multiple;
  out.steps.push_back("capacity = income or revenue " + Amount(input.income_or_revenue) + " x " +
                      Number(policy.capacity_multiple) + " = " + Amount(out.capacity));
  out.risk_factor = 0;
  for (const PdBand& band : policy.pd_bands) {
    if (input.pd < band.pd_below) {
      out.risk_factor = band.factor;
      break;
    }
  }
  out.steps.push_back("risk factor for PD " + Number(input.pd) + " = " + Number(out.risk_factor));
  out.headroom = out.capacity * out.risk_factor - static_cast<double>(input.existing_exposure);
  out.steps.push_back("headroom = " + Amount(out.capacity) + " x " + Number(out.risk_factor) +
                      " - existing exposure " + Amount(input.existing_exposure) + " = " +
                      Amount(out.headroom));
  double limit = out.headroom;
  out.binding = "risk-adjusted headroom";
  if (out.risk_factor == 0) out.binding = "PD above the last band";
  if (input.income_or_revenue == 0) out.binding = "no income or revenue known";
  if (policy.max_limit > 0 && static_cast<double>(policy.max_limit) < limit) {
    limit = static_cast<double>(policy.max_limit);
    out.binding = "single-name cap";
  }
  out.steps.push_back("single-name cap " +
                      (policy.max_limit > 0 ? Amount(policy.max_limit) : std::string("none")));
  if (policy.group_exposure_cap > 0) {
    out.group_room = static_cast<double>(policy.group_exposure_cap - input.group_exposure);
    out.steps.push_back("group room = group cap " + Amount(policy.group_exposure_cap) +
                        " - group exposure " + Amount(input.group_exposure) + " = " +
                        Amount(*out.group_room));
    if (*out.group_room < limit) {
      limit = *out.group_room;
      out.binding = "group cap";
    }
  }
  limit = std::max(0.0, limit);
  const int64_t rounding = std::max<int64_t>(1, policy.rounding);
  out.limit = static_cast<int64_t>(std::floor(limit / static_cast<double>(rounding))) * rounding;
  out.steps.push_back("limit = max(0, min(...)) rounded down to " + Amount(rounding) + " = " +
                      Amount(out.limit));
  return out;
}

}  // namespace credo::decision
