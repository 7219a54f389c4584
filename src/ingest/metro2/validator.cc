#include "ingest/metro2/validator.h"

#include <array>
#include <bit>
#include <bitset>
#include <cstring>
#include <span>
#include <string_view>
#include <utility>
#include <vector>

#include "core/identifier.h"
#include "ingest/metro2/internal/counting_sink.h"
#include "ingest/metro2/internal/layout.h"
#include "ingest/metro2/internal/layout_tables.h"
#include "ingest/metro2/internal/text.h"
#include "ingest/metro2/internal/validate_in_parts.h"
#include "ingest/metro2/internal/validate_on_threads.h"
#include "ingest/metro2/internal/validate_records.h"

namespace credo::metro2 {

using internal::FieldKind;
using internal::FieldSpec;
using internal::Layout;
using internal::Need;

namespace {

// A set of two-character codes, looked up in one step.
class CodeSet {
 public:
  explicit CodeSet(std::string_view codes) {
    for (size_t i = 0; i + 1 < codes.size(); i += 3) bits_.set(Index(codes[i], codes[i + 1]));
  }
  bool Contains(const char* code) const { return bits_.test(Index(code[0], code[1])); }

 private:
  static size_t Index(char a, char b) {
    return (static_cast<size_t>(static_cast<unsigned char>(a)) << 8) |
           static_cast<unsigned char>(b);
  }
  std::bitset<65536> bits_;
};

const CodeSet& AccountTypes() {
  static const CodeSet set(
      "00 01 02 03 04 05 06 07 08 0A 0C 0F 0G 10 11 12 13 15 17 18 19 20 25 26 29 2A 2C 37 3A 43 "
      "47 48 4D 50 5A 5B 65 66 67 68 69 6A 6B 6D 70 71 72 73 74 75 77 7A 7B 89 8A 8B 90 91 92 93 "
      "95 9A 9B");
  return set;
}
const CodeSet& AccountStatuses() {
  static const CodeSet set(
      "DF DA 05 11 13 61 62 63 64 65 71 78 80 82 83 84 88 89 93 94 95 96 97");
  return set;
}
const CodeSet& SpecialComments() {
  static const CodeSet set(
      "B  C  H  I  M  O  S  V  AB AC AH AI AM AN AO AP AS AT AU AV AW AX AZ BA BB BC BD BE BF BG "
      "BH BI BJ BK BL BN BO BP BS BT CH CI CJ CK CL CM CN CO CP CS DE");
  return set;
}
const CodeSet& ComplianceConditions() {
  static const CodeSet set("XA XB XC XD XE XF XG XH XJ XR");
  return set;
}
const CodeSet& States() {
  static const CodeSet set(
      "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH "
      "NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY AS GU MP PR VI UM FM MH PW "
      "AA AE AP");
  return set;
}

// A set of single characters as a 256-entry table (built once per call site).
class CharSet {
 public:
  explicit CharSet(const char* allowed) {
    for (const char* c = allowed; *c != '\0'; ++c) table_[static_cast<unsigned char>(*c)] = true;
  }
  bool Contains(char c) const { return table_[static_cast<unsigned char>(c)]; }

