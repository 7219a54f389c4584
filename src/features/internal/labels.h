// credo features (internal): the labels of code-valued attributes.
#pragma once

#include <span>
#include <string_view>

namespace credo::features::internal {

//! Labels of payment-status severity 0..9 (PaymentStatusSeverity).
std::span<const std::string_view> WorstStatusLabels();
//! Altman Z'' zones: 0 safe, 1 grey, 2 distress.
std::span<const std::string_view> AltmanZoneLabels();
//! PAYDEX risk bands: 0 low (80-100), 1 medium (50-79), 2 high (1-49).
std::span<const std::string_view> PaydexBandLabels();
//! Where a company's income and cash-flow figures come from: 0 annual, 1 TTM, 2 annualised.
std::span<const std::string_view> FlowsBasisLabels();

}  // namespace credo::features::internal
