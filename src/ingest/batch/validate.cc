#include "ingest/batch/validate.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdlib>

#include "core/identifier.h"
#include "ingest/batch/associated.h"
#include "ingest/batch/rules.h"
#include "ingest/metro2/to_core.h"
#include "ingest/standardize/amount.h"
#include "ingest/standardize/contact.h"
#include "ingest/standardize/name.h"
#include "ingest/standardize/text.h"

namespace credo::ingest {
namespace {

using F = RecordField;

std::string MaskedValue(F field, std::string_view value) {
  if (IsIdentifierField(field)) return MaskIdentifier(value);
  if (value.size() > 64) return std::string(value.substr(0, 61)) + "...";
  return std::string(value);
}

class Checker {
 public:
  Checker(const CanonicalRecord& record, const ValidationContext& context, ValidatedRecord& out)
      : record_(record), context_(context), out_(out) {}

  void Add(IngestRule rule, std::string_view field, std::string value, std::string detail = {}) {
    const IngestRuleInfo& info = GetIngestRule(rule);
    Finding finding;
    finding.rule = std::string(info.code);
    finding.fatal = info.severity == RuleSeverity::kFatal;
    finding.field = std::string(field);
    finding.value = std::move(value);
    finding.message = std::string(info.summary);
    if (!detail.empty()) finding.message += " (" + detail + ")";
    finding.message += ". Fix: " + std::string(info.fix);
    out_.findings.push_back(std::move(finding));
  }
  void Add(IngestRule rule, F field, std::string detail = {}) {
    Add(rule, RecordFieldName(field), MaskedValue(field, record_.Get(field)), std::move(detail));
  }

  bool Has(F field) const { return record_.Has(field); }
  const std::string& Get(F field) const { return record_.Get(field); }

  bool Require(F field) {
    if (Has(field)) return true;
    Add(IngestRule::kRequiredMissing, RecordFieldName(field), "",
        std::string(RecordFieldName(field)) + " is required for " +
            std::string(FeedKindName(record_.kind)) + " records");
    return false;
  }

  //! Standardised text (NFKC, whitespace collapsed, case kept); empty when absent or invalid.
  std::string Text(F field) {
    if (!Has(field)) return {};
    const std::string& raw = Get(field);
    if (IsAscii(raw)) return CollapseWhitespace(raw);
    auto normalized = NormalizeText(raw, TextCase::kKeep);
    if (!normalized.ok()) {
      Add(IngestRule::kInvalidText, field, normalized.error().message);
      return {};
    }
    return *normalized;
  }

  std::string Name(F field) {
    std::string text = Text(field);
    if (!text.empty() && ContainsHan(text)) text.erase(std::remove(text.begin(), text.end(), ' '),
                                                       text.end());
    return text;
  }

  std::optional<Date> DateOf(F field) {
    if (!Has(field)) return std::nullopt;
    std::string_view text = Get(field);
    while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
    while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
    Result<Date> date = text.size() == 8 ? Date::ParseYmdCompact(text) : Date::ParseIso(text);
    if (!date.ok()) {
      Add(IngestRule::kInvalidDate, field, date.error().message);
      return std::nullopt;
    }
    if (*date > context_.today && field != F::kDateOfAccountInformation &&
        field != F::kPeriodEnd) {
      Add(IngestRule::kFutureDate, field, "today is " + context_.today.ToIso());
    }
    return *date;
  }

  //! Amount in minor units; nullopt when absent or invalid.
  std::optional<int64_t> Amount(F field, Currency currency, bool allow_negative = false) {
    if (!Has(field)) return std::nullopt;
    const std::string& text = Get(field);
    int64_t value = 0;
    if (record_.minor_units[static_cast<size_t>(field)]) {
      auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
      if (error != std::errc() || end != text.data() + text.size()) {
        Add(IngestRule::kInvalidAmount, field, "expected integer minor units");
        return std::nullopt;
      }
    } else {
      auto money = StandardizeAmount(text, currency);
      if (!money.ok()) {
        Add(IngestRule::kInvalidAmount, field, money.error().message);
        return std::nullopt;
      }
      value = money->minor_units;
    }
    if (value < 0 && !allow_negative) {
      Add(IngestRule::kNegativeAmount, field);
      return std::nullopt;
    }
    return value;
  }

  std::optional<double> Number(std::string_view field, const std::string& text) {
    char* end = nullptr;
    double value = std::strtod(text.c_str(), &end);
    if (text.empty() || end != text.c_str() + text.size() || !std::isfinite(value)) {
      Add(IngestRule::kInvalidNumber, field, text);
      return std::nullopt;
    }
    return value;
  }