 private:
  bool table_[256] = {};
};

#define CREDO_ONE_OF(c, allowed)                  \
  ([](char x) {                                   \
    static const CharSet kSet(allowed);           \
    return kSet.Contains(x);                      \
  }(c))

// MMDDYYYY with its leading zero, for messages.
std::string MdyText(Metro2Date date) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%08u", date.mmddyyyy);
  return buf;
}

// Nine zero-filled digits without printf.
void NineDigits(int64_t value, char* out) {
  for (int i = 8; i >= 0; --i) {
    out[i] = static_cast<char>('0' + value % 10);
    value /= 10;
  }
}

bool IsStatus(const FixedText<2>& status, const char* code) {
  return status.bytes[0] == code[0] && status.bytes[1] == code[1];
}

// Delinquency bucket of an account status (71 -> 1 ... 84 -> 6), 0 otherwise.
int DelinquencyBucket(const FixedText<2>& status) {
  static const char* const kCodes[] = {"71", "78", "80", "82", "83", "84"};
  for (int i = 0; i < 6; ++i) {
    if (IsStatus(status, kCodes[i])) return i + 1;
  }
  return 0;
}

// Digits with blanks around them ("36 ", " 12"), as a duration in a text field.
bool IsBlankPaddedNumber(std::string_view text) {
  size_t begin = 0;
  size_t end = text.size();
  while (begin < end && text[begin] == ' ') ++begin;
  while (end > begin && text[end - 1] == ' ') --end;
  if (begin == end) return false;
  for (size_t i = begin; i < end; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
  }
  return true;
}

bool AllSame(std::string_view text, char c) {
  // Eight bytes at a time: reserved fields run to 100 bytes and more in every record.
  const uint64_t pattern = 0x0101010101010101ULL * static_cast<unsigned char>(c);
  size_t i = 0;
  for (; i + 8 <= text.size(); i += 8) {
    uint64_t word;
    std::memcpy(&word, text.data() + i, 8);
    if (word != pattern) return false;
  }
  for (; i < text.size(); ++i) {
    if (text[i] != c) return false;
  }
  return true;
}

// Each segment type's field table (layout_tables.h), as a compile-time constant.
template <typename S> struct FieldsOf;
template <> struct FieldsOf<HeaderRecord> { static constexpr const auto& value = internal::tables::kHeaderFields; };
template <> struct FieldsOf<BaseSegment> { static constexpr const auto& value = internal::tables::kBaseFields; };
template <> struct FieldsOf<J1Segment> { static constexpr const auto& value = internal::tables::kJ1Fields; };
template <> struct FieldsOf<J2Segment> { static constexpr const auto& value = internal::tables::kJ2Fields; };
template <> struct FieldsOf<K1Segment> { static constexpr const auto& value = internal::tables::kK1Fields; };
template <> struct FieldsOf<K2Segment> { static constexpr const auto& value = internal::tables::kK2Fields; };
template <> struct FieldsOf<K3Segment> { static constexpr const auto& value = internal::tables::kK3Fields; };
template <> struct FieldsOf<K4Segment> { static constexpr const auto& value = internal::tables::kK4Fields; };
template <> struct FieldsOf<L1Segment> { static constexpr const auto& value = internal::tables::kL1Fields; };
template <> struct FieldsOf<N1Segment> { static constexpr const auto& value = internal::tables::kN1Fields; };
template <> struct FieldsOf<TrailerRecord> { static constexpr const auto& value = internal::tables::kTrailerFields; };

}  // namespace

// Where the current record sits, to compute field offsets only when an issue is reported.
struct Validator::Context {
  IssueSink& sink;
  const RecordFraming& framing;
  const FileFormat& format;
  const DataRecord* record = nullptr;
  uint64_t fatal = 0;

  uint64_t RecordStart() const { return framing.offset + (framing.block_descriptor_word ? 4 : 0); }

  // Offset of the `index`-th segment of `kind` within the record.
  uint64_t SegmentOffset(SegmentKind kind, size_t index) const {
    bool packed = format.format == PhysicalFormat::kPacked;
    if (kind == SegmentKind::kHeader || kind == SegmentKind::kBase ||
        kind == SegmentKind::kTrailer || record == nullptr) {
      return 0;
    }
    uint64_t pos = internal::BaseLayout().length(packed);
    auto walk = [&](SegmentKind k, size_t& seen) -> bool {
      if (k == kind) {
        if (seen == index) return true;
        ++seen;
      }
      pos += internal::AppendedLayout(k).char_length;
      return false;
    };
    size_t seen = 0;
    if (!record->segment_order.empty()) {
      for (SegmentKind k : record->segment_order) {
        if (walk(k, seen)) return pos;
      }
      return pos;
    }
    for (size_t i = 0; i < record->j1.size(); ++i) {
      if (walk(SegmentKind::kJ1, seen)) return pos;
    }
    for (size_t i = 0; i < record->j2.size(); ++i) {
      if (walk(SegmentKind::kJ2, seen)) return pos;
    }
    const bool present[] = {record->k1.has_value(), record->k2.has_value(), record->k3.has_value(),
                            record->k4.has_value(), record->l1.has_value(), record->n1.has_value()};
    for (int i = 0; i < 6; ++i) {
      if (!present[i]) continue;
      if (walk(static_cast<SegmentKind>(static_cast<int>(SegmentKind::kK1) + i), seen)) return pos;
    }
    return pos;
  }

