// credo ingest/mapping: applying a field rule's transforms to source values.
//
// ApplyTransforms takes the raw values of a rule's sources (one per column or path) and returns
// the canonical value, or an error naming the transform that failed and why ("date \"31/02/2020\"
// does not match format DD/MM/YYYY: ..."). Empty input gives an empty value without error
// (missing data is not a transform failure). Thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "ingest/mapping/mapping.h"

namespace credo::ingest {

//! Lower-case name of a transform for messages ("date", "code_map").
std::string_view TransformName(TransformKind kind);

Result<std::string> ApplyTransforms(const FieldRule& rule, const Mapping& mapping,
                                    const std::vector<std::string_view>& values);

}  // namespace credo::ingest
