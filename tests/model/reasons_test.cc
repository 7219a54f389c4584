#include "model/reasons.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

namespace credo::model {
namespace {

TEST(ReasonsTest, ThemesByNameInBothLanguages) {
  EXPECT_EQ(ReasonText("NumInqLast6M", ReasonLanguage::kCode), "NumInqLast6M");
  EXPECT_EQ(ReasonText("NumInqLast6M", ReasonLanguage::kEnglish),
            "Number of recent credit inquiries (NumInqLast6M) lowered the score");
  EXPECT_NE(ReasonText("NumInqLast6M", ReasonLanguage::kChinese).find("查询"), std::string::npos);
  EXPECT_NE(ReasonText("RevolvingUtilizationOfUnsecuredLines", ReasonLanguage::kEnglish)
                .find("utilisation"),
            std::string::npos);
  EXPECT_NE(ReasonText("NumberOfTime30-59DaysPastDueNotWorse", ReasonLanguage::kChinese)
                .find("逾期"),
            std::string::npos);
  EXPECT_EQ(ReasonText("zz", ReasonLanguage::kEnglish), "The value of zz lowered the score");
}

TEST(ReasonsTest, InquiryCharacteristics) {
  EXPECT_TRUE(IsInquiryCharacteristic("MSinceMostRecentInqexcl7days"));
  EXPECT_TRUE(IsInquiryCharacteristic("inquiries_6m"));
  EXPECT_FALSE(IsInquiryCharacteristic("NumberOfTimes90DaysLate"));
}

// "inq" inside "delINQuency" made delinquency attributes inquiry characteristics (and gave them
// the inquiry text), which corrupted the FCRA 609(f)(9) inquiries reason.
TEST(ReasonsTest, DelinquencyNamesAreNotInquiries) {
  for (const char* name : {"months_since_last_delinquency", "accounts_ever_delinquent",
                           "share_accounts_never_delinquent", "delinq_2yrs"}) {
    SCOPED_TRACE(name);
    EXPECT_FALSE(IsInquiryCharacteristic(name));
    std::string english = ReasonText(name, ReasonLanguage::kEnglish);
    std::string chinese = ReasonText(name, ReasonLanguage::kChinese);
    EXPECT_EQ(english, "Delinquency on accounts (late payments) (" + std::string(name) +
                           ") lowered the score");
    EXPECT_NE(chinese.find("逾期"), std::string::npos);
    EXPECT_EQ(chinese.find("查询"), std::string::npos);
  }
  for (const char* name : {"inquiries_1m", "inquiries_3m", "inquiries_6m", "inquiries_12m",
                           "inquiry_lenders_1m", "inquiry_lenders_3m", "inquiry_lenders_6m",
                           "inquiry_lenders_12m", "months_since_last_inquiry",
                           "credit_inquiries_12m", "NumInqLast6M", "NumInqLast6Mexcl7days",
                           "MSinceMostRecentInqexcl7days", "NumInquiries", "inq_last_6mths",
                           "近6个月查询次数"}) {
    SCOPED_TRACE(name);
    EXPECT_TRUE(IsInquiryCharacteristic(name));
    EXPECT_NE(ReasonText(name, ReasonLanguage::kEnglish).find("inquiries"), std::string::npos);
    EXPECT_NE(ReasonText(name, ReasonLanguage::kChinese).find("查询"), std::string::npos);
  }
}

// Catalogue names (src/features) that a keyword used to put in a theme of another meaning.
TEST(ReasonsTest, CatalogueNamesFallInTheirTheme) {
  auto english = [](std::string_view name) { return ReasonText(name, ReasonLanguage::kEnglish); };
  EXPECT_EQ(english("times_30dpd_6m").find("Delinquency"), 0u);
  EXPECT_EQ(english("months_since_last_90plus_dpd").find("Delinquency"), 0u);
  EXPECT_EQ(english("weighted_days_beyond_terms").find("Delinquency"), 0u);    // not "Loan term"
  EXPECT_EQ(english("dishonest_debtor_flag").find("Derogatory"), 0u);          // not debt burden
  EXPECT_EQ(english("tax_arrears_open_amount").find("Derogatory"), 0u);        // not loan amount
  EXPECT_EQ(english("guarantees_given_amount").find("Debt burden"), 0u);       // not loan amount
  EXPECT_EQ(english("balance_sheet_balances_flag"),
            "The value of balance_sheet_balances_flag lowered the score");  // not balances
  EXPECT_EQ(english("cfo_to_net_income"), "The value of cfo_to_net_income lowered the score");
  EXPECT_EQ(english("cfo_to_debt").find("Debt burden"), 0u);
  EXPECT_EQ(english("revolving_utilization").find("Revolving credit utilisation"), 0u);
  EXPECT_EQ(english("revolving_accounts_over_75pct_utilization").find("Revolving credit utilisation"), 0u);
  EXPECT_EQ(english("NetFractionRevolvingBurden").find("Revolving credit utilisation"), 0u);
  // Revolving, but not a utilisation: a limit, a balance, counts of accounts.
  EXPECT_EQ(english("revolving_credit_limit"),
            "Credit limits on accounts (revolving_credit_limit) lowered the score");
  EXPECT_NE(ReasonText("revolving_credit_limit", ReasonLanguage::kChinese).find("授信额度水平"),
            std::string::npos);
  EXPECT_EQ(ReasonText("revolving_credit_limit", ReasonLanguage::kChinese).find("使用率"),
            std::string::npos);
  EXPECT_EQ(english("revolving_balance").find("Account balances"), 0u);
  EXPECT_EQ(english("revolving_tradelines_open").find("Number or mix"), 0u);
  EXPECT_EQ(english("revolving_accounts_with_balance").find("Number or mix"), 0u);
  EXPECT_EQ(english("NumRevolvingTradesWBalance").find("Number or mix"), 0u);
  EXPECT_EQ(english("total_past_due").find("Delinquency"), 0u);
  EXPECT_EQ(english("public_records_open").find("Derogatory"), 0u);
  EXPECT_EQ(english("tradelines_total").find("Number or mix"), 0u);
  for (const char* name : {"weighted_days_beyond_terms", "dishonest_debtor_flag",
                           "tax_arrears_total", "guarantees_to_net_assets", "times_90plus_dpd_24m",
                           "derogatory_accounts", "worst_status_12m", "paydex"}) {
    SCOPED_TRACE(name);
    EXPECT_FALSE(IsInquiryCharacteristic(name));
  }
}

}  // namespace
}  // namespace credo::model
