#include "ingest/metro2/to_core.h"

#include <cstdio>

#include "core/identifier.h"

namespace credo::metro2 {
namespace {

Error FieldError(std::string_view field, std::string message) {
  return MakeError(ErrorCode::kInvalidArgument, std::move(message),
                   "base segment." + std::string(field));
}

Result<std::optional<Date>> OptionalDate(Metro2Date date, std::string_view field) {
  if (date.empty()) return std::optional<Date>();
  auto civil = date.ToDate();
  if (!civil.ok()) {
    return FieldError(field, "date " + std::to_string(date.mmddyyyy) + " is not a real date");
  }
  return std::optional<Date>(*civil);
}

Money Dollars(int64_t whole, Currency currency) {
  int64_t scale = 1;
  for (int i = 0; i < currency.minor_digits(); ++i) scale *= 10;
  return Money{whole * scale, currency};
}

template <typename S>
Person PersonFrom(const S& segment) {
  Person person;
  person.family_name = segment.surname.str();
  person.given_name = segment.first_name.str();
  person.full_name = person.given_name;
  if (!segment.middle_name.blank()) person.full_name.append(1, ' ').append(segment.middle_name.str());
  if (!person.family_name.empty()) {
    if (!person.full_name.empty()) person.full_name += " ";
    person.full_name += person.family_name;
  }
  if (!segment.generation_code.blank()) {
    person.full_name.append(1, ' ').append(segment.generation_code.str());
  }
  person.birth_date = segment.date_of_birth.ToOptionalDate();
  if (segment.social_security_number > 0 && segment.social_security_number < 999999999) {
    char digits[10];
    std::snprintf(digits, sizeof digits, "%09lld",
                  static_cast<long long>(segment.social_security_number));
    auto ssn = ValidateUsSsn(std::string_view(digits, 9));
    if (ssn.ok()) person.identifiers.push_back({IdentifierKind::kUsSsn, *ssn});
  }
  if (segment.telephone_number > 0) {
    auto phone = NormalizePhone(std::to_string(segment.telephone_number), "us");
    if (phone.ok()) person.phones.push_back(*phone);
  }
  return person;
}

template <typename S>
Address AddressFrom(const S& segment) {
  Address address;
  address.line1 = segment.first_line_of_address.str();
  address.line2 = segment.second_line_of_address.str();
  address.city = segment.city.str();
  address.region = segment.state.str();
  address.postcode = segment.postal_zip_code.str();
  std::string country = segment.country_code.blank() ? "us" : segment.country_code.str();
  for (char& c : country) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  address.country = country;
  return address;
}

}  // namespace

AccountKind AccountKindFor(char portfolio_type, std::string_view account_type) {
  if (account_type == "48" || account_type == "0C" || account_type == "77") {
    return AccountKind::kCollection;
  }
  switch (portfolio_type) {
    case 'R': return AccountKind::kRevolving;
    case 'I': return AccountKind::kInstallment;
    case 'M': return AccountKind::kMortgage;
    case 'O': return AccountKind::kOpen;
    case 'C': return AccountKind::kLineOfCredit;
    default: return AccountKind::kOther;
  }
}

std::string ProfileCodes(std::string_view profile) {
  while (!profile.empty() && profile.back() == ' ') profile.remove_suffix(1);
  std::string codes(profile);
  for (char& c : codes) {
    if (c == 'Z') c = 'B';  // too new to rate: no history for that month
    if (c == ' ') c = 'D';  // a blank inside the profile: no data reported that month
  }
  return codes;
}

Result<CoreRecord> ToCore(const DataRecord& record, Currency currency) {
  const BaseSegment& b = record.base;
  CoreRecord out;
  Tradeline& t = out.tradeline;
  t.key.furnisher = b.identification_number.str();
  t.key.account_number = b.consumer_account_number.str();
  t.kind = AccountKindFor(b.portfolio_type.bytes[0], b.account_type.view());
  t.metro2_account_type = b.account_type.str();
  t.ecoa_code = b.ecoa_code.bytes[0];
  auto status = ParseMetro2AccountStatus(b.account_status.view());
  t.status = status.ok() ? *status : AccountStatus::kUnknown;
  if (b.date_opened.empty()) return FieldError("date_opened", "date opened is required");
  CREDO_ASSIGN_OR_RETURN(auto opened, OptionalDate(b.date_opened, "date_opened"));
  t.opened_on = *opened;
  if (b.date_of_account_information.empty()) {
    return FieldError("date_of_account_information", "date of account information is required");
  }
  CREDO_ASSIGN_OR_RETURN(auto reported,
                         OptionalDate(b.date_of_account_information, "date_of_account_information"));
  t.reported_on = *reported;
  CREDO_ASSIGN_OR_RETURN(t.closed_on, OptionalDate(b.date_closed, "date_closed"));
  CREDO_ASSIGN_OR_RETURN(t.last_payment_on, OptionalDate(b.date_of_last_payment, "date_of_last_payment"));
  CREDO_ASSIGN_OR_RETURN(t.first_delinquency_on,
                         OptionalDate(b.date_of_first_delinquency, "date_of_first_delinquency"));
  t.credit_limit = Dollars(b.credit_limit, currency);
  t.high_credit = Dollars(b.highest_credit, currency);
  t.balance = Dollars(b.current_balance, currency);
  t.past_due = Dollars(b.amount_past_due, currency);
  t.scheduled_payment = Dollars(b.scheduled_monthly_payment_amount, currency);
  t.actual_payment = Dollars(b.actual_payment_amount, currency);
  t.compliance_condition = b.compliance_condition_code.str();
  t.special_comment = b.special_comment.str();
  // The profile holds the 24 months before the date of account information, most recent first.
  auto history =
      PaymentHistory::FromCodes(t.reported_on.AddMonths(-1), ProfileCodes(b.payment_history_profile.view()));
  if (!history.ok()) return FieldError("payment_history_profile", history.error().message);
  t.history = std::move(*history);

  out.consumer = PersonFrom(b);
  Address address = AddressFrom(b);
  address.reported_on = t.reported_on;
  out.consumer.addresses.push_back(std::move(address));
  if (record.n1 && !record.n1->employer_name.blank()) {
    out.consumer.employment.push_back({record.n1->employer_name.str(), record.n1->occupation.str(),
                                       std::nullopt});
  }
  for (const J1Segment& j1 : record.j1) {
    AssociatedConsumer associated{PersonFrom(j1), j1.ecoa_code.bytes[0], SegmentKind::kJ1};
    associated.person.addresses = out.consumer.addresses;
    out.associated.push_back(std::move(associated));
  }
  for (const J2Segment& j2 : record.j2) {
    AssociatedConsumer associated{PersonFrom(j2), j2.ecoa_code.bytes[0], SegmentKind::kJ2};
    Address own = AddressFrom(j2);
    own.reported_on = t.reported_on;
    associated.person.addresses.push_back(std::move(own));
    out.associated.push_back(std::move(associated));
  }
  if (record.k1) out.original_creditor = record.k1->original_creditor_name.str();
  if (record.l1) out.new_account_number = record.l1->new_consumer_account_number.str();
  return out;
}

}  // namespace credo::metro2
