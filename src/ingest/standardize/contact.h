// credo ingest/standardize: phone numbers and e-mail addresses, through core's validators.
//
// Phone: to E.164 with a default country ("cn" or "us") for numbers without one. E-mail:
// lower-cased after NFKC (full-width ＠ becomes @). Errors are core's, with the value masked.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"

namespace credo::ingest {

Result<std::string> StandardizePhone(std::string_view text, std::string_view default_country);
Result<std::string> StandardizeEmail(std::string_view text);

}  // namespace credo::ingest
