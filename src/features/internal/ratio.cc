#include "features/internal/ratio.h"

#include <algorithm>
#include <cmath>

namespace credo::features::internal {

std::optional<double> Ratio(double numerator, double denominator, DenominatorRule rule,
                            double cap) {
  if (!std::isfinite(numerator) || !std::isfinite(denominator)) return std::nullopt;
  if (denominator <= 0) {
    switch (rule) {
      case DenominatorRule::kMissingIfNotPositive: return std::nullopt;
      case DenominatorRule::kCapIfZero:
        if (denominator < 0 || numerator <= 0) return std::nullopt;
        return cap;
      case DenominatorRule::kWorstIfNotPositive:
        if (numerator > 0) return cap;
        if (numerator == 0) return 0.0;
        return std::nullopt;
    }
    return std::nullopt;
  }
  const double value = numerator / denominator;  // may overflow to +/-infinity: clamped below
  if (std::isnan(value)) return std::nullopt;
  return std::clamp(value, -cap, cap);
}

}  // namespace credo::features::internal
