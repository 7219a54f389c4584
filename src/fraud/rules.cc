// The rule catalogue, its embedded default file, and the TOML reader that overrides it.
#include "fraud/rules.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <set>
#include <sstream>

#include <toml++/toml.h>

#include "core/toml_text.h"

namespace credo::fraud {

namespace {

// The embedded default. Every rule of the catalogue appears here; its meaning (what value is
// measured) is fixed by its id in assessment.cc and documented in docs/fraud/rules.md.
constexpr std::string_view kDefaultRules = R"toml(# credo fraud rules: the embedded default.
# A rules file changes description, severity (low, medium, high, critical), threshold (>= 0) and
# enabled of the rules below, and the [ring] parameters; anything not named keeps its default.
# A rule fires when its measured value reaches the threshold (see docs/fraud/rules.md).

[ring]
degree_cap = 10    # a contact point held by more subjects joins nothing (office phones, NAT IPs)
min_size = 3       # smaller components are not rings
growth_days = 30   # members whose first account, inquiry or application is this recent are "new"

[rules.phone_applicants_1d]
description = "distinct applicants using the application's phone within 1 day"
severity = "high"
threshold = 3

[rules.phone_applicants_30d]
description = "distinct applicants using the application's phone within 30 days"
severity = "medium"
threshold = 5

[rules.email_applicants_30d]
description = "distinct applicants using the application's e-mail within 30 days"
severity = "medium"
threshold = 3

[rules.address_applicants_30d]
description = "distinct applicants giving the application's address within 30 days"
severity = "medium"
threshold = 6

[rules.device_applicants_1d]
description = "distinct applicants on the application's device within 1 day"
severity = "high"
threshold = 3

[rules.device_applicants_30d]
description = "distinct applicants on the application's device within 30 days"
severity = "medium"
threshold = 5

[rules.ip_applicants_1h]
description = "distinct applicants from the application's IP address within 1 hour"
severity = "medium"
threshold = 5

[rules.subject_phones_30d]
description = "distinct phones the subject applied with within 30 days"
severity = "medium"
threshold = 3

[rules.subject_addresses_30d]
description = "distinct addresses the subject applied with within 30 days"
severity = "medium"
threshold = 3

[rules.identifier_phones_30d]
description = "distinct phones given with the claimed identifier within 30 days"
severity = "high"
threshold = 3

[rules.identifier_addresses_30d]
description = "distinct addresses given with the claimed identifier within 30 days"
severity = "high"
threshold = 3

[rules.multi_lender_1d]
description = "distinct institutions the subject applied to within 1 day (multi-lender borrowing)"
severity = "high"
threshold = 3

[rules.multi_lender_7d]
description = "distinct institutions the subject applied to within 7 days (multi-lender borrowing)"
severity = "medium"
threshold = 4

[rules.multi_lender_30d]
description = "distinct institutions the subject applied to within 30 days (multi-lender borrowing)"
severity = "medium"
threshold = 6

[rules.identifier_names]
description = "distinct names seen with one of the subject's national identifiers"
severity = "high"
threshold = 3

[rules.identifier_birth_dates]
description = "distinct birth dates seen with one of the subject's national identifiers"
severity = "high"
threshold = 2

[rules.identifier_subjects]
description = "distinct subjects holding or claiming one of the subject's national identifiers"
severity = "medium"
threshold = 2

[rules.id_birth_date_mismatch]
description = "CN resident identity number's embedded birth date differs from the record's"
severity = "high"
threshold = 1

[rules.id_region_mismatch]
description = "CN resident identity number issued in a province none of the addresses is in"
severity = "low"
threshold = 1

[rules.authorised_user_thin_file]
description = "thin file (at most threshold tradelines) made only of authorised-user accounts"
severity = "high"
threshold = 3

[rules.ring_member]
description = "member of a ring of subjects sharing contact points, with ring score >= threshold"
severity = "high"
threshold = 50
)toml";

Error RulesError(std::string_view source, int64_t line, std::string_view key,
                 std::string message) {
  // Appended piece by piece: GCC 12 warns (-Wrestrict, a false positive) on ":" + a temporary.
  std::string location(source);
  if (line > 0) location.append(":").append(std::to_string(line));
  if (!key.empty()) location.append(": ").append(key);
  return MakeError(ErrorCode::kInvalidArgument, std::move(message), location);
}

int64_t LineOf(const toml::node& node) { return static_cast<int64_t>(node.source().begin.line); }
int64_t LineOf(const toml::key& key) { return static_cast<int64_t>(key.source().begin.line); }

std::optional<Severity> ParseSeverity(std::string_view name) {
  for (Severity severity : {Severity::kLow, Severity::kMedium, Severity::kHigh,
                            Severity::kCritical}) {
    if (SeverityName(severity) == name) return severity;
  }
  return std::nullopt;
}

std::optional<double> NumberOf(const toml::node& node) {
  if (auto integer = node.value<int64_t>(); integer && node.is_integer()) {
    return static_cast<double>(*integer);
  }
  if (node.is_floating_point()) return node.value<double>();
  return std::nullopt;
}

Status ApplyRing(const toml::table& table, std::string_view source, RingOptions& ring) {
  for (const auto& [key, node] : table) {
    const std::string name(key.str());
    const std::string where = "ring." + name;
    int64_t* target = name == "degree_cap"    ? &ring.degree_cap
                      : name == "min_size"    ? &ring.min_size
                      : name == "growth_days" ? &ring.growth_days
                                              : nullptr;
    if (target == nullptr) {
      return RulesError(source, LineOf(key), where,
                        "unknown key; [ring] has degree_cap, min_size and growth_days");
    }
    auto value = node.value<int64_t>();
    if (!node.is_integer() || !value) {
      return RulesError(source, LineOf(node), where, "must be a whole number");
    }
    const int64_t minimum = name == "growth_days" ? 0 : 2;
    if (*value < minimum) {
      return RulesError(source, LineOf(node), where,
                        "must be at least " + std::to_string(minimum) + ", got " +
                            std::to_string(*value));
    }
    *target = *value;
  }
  return Ok();
}

Status ApplyRule(std::string_view id, const toml::table& table, std::string_view source,
                 RuleDefinition& rule) {
  for (const auto& [key, node] : table) {
    const std::string name(key.str());
    const std::string where = "rules." + std::string(id) + "." + name;
    if (name == "description") {
      if (!node.is_string()) return RulesError(source, LineOf(node), where, "must be a string");
      rule.description = *node.value<std::string>();
    } else if (name == "severity") {
      std::optional<Severity> severity;
      if (node.is_string()) severity = ParseSeverity(*node.value<std::string>());
      if (!severity) {
        return RulesError(source, LineOf(node), where,
                          "must be one of \"low\", \"medium\", \"high\", \"critical\"");
      }
      rule.severity = *severity;
    } else if (name == "threshold") {
      std::optional<double> threshold = NumberOf(node);
      if (!threshold) return RulesError(source, LineOf(node), where, "must be a number");
      if (!std::isfinite(*threshold) || *threshold < 0) {
        std::ostringstream text;
        text << *threshold;
        return RulesError(source, LineOf(node), where,
                          "must be a finite number >= 0, got " + text.str());
      }
      rule.threshold = *threshold;
    } else if (name == "enabled") {
      if (!node.is_boolean()) {
        return RulesError(source, LineOf(node), where, "must be true or false");
      }
      rule.enabled = *node.value<bool>();
    } else {
      return RulesError(source, LineOf(key), where,
                        "unknown key; a rule has description, severity, threshold and enabled");
    }
  }
  return Ok();
}

// Applies a parsed file on top of `rules`. With `define`, unknown rule ids are added (the
// embedded default defines the catalogue); otherwise they are refused.
Status ApplyFile(std::string_view text, std::string_view source, bool define, FraudRules& rules) {
  CREDO_ASSIGN_OR_RETURN(std::string prepared, PrepareTomlText(text, source));
  toml::table root;
  try {
    root = toml::parse(prepared, std::string(source));
  } catch (const toml::parse_error& error) {
    return RulesError(source, static_cast<int64_t>(error.source().begin.line), "",
                      "not valid TOML: " + std::string(error.description()));
  }
  for (const auto& [key, node] : root) {
    const std::string name(key.str());
    if (name == "ring") {
      const toml::table* table = node.as_table();
      if (table == nullptr) return RulesError(source, LineOf(node), "ring", "must be a table");
      CREDO_TRY(ApplyRing(*table, source, rules.ring));
    } else if (name == "rules") {
      const toml::table* table = node.as_table();
      if (table == nullptr) return RulesError(source, LineOf(node), "rules", "must be a table");
      for (const auto& [rule_key, rule_node] : *table) {
        const std::string id(rule_key.str());
        const toml::table* rule_table = rule_node.as_table();
        if (rule_table == nullptr) {
          return RulesError(source, LineOf(rule_key), "rules." + id,
                            "must be a table ([rules." + id + "])");
        }
        RuleDefinition* rule = nullptr;
        for (RuleDefinition& candidate : rules.rules) {
          if (candidate.id == id) rule = &candidate;
        }
        if (rule == nullptr) {
          if (!define) {
            return RulesError(source, LineOf(rule_key), "rules." + id,
                              "unknown rule; `credo fraud rules` lists the rules there are");
          }
          rules.rules.push_back(RuleDefinition{id, "", Severity::kMedium, 0, true});
          rule = &rules.rules.back();
        }
        CREDO_TRY(ApplyRule(id, *rule_table, source, *rule));
      }
    } else {
      return RulesError(source, LineOf(key), name,
                        "unknown section; a rules file has [ring] and [rules.<id>] tables");
    }
  }
  return Ok();
}

std::string TomlString(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  return out + "\"";
}

}  // namespace

