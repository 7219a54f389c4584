#include "features/financials.h"

#include <gtest/gtest.h>

#include "file_builder.h"

namespace credo::features {
namespace {

using testing::D;

FinancialStatement Statement(std::string_view period_end, int months, int64_t revenue) {
  FinancialStatement s;
  s.period_end = D(period_end);
  s.period_months = months;
  s.currency = Currency::Usd();
  s.revenue = revenue;
  s.ebit = revenue / 10;
  s.total_assets = 1000;
  return s;
}

// Golden table: DOMAIN.md 3.4 anchor points and the linear interpolation between them.
TEST(PaydexTest, GoldenTableOfDaysBeyondTerms) {
  struct Row {
    double dbt;
    double paydex;
  };
  const Row kGolden[] = {{-40, 100}, {-30, 100}, {-25, 95}, {-20, 90},  {-10, 85}, {0, 80},
                         {7.5, 75},  {15, 70},   {18.5, 65}, {22, 60},  {26, 55},  {30, 50},
                         {45, 45},   {60, 40},   {75, 35},  {90, 30},   {105, 25}, {120, 20},
                         {150, 10.5}, {180, 1},  {365, 1}};
  for (const Row& row : kGolden) {
    EXPECT_DOUBLE_EQ(PaydexForDaysBeyondTerms(row.dbt), row.paydex) << "DBT " << row.dbt;
  }
}

TEST(PaydexTest, DollarWeightedAndRounded) {
  // (1000 x 80 + 3000 x 50) / 4000 = 57.5 -> 58.
  const TradeExperience experiences[] = {{1000, 0}, {3000, 30}};
  EXPECT_EQ(Paydex(experiences), 58.0);
  // All prompt: 80. Early payers raise it.
  const TradeExperience prompt[] = {{500, 0}, {700, 0}};
  EXPECT_EQ(Paydex(prompt), 80.0);
  const TradeExperience early[] = {{100, -30}};
  EXPECT_EQ(Paydex(early), 100.0);
}

TEST(PaydexTest, UnavailableWithoutWeightedExperiences) {
  EXPECT_FALSE(Paydex({}).has_value());
  const TradeExperience zero[] = {{0, 10}, {-5, 0}};
  EXPECT_FALSE(Paydex(zero).has_value());
}

TEST(PaydexTest, DaysBeyondTermsOfStatuses) {
  EXPECT_EQ(DaysBeyondTermsForStatus(PaymentStatus::kCurrent), 0.0);
  EXPECT_EQ(DaysBeyondTermsForStatus(PaymentStatus::kPastDue30), 45.0);
  EXPECT_EQ(DaysBeyondTermsForStatus(PaymentStatus::kPastDue90), 105.0);
  EXPECT_EQ(DaysBeyondTermsForStatus(PaymentStatus::kChargeOff), 195.0);
  EXPECT_FALSE(DaysBeyondTermsForStatus(PaymentStatus::kNoData).has_value());
}

TEST(AltmanTest, ZDoublePrimeAndZones) {
  FinancialStatement s;
  s.current_assets = 800;
  s.current_liabilities = 400;
  s.total_assets = 2000;
  s.retained_earnings = 300;
  s.equity = 800;
  s.total_liabilities = 1200;
  // 6.56 x 0.2 + 3.26 x 0.15 + 6.72 x 0.15 + 1.05 x 800/1200 = 3.509
  EXPECT_NEAR(*AltmanZDoublePrime(s, 300), 3.509, 1e-12);
  EXPECT_EQ(AltmanZDoublePrimeZone(3.509), AltmanZone::kSafe);
  EXPECT_EQ(AltmanZDoublePrimeZone(2.60), AltmanZone::kGrey);
  EXPECT_EQ(AltmanZDoublePrimeZone(2.6000001), AltmanZone::kSafe);
  EXPECT_EQ(AltmanZDoublePrimeZone(1.10), AltmanZone::kGrey);
  EXPECT_EQ(AltmanZDoublePrimeZone(1.0999999), AltmanZone::kDistress);
  s.total_liabilities = 0;  // X4 = 10 by rule
  EXPECT_NEAR(*AltmanZDoublePrime(s, 300), 1.312 + 0.489 + 1.008 + 10.5, 1e-12);
  s.total_assets = 0;
  EXPECT_FALSE(AltmanZDoublePrime(s, 300).has_value());
}

TEST(FinancialBasisTest, AnnualStatementIsUsedAsIs) {
  const FinancialStatement statements[] = {Statement("2022-12-31", 12, 2500),
                                           Statement("2023-12-31", 12, 3000)};
  auto basis = SelectFinancialBasis(statements, D("2024-06-15"));
  ASSERT_TRUE(basis.has_value());
  EXPECT_EQ(basis->basis, FlowsBasis::kAnnual);
  EXPECT_EQ(basis->flows.revenue, 3000);
  ASSERT_TRUE(basis->year_earlier.has_value());
  EXPECT_EQ(basis->year_earlier->revenue, 2500);
}

TEST(FinancialBasisTest, TrailingTwelveMonthsFromInterims) {
  const FinancialStatement statements[] = {
      Statement("2023-06-30", 6, 1400), Statement("2023-12-31", 12, 3000),
      Statement("2024-06-30", 6, 1700), Statement("2024-12-31", 12, 9999)};
  // As of 2024-07-15 the FY2024 statement does not exist yet.
  auto basis = SelectFinancialBasis(statements, D("2024-07-15"));
  ASSERT_TRUE(basis.has_value());
  EXPECT_EQ(basis->basis, FlowsBasis::kTrailingTwelveMonths);
  EXPECT_EQ(basis->flows.revenue, 3000 + 1700 - 1400);
  EXPECT_EQ(basis->flows.ebit, 300 + 170 - 140);
  EXPECT_EQ(basis->balance_sheet.period_end, D("2024-06-30"));
  EXPECT_EQ(basis->year_earlier->revenue, 1400);
  // The day before the interim's period end, the annual statement is the latest.
  auto before = SelectFinancialBasis(statements, D("2024-06-29"));
  EXPECT_EQ(before->basis, FlowsBasis::kAnnual);
  EXPECT_EQ(before->flows.revenue, 3000);
}

TEST(FinancialBasisTest, FallsBackToOlderAnnualThenAnnualises) {
  const FinancialStatement with_annual[] = {Statement("2023-12-31", 12, 3000),
                                            Statement("2024-03-31", 3, 800)};
  auto basis = SelectFinancialBasis(with_annual, D("2024-05-01"));
  EXPECT_EQ(basis->basis, FlowsBasis::kAnnual);
  EXPECT_EQ(basis->flows.revenue, 3000);
  EXPECT_EQ(basis->balance_sheet.period_end, D("2024-03-31"));
  const FinancialStatement only_interim[] = {Statement("2024-03-31", 3, 800)};
  basis = SelectFinancialBasis(only_interim, D("2024-05-01"));
  EXPECT_EQ(basis->basis, FlowsBasis::kAnnualised);
  EXPECT_EQ(basis->flows.revenue, 3200);
  EXPECT_FALSE(SelectFinancialBasis(only_interim, D("2024-03-30")).has_value());
}

}  // namespace
}  // namespace credo::features
