#include "features/company_attributes.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "features/financials.h"
#include "features/internal/account_view.h"
#include "features/internal/events.h"
#include "features/internal/ratio.h"

namespace credo::features {

namespace {

using internal::AccountView;
using internal::DenominatorRule;
using internal::Ratio;
using C = CompanyAttribute;

constexpr double kDaysCap = 3650.0;

class Values {
 public:
  explicit Values(std::vector<AttributeValue>& values) : values_(values) {}
  void Set(C id, double value) { values_[static_cast<int>(id)] = value; }
  void Set(C id, std::optional<double> value) { values_[static_cast<int>(id)] = value; }
  const AttributeValue& Get(C id) const { return values_[static_cast<int>(id)]; }

 private:
  std::vector<AttributeValue>& values_;
};

double D(int64_t v) { return static_cast<double>(v); }

std::optional<double> Days(int64_t numerator, int64_t denominator) {
  return Ratio(D(numerator) * 365.0, D(denominator), DenominatorRule::kMissingIfNotPositive,
               kDaysCap);
}

void FinancialAttributes(const FinancialBasis& basis, Date as_of, Values& out) {
  const FinancialStatement& b = basis.balance_sheet;
  const FinancialStatement& f = basis.flows;
  const int64_t debt = b.short_term_debt + b.long_term_debt;
  out.Set(C::kStatementAgeMonths, as_of.MonthsSince(b.period_end));
  out.Set(C::kFlowsBasis, static_cast<int>(basis.basis));
  out.Set(C::kRevenue, D(f.revenue));
  out.Set(C::kTotalAssets, D(b.total_assets));
  out.Set(C::kWorkingCapital, D(b.current_assets - b.current_liabilities));
  // Liquidity.
  out.Set(C::kCurrentRatio,
          Ratio(D(b.current_assets), D(b.current_liabilities), DenominatorRule::kCapIfZero));
  out.Set(C::kQuickRatio, Ratio(D(b.current_assets - b.inventory), D(b.current_liabilities),
                                DenominatorRule::kCapIfZero));
  out.Set(C::kCashRatio, Ratio(D(b.cash), D(b.current_liabilities), DenominatorRule::kCapIfZero));
  out.Set(C::kCfoToCurrentLiabilities, Ratio(D(f.operating_cash_flow), D(b.current_liabilities),
                                             DenominatorRule::kCapIfZero));
  // Leverage.
  out.Set(C::kDebtToEquity, Ratio(D(debt), D(b.equity), DenominatorRule::kWorstIfNotPositive));
  out.Set(C::kLiabilitiesToAssets, Ratio(D(b.total_liabilities), D(b.total_assets),
                                         DenominatorRule::kMissingIfNotPositive));
  out.Set(C::kDebtToEbitda, Ratio(D(debt), D(f.ebitda), DenominatorRule::kWorstIfNotPositive));
  out.Set(C::kNetDebtToEbitda,
          Ratio(D(debt - b.cash), D(f.ebitda), DenominatorRule::kWorstIfNotPositive));
  // Coverage.
  out.Set(C::kEbitInterestCoverage,
          Ratio(D(f.ebit), D(f.interest_expense), DenominatorRule::kCapIfZero));
  out.Set(C::kEbitdaInterestCoverage,
          Ratio(D(f.ebitda), D(f.interest_expense), DenominatorRule::kCapIfZero));
  out.Set(C::kDscr, Ratio(D(f.ebitda), D(f.debt_repayment + f.interest_expense),
                          DenominatorRule::kCapIfZero));
  const int64_t ffo = f.net_income + (f.ebitda - f.ebit);
  out.Set(C::kFfoToDebt, Ratio(D(ffo), D(debt), DenominatorRule::kCapIfZero));
  out.Set(C::kCfoToDebt, Ratio(D(f.operating_cash_flow), D(debt), DenominatorRule::kCapIfZero));
  // Profitability.
  std::optional<int64_t> gross;
  if (f.gross_profit != 0) {
    gross = f.gross_profit;
  } else if (f.cost_of_goods_sold != 0) {
    gross = f.revenue - f.cost_of_goods_sold;
  }
  if (gross) {
    out.Set(C::kGrossMargin,
            Ratio(D(*gross), D(f.revenue), DenominatorRule::kMissingIfNotPositive));
  }
  out.Set(C::kEbitdaMargin,
          Ratio(D(f.ebitda), D(f.revenue), DenominatorRule::kMissingIfNotPositive));
  out.Set(C::kNetMargin,
          Ratio(D(f.net_income), D(f.revenue), DenominatorRule::kMissingIfNotPositive));
  out.Set(C::kReturnOnAssets,
          Ratio(D(f.net_income), D(b.total_assets), DenominatorRule::kMissingIfNotPositive));
  out.Set(C::kReturnOnEquity,
          Ratio(D(f.net_income), D(b.equity), DenominatorRule::kMissingIfNotPositive));
  out.Set(C::kReturnOnInvestedCapital,
          Ratio(D(f.ebit), D(debt + b.equity), DenominatorRule::kMissingIfNotPositive));
  // Efficiency.
  const auto dso = Days(b.accounts_receivable, f.revenue);
  const auto dio = Days(b.inventory, f.cost_of_goods_sold);
  const auto dpo = Days(b.accounts_payable, f.cost_of_goods_sold);
  out.Set(C::kDso, dso);
  out.Set(C::kDio, dio);
  out.Set(C::kDpo, dpo);
  if (dso && dio && dpo) out.Set(C::kCashConversionCycle, *dso + *dio - *dpo);
  out.Set(C::kAssetTurnover,
          Ratio(D(f.revenue), D(b.total_assets), DenominatorRule::kMissingIfNotPositive));
  // Quality.
  out.Set(C::kCfoToNetIncome, Ratio(D(f.operating_cash_flow), D(f.net_income),
                                    DenominatorRule::kMissingIfNotPositive));
  if (basis.year_earlier) {
    auto growth = Ratio(D(b.revenue - basis.year_earlier->revenue),
                        D(basis.year_earlier->revenue), DenominatorRule::kMissingIfNotPositive);
    out.Set(C::kRevenueGrowth, growth);
  }
  if (b.total_assets > 0) {
    const double gap = std::abs(D(b.total_assets - b.total_liabilities - b.equity));
    out.Set(C::kBalanceSheetBalances, gap <= 0.005 * D(b.total_assets) ? 1.0 : 0.0);
  }
  out.Set(C::kNegativeEquity, b.equity < 0 ? 1.0 : 0.0);
  if (auto z = AltmanZDoublePrime(b, D(f.ebit))) {
    out.Set(C::kAltmanZDoublePrime, *z);
    out.Set(C::kAltmanZone, static_cast<int>(AltmanZDoublePrimeZone(*z)));
    out.Set(C::kEmScore, 3.25 + *z);
  }
}

void PaymentIndexAttributes(std::span<const AccountView> accounts, Currency currency,
                            Values& out) {
  std::vector<TradeExperience> experiences;
  double weighted_dbt = 0, weights = 0;
  for (const AccountView& a : accounts) {
    if (a.latest_known_offset < 0 || a.latest_known_offset >= 24 || a.currency != currency) {
      continue;
    }
    auto dbt = DaysBeyondTermsForStatus(a.statuses[a.latest_known_offset]);
    if (!dbt) continue;
    double amount = 0;
    if (a.high_credit) {
      amount = D(*a.high_credit);
    } else if (a.balance && *a.balance > 0) {
      amount = D(*a.balance);
    } else if (a.credit_limit) {
      amount = D(*a.credit_limit);
    }
    if (amount <= 0) continue;
    experiences.push_back({amount, *dbt});
    weighted_dbt += amount * *dbt;
    weights += amount;
  }
  out.Set(C::kTradeExperiences24m, static_cast<double>(experiences.size()));
  if (auto paydex = Paydex(experiences)) {
    out.Set(C::kPaydex, *paydex);
    out.Set(C::kPaydexBand, *paydex >= 80 ? 0.0 : *paydex >= 50 ? 1.0 : 2.0);
    out.Set(C::kWeightedDaysBeyondTerms, weighted_dbt / weights);
  }
}

void PublicRecordAttributes(const CreditFile& file, Currency currency, Values& out) {
  int judgments = 0, judgments_open = 0, enforcement = 0, dishonest = 0, tax = 0, penalties = 0,
      penalties_24m = 0;
  double tax_open_amount = 0;
  for (const PublicRecord& r : file.public_records) {
    if (r.filed_on > file.as_of) continue;
    const bool open = internal::IsOpenOn(r, file.as_of);
    switch (r.kind) {
      case PublicRecordKind::kCivilJudgment:
        ++judgments;
        judgments_open += open;
        break;
      case PublicRecordKind::kCourtEnforcement: enforcement += open; break;
      case PublicRecordKind::kDishonestDebtor:
        enforcement += open;
        dishonest += open;
        break;
      case PublicRecordKind::kTaxArrears:
      case PublicRecordKind::kTaxLien:
        ++tax;
        if (open && (r.amount.currency == currency || currency == Currency())) {
          tax_open_amount += D(r.amount.minor_units);
        }
        break;
      case PublicRecordKind::kAdministrativePenalty:
        ++penalties;
        penalties_24m += internal::InMonthsWindow(r.filed_on, file.as_of, 24);
        break;
      case PublicRecordKind::kBankruptcy: break;
    }
  }
  out.Set(C::kJudgmentsTotal, judgments);
  out.Set(C::kJudgmentsOpen, judgments_open);
  out.Set(C::kEnforcementEntriesOpen, enforcement);
  out.Set(C::kDishonestDebtor, dishonest > 0 ? 1.0 : 0.0);
  out.Set(C::kTaxArrearsCount, tax);
  out.Set(C::kTaxArrearsOpenAmount, tax_open_amount);
  out.Set(C::kPenaltiesCount, penalties);
  out.Set(C::kPenalties24m, penalties_24m);
}

bool IsSelf(const CreditFile& file, SubjectId id) {
  return id == file.subject.id || id == file.requested_id;
}

// A guarantee counts while known and in force on as_of (RelationKnownOn, until after as_of). Its
// amount is summed only when it is the amount known then: a guarantee the store wrote again
// after as_of (it keeps the latest amount only) leaves the sum, and the leverage, missing.
void GuaranteeAttributes(const CreditFile& file, Currency currency,
                         const std::optional<FinancialBasis>& basis, Values& out) {
  int given = 0, received = 0;
  double given_amount = 0;
  bool amount_known = true;
  for (const RelationRow& row : file.relations) {
    const Relation& r = row.relation;
    if (r.kind != RelationKind::kGuarantee) continue;
    if (!RelationKnownOn(file, row) || (r.until && *r.until <= file.as_of)) continue;
    if (IsSelf(file, r.from)) {
      ++given;
      if (r.amount.currency == currency || currency == Currency()) {
        if (RelationAmountKnownOn(file, row)) {
          given_amount += D(r.amount.minor_units);
        } else {
          amount_known = false;
        }
      }
    } else if (IsSelf(file, r.to)) {
      ++received;
    }
  }
  out.Set(C::kGuaranteesGivenCount, given);
  out.Set(C::kGuaranteesReceivedCount, received);
  if (!amount_known) return;
  out.Set(C::kGuaranteesGivenAmount, given_amount);
  if (basis) {
    out.Set(C::kGuaranteesToNetAssets, Ratio(given_amount, D(basis->balance_sheet.equity),
                                             DenominatorRule::kWorstIfNotPositive));
  }
}

void CreditAttributes(const CreditFile& file, std::span<const AccountView> accounts,
                      Currency currency, Values& out) {
  int open = 0, worst = -1;
  double balance = 0, past_due = 0;
  for (const AccountView& a : accounts) {
    open += a.open;
    if (a.currency == currency) {
      if (!a.collection && a.balance) balance += D(*a.balance);
      if (a.past_due) past_due += D(*a.past_due);
    }
    if (a.latest_known_offset >= 0 && a.latest_known_offset < 12) {
      worst = std::max(worst, a.WorstSeverity(12));
    }
  }
  out.Set(C::kLoansOpen, open);
  out.Set(C::kLoanBalance, balance);
  out.Set(C::kLoanPastDue, past_due);
  if (worst >= 0) out.Set(C::kLoanWorstStatus12m, worst);
  out.Set(C::kCreditInquiries12m,
          internal::CountHardInquiries(file.inquiries, file.as_of, 12).inquiries);
}

}  // namespace

AttributeSet ComputeCompanyAttributes(const CreditFile& file) {
  AttributeSet set;
  set.subject_id = file.subject.id;
  set.kind = SubjectKind::kOrganization;
  set.as_of = file.as_of;
  set.definitions = CompanyAttributeDefinitions();
  set.values.assign(kCompanyAttributeCount, std::nullopt);
  Values out(set.values);

  const std::optional<Date>& established = file.subject.organization.established_on;
  if (established && *established <= file.as_of) {
    out.Set(C::kCompanyAgeMonths, file.as_of.MonthsSince(*established));
  }
  std::vector<FinancialStatement> statements;
  statements.reserve(file.financial_statements.size());
  for (const FinancialStatementRow& row : file.financial_statements) {
    statements.push_back(row.statement);
  }
  const std::optional<FinancialBasis> basis = SelectFinancialBasis(statements, file.as_of);
  if (basis) FinancialAttributes(*basis, file.as_of, out);

  const std::vector<AccountView> accounts = internal::MakeAccountViews(file);
  const Currency main_currency = internal::MainCurrency(accounts);
  const Currency company_currency = basis ? basis->balance_sheet.currency : main_currency;
  PaymentIndexAttributes(accounts, main_currency, out);
  PublicRecordAttributes(file, company_currency, out);
  GuaranteeAttributes(file, company_currency, basis, out);
  CreditAttributes(file, accounts, main_currency, out);
  return set;
}

CreditFileParts CompanyAttributeParts(CompanyAttribute attribute) {
  using Part = CreditFilePart;
  // Amounts of public records and guarantees are summed in the company's currency: that of its
  // financial statements, else the main currency of its accounts.
  constexpr CreditFileParts kCurrency = {Part::kFinancialStatements, Part::kTradelines};
  switch (attribute) {
    case C::kCompanyAgeMonths: return {};
    case C::kPaydex:
    case C::kPaydexBand:
    case C::kTradeExperiences24m:
    case C::kWeightedDaysBeyondTerms:
    case C::kLoansOpen:
    case C::kLoanBalance:
    case C::kLoanPastDue:
    case C::kLoanWorstStatus12m: return {Part::kTradelines};
    case C::kJudgmentsTotal:
    case C::kJudgmentsOpen:
    case C::kEnforcementEntriesOpen:
    case C::kDishonestDebtor:
    case C::kTaxArrearsCount:
    case C::kPenaltiesCount:
    case C::kPenalties24m: return {Part::kPublicRecords};
    case C::kTaxArrearsOpenAmount: {
      CreditFileParts parts = kCurrency;
      return parts |= {Part::kPublicRecords};
    }
    case C::kGuaranteesGivenCount:
    case C::kGuaranteesReceivedCount: return {Part::kRelations};
    case C::kGuaranteesGivenAmount:
    case C::kGuaranteesToNetAssets: {
      CreditFileParts parts = kCurrency;
      return parts |= {Part::kRelations};
    }
    case C::kCreditInquiries12m: return {Part::kInquiries};
    default: return {Part::kFinancialStatements};  // the ratios of the financial basis
  }
}

}  // namespace credo::features