std::string_view SeverityName(Severity severity) {
  switch (severity) {
    case Severity::kLow: return "low";
    case Severity::kMedium: return "medium";
    case Severity::kHigh: return "high";
    case Severity::kCritical: return "critical";
  }
  return "?";
}

int SeverityWeight(Severity severity) {
  switch (severity) {
    case Severity::kLow: return 10;
    case Severity::kMedium: return 25;
    case Severity::kHigh: return 45;
    case Severity::kCritical: return 70;
  }
  return 0;
}

const RuleDefinition* FraudRules::Find(std::string_view id) const {
  for (const RuleDefinition& rule : rules) {
    if (rule.id == id) return &rule;
  }
  return nullptr;
}

std::string_view DefaultRulesToml() { return kDefaultRules; }

const FraudRules& DefaultFraudRules() {
  static const FraudRules rules = [] {
    FraudRules defaults;
    Status status = ApplyFile(kDefaultRules, "(embedded default)", true, defaults);
    if (!status.ok()) std::abort();  // the embedded file is part of the program (tested)
    // toml++ iterates tables in key order; keep the file's (catalogue) order instead.
    auto position = [](const RuleDefinition& rule) {
      return kDefaultRules.find("[rules." + rule.id + "]");
    };
    std::stable_sort(defaults.rules.begin(), defaults.rules.end(),
                     [&](const RuleDefinition& a, const RuleDefinition& b) {
                       return position(a) < position(b);
                     });
    return defaults;
  }();
  return rules;
}

