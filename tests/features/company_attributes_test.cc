#include "features/company_attributes.h"

#include <cmath>

#include <gtest/gtest.h>

#include "features/compute.h"
#include "file_builder.h"

namespace credo::features {
namespace {

using testing::AddTradeline;
using testing::D;
using testing::MakeInquiry;
using testing::MakePublicRecord;
using testing::MakeTradeline;

double Value(const AttributeSet& set, std::string_view name) {
  const AttributeValue* value = set.Find(name);
  EXPECT_NE(value, nullptr) << name;
  if (value == nullptr) return -12345;
  EXPECT_TRUE(value->has_value()) << name << " is missing";
  return value->value_or(-12345);
}

bool Missing(const AttributeSet& set, std::string_view name) {
  const AttributeValue* value = set.Find(name);
  EXPECT_NE(value, nullptr) << name;
  return value != nullptr && !value->has_value();
}

TEST(CompanyAttributesTest, RatiosOnAHandComputedStatement) {
  AttributeSet set = ComputeCompanyAttributes(testing::DistributorFile());
  EXPECT_EQ(set.values.size(), static_cast<size_t>(kCompanyAttributeCount));
  EXPECT_EQ(Value(set, "company_age_months"), 170);  // 2010-03-20 .. 2024-06-15
  EXPECT_EQ(Value(set, "statement_age_months"), 5);
  EXPECT_EQ(Value(set, "financial_flows_basis"), 0);
  EXPECT_EQ(Value(set, "revenue_12m"), 3000000);
  EXPECT_EQ(Value(set, "total_assets"), 2000000);
  EXPECT_EQ(Value(set, "working_capital"), 400000);
  EXPECT_DOUBLE_EQ(Value(set, "current_ratio"), 2.0);
  EXPECT_DOUBLE_EQ(Value(set, "quick_ratio"), 1.375);
  EXPECT_DOUBLE_EQ(Value(set, "cash_ratio"), 0.5);
  EXPECT_DOUBLE_EQ(Value(set, "cfo_to_current_liabilities"), 0.625);
  EXPECT_DOUBLE_EQ(Value(set, "debt_to_equity"), 0.875);
  EXPECT_DOUBLE_EQ(Value(set, "liabilities_to_assets"), 0.6);
  EXPECT_DOUBLE_EQ(Value(set, "debt_to_ebitda"), 1.75);
  EXPECT_DOUBLE_EQ(Value(set, "net_debt_to_ebitda"), 1.25);
  EXPECT_DOUBLE_EQ(Value(set, "ebit_interest_coverage"), 6.0);
  EXPECT_DOUBLE_EQ(Value(set, "ebitda_interest_coverage"), 8.0);
  EXPECT_DOUBLE_EQ(Value(set, "debt_service_coverage_ratio"), 2.0);
  EXPECT_DOUBLE_EQ(Value(set, "ffo_to_debt"), 0.4);
  EXPECT_DOUBLE_EQ(Value(set, "cfo_to_debt"), 250.0 / 700.0);
  EXPECT_DOUBLE_EQ(Value(set, "gross_margin"), 0.4);
  EXPECT_DOUBLE_EQ(Value(set, "ebitda_margin"), 400.0 / 3000.0);
  EXPECT_DOUBLE_EQ(Value(set, "net_margin"), 0.06);
  EXPECT_DOUBLE_EQ(Value(set, "return_on_assets"), 0.09);
  EXPECT_DOUBLE_EQ(Value(set, "return_on_equity"), 0.225);
  EXPECT_DOUBLE_EQ(Value(set, "return_on_invested_capital"), 0.2);
  EXPECT_DOUBLE_EQ(Value(set, "days_sales_outstanding"), 36.5);
  EXPECT_DOUBLE_EQ(Value(set, "days_inventory_outstanding"), 250.0 * 365 / 1800);
  EXPECT_DOUBLE_EQ(Value(set, "days_payables_outstanding"), 150.0 * 365 / 1800);
  EXPECT_NEAR(Value(set, "cash_conversion_cycle"), 36.5 + 250.0 * 365 / 1800 - 150.0 * 365 / 1800,
              1e-9);
  EXPECT_DOUBLE_EQ(Value(set, "asset_turnover"), 1.5);
  EXPECT_DOUBLE_EQ(Value(set, "cfo_to_net_income"), 250.0 / 180.0);
  EXPECT_DOUBLE_EQ(Value(set, "revenue_growth"), 0.2);
  EXPECT_EQ(Value(set, "balance_sheet_balances_flag"), 1);
  EXPECT_EQ(Value(set, "negative_equity_flag"), 0);
  EXPECT_NEAR(Value(set, "altman_z_double_prime"), 3.509, 1e-12);
  EXPECT_EQ(Value(set, "altman_z_double_prime_zone"), 0);
  EXPECT_NEAR(Value(set, "altman_em_score"), 6.759, 1e-12);
}

TEST(CompanyAttributesTest, NoStatementMeansMissingRatios) {
  AttributeSet set = ComputeCompanyAttributes(testing::CompanyFile("2024-06-15"));
  for (std::string_view name : {"current_ratio", "debt_to_equity", "altman_z_double_prime",
                                "altman_z_double_prime_zone", "guarantees_to_net_assets",
                                "revenue_growth", "company_age_months", "paydex"}) {
    EXPECT_TRUE(Missing(set, name)) << name;
  }
  EXPECT_EQ(Value(set, "judgments_total"), 0);
  EXPECT_EQ(Value(set, "trade_experiences_24m"), 0);
}

TEST(CompanyAttributesTest, ZeroAndNegativeDenominatorsFollowTheirRules) {
  CreditFile file = testing::DistributorFile();
  FinancialStatement& s = file.financial_statements[1].statement;
  s.current_liabilities = 0;  // liquidity: 999 when the numerator is positive
  s.cash = 0;                 // cash ratio: 0 / 0 is missing
  s.interest_expense = 0;     // coverage: 999 with positive EBIT
  s.debt_repayment = 0;
  s.equity = -100000;         // leverage: worst (999); ROE: missing
  s.revenue = 0;              // margins and DSO: missing
  s.cost_of_goods_sold = 0;
  s.gross_profit = 0;
  AttributeSet set = ComputeAttributes(file);
  EXPECT_EQ(Value(set, "current_ratio"), 999);
  EXPECT_EQ(Value(set, "quick_ratio"), 999);
  EXPECT_TRUE(Missing(set, "cash_ratio"));
  EXPECT_EQ(Value(set, "ebit_interest_coverage"), 999);
  EXPECT_EQ(Value(set, "debt_service_coverage_ratio"), 999);
  EXPECT_EQ(Value(set, "debt_to_equity"), 999);
  EXPECT_TRUE(Missing(set, "return_on_equity"));
  EXPECT_EQ(Value(set, "negative_equity_flag"), 1);
  EXPECT_EQ(Value(set, "balance_sheet_balances_flag"), 0);
  for (std::string_view name : {"gross_margin", "ebitda_margin", "net_margin",
                                "days_sales_outstanding", "days_inventory_outstanding",
                                "cash_conversion_cycle"}) {
    EXPECT_TRUE(Missing(set, name)) << name;
  }
  // EBIT negative with no interest: coverage is undefined, not "infinite".
  s.ebit = -5000;
  s.ebitda = -1000;
  set = ComputeAttributes(file);
  EXPECT_TRUE(Missing(set, "ebit_interest_coverage"));
  EXPECT_EQ(Value(set, "debt_to_ebitda"), 999);  // debt against negative EBITDA: worst
  // Net cash against negative EBITDA: missing.
  s.cash = 10000000;
  EXPECT_TRUE(Missing(ComputeAttributes(file), "net_debt_to_ebitda"));
  for (const AttributeValue& value : set.values) {
    if (value) {
      EXPECT_TRUE(std::isfinite(*value));
    }
  }
}

TEST(CompanyAttributesTest, PaydexFromTradelines) {
  CreditFile file = testing::DistributorFile();
  // Prompt on 1000.00 (weight: high credit), 30-59 days late on 3000.00: (1000x80 + 3000x45)/4000
  Tradeline prompt = MakeTradeline(AccountKind::kOpen, "2020-01-01", "2024-05-31", "000", 500,
                                   100000);
  Tradeline late = MakeTradeline(AccountKind::kOpen, "2020-01-01", "2024-05-31", "100", 2000,
                                 300000);
  // Older than 24 months: not an experience.
  Tradeline stale = MakeTradeline(AccountKind::kOpen, "2015-01-01", "2022-01-31", "4", 2000,
                                  900000);
  for (const Tradeline& t : {prompt, late, stale}) AddTradeline(file, t);
  AttributeSet set = ComputeCompanyAttributes(file);
  EXPECT_EQ(Value(set, "trade_experiences_24m"), 2);
  EXPECT_EQ(Value(set, "paydex"), 54);  // round((80000 + 3000 x 45) / 4000) = round(53.75)
  EXPECT_EQ(Value(set, "paydex_band"), 1);
  EXPECT_DOUBLE_EQ(Value(set, "weighted_days_beyond_terms"), 3000.0 * 45 / 4000);
  EXPECT_EQ(Value(set, "credit_accounts_open"), 3);
  EXPECT_EQ(Value(set, "credit_worst_status_12m"), 1);
  EXPECT_EQ(Value(set, "credit_balance_total"), 4500);
}

TEST(CompanyAttributesTest, PublicRecordsGuaranteesAndInquiries) {
  CreditFile file = testing::DistributorFile();
  file.public_records = {
      MakePublicRecord(PublicRecordKind::kCivilJudgment, "2021-01-01", "2021-06-01", 100),
      MakePublicRecord(PublicRecordKind::kCivilJudgment, "2024-01-01", std::nullopt, 200),
      MakePublicRecord(PublicRecordKind::kCourtEnforcement, "2024-02-01", std::nullopt, 300),
      MakePublicRecord(PublicRecordKind::kDishonestDebtor, "2024-03-01", std::nullopt, 0),
      MakePublicRecord(PublicRecordKind::kTaxArrears, "2023-05-01", std::nullopt, 4000),
      MakePublicRecord(PublicRecordKind::kTaxArrears, "2020-05-01", "2020-09-01", 9000),
      MakePublicRecord(PublicRecordKind::kAdministrativePenalty, "2022-06-15", std::nullopt, 10),
      MakePublicRecord(PublicRecordKind::kAdministrativePenalty, "2022-06-16", std::nullopt, 10),
      MakePublicRecord(PublicRecordKind::kCivilJudgment, "2024-06-16", std::nullopt, 1),
  };
  auto guarantee = [](SubjectId from, SubjectId to, int64_t amount, std::optional<Date> since,
                      std::optional<Date> until) {
    RelationRow row;
    row.relation.from = from;
    row.relation.to = to;
    row.relation.kind = RelationKind::kGuarantee;
    row.relation.amount = testing::Usd(amount);
    row.relation.since = since;
    row.relation.until = until;
    return row;
  };
  file.relations = {guarantee(1, 7, 300000, D("2023-01-01"), std::nullopt),
                    guarantee(1, 8, 100000, std::nullopt, std::nullopt),
                    guarantee(1, 9, 500000, D("2020-01-01"), D("2024-06-15")),  // ended
                    guarantee(1, 9, 700000, D("2024-06-16"), std::nullopt),     // not yet
                    guarantee(5, 1, 900000, std::nullopt, std::nullopt)};
  file.inquiries = {MakeInquiry("Bank", "2024-01-01"), MakeInquiry("Bank", "2023-06-15")};
  AttributeSet set = ComputeCompanyAttributes(file);
  EXPECT_EQ(Value(set, "judgments_total"), 2);
  EXPECT_EQ(Value(set, "judgments_open"), 1);
  EXPECT_EQ(Value(set, "enforcement_entries_open"), 2);
  EXPECT_EQ(Value(set, "dishonest_debtor_flag"), 1);
  EXPECT_EQ(Value(set, "tax_arrears_total"), 2);
  EXPECT_EQ(Value(set, "tax_arrears_open_amount"), 4000);
  EXPECT_EQ(Value(set, "administrative_penalties_total"), 2);
  EXPECT_EQ(Value(set, "administrative_penalties_24m"), 1);  // 2022-06-15 is 24 months back
  EXPECT_EQ(Value(set, "guarantees_given_total"), 2);
  EXPECT_EQ(Value(set, "guarantees_given_amount"), 400000);
  EXPECT_DOUBLE_EQ(Value(set, "guarantees_to_net_assets"), 0.5);  // 400000 / 800000
  EXPECT_EQ(Value(set, "guarantees_received_total"), 1);
  EXPECT_EQ(Value(set, "credit_inquiries_12m"), 1);
  // Negative equity: guarantee leverage is the worst value.
  file.financial_statements[1].statement.equity = -1;
  EXPECT_EQ(Value(ComputeCompanyAttributes(file), "guarantees_to_net_assets"), 999);
}

TEST(CompanyAttributesTest, DistressZone) {
  CreditFile file = testing::DistributorFile();
  FinancialStatement& s = file.financial_statements[1].statement;
  s.retained_earnings = -600000;
  s.ebit = -100000;
  s.current_assets = 300000;
  // X1 = -0.05, X2 = -0.3, X3 = -0.05, X4 = 0.6667: Z'' = -0.328 - 0.978 - 0.336 + 0.7 = -0.942
  AttributeSet set = ComputeCompanyAttributes(file);
  EXPECT_NEAR(Value(set, "altman_z_double_prime"), -0.942, 1e-12);
  EXPECT_EQ(Value(set, "altman_z_double_prime_zone"), 2);
}

}  // namespace
}  // namespace credo::features
