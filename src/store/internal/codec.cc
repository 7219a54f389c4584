#include "store/internal/codec.h"

#include "store/internal/identity_reader.h"
#include "store/internal/identity_writer.h"

#include <array>
#include <nlohmann/json.hpp>
#include <utility>

namespace credo::store_internal {
namespace {

using Json = nlohmann::json;

template <typename Enum, size_t N>
std::string_view CodeOf(const std::array<std::pair<std::string_view, Enum>, N>& table, Enum value) {
  for (const auto& [code, v] : table) {
    if (v == value) return code;
  }
  return "unknown";
}

template <typename Enum, size_t N>
Result<Enum> FromCode(const std::array<std::pair<std::string_view, Enum>, N>& table,
                      std::string_view code, std::string_view what) {
  for (const auto& [c, v] : table) {
    if (c == code) return v;
  }
  return MakeError(ErrorCode::kDataLoss,
                   "stored " + std::string(what) + " '" + std::string(code) + "' is not known");
}

constexpr std::array<std::pair<std::string_view, IdentifierKind>, 8> kIdentifierKinds{{
    {"cn_resident_id", IdentifierKind::kCnResidentId},
    {"cn_uscc", IdentifierKind::kCnUnifiedSocialCredit},
    {"us_ssn", IdentifierKind::kUsSsn},
    {"us_ein", IdentifierKind::kUsEin},
    {"phone", IdentifierKind::kPhone},
    {"email", IdentifierKind::kEmail},
    {"account_number", IdentifierKind::kAccountNumber},
    {"other", IdentifierKind::kOther},
}};
constexpr std::array<std::pair<std::string_view, SubjectKind>, 2> kSubjectKinds{{
    {"person", SubjectKind::kPerson}, {"organization", SubjectKind::kOrganization}}};
constexpr std::array<std::pair<std::string_view, AccountKind>, 7> kAccountKinds{{
    {"revolving", AccountKind::kRevolving},
    {"installment", AccountKind::kInstallment},
    {"mortgage", AccountKind::kMortgage},
    {"open", AccountKind::kOpen},
    {"line_of_credit", AccountKind::kLineOfCredit},
    {"collection", AccountKind::kCollection},
    {"other", AccountKind::kOther},
}};
// "paid_closed_zero" is what stores wrote for 61-65 before each had its own code: read back as
// the legacy kPaidClosedZero (which one of 61-65 it was is not known).
constexpr std::array<std::pair<std::string_view, AccountStatus>, 25> kAccountStatuses{{
    {"current", AccountStatus::kCurrent},
    {"closed_paid", AccountStatus::kClosedPaid},
    {"past_due_30", AccountStatus::kPastDue30},
    {"past_due_60", AccountStatus::kPastDue60},
    {"past_due_90", AccountStatus::kPastDue90},
    {"past_due_120", AccountStatus::kPastDue120},
    {"past_due_150", AccountStatus::kPastDue150},
    {"past_due_180", AccountStatus::kPastDue180},
    {"transferred", AccountStatus::kTransferred},
    {"paid_closed_zero", AccountStatus::kPaidClosedZero},
    {"paid_voluntary_surrender", AccountStatus::kPaidVoluntarySurrender},
    {"paid_collection", AccountStatus::kPaidCollection},
    {"paid_repossession", AccountStatus::kPaidRepossession},
    {"paid_charge_off", AccountStatus::kPaidChargeOff},
    {"paid_foreclosure_started", AccountStatus::kPaidForeclosureStarted},
    {"collection", AccountStatus::kCollection},
    {"foreclosure", AccountStatus::kForeclosure},
    {"voluntary_surrender", AccountStatus::kVoluntarySurrender},
    {"repossession", AccountStatus::kRepossession},
    {"charge_off", AccountStatus::kChargeOff},
    {"government_claim_filed", AccountStatus::kGovernmentClaimFiled},
    {"deed_in_lieu", AccountStatus::kDeedInLieu},
    {"delete_account", AccountStatus::kDeleteAccount},
    {"delete_fraud", AccountStatus::kDeleteFraud},
    {"unknown", AccountStatus::kUnknown},
}};
constexpr std::array<std::pair<std::string_view, InquiryKind>, 2> kInquiryKinds{{
    {"hard", InquiryKind::kHard}, {"soft", InquiryKind::kSoft}}};
constexpr std::array<std::pair<std::string_view, OrganizationStatus>, 6> kOrganizationStatuses{{
    {"active", OrganizationStatus::kActive},
    {"revoked", OrganizationStatus::kRevoked},
    {"cancelled", OrganizationStatus::kCancelled},
    {"dissolved", OrganizationStatus::kDissolved},
    {"bankrupt", OrganizationStatus::kBankrupt},
    {"unknown", OrganizationStatus::kUnknown},
}};

Json DateJson(const std::optional<Date>& date) {
  if (!date) return nullptr;
  return date->days_since_epoch();
}
std::optional<Date> DateFrom(const Json& value) {
  if (value.is_null()) return std::nullopt;
  return Date::FromDays(value.get<int32_t>());
}

Json IdentifiersJson(const std::vector<Identifier>& identifiers) {
  Json array = Json::array();
  for (const Identifier& identifier : identifiers) {
    array.push_back({std::string(IdentifierKindCode(identifier.kind)), identifier.value});
  }
  return array;
}
std::vector<Identifier> IdentifiersFrom(const Json& array) {
  std::vector<Identifier> identifiers;
  for (const Json& item : array) {
    auto kind = IdentifierKindFromCode(item.at(0).get<std::string>());
    identifiers.push_back({kind.ok() ? *kind : IdentifierKind::kOther, item.at(1).get<std::string>()});
  }
  return identifiers;
}

Json AddressesJson(const std::vector<Address>& addresses) {
  Json array = Json::array();
  for (const Address& a : addresses) {
    array.push_back({{"line1", a.line1}, {"line2", a.line2}, {"city", a.city},
                     {"region", a.region}, {"postcode", a.postcode}, {"country", a.country},
                     {"reported_on", DateJson(a.reported_on)}});
  }
  return array;
}
std::vector<Address> AddressesFrom(const Json& array) {
  std::vector<Address> addresses;
  for (const Json& item : array) {
    Address a;
    a.line1 = item.at("line1").get<std::string>();
    a.line2 = item.at("line2").get<std::string>();
    a.city = item.at("city").get<std::string>();
    a.region = item.at("region").get<std::string>();
    a.postcode = item.at("postcode").get<std::string>();
    a.country = item.at("country").get<std::string>();
    a.reported_on = DateFrom(item.at("reported_on"));
    addresses.push_back(std::move(a));
  }
  return addresses;
}

}  // namespace

std::string_view IdentifierKindCode(IdentifierKind kind) { return CodeOf(kIdentifierKinds, kind); }
Result<IdentifierKind> IdentifierKindFromCode(std::string_view code) {
  return FromCode(kIdentifierKinds, code, "identifier kind");
}
std::string_view SubjectKindCode(SubjectKind kind) { return CodeOf(kSubjectKinds, kind); }
Result<SubjectKind> SubjectKindFromCode(std::string_view code) {
  return FromCode(kSubjectKinds, code, "subject kind");
}
std::string_view AccountKindCode(AccountKind kind) { return CodeOf(kAccountKinds, kind); }
Result<AccountKind> AccountKindFromCode(std::string_view code) {
  return FromCode(kAccountKinds, code, "account kind");
}
std::string_view AccountStatusCode(AccountStatus status) { return CodeOf(kAccountStatuses, status); }
Result<AccountStatus> AccountStatusFromCode(std::string_view code) {
  return FromCode(kAccountStatuses, code, "account status");
}
std::string_view InquiryKindCode(InquiryKind kind) { return CodeOf(kInquiryKinds, kind); }
std::string_view OrganizationStatusCode(OrganizationStatus status) {
  return CodeOf(kOrganizationStatuses, status);
}
Result<OrganizationStatus> OrganizationStatusFromCode(std::string_view code) {
  return FromCode(kOrganizationStatuses, code, "status");
}
Result<InquiryKind> InquiryKindFromCode(std::string_view code) {
  return FromCode(kInquiryKinds, code, "inquiry kind");
}

std::string EncodeIdentity(const Subject& subject) {
  std::string out;
  out.reserve(256);
  if (WriteIdentityDirect(subject, out)) return out;
  return EncodeIdentityWithJsonLibrary(subject);
}

std::string EncodeIdentityWithJsonLibrary(const Subject& subject) {
  Json json;
  if (subject.kind == SubjectKind::kPerson) {
    const Person& p = subject.person;
    Json employment = Json::array();
    for (const Employment& e : p.employment) {
      employment.push_back(
          {{"employer", e.employer}, {"occupation", e.occupation}, {"since", DateJson(e.since)}});
    }
    json = {{"v", 1},
            {"given_name", p.given_name},
            {"family_name", p.family_name},
            {"full_name", p.full_name},
            {"birth_date", DateJson(p.birth_date)},
            {"identifiers", IdentifiersJson(p.identifiers)},
            {"addresses", AddressesJson(p.addresses)},
            {"phones", p.phones},
            {"emails", p.emails},
            {"employment", employment}};
  } else {
    const Organization& o = subject.organization;
    Json capital = nullptr;
    if (o.registered_capital) {
      capital = {o.registered_capital->minor_units, std::string(o.registered_capital->currency.code())};
    }
    json = {{"v", 1},
            {"name", o.name},
            {"identifiers", IdentifiersJson(o.identifiers)},
            {"legal_representative", o.legal_representative},
            {"registered_capital", capital},
            {"established_on", DateJson(o.established_on)},
            {"status", std::string(OrganizationStatusCode(o.status))},
            {"industry_code", o.industry_code},
            {"addresses", AddressesJson(o.addresses)},
            {"phones", o.phones}};
  }
  return json.dump();
}

Status DecodeIdentity(std::string_view bytes, Subject& subject) {
  if (ReadIdentityDirect(bytes, subject)) return Ok();
  try {
    Json json = Json::parse(bytes);
    if (subject.kind == SubjectKind::kPerson) {
      Person& p = subject.person;
      p.given_name = json.at("given_name").get<std::string>();
      p.family_name = json.at("family_name").get<std::string>();
      p.full_name = json.at("full_name").get<std::string>();
      p.birth_date = DateFrom(json.at("birth_date"));
      p.identifiers = IdentifiersFrom(json.at("identifiers"));
      p.addresses = AddressesFrom(json.at("addresses"));
      p.phones = json.at("phones").get<std::vector<std::string>>();
      p.emails = json.at("emails").get<std::vector<std::string>>();
      p.employment.clear();
      for (const Json& e : json.at("employment")) {
        p.employment.push_back({e.at("employer").get<std::string>(),
                                e.at("occupation").get<std::string>(), DateFrom(e.at("since"))});
      }
    } else {
      Organization& o = subject.organization;
      o.name = json.at("name").get<std::string>();
      o.identifiers = IdentifiersFrom(json.at("identifiers"));
      o.legal_representative = json.at("legal_representative").get<std::string>();
      const Json& capital = json.at("registered_capital");
      if (capital.is_null()) {
        o.registered_capital.reset();
      } else {
        auto currency = Currency::Parse(capital.at(1).get<std::string>());
        o.registered_capital = Money{capital.at(0).get<int64_t>(), currency.value_or(Currency())};
      }
      o.established_on = DateFrom(json.at("established_on"));
      auto status = OrganizationStatusFromCode(json.at("status").get<std::string>());
      o.status = status.value_or(OrganizationStatus::kUnknown);
      o.industry_code = json.at("industry_code").get<std::string>();
      o.addresses = AddressesFrom(json.at("addresses"));
      o.phones = json.at("phones").get<std::vector<std::string>>();
    }
  } catch (const std::exception& e) {
    return MakeError(ErrorCode::kDataLoss,
                     std::string("stored identity of subject does not parse: ") + e.what());
  }
  return Ok();
}

}  // namespace credo::store_internal
