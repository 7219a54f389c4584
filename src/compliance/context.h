// credo compliance: what every compliance call needs to know (the law, the time, who acts).
//
// A ComplianceContext names the jurisdiction profile whose rules apply, the clock that says what
// "today" is (tests use FixedClock), and the actor (operator or staff user) the audit log names.
// It does not own the profile or the clock: both must outlive every call that uses the context.
// EnsureComplianceSchema installs the module's own tables (component "compliance") in a store.
#pragma once

#include <string>

#include "core/date.h"
#include "core/profile.h"
#include "core/result.h"
#include "store/store.h"

namespace credo::compliance {

class RecordWriter;  // record_writer.h

//! Which date starts the retention clock of a negative item.
enum class RetentionClock {
  kFromEventEnd,          //!< 征信业管理条例 Art. 16: 5 years from the end of the behaviour/event
  kFromFirstDelinquency,  //!< FCRA 605(a), 605(c): 7 years from the DOFD (+180 d for collections)
};

//! The retention numbers of a profile, plus the clock rule.
struct RetentionRules {
  RetentionClock clock = RetentionClock::kFromEventEnd;
  int negative_years = 5;
  int bankruptcy_years = 5;
  int collection_clock_delay_days = 0;
};

//! The profile does not (yet) say which date starts the clock. A profile that defers the
//! collection clock to a date after the first delinquency (FCRA 605(c)) measures from that
//! delinquency, so such a profile gets kFromFirstDelinquency; every other profile measures from
//! the end of the event (条例 Art. 16). Override ComplianceContext::retention to choose otherwise.
RetentionRules RetentionRulesFor(const JurisdictionProfile& profile);

//! How a dispute marks the item it is about once it is resolved.
struct DisputeMarkRules {
  //! true: a resolved dispute leaves its Metro 2 compliance condition on the item (XH: disputed
  //! and resolved, XC: resolved, the consumer disagrees; Metro 2 base field 20, FCRA 611(c)).
  //! false: a dispute marks its item only while it is open; once handled, whatever the outcome,
  //! the mark is removed (征信业管理条例 第25条) and the case is listed only among the report's
  //! dispute notices, without a compliance condition.
  bool resolved_condition_on_item = false;
};

//! The profile does not (yet) say whether its reports carry Metro 2 compliance conditions. A
//! profile with a deferred collection clock (FCRA 605(c)) is the Metro 2 / FCRA model, so it
//! keeps them; every other profile removes the mark once the dispute is handled (条例 第25条).
//! Override ComplianceContext::disputes to choose otherwise. Proposed for core: a profile key
//! `disputes.resolved_condition_on_item`.
DisputeMarkRules DisputeMarkRulesFor(const JurisdictionProfile& profile);

struct ComplianceContext {
  const JurisdictionProfile* profile = nullptr;
  const Clock* clock = nullptr;
  std::string actor = "credo";  //!< operator or staff user named in the audit log
  RetentionRules retention;
  DisputeMarkRules disputes;
  //! Where reads are recorded (record_writer.h); null: in the caller's own transaction. Not
  //! owned; must outlive every call that uses the context.
  RecordWriter* record_writer = nullptr;

  ComplianceContext() = default;
  ComplianceContext(const JurisdictionProfile& p, const Clock& c, std::string who = "credo")
      : profile(&p),
        clock(&c),
        actor(std::move(who)),
        retention(RetentionRulesFor(p)),
        disputes(DisputeMarkRulesFor(p)) {}

  Date Today() const { return clock->Today(); }
  int64_t Now() const { return clock->NowUnixSeconds(); }
};

//! The module's schema component ("compliance"): consent terms, query log, refusals, negative
//! items, suppressions, disputes, complaints, statements, notifications, rights requests.
const SchemaComponent& ComplianceSchema();
//! Applies pending compliance migrations (idempotent).
Status EnsureComplianceSchema(Store& store);

}  // namespace credo::compliance
