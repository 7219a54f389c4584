// credo monitor: the triggers an institution can subscribe to, and their parameters.
//
// A trigger list is written "name[:key=value...],name...", e.g.
//   "delinquency,charge_off,public_record,inquiries:count=3:days=30,utilisation:increase=0.3"
// or "all" for every trigger with its defaults. ParseTriggers refuses an unknown name or key and a
// value out of range with a message naming it; FormatTriggers writes the canonical form back.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace credo::monitor {

enum class TriggerKind {
  kDelinquency,       //!< "delinquency": a tradeline's status worsens to >= min_days past due
  kChargeOff,         //!< "charge_off": new charge-off, collection, repossession, foreclosure
  kPublicRecord,      //!< "public_record": new judgment, enforcement, dishonest-debtor entry,
                      //!< tax arrears or lien, penalty, bankruptcy
  kScoreDrop,         //!< "score_drop": score fell by >= points, or the grade got worse
  kInquiries,         //!< "inquiries": >= count hard inquiries by other institutions in `days`,
                      //!< at least one of them new
  kUtilisation,       //!< "utilisation": revolving utilisation rose by >= increase
  kFinancial,         //!< "financial": Altman Z'' zone worse, or a ratio crossed its threshold
  kRelatedParty,      //!< "related_party": a guarantor, guaranteed party or shareholder with
                      //!< >= share percent defaulted
  kFraud,             //!< "fraud": a fraud rule fired (needs the fraud module)
};

std::string_view TriggerName(TriggerKind kind);
Result<TriggerKind> ParseTriggerKind(std::string_view name);
//! Every trigger kind, in declaration order.
const std::vector<TriggerKind>& AllTriggerKinds();
//! Whether this build can evaluate the trigger (score_drop and fraud depend on other modules).
bool TriggerAvailable(TriggerKind kind);

//! One subscribed trigger with its parameters (only those of its kind are used).
struct TriggerSpec {
  TriggerKind kind = TriggerKind::kDelinquency;
  int min_days = 30;                 //!< delinquency: 30, 60, 90, 120, 150 or 180
  int points = 20;                   //!< score_drop: minimum drop in points
  std::string product{};             //!< score_drop: score product ("" = the default product)
  int count = 3;                     //!< inquiries: how many in the window
  int days = 30;                     //!< inquiries: the window in days
  double increase = 0.30;            //!< utilisation: rise in revolving utilisation (0.30 = 30 pts)
  double current_ratio_below = 1.0;  //!< financial: current ratio falls below
  double debt_to_equity_above = 3.0; //!< financial: debt / equity rises above
  double interest_coverage_below = 1.5;  //!< financial: EBIT interest coverage falls below
  double share = 25.0;               //!< related_party: shareholding percent that counts
  bool operator==(const TriggerSpec&) const = default;
};

//! "all" or a comma-separated list; each name once. Empty text means "all".
Result<std::vector<TriggerSpec>> ParseTriggers(std::string_view text);
//! Canonical text (non-default parameters only), parseable by ParseTriggers.
std::string FormatTriggers(const std::vector<TriggerSpec>& triggers);
//! The spec of `kind` in `triggers`, if subscribed.
const TriggerSpec* FindTrigger(const std::vector<TriggerSpec>& triggers, TriggerKind kind);

}  // namespace credo::monitor
