#include "core/profile.h"

#include <toml++/toml.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <set>

#include "core/internal/builtin_profiles.h"
#include "core/toml_text.h"

namespace credo {
namespace {

constexpr std::array<std::string_view, 20> kReportSections = {"header",
                                                              "identity",
                                                              "addresses",
                                                              "employment",
                                                              "summary",
                                                              "tradelines",
                                                              "payment_history",
                                                              "public_records",
                                                              "inquiries",
                                                              "statements",
                                                              "score",
                                                              "disputes",
                                                              "registration",
                                                              "shareholders",
                                                              "officers",
                                                              "financial_statements",
                                                              "ratios",
                                                              "guarantees",
                                                              "payment_behaviour",
                                                              "rating"};

std::string Join(const auto& names) {
  std::string joined;
  for (const auto& name : names) {
    if (!joined.empty()) joined += ", ";
    joined += std::string(name);
  }
  return joined;
}

std::string_view TypeName(const toml::node& node) {
  switch (node.type()) {
    case toml::node_type::table:
      return "a table";
    case toml::node_type::array:
      return "an array";
    case toml::node_type::string:
      return "a string";
    case toml::node_type::integer:
      return "an integer";
    case toml::node_type::floating_point:
      return "a floating-point number";
    case toml::node_type::boolean:
      return "a boolean";
    case toml::node_type::date:
      return "a date";
    case toml::node_type::time:
      return "a time";
    case toml::node_type::date_time:
      return "a date-time";
    default:
      return "nothing";
  }
}

// Reads one profile document strictly: every key must be known, every value of the right type,
// and errors carry "source:line" and the dotted key.
class ProfileReader {
 public:
  explicit ProfileReader(std::string_view source) : source_(source) {}

  Error Fail(const toml::source_region& where, std::string_view key, std::string message) const {
    std::string location = source_;
    if (where.begin.line > 0) location += ":" + std::to_string(where.begin.line);
    std::string text = "key " + std::string(key) + ": " + message;
    return MakeError(ErrorCode::kInvalidArgument, std::move(text), std::move(location));
  }

  // Unknown keys are mistakes (a misspelt key would otherwise silently keep its default).
  Status CheckKeys(const toml::table& table, std::string_view path,
                   std::initializer_list<std::string_view> known) const {
    for (const auto& [key, node] : table) {
      if (std::find(known.begin(), known.end(), key.str()) == known.end()) {
        return Fail(key.source(), Dotted(path, key.str()),
                    "unknown key; known keys here are " + Join(known));
      }
    }
    return Ok();
  }

  Result<const toml::table*> Table(const toml::table& parent, std::string_view path,
                                   std::string_view key) const {
    const toml::node* node = parent.get(key);
    std::string dotted = Dotted(path, key);
    if (node == nullptr) return Fail(parent.source(), dotted, "missing table [" + dotted + "]");
    if (!node->is_table()) {
      return Fail(node->source(), dotted, "expected a table, got " + std::string(TypeName(*node)));
    }
    return node->as_table();
  }

  Result<std::string> String(const toml::table& parent, std::string_view path,
                             std::string_view key) const {
    const toml::node* node = parent.get(key);
    std::string dotted = Dotted(path, key);
    if (node == nullptr) return Fail(parent.source(), dotted, "missing (a string is required)");
    if (!node->is_string()) {
      return Fail(node->source(), dotted, "expected a string, got " + std::string(TypeName(*node)));
    }
    std::string value = node->as_string()->get();
    if (value.empty()) return Fail(node->source(), dotted, "may not be empty");
    return value;
  }

  Result<int> Integer(const toml::table& parent, std::string_view path, std::string_view key,
                      int min, int max) const {
    const toml::node* node = parent.get(key);
    std::string dotted = Dotted(path, key);
    if (node == nullptr) return Fail(parent.source(), dotted, "missing (an integer is required)");
    if (!node->is_integer()) {
      return Fail(node->source(), dotted,
                  "expected an integer, got " + std::string(TypeName(*node)));
    }
    int64_t value = node->as_integer()->get();
    if (value < min || value > max) {
      return Fail(node->source(), dotted,
                  "value " + std::to_string(value) + " is outside " + std::to_string(min) + ".." +
                      std::to_string(max));
    }
    return static_cast<int>(value);
  }

