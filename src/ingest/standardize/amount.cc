#include "ingest/standardize/amount.h"

#include <string>

#include "ingest/standardize/text.h"

namespace credo::ingest {

Result<Money> StandardizeAmount(std::string_view text, Currency currency) {
  CREDO_ASSIGN_OR_RETURN(std::string normalized, NormalizeText(text, TextCase::kUpper));
  std::string_view value = normalized;
  auto strip_prefix = [&value](std::string_view prefix) {
    if (value.substr(0, prefix.size()) == prefix) {
      value.remove_prefix(prefix.size());
      while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
      return true;
    }
    return false;
  };
  bool negative = strip_prefix("-");
  if (!strip_prefix(currency.code())) {
    if (currency == Currency::Usd()) {
      strip_prefix("$");
    } else if (currency == Currency::Cny()) {
      if (!strip_prefix("¥")) strip_prefix("￥");
    }
  }
  std::string digits(negative ? "-" : "");
  digits += value;
  auto money = Money::ParseDecimal(digits, currency);
  if (!money.ok()) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "amount \"" + std::string(text) + "\": " + money.error().message);
  }
  return money.value();
}

}  // namespace credo::ingest
