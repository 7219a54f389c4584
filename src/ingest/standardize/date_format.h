// credo ingest/standardize: dates written in a furnisher's format, to credo::Date (ISO on output).
//
// A format is a pattern of YYYY, MM, DD (two digits each, or one or two when followed by a
// separator) and literal characters: "YYYYMMDD", "YYYY-MM-DD", "DD/MM/YYYY", "MM/DD/YYYY",
// "DD.MM.YYYY", "YYYY年MM月DD日". The error names the format and the rule broken.
#pragma once

#include <string>
#include <string_view>

#include "core/date.h"
#include "core/result.h"

namespace credo::ingest {

//! Checks that `format` has exactly one YYYY, MM and DD; returns kInvalidArgument otherwise.
Status ValidateDateFormat(std::string_view format);
//! Parses `text` (trimmed) with `format` into a real calendar date.
Result<Date> ParseDateWithFormat(std::string_view text, std::string_view format);

}  // namespace credo::ingest
