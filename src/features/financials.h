// credo features: the pure pieces of company assessment, exposed for reuse and testing:
// choosing the statements a ratio reads (balance sheet, TTM flows), Altman Z'' and PAYDEX.
#pragma once

#include <optional>
#include <span>

#include "core/date.h"
#include "core/records.h"
#include "core/tradeline.h"

namespace credo::features {

enum class FlowsBasis { kAnnual = 0, kTrailingTwelveMonths = 1, kAnnualised = 2 };

//! What the ratios of a company read as of a date.
struct FinancialBasis {
  FinancialStatement balance_sheet;  //!< the latest statement with period_end <= as_of
  //! Income and cash-flow items over twelve months: the latest statement when it covers 12
  //! months; else TTM = last annual + latest interim - same interim a year earlier (periods
  //! matched by year and month of period_end); else the latest 12-month statement; else the
  //! latest statement scaled by 12 / period_months.
  FinancialStatement flows;
  FlowsBasis basis = FlowsBasis::kAnnual;
  //! The statement with the same period length ending 12 months before the latest one (growth).
  std::optional<FinancialStatement> year_earlier;
};

//! nullopt when no statement ends on or before as_of.
std::optional<FinancialBasis> SelectFinancialBasis(std::span<const FinancialStatement> statements,
                                                   Date as_of);

//! Altman Z'' (non-manufacturing / emerging markets): 6.56 X1 + 3.26 X2 + 6.72 X3 + 1.05 X4 with
//! X1 = working capital / TA, X2 = retained earnings / TA, X3 = EBIT / TA, X4 = book equity / TL.
//! nullopt when total assets <= 0; X4 is capped at 10 when total liabilities are 0.
std::optional<double> AltmanZDoublePrime(const FinancialStatement& balance_sheet, double ebit);
enum class AltmanZone { kSafe = 0, kGrey = 1, kDistress = 2 };
//! Safe above 2.60, distress below 1.10, grey in between (both cut-offs included in grey).
AltmanZone AltmanZDoublePrimeZone(double z);

//! One trade experience: an amount (the weight) and how many days beyond terms it was paid
//! (negative = early).
struct TradeExperience {
  double amount = 0;
  double days_beyond_terms = 0;
};
//! The PAYDEX table of DOMAIN.md 3.4 interpolated linearly: -30 DBT (or earlier) 100, -20 90,
//! 0 80, 15 70, 22 60, 30 50, 60 40, 90 30, 120 20, then linearly to 1 at 180 DBT and 1 beyond.
double PaydexForDaysBeyondTerms(double days_beyond_terms);
//! Dollar-weighted PAYDEX: round(sum(w * v(DBT)) / sum(w)) over experiences with amount > 0;
//! nullopt ("UN", unavailable) when there is none.
std::optional<double> Paydex(std::span<const TradeExperience> experiences);
//! Days beyond terms assumed for a monthly payment status: current 0, then the middle of each
//! 30-day bucket (45, 75, 105, 135, 165), 180+ and derogatory 195; nullopt for no data.
std::optional<double> DaysBeyondTermsForStatus(PaymentStatus status);

}  // namespace credo::features
