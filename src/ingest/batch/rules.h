// credo ingest/batch: the validation rules of canonical records, with stable codes.
//
// Each rule has a code ("IN-060"), a severity (fatal rejects the record to quarantine; a warning
// accepts it and is counted in the data-quality report), a summary and a fix that tells the
// furnisher what to change. The table is documented in docs/ingest/rules.md; a test keeps the
// two in step. Pure data, thread-safe.
#pragma once

#include <span>
#include <string_view>

namespace credo::ingest {

enum class IngestRule {
  kRequiredMissing,           // IN-001
  kNameMissing,               // IN-002
  kSubjectIdentifierMissing,  // IN-003
  kInvalidDate,               // IN-010
  kFutureDate,                // IN-011
  kInvalidAmount,             // IN-020
  kNegativeAmount,            // IN-021
  kInvalidNumber,             // IN-022
  kUnknownAccountStatus,      // IN-030
  kUnknownPaymentHistoryCode, // IN-031
  kUnknownPublicRecordType,   // IN-032
  kUnknownCompanyStatus,      // IN-033
  kUnknownIdentifierKind,     // IN-034
  kUnknownCurrency,           // IN-035
  kInvalidIdentifier,         // IN-040
  kInvalidCompanyIdentifier,  // IN-041
  kInvalidPhone,              // IN-042
  kInvalidEmail,              // IN-043
  kInvalidText,               // IN-044
  kPercentOutOfRange,         // IN-050
  kPeriodMonthsOutOfRange,    // IN-051
  kDateOpenedAfterReport,     // IN-060
  kPastDueExceedsBalance,     // IN-061
  kDateClosedMissing,         // IN-062
  kDateClosedOnOpenAccount,   // IN-063
  kHistoryInconsistent,       // IN-064
  kBalanceSheetUnbalanced,    // IN-065
  kProhibitedField,           // IN-070
  kConsentMissing,            // IN-071
  kReaderIssue,               // IN-080 (a mapping transform failed; the reader's message)
  kCount
};

enum class RuleSeverity { kWarning, kFatal };

struct IngestRuleInfo {
  IngestRule rule;
  std::string_view code;
  RuleSeverity severity;
  std::string_view summary;
  std::string_view fix;
};

const IngestRuleInfo& GetIngestRule(IngestRule rule);
std::span<const IngestRuleInfo> AllIngestRules();

//! Batch-level errors (the whole file is refused, the store is left unchanged). Their codes
//! appear in Error::message as "[IN-9xx]"; documented in docs/ingest/rules.md.
struct FileErrorInfo {
  std::string_view code;
  std::string_view summary;
};
inline constexpr FileErrorInfo kFileUnreadable{"IN-900", "the file cannot be opened or read"};
inline constexpr FileErrorInfo kFileMapping{"IN-901", "the mapping file is invalid"};
inline constexpr FileErrorInfo kFileFormat{"IN-902", "the file cannot be parsed in its format"};
inline constexpr FileErrorInfo kFileEncoding{"IN-903", "the file is not valid UTF-8"};
inline constexpr FileErrorInfo kFileMetro2Framing{"IN-904",
                                                  "the Metro 2 file cannot be framed or its "
                                                  "header/trailer is wrong"};
inline constexpr FileErrorInfo kFileRejectRatio{"IN-905",
                                                "too many records were rejected: the file is "
                                                "refused whole"};
inline constexpr FileErrorInfo kFileProhibitedColumn{"IN-906",
                                                     "the file carries a column the profile "
                                                     "prohibits"};
inline constexpr FileErrorInfo kFileEmpty{"IN-907", "the file holds no records"};

}  // namespace credo::ingest
