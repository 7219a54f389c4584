#include "features/attribute.h"

#include <cmath>

namespace credo::features {

std::string_view ValueTypeName(ValueType type) {
  switch (type) {
    case ValueType::kCount: return "count";
    case ValueType::kAmount: return "amount";
    case ValueType::kRatio: return "ratio";
    case ValueType::kMonths: return "months";
    case ValueType::kDays: return "days";
    case ValueType::kFlag: return "flag";
    case ValueType::kCode: return "code";
    case ValueType::kScore: return "score";
  }
  return "unknown";
}

const AttributeValue* AttributeSet::Find(std::string_view name) const {
  for (size_t i = 0; i < definitions.size() && i < values.size(); ++i) {
    if (definitions[i].name == name) return &values[i];
  }
  return nullptr;
}

std::span<const AttributeDefinition> AttributeDefinitionsFor(SubjectKind kind) {
  return kind == SubjectKind::kPerson ? PersonAttributeDefinitions()
                                      : CompanyAttributeDefinitions();
}

const AttributeDefinition* FindAttributeDefinition(std::string_view name) {
  for (const auto& d : PersonAttributeDefinitions()) {
    if (d.name == name) return &d;
  }
  for (const auto& d : CompanyAttributeDefinitions()) {
    if (d.name == name) return &d;
  }
  return nullptr;
}

std::string_view CodeLabel(const AttributeDefinition& definition, double value) {
  if (definition.type != ValueType::kCode || !(value >= 0)) return {};
  const auto index = static_cast<size_t>(std::llround(value));
  return index < definition.labels.size() ? definition.labels[index] : std::string_view();
}

}  // namespace credo::features