  template <typename S>
  void Report(Rule rule, SegmentKind kind, size_t index, const S& segment,
              std::string_view field_name, std::string detail = {}) {
    const Layout& layout = internal::LayoutFor(kind);
    bool packed = format.format == PhysicalFormat::kPacked && (kind == SegmentKind::kHeader ||
                                                                kind == SegmentKind::kBase ||
                                                                kind == SegmentKind::kTrailer);
    Issue issue;
    issue.rule = rule;
    issue.record_number = framing.record_number;
    issue.segment = kind;
    uint64_t at = RecordStart() + SegmentOffset(kind, index);
    int field_index = field_name.empty() ? -1 : layout.Find(field_name);
    if (field_index >= 0) {
      const FieldSpec& spec = layout.fields[static_cast<size_t>(field_index)];
      issue.field = spec.name;
      at += spec.pos(packed);
      issue.value = ValueText(spec, segment);
    }
    issue.byte_offset = at;
    issue.detail = std::move(detail);
    if (issue.severity() == Severity::kFatal) ++fatal;
    sink.Report(std::move(issue));
  }

  template <typename S>
  static std::string ValueText(const FieldSpec& spec, const S& segment) {
    switch (spec.kind) {
      case FieldKind::kText:
        return EscapeBytes(std::string_view(internal::TextBytes(&segment, spec), spec.char_len));
      case FieldKind::kNumber: {
        std::string text = std::to_string(internal::Member<int64_t>(segment, spec));
        return spec.identifier ? internal::MaskValue(text) : text;
      }
      case FieldKind::kDate: {
        char buf[16];
        std::snprintf(buf, sizeof buf, "%08u", internal::Member<Metro2Date>(segment, spec).mmddyyyy);
        return buf;
      }
      case FieldKind::kTimestamp:
        return std::to_string(internal::Member<Metro2Timestamp>(segment, spec).mmddyyyyhhmmss);
    }
    return {};
  }

  // Required and reserved fields of any segment, from its layout: one check per such field,
  // specialised at compile time (the other fields cost nothing here).
  template <typename S>
  void CheckLayoutNeeds(SegmentKind kind, size_t index, const S& segment) {
    CheckNeeds<FieldsOf<S>::value>(kind, index, segment,
                                   std::make_index_sequence<FieldsOf<S>::value.size()>());
  }

  template <const auto& kFields, typename S, size_t... I>
  void CheckNeeds(SegmentKind kind, size_t index, const S& segment, std::index_sequence<I...>) {
    // Text fields of the header, base and trailer have their packed length in packed files.
    const bool packed = format.format == PhysicalFormat::kPacked &&
                        (kind == SegmentKind::kHeader || kind == SegmentKind::kTrailer ||
                         kind == SegmentKind::kBase);
    (CheckNeed<kFields, I>(kind, index, segment, packed), ...);
  }

  template <const auto& kFields, size_t I, typename S>
  void CheckNeed(SegmentKind kind, size_t index, const S& segment, bool packed) {
    constexpr FieldSpec kSpec = kFields[I];
    if constexpr (kSpec.need == Need::kRequired || kSpec.need == Need::kReserved) {
      if (segment.malformed_fields & (uint64_t{1} << I)) return;
      bool empty = false;
      if constexpr (kSpec.kind == FieldKind::kText) {
        empty = AllSame(std::string_view(internal::TextBytes(&segment, kSpec),
                                         packed ? kSpec.packed_len : kSpec.char_len),
                        ' ');
      } else if constexpr (kSpec.kind == FieldKind::kNumber) {
        empty = internal::Member<int64_t>(segment, kSpec) == 0;
      } else if constexpr (kSpec.kind == FieldKind::kDate) {
        empty = internal::Member<Metro2Date>(segment, kSpec).empty();
      } else {
        empty = internal::Member<Metro2Timestamp>(segment, kSpec).empty();
      }
      if (kSpec.need == Need::kRequired && empty) {
        Report(Rule::kRequiredMissing, kind, index, segment, kSpec.name);
      } else if (kSpec.need == Need::kReserved && !empty) {
        Report(Rule::kReservedNotBlank, kind, index, segment, kSpec.name);
      }
    }
  }

