// credo ingest/mapping: the canonical field names every mapping file maps onto.
//
// One list for the whole bureau: person identity and contact, tradeline, company registration
// and public-record fields. Mapping files name these in snake_case ("given_name"); readers,
// validation and resolve index records by CanonicalField. Adding a field: append it before
// kCount and give it a name and a group in canonical_fields.cc.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace credo::ingest {

enum class CanonicalField : unsigned char {
  // Record bookkeeping.
  kRecordId,         //!< the furnisher's record id (unique within a file)
  // Person identity and contact.
  kGivenName,
  kMiddleName,
  kSurname,
  kFullName,         //!< the whole name when a source does not split it (张伟)
  kDateOfBirth,      //!< ISO after a date transform; YYYYMMDD digits are also compared as dates
  kSex,
  kStreetNumber,
  kAddressLine1,
  kAddressLine2,
  kCity,             //!< city, suburb or district
  kPostcode,
  kState,            //!< state or province
  kCountry,
  kPhone,
  kEmail,
  kIdentifier,       //!< a personal identifier; its kind is given in the mapping (default other)
  // Tradeline.
  kFurnisher,
  kAccountNumber,
  kAccountType,
  kDateOpened,
  kCreditLimit,      //!< minor units after an amount transform
  kCurrentBalance,
  kAmountPastDue,
  kAccountStatus,
  kPaymentRating,
  kPaymentHistory,
  kDateOfAccountInformation,
  kDateClosed,
  kCurrency,
  kConsentReference,
  // Company registration.
  kCompanyName,
  kCompanyIdentifier,  //!< unified social credit code or EIN; kind given in the mapping
  kLegalRepresentative,
  kRegisteredCapital,
  kDateEstablished,
  kCompanyStatus,
  kIndustryCode,
  kRegisteredAddress,
  // Public records.
  kPublicRecordType,   //!< judgment, enforcement, dishonest_debtor, tax_arrears, penalty
  kCourt,
  kCaseNumber,
  kFilingDate,
  kRecordAmount,
  kRecordStatus,
  kCount
};

inline constexpr size_t kCanonicalFieldCount = static_cast<size_t>(CanonicalField::kCount);

enum class CanonicalGroup { kRecord, kPerson, kTradeline, kCompany, kPublicRecord };

//! "given_name", "date_of_birth", ...
std::string_view CanonicalFieldName(CanonicalField field);
CanonicalGroup CanonicalFieldGroup(CanonicalField field);
//! The field with that snake_case name, or nullopt.
std::optional<CanonicalField> ParseCanonicalField(std::string_view name);

}  // namespace credo::ingest