  Result<bool> Boolean(const toml::table& parent, std::string_view path,
                       std::string_view key) const {
    const toml::node* node = parent.get(key);
    std::string dotted = Dotted(path, key);
    if (node == nullptr) return Fail(parent.source(), dotted, "missing (true or false)");
    if (!node->is_boolean()) {
      return Fail(node->source(), dotted,
                  "expected true or false, got " + std::string(TypeName(*node)));
    }
    return node->as_boolean()->get();
  }

  // An array of strings; `empty_ok` false makes an empty array an error. Duplicates are errors.
  Result<std::vector<std::pair<std::string, toml::source_region>>> StringArray(
      const toml::table& parent, std::string_view path, std::string_view key, bool empty_ok) const {
    const toml::node* node = parent.get(key);
    std::string dotted = Dotted(path, key);
    if (node == nullptr) return Fail(parent.source(), dotted, "missing (an array of strings)");
    const toml::array* array = node->as_array();
    if (array == nullptr) {
      return Fail(node->source(), dotted,
                  "expected an array of strings, got " + std::string(TypeName(*node)));
    }
    if (array->empty() && !empty_ok) return Fail(node->source(), dotted, "may not be empty");
    std::vector<std::pair<std::string, toml::source_region>> values;
    std::set<std::string> seen;
    for (size_t i = 0; i < array->size(); ++i) {
      const toml::node& element = *array->get(i);
      std::string element_key = dotted + "[" + std::to_string(i) + "]";
      if (!element.is_string()) {
        return Fail(element.source(), element_key,
                    "expected a string, got " + std::string(TypeName(element)));
      }
      std::string value = element.as_string()->get();
      if (value.empty()) return Fail(element.source(), element_key, "may not be empty");
      if (!seen.insert(value).second) {
        return Fail(element.source(), element_key, "\"" + value + "\" is listed twice");
      }
      values.emplace_back(std::move(value), element.source());
    }
    return values;
  }

  static std::string Dotted(std::string_view path, std::string_view key) {
    return path.empty() ? std::string(key) : std::string(path) + "." + std::string(key);
  }

