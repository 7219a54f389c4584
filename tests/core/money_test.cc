#include "core/money.h"

#include <gtest/gtest.h>

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
