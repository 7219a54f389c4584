// credo resolve: the deterministic layer's notion of a strong identifier.
//
// A CN resident identity number, CN unified social credit code, US SSN or US EIN that passes
// core's validation identifies one subject on its own: records sharing one link at once, and two
// records with different ones never end in one cluster. Anything else is compared with typos.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/identifier.h"

namespace credo::resolve {

//! "kind:normalised value" when `text` is a valid strong identifier of `kind`, else nullopt.
std::optional<std::string> StrongIdentifierKey(IdentifierKind kind, std::string_view text);

}  // namespace credo::resolve
