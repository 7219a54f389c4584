#include "ingest/standardize/amount.h"

#include <gtest/gtest.h>

namespace credo::ingest {
namespace {

TEST(AmountTest, DecimalsToMinorUnits) {
  EXPECT_EQ(StandardizeAmount("1,234.56", Currency::Usd())->minor_units, 123456);
  EXPECT_EQ(StandardizeAmount("$ 10", Currency::Usd())->minor_units, 1000);
  EXPECT_EQ(StandardizeAmount("￥１２３.４", Currency::Cny())->minor_units, 12340);
  EXPECT_EQ(StandardizeAmount("CNY 5.00", Currency::Cny())->minor_units, 500);
  EXPECT_EQ(StandardizeAmount("-7.25", Currency::Usd())->minor_units, -725);
}

TEST(AmountTest, RejectsTooManyDecimalsAndJunk) {
  auto result = StandardizeAmount("1.234", Currency::Usd());
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.error().message.find("1.234"), std::string::npos);
  EXPECT_FALSE(StandardizeAmount("12abc", Currency::Usd()).ok());
  EXPECT_FALSE(StandardizeAmount("$5", Currency::Cny()).ok());
}

}  // namespace
}  // namespace credo::ingest