 private:
  std::string source_;
};

Result<JurisdictionProfile> ReadProfile(const toml::table& root, const ProfileReader& reader) {
  JurisdictionProfile profile;
  CREDO_TRY(reader.CheckKeys(root, "",
                             {"name", "default_country", "currency", "retention", "deadlines",
                              "self_query", "identifiers", "fields", "purposes", "labels"}));
  CREDO_ASSIGN_OR_RETURN(profile.name, reader.String(root, "", "name"));
  CREDO_ASSIGN_OR_RETURN(profile.default_country, reader.String(root, "", "default_country"));
  CREDO_ASSIGN_OR_RETURN(profile.currency, reader.String(root, "", "currency"));

  CREDO_ASSIGN_OR_RETURN(const toml::table* retention, reader.Table(root, "", "retention"));
  CREDO_TRY(reader.CheckKeys(
      *retention, "retention",
      {"negative_years", "bankruptcy_years", "collection_clock_delay_days", "query_record_years"}));
  CREDO_ASSIGN_OR_RETURN(profile.negative_retention_years,
                         reader.Integer(*retention, "retention", "negative_years", 1, 100));
  CREDO_ASSIGN_OR_RETURN(profile.bankruptcy_retention_years,
                         reader.Integer(*retention, "retention", "bankruptcy_years", 1, 100));
  CREDO_ASSIGN_OR_RETURN(
      profile.collection_clock_delay_days,
      reader.Integer(*retention, "retention", "collection_clock_delay_days", 0, 3650));
  CREDO_ASSIGN_OR_RETURN(profile.query_record_retention_years,
                         reader.Integer(*retention, "retention", "query_record_years", 1, 100));

  CREDO_ASSIGN_OR_RETURN(const toml::table* deadlines, reader.Table(root, "", "deadlines"));
  CREDO_TRY(reader.CheckKeys(*deadlines, "deadlines", {"dispute_days", "complaint_days"}));
  CREDO_ASSIGN_OR_RETURN(profile.dispute_days,
                         reader.Integer(*deadlines, "deadlines", "dispute_days", 1, 365));
  CREDO_ASSIGN_OR_RETURN(profile.complaint_days,
                         reader.Integer(*deadlines, "deadlines", "complaint_days", 1, 365));

  CREDO_ASSIGN_OR_RETURN(const toml::table* self_query, reader.Table(root, "", "self_query"));
  CREDO_TRY(reader.CheckKeys(*self_query, "self_query",
                             {"free_per_year", "adverse_action_free_days"}));
  CREDO_ASSIGN_OR_RETURN(profile.free_self_queries_per_year,
                         reader.Integer(*self_query, "self_query", "free_per_year", 0, 366));
  if (self_query->contains("adverse_action_free_days")) {
    CREDO_ASSIGN_OR_RETURN(
        profile.adverse_action_free_report_days,
        reader.Integer(*self_query, "self_query", "adverse_action_free_days", 0, 366));
  }

  CREDO_ASSIGN_OR_RETURN(const toml::table* identifiers, reader.Table(root, "", "identifiers"));
  CREDO_TRY(reader.CheckKeys(*identifiers, "identifiers", {"valid_kinds"}));
  CREDO_ASSIGN_OR_RETURN(auto kinds,
                         reader.StringArray(*identifiers, "identifiers", "valid_kinds", false));
  for (size_t i = 0; i < kinds.size(); ++i) {
    Result<IdentifierKind> kind = ParseIdentifierKind(kinds[i].first);
    if (!kind.ok()) {
      return reader.Fail(kinds[i].second, "identifiers.valid_kinds[" + std::to_string(i) + "]",
                         kind.error().message);
    }
    profile.valid_identifier_kinds.push_back(*kind);
  }

  CREDO_ASSIGN_OR_RETURN(const toml::table* fields, reader.Table(root, "", "fields"));
  CREDO_TRY(reader.CheckKeys(*fields, "fields", {"prohibited", "consent_required"}));
  CREDO_ASSIGN_OR_RETURN(auto prohibited,
                         reader.StringArray(*fields, "fields", "prohibited", true));
  for (auto& [field, where] : prohibited) profile.prohibited_fields.push_back(field);
  CREDO_ASSIGN_OR_RETURN(auto consent,
                         reader.StringArray(*fields, "fields", "consent_required", true));
  for (auto& [field, where] : consent) {
    if (profile.IsProhibitedField(field)) {
      return reader.Fail(where, "fields.consent_required",
                         "\"" + field + "\" is also prohibited; a field is one or the other");
    }
    profile.consent_required_fields.push_back(field);
  }

  const toml::node* purposes_node = root.get("purposes");
  if (purposes_node == nullptr) {
    return reader.Fail(root.source(), "purposes", "missing: add at least one [[purposes]] table");
  }
  const toml::array* purposes = purposes_node->as_array();
  if (purposes == nullptr || purposes->empty()) {
    return reader.Fail(purposes_node->source(), "purposes",
                       "expected one or more [[purposes]] tables");
  }
  for (size_t i = 0; i < purposes->size(); ++i) {
    std::string path = "purposes[" + std::to_string(i) + "]";
    const toml::node& element = *purposes->get(i);
    const toml::table* purpose = element.as_table();
    if (purpose == nullptr) {
      return reader.Fail(element.source(), path,
                         "expected a table, got " + std::string(TypeName(element)));
    }
    CREDO_TRY(reader.CheckKeys(*purpose, path,
                               {"code", "legal_basis", "hard_inquiry", "requires_consent"}));
    PurposeRule rule;
    CREDO_ASSIGN_OR_RETURN(rule.code, reader.String(*purpose, path, "code"));
    CREDO_ASSIGN_OR_RETURN(rule.legal_basis, reader.String(*purpose, path, "legal_basis"));
    CREDO_ASSIGN_OR_RETURN(rule.hard_inquiry, reader.Boolean(*purpose, path, "hard_inquiry"));
    CREDO_ASSIGN_OR_RETURN(rule.requires_consent,
                           reader.Boolean(*purpose, path, "requires_consent"));
    if (profile.FindPurpose(rule.code) != nullptr) {
      return reader.Fail(purpose->source(), path + ".code",
                         "purpose \"" + rule.code + "\" is defined twice");
    }
    profile.purposes.push_back(std::move(rule));
  }

  CREDO_ASSIGN_OR_RETURN(const toml::table* labels, reader.Table(root, "", "labels"));
  CREDO_TRY(reader.CheckKeys(*labels, "labels", {"en", "zh"}));
  for (std::string_view language : {"en", "zh"}) {
    std::string path = "labels." + std::string(language);
    CREDO_ASSIGN_OR_RETURN(const toml::table* table, reader.Table(*labels, "labels", language));
    for (const auto& [key, node] : *table) {
      if (std::find(kReportSections.begin(), kReportSections.end(), key.str()) ==
          kReportSections.end()) {
        return reader.Fail(key.source(), path + "." + std::string(key.str()),
                           "unknown report section; sections are " + Join(kReportSections));
      }
    }
    auto& target = language == "en" ? profile.labels_en : profile.labels_zh;
    for (std::string_view section : kReportSections) {
      CREDO_ASSIGN_OR_RETURN(target[std::string(section)], reader.String(*table, path, section));
    }
  }
  return profile;
}

std::string Lower(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower;
}

}  // namespace

std::span<const std::string_view> ReportSectionKeys() { return kReportSections; }

const PurposeRule* JurisdictionProfile::FindPurpose(std::string_view code) const {
  for (const PurposeRule& purpose : purposes) {
    if (purpose.code == code) return &purpose;
  }
  return nullptr;
}

bool JurisdictionProfile::IsProhibitedField(std::string_view field) const {
  return std::find(prohibited_fields.begin(), prohibited_fields.end(), field) !=
         prohibited_fields.end();
}

bool JurisdictionProfile::NeedsConsent(std::string_view field) const {
  return std::find(consent_required_fields.begin(), consent_required_fields.end(), field) !=
         consent_required_fields.end();
}

std::string JurisdictionProfile::Label(std::string_view key, std::string_view language) const {
  const auto& labels = language == "zh" ? labels_zh : labels_en;
  auto found = labels.find(std::string(key));
  return found == labels.end() ? std::string(key) : found->second;
}

Result<JurisdictionProfile> ParseProfile(std::string_view toml_text, std::string_view source) {
  CREDO_ASSIGN_OR_RETURN(std::string prepared, PrepareTomlText(toml_text, source));
  toml::table root;
  try {
    root = toml::parse(prepared, source);
  } catch (const toml::parse_error& error) {
    const toml::source_region& where = error.source();
    std::string location(source);
    if (where.begin.line > 0) {
      location += ":" + std::to_string(where.begin.line) + ":" + std::to_string(where.begin.column);
    }
    return MakeError(ErrorCode::kInvalidArgument,
                     "malformed TOML: " + std::string(error.description()), std::move(location));
  }
  return ReadProfile(root, ProfileReader(source));
}

std::vector<std::string> BuiltinProfileNames() {
  std::vector<std::string> names;
  for (const internal::BuiltinProfileText& builtin : internal::BuiltinProfileTexts()) {
    names.emplace_back(builtin.name);
  }
  return names;
}

Result<JurisdictionProfile> LoadBuiltinProfile(std::string_view name) {
  std::string wanted = Lower(name);
  for (const internal::BuiltinProfileText& builtin : internal::BuiltinProfileTexts()) {
    if (builtin.name != wanted) continue;
    CREDO_ASSIGN_OR_RETURN(JurisdictionProfile profile, ParseProfile(builtin.text, builtin.source));
    if (profile.name != builtin.name) {
      return MakeError(ErrorCode::kInternal,
                       "built-in profile file is named " + std::string(builtin.name) +
                           " but says name = \"" + profile.name + "\"",
                       std::string(builtin.source));
    }
    return profile;
  }
  return MakeError(ErrorCode::kNotFound, "unknown jurisdiction profile \"" + std::string(name) +
                                             "\"; built-in profiles are " +
                                             Join(BuiltinProfileNames()));
}

}  // namespace credo
