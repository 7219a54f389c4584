// credo monitor: the monitoring gate asked again before an alert leaves the bureau (see
// alert_gate.h).
#include "monitor/alert_gate.h"

#include <map>

#include "compliance/monitoring_gate.h"
#include "core/error.h"
#include "monitor/internal/sql.h"

namespace credo::monitor {
namespace {

using internal::Int;
using internal::Text;
using internal::TextAt;

//! What the institution's subscription to the subject was made under.
struct SubscriptionBasis {
  std::string purpose = std::string(compliance::kAccountReviewPurpose);
  std::string consent_reference;  //!< empty: any valid consent
};

//! The subscription's purpose and consent reference; account_review and any valid consent when
//! the subscription is gone or was made before purposes were kept.
Result<SubscriptionBasis> SubscriptionBasisOf(Transaction& transaction,
                                              std::string_view institution, SubjectId subject) {
  std::vector<SqlValue> params = {Text(institution), Int(subject)};
  CREDO_ASSIGN_OR_RETURN(auto rows, transaction.Query("SELECT purpose, consent_reference FROM "
                                                      "monitor_subscriptions WHERE institution "
                                                      "= ? AND subject_id = ?",
                                                      params));
  SubscriptionBasis basis;
  if (rows.empty()) return basis;
  if (!TextAt(rows[0], 0).empty()) basis.purpose = TextAt(rows[0], 0);
  basis.consent_reference = TextAt(rows[0], 1);
  return basis;
}

//! "consent.not_yet_valid" -> "consent not yet valid".
std::string RuleInWords(std::string_view rule) {
  std::string words(rule);
  for (char& c : words) {
    if (c == '.' || c == '_') c = ' ';
  }
  return words;
}

}  // namespace

Result<std::optional<compliance::RuleBreak>> AlertRefusal(
    Transaction& transaction, const compliance::ComplianceContext& context, const Alert& alert,
    std::string_view operation) {
  if (context.profile == nullptr || context.clock == nullptr) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "the monitoring gate needs a compliance context with a profile and a clock");
  }
  CREDO_ASSIGN_OR_RETURN(SubscriptionBasis basis,
                         SubscriptionBasisOf(transaction, alert.institution, alert.subject_id));
  compliance::MonitoringRequest request;
  request.subject_id = alert.subject_id;
  request.institution = alert.institution;
  request.purpose = basis.purpose;
  request.consent_reference = basis.consent_reference;
  request.operation = std::string(operation);
  CREDO_ASSIGN_OR_RETURN(compliance::MonitoringDecision decision,
                         compliance::DecideMonitoring(transaction, context, request));
  return decision.refusal;
}

Result<std::vector<Alert>> ListReleasableAlerts(Transaction& transaction,
                                                const compliance::ComplianceContext& context,
                                                std::string_view institution,
                                                const AlertFilter& filter) {
  const int64_t wanted = filter.limit > 0 ? filter.limit : 1000;
  AlertFilter page = filter;
  page.limit = wanted;
  std::map<SubjectId, bool> released;  // one decision per subject (one institution)
  std::vector<Alert> shown;
  while (true) {
    CREDO_ASSIGN_OR_RETURN(std::vector<Alert> alerts, ListAlerts(transaction, institution, page));
    for (Alert& alert : alerts) {
      page.after_id = alert.id;
      auto found = released.find(alert.subject_id);
      if (found == released.end()) {
        CREDO_ASSIGN_OR_RETURN(
            auto refusal,
            AlertRefusal(transaction, context, alert, compliance::kMonitorAlertReadOperation));
        found = released.emplace(alert.subject_id, !refusal.has_value()).first;
      }
      if (!found->second) continue;
      shown.push_back(std::move(alert));
      if (static_cast<int64_t>(shown.size()) == wanted) return shown;
    }
    if (static_cast<int64_t>(alerts.size()) < wanted) return shown;
  }
}

std::string WithheldReason(const compliance::RuleBreak& refusal) {
  return "withheld: " + RuleInWords(refusal.rule) + " (rule " + refusal.rule + ")";
}

}  // namespace credo::monitor
