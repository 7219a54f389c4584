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

DisputeMarkRules DisputeMarkRulesFor(const JurisdictionProfile& profile) {
  DisputeMarkRules rules;
  // FCRA 605(c) and Metro 2 go together: the profile that defers the collection clock reports
  // compliance conditions (XH, XC) after a dispute; 条例 第25条 removes the mark.
  rules.resolved_condition_on_item = profile.collection_clock_delay_days > 0;
  return rules;
}

Status EnsureComplianceSchema(Store& store) { return store.ApplySchema(ComplianceSchema()); }

}  // namespace credo::compliance
