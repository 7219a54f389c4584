#include "decision/actions.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <set>
#include <sstream>

#include "decision/internal/toml_util.h"

namespace credo::decision {

namespace {

using internal::Where;

constexpr ActionKind kActions[] = {ActionKind::kLimitIncrease, ActionKind::kPricingReview,
                                   ActionKind::kCollateralReview,
                                   ActionKind::kEarlyCollectionContact, ActionKind::kCrossSell};

struct OpName {
  std::string_view text;
  ConditionOp op;
};
constexpr OpName kOps[] = {{"<", ConditionOp::kLess},       {"<=", ConditionOp::kLessEqual},
                           {">", ConditionOp::kGreater},    {">=", ConditionOp::kGreaterEqual},
                           {"==", ConditionOp::kEqual},     {"!=", ConditionOp::kNotEqual},
                           {"missing", ConditionOp::kMissing}, {"present", ConditionOp::kPresent}};

std::string_view OpText(ConditionOp op) {
  for (const auto& entry : kOps) {
    if (entry.op == op) return entry.text;
  }
  return "?";
}

bool IsKnownName(std::string_view name) {
  return name == "pd" || IsKnownMeasure(SubjectKind::kPerson, name) ||
         IsKnownMeasure(SubjectKind::kOrganization, name);
}

std::vector<std::string> AllKnownNames() {
  std::vector<std::string> names = {"pd"};
  std::set<std::string> seen;
  for (SubjectKind kind : {SubjectKind::kPerson, SubjectKind::kOrganization}) {
    for (auto& name : KnownMeasureNames(kind)) {
      if (seen.insert(name).second) names.push_back(name);
    }
  }
  return names;
}

std::string FormatNumber(double value) {
  std::ostringstream out;
  out.precision(6);
  out << value;
  return out.str();
}

bool Holds(const RuleCondition& condition, std::optional<double> value) {
  if (condition.op == ConditionOp::kMissing) return !value.has_value();
  if (condition.op == ConditionOp::kPresent) return value.has_value();
  if (!value) return false;
  switch (condition.op) {
    case ConditionOp::kLess:
      return *value < condition.value;
    case ConditionOp::kLessEqual:
      return *value <= condition.value;
    case ConditionOp::kGreater:
      return *value > condition.value;
    case ConditionOp::kGreaterEqual:
      return *value >= condition.value;
    case ConditionOp::kEqual:
      return *value == condition.value;
    case ConditionOp::kNotEqual:
      return *value != condition.value;
    default:
      return false;
  }
}

bool AnyOf(const std::vector<std::string>& wanted, std::string_view have) {
  return std::find(wanted.begin(), wanted.end(), have) != wanted.end();
}

}  // namespace

std::string_view ActionKindName(ActionKind kind) {
  switch (kind) {
    case ActionKind::kLimitIncrease:
      return "limit_increase";
    case ActionKind::kPricingReview:
      return "pricing_review";
    case ActionKind::kCollateralReview:
      return "collateral_review";
    case ActionKind::kEarlyCollectionContact:
      return "early_collection_contact";
    case ActionKind::kCrossSell:
      return "cross_sell";
  }
  return "?";
}

std::string_view ActionKindChinese(ActionKind kind) {
  switch (kind) {
    case ActionKind::kLimitIncrease:
      return "提高额度";
    case ActionKind::kPricingReview:
      return "定价复核";
    case ActionKind::kCollateralReview:
      return "押品复核";
    case ActionKind::kEarlyCollectionContact:
      return "早期催收联系";
    case ActionKind::kCrossSell:
      return "交叉销售";
  }
  return "?";
}

Result<ActionRules> ParseActionRules(std::string_view text, const std::string& source) {
  CREDO_ASSIGN_OR_RETURN(toml::table root, internal::ParseToml(text, source));
  CREDO_TRY(internal::CheckKeys(root, source, {"rule"}, "an action rules file"));
  ActionRules out;
  out.source = source;
  const toml::array* rules = root.get_as<toml::array>("rule");
  if (rules == nullptr || rules->empty()) {
    return MakeError(ErrorCode::kInvalidArgument, "no [[rule]] tables in the file", source);
  }
  std::set<std::string> ids;
  for (const toml::node& node : *rules) {
    const toml::table* table = node.as_table();
    if (table == nullptr) {
      return MakeError(ErrorCode::kInvalidArgument, "each rule must be a [[rule]] table",
                       Where(source, node));
    }
    CREDO_TRY(internal::CheckKeys(*table, source,
                                  {"id", "action", "tiers", "risk_bands", "alerts", "conditions",
                                   "reason", "reason_zh"},
                                  "[[rule]]"));
    ActionRule rule;
    rule.line = static_cast<int>(node.source().begin.line);
    CREDO_ASSIGN_OR_RETURN(auto id, internal::StringAt(*table, "id", source));
    if (!id || id->empty()) {
      return MakeError(ErrorCode::kInvalidArgument, "a rule needs id = \"<name>\"",
                       Where(source, node));
    }
    if (!ids.insert(*id).second) {
      return MakeError(ErrorCode::kInvalidArgument, "rule id \"" + *id + "\" is used twice",
                       Where(source, *table->get("id")));
    }
    rule.id = *id;
    CREDO_ASSIGN_OR_RETURN(auto action, internal::StringAt(*table, "action", source));
    bool found = false;
    for (ActionKind kind : kActions) {
      if (action && *action == ActionKindName(kind)) {
        rule.action = kind;
        found = true;
      }
    }
    if (!found) {
      return MakeError(ErrorCode::kInvalidArgument,
                       "unknown action \"" + action.value_or("") +
                           "\"; the actions are: limit_increase, pricing_review, "
                           "collateral_review, early_collection_contact, cross_sell",
                       table->get("action") ? Where(source, *table->get("action"))
                                            : Where(source, node));
    }
    CREDO_ASSIGN_OR_RETURN(auto tiers, internal::StringsAt(*table, "tiers", source));
    CREDO_ASSIGN_OR_RETURN(auto risk_bands, internal::StringsAt(*table, "risk_bands", source));
    CREDO_ASSIGN_OR_RETURN(auto alerts, internal::StringsAt(*table, "alerts", source));
    CREDO_ASSIGN_OR_RETURN(auto reason, internal::StringAt(*table, "reason", source));
    CREDO_ASSIGN_OR_RETURN(auto reason_zh, internal::StringAt(*table, "reason_zh", source));
    rule.tiers = tiers.value_or(std::vector<std::string>{});
    rule.risk_bands = risk_bands.value_or(std::vector<std::string>{});
    rule.alerts = alerts.value_or(std::vector<std::string>{});
    if (!reason || reason->empty()) {
      return MakeError(ErrorCode::kInvalidArgument,
                       "rule \"" + rule.id + "\" needs a reason (shown with the action)",
                       Where(source, node));
    }
    rule.reason = *reason;
    rule.reason_zh = reason_zh.value_or(*reason);
    if (const toml::node* conditions_node = table->get("conditions")) {
      const toml::array* conditions = conditions_node->as_array();
      if (conditions == nullptr) {
        return MakeError(ErrorCode::kInvalidArgument,
                         "conditions must be a list of { attribute, op, value } tables",
                         Where(source, *conditions_node));
      }
      for (const toml::node& item : *conditions) {
        const toml::table* condition_table = item.as_table();
        if (condition_table == nullptr) {
          return MakeError(ErrorCode::kInvalidArgument,
                           "a condition must be { attribute = \"...\", op = \">=\", value = 1 }",
                           Where(source, item));
        }
        CREDO_TRY(internal::CheckKeys(*condition_table, source, {"attribute", "op", "value"},
                                      "a condition"));
        RuleCondition condition;
        CREDO_ASSIGN_OR_RETURN(auto attribute,
                               internal::StringAt(*condition_table, "attribute", source));
        if (!attribute || !IsKnownName(*attribute)) {
          return MakeError(ErrorCode::kInvalidArgument,
                           "unknown attribute \"" + attribute.value_or("") +
                               "\"; the known attributes are: " +
                               internal::JoinNames(AllKnownNames()),
                           Where(source, item));
        }
        condition.attribute = *attribute;
        CREDO_ASSIGN_OR_RETURN(auto op, internal::StringAt(*condition_table, "op", source));
        bool op_found = false;
        for (const auto& entry : kOps) {
          if (op && *op == entry.text) {
            condition.op = entry.op;
            op_found = true;
          }
        }
        if (!op_found) {
          return MakeError(ErrorCode::kInvalidArgument,
                           "unknown op \"" + op.value_or("") +
                               "\"; use one of < <= > >= == != missing present",
                           Where(source, item));
        }
        CREDO_ASSIGN_OR_RETURN(auto value, internal::NumberAt(*condition_table, "value", source));
        if (!value && condition.op != ConditionOp::kMissing &&
            condition.op != ConditionOp::kPresent) {
          return MakeError(ErrorCode::kInvalidArgument,
                           "the condition on " + condition.attribute + " needs a value",
                           Where(source, item));
        }
        condition.value = value.value_or(0);
        rule.conditions.push_back(std::move(condition));
      }
    }
    out.rules.push_back(std::move(rule));
  }
  return out;
}

Result<ActionRules> LoadActionRules(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return MakeError(ErrorCode::kNotFound, "cannot open the action rules file", path);
  std::ostringstream text;
  text << file.rdbuf();
  return ParseActionRules(text.str(), path);
}

std::string DefaultActionRulesPath() {
  return std::string(CREDO_DECISION_CONFIG_DIR) + "/actions.toml";
}

std::vector<Recommendation> RecommendActions(const ActionRules& rules, const ActionInput& input) {
  std::vector<Recommendation> out;
  std::set<ActionKind> given;
  for (const ActionRule& rule : rules.rules) {
    if (given.count(rule.action) > 0) continue;
    std::vector<std::string> evidence;
    if (!rule.tiers.empty()) {
      if (!input.tier || !AnyOf(rule.tiers, input.tier->tier)) continue;
      evidence.push_back("tier = " + input.tier->tier);
    }
    if (!rule.risk_bands.empty()) {
      if (!input.tier || !AnyOf(rule.risk_bands, input.tier->risk_band)) continue;
      evidence.push_back("risk band = " + input.tier->risk_band);
    }
    if (!rule.alerts.empty()) {
      std::string matched;
      for (const auto& alert : input.alerts) {
        if (AnyOf(rule.alerts, alert)) matched = alert;
      }
      if (matched.empty()) continue;
      evidence.push_back("alert = " + matched);
    }
    bool all = true;
    for (const RuleCondition& condition : rule.conditions) {
      std::optional<double> value;
      if (condition.attribute == "pd") {
        value = input.pd;
      } else if (input.record != nullptr) {
        value = CustomerMeasure(*input.record, condition.attribute);
      }
      if (!Holds(condition, value)) {
        all = false;
        break;
      }
      std::string line = condition.attribute + " = " + (value ? FormatNumber(*value) : "missing");
      if (condition.op != ConditionOp::kMissing && condition.op != ConditionOp::kPresent) {
        line += " (" + std::string(OpText(condition.op)) + " " + FormatNumber(condition.value) + ")";
      }
      evidence.push_back(std::move(line));
    }
    if (!all) continue;
    given.insert(rule.action);
    out.push_back(Recommendation{rule.action, rule.id, rule.reason, rule.reason_zh,
                                 std::move(evidence)});
  }
  return out;
}

}  // namespace credo::decision
