// credo decision: what a customer is worth: balances, a revenue proxy, tenure, product holding,
// and a lifetime-value estimate (docs/decision/value.md has the formulas and the assumptions).
//
// Revenue proxy (a year, minor units of the bureau's currency, ValueAssumptions::currency, which
// the CLI and the API set from the jurisdiction profile; when it is empty, the currency most
// open accounts are in). Open accounts in any other currency are left out, never converted, and
// counted in other_currency_accounts and, by currency, in other_currencies):
//   interest = sum over open accounts of balance x annual rate of the account kind
//   fees     = annual fee per open revolving account + late fee x delinquent months in 12 months
//   revenue  = interest + fees
// Margin: revenue - balance x funding rate - operating cost per open account - PD x LGD x balance
// (the expected-loss term only when a PD is given).
// Lifetime value over H years with retention r and discount rate d:
//   CLV = sum_{t=1..H} margin x r^(t-1) / (1 + d)^t
// (this year's margin is earned; each later year only if the customer stays). r is the
// assumption's retention, or 1 - the attrition probability when one is given.
// Pure functions of a CreditFile; thread-compatible.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "features/credit_file.h"

namespace credo::decision {

//! Rates are annual fractions (0.18 = 18%); fees and costs are minor units a year.
struct ValueAssumptions {
  double revolving_rate = 0.18;
  double installment_rate = 0.08;
  double mortgage_rate = 0.045;
  double line_of_credit_rate = 0.10;
  double other_rate = 0.06;
  int64_t revolving_annual_fee = 10000;  //!< per open revolving account
  int64_t late_fee = 3000;               //!< per delinquent month in the last 12 months
  double funding_rate = 0.025;
  int64_t operating_cost_per_account = 5000;
  double loss_given_default = 0.45;
  double retention = 0.85;  //!< yearly, when no attrition probability is given
  double discount_rate = 0.10;
  int horizon_years = 5;
  //! The currency values are computed in: the bureau's (the profile's), set by the caller, not
  //! read from the decision configuration. Empty: the currency most open accounts are in.
  std::string currency;
};

struct CustomerValue {
  std::string currency;
  int64_t balance = 0;  //!< open accounts, main currency
  int64_t revolving_balance = 0;
  int64_t installment_balance = 0;
  int64_t mortgage_balance = 0;
  int64_t other_balance = 0;
  int64_t credit_limit = 0;  //!< known limits of open accounts
  double interest_income = 0;
  double fee_income = 0;
  double annual_revenue = 0;
  double funding_cost = 0;
  double operating_cost = 0;
  double expected_loss = 0;
  double annual_margin = 0;
  std::optional<int> tenure_months;  //!< since the earliest known account was opened
  int products = 0;       //!< distinct account kinds among open accounts
  int open_accounts = 0;
  int other_currency_accounts = 0;
  std::map<std::string, int> other_currencies;  //!< open accounts left out, by currency code
  double retention = 0;
  double lifetime_value = 0;
};

double LifetimeValue(double annual_margin, double retention, double discount_rate,
                     int horizon_years);

CustomerValue ComputeCustomerValue(const features::CreditFile& file,
                                   const ValueAssumptions& assumptions,
                                   std::optional<double> pd = std::nullopt,
                                   std::optional<double> attrition_probability = std::nullopt);

//! The value measures by name, for tier grids and segmentation: value.balance,
//! value.annual_revenue, value.annual_margin, value.tenure_months, value.products,
//! value.open_accounts, value.lifetime_value. nullopt for an unknown name or a missing value.
std::optional<double> ValueMeasure(const CustomerValue& value, std::string_view name);
//! The names ValueMeasure knows, in a fixed order.
const std::vector<std::string>& ValueMeasureNames();

}  // namespace credo::decision
