#include "ingest/batch/record.h"

#include "ingest/standardize/text.h"

namespace credo::ingest {
namespace {

constexpr std::array<std::string_view, kRecordFieldCount> kFieldNames = {
    "record_id",
    "given_name", "middle_name", "surname", "full_name", "date_of_birth", "sex", "address_line1",
    "address_line2", "city", "postcode", "state", "country", "phone", "email",
    "identifier", "identifier_kind", "consent_reference",
    "furnisher", "account_number", "account_type", "date_opened", "credit_limit", "high_credit",
    "current_balance", "amount_past_due", "scheduled_payment", "actual_payment", "account_status",
    "payment_history", "date_of_account_information", "date_closed", "date_of_last_payment",
    "date_of_first_delinquency", "ecoa_code", "special_comment", "compliance_condition",
    "correction", "currency", "portfolio_type", "previous_furnisher", "previous_account_number",
    "institution", "purpose", "inquiry_date", "inquiry_reference",
    "company_name", "company_identifier", "legal_representative", "registered_capital",
    "date_established", "company_status", "industry_code", "registered_address",
    "period_end", "period_months", "cash", "accounts_receivable", "inventory", "current_assets",
    "total_assets", "accounts_payable", "current_liabilities", "short_term_debt",
    "long_term_debt", "total_liabilities", "retained_earnings", "equity", "revenue",
    "cost_of_goods_sold", "gross_profit", "ebitda", "ebit", "interest_expense", "net_income",
    "operating_cash_flow", "investing_cash_flow", "financing_cash_flow", "capital_expenditure",
    "debt_repayment",
    "public_record_type", "authority", "case_number", "filing_date", "resolved_date",
    "record_amount", "record_status", "description",
};

}  // namespace

std::string_view FeedKindName(FeedKind kind) {
  switch (kind) {
    case FeedKind::kAccounts: return "accounts";
    case FeedKind::kInquiries: return "inquiries";
    case FeedKind::kCompanies: return "companies";
    case FeedKind::kFinancialStatements: return "financial_statements";
    case FeedKind::kPublicRecords: return "public_records";
  }
  return "accounts";
}

std::optional<FeedKind> ParseFeedKind(std::string_view name) {
  for (FeedKind kind : {FeedKind::kAccounts, FeedKind::kInquiries, FeedKind::kCompanies,
                        FeedKind::kFinancialStatements, FeedKind::kPublicRecords}) {
    if (FeedKindName(kind) == name) return kind;
  }
  if (name == "public-records") return FeedKind::kPublicRecords;
  if (name == "financial-statements" || name == "financials") {
    return FeedKind::kFinancialStatements;
  }
  return std::nullopt;
}

std::string_view RecordFieldName(RecordField field) {
  size_t index = static_cast<size_t>(field);
  return index < kRecordFieldCount ? kFieldNames[index] : std::string_view("?");
}

std::optional<RecordField> ParseRecordField(std::string_view name) {
  for (size_t i = 0; i < kRecordFieldCount; ++i) {
    if (kFieldNames[i] == name) return static_cast<RecordField>(i);
  }
  return std::nullopt;
}

bool IsAmountField(RecordField field) {
  switch (field) {
    case RecordField::kCreditLimit:
    case RecordField::kHighCredit:
    case RecordField::kCurrentBalance:
    case RecordField::kAmountPastDue:
    case RecordField::kScheduledPayment:
    case RecordField::kActualPayment:
    case RecordField::kRegisteredCapital:
    case RecordField::kRecordAmount:
      return true;
    default:
      return field >= RecordField::kCash && field <= RecordField::kDebtRepayment;
  }
}

bool IsDateField(RecordField field) {
  switch (field) {
    case RecordField::kDateOfBirth:
    case RecordField::kDateOpened:
    case RecordField::kDateOfAccountInformation:
    case RecordField::kDateClosed:
    case RecordField::kDateOfLastPayment:
    case RecordField::kDateOfFirstDelinquency:
    case RecordField::kInquiryDate:
    case RecordField::kDateEstablished:
    case RecordField::kPeriodEnd:
    case RecordField::kFilingDate:
    case RecordField::kResolvedDate:
      return true;
    default:
      return false;
  }
}

bool IsIdentifierField(RecordField field) {
  switch (field) {
    case RecordField::kIdentifier:
    case RecordField::kCompanyIdentifier:
    case RecordField::kAccountNumber:
    case RecordField::kPreviousAccountNumber:
    case RecordField::kPhone:
    case RecordField::kEmail:
    case RecordField::kDateOfBirth:
    case RecordField::kGivenName:
    case RecordField::kMiddleName:
    case RecordField::kSurname:
    case RecordField::kFullName:
    case RecordField::kAddressLine1:
    case RecordField::kAddressLine2:
      return true;
    default:
      return false;
  }
}

void CanonicalRecord::Clear() {
  for (size_t i = 0; i < kRecordFieldCount; ++i) {
    if (present[i]) values[i].clear();
  }
  present.reset();
  minor_units.reset();
  shareholders.clear();
  associated.clear();
  other_fields.clear();
  findings.clear();
  reader_checked_cross_fields = false;
  line = 0;
  byte_offset = 0;
  payload.clear();
}

void CanonicalRecord::Set(RecordField field, std::string value, bool in_minor_units) {
  size_t index = static_cast<size_t>(field);
  // A value of only blanks is absent (as MappedReader reads a blank cell): the required-field
  // rule then rejects the record instead of passing a value that standardises to nothing.
  if (IsBlank(value)) value.clear();
  present[index] = !value.empty();
  minor_units[index] = in_minor_units;
  values[index] = std::move(value);
}

}  // namespace credo::ingest
