#include "features/financials.h"

#include <algorithm>
#include <cmath>

namespace credo::features {

namespace {

int MonthKey(Date date) { return date.year() * 12 + date.month() - 1; }

//! out.flow = a.flow + sign * b.flow for every income and cash-flow item.
void AddFlows(FinancialStatement& out, const FinancialStatement& b, int64_t sign) {
  out.revenue += sign * b.revenue;
  out.cost_of_goods_sold += sign * b.cost_of_goods_sold;
  out.gross_profit += sign * b.gross_profit;
  out.ebitda += sign * b.ebitda;
  out.ebit += sign * b.ebit;
  out.interest_expense += sign * b.interest_expense;
  out.net_income += sign * b.net_income;
  out.operating_cash_flow += sign * b.operating_cash_flow;
  out.investing_cash_flow += sign * b.investing_cash_flow;
  out.financing_cash_flow += sign * b.financing_cash_flow;
  out.capital_expenditure += sign * b.capital_expenditure;
  out.debt_repayment += sign * b.debt_repayment;
}

void ScaleFlows(FinancialStatement& s, double factor) {
  auto scale = [factor](int64_t& v) { v = std::llround(static_cast<double>(v) * factor); };
  scale(s.revenue);
  scale(s.cost_of_goods_sold);
  scale(s.gross_profit);
  scale(s.ebitda);
  scale(s.ebit);
  scale(s.interest_expense);
  scale(s.net_income);
  scale(s.operating_cash_flow);
  scale(s.investing_cash_flow);
  scale(s.financing_cash_flow);
  scale(s.capital_expenditure);
  scale(s.debt_repayment);
}

const FinancialStatement* FindPeriod(std::span<const FinancialStatement> statements, Date as_of,
                                     int month_key, int period_months) {
  for (const FinancialStatement& s : statements) {
    if (s.period_end <= as_of && s.period_months == period_months &&
        MonthKey(s.period_end) == month_key) {
      return &s;
    }
  }
  return nullptr;
}

}  // namespace

std::optional<FinancialBasis> SelectFinancialBasis(std::span<const FinancialStatement> statements,
                                                   Date as_of) {
  const FinancialStatement* latest = nullptr;
  const FinancialStatement* latest_annual = nullptr;
  for (const FinancialStatement& s : statements) {
    if (s.period_end > as_of || s.period_months <= 0) continue;
    if (!latest || s.period_end > latest->period_end ||
        (s.period_end == latest->period_end && s.period_months > latest->period_months)) {
      latest = &s;
    }
    if (s.period_months == 12 && (!latest_annual || s.period_end > latest_annual->period_end)) {
      latest_annual = &s;
    }
  }
  if (latest == nullptr) return std::nullopt;
  FinancialBasis basis;
  basis.balance_sheet = *latest;
  const int key = MonthKey(latest->period_end);
  const int months = latest->period_months;
  if (const FinancialStatement* prior = FindPeriod(statements, as_of, key - 12, months)) {
    basis.year_earlier = *prior;
  }
  if (months == 12) {
    basis.flows = *latest;
    basis.basis = FlowsBasis::kAnnual;
    return basis;
  }
  const FinancialStatement* annual =
      months < 12 ? FindPeriod(statements, as_of, key - months, 12) : nullptr;
  if (annual != nullptr && basis.year_earlier) {
    FinancialStatement flows = *annual;
    AddFlows(flows, *latest, 1);
    AddFlows(flows, *basis.year_earlier, -1);
    basis.flows = flows;
    basis.flows.period_end = latest->period_end;
    basis.flows.period_months = 12;
    basis.basis = FlowsBasis::kTrailingTwelveMonths;
  } else if (latest_annual != nullptr) {
    basis.flows = *latest_annual;
    basis.basis = FlowsBasis::kAnnual;
  } else {
    basis.flows = *latest;
    ScaleFlows(basis.flows, 12.0 / months);
    basis.flows.period_months = 12;
    basis.basis = FlowsBasis::kAnnualised;
  }
  return basis;
}

std::optional<double> AltmanZDoublePrime(const FinancialStatement& s, double ebit) {
  if (s.total_assets <= 0) return std::nullopt;
  const double assets = static_cast<double>(s.total_assets);
  const double x1 = static_cast<double>(s.current_assets - s.current_liabilities) / assets;
  const double x2 = static_cast<double>(s.retained_earnings) / assets;
  const double x3 = ebit / assets;
  double x4 = 10.0;
  if (s.total_liabilities > 0) {
    x4 = std::clamp(static_cast<double>(s.equity) / static_cast<double>(s.total_liabilities),
                    -10.0, 10.0);
  }
  return 6.56 * x1 + 3.26 * x2 + 6.72 * x3 + 1.05 * x4;
}

AltmanZone AltmanZDoublePrimeZone(double z) {
  if (z > 2.60) return AltmanZone::kSafe;
  if (z < 1.10) return AltmanZone::kDistress;
  return AltmanZone::kGrey;
}

double PaydexForDaysBeyondTerms(double dbt) {
  struct Point {
    double dbt;
    double score;
  };
  static constexpr Point kTable[] = {{-30, 100}, {-20, 90}, {0, 80},   {15, 70},  {22, 60},
                                     {30, 50},   {60, 40},  {90, 30},  {120, 20}, {180, 1}};
  if (dbt <= kTable[0].dbt) return kTable[0].score;
  for (size_t i = 1; i < std::size(kTable); ++i) {
    if (dbt <= kTable[i].dbt) {
      const Point& a = kTable[i - 1];
      const Point& b = kTable[i];
      return a.score + (b.score - a.score) * (dbt - a.dbt) / (b.dbt - a.dbt);
    }
  }
  return 1.0;
}

std::optional<double> Paydex(std::span<const TradeExperience> experiences) {
  double weighted = 0, weights = 0;
  for (const TradeExperience& e : experiences) {
    if (!(e.amount > 0) || !std::isfinite(e.days_beyond_terms)) continue;
    weighted += e.amount * PaydexForDaysBeyondTerms(e.days_beyond_terms);
    weights += e.amount;
  }
  if (weights <= 0) return std::nullopt;
  return std::clamp(std::round(weighted / weights), 1.0, 100.0);
}

std::optional<double> DaysBeyondTermsForStatus(PaymentStatus status) {
  switch (status) {
    case PaymentStatus::kCurrent:
    case PaymentStatus::kZeroBalance: return 0.0;
    case PaymentStatus::kPastDue30: return 45.0;
    case PaymentStatus::kPastDue60: return 75.0;
    case PaymentStatus::kPastDue90: return 105.0;
    case PaymentStatus::kPastDue120: return 135.0;
    case PaymentStatus::kPastDue150: return 165.0;
    case PaymentStatus::kPastDue180:
    case PaymentStatus::kCollection:
    case PaymentStatus::kForeclosure:
    case PaymentStatus::kVoluntarySurrender:
    case PaymentStatus::kRepossession:
    case PaymentStatus::kChargeOff: return 195.0;
    case PaymentStatus::kNoHistory:
    case PaymentStatus::kNoData: return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace credo::features