  // SSN validity and the SSN/date-of-birth presence rule, for base, J1 and J2.
  template <typename S>
  void CheckConsumer(SegmentKind kind, size_t index, const S& segment, const char* exempt_ecoa) {
    // Field indexes in the base / J1 / J2 layouts (internal/layout.cc).
    int ssn_index = kind == SegmentKind::kBase ? 33 : 6;
    int dob_index = ssn_index + 1;
    bool ssn_ok = !(segment.malformed_fields & (uint64_t{1} << ssn_index));
    bool dob_ok = !(segment.malformed_fields & (uint64_t{1} << dob_index));
    int64_t ssn = segment.social_security_number;
    bool has_ssn = ssn_ok && ssn > 0 && ssn < 999999999;
    std::string_view ssn_problem = has_ssn ? UsSsnProblem(static_cast<uint32_t>(ssn)) : "";
    if (!ssn_problem.empty()) {
      // The message as ValidateUsSsn words it (label and masked number), built only here.
      char digits[9];
      NineDigits(ssn, digits);
      auto valid = ValidateUsSsn(std::string_view(digits, 9));
      Report(Rule::kInvalidSsn, kind, index, segment, "social_security_number",
             valid.ok() ? std::string(ssn_problem) : valid.error().message);
    }
    char ecoa = segment.ecoa_code.bytes[0];
    if (ssn_ok && dob_ok && !has_ssn && segment.date_of_birth.empty() &&
        (std::strchr(exempt_ecoa, ecoa) == nullptr || ecoa == '\0')) {
      Report(Rule::kSsnAndBirthDateMissing, kind, index, segment, "social_security_number");
    }
    if (!CREDO_ONE_OF(ecoa, "12357TWXZ")) Report(Rule::kEcoaCode, kind, index, segment, "ecoa_code");
    if (!CREDO_ONE_OF(segment.generation_code.bytes[0], " JS23456789")) {
      Report(Rule::kGenerationCode, kind, index, segment, "generation_code");
    }
  }
};

Validator::Validator(IssueSink& sink, ValidatorOptions options) : sink_(sink), options_(options) {}

void Validator::CheckHeader(const HeaderRecord& header, const RecordFraming& framing,
                            const FileFormat& format) {
  Context ctx{sink_, framing, format};
  ctx.CheckLayoutNeeds(SegmentKind::kHeader, 0, header);
  if (header.record_identifier.view() != "HEADER") {
    ctx.Report(Rule::kRecordIdentifier, SegmentKind::kHeader, 0, header, "record_identifier");
  }
  activity_date_key_ = header.malformed_fields & (uint64_t{1} << 6)
                           ? 0
                           : header.activity_date.SortKey();
}

