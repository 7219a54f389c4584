#include "decision/customer_value.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "decision/internal/accounts.h"

namespace credo::decision {

namespace {

double RateOf(AccountKind kind, const ValueAssumptions& a) {
  switch (kind) {
    case AccountKind::kRevolving:
      return a.revolving_rate;
    case AccountKind::kInstallment:
      return a.installment_rate;
    case AccountKind::kMortgage:
      return a.mortgage_rate;
    case AccountKind::kLineOfCredit:
      return a.line_of_credit_rate;
    case AccountKind::kCollection:
      return 0;
    default:
      return a.other_rate;
  }
}

}  // namespace

double LifetimeValue(double annual_margin, double retention, double discount_rate,
                     int horizon_years) {
  double total = 0;
  double survive = 1;  // r^(t-1)
  double discount = 1;
  for (int t = 1; t <= horizon_years; ++t) {
    discount *= 1 + discount_rate;
    total += annual_margin * survive / discount;
    survive *= retention;
  }
  return total;
}

CustomerValue ComputeCustomerValue(const features::CreditFile& file,
                                   const ValueAssumptions& assumptions, std::optional<double> pd,
                                   std::optional<double> attrition_probability) {
  CustomerValue value;
  const std::vector<internal::AccountState> accounts = internal::AccountStates(file);
  value.currency = assumptions.currency;
  if (value.currency.empty()) {
    // No bureau currency given: the one most open accounts are in.
    std::map<std::string, int> by_currency;
    for (const auto& account : accounts) {
      if (account.open) ++by_currency[account.currency];
    }
    for (const auto& [currency, count] : by_currency) {
      if (value.currency.empty() || count > by_currency[value.currency]) value.currency = currency;
    }
  }
  std::set<AccountKind> kinds;
  int delinquent_months = 0;
  for (const auto& account : accounts) {
    if (!value.tenure_months || file.as_of.MonthsSince(account.opened_on) > *value.tenure_months) {
      value.tenure_months = std::max(0, file.as_of.MonthsSince(account.opened_on));
    }
    if (!account.open) continue;
    if (account.currency != value.currency) {
      ++value.other_currency_accounts;
      ++value.other_currencies[account.currency];
      continue;
    }
    ++value.open_accounts;
    kinds.insert(account.kind);
    const int64_t balance = std::max<int64_t>(0, account.balance);
    value.balance += balance;
    value.credit_limit += account.credit_limit;
    switch (account.kind) {
      case AccountKind::kRevolving:
      case AccountKind::kLineOfCredit:
        value.revolving_balance += balance;
        break;
      case AccountKind::kInstallment:
        value.installment_balance += balance;
        break;
      case AccountKind::kMortgage:
        value.mortgage_balance += balance;
        break;
      default:
        value.other_balance += balance;
        break;
    }
    value.interest_income += static_cast<double>(balance) * RateOf(account.kind, assumptions);
    if (account.kind == AccountKind::kRevolving) {
      value.fee_income += static_cast<double>(assumptions.revolving_annual_fee);
    }
    delinquent_months += account.delinquent_months_12m;
  }
  value.fee_income += static_cast<double>(assumptions.late_fee) * delinquent_months;
  value.products = static_cast<int>(kinds.size());
  value.annual_revenue = value.interest_income + value.fee_income;
  value.funding_cost = static_cast<double>(value.balance) * assumptions.funding_rate;
  value.operating_cost =
      static_cast<double>(assumptions.operating_cost_per_account) * value.open_accounts;
  value.expected_loss =
      pd ? std::clamp(*pd, 0.0, 1.0) * assumptions.loss_given_default * value.balance : 0.0;
  value.annual_margin =
      value.annual_revenue - value.funding_cost - value.operating_cost - value.expected_loss;
  value.retention = attrition_probability ? 1.0 - std::clamp(*attrition_probability, 0.0, 1.0)
                                          : assumptions.retention;
  value.lifetime_value = LifetimeValue(value.annual_margin, value.retention,
                                       assumptions.discount_rate, assumptions.horizon_years);
  return value;
}

const std::vector<std::string>& ValueMeasureNames() {
  static const std::vector<std::string> names = {
      "value.balance",       "value.annual_revenue", "value.annual_margin", "value.tenure_months",
      "value.products",      "value.open_accounts",  "value.lifetime_value"};
  return names;
}

std::optional<double> ValueMeasure(const CustomerValue& value, std::string_view name) {
  if (name == "value.balance") return static_cast<double>(value.balance);
  if (name == "value.annual_revenue") return value.annual_revenue;
  if (name == "value.annual_margin") return value.annual_margin;
  if (name == "value.tenure_months") {
    if (!value.tenure_months) return std::nullopt;
    return static_cast<double>(*value.tenure_months);
  }
  if (name == "value.products") return static_cast<double>(value.products);
  if (name == "value.open_accounts") return static_cast<double>(value.open_accounts);
  if (name == "value.lifetime_value") return value.lifetime_value;
  return std::nullopt;
}

}  // namespace credo::decision
