// The registry of person attributes: name, type, definition, window and missing rule of each.
// Order must follow enum PersonAttribute (checked when the registry is first used).
#include <array>
#include <cstdlib>
#include <span>
#include <string_view>

#include "features/internal/labels.h"
#include "features/person_attributes.h"

namespace credo::features {

namespace {

using P = PersonAttribute;
using V = ValueType;

struct Entry {
  PersonAttribute id;
  AttributeDefinition definition;
};

constexpr std::string_view kNever = "never missing (0 when the file has nothing to count)";
constexpr std::string_view kAsOf = "as of the date (what was known on it)";
constexpr std::string_view kKnown = "the known history (up to 84 months)";
constexpr std::string_view kW1 = "1 month: (as_of - 1 month, as_of]";
constexpr std::string_view kW3 = "3 months: (as_of - 3 months, as_of]";
constexpr std::string_view kW6 = "6 months: (as_of - 6 months, as_of]";
constexpr std::string_view kW12 = "12 months: (as_of - 12 months, as_of]";
constexpr std::string_view kW24 = "24 months: (as_of - 24 months, as_of]";
constexpr std::string_view kM6 = "6 calendar months: the month of as_of and the 5 before it";
constexpr std::string_view kM12 = "12 calendar months: the month of as_of and the 11 before it";
constexpr std::string_view kM24 = "24 calendar months: the month of as_of and the 23 before it";
constexpr std::string_view kM84 = "84 calendar months: the month of as_of and the 83 before it";
constexpr std::string_view kNoAccounts = "missing when no tradeline is known on as_of";
constexpr std::string_view kWorstMissing =
    "missing when no tradeline has a known month in the window";
constexpr std::string_view kUtilMissing =
    "missing when the summed limit is 0 (no open revolving account with a known limit > 0); "
    "over-limit balances give values above 1 (capped at 999)";

AttributeDefinition Def(std::string_view name, ValueType type, std::string_view definition,
                        std::string_view window, std::string_view missing,
                        std::span<const std::string_view> labels = {}) {
  return AttributeDefinition{name, type, definition, window, missing, labels};
}

const std::array<Entry, kPersonAttributeCount>& Entries() {
  static const std::array<Entry, kPersonAttributeCount> entries = {{
      {P::kTradelinesTotal, Def("tradelines_total", V::kCount, "Tradelines known on as_of (open or closed, collections included; accounts deleted by their furnisher excluded).", kAsOf, kNever)},
      {P::kTradelinesOpen, Def("tradelines_open", V::kCount, "Known tradelines open on as_of: not closed by a known report (closed date on or before as_of, or a closed/paid/transferred/charge-off/collection account status), latest known month not a collection, foreclosure, surrender, repossession or charge-off, and not a collection account.", kAsOf, kNever)},
      {P::kRevolvingTotal, Def("revolving_tradelines_total", V::kCount, "Known revolving tradelines (account kind revolving or line of credit).", kAsOf, kNever)},
      {P::kRevolvingOpen, Def("revolving_tradelines_open", V::kCount, "Open revolving tradelines (open as in tradelines_open).", kAsOf, kNever)},
      {P::kInstallmentTotal, Def("installment_tradelines_total", V::kCount, "Known installment tradelines (personal, auto, student loans).", kAsOf, kNever)},
      {P::kInstallmentOpen, Def("installment_tradelines_open", V::kCount, "Open installment tradelines.", kAsOf, kNever)},
      {P::kMortgageTotal, Def("mortgage_tradelines_total", V::kCount, "Known mortgage tradelines.", kAsOf, kNever)},
      {P::kMortgageOpen, Def("mortgage_tradelines_open", V::kCount, "Open mortgage tradelines.", kAsOf, kNever)},
      {P::kAccountsOpened6m, Def("accounts_opened_6m", V::kCount, "Known tradelines whose date opened lies in the window.", kW6, kNever)},
      {P::kAccountsOpened12m, Def("accounts_opened_12m", V::kCount, "Known tradelines whose date opened lies in the window.", kW12, kNever)},
      {P::kOldestAccountAge, Def("oldest_account_age_months", V::kMonths, "Whole months from the earliest date opened among known tradelines to as_of.", kAsOf, kNoAccounts)},
      {P::kNewestAccountAge, Def("newest_account_age_months", V::kMonths, "Whole months from the latest date opened among known tradelines to as_of.", kAsOf, kNoAccounts)},
      {P::kAverageAccountAge, Def("average_account_age_months", V::kMonths, "Mean of whole months from date opened to as_of over known tradelines.", kAsOf, kNoAccounts)},
      {P::kTotalBalance, Def("total_balance", V::kAmount, "Sum of the latest known balance of every known tradeline except collection accounts, in the file's main currency (minor units).", kAsOf, kNever)},
      {P::kRevolvingBalance, Def("revolving_balance", V::kAmount, "Sum of latest known balances of revolving tradelines (main currency, minor units).", kAsOf, kNever)},
      {P::kInstallmentBalance, Def("installment_balance", V::kAmount, "Sum of latest known balances of installment tradelines.", kAsOf, kNever)},
      {P::kMortgageBalance, Def("mortgage_balance", V::kAmount, "Sum of latest known balances of mortgage tradelines.", kAsOf, kNever)},
      {P::kRevolvingCreditLimit, Def("revolving_credit_limit", V::kAmount, "Sum of credit limits of open revolving tradelines whose limit is known on as_of (terms known) and positive.", kAsOf, kNever)},
      {P::kRevolvingUtilization, Def("revolving_utilization", V::kRatio, "Sum of balances / sum of credit limits over open revolving tradelines with a known limit > 0 (main currency).", kAsOf, kUtilMissing)},
      {P::kTotalUtilization, Def("total_utilization", V::kRatio, "Sum of balances / sum of denominators over open tradelines with a known positive denominator: the credit limit for revolving accounts, the high credit (original amount) for installment and mortgage accounts.", kAsOf, "missing when no open account has a known positive limit or high credit")},
      {P::kMaxRevolvingUtilization, Def("max_revolving_utilization", V::kRatio, "Largest balance / credit limit over open revolving tradelines with a known limit > 0 (the most used card or line).", kAsOf, kUtilMissing)},
      {P::kRevolvingOver75, Def("revolving_accounts_over_75pct_utilization", V::kCount, "Open revolving tradelines with a known limit > 0 whose balance / limit is at least 0.75.", kAsOf, kNever)},
      {P::kRevolvingWithBalance, Def("revolving_accounts_with_balance", V::kCount, "Open revolving tradelines whose latest known balance is above 0.", kAsOf, kNever)},
      {P::kTotalPastDue, Def("total_past_due", V::kAmount, "Sum of latest known past-due amounts over known tradelines (main currency, minor units).", kAsOf, kNever)},
      {P::kAccountsPastDue, Def("accounts_currently_past_due", V::kCount, "Known tradelines with a latest known past-due amount above 0 or whose latest known month is 30 days or more past due.", kAsOf, kNever)},
      {P::kWorstStatusEver, Def("worst_status_ever", V::kCode, "Worst monthly payment status over all known tradelines (severity 0 current .. 9 charge-off).", kM84, kWorstMissing, internal::WorstStatusLabels())},
      {P::kWorstStatus6m, Def("worst_status_6m", V::kCode, "Worst monthly payment status over all known tradelines in the window.", kM6, kWorstMissing, internal::WorstStatusLabels())},
      {P::kWorstStatus12m, Def("worst_status_12m", V::kCode, "Worst monthly payment status over all known tradelines in the window.", kM12, kWorstMissing, internal::WorstStatusLabels())},
      {P::kWorstStatus24m, Def("worst_status_24m", V::kCode, "Worst monthly payment status over all known tradelines in the window.", kM24, kWorstMissing, internal::WorstStatusLabels())},
      {P::kTimes30Dpd6m, Def("times_30dpd_6m", V::kCount, "Account-months reported 30-59 days past due (status 1) in the window.", kM6, kNever)},
      {P::kTimes30Dpd12m, Def("times_30dpd_12m", V::kCount, "Account-months reported 30-59 days past due in the window.", kM12, kNever)},
      {P::kTimes30Dpd24m, Def("times_30dpd_24m", V::kCount, "Account-months reported 30-59 days past due in the window.", kM24, kNever)},
      {P::kTimes60Dpd6m, Def("times_60dpd_6m", V::kCount, "Account-months reported 60-89 days past due (status 2) in the window.", kM6, kNever)},
      {P::kTimes60Dpd12m, Def("times_60dpd_12m", V::kCount, "Account-months reported 60-89 days past due in the window.", kM12, kNever)},
      {P::kTimes60Dpd24m, Def("times_60dpd_24m", V::kCount, "Account-months reported 60-89 days past due in the window.", kM24, kNever)},
      {P::kTimes90Dpd6m, Def("times_90plus_dpd_6m", V::kCount, "Account-months reported 90 days or more past due, or collection, foreclosure, surrender, repossession or charge-off (statuses 3-6, G, H, J, K, L) in the window.", kM6, kNever)},
      {P::kTimes90Dpd12m, Def("times_90plus_dpd_12m", V::kCount, "Account-months reported 90+ days past due or derogatory in the window.", kM12, kNever)},
      {P::kTimes90Dpd24m, Def("times_90plus_dpd_24m", V::kCount, "Account-months reported 90+ days past due or derogatory in the window.", kM24, kNever)},
      {P::kMonthsSinceDelinquency, Def("months_since_last_delinquency", V::kMonths, "Calendar months from the most recent month reported 30+ days past due or derogatory (any tradeline) to the month of as_of (0: the as_of month itself).", kM84, "missing when no delinquent month is known (never delinquent in the known history)")},
      {P::kMonthsSince90Dpd, Def("months_since_last_90plus_dpd", V::kMonths, "Calendar months from the most recent month reported 90+ days past due or derogatory to the month of as_of.", kM84, "missing when no such month is known")},
      {P::kAccountsEverDelinquent, Def("accounts_ever_delinquent", V::kCount, "Known tradelines with at least one month reported 30+ days past due or derogatory.", kM84, kNever)},
      {P::kDerogatoryAccounts, Def("derogatory_accounts", V::kCount, "Known tradelines with a collection, foreclosure, surrender, repossession or charge-off month, or such an account status in a report known on as_of.", kM84, kNever)},
      {P::kShareNeverDelinquent, Def("share_accounts_never_delinquent", V::kRatio, "Known tradelines never reported 30+ days past due / known tradelines.", kM84, kNoAccounts)},
      {P::kInquiries1m, Def("inquiries_1m", V::kCount, "Hard inquiries (credit applications) dated in the window; soft inquiries are not counted.", kW1, kNever)},
      {P::kInquiries3m, Def("inquiries_3m", V::kCount, "Hard inquiries dated in the window.", kW3, kNever)},
      {P::kInquiries6m, Def("inquiries_6m", V::kCount, "Hard inquiries dated in the window.", kW6, kNever)},
      {P::kInquiries12m, Def("inquiries_12m", V::kCount, "Hard inquiries dated in the window.", kW12, kNever)},
      {P::kInquiryLenders1m, Def("inquiry_lenders_1m", V::kCount, "Distinct institutions (case and surrounding spaces ignored) among hard inquiries in the window: multiple borrowing (多头借贷).", kW1, kNever)},
      {P::kInquiryLenders3m, Def("inquiry_lenders_3m", V::kCount, "Distinct institutions among hard inquiries in the window (多头借贷).", kW3, kNever)},
      {P::kInquiryLenders6m, Def("inquiry_lenders_6m", V::kCount, "Distinct institutions among hard inquiries in the window (多头借贷).", kW6, kNever)},
      {P::kInquiryLenders12m, Def("inquiry_lenders_12m", V::kCount, "Distinct institutions among hard inquiries in the window (多头借贷).", kW12, kNever)},
      {P::kMonthsSinceInquiry, Def("months_since_last_inquiry", V::kMonths, "Whole months from the latest hard inquiry to as_of.", kAsOf, "missing when there is no hard inquiry on or before as_of")},
      {P::kPublicRecordsTotal, Def("public_records_total", V::kCount, "Public records (judgments, liens, tax arrears, bankruptcies, penalties, enforcement) filed on or before as_of.", kAsOf, kNever)},
      {P::kPublicRecordsOpen, Def("public_records_open", V::kCount, "Public records filed on or before as_of and not resolved on or before as_of.", kAsOf, kNever)},
      {P::kPublicRecords24m, Def("public_records_24m", V::kCount, "Public records filed in the window.", kW24, kNever)},
      {P::kBankruptcies, Def("bankruptcies_total", V::kCount, "Bankruptcy public records filed on or before as_of.", kAsOf, kNever)},
      {P::kPublicRecordAmountOpen, Def("public_record_amount_open", V::kAmount, "Sum of amounts of open public records (minor units; records in another currency than the file's main currency are left out).", kAsOf, kNever)},
      {P::kMonthsSincePublicRecord, Def("months_since_last_public_record", V::kMonths, "Whole months from the latest filing date of a public record to as_of.", kAsOf, "missing when no public record was filed on or before as_of")},
      {P::kCollectionAccounts, Def("collection_accounts", V::kCount, "Known collection tradelines: account kind collection, a collection month (G) in the known history, or account status collection in a report known on as_of.", kM84, kNever)},
      {P::kCollectionBalance, Def("collection_balance", V::kAmount, "Sum of latest known balances of collection tradelines (main currency, minor units).", kAsOf, kNever)},
      {P::kScheduledPaymentTotal, Def("scheduled_payment_total", V::kAmount, "Sum of scheduled monthly payments of open tradelines whose terms are known on as_of.", kAsOf, kNever)},
      {P::kPaymentToBalance, Def("payment_to_balance_ratio", V::kRatio, "Sum of actual payments / sum of balances over open tradelines whose terms are known on as_of.", kAsOf, "missing when the summed balance is 0 or less")},
      {P::kRevolvingPaymentToBalance, Def("revolving_payment_to_balance_ratio", V::kRatio, "Sum of actual payments / sum of balances over open revolving tradelines whose terms are known (high values: the subject pays cards off).", kAsOf, "missing when the summed revolving balance is 0 or less")},
      {P::kActualToScheduled, Def("actual_to_scheduled_payment_ratio", V::kRatio, "Sum of actual payments / sum of scheduled payments over open tradelines whose terms are known and scheduled payment > 0.", kAsOf, "missing when no open account with known terms has a scheduled payment above 0")},
      {P::kAuthorizedUserOnly, Def("authorized_user_only_flag", V::kFlag, "1 when the file has known tradelines and every one is held as authorised user (ECOA code 3): the subject is liable for none of them; else 0.", kAsOf, kNever)},
      {P::kThinFile, Def("thin_file_flag", V::kFlag, "1 when fewer than 3 known tradelines make the subject liable (ECOA code other than 3), else 0.", kAsOf, kNever)},
  }};
  return entries;
}

}  // namespace

std::span<const AttributeDefinition> PersonAttributeDefinitions() {
  static const std::array<AttributeDefinition, kPersonAttributeCount> definitions = [] {
    std::array<AttributeDefinition, kPersonAttributeCount> out{};
    const auto& entries = Entries();
    for (int i = 0; i < kPersonAttributeCount; ++i) {
      if (static_cast<int>(entries[i].id) != i) std::abort();  // table out of enum order
      out[i] = entries[i].definition;
    }
    return out;
  }();
  return definitions;
}

}  // namespace credo::features
