#include "ingest/batch/rules.h"

#include <array>

namespace credo::ingest {
namespace {

using S = RuleSeverity;
using R = IngestRule;

constexpr std::array<IngestRuleInfo, static_cast<size_t>(R::kCount)> kRules = {{
    {R::kRequiredMissing, "IN-001", S::kFatal, "a required field is empty",
     "send the field; the feed's required fields are listed in docs/ingest/rules.md"},
    {R::kNameMissing, "IN-002", S::kFatal, "the subject has no name",
     "send full_name, or surname and given_name (company_name for companies)"},
    {R::kSubjectIdentifierMissing, "IN-003", S::kFatal,
     "the record does not say whose it is",
     "send the subject's identifier (resident ID, SSN, unified social credit code or EIN)"},
    {R::kInvalidDate, "IN-010", S::kFatal, "not a real calendar date",
     "send dates as YYYY-MM-DD (or set a date transform with the furnisher's format)"},
    {R::kFutureDate, "IN-011", S::kWarning, "the date is after today",
     "check the date; a date in the future is usually a typing error"},
    {R::kInvalidAmount, "IN-020", S::kFatal, "not a decimal amount",
     "send amounts as decimals with at most the currency's decimals, e.g. 1234.56"},
    {R::kNegativeAmount, "IN-021", S::kFatal, "the amount is negative",
     "balances, limits and past-due amounts are zero or more; send credits as 0"},
    {R::kInvalidNumber, "IN-022", S::kFatal, "not a number",
     "send a plain decimal number"},
    {R::kUnknownAccountStatus, "IN-030", S::kFatal, "unknown account status",
     "use a Metro 2 account status (11, 13, 61-65, 71, 78, 80, 82-84, 88, 89, 93-97, 05, DA, "
     "DF) or map your codes onto them with a code_map"},
    {R::kUnknownPaymentHistoryCode, "IN-031", S::kFatal, "unknown payment history code",
     "payment history is most recent month first, one of 0-6 B D E G H J K L per month"},
    {R::kUnknownPublicRecordType, "IN-032", S::kFatal, "unknown public record type",
     "use civil_judgment, tax_lien, tax_arrears, bankruptcy, administrative_penalty, "
     "court_enforcement or dishonest_debtor"},
    {R::kUnknownCompanyStatus, "IN-033", S::kFatal, "unknown company status",
     "use active, revoked, cancelled, dissolved, bankrupt or unknown"},
    {R::kUnknownIdentifierKind, "IN-034", S::kFatal, "unknown identifier kind",
     "use cn_resident_id, cn_uscc, us_ssn, us_ein or other"},
    {R::kUnknownCurrency, "IN-035", S::kFatal, "not an ISO 4217 currency code",
     "send three upper-case letters such as CNY or USD"},
    {R::kInvalidIdentifier, "IN-040", S::kFatal, "the identifier fails its official check",
     "correct the identifier (length, region or area code, birth date, check digit)"},
    {R::kInvalidCompanyIdentifier, "IN-041", S::kFatal,
     "the company identifier fails its official check",
     "correct the unified social credit code (18 characters, GB 32100 check) or EIN"},
    {R::kInvalidPhone, "IN-042", S::kWarning, "the phone number is not valid; it was dropped",
     "send the number with its country code (+86..., +1...) or a valid national number"},
    {R::kInvalidEmail, "IN-043", S::kWarning, "the e-mail address is not valid; it was dropped",
     "send one address of the form name@domain.tld"},
    {R::kInvalidText, "IN-044", S::kFatal, "the text cannot be standardised",
     "send valid UTF-8 text"},
    {R::kPercentOutOfRange, "IN-050", S::kFatal, "a shareholding percent outside 0..100",
     "send the percent held, between 0 and 100"},
    {R::kPeriodMonthsOutOfRange, "IN-051", S::kFatal, "period months outside 1..12",
     "send the number of months the statement covers (12 for a year, 3 for a quarter)"},
    {R::kDateOpenedAfterReport, "IN-060", S::kFatal,
     "date opened is after the date of account information",
     "the account cannot be reported before it was opened: correct either date"},
    {R::kPastDueExceedsBalance, "IN-061", S::kFatal,
     "amount past due exceeds the balance on an account reported current",
     "a current account owes nothing past due beyond its balance: correct the status or amounts"},
    {R::kDateClosedMissing, "IN-062", S::kFatal, "a closed status without a date closed",
     "send date_closed for closed accounts (status 13, 61-65)"},
    {R::kDateClosedOnOpenAccount, "IN-063", S::kFatal,
     "date closed is set but the status says the account is open",
     "send a closed status or leave date_closed empty"},
    {R::kHistoryInconsistent, "IN-064", S::kFatal,
     "the latest month of the payment history contradicts the account status",
     "the first payment history character is the reported month: it must agree with the status "
     "(0 for current, 1 for 30 days past due ...)"},
    {R::kBalanceSheetUnbalanced, "IN-065", S::kWarning,
     "total assets differ from total liabilities plus equity by more than 1%",
     "check the balance sheet totals"},
    {R::kProhibitedField, "IN-070", S::kFatal,
     "the record carries data the jurisdiction profile prohibits",
     "never send this data (religion, genes, fingerprints, blood type, disease or medical "
     "history under the cn profile); remove the field"},
    {R::kConsentMissing, "IN-071", S::kFatal,
     "the record carries data that needs the subject's explicit consent, without a consent "
     "reference",
     "send consent_reference naming the subject's written consent, or remove the field"},
    {R::kReaderIssue, "IN-080", S::kFatal, "the reader could not convert a field",
     "see the message: it names the mapping transform that failed"},
}};

}  // namespace

const IngestRuleInfo& GetIngestRule(IngestRule rule) {
  return kRules[static_cast<size_t>(rule)];
}

std::span<const IngestRuleInfo> AllIngestRules() { return kRules; }

}  // namespace credo::ingest
