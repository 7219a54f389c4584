// credo core: the subjects of credit files, persons and organizations.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/identifier.h"
#include "core/money.h"

namespace credo {

//! Bureau-wide subject id: stable across merges (old ids redirect), never reused.
using SubjectId = int64_t;

enum class SubjectKind { kPerson, kOrganization };

struct Address {
  std::string line1;
  std::string line2;
  std::string city;          //!< city, suburb or district
  std::string region;        //!< province or state
  std::string postcode;
  std::string country;       //!< ISO 3166-1 alpha-2, lower-case ("cn", "us")
  std::optional<Date> reported_on;
  bool operator==(const Address&) const = default;
};

struct Employment {
  std::string employer;
  std::string occupation;
  std::optional<Date> since;
  bool operator==(const Employment&) const = default;
};

struct Person {
  std::string given_name;
  std::string family_name;
  std::string full_name;     //!< as written, e.g. "张伟" (no spaces for Chinese names)
  std::optional<Date> birth_date;
  std::vector<Identifier> identifiers;
  std::vector<Address> addresses;
  std::vector<std::string> phones;   //!< E.164
  std::vector<std::string> emails;   //!< lower-cased
  std::vector<Employment> employment;
};

enum class OrganizationStatus { kActive, kRevoked, kCancelled, kDissolved, kBankrupt, kUnknown };

struct Organization {
  std::string name;                  //!< registered name
  std::vector<Identifier> identifiers;  //!< unified social credit code, EIN
  std::string legal_representative;
  std::optional<Money> registered_capital;
  std::optional<Date> established_on;
  OrganizationStatus status = OrganizationStatus::kUnknown;
  std::string industry_code;         //!< GB/T 4754 or NAICS
  std::vector<Address> addresses;
  std::vector<std::string> phones;
};

struct Subject {
  SubjectId id = 0;
  SubjectKind kind = SubjectKind::kPerson;
  Person person;              //!< filled when kind == kPerson
  Organization organization;  //!< filled when kind == kOrganization
};

}  // namespace credo