Result<FraudRules> ParseFraudRules(std::string_view text, std::string_view source_name) {
  FraudRules rules = DefaultFraudRules();
  rules.source = std::string(source_name);
  CREDO_TRY(ApplyFile(text, source_name, false, rules));
  return rules;
}

Result<FraudRules> LoadFraudRules(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return MakeError(ErrorCode::kNotFound, "cannot read the rules file; check the path", path);
  }
  std::ostringstream text;
  text << in.rdbuf();
  return ParseFraudRules(text.str(), path);
}

std::string FormatFraudRules(const FraudRules& rules) {
  std::ostringstream out;
  out << "# effective fraud rules (from " << rules.source << ")\n\n";
  out << "[ring]\n";
  out << "degree_cap = " << rules.ring.degree_cap << "\n";
  out << "min_size = " << rules.ring.min_size << "\n";
  out << "growth_days = " << rules.ring.growth_days << "\n";
  for (const RuleDefinition& rule : rules.rules) {
    out << "\n[rules." << rule.id << "]\n";
    out << "description = " << TomlString(rule.description) << "\n";
    out << "severity = \"" << SeverityName(rule.severity) << "\"\n";
    std::ostringstream threshold;
    threshold << rule.threshold;
    std::string number = threshold.str();
    out << "threshold = " << number << "\n";
    out << "enabled = " << (rule.enabled ? "true" : "false") << "\n";
  }
  return out.str();
}

}  // namespace credo::fraud
