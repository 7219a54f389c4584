#include "features/internal/labels.h"

#include <array>

namespace credo::features::internal {

namespace {
constexpr std::array<std::string_view, 10> kWorstStatus = {
    "current",          "30-59 days past due",   "60-89 days past due",
    "90-119 days past due", "120-149 days past due", "150-179 days past due",
    "180+ days past due",   "collection", "foreclosure, surrender or repossession", "charge-off"};
constexpr std::array<std::string_view, 3> kAltmanZone = {"safe", "grey", "distress"};
constexpr std::array<std::string_view, 3> kPaydexBand = {"low risk", "medium risk", "high risk"};
constexpr std::array<std::string_view, 3> kFlowsBasis = {"annual", "ttm", "annualised"};
}  // namespace

std::span<const std::string_view> WorstStatusLabels() { return kWorstStatus; }
std::span<const std::string_view> AltmanZoneLabels() { return kAltmanZone; }
std::span<const std::string_view> PaydexBandLabels() { return kPaydexBand; }
std::span<const std::string_view> FlowsBasisLabels() { return kFlowsBasis; }

}  // namespace credo::features::internal
