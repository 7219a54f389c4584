#include "ingest/mapping/canonical_fields.h"

#include <array>

namespace credo::ingest {
namespace {

struct FieldInfo {
  std::string_view name;
  CanonicalGroup group;
};

constexpr std::array<FieldInfo, kCanonicalFieldCount> kFields = {{
    {"record_id", CanonicalGroup::kRecord},
    {"given_name", CanonicalGroup::kPerson},
    {"middle_name", CanonicalGroup::kPerson},
    {"surname", CanonicalGroup::kPerson},
    {"full_name", CanonicalGroup::kPerson},
    {"date_of_birth", CanonicalGroup::kPerson},
    {"sex", CanonicalGroup::kPerson},
    {"street_number", CanonicalGroup::kPerson},
    {"address_line_1", CanonicalGroup::kPerson},
    {"address_line_2", CanonicalGroup::kPerson},
    {"city", CanonicalGroup::kPerson},
    {"postcode", CanonicalGroup::kPerson},
    {"state", CanonicalGroup::kPerson},
    {"country", CanonicalGroup::kPerson},
    {"phone", CanonicalGroup::kPerson},
    {"email", CanonicalGroup::kPerson},
    {"identifier", CanonicalGroup::kPerson},
    {"furnisher", CanonicalGroup::kTradeline},
    {"account_number", CanonicalGroup::kTradeline},
    {"account_type", CanonicalGroup::kTradeline},
    {"date_opened", CanonicalGroup::kTradeline},
    {"credit_limit", CanonicalGroup::kTradeline},
    {"current_balance", CanonicalGroup::kTradeline},
    {"amount_past_due", CanonicalGroup::kTradeline},
    {"account_status", CanonicalGroup::kTradeline},
    {"payment_rating", CanonicalGroup::kTradeline},
    {"payment_history", CanonicalGroup::kTradeline},
    {"date_of_account_information", CanonicalGroup::kTradeline},
    {"date_closed", CanonicalGroup::kTradeline},
    {"currency", CanonicalGroup::kTradeline},
    {"consent_reference", CanonicalGroup::kTradeline},
    {"company_name", CanonicalGroup::kCompany},
    {"company_identifier", CanonicalGroup::kCompany},
    {"legal_representative", CanonicalGroup::kCompany},
    {"registered_capital", CanonicalGroup::kCompany},
    {"date_established", CanonicalGroup::kCompany},
    {"company_status", CanonicalGroup::kCompany},
    {"industry_code", CanonicalGroup::kCompany},
    {"registered_address", CanonicalGroup::kCompany},
    {"public_record_type", CanonicalGroup::kPublicRecord},
    {"court", CanonicalGroup::kPublicRecord},
    {"case_number", CanonicalGroup::kPublicRecord},
    {"filing_date", CanonicalGroup::kPublicRecord},
    {"record_amount", CanonicalGroup::kPublicRecord},
    {"record_status", CanonicalGroup::kPublicRecord},
}};

}  // namespace

std::string_view CanonicalFieldName(CanonicalField field) {
  return kFields[static_cast<size_t>(field)].name;
}

CanonicalGroup CanonicalFieldGroup(CanonicalField field) {
  return kFields[static_cast<size_t>(field)].group;
}

std::optional<CanonicalField> ParseCanonicalField(std::string_view name) {
  for (size_t i = 0; i < kFields.size(); ++i) {
    if (kFields[i].name == name) return static_cast<CanonicalField>(i);
  }
  return std::nullopt;
}

}  // namespace credo::ingest
