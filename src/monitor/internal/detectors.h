// credo monitor internal: the triggers as pure functions of two credit files (before, after).
//
// Each detector compares what the bureau knew on the baseline (`before`, cut to its as-of date)
// with what it knows now (`after`) and returns the findings to raise as alerts. No store access.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "features/attribute.h"
#include "features/credit_file.h"
#include "monitor/alerts.h"
#include "monitor/triggers.h"

namespace credo::monitor::internal {

struct Finding {
  TriggerKind trigger = TriggerKind::kDelinquency;
  Severity severity = Severity::kMedium;
  std::string evidence_key;
  std::string evidence;  //!< JSON object
  std::string summary;
};

//! The current status severity of a tradeline as known in a file (0 current .. 9 charge-off,
//! PaymentStatusSeverity's scale): its latest reported month, and the account status when the
//! stored report is known on the file's date. nullopt when nothing about it is known.
struct TradelineState {
  int severity = 0;
  Date month;            //!< the latest reported month (first day)
  Date since;            //!< first month of the current run of delinquent months (= month if
                         //!< current or a single month)
  std::string code;      //!< the Metro 2 payment code or account status that gave the severity
};
std::optional<TradelineState> CurrentTradelineState(const features::TradelineAsOf& tradeline,
                                                    Date as_of);
std::string_view SeverityLabel(int severity);  //!< "current", "30 days past due", ...

void DetectDelinquency(const features::CreditFile& before, const features::CreditFile& after,
                       const TriggerSpec& spec, bool charge_off_subscribed,
                       std::vector<Finding>& out);
void DetectChargeOff(const features::CreditFile& before, const features::CreditFile& after,
                     std::vector<Finding>& out);
void DetectPublicRecords(const features::CreditFile& before, const features::CreditFile& after,
                         std::vector<Finding>& out);
void DetectInquiries(const features::CreditFile& before, const features::CreditFile& after,
                     const TriggerSpec& spec, std::string_view institution,
                     std::vector<Finding>& out);
//! Attribute-based triggers: `before_attributes` / `after_attributes` from ComputeAttributes.
void DetectUtilisation(const features::AttributeSet& before_attributes,
                       const features::AttributeSet& after_attributes, const TriggerSpec& spec,
                       std::vector<Finding>& out);
void DetectFinancial(const features::CreditFile& after,
                     const features::AttributeSet& before_attributes,
                     const features::AttributeSet& after_attributes, const TriggerSpec& spec,
                     std::vector<Finding>& out);

//! A subject's default between the two files: a tradeline newly 90+ days past due or
//! derogatory, or a new enforcement, dishonest-debtor or bankruptcy record. Empty when none.
struct DefaultEvent {
  std::string key;          //!< e.g. "tradeline=12;severity=3"
  std::string description;  //!< e.g. "90 days past due on tradeline 12"
};
std::optional<DefaultEvent> DetectDefault(const features::CreditFile& before,
                                          const features::CreditFile& after);

}  // namespace credo::monitor::internal
