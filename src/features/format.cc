#include "features/format.h"

#include <charconv>
#include <cmath>
#include <cstdio>

#include <nlohmann/json.hpp>

namespace credo::features {

namespace {

bool IsWholeNumberType(ValueType type) {
  switch (type) {
    case ValueType::kCount:
    case ValueType::kAmount:
    case ValueType::kMonths:
    case ValueType::kFlag:
    case ValueType::kCode: return true;
    default: return false;
  }
}

std::string_view KindName(SubjectKind kind) {
  return kind == SubjectKind::kPerson ? "person" : "organization";
}

}  // namespace

std::string FormatValue(const AttributeDefinition& definition, const AttributeValue& value) {
  if (!value || !std::isfinite(*value)) return {};
  char buffer[64];
  if (IsWholeNumberType(definition.type) && std::abs(*value) < 9e15 &&
      *value == std::floor(*value)) {
    auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, std::llround(*value));
    return std::string(buffer, end);
  }
  auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, *value);
  return std::string(buffer, end);
}

std::string AttributesToJson(const AttributeSet& set) {
  nlohmann::ordered_json json;
  json["subject_id"] = set.subject_id;
  json["kind"] = KindName(set.kind);
  json["as_of"] = set.as_of.ToIso();
  nlohmann::ordered_json attributes = nlohmann::ordered_json::object();
  nlohmann::ordered_json labels = nlohmann::ordered_json::object();
  for (size_t i = 0; i < set.definitions.size() && i < set.values.size(); ++i) {
    const AttributeDefinition& d = set.definitions[i];
    const AttributeValue& v = set.values[i];
    const std::string key(d.name);
    if (!v || !std::isfinite(*v)) {
      attributes[key] = nullptr;
      continue;
    }
    if (IsWholeNumberType(d.type) && *v == std::floor(*v) && std::abs(*v) < 9e15) {
      attributes[key] = std::llround(*v);
    } else {
      attributes[key] = *v;
    }
    std::string_view label = CodeLabel(d, *v);
    if (!label.empty()) labels[key] = std::string(label);
  }
  json["attributes"] = std::move(attributes);
  json["labels"] = std::move(labels);
  return json.dump(2);
}

std::string AttributesToText(const AttributeSet& set) {
  std::string out;
  out += "subject " + std::to_string(set.subject_id) + " (" + std::string(KindName(set.kind)) +
         ") as of " + set.as_of.ToIso() + "\n";
  size_t width = 0;
  for (const auto& d : set.definitions) width = std::max(width, d.name.size());
  for (size_t i = 0; i < set.definitions.size() && i < set.values.size(); ++i) {
    const AttributeDefinition& d = set.definitions[i];
    const AttributeValue& v = set.values[i];
    std::string line(d.name);
    line.resize(width + 2, ' ');
    if (!v) {
      line += "missing";
    } else if (IsWholeNumberType(d.type) && *v == std::floor(*v)) {
      line += FormatValue(d, v);
      std::string_view label = CodeLabel(d, *v);
      if (!label.empty()) line += " (" + std::string(label) + ")";
    } else {
      char buffer[64];
      std::snprintf(buffer, sizeof buffer, "%.4f", *v);
      line += buffer;
    }
    out += line + "\n";
  }
  return out;
}

std::string DefinitionsToMarkdown(SubjectKind kind) {
  const bool person = kind == SubjectKind::kPerson;
  std::string out;
  out += person ? "# Person attributes\n\n" : "# Company attributes\n\n";
  out += "Generated from the registry (`credo attributes list --markdown";
  out += person ? "`" : " --kind company`";
  out += "); a test keeps this file equal to it. Knowledge rules, amounts and the no-look-ahead "
         "contract: [README.md](README.md).\n";
  for (const AttributeDefinition& d : AttributeDefinitionsFor(kind)) {
    out += "\n## " + std::string(d.name) + "\n\n";
    out += "- Definition: " + std::string(d.definition) + "\n";
    out += "- Type: " + std::string(ValueTypeName(d.type)) + "\n";
    out += "- Window: " + std::string(d.window) + "\n";
    out += "- Missing / denominators: " + std::string(d.missing_rule) + "\n";
    if (!d.labels.empty()) {
      out += "- Codes:";
      for (size_t i = 0; i < d.labels.size(); ++i) {
        out += (i == 0 ? " " : ", ") + std::to_string(i) + " " + std::string(d.labels[i]);
      }
      out += "\n";
    }
  }
  return out;
}

}  // namespace credo::features
