#include "resolve/comparators/comparator.h"

#include "resolve/comparators/address_comparator.h"
#include "resolve/comparators/company_name_comparator.h"
#include "resolve/comparators/date_comparator.h"
#include "resolve/comparators/exact_comparator.h"
#include "resolve/comparators/identifier_comparator.h"
#include "resolve/comparators/name_comparator.h"
#include "resolve/comparators/phone_comparator.h"
#include "resolve/comparators/postcode_comparator.h"

namespace credo::resolve {

std::string_view ComparatorKindName(ComparatorKind kind) {
  switch (kind) {
    case ComparatorKind::kExact: return "exact";
    case ComparatorKind::kName: return "name";
    case ComparatorKind::kIdentifier: return "identifier";
    case ComparatorKind::kDate: return "date";
    case ComparatorKind::kPostcode: return "postcode";
    case ComparatorKind::kPhone: return "phone";
    case ComparatorKind::kAddress: return "address";
    case ComparatorKind::kCompanyName: return "company_name";
  }
  return "?";
}

std::unique_ptr<Comparator> MakeComparator(ComparatorKind kind) {
  switch (kind) {
    case ComparatorKind::kExact: return std::make_unique<ExactComparator>();
    case ComparatorKind::kName: return std::make_unique<NameComparator>();
    case ComparatorKind::kIdentifier: return std::make_unique<IdentifierComparator>();
    case ComparatorKind::kDate: return std::make_unique<DateComparator>();
    case ComparatorKind::kPostcode: return std::make_unique<PostcodeComparator>();
    case ComparatorKind::kPhone: return std::make_unique<PhoneComparator>();
    case ComparatorKind::kAddress: return std::make_unique<AddressComparator>();
    case ComparatorKind::kCompanyName: return std::make_unique<CompanyNameComparator>();
  }
  return nullptr;
}

}  // namespace credo::resolve
