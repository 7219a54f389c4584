// credo core: the domain vocabulary every other module speaks.
//
// Result<T>/Error (result.h, error.h), civil Date and Clock (date.h), Money in minor units
// (money.h), identifiers with their official checks (identifier.h), subjects (subject.h),
// tradelines and payment history (tradeline.h), inquiries, public records, financial statements
// and relations (records.h), and jurisdiction profiles (profile.h). Uses only the standard
// library, and toml++ (header-only) to read profile data.
#pragma once

#include "core/date.h"
#include "core/error.h"
#include "core/identifier.h"
#include "core/money.h"
#include "core/profile.h"
#include "core/records.h"
#include "core/result.h"
#include "core/subject.h"
#include "core/tradeline.h"

namespace credo {
//! The version of the credo library ("0.1.0").
std::string_view Version();
}  // namespace credo
