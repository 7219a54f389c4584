// credo features: the attributes of a company (financial ratios of DOMAIN.md 4.1, Altman Z''
// and its zone, a PAYDEX-style payment index, public records, guarantees, credit accounts).
//
// ComputeCompanyAttributes reads only the CreditFile (pure). Definitions, windows and the
// zero/negative denominator rule of each: CompanyAttributeDefinitions() and
// docs/features/company.md.
#pragma once

#include "features/attribute.h"
#include "features/credit_file.h"

namespace credo::features {

enum class CompanyAttribute : int {
  kCompanyAgeMonths,
  kStatementAgeMonths,
  kFlowsBasis,
  kRevenue,
  kTotalAssets,
  kWorkingCapital,
  kCurrentRatio,
  kQuickRatio,
  kCashRatio,
  kCfoToCurrentLiabilities,
  kDebtToEquity,
  kLiabilitiesToAssets,
  kDebtToEbitda,
  kNetDebtToEbitda,
  kEbitInterestCoverage,
  kEbitdaInterestCoverage,
  kDscr,
  kFfoToDebt,
  kCfoToDebt,
  kGrossMargin,
  kEbitdaMargin,
  kNetMargin,
  kReturnOnAssets,
  kReturnOnEquity,
  kReturnOnInvestedCapital,
  kDso,
  kDio,
  kDpo,
  kCashConversionCycle,
  kAssetTurnover,
  kCfoToNetIncome,
  kRevenueGrowth,
  kBalanceSheetBalances,
  kNegativeEquity,
  kAltmanZDoublePrime,
  kAltmanZone,
  kEmScore,
  kPaydex,
  kPaydexBand,
  kTradeExperiences24m,
  kWeightedDaysBeyondTerms,
  kJudgmentsTotal,
  kJudgmentsOpen,
  kEnforcementEntriesOpen,
  kDishonestDebtor,
  kTaxArrearsCount,
  kTaxArrearsOpenAmount,
  kPenaltiesCount,
  kPenalties24m,
  kGuaranteesGivenCount,
  kGuaranteesGivenAmount,
  kGuaranteesToNetAssets,
  kGuaranteesReceivedCount,
  kLoansOpen,
  kLoanBalance,
  kLoanPastDue,
  kLoanWorstStatus12m,
  kCreditInquiries12m,
  kCount,
};

inline constexpr int kCompanyAttributeCount = static_cast<int>(CompanyAttribute::kCount);

//! The attributes of a company's file as of file.as_of.
AttributeSet ComputeCompanyAttributes(const CreditFile& file);

//! The parts of a credit file `attribute` reads; the subject alone for the company's age.
CreditFileParts CompanyAttributeParts(CompanyAttribute attribute);

}  // namespace credo::features
