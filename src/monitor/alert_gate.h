// credo monitor: the monitoring gate asked again before an alert leaves the bureau.
//
// An alert is raised while the monitoring gate allows its subscription (evaluate.h), but it reaches
// the institution later: by webhook (delivery.h) or when the institution reads its alerts (the
// API's GET /v1/alerts). A consent withdrawn (PIPL Art. 15) or expired (条例 第18条) in between
// stops that too. AlertRefusal asks compliance::DecideMonitoring again for the alert's
// (institution, subject) on the compliance context's today, under the purpose and consent
// reference of the institution's subscription to the subject (account_review and any valid
// consent when it has none any more), and returns the rule that refuses, if any.
//
// Nothing here writes: the caller records a refusal (compliance::WriteRefusal) where it has to
// (a withheld delivery, a refused read of one alert). ListReleasableAlerts leaves the refused
// alerts out of an institution's list without recording anything: the list is what the
// institution may still see.
//
// Thread safety and errors: as the Transaction's; store errors pass through. The context is not
// owned and must outlive the call.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "compliance/context.h"
#include "compliance/refusal.h"
#include "core/result.h"
#include "monitor/alerts.h"
#include "store/store.h"

namespace credo::monitor {

//! The monitoring gate's refusal of `alert` today, as a rule break of `operation`
//! (compliance::kMonitorDeliverOperation, kMonitorAlertReadOperation); nothing when it may go.
Result<std::optional<compliance::RuleBreak>> AlertRefusal(
    Transaction& transaction, const compliance::ComplianceContext& context, const Alert& alert,
    std::string_view operation);

//! ListAlerts (alerts.h) without the alerts the monitoring gate refuses today: up to
//! `filter.limit` alerts the institution may still see, ascending id, read past the refused ones.
Result<std::vector<Alert>> ListReleasableAlerts(Transaction& transaction,
                                                const compliance::ComplianceContext& context,
                                                std::string_view institution,
                                                const AlertFilter& filter);

//! "withheld: consent withdrawn (rule consent.withdrawn)": how a delivery the gate refused is
//! marked (Delivery::last_error).
std::string WithheldReason(const compliance::RuleBreak& refusal);

}  // namespace credo::monitor
