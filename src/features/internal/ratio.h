// credo features (internal): ratios with written rules for zero and negative denominators.
// No rule ever yields NaN or infinity; results are clamped to [-cap, cap].
#pragma once

#include <optional>

namespace credo::features::internal {

//! The default cap of ratio attributes (documented as "capped at 999").
inline constexpr double kRatioCap = 999.0;

enum class DenominatorRule {
  //! denominator <= 0: missing (margins, returns, turnover, utilisation).
  kMissingIfNotPositive,
  //! denominator == 0: the cap when the numerator is > 0, else missing; denominator < 0:
  //! missing (liquidity and coverage: no current liabilities / no interest to cover).
  kCapIfZero,
  //! denominator <= 0: the cap (worst) when the numerator is > 0, 0 when it is 0, missing when
  //! it is < 0 (leverage: debt against negative equity or negative EBITDA is the worst case).
  kWorstIfNotPositive,
};

std::optional<double> Ratio(double numerator, double denominator, DenominatorRule rule,
                            double cap = kRatioCap);

}  // namespace credo::features::internal