  //! Validates an identifier of `kind_name` (guessed when empty) for the given field.
  std::optional<Identifier> IdentifierOf(F field, std::string_view kind_name, bool company) {
    if (!Has(field)) return std::nullopt;
    return CheckIdentifier(RecordFieldName(field), Get(field), kind_name, company);
  }

  std::optional<Identifier> CheckIdentifier(std::string_view field, std::string_view value,
                                            std::string_view kind_name, bool company) {
    IdentifierKind kind;
    if (kind_name.empty()) {
      kind = GuessKind(value, company);
    } else {
      auto parsed = ParseIdentifierKind(kind_name);
      if (!parsed.ok()) {
        Add(IngestRule::kUnknownIdentifierKind, "identifier_kind", std::string(kind_name));
        return std::nullopt;
      }
      kind = *parsed;
    }
    auto identifier = MakeIdentifier(kind, value, context_.profile->default_country);
    if (!identifier.ok()) {
      Add(company ? IngestRule::kInvalidCompanyIdentifier : IngestRule::kInvalidIdentifier, field,
          MaskIdentifier(value),
          std::string(IdentifierKindName(kind)) + ": " + identifier.error().message);
      return std::nullopt;
    }
    return *identifier;
  }

  static IdentifierKind GuessKind(std::string_view value, bool company) {
    size_t digits = 0;
    size_t alnum = 0;
    for (char c : value) {
      if (c >= '0' && c <= '9') ++digits;
      if (std::isalnum(static_cast<unsigned char>(c))) ++alnum;
    }
    if (company) return alnum == 18 ? IdentifierKind::kCnUnifiedSocialCredit : IdentifierKind::kUsEin;
    if (alnum == 18) return IdentifierKind::kCnResidentId;
    if (digits == 9) return IdentifierKind::kUsSsn;
    return IdentifierKind::kOther;
  }

  Currency CurrencyOf() {
    if (!Has(F::kCurrency)) return context_.currency;
    auto currency = Currency::Parse(Get(F::kCurrency));
    if (!currency.ok()) {
      Add(IngestRule::kUnknownCurrency, F::kCurrency);
      return context_.currency;
    }
    return *currency;
  }

