// credo ingest/standardize: decimal amounts to integer minor units (core Money::ParseDecimal).
//
// Accepts NFKC-normalised text with optional surrounding spaces, a currency sign or code prefix
// ("$", "¥", "￥", "USD ") that matches `currency`, thousands separators and at most the
// currency's decimals. Never goes through a double.
#pragma once

#include <string_view>

#include "core/money.h"
#include "core/result.h"

namespace credo::ingest {

Result<Money> StandardizeAmount(std::string_view text, Currency currency);

}  // namespace credo::ingest
