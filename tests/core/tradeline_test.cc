#include "core/tradeline.h"

#include <gtest/gtest.h>

namespace credo {
namespace {

TEST(PaymentHistoryTest, RoundTripsMetro2Codes) {
  Date as_of = *Date::FromYmd(2025, 6, 30);
  auto history = PaymentHistory::FromCodes(as_of, "0012BDEGHJKL654   ");
  ASSERT_TRUE(history.ok()) << history.error().message;
  EXPECT_EQ(history->months.size(), 15u);
  EXPECT_EQ(history->ToCodes(), "0012BDEGHJKL654");
  EXPECT_EQ(PaymentStatusSeverity(history->months[3]), 2);
}

TEST(PaymentHistoryTest, RejectsUnknownCodesNamingThem) {
  auto bad = PaymentHistory::FromCodes(*Date::FromYmd(2025, 6, 30), "00X");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().message.find("'X'"), std::string::npos);
}

TEST(AccountStatusTest, Metro2CodesRoundTrip) {
  for (const char* code : {"11", "13", "71", "78", "80", "82", "83", "84", "93", "97", "DA", "DF"}) {
    auto status = ParseMetro2AccountStatus(code);
    ASSERT_TRUE(status.ok()) << code;
    EXPECT_EQ(Metro2AccountStatusCode(*status), code);
  }
  EXPECT_TRUE(IsNegativeStatus(*ParseMetro2AccountStatus("97")));
  EXPECT_FALSE(IsNegativeStatus(*ParseMetro2AccountStatus("11")));
  EXPECT_FALSE(ParseMetro2AccountStatus("99").ok());
}

}  // namespace
}  // namespace credo
