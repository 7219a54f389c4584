#include "compliance/context.h"

namespace credo::compliance {

RetentionRules RetentionRulesFor(const JurisdictionProfile& profile) {
  RetentionRules rules;
  rules.negative_years = profile.negative_retention_years;
  rules.bankruptcy_years = profile.bankruptcy_retention_years;
  rules.collection_clock_delay_days = profile.collection_clock_delay_days;
  // FCRA 605(c): a deferred collection clock is a clock that starts at the first delinquency.
  rules.clock = profile.collection_clock_delay_days > 0 ? RetentionClock::kFromFirstDelinquency
                                                         : RetentionClock::kFromEventEnd;
  return rules;
}

Status EnsureComplianceSchema(Store& store) { return store.ApplySchema(ComplianceSchema()); }

}  // namespace credo::compliance
