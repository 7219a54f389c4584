// The rule table: codes, severities and how-to-fix messages (docs/metro2/rules.md mirrors it).
#include "ingest/metro2/rules.h"

#include <array>
#include <cstdio>

#include "ingest/metro2/internal/layout.h"

namespace credo::metro2 {
namespace {

constexpr Severity kF = Severity::kFatal;
constexpr Severity kW = Severity::kWarning;

constexpr std::array<RuleInfo, static_cast<size_t>(Rule::kRuleCount)> kRules = {{
    {Rule::kEmptyFile, "M2-001", kF, "the file is empty",
     "send a file that starts with a HEADER record"},
    {Rule::kNoHeader, "M2-002", kF, "the file does not start with a HEADER record",
     "put the header record (RDW, then 'HEADER') first; check the file is Metro 2 and not truncated at the start"},
    {Rule::kBadDescriptorWord, "M2-003", kF, "record descriptor word is not a valid length",
     "the first 4 bytes of each record must be its length (4 digits, e.g. 0426, or 2 binary bytes + 00 00 in packed files); the rest of the file cannot be framed"},
    {Rule::kBadBlockDescriptor, "M2-004", kF, "block descriptor word disagrees with the record length",
     "set the BDW to the block length including its own 4 bytes (RDW + 4 for one record per block)"},
    {Rule::kTruncatedRecord, "M2-005", kF, "the file ends inside a record",
     "the file was cut short; resend the whole file (the record needs the number of bytes its RDW says)"},
    {Rule::kRecordTooShort, "M2-006", kF, "record is shorter than its fixed layout",
     "a header, base segment or trailer needs 426 bytes (366 packed); fix the RDW or the record"},
    {Rule::kUnknownSegment, "M2-007", kW, "unrecognised bytes after the segments",
     "after the base segment only J1, J2, K1, K2, K3, K4, L1 and N1 segments or blank padding may follow"},
    {Rule::kTruncatedSegment, "M2-008", kF, "appended segment runs past the end of the record",
     "make the RDW include every appended segment in full (e.g. 426 + J2 200 = 626)"},
    {Rule::kDuplicateSegment, "M2-009", kW, "segment reported twice in one record; the later one is kept",
     "report at most one K1, K2, K3, K4, L1 and N1 segment per record"},
    {Rule::kUnexpectedHeader, "M2-010", kF, "a HEADER record appears after the first record",
     "send one header per file; split concatenated files"},
    {Rule::kMissingTrailer, "M2-011", kF, "the file has no TRAILER record",
     "end the file with a trailer carrying the control totals; a missing trailer usually means the file was truncated"},
    {Rule::kDataAfterTrailer, "M2-012", kF, "bytes after the TRAILER record",
     "the trailer must be the last record; remove what follows it or split the file"},
    {Rule::kPackedDialectUnknown, "M2-013", kW, "packed dialect could not be recognised; read as moov binary",
     "packed dates should be packed decimal (0MMDDYYYYs) per the CRRG"},
    {Rule::kNotAlphanumeric, "M2-101", kF, "field has bytes that are not printable ASCII",
     "use letters, digits, blanks and printable punctuation only (no control bytes, no backquote, no non-ASCII such as accented letters: transliterate them)"},
    {Rule::kNotNumeric, "M2-102", kF, "numeric field is not all digits",
     "right-justify the number and zero-fill it (no blanks, signs or decimal points; amounts in whole dollars)"},
    {Rule::kInvalidDate, "M2-103", kF, "date is not a real calendar date MMDDYYYY",
     "write dates as MMDDYYYY (e.g. 01312024), use 01 when the day is unknown, and 00000000 for no date"},
    {Rule::kBadPackedNumber, "M2-104", kF, "packed field is not valid packed decimal or binary",
     "packed numbers are packed decimal with a C or F sign nibble (or the moov binary form); regenerate the field"},
    {Rule::kRequiredMissing, "M2-105", kF, "required field is blank or zero",
     "report a value: this field is required by the Metro 2 format"},
    {Rule::kReservedNotBlank, "M2-106", kW, "reserved field is not blank",
     "fill reserved positions with blanks"},
    {Rule::kRecordIdentifier, "M2-107", kF, "record identifier is wrong",
     "the header must say HEADER and the trailer TRAILER at positions 5-11"},
    {Rule::kProcessingIndicator, "M2-201", kW, "processing indicator is not 1",
     "always report 1"},
    {Rule::kCorrectionIndicator, "M2-202", kF, "correction indicator is not 0 or 1",
     "report 0 for a normal record, 1 for a replacement"},
    {Rule::kIdentificationNumber, "M2-203", kF, "identification number is zero-, 9- or blank-filled",
     "report the furnisher identification number assigned by the bureaus, the same every month"},
    {Rule::kPortfolioType, "M2-204", kF, "portfolio type is not C, I, M, O, R or L",
     "C line of credit, I installment, M mortgage, O open, R revolving (L lease, as moov-io accepts)"},
    {Rule::kAccountType, "M2-205", kF, "account type is not a Metro 2 account type code",
     "use a code from the CRRG account type table (e.g. 00 auto, 18 credit card, 26 conventional mortgage)"},
    {Rule::kTermsDuration, "M2-206", kF, "terms duration is not LOC, REV or a number",
     "report LOC (line of credit), REV (revolving), 001 (open) or the number of months/years"},
    {Rule::kTermsFrequency, "M2-207", kF, "terms frequency is not a valid code",
     "use D, P, W, B, E, M, L, Q, T, S or Y (blank only when not applicable)"},
    {Rule::kAccountStatus, "M2-208", kF, "account status is not a Metro 2 status code",
     "use DA, DF, 05, 11, 13, 61-65, 71, 78, 80, 82-84, 88, 89, 93-97"},
    {Rule::kPaymentRating, "M2-209", kF, "payment rating does not match the account status",
     "report a payment rating (0-6, G or L) for statuses 05, 13, 65, 88, 89, 94, 95 and leave it blank for all others"},
    {Rule::kPaymentHistoryCode, "M2-210", kF, "payment history profile has an invalid code",
     "use 0-6, B, D, E, G, H, J, K, L (Z in the character format) for each of the 24 months"},
    {Rule::kSpecialComment, "M2-211", kF, "special comment is not a Metro 2 special comment code",
     "use a code from the CRRG special comment table or leave it blank"},
    {Rule::kComplianceConditionCode, "M2-212", kF, "compliance condition code is not XA-XJ or XR",
     "use XA, XB, XC, XD, XE, XF, XG, XH, XJ or XR, or leave it blank"},
    {Rule::kInterestTypeIndicator, "M2-213", kF, "interest type indicator is not F or V",
     "report F (fixed), V (variable) or blank"},
    {Rule::kGenerationCode, "M2-214", kW, "generation code is not J, S or 2-9",
     "report J (junior), S (senior), 2-9 or blank"},
    {Rule::kEcoaCode, "M2-215", kF, "ECOA code is not a Metro 2 ECOA code",
     "use 1, 2, 3, 5, 7, T, W, X or Z"},
    {Rule::kStateCode, "M2-216", kW, "state is not a US state or territory abbreviation",
     "use the two-letter USPS abbreviation (e.g. CA, NY, DC, PR, AE)"},
    {Rule::kAddressIndicator, "M2-217", kW, "address indicator is not a valid code",
     "use C, Y, N, M, S, B, U, D, P or blank"},
    {Rule::kResidenceCode, "M2-218", kW, "residence code is not O or R",
     "report O (owns), R (rents) or blank"},
    {Rule::kCreditorClassification, "M2-219", kF, "creditor classification is not 01-15",
     "use a creditor classification code from the CRRG (01-15)"},
    {Rule::kPurchasedIndicator, "M2-220", kF, "purchased/sold indicator is not 1, 2 or 9",
     "1 purchased from, 2 sold to, 9 remove a previously reported K2"},
    {Rule::kAgencyIdentifier, "M2-221", kF, "agency identifier is not 00, 01 or 02",
     "00 MIN only, 01 Fannie Mae, 02 Freddie Mac"},
    {Rule::kSpecializedPaymentIndicator, "M2-222", kF, "specialized payment indicator is not 01 or 02",
     "01 balloon payment, 02 deferred payment"},
    {Rule::kChangeIndicator, "M2-223", kF, "change indicator is not 1, 2 or 3",
     "1 account number changed, 2 identification number changed, 3 both"},
    {Rule::kInvalidSsn, "M2-224", kF, "social security number is not a valid SSN",
     "report the 9-digit SSN (area not 000, 666 or 900-999, group not 00, serial not 0000) or zero-fill it if unknown"},
    {Rule::kDateOpenedAfterAccountInformation, "M2-301", kF, "date opened is after the date of account information",
     "the account cannot be opened after the date the information is as of; check both dates"},
    {Rule::kPastDueExceedsBalance, "M2-302", kF, "amount past due exceeds the current balance on a current account",
     "on an account reported current (status 11) the past-due amount cannot exceed the balance"},
    {Rule::kPastDueOnCurrentAccount, "M2-303", kW, "amount past due is not zero on a current account",
     "report 0 past due for status 11, or report the delinquency status (71-84)"},
    {Rule::kDateClosedMissing, "M2-304", kF, "date closed is missing for a closed or paid status",
     "report the date closed for statuses 13 and 61-65"},
    {Rule::kDateClosedOnCurrentAccount, "M2-305", kW, "date closed is set on an account reported current and open",
     "report status 13 for an account paid and closed, or leave the date closed empty"},
    {Rule::kPaymentHistoryInconsistent, "M2-306", kF, "account status is inconsistent with the payment history profile",
     "a delinquency advances at most one 30-day step per month: the previous month must be no more than one step less past due"},
    {Rule::kPaymentHistoryEmbeddedB, "M2-307", kW, "B (no history) appears before reported months in the payment history",
     "B may only fill the oldest months, after the last reported month"},
    {Rule::kFirstDelinquencyMissing, "M2-308", kF, "date of first delinquency is missing for a delinquent status",
     "report the date of first delinquency for statuses 71-84, 93, 95-97 (it starts the 7-year FCRA clock)"},
    {Rule::kFirstDelinquencyOnCurrentAccount, "M2-309", kW, "date of first delinquency is set on a current account",
     "zero-fill the date of first delinquency when the account is current (status 11) and never went delinquent"},
    {Rule::kSsnAndBirthDateMissing, "M2-310", kF, "neither SSN nor date of birth is reported",
     "report the SSN or the date of birth (or both) so that the consumer can be identified"},
    {Rule::kChargeOffAmountMissing, "M2-311", kW, "original charge-off amount is zero on a charged-off account",
     "report the amount charged off for statuses 64 and 97"},
    {Rule::kCreditLimitOnInstallment, "M2-312", kW, "credit limit is reported on an installment or mortgage account",
     "zero-fill the credit limit for portfolio types I and M; report the loan amount as highest credit"},
    {Rule::kDateInFuture, "M2-313", kW, "date is after the header's activity date",
     "dates cannot be later than the activity date of the file; check the century and the MMDDYYYY order"},
    {Rule::kK2NameWithRemove, "M2-314", kF, "K2 name is reported with indicator 9 (remove)",
     "leave the purchased from/sold to name blank when the indicator is 9"},
    {Rule::kK3AccountNumberWithMinOnly, "M2-315", kF, "K3 agency account number is reported with agency identifier 00",
     "with agency identifier 00 (MIN only) leave the agency account number blank"},
    {Rule::kL1UnchangedFieldFilled, "M2-316", kF, "L1 reports a new value for a field that is not changing",
     "change indicator 1 takes only the new account number, 2 only the new identification number, 3 both"},
    {Rule::kTrailerTotalMismatch, "M2-401", kF, "trailer total disagrees with the records in the file",
     "recompute the trailer from the records sent; a mismatch usually means records were lost or added"},
    {Rule::kTrailerCountMismatch, "M2-402", kW, "trailer count of identifiers disagrees with the records in the file",
     "recompute the SSN, date of birth, telephone and ECOA Z counts from the segments sent"},
}};

}  // namespace

const RuleInfo& GetRuleInfo(Rule rule) { return kRules[static_cast<size_t>(rule)]; }
std::span<const RuleInfo> AllRules() { return kRules; }

std::string EscapeBytes(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size());
  for (unsigned char c : bytes) {
    if (c >= 0x20 && c < 0x7F && c != '\\') {
      out.push_back(static_cast<char>(c));
    } else {
      char buf[5];
      std::snprintf(buf, sizeof buf, "\\x%02X", c);
      out += buf;
    }
  }
  return out;
}

std::string Issue::ToString() const {
  const RuleInfo& info = GetRuleInfo(rule);
  std::string out = "record " + std::to_string(record_number) + " offset " +
                    std::to_string(byte_offset) + " " +
                    std::string(internal::LayoutFor(segment).name);
  if (!field.empty()) {
    out += ".";
    out += field;
  }
  out += " [";
  out += info.code;
  out += info.severity == Severity::kFatal ? " fatal] " : " warning] ";
  out += info.summary;
  if (!value.empty() || !field.empty()) out += ": '" + value + "'";
  if (!detail.empty()) out += " (" + detail + ")";
  out += ". Fix: ";
  out += info.fix;
  return out;
}

void IssueCounter::Report(Issue issue) {
  if (issue.severity() == Severity::kFatal) {
    ++fatal_;
  } else {
    ++warnings_;
  }
  ++by_rule_[static_cast<size_t>(issue.rule)];
  if (kept_.size() < keep_) kept_.push_back(std::move(issue));
}

}  // namespace credo::metro2
