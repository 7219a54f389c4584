// credo features: printing attributes (text for people, JSON for programs, Markdown for docs).
//
// Missing values print as "missing" (text), null (JSON) or an empty field (CSV). Counts, amounts,
// months, flags and codes print as whole numbers; ratios, days and scores in the shortest form
// that reads back to the same double.
#pragma once

#include <string>

#include "features/attribute.h"

namespace credo::features {

//! The number as CSV/JSON text; empty for missing.
std::string FormatValue(const AttributeDefinition& definition, const AttributeValue& value);
//! {"subject_id":..,"kind":"person"|"organization","as_of":"YYYY-MM-DD",
//!  "attributes":{name: number|null,...},"labels":{name: label,...}} (labels of code values).
std::string AttributesToJson(const AttributeSet& set);
//! One line per attribute: name, value (ratios to 4 decimals) and the label of code values.
std::string AttributesToText(const AttributeSet& set);
//! The registry of `kind` as Markdown: one section per attribute with its definition, type,
//! window and missing rule (docs/features/person.md and company.md are this output).
std::string DefinitionsToMarkdown(SubjectKind kind);

}  // namespace credo::features