void Validator::CheckData(const DataRecord& record, const RecordFraming& framing,
                          const FileFormat& format) {
  totals_.Add(record);
  Context ctx{sink_, framing, format, &record};
  const BaseSegment& b = record.base;
  const SegmentKind kB = SegmentKind::kBase;
  ctx.CheckLayoutNeeds(kB, 0, b);
  auto bad = [&b](int index) { return (b.malformed_fields >> index) & 1; };
  // Field indexes in the base layout (see internal/layout.cc).
  enum : int {
    kProcessing = 0, kCorrection = 2, kIdNumber = 3, kAccountType = 7, kDateOpened = 8,
    kCreditLimit = 9, kStatus = 15, kBalance = 20, kPastDue = 21, kChargeOff = 22,
    kAccountInfo = 23, kFirstDelinquency = 24, kDateClosed = 25, kLastPayment = 26,
  };
  bool bad_numbers = bad(kBalance) || bad(kPastDue);

  if (!bad(kProcessing) && b.processing_indicator != 1) {
    ctx.Report(Rule::kProcessingIndicator, kB, 0, b, "processing_indicator");
  }
  if (!bad(kCorrection) && b.correction_indicator != 0 && b.correction_indicator != 1) {
    ctx.Report(Rule::kCorrectionIndicator, kB, 0, b, "correction_indicator");
  }
  std::string_view id = b.identification_number.raw();
  if (!b.identification_number.blank() && (AllSame(id, '0') || AllSame(id, '9'))) {
    ctx.Report(Rule::kIdentificationNumber, kB, 0, b, "identification_number");
  }
  if (!CREDO_ONE_OF(b.portfolio_type.bytes[0], "CIMORL")) {
    ctx.Report(Rule::kPortfolioType, kB, 0, b, "portfolio_type");
  }
  if (!b.account_type.blank() && !AccountTypes().Contains(b.account_type.bytes.data())) {
    ctx.Report(Rule::kAccountType, kB, 0, b, "account_type");
  }
  std::string_view terms = b.terms_duration.raw();
  if (!b.terms_duration.blank() && terms != "LOC" && terms != "REV" && !IsBlankPaddedNumber(terms)) {
    ctx.Report(Rule::kTermsDuration, kB, 0, b, "terms_duration");
  }
  if (!CREDO_ONE_OF(b.terms_frequency.bytes[0], " DPWBEMLQTSY")) {
    ctx.Report(Rule::kTermsFrequency, kB, 0, b, "terms_frequency");
  }
  bool status_known = AccountStatuses().Contains(b.account_status.bytes.data());
  if (!b.account_status.blank() && !status_known) {
    ctx.Report(Rule::kAccountStatus, kB, 0, b, "account_status");
  }
  const FixedText<2>& status = b.account_status;
  bool rated_status = IsStatus(status, "05") || IsStatus(status, "13") || IsStatus(status, "65") ||
                      IsStatus(status, "88") || IsStatus(status, "89") || IsStatus(status, "94") ||
                      IsStatus(status, "95");
  char rating = b.payment_rating.bytes[0];
  if (status_known && rated_status && !CREDO_ONE_OF(rating, "0123456GL")) {
    ctx.Report(Rule::kPaymentRating, kB, 0, b, "payment_rating",
               "status " + std::string(status.raw()) + " needs a payment rating");
  } else if (status_known && !rated_status && rating != ' ') {
    ctx.Report(Rule::kPaymentRating, kB, 0, b, "payment_rating",
               "status " + std::string(status.raw()) + " takes no payment rating");
  }
  bool packed = format.format == PhysicalFormat::kPacked;
  static const CharSet kPackedHistoryCodes("0123456BDEGHJKL ");
  static const CharSet kCharacterHistoryCodes("0123456BDEGHJKLZ ");
  const CharSet& history_codes = packed ? kPackedHistoryCodes : kCharacterHistoryCodes;
  std::string_view history = b.payment_history_profile.raw();
  // One pass without branches: bit i says month i+1 is not a code, or is 'B'.
  static_assert(sizeof(b.payment_history_profile.bytes) <= 32);
  uint32_t not_code = 0;
  uint32_t no_history = 0;
  for (size_t i = 0; i < history.size(); ++i) {
    not_code |= static_cast<uint32_t>(!history_codes.Contains(history[i])) << i;
    no_history |= static_cast<uint32_t>(history[i] == 'B') << i;
  }
  if (not_code != 0) {
    size_t i = static_cast<size_t>(std::countr_zero(not_code));
    ctx.Report(Rule::kPaymentHistoryCode, kB, 0, b, "payment_history_profile",
               "month " + std::to_string(i + 1) + " is '" + EscapeBytes(history.substr(i, 1)) +
                   "'");
  }
  // 'B' (no history before the account opened) may only run to the oldest month.
  const uint32_t all_months = (uint32_t{1} << history.size()) - 1;
  if (no_history != 0 && ((~no_history & all_months) >> std::countr_zero(no_history)) != 0) {
    ctx.Report(Rule::kPaymentHistoryEmbeddedB, kB, 0, b, "payment_history_profile");
  }
  int bucket = DelinquencyBucket(status);
  char previous = history[0];
  int previous_bucket = previous == 'E' ? 0 : (previous >= '0' && previous <= '6') ? previous - '0' : -1;
  if (bucket >= 2 && previous_bucket >= 0 && previous_bucket < bucket - 1) {
    ctx.Report(Rule::kPaymentHistoryInconsistent, kB, 0, b, "payment_history_profile",
               "status " + std::string(status.raw()) + " is " + std::to_string(bucket * 30) +
                   "+ days past due but the previous month is '" + std::string(1, previous) + "'");
  }
  if (!b.special_comment.blank() && !SpecialComments().Contains(b.special_comment.bytes.data())) {
    ctx.Report(Rule::kSpecialComment, kB, 0, b, "special_comment");
  }
  if (!b.compliance_condition_code.blank() &&
      !ComplianceConditions().Contains(b.compliance_condition_code.bytes.data())) {
    ctx.Report(Rule::kComplianceConditionCode, kB, 0, b, "compliance_condition_code");
  }
  if (!CREDO_ONE_OF(b.interest_type_indicator.bytes[0], " FV")) {
    ctx.Report(Rule::kInterestTypeIndicator, kB, 0, b, "interest_type_indicator");
  }
  ctx.CheckConsumer(kB, 0, b, "25Z");
  bool us = b.country_code.blank() || b.country_code.view() == "US";
  if (us && !b.state.blank() && !States().Contains(b.state.bytes.data())) {
    ctx.Report(Rule::kStateCode, kB, 0, b, "state");
  }
  if (!CREDO_ONE_OF(b.address_indicator.bytes[0], " CYNMSBUDP")) {
    ctx.Report(Rule::kAddressIndicator, kB, 0, b, "address_indicator");
  }
  if (!CREDO_ONE_OF(b.residence_code.bytes[0], " OR")) {
    ctx.Report(Rule::kResidenceCode, kB, 0, b, "residence_code");
  }

  // Cross-field rules.
  if (!bad(kDateOpened) && !bad(kAccountInfo) && !b.date_opened.empty() &&
      !b.date_of_account_information.empty() &&
      b.date_opened.SortKey() > b.date_of_account_information.SortKey()) {
    ctx.Report(Rule::kDateOpenedAfterAccountInformation, kB, 0, b, "date_opened",
               "date of account information is " + MdyText(b.date_of_account_information));
  }
  bool current = IsStatus(status, "11");
  if (current && !bad_numbers) {
    if (b.amount_past_due > b.current_balance) {
      ctx.Report(Rule::kPastDueExceedsBalance, kB, 0, b, "amount_past_due",
                 "balance is " + std::to_string(b.current_balance));
    } else if (b.amount_past_due > 0) {
      ctx.Report(Rule::kPastDueOnCurrentAccount, kB, 0, b, "amount_past_due");
    }
  }
  bool closed_status = IsStatus(status, "13") || IsStatus(status, "61") ||
                       IsStatus(status, "62") || IsStatus(status, "63") ||
                       IsStatus(status, "64") || IsStatus(status, "65");
  if (!bad(kDateClosed)) {
    if (closed_status && b.date_closed.empty()) {
      ctx.Report(Rule::kDateClosedMissing, kB, 0, b, "date_closed",
                 "status " + std::string(status.raw()));
    } else if (current && !b.date_closed.empty()) {
      ctx.Report(Rule::kDateClosedOnCurrentAccount, kB, 0, b, "date_closed");
    }
  }
  bool delinquent_status = bucket > 0 || IsStatus(status, "93") || IsStatus(status, "95") ||
                           IsStatus(status, "96") || IsStatus(status, "97");
  if (!bad(kFirstDelinquency)) {
    if (delinquent_status && b.date_of_first_delinquency.empty()) {
      ctx.Report(Rule::kFirstDelinquencyMissing, kB, 0, b, "date_of_first_delinquency",
                 "status " + std::string(status.raw()));
    } else if (current && !b.date_of_first_delinquency.empty() &&
               history.find_first_of("123456GHJKL") == std::string_view::npos) {
      ctx.Report(Rule::kFirstDelinquencyOnCurrentAccount, kB, 0, b, "date_of_first_delinquency");
    }
  }
  if (!bad(kChargeOff) && (IsStatus(status, "64") || IsStatus(status, "97")) &&
      b.original_charge_off_amount == 0) {
    ctx.Report(Rule::kChargeOffAmountMissing, kB, 0, b, "original_charge_off_amount");
  }
  if (!bad(kCreditLimit) && b.credit_limit > 0 &&
      (b.portfolio_type.bytes[0] == 'I' || b.portfolio_type.bytes[0] == 'M')) {
    ctx.Report(Rule::kCreditLimitOnInstallment, kB, 0, b, "credit_limit");
  }
  if (options_.check_future_dates && activity_date_key_ != 0) {
    struct DateField {
      int index;
      const Metro2Date* date;
      const char* name;
    };
    const DateField dates[] = {
        {kDateOpened, &b.date_opened, "date_opened"},
        {kAccountInfo, &b.date_of_account_information, "date_of_account_information"},
        {kFirstDelinquency, &b.date_of_first_delinquency, "date_of_first_delinquency"},
        {kDateClosed, &b.date_closed, "date_closed"},
        {kLastPayment, &b.date_of_last_payment, "date_of_last_payment"},
    };
    for (const DateField& d : dates) {
      if (!bad(d.index) && !d.date->empty() && d.date->SortKey() > activity_date_key_) {
        ctx.Report(Rule::kDateInFuture, kB, 0, b, d.name);
      }
    }
  }

  // Appended segments.
  for (size_t i = 0; i < record.j1.size(); ++i) {
    const J1Segment& j1 = record.j1[i];
    ctx.CheckLayoutNeeds(SegmentKind::kJ1, i, j1);
    ctx.CheckConsumer(SegmentKind::kJ1, i, j1, "Z");
  }
  for (size_t i = 0; i < record.j2.size(); ++i) {
    const J2Segment& j2 = record.j2[i];
    const SegmentKind k = SegmentKind::kJ2;
    ctx.CheckLayoutNeeds(k, i, j2);
    ctx.CheckConsumer(k, i, j2, "WZ");
    bool j2_us = j2.country_code.blank() || j2.country_code.view() == "US";
    if (j2_us && !j2.state.blank() && !States().Contains(j2.state.bytes.data())) {
      ctx.Report(Rule::kStateCode, k, i, j2, "state");
    }
    if (!CREDO_ONE_OF(j2.address_indicator.bytes[0], " CYNMSBUDP")) {
      ctx.Report(Rule::kAddressIndicator, k, i, j2, "address_indicator");
    }
    if (!CREDO_ONE_OF(j2.residence_code.bytes[0], " OR")) {
      ctx.Report(Rule::kResidenceCode, k, i, j2, "residence_code");
    }
  }
  if (record.k1) {
    const K1Segment& k1 = *record.k1;
    ctx.CheckLayoutNeeds(SegmentKind::kK1, 0, k1);
    if (!(k1.malformed_fields & 4) && k1.creditor_classification != 0 &&
        (k1.creditor_classification < 1 || k1.creditor_classification > 15)) {
      ctx.Report(Rule::kCreditorClassification, SegmentKind::kK1, 0, k1, "creditor_classification");
    }
  }
  if (record.k2) {
    const K2Segment& k2 = *record.k2;
    const SegmentKind k = SegmentKind::kK2;
    ctx.CheckLayoutNeeds(k, 0, k2);
    int64_t indicator = k2.purchased_or_sold_indicator;
    if (!(k2.malformed_fields & 2)) {
      if (indicator != 0 && indicator != 1 && indicator != 2 && indicator != 9) {
        ctx.Report(Rule::kPurchasedIndicator, k, 0, k2, "purchased_or_sold_indicator");
      } else if (indicator == 9 && !k2.purchased_from_or_sold_to_name.blank()) {
        ctx.Report(Rule::kK2NameWithRemove, k, 0, k2, "purchased_from_or_sold_to_name");
      } else if ((indicator == 1 || indicator == 2) && k2.purchased_from_or_sold_to_name.blank()) {
        ctx.Report(Rule::kRequiredMissing, k, 0, k2, "purchased_from_or_sold_to_name");
      }
    }
  }
  if (record.k3) {
    const K3Segment& k3 = *record.k3;
    const SegmentKind k = SegmentKind::kK3;
    ctx.CheckLayoutNeeds(k, 0, k3);
    if (!(k3.malformed_fields & 2)) {
      if (k3.agency_identifier > 2) {
        ctx.Report(Rule::kAgencyIdentifier, k, 0, k3, "agency_identifier");
      } else if (k3.agency_identifier == 0 && !k3.agency_account_number.blank()) {
        ctx.Report(Rule::kK3AccountNumberWithMinOnly, k, 0, k3, "agency_account_number");
      }
    }
  }
  if (record.k4) {
    const K4Segment& k4 = *record.k4;
    ctx.CheckLayoutNeeds(SegmentKind::kK4, 0, k4);
    if (!(k4.malformed_fields & 2) && k4.specialized_payment_indicator != 0 &&
        k4.specialized_payment_indicator != 1 && k4.specialized_payment_indicator != 2) {
      ctx.Report(Rule::kSpecializedPaymentIndicator, SegmentKind::kK4, 0, k4,
                 "specialized_payment_indicator");
    }
  }
  if (record.l1) {
    const L1Segment& l1 = *record.l1;
    const SegmentKind k = SegmentKind::kL1;
    ctx.CheckLayoutNeeds(k, 0, l1);
    int64_t change = l1.change_indicator;
    if (!(l1.malformed_fields & 2) && change != 0) {
      if (change < 1 || change > 3) {
        ctx.Report(Rule::kChangeIndicator, k, 0, l1, "change_indicator");
      } else {
        bool account = change == 1 || change == 3;
        bool identification = change == 2 || change == 3;
        if (account && l1.new_consumer_account_number.blank()) {
          ctx.Report(Rule::kRequiredMissing, k, 0, l1, "new_consumer_account_number");
        }
        if (identification && l1.new_identification_number.blank()) {
          ctx.Report(Rule::kRequiredMissing, k, 0, l1, "new_identification_number");
        }
        if (!account && !l1.new_consumer_account_number.blank()) {
          ctx.Report(Rule::kL1UnchangedFieldFilled, k, 0, l1, "new_consumer_account_number");
        }
        if (!identification && !l1.new_identification_number.blank()) {
          ctx.Report(Rule::kL1UnchangedFieldFilled, k, 0, l1, "new_identification_number");
        }
      }
    }
  }
  if (record.n1) ctx.CheckLayoutNeeds(SegmentKind::kN1, 0, *record.n1);
}

