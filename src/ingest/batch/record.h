// credo ingest/batch: the canonical record every feed is turned into before validation.
//
// A CanonicalRecord is one input record of any feed (furnisher account, inquiry, company
// registration, financial statement, public record) as named text values, with where it came
// from (line, byte offset), its original bytes (kept as the raw record) and any problems the
// reader already found (Findings). Readers of every format fill it; validate.h turns it into core
// types or rejects it. Values are text exactly as the reader produced them; amounts are decimal
// text unless `minor_units` says the reader already converted them.
#pragma once

#include <array>
#include <bitset>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace credo::ingest {

//! What a feed carries; decides which rules apply and what is written.
enum class FeedKind {
  kAccounts,             //!< furnisher accounts: a person (or company) and a tradeline
  kInquiries,            //!< inquiries made by institutions
  kCompanies,            //!< company registration with shareholders
  kFinancialStatements,  //!< balance sheet, income statement, cash flow of a company
  kPublicRecords,        //!< judgments, enforcement, dishonest debtors, tax arrears, penalties
};
std::string_view FeedKindName(FeedKind kind);
//! "accounts", "inquiries", "companies", "financial_statements", "public_records".
std::optional<FeedKind> ParseFeedKind(std::string_view name);

enum class RecordField : unsigned char {
  kRecordId,
  // Person identity and contact.
  kGivenName, kMiddleName, kSurname, kFullName, kDateOfBirth, kSex, kAddressLine1, kAddressLine2,
  kCity, kPostcode, kState, kCountry, kPhone, kEmail,
  kIdentifier,      //!< the subject's identifier; kind in kIdentifierKind
  kIdentifierKind,  //!< cn_resident_id, us_ssn, cn_uscc, us_ein, other
  kConsentReference,
  // Tradeline.
  kFurnisher, kAccountNumber, kAccountType, kDateOpened, kCreditLimit, kHighCredit,
  kCurrentBalance, kAmountPastDue, kScheduledPayment, kActualPayment, kAccountStatus,
  kPaymentHistory, kDateOfAccountInformation, kDateClosed, kDateOfLastPayment,
  kDateOfFirstDelinquency, kEcoaCode, kSpecialComment, kComplianceCondition,
  kCorrection,  //!< "1"/"true": this report corrects an earlier one (Metro 2 correction indicator)
  kCurrency,
  kPortfolioType,  //!< Metro 2 portfolio type (C, I, M, O, R, L): with account_type, the kind
  //! The furnisher the account was reported under until this report (Metro 2 L1 segment: a new
  //! identification number); the tradeline stored under it is continued under `furnisher`.
  kPreviousFurnisher,
  //! The account number the account was reported under until this report (Metro 2 L1 segment:
  //! a new account number); the tradeline stored under it is continued under `account_number`.
  kPreviousAccountNumber,
  // Inquiry.
  kInstitution, kPurpose, kInquiryDate,
  //! The furnisher's own reference of an inquiry: part of what makes a loaded inquiry the same
  //! one when it is delivered again (two inquiries with different references stay two).
  kInquiryReference,
  // Company registration.
  kCompanyName, kCompanyIdentifier, kLegalRepresentative, kRegisteredCapital, kDateEstablished,
  kCompanyStatus, kIndustryCode, kRegisteredAddress,
  // Financial statement.
  kPeriodEnd, kPeriodMonths, kCash, kAccountsReceivable, kInventory, kCurrentAssets, kTotalAssets,
  kAccountsPayable, kCurrentLiabilities, kShortTermDebt, kLongTermDebt, kTotalLiabilities,
  kRetainedEarnings, kEquity, kRevenue, kCostOfGoodsSold, kGrossProfit, kEbitda, kEbit,
  kInterestExpense, kNetIncome, kOperatingCashFlow, kInvestingCashFlow, kFinancingCashFlow,
  kCapitalExpenditure, kDebtRepayment,
  // Public record.
  kPublicRecordType, kAuthority, kCaseNumber, kFilingDate, kResolvedDate, kRecordAmount,
  kRecordStatus, kDescription,
  kCount
};
inline constexpr size_t kRecordFieldCount = static_cast<size_t>(RecordField::kCount);

//! snake_case name ("date_opened").
std::string_view RecordFieldName(RecordField field);
std::optional<RecordField> ParseRecordField(std::string_view name);
//! True for fields holding an amount (decimal text or minor units).
bool IsAmountField(RecordField field);
//! True for fields holding a date.
bool IsDateField(RecordField field);
//! True for direct identifiers (identifier numbers, account number, names, birth date, phone,
//! e-mail, address lines): masked with MaskIdentifier in findings and quarantine.
bool IsIdentifierField(RecordField field);

//! A problem found in a record, by a reader or by validation.
struct Finding {
  std::string rule;     //!< "IN-060", or a reader's code such as "M2-301"
  bool fatal = true;    //!< fatal: the record is rejected; else accepted with a warning
  std::string field;    //!< canonical field name ("" for the whole record)
  std::string value;    //!< offending value, identifiers masked
  std::string message;  //!< what is wrong and how to fix it
  int64_t byte_offset = -1;  //!< of the field when the reader knows it, else -1
};

struct Shareholder {
  std::string name;
  std::string identifier;       //!< optional; validated by kind
  std::string identifier_kind;  //!< cn_resident_id, cn_uscc, us_ssn, us_ein; empty: guessed
  std::string percent;          //!< 0..100, decimal text
  bool is_company = false;
};

//! A consumer an account record is also reported for besides its own (a Metro 2 J1 or J2
//! segment: joint holder, authorised user, co-maker ...). Their values use the person fields of
//! RecordField (given_name .. phone, identifier, identifier_kind, date_of_birth, the address
//! fields) and ecoa_code, as text exactly as the reader produced them; a J1 carries the base
//! consumer's address, a J2 its own. `findings` are the reader's for this segment: they decide
//! whether this consumer's copy of the account is written, never whether the record is.
struct AssociatedConsumerRecord {
  std::string segment;       //!< "j1" or "j2" (SegmentKindName), names its findings' fields
  int64_t byte_offset = -1;  //!< of the segment in the file; -1 when unknown
  std::vector<std::pair<RecordField, std::string>> values;
  std::vector<Finding> findings;
};

struct CanonicalRecord {
  FeedKind kind = FeedKind::kAccounts;
  std::array<std::string, kRecordFieldCount> values;
  std::bitset<kRecordFieldCount> present;      //!< non-blank (Set clears a value of blanks)
  std::bitset<kRecordFieldCount> minor_units;  //!< amount already in minor units
  std::vector<Shareholder> shareholders;
  //! Accounts: the other consumers the account is reported for (Metro 2 J1/J2), in file order
  //! within each kind (every J1, then every J2).
  std::vector<AssociatedConsumerRecord> associated;
  //! Field names the reader saw that are not canonical (checked against the profile's
  //! prohibited and consent-required lists).
  std::vector<std::string> other_fields;
  std::vector<Finding> findings;  //!< from the reader (transform failures, Metro 2 rules)
  bool reader_checked_cross_fields = false;  //!< the reader applied the cross-field rules
  int64_t line = 0;
  int64_t byte_offset = 0;
  std::string payload;  //!< the record's bytes, kept as the raw record

  void Clear();
  const std::string& Get(RecordField field) const { return values[static_cast<size_t>(field)]; }
  bool Has(RecordField field) const { return present[static_cast<size_t>(field)]; }
  void Set(RecordField field, std::string value, bool in_minor_units = false);
};

}  // namespace credo::ingest
