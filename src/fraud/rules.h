// credo fraud: the rule set and its thresholds, read from TOML.
//
// The catalogue of rules is fixed in code (each id measures one thing: see docs/fraud/rules.md);
// a rules file only changes their threshold, severity, description or enabled flag, and the ring
// parameters. The embedded default (DefaultRulesToml) is itself such a file. A file is applied on
// top of the defaults; anything it does not name keeps its default.
//
// Bad files are refused whole (kInvalidArgument) with "file:line: key" and how to fix it: TOML
// syntax errors, unknown tables, unknown rule ids, unknown keys, wrong types, negative or
// non-finite thresholds, unknown severities. Thread-safe (no shared mutable state).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "fraud/rings.h"

namespace credo::fraud {

enum class Severity { kLow, kMedium, kHigh, kCritical };
//! "low", "medium", "high", "critical".
std::string_view SeverityName(Severity severity);
//! Weight of a fired rule in the score: 10, 25, 45, 70.
int SeverityWeight(Severity severity);

struct RuleDefinition {
  std::string id;           //!< "velocity.phone_applicants_1d"
  std::string description;
  Severity severity = Severity::kMedium;
  double threshold = 0;     //!< fires when the measured value >= threshold (see docs)
  bool enabled = true;
};

struct FraudRules {
  std::vector<RuleDefinition> rules;  //!< the catalogue, in catalogue order
  RingOptions ring;
  std::string source = "(embedded default)";
  //! nullptr when there is no such rule.
  const RuleDefinition* Find(std::string_view id) const;
};

//! The embedded default rules file (documented in docs/fraud/rules.md).
std::string_view DefaultRulesToml();
//! The defaults, parsed once.
const FraudRules& DefaultFraudRules();
//! Applies `text` (a rules file's content) on top of the defaults; `source_name` names it in
//! errors ("rules.toml:12: rules.velocity.phone_applicants_1d.threshold: ...").
Result<FraudRules> ParseFraudRules(std::string_view text, std::string_view source_name);
//! Reads and parses a rules file (kNotFound when it cannot be read).
Result<FraudRules> LoadFraudRules(const std::string& path);
//! The effective rules as a TOML file that ParseFraudRules reads back to the same rules.
std::string FormatFraudRules(const FraudRules& rules);

}  // namespace credo::fraud