void Validator::CheckTrailer(const TrailerRecord& trailer, const RecordFraming& framing,
                             const FileFormat& format) {
  Context ctx{sink_, framing, format};
  const SegmentKind k = SegmentKind::kTrailer;
  ctx.CheckLayoutNeeds(k, 0, trailer);
  TrailerRecord expected = totals_.Totals();
  expected.block_count = static_cast<int64_t>(framing.record_number);
  const Layout& layout = internal::TrailerLayout();
  for (size_t i = 0; i < layout.fields.size(); ++i) {
    const FieldSpec& spec = layout.fields[i];
    if (spec.kind != FieldKind::kNumber || (trailer.malformed_fields >> i) & 1) continue;
    int64_t said = internal::Member<int64_t>(trailer, spec);
    int64_t found = internal::Member<int64_t>(expected, spec);
    if (said == found) continue;
    std::string_view name = spec.name;
    bool identifier_count = name.find("ssns") != std::string_view::npos ||
                            name.find("dates_of_birth") != std::string_view::npos ||
                            name.find("telephone") != std::string_view::npos ||
                            name == "total_ecoa_code_z";
    ctx.Report(identifier_count ? Rule::kTrailerCountMismatch : Rule::kTrailerTotalMismatch, k, 0,
               trailer, name,
               "trailer says " + std::to_string(said) + ", the file has " + std::to_string(found));
  }
}

