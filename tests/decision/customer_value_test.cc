#include "decision/customer_value.h"

#include <cmath>

#include <gtest/gtest.h>

#include "file_builder.h"

namespace credo::decision {
namespace {

using features::testing::AddTradeline;
using features::testing::MakeTradeline;
using features::testing::PersonFile;

TEST(LifetimeValueTest, FollowsTheDocumentedFormula) {
  // CLV = sum_{t=1..H} m r^(t-1) / (1+d)^t
  const double m = 1000, r = 0.8, d = 0.1;
  const double expected = m / 1.1 + m * 0.8 / (1.1 * 1.1) + m * 0.64 / std::pow(1.1, 3);
  EXPECT_NEAR(LifetimeValue(m, r, d, 3), expected, 1e-9);
  // Full retention and no discount: margin times the horizon.
  EXPECT_DOUBLE_EQ(LifetimeValue(250, 1.0, 0.0, 4), 1000);
  // Closed form of the geometric sum.
  const double q = r / (1 + d);
  EXPECT_NEAR(LifetimeValue(m, r, d, 10), m / (1 + d) * (1 - std::pow(q, 10)) / (1 - q), 1e-9);
  EXPECT_DOUBLE_EQ(LifetimeValue(m, r, d, 0), 0);
  EXPECT_LT(LifetimeValue(-100, r, d, 5), 0);  // a loss-making customer has a negative value
}

TEST(CustomerValueTest, RevenueMarginAndValueOfAHandBuiltFile) {
  features::CreditFile file = PersonFile("2024-06-30");
  // A card: 1,000.00 balance, current; a loan: 5,000.00, one month 30 days late in the year.
  AddTradeline(file, MakeTradeline(AccountKind::kRevolving, "2019-06-01", "2024-06-30", "000000",
                                   100000, 500000));
  AddTradeline(file, MakeTradeline(AccountKind::kInstallment, "2023-01-01", "2024-06-30",
                                   "000100", 500000, 0));
  ValueAssumptions a;
  CustomerValue value = ComputeCustomerValue(file, a);
  EXPECT_EQ(value.currency, "USD");
  EXPECT_EQ(value.balance, 600000);
  EXPECT_EQ(value.revolving_balance, 100000);
  EXPECT_EQ(value.installment_balance, 500000);
  EXPECT_EQ(value.open_accounts, 2);
  EXPECT_EQ(value.products, 2);
  ASSERT_TRUE(value.tenure_months.has_value());
  EXPECT_EQ(*value.tenure_months, 60);
  EXPECT_DOUBLE_EQ(value.interest_income, 100000 * 0.18 + 500000 * 0.08);
  EXPECT_DOUBLE_EQ(value.fee_income, 10000 + 3000 * 1);
  EXPECT_DOUBLE_EQ(value.annual_revenue, 58000 + 13000);
  EXPECT_DOUBLE_EQ(value.funding_cost, 600000 * 0.025);
  EXPECT_DOUBLE_EQ(value.operating_cost, 2 * 5000);
  EXPECT_DOUBLE_EQ(value.expected_loss, 0);
  EXPECT_DOUBLE_EQ(value.annual_margin, 71000 - 15000 - 10000);
  EXPECT_DOUBLE_EQ(value.retention, 0.85);
  EXPECT_DOUBLE_EQ(value.lifetime_value, LifetimeValue(46000, 0.85, 0.10, 5));

  // A PD adds the expected loss; an attrition probability replaces the retention.
  CustomerValue risky = ComputeCustomerValue(file, a, 0.1, 0.4);
  EXPECT_DOUBLE_EQ(risky.expected_loss, 0.1 * 0.45 * 600000);
  EXPECT_DOUBLE_EQ(risky.retention, 0.6);
  EXPECT_LT(risky.lifetime_value, value.lifetime_value);
  EXPECT_EQ(ValueMeasure(value, "value.products"), 2.0);
  EXPECT_FALSE(ValueMeasure(value, "value.nothing").has_value());
}

TEST(CustomerValueTest, ClosedAccountsAndLaterReportsDoNotCount) {
  features::CreditFile file = PersonFile("2024-06-30");
  Tradeline closed = MakeTradeline(AccountKind::kRevolving, "2015-01-01", "2024-03-31", "000",
                                   0, 100000);
  closed.closed_on = features::testing::D("2024-03-15");
  closed.status = AccountStatus::kClosedPaid;
  AddTradeline(file, closed);
  // Reported after as_of: not known on the date.
  AddTradeline(file, MakeTradeline(AccountKind::kMortgage, "2024-07-01", "2024-07-31", "0",
                                   9000000, 0));
  features::CutToKnownOn(file);
  CustomerValue value = ComputeCustomerValue(file, ValueAssumptions{});
  EXPECT_EQ(value.open_accounts, 0);
  EXPECT_EQ(value.balance, 0);
  EXPECT_EQ(*value.tenure_months, 113);  // the closed card still dates the relationship
  EXPECT_DOUBLE_EQ(value.annual_revenue, 0);
}

TEST(CustomerValueTest, ValuesOnlyAccountsInTheBureausCurrency) {
  features::CreditFile file = PersonFile("2024-06-30");
  AddTradeline(file, MakeTradeline(AccountKind::kRevolving, "2019-06-01", "2024-06-30", "000000",
                                   100000, 500000));
  AddTradeline(file, MakeTradeline(AccountKind::kInstallment, "2023-01-01", "2024-06-30",
                                   "000000", 500000, 0));
  Tradeline yuan = MakeTradeline(AccountKind::kRevolving, "2021-01-01", "2024-06-30", "000000",
                                 30000, 80000);
  yuan.balance.currency = Currency::Cny();
  yuan.credit_limit.currency = Currency::Cny();
  AddTradeline(file, yuan);

  // Without a bureau currency: the one most open accounts are in (two USD, one CNY).
  CustomerValue main_currency = ComputeCustomerValue(file, ValueAssumptions{});
  EXPECT_EQ(main_currency.currency, "USD");
  EXPECT_EQ(main_currency.balance, 600000);
  EXPECT_EQ(main_currency.other_currency_accounts, 1);
  EXPECT_EQ(main_currency.other_currencies, (std::map<std::string, int>{{"CNY", 1}}));

  // A CNY bureau values the CNY account only, whatever most accounts are in, and never adds
  // dollars to yuan.
  ValueAssumptions bureau;
  bureau.currency = "CNY";
  CustomerValue value = ComputeCustomerValue(file, bureau);
  EXPECT_EQ(value.currency, "CNY");
  EXPECT_EQ(value.balance, 30000);
  EXPECT_EQ(value.credit_limit, 80000);
  EXPECT_EQ(value.open_accounts, 1);
  EXPECT_EQ(value.other_currency_accounts, 2);
  EXPECT_EQ(value.other_currencies, (std::map<std::string, int>{{"USD", 2}}));
  EXPECT_DOUBLE_EQ(value.interest_income, 30000 * 0.18);
  ASSERT_TRUE(value.tenure_months.has_value());
  EXPECT_EQ(*value.tenure_months, 60);  // the relationship dates from the oldest account
}

}  // namespace
}  // namespace credo::decision
