// The registry of company attributes: name, type, definition, window and missing rule of each.
// Order must follow enum CompanyAttribute (checked when the registry is first used).
#include <array>
#include <cstdlib>
#include <span>
#include <string_view>

#include "features/company_attributes.h"
#include "features/internal/labels.h"

namespace credo::features {

namespace {

using C = CompanyAttribute;
using V = ValueType;

struct Entry {
  CompanyAttribute id;
  AttributeDefinition definition;
};

constexpr std::string_view kNever = "never missing (0 when the file has nothing to count)";
constexpr std::string_view kAsOf = "as of the date (what was known on it)";
constexpr std::string_view kW12 = "12 months: (as_of - 12 months, as_of]";
constexpr std::string_view kW24 = "24 months: (as_of - 24 months, as_of]";
constexpr std::string_view kM12 = "12 calendar months: the month of as_of and the 11 before it";
constexpr std::string_view kM24 = "24 calendar months: the month of as_of and the 23 before it";
constexpr std::string_view kBalanceSheet =
    "the latest statement with period end on or before as_of";
constexpr std::string_view kFlows =
    "balance items from the latest statement; income and cash-flow items over twelve months "
    "(financial_flows_basis: annual, TTM or annualised)";

AttributeDefinition Def(std::string_view name, ValueType type, std::string_view definition,
                        std::string_view window, std::string_view missing,
                        std::span<const std::string_view> labels = {}) {
  return AttributeDefinition{name, type, definition, window, missing, labels};
}

const std::array<Entry, kCompanyAttributeCount>& Entries() {
  static const std::array<Entry, kCompanyAttributeCount> entries = {{
      {C::kCompanyAgeMonths, Def("company_age_months", V::kMonths, "Whole months from the date of establishment to as_of.", kAsOf, "missing when the establishment date is unknown or after as_of")},
      {C::kStatementAgeMonths, Def("statement_age_months", V::kMonths, "Whole months from the period end of the latest statement to as_of (how fresh the financials are).", kBalanceSheet, "missing when no statement ends on or before as_of")},
      {C::kFlowsBasis, Def("financial_flows_basis", V::kCode, "Where the income and cash-flow items come from: 0 the latest statement covers 12 months; 1 trailing twelve months = last annual + latest interim - the same interim a year earlier; 2 no way to build either, the latest interim scaled by 12 / its months (when an older 12-month statement exists it is used instead, as 0).", kFlows, "missing when no statement ends on or before as_of", internal::FlowsBasisLabels())},
      {C::kRevenue, Def("revenue_12m", V::kAmount, "Revenue over twelve months (minor units of the statement currency).", kFlows, "missing when no statement ends on or before as_of")},
      {C::kTotalAssets, Def("total_assets", V::kAmount, "Total assets of the latest statement (minor units).", kBalanceSheet, "missing when no statement ends on or before as_of")},
      {C::kWorkingCapital, Def("working_capital", V::kAmount, "Current assets - current liabilities (minor units).", kBalanceSheet, "missing when no statement ends on or before as_of")},
      {C::kCurrentRatio, Def("current_ratio", V::kRatio, "Current assets / current liabilities.", kBalanceSheet, std::string_view("missing when no statement ends on or before as_of; current liabilities 0: 999 when the numerator is > 0, else missing; negative current liabilities: missing. Capped at 999."))},
      {C::kQuickRatio, Def("quick_ratio", V::kRatio, "(Current assets - inventory) / current liabilities.", kBalanceSheet, "no statement: missing; current liabilities 0: 999 when the numerator is > 0, else missing; negative: missing. Capped at +/-999.")},
      {C::kCashRatio, Def("cash_ratio", V::kRatio, "Cash / current liabilities.", kBalanceSheet, "no statement: missing; current liabilities 0: 999 when cash > 0, else missing; negative: missing. Capped at 999.")},
      {C::kCfoToCurrentLiabilities, Def("cfo_to_current_liabilities", V::kRatio, "Operating cash flow (12 months) / current liabilities.", kFlows, "no statement: missing; current liabilities 0: 999 when CFO > 0, else missing; negative: missing. Capped at +/-999.")},
      {C::kDebtToEquity, Def("debt_to_equity", V::kRatio, "(Short-term + long-term debt) / equity.", kBalanceSheet, "no statement: missing; equity 0 or negative: 999 (worst) when debt > 0, 0 when debt is 0 (see negative_equity_flag). Capped at 999.")},
      {C::kLiabilitiesToAssets, Def("liabilities_to_assets", V::kRatio, "Total liabilities / total assets (资产负债率).", kBalanceSheet, "no statement or total assets 0 or negative: missing. Capped at 999.")},
      {C::kDebtToEbitda, Def("debt_to_ebitda", V::kRatio, "(Short-term + long-term debt) / EBITDA (12 months).", kFlows, "no statement: missing; EBITDA 0 or negative: 999 (worst) when debt > 0, 0 when debt is 0. Capped at 999.")},
      {C::kNetDebtToEbitda, Def("net_debt_to_ebitda", V::kRatio, "(Debt - cash) / EBITDA (12 months); negative when cash exceeds debt.", kFlows, "no statement: missing; EBITDA 0 or negative: 999 when net debt > 0, 0 when net debt is 0, missing when net debt < 0. Capped at +/-999.")},
      {C::kEbitInterestCoverage, Def("ebit_interest_coverage", V::kRatio, "EBIT / interest expense (12 months).", kFlows, "no statement: missing; interest 0: 999 when EBIT > 0, else missing; negative interest: missing. Capped at +/-999.")},
      {C::kEbitdaInterestCoverage, Def("ebitda_interest_coverage", V::kRatio, "EBITDA / interest expense (12 months).", kFlows, "no statement: missing; interest 0: 999 when EBITDA > 0, else missing; negative interest: missing. Capped at +/-999.")},
      {C::kDscr, Def("debt_service_coverage_ratio", V::kRatio, "DSCR = cash available for debt service / debt service, with cash available = EBITDA and debt service = principal repaid + interest expense (12 months).", kFlows, "no statement: missing; debt service 0: 999 when EBITDA > 0, else missing; negative: missing. Capped at +/-999.")},
      {C::kFfoToDebt, Def("ffo_to_debt", V::kRatio, "Funds from operations / debt, FFO = net income + depreciation and amortisation (EBITDA - EBIT), 12 months.", kFlows, "no statement: missing; debt 0: 999 when FFO > 0, else missing. Capped at +/-999.")},
      {C::kCfoToDebt, Def("cfo_to_debt", V::kRatio, "Operating cash flow / debt (12 months).", kFlows, "no statement: missing; debt 0: 999 when CFO > 0, else missing. Capped at +/-999.")},
      {C::kGrossMargin, Def("gross_margin", V::kRatio, "Gross profit / revenue; gross profit is the reported figure, or revenue - COGS when it is 0 and COGS is not.", kFlows, "no statement, revenue 0 or negative, or neither gross profit nor COGS reported: missing. Capped at +/-999.")},
      {C::kEbitdaMargin, Def("ebitda_margin", V::kRatio, "EBITDA / revenue.", kFlows, "no statement or revenue 0 or negative: missing. Capped at +/-999.")},
      {C::kNetMargin, Def("net_margin", V::kRatio, "Net income / revenue.", kFlows, "no statement or revenue 0 or negative: missing. Capped at +/-999.")},
      {C::kReturnOnAssets, Def("return_on_assets", V::kRatio, "Net income (12 months) / total assets at period end.", kFlows, "no statement or total assets 0 or negative: missing.")},
      {C::kReturnOnEquity, Def("return_on_equity", V::kRatio, "Net income (12 months) / equity at period end.", kFlows, "no statement or equity 0 or negative: missing (see negative_equity_flag). Capped at +/-999.")},
      {C::kReturnOnInvestedCapital, Def("return_on_invested_capital", V::kRatio, "Pre-tax ROIC: EBIT (12 months) / (debt + equity) at period end (no tax rate is assumed).", kFlows, "no statement or invested capital 0 or negative: missing. Capped at +/-999.")},
      {C::kDso, Def("days_sales_outstanding", V::kDays, "DSO = accounts receivable / revenue (12 months) x 365.", kFlows, "no statement or revenue 0 or negative: missing. Capped at 3650 days.")},
      {C::kDio, Def("days_inventory_outstanding", V::kDays, "DIO = inventory / COGS (12 months) x 365.", kFlows, "no statement or COGS 0 or negative: missing. Capped at 3650 days.")},
      {C::kDpo, Def("days_payables_outstanding", V::kDays, "DPO = accounts payable / COGS (12 months) x 365.", kFlows, "no statement or COGS 0 or negative: missing. Capped at 3650 days.")},
      {C::kCashConversionCycle, Def("cash_conversion_cycle", V::kDays, "DSO + DIO - DPO.", kFlows, "missing when any of DSO, DIO, DPO is missing.")},
      {C::kAssetTurnover, Def("asset_turnover", V::kRatio, "Revenue (12 months) / total assets.", kFlows, "no statement or total assets 0 or negative: missing. Capped at 999.")},
      {C::kCfoToNetIncome, Def("cfo_to_net_income", V::kRatio, "Earnings quality: operating cash flow / net income (12 months).", kFlows, "no statement or net income 0 or negative (a loss): missing. Capped at +/-999.")},
      {C::kRevenueGrowth, Def("revenue_growth", V::kRatio, "Revenue of the latest statement / revenue of the statement of the same length ending 12 months earlier - 1.", "the latest statement and the same period a year earlier", "missing when there is no year-earlier statement of the same length or its revenue is 0 or negative. Capped at +/-999.")},
      {C::kBalanceSheetBalances, Def("balance_sheet_balances_flag", V::kFlag, "1 when |total assets - (total liabilities + equity)| is at most 0.5% of total assets, else 0 (a data quality check).", kBalanceSheet, "missing when there is no statement or total assets are 0 or negative")},
      {C::kNegativeEquity, Def("negative_equity_flag", V::kFlag, "1 when equity is below 0, else 0.", kBalanceSheet, "missing when no statement ends on or before as_of")},
      {C::kAltmanZDoublePrime, Def("altman_z_double_prime", V::kScore, "Altman Z'' = 6.56 X1 + 3.26 X2 + 6.72 X3 + 1.05 X4; X1 = working capital / TA, X2 = retained earnings / TA, X3 = EBIT (12 months) / TA, X4 = book equity / total liabilities.", kFlows, "missing when there is no statement or total assets are 0 or negative; X4 is clamped to [-10, 10] and is 10 when total liabilities are 0.")},
      {C::kAltmanZone, Def("altman_z_double_prime_zone", V::kCode, "Zone of Z'': 0 safe (above 2.60), 1 grey (1.10 to 2.60, both included), 2 distress (below 1.10).", kFlows, "missing when altman_z_double_prime is missing", internal::AltmanZoneLabels())},
      {C::kEmScore, Def("altman_em_score", V::kScore, "EM score = 3.25 + Z'' (cut-offs 5.85 and 4.35 match the Z'' zones).", kFlows, "missing when altman_z_double_prime is missing")},
      {C::kPaydex, Def("paydex", V::kScore, "PAYDEX-style payment index 1-100: dollar-weighted mean over trade experiences of the DOMAIN.md 3.4 table interpolated at each experience's days beyond terms (-30: 100, -20: 90, 0: 80, 15: 70, 22: 60, 30: 50, 60: 40, 90: 30, 120: 20, linear to 1 at 180, 1 beyond), rounded to the nearest whole number. An experience is a tradeline with a known month in the window: DBT from its latest known month (current 0; 30-59 days past due 45; 60-89 75; 90-119 105; 120-149 135; 150-179 165; 180+ or derogatory 195), weight its high credit, else its latest balance, else its credit limit (main currency).", kM24, "missing (D&B's UN, unavailable) when there is no experience with a weight above 0")},
      {C::kPaydexBand, Def("paydex_band", V::kCode, "0 low risk (PAYDEX 80-100), 1 medium risk (50-79), 2 high risk (1-49).", kM24, "missing when paydex is missing", internal::PaydexBandLabels())},
      {C::kTradeExperiences24m, Def("trade_experiences_24m", V::kCount, "Trade experiences that entered paydex.", kM24, kNever)},
      {C::kWeightedDaysBeyondTerms, Def("weighted_days_beyond_terms", V::kDays, "Dollar-weighted mean days beyond terms over the paydex experiences.", kM24, "missing when paydex is missing")},
      {C::kJudgmentsTotal, Def("judgments_total", V::kCount, "Civil judgments filed on or before as_of.", kAsOf, kNever)},
      {C::kJudgmentsOpen, Def("judgments_open", V::kCount, "Civil judgments filed on or before as_of and not resolved on or before as_of.", kAsOf, kNever)},
      {C::kEnforcementEntriesOpen, Def("enforcement_entries_open", V::kCount, "Open court-enforcement (强制执行) and dishonest-debtor (失信被执行人) records.", kAsOf, kNever)},
      {C::kDishonestDebtor, Def("dishonest_debtor_flag", V::kFlag, "1 when an open dishonest-debtor (失信被执行人) record exists on as_of, else 0.", kAsOf, kNever)},
      {C::kTaxArrearsCount, Def("tax_arrears_total", V::kCount, "Tax arrears (欠税) and tax lien records filed on or before as_of.", kAsOf, kNever)},
      {C::kTaxArrearsOpenAmount, Def("tax_arrears_open_amount", V::kAmount, "Sum of amounts of open tax arrears and tax liens (minor units of the company currency: the latest statement's, else the tradelines' main currency; records in another currency are left out).", kAsOf, kNever)},
      {C::kPenaltiesCount, Def("administrative_penalties_total", V::kCount, "Administrative penalties (行政处罚) filed on or before as_of.", kAsOf, kNever)},
      {C::kPenalties24m, Def("administrative_penalties_24m", V::kCount, "Administrative penalties filed in the window.", kW24, kNever)},
      {C::kGuaranteesGivenCount, Def("guarantees_given_total", V::kCount, "Guarantee relations from this company to a borrower known and in force on as_of: begun on or before as_of (since; without one, recorded by the bureau on or before as_of) and not ended (until unset or after as_of).", kAsOf, kNever)},
      {C::kGuaranteesGivenAmount, Def("guarantees_given_amount", V::kAmount, "Sum of the amounts of guarantees given known and in force on as_of (company currency, minor units).", kAsOf, "missing when a guarantee counted was written again by the bureau after as_of (the store keeps a relation's latest amount only, so the amount known on as_of is lost); else never missing (0 when there are none)")},
      {C::kGuaranteesToNetAssets, Def("guarantees_to_net_assets", V::kRatio, "Guarantee leverage: guarantees_given_amount / equity of the latest statement.", kBalanceSheet, "missing without a statement or when guarantees_given_amount is missing; equity 0 or negative: 999 (worst) when guarantees > 0, 0 when there are none. Capped at 999.")},
      {C::kGuaranteesReceivedCount, Def("guarantees_received_total", V::kCount, "Guarantee relations known and in force on as_of (as for guarantees_given_total) in which this company is the borrower.", kAsOf, kNever)},
      {C::kLoansOpen, Def("credit_accounts_open", V::kCount, "Open credit accounts (tradelines) of the company, as tradelines_open for persons.", kAsOf, kNever)},
      {C::kLoanBalance, Def("credit_balance_total", V::kAmount, "Sum of latest known balances of the company's non-collection tradelines (main currency, minor units).", kAsOf, kNever)},
      {C::kLoanPastDue, Def("credit_past_due_total", V::kAmount, "Sum of latest known past-due amounts of the company's tradelines (main currency, minor units).", kAsOf, kNever)},
      {C::kLoanWorstStatus12m, Def("credit_worst_status_12m", V::kCode, "Worst monthly payment status over the company's tradelines in the window.", kM12, "missing when no tradeline has a known month in the window", internal::WorstStatusLabels())},
      {C::kCreditInquiries12m, Def("credit_inquiries_12m", V::kCount, "Hard inquiries about the company dated in the window.", kW12, kNever)},
  }};
  return entries;
}

}  // namespace

std::span<const AttributeDefinition> CompanyAttributeDefinitions() {
  static const std::array<AttributeDefinition, kCompanyAttributeCount> definitions = [] {
    std::array<AttributeDefinition, kCompanyAttributeCount> out{};
    const auto& entries = Entries();
    for (int i = 0; i < kCompanyAttributeCount; ++i) {
      if (static_cast<int>(entries[i].id) != i) std::abort();  // table out of enum order
      out[i] = entries[i].definition;
    }
    return out;
  }();
  return definitions;
}

}  // namespace credo::features
