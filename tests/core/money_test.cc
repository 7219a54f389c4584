#include "core/money.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <string_view>

namespace credo {
namespace {

TEST(MoneyTest, ParsesDecimalsExactly) {
  auto usd = Money::ParseDecimal("1,234.56", Currency::Usd());
  ASSERT_TRUE(usd.ok());
  EXPECT_EQ(usd->minor_units, 123456);
  EXPECT_EQ(Money::ParseDecimal("0.1", Currency::Usd())->minor_units, 10);
  EXPECT_EQ(Money::ParseDecimal("-7", Currency::Cny())->minor_units, -700);
  EXPECT_EQ(Money::ParseDecimal(" 12.50 ", Currency::Usd())->minor_units, 1250);
  EXPECT_EQ(Money::ParseDecimal("12.500", Currency::Usd())->minor_units, 1250);
}

TEST(MoneyTest, RejectsWhatIsNotAnAmount) {
  EXPECT_FALSE(Money::ParseDecimal("", Currency::Usd()).ok());
  EXPECT_FALSE(Money::ParseDecimal("12.345", Currency::Usd()).ok());
  EXPECT_FALSE(Money::ParseDecimal("1e5", Currency::Usd()).ok());
  EXPECT_FALSE(Money::ParseDecimal("-", Currency::Usd()).ok());
  auto bad = Money::ParseDecimal("12a", Currency::Usd());
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().message.find("unexpected character 'a'"), std::string::npos);
}

TEST(MoneyTest, AmountsBeyondInt64MinorUnitsAreTooLarge) {
  auto is_too_large = [](std::string_view text, Currency currency) {
    auto parsed = Money::ParseDecimal(text, currency);
    return !parsed.ok() && parsed.error().message.find("is too large") != std::string::npos;
  };
  // The case that wrapped: 17 digits fit an int64_t, but not once scaled to cents.
  EXPECT_TRUE(is_too_large("92233720368547759", Currency::Usd()));
  EXPECT_TRUE(is_too_large("-92233720368547759", Currency::Usd()));
  // INT64_MAX minor units exactly, either sign, then one minor unit more.
  constexpr int64_t kMaxMinor = std::numeric_limits<int64_t>::max();
  EXPECT_EQ(Money::ParseDecimal("92233720368547758.07", Currency::Usd())->minor_units, kMaxMinor);
  EXPECT_EQ(Money::ParseDecimal("92,233,720,368,547,758.07", Currency::Usd())->minor_units,
            kMaxMinor);
  EXPECT_EQ(Money::ParseDecimal("-92233720368547758.07", Currency::Usd())->minor_units, -kMaxMinor);
  EXPECT_TRUE(is_too_large("92233720368547758.08", Currency::Usd()));
  EXPECT_TRUE(is_too_large("-92233720368547758.08", Currency::Usd()));  // INT64_MIN is refused too
  // Without minor units the digits themselves reach the limit.
  const Currency jpy = Currency::Parse("JPY").value();
  EXPECT_EQ(Money::ParseDecimal("9223372036854775807", jpy)->minor_units, kMaxMinor);
  EXPECT_TRUE(is_too_large("9223372036854775808", jpy));
  EXPECT_TRUE(is_too_large("99999999999999999999999999", Currency::Cny()));
  // Three minor digits: the major part's limit is a thousandth of INT64_MAX.
  const Currency kwd = Currency::Parse("KWD").value();
  EXPECT_EQ(Money::ParseDecimal("9223372036854775.807", kwd)->minor_units, kMaxMinor);
  EXPECT_TRUE(is_too_large("9223372036854775.808", kwd));
  EXPECT_TRUE(is_too_large("9223372036854776", kwd));
  // Leading zeros are not magnitude.
  EXPECT_EQ(Money::ParseDecimal("0000000000000000000000001.00", Currency::Usd())->minor_units, 100);
}

TEST(MoneyTest, FormatsMinorUnits) {
  EXPECT_EQ((Money{123405, Currency::Usd()}).ToDecimalString(), "1234.05");
  EXPECT_EQ((Money{-5, Currency::Cny()}).ToDecimalString(), "-0.05");
}

TEST(MoneyTest, CurrencyCodes) {
  EXPECT_TRUE(Currency::Parse("EUR").ok());
  EXPECT_FALSE(Currency::Parse("eur").ok());
  EXPECT_FALSE(Currency::Parse("EURO").ok());
  EXPECT_EQ(Currency::Parse("JPY")->minor_digits(), 0);
}

}  // namespace
}  // namespace credo
