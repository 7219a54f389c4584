// credo core: Money, an amount in integer minor units (cents, fen) with an ISO 4217 currency.
//
// Never a double: balances, limits and past-due amounts are compared and summed exactly.
// Parsing a decimal string ("1,234.56") into minor units is exact or fails with the reason.
#pragma once

#include <array>
#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"

namespace credo {

class Currency {
 public:
  constexpr Currency() : code_{'X', 'X', 'X'} {}  // ISO 4217 "no currency"
  //! Three upper-case letters ("USD", "CNY"), else an error.
  static Result<Currency> Parse(std::string_view code);
  static constexpr Currency Usd() { return Currency('U', 'S', 'D'); }
  static constexpr Currency Cny() { return Currency('C', 'N', 'Y'); }
  std::string_view code() const { return {code_.data(), 3}; }
  //! Minor units per major unit as a power of ten (2 for USD and CNY, 0 for JPY).
  int minor_digits() const;
  constexpr bool operator==(const Currency&) const = default;

 private:
  constexpr Currency(char a, char b, char c) : code_{a, b, c} {}
  std::array<char, 3> code_;
};

struct Money {
  int64_t minor_units = 0;
  Currency currency;

  //! Exact decimal to minor units: "1234.5" -> 123450 for USD. Accepts a leading '-', thousands
  //! separators ',' and at most minor_digits decimals; anything else is an error.
  static Result<Money> ParseDecimal(std::string_view text, Currency currency);
  //! "1234.50 USD"-style decimal text without the currency.
  std::string ToDecimalString() const;
  // Equality only: amounts in different currencies have no order (clang said so of the
  // defaulted <=> this replaces, which Currency, comparable only for equality, left deleted).
  bool operator==(const Money&) const = default;
};

}  // namespace credo
