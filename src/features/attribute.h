// credo features: the vocabulary of attributes (what an attribute is, how its value is held).
//
// An attribute is a named, documented number computed for one subject as of one date. Its value
// is a double or missing: missing is a distinct value (std::nullopt), never NaN or infinity.
// Definitions live in a static registry (PersonAttributeDefinitions, CompanyAttributeDefinitions)
// whose order is the order of AttributeSet::values and of the CSV export columns.
// Thread safety: the registry is immutable and may be read from any thread.
#pragma once

#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/subject.h"

namespace credo::features {

//! What kind of number an attribute holds (decides how it is printed and documented).
enum class ValueType {
  kCount,   //!< a whole number of things
  kAmount,  //!< money in minor units of the file's currency (see docs/features/README.md)
  kRatio,   //!< a dimensionless ratio (0.25 = 25%)
  kMonths,  //!< whole months
  kDays,    //!< days (may be fractional, e.g. DSO)
  kFlag,    //!< 0 or 1
  kCode,    //!< an ordered code with a label per value (worst status, Z'' zone)
  kScore,   //!< a score on its own scale (PAYDEX 1-100, Altman Z'')
};
std::string_view ValueTypeName(ValueType type);

struct AttributeDefinition {
  std::string_view name;          //!< snake_case, unique across persons and companies
  ValueType type = ValueType::kCount;
  std::string_view definition;    //!< what it measures, exactly
  std::string_view window;        //!< the time window ("12 months: (as_of - 12 months, as_of]")
  std::string_view missing_rule;  //!< when it is missing, and zero/negative denominator rules
  std::span<const std::string_view> labels;  //!< for kCode: label of value 0, 1, 2 ...
};

using AttributeValue = std::optional<double>;

//! The attributes of one subject as of one date, parallel to `definitions`.
struct AttributeSet {
  SubjectId subject_id = 0;
  SubjectKind kind = SubjectKind::kPerson;
  Date as_of;
  std::span<const AttributeDefinition> definitions;
  std::vector<AttributeValue> values;

  //! The value of the attribute `name`, or nullptr when this set has no such attribute.
  const AttributeValue* Find(std::string_view name) const;
};

std::span<const AttributeDefinition> PersonAttributeDefinitions();
std::span<const AttributeDefinition> CompanyAttributeDefinitions();
std::span<const AttributeDefinition> AttributeDefinitionsFor(SubjectKind kind);
//! The definition named `name` among persons' and companies' attributes, or nullptr.
const AttributeDefinition* FindAttributeDefinition(std::string_view name);
//! The label of a kCode value, or empty when out of range / not a code.
std::string_view CodeLabel(const AttributeDefinition& definition, double value);

}  // namespace credo::features
