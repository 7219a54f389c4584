#include "core/tradeline.h"

#include <gtest/gtest.h>

#include <utility>

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

// 61-65, 88 and 89 each have their own value (they used to be refused or collapsed into one).
TEST(AccountStatusTest, PaidDerogatoryClaimAndDeedInLieuCodesEachRoundTrip) {
  const std::pair<const char*, AccountStatus> kCodes[] = {
      {"61", AccountStatus::kPaidVoluntarySurrender},
      {"62", AccountStatus::kPaidCollection},
      {"63", AccountStatus::kPaidRepossession},
      {"64", AccountStatus::kPaidChargeOff},
      {"65", AccountStatus::kPaidForeclosureStarted},
      {"88", AccountStatus::kGovernmentClaimFiled},
      {"89", AccountStatus::kDeedInLieu},
  };
  for (const auto& [code, expected] : kCodes) {
    auto status = ParseMetro2AccountStatus(code);
    ASSERT_TRUE(status.ok()) << code;
    EXPECT_EQ(*status, expected) << code;
    EXPECT_EQ(Metro2AccountStatusCode(*status), code);
  }
  // The collapsed value of old stores has no single code, and no code parses to it.
  EXPECT_EQ(Metro2AccountStatusCode(AccountStatus::kPaidClosedZero), "");
}

TEST(AccountStatusTest, ClassificationsOfTheNewCodes) {
  auto status = [](const char* code) { return ParseMetro2AccountStatus(code).value(); };
  // Paid in full after a derogatory event: closed, no longer negative, but ranked by the event.
  for (const char* code : {"61", "62", "63", "64", "65"}) {
    EXPECT_FALSE(IsNegativeStatus(status(code))) << code;
    EXPECT_TRUE(ClosesAccount(status(code))) << code;
  }
  EXPECT_EQ(Metro2StatusSeverity(status("61")), 8);  // was a voluntary surrender
  EXPECT_EQ(Metro2StatusSeverity(status("62")), 7);  // was a collection
  EXPECT_EQ(Metro2StatusSeverity(status("63")), 8);  // was a repossession
  EXPECT_EQ(Metro2StatusSeverity(status("64")), 9);  // was a charge-off
  EXPECT_EQ(Metro2StatusSeverity(status("65")), 8);  // a foreclosure was started
  // 88 and 89: defaulted loans, negative and ending the account like a foreclosure.
  for (const char* code : {"88", "89"}) {
    EXPECT_TRUE(IsNegativeStatus(status(code))) << code;
    EXPECT_TRUE(ClosesAccount(status(code))) << code;
    EXPECT_EQ(Metro2StatusSeverity(status(code)), 8) << code;
  }
  // The scale of the older codes.
  EXPECT_EQ(Metro2StatusSeverity(status("11")), 0);
  EXPECT_EQ(Metro2StatusSeverity(status("13")), 0);
  EXPECT_EQ(Metro2StatusSeverity(status("71")), 1);
  EXPECT_EQ(Metro2StatusSeverity(status("84")), 6);
  EXPECT_EQ(Metro2StatusSeverity(status("93")), 7);
  EXPECT_EQ(Metro2StatusSeverity(status("94")), 8);
  EXPECT_EQ(Metro2StatusSeverity(status("97")), 9);
  EXPECT_EQ(Metro2StatusSeverity(status("DA")), 0);
  EXPECT_FALSE(ClosesAccount(status("11")));
  EXPECT_FALSE(ClosesAccount(status("84")));
  EXPECT_FALSE(ClosesAccount(status("DF")));
  EXPECT_TRUE(ClosesAccount(status("13")));
  EXPECT_TRUE(ClosesAccount(status("05")));
  EXPECT_TRUE(ClosesAccount(status("97")));
  EXPECT_TRUE(IsNegativeStatus(status("71")));
  EXPECT_FALSE(IsNegativeStatus(status("13")));
  EXPECT_FALSE(IsNegativeStatus(AccountStatus::kPaidClosedZero));
  // Paid in full: 13 and 61-65 (and the legacy value), nothing still owed or ended unpaid.
  for (const char* code : {"13", "61", "62", "63", "64", "65"}) {
    EXPECT_TRUE(IsPaidInFull(status(code))) << code;
  }
  EXPECT_TRUE(IsPaidInFull(AccountStatus::kPaidClosedZero));
  for (const char* code : {"11", "05", "71", "88", "89", "93", "97", "DA", "DF"}) {
    EXPECT_FALSE(IsPaidInFull(status(code))) << code;
  }
}

}  // namespace
}  // namespace credo