 private:
  const CanonicalRecord& record_;
  const ValidationContext& context_;
  ValidatedRecord& out_;
};

std::string NormalizedKey(std::string_view name) {
  std::string key;
  for (char c : name) {
    if (c == ' ' || c == '-') {
      key += '_';
    } else {
      key += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  return key;
}

void CheckProfile(const CanonicalRecord& record, const ValidationContext& context,
                  Checker& check) {
  for (const std::string& name : record.other_fields) {
    std::string key = NormalizedKey(name);
    if (context.profile->IsProhibitedField(key)) {
      check.Add(IngestRule::kProhibitedField, name, "(withheld)",
                "profile " + context.profile->name + " prohibits '" + key + "'");
    } else if (context.profile->NeedsConsent(key) && !record.Has(F::kConsentReference)) {
      check.Add(IngestRule::kConsentMissing, name, "(withheld)",
                "profile " + context.profile->name + " requires consent for '" + key + "'");
    }
  }
}

Person BuildPerson(Checker& check, const CanonicalRecord& record, const ValidationContext& context,
                   bool require_identifier) {
  Person person;
  person.given_name = check.Name(F::kGivenName);
  person.family_name = check.Name(F::kSurname);
  std::string middle = check.Name(F::kMiddleName);
  person.full_name = check.Name(F::kFullName);
  if (person.full_name.empty() && (!person.given_name.empty() || !person.family_name.empty())) {
    if (ContainsHan(person.family_name) || ContainsHan(person.given_name)) {
      person.full_name = person.family_name + person.given_name;
    } else {
      for (const std::string* part : {&person.given_name, &middle, &person.family_name}) {
        if (part->empty()) continue;
        if (!person.full_name.empty()) person.full_name += ' ';
        person.full_name += *part;
      }
    }
  }
  if (person.full_name.empty()) {
    check.Add(IngestRule::kNameMissing, "full_name", "");
  }
  person.birth_date = check.DateOf(F::kDateOfBirth);
  if (auto identifier = check.IdentifierOf(F::kIdentifier, record.Get(F::kIdentifierKind), false)) {
    person.identifiers.push_back(*identifier);
  } else if (require_identifier && !record.Has(F::kIdentifier)) {
    check.Add(IngestRule::kSubjectIdentifierMissing, "identifier", "");
  }
  if (record.Has(F::kPhone)) {
    // A national number is read in the record's own country (a US Metro 2 file carries NANP
    // numbers even when the bureau runs the cn profile); the profile's country otherwise.
    std::string phone_country = NormalizedKey(record.Get(F::kCountry));
    if (phone_country.empty()) phone_country = context.profile->default_country;
    auto phone = StandardizePhone(record.Get(F::kPhone), phone_country);
    if (phone.ok()) {
      person.phones.push_back(*phone);
    } else {
      check.Add(IngestRule::kInvalidPhone, F::kPhone, phone.error().message);
    }
  }
  if (record.Has(F::kEmail)) {
    auto email = StandardizeEmail(record.Get(F::kEmail));
    if (email.ok()) {
      person.emails.push_back(*email);
    } else {
      check.Add(IngestRule::kInvalidEmail, F::kEmail, email.error().message);
    }
  }
  if (record.Has(F::kAddressLine1) || record.Has(F::kCity)) {
    Address address;
    address.line1 = check.Text(F::kAddressLine1);
    address.line2 = check.Text(F::kAddressLine2);
    address.city = check.Text(F::kCity);
    address.region = check.Text(F::kState);
    address.postcode = check.Text(F::kPostcode);
    address.country = NormalizedKey(check.Text(F::kCountry));
    if (address.country.empty()) address.country = context.profile->default_country;
    person.addresses.push_back(std::move(address));
  }
  return person;
}

std::optional<OrganizationStatus> ParseCompanyStatus(std::string_view text) {
  std::string key = NormalizedKey(text);
  if (key == "active" || key == "存续" || key == "在业" || key == "开业") {
    return OrganizationStatus::kActive;
  }
  if (key == "revoked" || key == "吊销") return OrganizationStatus::kRevoked;
  if (key == "cancelled" || key == "canceled" || key == "注销") {
    return OrganizationStatus::kCancelled;
  }
  if (key == "dissolved" || key == "清算") return OrganizationStatus::kDissolved;
  if (key == "bankrupt" || key == "破产") return OrganizationStatus::kBankrupt;
  if (key == "unknown") return OrganizationStatus::kUnknown;
  return std::nullopt;
}

// `require_identifier`: false for accounts, where a furnisher may not know the borrower's code
// (the company is then found by name, legal representative and address, or reviewed); true for
// registrations, financial statements and public records.
Organization BuildOrganization(Checker& check, const CanonicalRecord& record,
                               const ValidationContext& context, Currency currency,
                               bool require_identifier = true) {
  Organization org;
  org.name = check.Text(F::kCompanyName);
  if (org.name.empty()) check.Add(IngestRule::kNameMissing, "company_name", "");
  if (auto identifier =
          check.IdentifierOf(F::kCompanyIdentifier, record.Get(F::kIdentifierKind), true)) {
    org.identifiers.push_back(*identifier);
  } else if (require_identifier && !record.Has(F::kCompanyIdentifier)) {
    check.Add(IngestRule::kSubjectIdentifierMissing, "company_identifier", "");
  }
  org.legal_representative = check.Name(F::kLegalRepresentative);
  if (auto capital = check.Amount(F::kRegisteredCapital, currency)) {
    org.registered_capital = Money{*capital, currency};
  }
  org.established_on = check.DateOf(F::kDateEstablished);
  if (record.Has(F::kCompanyStatus)) {
    auto status = ParseCompanyStatus(record.Get(F::kCompanyStatus));
    if (status) {
      org.status = *status;
    } else {
      check.Add(IngestRule::kUnknownCompanyStatus, F::kCompanyStatus);
    }
  }
  org.industry_code = check.Text(F::kIndustryCode);
  if (record.Has(F::kRegisteredAddress)) {
    Address address;
    address.line1 = check.Text(F::kRegisteredAddress);
    address.country = context.profile->default_country;
    org.addresses.push_back(std::move(address));
  }
  return org;
}

//! Which payment-history characters agree with an account status in the reported month.
bool HistoryAgrees(AccountStatus status, PaymentStatus first) {
  if (first == PaymentStatus::kNoData || first == PaymentStatus::kNoHistory) return true;
  switch (status) {
    case AccountStatus::kCurrent:
      return first == PaymentStatus::kCurrent || first == PaymentStatus::kZeroBalance;
    case AccountStatus::kPastDue30: return first == PaymentStatus::kPastDue30;
    case AccountStatus::kPastDue60: return first == PaymentStatus::kPastDue60;
    case AccountStatus::kPastDue90: return first == PaymentStatus::kPastDue90;
    case AccountStatus::kPastDue120: return first == PaymentStatus::kPastDue120;
    case AccountStatus::kPastDue150: return first == PaymentStatus::kPastDue150;
    case AccountStatus::kPastDue180: return first == PaymentStatus::kPastDue180;
    case AccountStatus::kCollection: return first == PaymentStatus::kCollection;
    case AccountStatus::kForeclosure: return first == PaymentStatus::kForeclosure;
    case AccountStatus::kVoluntarySurrender: return first == PaymentStatus::kVoluntarySurrender;
    case AccountStatus::kRepossession: return first == PaymentStatus::kRepossession;
    case AccountStatus::kChargeOff: return first == PaymentStatus::kChargeOff;
    default: return true;
  }
}

AccountKind AccountKindFor(std::string_view metro2_type) {
  if (metro2_type == "18" || metro2_type == "07" || metro2_type == "8A") {
    return AccountKind::kRevolving;
  }
  if (metro2_type == "26" || metro2_type == "08" || metro2_type == "19" || metro2_type == "25") {
    return AccountKind::kMortgage;
  }
  if (metro2_type == "15" || metro2_type == "47") return AccountKind::kLineOfCredit;
  if (metro2_type == "48") return AccountKind::kCollection;
  if (metro2_type == "29" || metro2_type == "43") return AccountKind::kOpen;
  if (metro2_type == "revolving" || metro2_type == "card" || metro2_type == "credit_card") {
    return AccountKind::kRevolving;
  }
  if (metro2_type == "mortgage") return AccountKind::kMortgage;
  if (metro2_type.empty()) return AccountKind::kOther;
  return AccountKind::kInstallment;
}

void ValidateTradeline(Checker& check, const CanonicalRecord& record,
                       const ValidationContext& context, Currency currency,
                       ValidatedRecord& out) {
  Tradeline tradeline;
  tradeline.key.furnisher = record.Has(F::kFurnisher) ? check.Text(F::kFurnisher) : context.source;
  bool have_account = check.Require(F::kAccountNumber);
  if (have_account) tradeline.key.account_number = check.Text(F::kAccountNumber);
  if (record.Has(F::kPreviousFurnisher) || record.Has(F::kPreviousAccountNumber)) {
    // The account was reported under another key until this report (Metro 2 L1): the store
    // continues that tradeline under the new key.
    TradelineKey previous;
    previous.furnisher = record.Has(F::kPreviousFurnisher) ? check.Text(F::kPreviousFurnisher)
                                                           : tradeline.key.furnisher;
    previous.account_number = record.Has(F::kPreviousAccountNumber)
                                  ? check.Text(F::kPreviousAccountNumber)
                                  : tradeline.key.account_number;
    if (!previous.furnisher.empty() && !previous.account_number.empty() &&
        previous != tradeline.key) {
      tradeline.previous_key = std::move(previous);
    }
  }
  std::optional<AccountStatus> status;
  if (check.Require(F::kAccountStatus)) {
    status = ParseAccountStatusText(record.Get(F::kAccountStatus));
    if (!status) check.Add(IngestRule::kUnknownAccountStatus, F::kAccountStatus);
  }
  std::optional<Date> opened = check.Require(F::kDateOpened) ? check.DateOf(F::kDateOpened)
                                                              : std::nullopt;
  std::optional<Date> reported = check.Require(F::kDateOfAccountInformation)
                                     ? check.DateOf(F::kDateOfAccountInformation)
                                     : std::nullopt;
  std::optional<Date> closed = check.DateOf(F::kDateClosed);
  tradeline.last_payment_on = check.DateOf(F::kDateOfLastPayment);
  tradeline.first_delinquency_on = check.DateOf(F::kDateOfFirstDelinquency);
  auto amount = [&](F field) { return Money{check.Amount(field, currency).value_or(0), currency}; };
  tradeline.credit_limit = amount(F::kCreditLimit);
  tradeline.high_credit = amount(F::kHighCredit);
  std::optional<int64_t> balance = check.Amount(F::kCurrentBalance, currency);
  std::optional<int64_t> past_due = check.Amount(F::kAmountPastDue, currency);
  tradeline.balance = Money{balance.value_or(0), currency};
  tradeline.past_due = Money{past_due.value_or(0), currency};
  tradeline.scheduled_payment = amount(F::kScheduledPayment);
  tradeline.actual_payment = amount(F::kActualPayment);
  tradeline.metro2_account_type = check.Text(F::kAccountType);
  if (record.Has(F::kPortfolioType)) {
    // Metro 2's portfolio type with the account type, as metro2::ToCore reads them.
    const char portfolio = static_cast<char>(
        std::toupper(static_cast<unsigned char>(record.Get(F::kPortfolioType).front())));
    tradeline.kind = metro2::AccountKindFor(portfolio, tradeline.metro2_account_type);
  } else {
    tradeline.kind = AccountKindFor(tradeline.metro2_account_type);
  }
  if (record.Has(F::kEcoaCode)) tradeline.ecoa_code = record.Get(F::kEcoaCode)[0];
  tradeline.special_comment = check.Text(F::kSpecialComment);
  tradeline.compliance_condition = check.Text(F::kComplianceCondition);
  if (opened) tradeline.opened_on = *opened;
  if (reported) tradeline.reported_on = *reported;
  tradeline.closed_on = closed;
  if (status) tradeline.status = *status;

  if (record.Has(F::kPaymentHistory) && reported) {
    // This month first. Trailing blanks are months not reported; a blank inside the grid is a
    // month reported with no data ('D'), never squeezed out (that would move every later month).
    std::string_view grid = record.Get(F::kPaymentHistory);
    while (!grid.empty() && grid.back() == ' ') grid.remove_suffix(1);
    std::string codes;
    for (char c : grid) codes += c == ' ' ? 'D' : c;
    auto history = PaymentHistory::FromCodes(*reported, codes);
    if (history.ok()) {
      tradeline.history = *history;
    } else {
      check.Add(IngestRule::kUnknownPaymentHistoryCode, F::kPaymentHistory,
                history.error().message);
    }
  } else if (reported) {
    tradeline.history.as_of = *reported;
  }
  if (tradeline.history.months.empty() && reported && status &&
      *status != AccountStatus::kDeleteAccount && *status != AccountStatus::kDeleteFraud) {
    // A feed without a history grid still reports this month's status.
    tradeline.history.as_of = *reported;
    tradeline.history.months.push_back(ReportedMonthStatus(*status));
  }

  if (!record.reader_checked_cross_fields && status) {
    if (opened && reported && *opened > *reported) {
      check.Add(IngestRule::kDateOpenedAfterReport, F::kDateOpened,
                "date of account information is " + reported->ToIso());
    }
    if (*status == AccountStatus::kCurrent && balance && past_due && *past_due > *balance) {
      check.Add(IngestRule::kPastDueExceedsBalance, F::kAmountPastDue,
                "balance is " + Money{*balance, currency}.ToDecimalString());
    }
    bool closed_status = IsPaidInFull(*status);
    bool open_status = *status == AccountStatus::kCurrent ||
                       (*status >= AccountStatus::kPastDue30 &&
                        *status <= AccountStatus::kPastDue180);
    if (closed_status && !closed && !record.Has(F::kDateClosed)) {
      check.Add(IngestRule::kDateClosedMissing, F::kDateClosed,
                "status " + std::string(Metro2AccountStatusCode(*status)));
    }
    if (open_status && closed) {
      check.Add(IngestRule::kDateClosedOnOpenAccount, F::kDateClosed,
                "status " + std::string(Metro2AccountStatusCode(*status)));
    }
    if (record.Has(F::kPaymentHistory) && !tradeline.history.months.empty() &&
        !HistoryAgrees(*status, tradeline.history.months[0])) {
      check.Add(IngestRule::kHistoryInconsistent, F::kPaymentHistory,
                "status " + std::string(Metro2AccountStatusCode(*status)) + ", latest month '" +
                    std::string(1, static_cast<char>(tradeline.history.months[0])) + "'");
    }
  }
  if (status) {
    out.deletion = *status == AccountStatus::kDeleteAccount ||
                   *status == AccountStatus::kDeleteFraud;
    out.delinquent = IsNegativeStatus(*status);
  }
  const std::string& correction = record.Get(F::kCorrection);
  out.correction = correction == "1" || correction == "true" || correction == "yes";
  out.tradeline = std::move(tradeline);
}

//! Names a finding of an associated consumer after its segment ("j1.date_of_birth") unless the
//! reader already did, and places it at the segment when it has no offset of its own.
void PlaceInSegment(const AssociatedConsumerRecord& segment, Finding& finding) {
  const std::string prefix = segment.segment + ".";
  if (finding.field.compare(0, prefix.size(), prefix) != 0) finding.field = prefix + finding.field;
  if (finding.byte_offset < 0) finding.byte_offset = segment.byte_offset;
}

//! An associated consumer (Metro 2 J1/J2) validated as the record's own consumer is: the same
//! person rules, standardisation and masking. A consumer the bureau could not tell apart from
//! one report to the next (no SSN, and no name with a date of birth) gets IN-003. Every finding
//! is added to `record_findings` as a warning, since the record stands whatever its associated
//! consumers carry; the fatal ones are the consumer's rejections (their copy is not written).
AssociatedConsumerOut ValidateAssociated(const AssociatedConsumerRecord& in,
                                         const ValidationContext& context,
                                         std::vector<Finding>& record_findings) {
  CanonicalRecord fields;
  for (const auto& [field, value] : in.values) fields.Set(field, value);
  ValidatedRecord checked;
  checked.findings = in.findings;
  Checker check(fields, context, checked);
  AssociatedConsumerOut out;
  out.segment = in.segment;
  out.byte_offset = in.byte_offset;
  out.person = BuildPerson(check, fields, context, /*require_identifier=*/false);
  if (fields.Has(F::kEcoaCode)) out.ecoa_code = fields.Get(F::kEcoaCode).front();
  out.parties = PartyNames(out.person);
  const bool fatal = std::any_of(checked.findings.begin(), checked.findings.end(),
                                 [](const Finding& finding) { return finding.fatal; });
  if (!fatal && out.parties.empty()) {
    check.Add(IngestRule::kSubjectIdentifierMissing, "identifier", "",
              "an associated consumer needs an SSN, or a name with a date of birth");
  }
  for (Finding& finding : checked.findings) {
    PlaceInSegment(in, finding);
    if (finding.fatal) {
      Finding rejection = finding;
      rejection.message = "this " + in.segment + " consumer " +
                          (out.removed_from_account() ? "cannot be removed from the account: "
                                                      : "gets no copy of the account: ") +
                          rejection.message;
      out.rejections.push_back(std::move(rejection));
      finding.fatal = false;
    }
    record_findings.push_back(std::move(finding));
  }
  return out;
}

std::optional<PublicRecordKind> ParsePublicRecordText(std::string_view text) {
  std::string key = NormalizedKey(text);
  auto parsed = ParsePublicRecordKind(key);
  if (parsed.ok()) return *parsed;
  if (key == "judgment" || key == "court_judgment" || key == "民事判决") {
    return PublicRecordKind::kCivilJudgment;
  }
  if (key == "enforcement" || key == "强制执行") return PublicRecordKind::kCourtEnforcement;
  if (key == "dishonest" || key == "dishonest_judgment_debtor" || key == "失信被执行人") {
    return PublicRecordKind::kDishonestDebtor;
  }
  if (key == "tax" || key == "欠税") return PublicRecordKind::kTaxArrears;
  if (key == "penalty" || key == "行政处罚") return PublicRecordKind::kAdministrativePenalty;
  return std::nullopt;
}

}  // namespace

std::string_view RecordOutcomeName(RecordOutcome outcome) {
  switch (outcome) {
    case RecordOutcome::kAccepted: return "accepted";
    case RecordOutcome::kAcceptedWithWarnings: return "accepted_with_warnings";
    case RecordOutcome::kRejected: return "rejected";
  }
  return "rejected";
}

PaymentStatus ReportedMonthStatus(AccountStatus status) {
  switch (status) {
    case AccountStatus::kCurrent: return PaymentStatus::kCurrent;
    case AccountStatus::kPastDue30: return PaymentStatus::kPastDue30;
    case AccountStatus::kPastDue60: return PaymentStatus::kPastDue60;
    case AccountStatus::kPastDue90: return PaymentStatus::kPastDue90;
    case AccountStatus::kPastDue120: return PaymentStatus::kPastDue120;
    case AccountStatus::kPastDue150: return PaymentStatus::kPastDue150;
    case AccountStatus::kPastDue180: return PaymentStatus::kPastDue180;
    case AccountStatus::kCollection: return PaymentStatus::kCollection;
    case AccountStatus::kChargeOff: return PaymentStatus::kChargeOff;
    default: return PaymentStatus::kNoData;
  }
}

std::optional<AccountStatus> ParseAccountStatusText(std::string_view text) {
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  auto parsed = ParseMetro2AccountStatus(text);
  if (parsed.ok() && *parsed != AccountStatus::kUnknown) return *parsed;
  std::string key = NormalizedKey(text);
  static const std::pair<std::string_view, AccountStatus> kNames[] = {
      {"current", AccountStatus::kCurrent},
      {"closed", AccountStatus::kClosedPaid},
      {"closed_paid", AccountStatus::kClosedPaid},
      {"paid", AccountStatus::kClosedPaid},
      {"past_due_30", AccountStatus::kPastDue30},
      {"past_due_60", AccountStatus::kPastDue60},
      {"past_due_90", AccountStatus::kPastDue90},
      {"past_due_120", AccountStatus::kPastDue120},
      {"past_due_150", AccountStatus::kPastDue150},
      {"past_due_180", AccountStatus::kPastDue180},
      {"transferred", AccountStatus::kTransferred},
      {"paid_voluntary_surrender", AccountStatus::kPaidVoluntarySurrender},
      {"paid_collection", AccountStatus::kPaidCollection},
      {"paid_repossession", AccountStatus::kPaidRepossession},
      {"paid_charge_off", AccountStatus::kPaidChargeOff},
      {"paid_foreclosure_started", AccountStatus::kPaidForeclosureStarted},
      {"government_claim_filed", AccountStatus::kGovernmentClaimFiled},
      {"deed_in_lieu", AccountStatus::kDeedInLieu},
      {"collection", AccountStatus::kCollection},
      {"foreclosure", AccountStatus::kForeclosure},
      {"voluntary_surrender", AccountStatus::kVoluntarySurrender},
      {"repossession", AccountStatus::kRepossession},
      {"charge_off", AccountStatus::kChargeOff},
      {"charged_off", AccountStatus::kChargeOff},
      {"delete", AccountStatus::kDeleteAccount},
      {"deleted", AccountStatus::kDeleteAccount},
      {"delete_fraud", AccountStatus::kDeleteFraud},
      {"fraud", AccountStatus::kDeleteFraud},
  };
  for (const auto& [name, status] : kNames) {
    if (key == name) return status;
  }
  return std::nullopt;
}

ValidatedRecord ValidateRecord(const CanonicalRecord& record, const ValidationContext& context) {
  ValidatedRecord out;
  out.findings = record.findings;
  Checker check(record, context, out);
  CheckProfile(record, context, check);
  Currency currency = check.CurrencyOf();

  switch (record.kind) {
    case FeedKind::kAccounts: {
      bool company = !record.Has(F::kFullName) && !record.Has(F::kSurname) &&
                     !record.Has(F::kGivenName) && record.Has(F::kCompanyName);
      if (company) {
        out.subject.kind = SubjectKind::kOrganization;
        out.subject.organization = BuildOrganization(check, record, context, currency, false);
      } else {
        out.subject.person = BuildPerson(check, record, context, false);
      }
      ValidateTradeline(check, record, context, currency, out);
      for (const AssociatedConsumerRecord& associated : record.associated) {
        out.associated.push_back(ValidateAssociated(associated, context, out.findings));
      }
      break;
    }
    case FeedKind::kInquiries: {
      out.subject.person = BuildPerson(check, record, context, true);
      Inquiry inquiry;
      if (check.Require(F::kInstitution)) inquiry.institution = check.Text(F::kInstitution);
      if (check.Require(F::kPurpose)) inquiry.purpose = check.Text(F::kPurpose);
      if (check.Require(F::kInquiryDate)) {
        if (auto date = check.DateOf(F::kInquiryDate)) inquiry.inquired_on = *date;
      }
      inquiry.consent_reference = check.Text(F::kConsentReference);
      out.inquiry_reference = check.Text(F::kInquiryReference);
      if (const PurposeRule* rule = context.profile->FindPurpose(inquiry.purpose)) {
        inquiry.kind = rule->hard_inquiry ? InquiryKind::kHard : InquiryKind::kSoft;
      }
      out.inquiry = std::move(inquiry);
      break;
    }
    case FeedKind::kCompanies: {
      out.subject.kind = SubjectKind::kOrganization;
      out.subject.organization = BuildOrganization(check, record, context, currency);
      for (const Shareholder& holder : record.shareholders) {
        ShareholderOut shareholder;
        if (holder.name.empty()) {
          check.Add(IngestRule::kNameMissing, "shareholders.name", "");
          continue;
        }
        bool is_company = holder.is_company || holder.identifier_kind == "cn_uscc" ||
                          holder.identifier_kind == "us_ein";
        std::optional<Identifier> identifier;
        if (!holder.identifier.empty()) {
          identifier = check.CheckIdentifier("shareholders.identifier", holder.identifier,
                                             holder.identifier_kind, is_company);
          if (!identifier) continue;
        }
        if (is_company) {
          shareholder.holder.kind = SubjectKind::kOrganization;
          shareholder.holder.organization.name = holder.name;
          if (identifier) shareholder.holder.organization.identifiers.push_back(*identifier);
        } else {
          shareholder.holder.person.full_name = holder.name;
          if (identifier) shareholder.holder.person.identifiers.push_back(*identifier);
        }
        if (auto percent = check.Number("shareholders.percent", holder.percent)) {
          if (*percent < 0 || *percent > 100) {
            check.Add(IngestRule::kPercentOutOfRange, "shareholders.percent", holder.percent);
            continue;
          }
          shareholder.percent = *percent;
        } else {
          continue;
        }
        out.shareholders.push_back(std::move(shareholder));
      }
      break;
    }
    case FeedKind::kFinancialStatements: {
      out.subject.kind = SubjectKind::kOrganization;
      out.subject.organization = BuildOrganization(check, record, context, currency);
      FinancialStatement statement;
      statement.currency = currency;
      if (check.Require(F::kPeriodEnd)) {
        if (auto date = check.DateOf(F::kPeriodEnd)) statement.period_end = *date;
      }
      if (record.Has(F::kPeriodMonths)) {
        auto months = check.Number("period_months", record.Get(F::kPeriodMonths));
        if (months && (*months < 1 || *months > 12 || *months != std::floor(*months))) {
          check.Add(IngestRule::kPeriodMonthsOutOfRange, F::kPeriodMonths);
        } else if (months) {
          statement.period_months = static_cast<int>(*months);
        }
      }
      int64_t* items[] = {
          &statement.cash, &statement.accounts_receivable, &statement.inventory,
          &statement.current_assets, &statement.total_assets, &statement.accounts_payable,
          &statement.current_liabilities, &statement.short_term_debt, &statement.long_term_debt,
          &statement.total_liabilities, &statement.retained_earnings, &statement.equity,
          &statement.revenue, &statement.cost_of_goods_sold, &statement.gross_profit,
          &statement.ebitda, &statement.ebit, &statement.interest_expense, &statement.net_income,
          &statement.operating_cash_flow, &statement.investing_cash_flow,
          &statement.financing_cash_flow, &statement.capital_expenditure,
          &statement.debt_repayment};
      for (size_t i = 0; i < std::size(items); ++i) {
        F field = static_cast<F>(static_cast<size_t>(F::kCash) + i);
        *items[i] = check.Amount(field, currency, /*allow_negative=*/true).value_or(0);
      }
      check.Require(F::kTotalAssets);
      if (record.Has(F::kTotalAssets) && record.Has(F::kTotalLiabilities) &&
          record.Has(F::kEquity)) {
        int64_t difference =
            statement.total_assets - statement.total_liabilities - statement.equity;
        if (std::llabs(difference) * 100 > std::llabs(statement.total_assets)) {
          check.Add(IngestRule::kBalanceSheetUnbalanced, F::kTotalAssets,
                    "difference " + Money{difference, currency}.ToDecimalString());
        }
      }
      out.financial_statement = statement;
      break;
    }
    case FeedKind::kPublicRecords: {
      bool company = record.Has(F::kCompanyIdentifier) || record.Has(F::kCompanyName);
      if (company) {
        out.subject.kind = SubjectKind::kOrganization;
        out.subject.organization = BuildOrganization(check, record, context, currency);
      } else {
        out.subject.person = BuildPerson(check, record, context, true);
      }
      PublicRecord public_record;
      if (check.Require(F::kPublicRecordType)) {
        auto kind = ParsePublicRecordText(record.Get(F::kPublicRecordType));
        if (kind) {
          public_record.kind = *kind;
        } else {
          check.Add(IngestRule::kUnknownPublicRecordType, F::kPublicRecordType);
        }
      }
      if (check.Require(F::kAuthority)) public_record.authority = check.Text(F::kAuthority);
      if (check.Require(F::kCaseNumber)) public_record.case_number = check.Text(F::kCaseNumber);
      if (check.Require(F::kFilingDate)) {
        if (auto date = check.DateOf(F::kFilingDate)) public_record.filed_on = *date;
      }
      public_record.resolved_on = check.DateOf(F::kResolvedDate);
      public_record.amount = Money{check.Amount(F::kRecordAmount, currency).value_or(0), currency};
      public_record.status = NormalizedKey(check.Text(F::kRecordStatus));
      if (public_record.status.empty()) public_record.status = "open";
      public_record.description = check.Text(F::kDescription);
      out.delinquent = true;
      out.public_record = std::move(public_record);
      break;
    }
  }

  bool fatal = false;
  for (const Finding& finding : out.findings) fatal = fatal || finding.fatal;
  out.outcome = fatal ? RecordOutcome::kRejected
                      : (out.findings.empty() ? RecordOutcome::kAccepted
                                              : RecordOutcome::kAcceptedWithWarnings);
  return out;
}

}  // namespace credo::ingest
