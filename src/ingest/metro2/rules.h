// credo ingest/metro2: the validation rules and the issues they raise.
//
// Every problem found in a file is an Issue: a rule (with a stable code such as "M2-210", a
// severity and a message that says how to fix it), the 1-based physical record number, the byte
// offset in the file of the field (or record), the segment, the field name and the offending
// value (SSNs masked, non-printable bytes as \xNN). Fatal issues reject the record (or the file,
// for framing and trailer problems); warnings accept it. The table is documented in
// docs/metro2/rules.md and printed by `credo metro2 rules`.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/metro2/record.h"

namespace credo::metro2 {

enum class Severity : uint8_t { kWarning, kFatal };

enum class Rule : uint16_t {
  // Framing (M2-0xx)
  kEmptyFile,
  kNoHeader,
  kBadDescriptorWord,
  kBadBlockDescriptor,
  kTruncatedRecord,
  kRecordTooShort,
  kUnknownSegment,
  kTruncatedSegment,
  kDuplicateSegment,
  kUnexpectedHeader,
  kMissingTrailer,
  kDataAfterTrailer,
  kPackedDialectUnknown,
  // Field formats (M2-1xx)
  kNotAlphanumeric,
  kNotNumeric,
  kInvalidDate,
  kBadPackedNumber,
  kRequiredMissing,
  kReservedNotBlank,
  kRecordIdentifier,
  // Code sets (M2-2xx)
  kProcessingIndicator,
  kCorrectionIndicator,
  kIdentificationNumber,
  kPortfolioType,
  kAccountType,
  kTermsDuration,
  kTermsFrequency,
  kAccountStatus,
  kPaymentRating,
  kPaymentHistoryCode,
  kSpecialComment,
  kComplianceConditionCode,
  kInterestTypeIndicator,
  kGenerationCode,
  kEcoaCode,
  kStateCode,
  kAddressIndicator,
  kResidenceCode,
  kCreditorClassification,
  kPurchasedIndicator,
  kAgencyIdentifier,
  kSpecializedPaymentIndicator,
  kChangeIndicator,
  kInvalidSsn,
  // Cross-field (M2-3xx)
  kDateOpenedAfterAccountInformation,
  kPastDueExceedsBalance,
  kPastDueOnCurrentAccount,
  kDateClosedMissing,
  kDateClosedOnCurrentAccount,
  kPaymentHistoryInconsistent,
  kPaymentHistoryEmbeddedB,
  kFirstDelinquencyMissing,
  kFirstDelinquencyOnCurrentAccount,
  kSsnAndBirthDateMissing,
  kChargeOffAmountMissing,
  kCreditLimitOnInstallment,
  kDateInFuture,
  kK2NameWithRemove,
  kK3AccountNumberWithMinOnly,
  kL1UnchangedFieldFilled,
  // Trailer totals (M2-4xx)
  kTrailerTotalMismatch,
  kTrailerCountMismatch,
  kRuleCount,  // keep last
};

struct RuleInfo {
  Rule rule;
  std::string_view code;     //!< "M2-210"
  Severity severity;
  std::string_view summary;  //!< what is wrong
  std::string_view fix;      //!< how to fix it
};

const RuleInfo& GetRuleInfo(Rule rule);
std::span<const RuleInfo> AllRules();
inline Severity SeverityOf(Rule rule) { return GetRuleInfo(rule).severity; }

struct Issue {
  Rule rule = Rule::kEmptyFile;
  uint64_t record_number = 0;  //!< 1-based physical record (header = 1); 0 = the file
  uint64_t byte_offset = 0;    //!< of the field (or record) in the file
  SegmentKind segment = SegmentKind::kBase;
  std::string_view field;      //!< field name, empty for whole-record problems
  std::string value;           //!< offending value, masked / escaped
  std::string detail;          //!< specifics ("trailer says 3, records read 2")

  Severity severity() const { return SeverityOf(rule); }
  //! "record 2 offset 501 base segment.date_opened [M2-103 fatal] <summary>: '13012020' (detail). Fix: ..."
  std::string ToString() const;
};

//! Receives issues as they are found (streaming: the reader keeps none).
class IssueSink {
 public:
  virtual ~IssueSink() = default;
  virtual void Report(Issue issue) = 0;
};

//! Counts issues by rule and severity; optionally keeps the first `keep` of them.
class IssueCounter : public IssueSink {
 public:
  explicit IssueCounter(size_t keep = 0) : keep_(keep) {}
  void Report(Issue issue) override;
  uint64_t fatal() const { return fatal_; }
  uint64_t warnings() const { return warnings_; }
  uint64_t count(Rule rule) const { return by_rule_[static_cast<size_t>(rule)]; }
  const std::vector<Issue>& kept() const { return kept_; }

 private:
  size_t keep_;
  uint64_t fatal_ = 0;
  uint64_t warnings_ = 0;
  uint64_t by_rule_[static_cast<size_t>(Rule::kRuleCount)] = {};
  std::vector<Issue> kept_;
};

//! Escapes bytes outside printable ASCII as \xNN (for messages).
std::string EscapeBytes(std::string_view bytes);

}  // namespace credo::metro2
