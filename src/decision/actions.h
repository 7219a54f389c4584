// credo decision: next best action: rules from a TOML file that turn a customer's tier, risk
// band, attributes, PD and alerts into recommended actions, each with the reason shown.
//
// File (docs/decision/actions.md; default src/decision/config/actions.toml):
//   [[rule]]
//   id = "core_limit_increase"
//   action = "limit_increase"   # limit_increase | pricing_review | collateral_review |
//                               # early_collection_contact | cross_sell
//   tiers = ["core", "grow"]    # optional: the tier is one of these
//   risk_bands = ["low"]        # optional: the tier grid's risk band is one of these
//   alerts = ["new_delinquency"]  # optional: at least one of these alerts is open
//   conditions = [{ attribute = "revolving_utilization", op = ">=", value = 0.6 }]
//   reason = "..."; reason_zh = "..."
// An attribute is a name the customer's kind knows (portfolio.h) or "pd"; op is one of < <= > >=
// == != missing present. A comparison against a missing value is false. Every rule whose
// filters all hold fires; one recommendation per action (the first rule in file order wins) and
// the evidence lists each condition with the customer's value.
// Errors (kInvalidArgument, "file:line"): invalid TOML, unknown keys, an unknown action (with the
// list), an unknown attribute (with the list of known names), an unknown op.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "core/subject.h"
#include "decision/portfolio.h"
#include "decision/tier_grid.h"

namespace credo::decision {

enum class ActionKind {
  kLimitIncrease,
  kPricingReview,
  kCollateralReview,
  kEarlyCollectionContact,
  kCrossSell,
};
std::string_view ActionKindName(ActionKind kind);
//! Chinese name of the action (提额, 定价复核, ...).
std::string_view ActionKindChinese(ActionKind kind);

enum class ConditionOp { kLess, kLessEqual, kGreater, kGreaterEqual, kEqual, kNotEqual,
                         kMissing, kPresent };

struct RuleCondition {
  std::string attribute;
  ConditionOp op = ConditionOp::kGreaterEqual;
  double value = 0;
};

struct ActionRule {
  std::string id;
  ActionKind action = ActionKind::kCrossSell;
  std::vector<std::string> tiers;
  std::vector<std::string> risk_bands;
  std::vector<std::string> alerts;
  std::vector<RuleCondition> conditions;
  std::string reason;
  std::string reason_zh;
  int line = 0;
};

struct ActionRules {
  std::string source;
  std::vector<ActionRule> rules;
};

//! Names are checked against both kinds' known measures (a rule file serves persons and
//! companies); a condition on an attribute the customer's kind lacks is simply false.
Result<ActionRules> ParseActionRules(std::string_view text, const std::string& source);
Result<ActionRules> LoadActionRules(const std::string& path);
std::string DefaultActionRulesPath();

struct ActionInput {
  const CustomerRecord* record = nullptr;
  std::optional<TierAssignment> tier;
  std::optional<double> pd;
  std::vector<std::string> alerts;
};

struct Recommendation {
  ActionKind action = ActionKind::kCrossSell;
  std::string rule_id;
  std::string reason;
  std::string reason_zh;
  std::vector<std::string> evidence;  //!< "tier = core", "revolving_utilization = 0.82 (>= 0.6)"
};

std::vector<Recommendation> RecommendActions(const ActionRules& rules, const ActionInput& input);

}  // namespace credo::decision
