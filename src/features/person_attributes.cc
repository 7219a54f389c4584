#include "features/person_attributes.h"

#include <algorithm>
#include <vector>

#include "features/internal/account_view.h"
#include "features/internal/events.h"
#include "features/internal/ratio.h"

namespace credo::features {

namespace {

using internal::AccountView;
using internal::DenominatorRule;
using internal::Ratio;
using P = PersonAttribute;

class Values {
 public:
  explicit Values(std::vector<AttributeValue>& values) : values_(values) {}
  void Set(P id, double value) { values_[static_cast<int>(id)] = value; }
  void Set(P id, std::optional<double> value) { values_[static_cast<int>(id)] = value; }

 private:
  std::vector<AttributeValue>& values_;
};

bool IsInstallment(AccountKind kind) { return kind == AccountKind::kInstallment; }

void TradelineAttributes(std::span<const AccountView> accounts, Date as_of, Values& out) {
  int total = 0, open = 0, revolving = 0, revolving_open = 0, installment = 0,
      installment_open = 0, mortgage = 0, mortgage_open = 0, opened_6m = 0, opened_12m = 0;
  std::optional<Date> oldest, newest;
  double age_sum = 0;
  const Date start_6m = as_of.AddMonths(-6), start_12m = as_of.AddMonths(-12);
  for (const AccountView& a : accounts) {
    ++total;
    open += a.open;
    if (a.revolving) {
      ++revolving;
      revolving_open += a.open;
    } else if (IsInstallment(a.kind)) {
      ++installment;
      installment_open += a.open;
    } else if (a.kind == AccountKind::kMortgage) {
      ++mortgage;
      mortgage_open += a.open;
    }
    // Known accounts were opened on or before as_of, so the windows' upper bound holds.
    opened_6m += a.opened_on > start_6m;
    opened_12m += a.opened_on > start_12m;
    if (!oldest || a.opened_on < *oldest) oldest = a.opened_on;
    if (!newest || a.opened_on > *newest) newest = a.opened_on;
    age_sum += as_of.MonthsSince(a.opened_on);
  }
  out.Set(P::kTradelinesTotal, total);
  out.Set(P::kTradelinesOpen, open);
  out.Set(P::kRevolvingTotal, revolving);
  out.Set(P::kRevolvingOpen, revolving_open);
  out.Set(P::kInstallmentTotal, installment);
  out.Set(P::kInstallmentOpen, installment_open);
  out.Set(P::kMortgageTotal, mortgage);
  out.Set(P::kMortgageOpen, mortgage_open);
  out.Set(P::kAccountsOpened6m, opened_6m);
  out.Set(P::kAccountsOpened12m, opened_12m);
  if (total > 0) {
    out.Set(P::kOldestAccountAge, as_of.MonthsSince(*oldest));
    out.Set(P::kNewestAccountAge, as_of.MonthsSince(*newest));
    out.Set(P::kAverageAccountAge, age_sum / total);
  }
}

void BalanceAttributes(std::span<const AccountView> accounts, Currency currency, Values& out) {
  double total = 0, revolving = 0, installment = 0, mortgage = 0, past_due = 0;
  double revolving_limit = 0, revolving_limited_balance = 0;
  double total_denominator = 0, total_limited_balance = 0;
  double collection_balance = 0;
  std::optional<double> max_utilization;
  int over_75 = 0, with_balance = 0, past_due_accounts = 0, collections = 0;
  for (const AccountView& a : accounts) {
    const bool main_currency = a.currency == currency;
    const double balance = main_currency && a.balance ? static_cast<double>(*a.balance) : 0.0;
    const int latest_severity = a.latest_known_offset >= 0
                                    ? PaymentStatusSeverity(a.statuses[a.latest_known_offset])
                                    : 0;
    if ((a.past_due && *a.past_due > 0) || latest_severity >= 1) ++past_due_accounts;
    if (main_currency && a.past_due) past_due += static_cast<double>(*a.past_due);
    if (a.collection) {
      ++collections;
      collection_balance += balance;
      continue;
    }
    total += balance;
    if (a.revolving) {
      revolving += balance;
    } else if (IsInstallment(a.kind)) {
      installment += balance;
    } else if (a.kind == AccountKind::kMortgage) {
      mortgage += balance;
    }
    if (!a.open || !main_currency) continue;
    if (a.revolving && balance > 0) ++with_balance;
    if (a.revolving && a.credit_limit) {
      const double limit = static_cast<double>(*a.credit_limit);
      revolving_limit += limit;
      revolving_limited_balance += balance;
      const double utilization = balance / limit;
      if (!max_utilization || utilization > *max_utilization) max_utilization = utilization;
      over_75 += utilization >= 0.75;
    }
    std::optional<int64_t> denominator = a.revolving ? a.credit_limit : a.high_credit;
    if (denominator) {
      total_denominator += static_cast<double>(*denominator);
      total_limited_balance += balance;
    }
  }
  out.Set(P::kTotalBalance, total);
  out.Set(P::kRevolvingBalance, revolving);
  out.Set(P::kInstallmentBalance, installment);
  out.Set(P::kMortgageBalance, mortgage);
  out.Set(P::kRevolvingCreditLimit, revolving_limit);
  out.Set(P::kRevolvingUtilization, Ratio(revolving_limited_balance, revolving_limit,
                                          DenominatorRule::kMissingIfNotPositive));
  out.Set(P::kTotalUtilization, Ratio(total_limited_balance, total_denominator,
                                      DenominatorRule::kMissingIfNotPositive));
  if (max_utilization) {
    out.Set(P::kMaxRevolvingUtilization, std::clamp(*max_utilization, 0.0, internal::kRatioCap));
  }
  out.Set(P::kRevolvingOver75, over_75);
  out.Set(P::kRevolvingWithBalance, with_balance);
  out.Set(P::kTotalPastDue, past_due);
  out.Set(P::kAccountsPastDue, past_due_accounts);
  out.Set(P::kCollectionAccounts, collections);
  out.Set(P::kCollectionBalance, collection_balance);
}

void DelinquencyAttributes(std::span<const AccountView> accounts, Values& out) {
  constexpr int kWindows[3] = {6, 12, 24};
  int times[3][3] = {};  // [severity class 30/60/90+][window]
  int worst[4] = {-1, -1, -1, -1};  // 6, 12, 24, 84 months; -1: no known month
  std::optional<int> since_delinquency, since_90;
  int ever_delinquent = 0, derogatory = 0;
  for (const AccountView& a : accounts) {
    bool delinquent = false, derogatory_account = false;
    for (int k = std::max(a.latest_known_offset, 0); k < internal::kViewMonths; ++k) {
      const PaymentStatus status = a.statuses[k];
      if (status == PaymentStatus::kNoData) continue;
      const int severity = PaymentStatusSeverity(status);
      for (int w = 0; w < 3; ++w) {
        if (k < kWindows[w]) worst[w] = std::max(worst[w], severity);
      }
      worst[3] = std::max(worst[3], severity);
      if (severity == 0) continue;
      delinquent = true;
      derogatory_account |= severity >= 7;
      const int level = severity == 1 ? 0 : severity == 2 ? 1 : 2;
      for (int w = 0; w < 3; ++w) times[level][w] += k < kWindows[w];
      if (!since_delinquency || k < *since_delinquency) since_delinquency = k;
      if (severity >= 3 && (!since_90 || k < *since_90)) since_90 = k;
    }
    ever_delinquent += delinquent;
    derogatory += derogatory_account || a.collection;
  }
  const P kWorst[4] = {P::kWorstStatus6m, P::kWorstStatus12m, P::kWorstStatus24m,
                       P::kWorstStatusEver};
  for (int w = 0; w < 4; ++w) {
    if (worst[w] >= 0) out.Set(kWorst[w], worst[w]);
  }
  const P kTimes[3][3] = {{P::kTimes30Dpd6m, P::kTimes30Dpd12m, P::kTimes30Dpd24m},
                          {P::kTimes60Dpd6m, P::kTimes60Dpd12m, P::kTimes60Dpd24m},
                          {P::kTimes90Dpd6m, P::kTimes90Dpd12m, P::kTimes90Dpd24m}};
  for (int level = 0; level < 3; ++level) {
    for (int w = 0; w < 3; ++w) out.Set(kTimes[level][w], times[level][w]);
  }
  if (since_delinquency) out.Set(P::kMonthsSinceDelinquency, *since_delinquency);
  if (since_90) out.Set(P::kMonthsSince90Dpd, *since_90);
  out.Set(P::kAccountsEverDelinquent, ever_delinquent);
  out.Set(P::kDerogatoryAccounts, derogatory);
  if (!accounts.empty()) {
    out.Set(P::kShareNeverDelinquent,
            static_cast<double>(accounts.size() - ever_delinquent) / accounts.size());
  }
}

void InquiryAttributes(const CreditFile& file, Values& out) {
  const int kWindows[4] = {1, 3, 6, 12};
  const P kCounts[4] = {P::kInquiries1m, P::kInquiries3m, P::kInquiries6m, P::kInquiries12m};
  const P kLenders[4] = {P::kInquiryLenders1m, P::kInquiryLenders3m, P::kInquiryLenders6m,
                         P::kInquiryLenders12m};
  for (int w = 0; w < 4; ++w) {
    internal::InquiryCounts counts =
        internal::CountHardInquiries(file.inquiries, file.as_of, kWindows[w]);
    out.Set(kCounts[w], counts.inquiries);
    out.Set(kLenders[w], counts.lenders);
  }
  if (auto latest = internal::LatestHardInquiry(file.inquiries, file.as_of)) {
    out.Set(P::kMonthsSinceInquiry, file.as_of.MonthsSince(*latest));
  }
}

void PublicRecordAttributes(const CreditFile& file, Currency currency, Values& out) {
  int total = 0, open = 0, recent = 0, bankruptcies = 0;
  double open_amount = 0;
  std::optional<Date> latest;
  const Date start_24m = file.as_of.AddMonths(-24);
  for (const PublicRecord& record : file.public_records) {
    if (record.filed_on > file.as_of) continue;
    ++total;
    recent += record.filed_on > start_24m;
    bankruptcies += record.kind == PublicRecordKind::kBankruptcy;
    if (internal::IsOpenOn(record, file.as_of)) {
      ++open;
      if (record.amount.currency == currency || currency == Currency()) {
        open_amount += static_cast<double>(record.amount.minor_units);
      }
    }
    if (!latest || record.filed_on > *latest) latest = record.filed_on;
  }
  out.Set(P::kPublicRecordsTotal, total);
  out.Set(P::kPublicRecordsOpen, open);
  out.Set(P::kPublicRecords24m, recent);
  out.Set(P::kBankruptcies, bankruptcies);
  out.Set(P::kPublicRecordAmountOpen, open_amount);
  if (latest) out.Set(P::kMonthsSincePublicRecord, file.as_of.MonthsSince(*latest));
}

void PaymentAttributes(std::span<const AccountView> accounts, Currency currency, Values& out) {
  double scheduled = 0, actual = 0, balance = 0;
  double revolving_actual = 0, revolving_balance = 0;
  double scheduled_positive = 0, actual_on_scheduled = 0;
  int authorised_user = 0;
  for (const AccountView& a : accounts) {
    authorised_user += a.ecoa_code == '3';
    if (!a.open || !a.terms_known || a.collection || a.currency != currency) continue;
    const double s = static_cast<double>(a.scheduled_payment.value_or(0));
    const double p = static_cast<double>(a.actual_payment.value_or(0));
    const double b = static_cast<double>(a.balance.value_or(0));
    scheduled += s;
    actual += p;
    balance += b;
    if (a.revolving) {
      revolving_actual += p;
      revolving_balance += b;
    }
    if (s > 0) {
      scheduled_positive += s;
      actual_on_scheduled += p;
    }
  }
  out.Set(P::kScheduledPaymentTotal, scheduled);
  out.Set(P::kPaymentToBalance, Ratio(actual, balance, DenominatorRule::kMissingIfNotPositive));
  out.Set(P::kRevolvingPaymentToBalance,
          Ratio(revolving_actual, revolving_balance, DenominatorRule::kMissingIfNotPositive));
  out.Set(P::kActualToScheduled,
          Ratio(actual_on_scheduled, scheduled_positive, DenominatorRule::kMissingIfNotPositive));
  const int total = static_cast<int>(accounts.size());
  out.Set(P::kAuthorizedUserOnly, total > 0 && authorised_user == total ? 1.0 : 0.0);
  out.Set(P::kThinFile, total - authorised_user < 3 ? 1.0 : 0.0);
}

}  // namespace

AttributeSet ComputePersonAttributes(const CreditFile& file) {
  AttributeSet set;
  set.subject_id = file.subject.id;
  set.kind = SubjectKind::kPerson;
  set.as_of = file.as_of;
  set.definitions = PersonAttributeDefinitions();
  set.values.assign(kPersonAttributeCount, std::nullopt);
  Values out(set.values);
  const std::vector<AccountView> accounts = internal::MakeAccountViews(file);
  const Currency currency = internal::MainCurrency(accounts);
  TradelineAttributes(accounts, file.as_of, out);
  BalanceAttributes(accounts, currency, out);
  DelinquencyAttributes(accounts, out);
  InquiryAttributes(file, out);
  PublicRecordAttributes(file, currency, out);
  PaymentAttributes(accounts, currency, out);
  return set;
}

CreditFileParts PersonAttributeParts(PersonAttribute attribute) {
  using Part = CreditFilePart;
  switch (attribute) {
    case P::kInquiries1m:
    case P::kInquiries3m:
    case P::kInquiries6m:
    case P::kInquiries12m:
    case P::kInquiryLenders1m:
    case P::kInquiryLenders3m:
    case P::kInquiryLenders6m:
    case P::kInquiryLenders12m:
    case P::kMonthsSinceInquiry: return {Part::kInquiries};
    case P::kPublicRecordsTotal:
    case P::kPublicRecordsOpen:
    case P::kPublicRecords24m:
    case P::kBankruptcies:
    case P::kMonthsSincePublicRecord: return {Part::kPublicRecords};
    // Summed in the main currency of the accounts.
    case P::kPublicRecordAmountOpen: return {Part::kPublicRecords, Part::kTradelines};
    default: return {Part::kTradelines};
  }
}

}  // namespace credo::features