namespace internal {

void ValidateRecords(Reader& reader, Validator& validator, CountingSink& counting,
                     ValidationSummary& summary) {
  uint64_t fatal_before = counting.fatal;
  while (reader.Next(counting)) {
    ++summary.records;
    switch (reader.kind()) {
      case RecordKind::kHeader:
        if (reader.decoded()) validator.CheckHeader(reader.header(), reader.framing(), reader.format());
        break;
      case RecordKind::kData:
        ++summary.data_records;
        if (reader.decoded()) validator.CheckData(reader.data(), reader.framing(), reader.format());
        if (counting.fatal != fatal_before) ++summary.rejected_records;
        break;
      case RecordKind::kTrailer:
        if (reader.decoded()) {
          validator.CheckTrailer(reader.trailer(), reader.framing(), reader.format());
        }
        break;
    }
    fatal_before = counting.fatal;
  }
}

}  // namespace internal

ValidationSummary ValidateAll(Reader& reader, IssueSink& sink, ValidatorOptions options) {
  internal::CountingSink counting(sink);
  Validator validator(counting, options);
  ValidationSummary summary;
  internal::ValidateRecords(reader, validator, counting, summary);
  summary.format = reader.format();
  summary.fatal = counting.fatal;
  summary.warnings = counting.warnings;
  summary.bytes = reader.offset();
  return summary;
}

Result<ValidationSummary> ValidateFile(const std::string& path, IssueSink& sink,
                                       ReaderOptions reader_options, ValidatorOptions options) {
  if (options.threads > 1) {
    // A character file with a line break after each record: the workers read their own parts.
    if (auto in_parts = internal::ValidateInParts(path, sink, options)) return *std::move(in_parts);
  }
  if (options.threads > 1) reader_options.decode_data = false;
  CREDO_ASSIGN_OR_RETURN(auto reader, Reader::OpenFile(path, reader_options));
  ValidationSummary summary = options.threads > 1
                                  ? internal::ValidateOnThreads(*reader, sink, options)
                                  : ValidateAll(*reader, sink, options);
  if (!reader->io_status().ok()) return reader->io_status().error();
  return summary;
}

}  // namespace credo::metro2
