#include "ingest/batch/sources.h"

#include <algorithm>
#include <iterator>

#include <nlohmann/json.hpp>

#include "core/identifier.h"
#include "ingest/batch/rules.h"
#include "ingest/batch/validate.h"
#include "ingest/mapping/mapped_reader.h"
#include "ingest/metro2/internal/layout.h"
#include "ingest/metro2/reader.h"
#include "ingest/metro2/to_core.h"
#include "ingest/metro2/validator.h"

namespace credo::ingest {
namespace {

using F = RecordField;

std::string FileError(const FileErrorInfo& info, std::string detail) {
  return "[" + std::string(info.code) + "] " + std::string(info.summary) + ": " + detail;
}

// ---------------------------------------------------------------------------------------------
// Metro 2

class CollectingSink : public metro2::IssueSink {
 public:
  void Report(metro2::Issue issue) override { issues.push_back(std::move(issue)); }
  std::vector<metro2::Issue> issues;
};

bool IsFramingRule(metro2::Rule rule) {
  return static_cast<int>(rule) < static_cast<int>(metro2::Rule::kNotAlphanumeric);
}

// The consumer's personal data in a Metro 2 segment (base, J1, J2, N1, L1): a finding's value
// for one of these fields is masked before it reaches the quarantine, as the mapped feeds' are,
// so the store never holds a name, birth date, address, phone or account number in clear
// (`credo metro2 validate` still shows the furnisher its own file's bytes).
bool IsPersonalField(std::string_view field) {
  static constexpr std::string_view kPersonal[] = {
      "surname", "first_name", "middle_name", "generation_code", "social_security_number",
      "date_of_birth", "telephone_number", "first_line_of_address", "second_line_of_address",
      "city", "postal_zip_code", "consumer_account_number", "new_consumer_account_number",
      "employer_name", "first_line_of_employer_address", "second_line_of_employer_address",
      "employer_city", "employer_postal_zip_code", "occupation"};
  return std::find(std::begin(kPersonal), std::end(kPersonal), field) != std::end(kPersonal);
}

Finding ToFinding(const metro2::Issue& issue) {
  const metro2::RuleInfo& info = metro2::GetRuleInfo(issue.rule);
  Finding finding;
  finding.rule = std::string(info.code);
  finding.fatal = info.severity == metro2::Severity::kFatal;
  finding.field = std::string(metro2::SegmentKindName(issue.segment));
  if (!issue.field.empty()) finding.field += "." + std::string(issue.field);
  finding.value = IsPersonalField(issue.field) ? MaskIdentifier(issue.value) : issue.value;
  finding.message = std::string(info.summary);
  if (!issue.detail.empty()) finding.message += " (" + issue.detail + ")";
  finding.message += ". Fix: " + std::string(info.fix);
  finding.byte_offset = static_cast<int64_t>(issue.byte_offset);
  return finding;
}

std::string DateText(metro2::Metro2Date date) {
  if (date.empty()) return {};
  auto civil = date.ToDate();
  if (!civil.ok()) {
    // Keep the digits so that validation names the bad date.
    std::string digits = std::to_string(date.mmddyyyy);
    return std::string(8 - std::min<size_t>(8, digits.size()), '0') + digits;
  }
  return civil->ToIso();
}

//! The canonical payment history starts with the reported month; Metro 2's Payment History
//! Profile holds the 24 months *before* the Date of Account Information, most recent first
//! (METRO2.md s.5). The reported month's code is what the Account Status says of it
//! (ReportedMonthStatus), or else the Payment Rating Metro 2 requires when the status does not
//! say it (05, 13, 65, 88, 89, 94, 95); 'D' (no data) when neither does. The profile follows as
//! metro2::ProfileCodes reads it.
std::string HistoryThisMonthFirst(const metro2::BaseSegment& base) {
  PaymentStatus current = PaymentStatus::kNoData;
  if (auto status = ParseAccountStatusText(base.account_status.view())) {
    current = ReportedMonthStatus(*status);
  }
  const std::string_view rating = base.payment_rating.view();
  if (current == PaymentStatus::kNoData && rating.size() == 1 &&
      std::string_view("0123456GL").find(rating[0]) != std::string_view::npos) {
    current = static_cast<PaymentStatus>(rating[0]);
  }
  return static_cast<char>(current) + metro2::ProfileCodes(base.payment_history_profile.view());
}

//! A Metro 2 amount is whole units of the ingest's currency: kept as decimal text, so that
//! validation scales it by that currency's minor digits (JPY 0, USD 2, KWD 3).
std::string WholeUnits(int64_t whole_units) { return std::to_string(whole_units); }

//! The file offset of each J1 and J2 segment of a data record, every J1 then every J2 (the order
//! of CanonicalRecord::associated), walking the appended segments in the order they were read
//! as the validator does to place its issues.
std::vector<uint64_t> AssociatedOffsets(const metro2::DataRecord& data,
                                        const metro2::RecordFraming& framing,
                                        const metro2::FileFormat& format) {
  if (data.j1.empty() && data.j2.empty()) return {};
  const bool packed = format.format == metro2::PhysicalFormat::kPacked;
  uint64_t position = framing.offset + (framing.block_descriptor_word ? 4 : 0) +
                      metro2::internal::BaseLayout().length(packed);
  std::vector<metro2::SegmentKind> order = data.segment_order;
  if (order.empty()) {  // the default order starts with every J1, then every J2
    order.assign(data.j1.size(), metro2::SegmentKind::kJ1);
    order.insert(order.end(), data.j2.size(), metro2::SegmentKind::kJ2);
  }
  std::vector<uint64_t> j1;
  std::vector<uint64_t> j2;
  for (metro2::SegmentKind kind : order) {
    if (kind == metro2::SegmentKind::kJ1) j1.push_back(position);
    if (kind == metro2::SegmentKind::kJ2) j2.push_back(position);
    position += metro2::internal::AppendedLayout(kind).char_length;
  }
  j1.insert(j1.end(), j2.begin(), j2.end());
  return j1;
}

//! The associated consumer whose J1/J2 segment holds `issue`, or nullptr (an issue of the base
//! or of another segment).
AssociatedConsumerRecord* ConsumerOf(const metro2::Issue& issue, CanonicalRecord* record) {
  if (issue.segment != metro2::SegmentKind::kJ1 && issue.segment != metro2::SegmentKind::kJ2) {
    return nullptr;
  }
  const std::string_view name = metro2::SegmentKindName(issue.segment);
  const uint64_t length = metro2::internal::AppendedLayout(issue.segment).char_length;
  for (AssociatedConsumerRecord& consumer : record->associated) {
    if (consumer.segment != name || consumer.byte_offset < 0) continue;
    const auto begin = static_cast<uint64_t>(consumer.byte_offset);
    if (issue.byte_offset >= begin && issue.byte_offset < begin + length) return &consumer;
  }
  return nullptr;
}

//! The consumer's names in a base, J1 or J2 segment, through `set(field, value)`.
template <typename Segment, typename Set>
void SetNames(const Segment& segment, Set&& set) {
  set(F::kSurname, segment.surname.view());
  set(F::kGivenName, segment.first_name.view());
  set(F::kMiddleName, segment.middle_name.view());
}

//! The address of a base or J2 segment, through `set(field, value)`; no country code is "us".
template <typename Segment, typename Set>
void SetAddress(const Segment& segment, Set&& set) {
  set(F::kAddressLine1, segment.first_line_of_address.view());
  set(F::kAddressLine2, segment.second_line_of_address.view());
  set(F::kCity, segment.city.view());
  set(F::kState, segment.state.view());
  set(F::kPostcode, segment.postal_zip_code.view());
  set(F::kCountry,
      segment.country_code.blank() ? std::string_view("us") : segment.country_code.view());
}

class Metro2Source : public RecordSource {
 public:
  explicit Metro2Source(std::unique_ptr<metro2::Reader> reader)
      : reader_(std::move(reader)), validator_(sink_) {}

  uint64_t bytes_read() const override { return reader_->offset(); }

  Result<bool> Next(CanonicalRecord* record) override {
    while (true) {
      sink_.issues.clear();
      bool more = reader_->Next(sink_);
      if (!more) {
        CREDO_TRY(FileLevel(/*at_end=*/true));
        if (!reader_->io_status().ok()) return reader_->io_status().error();
        if (!seen_trailer_) {
          return MakeError(ErrorCode::kInvalidArgument,
                           FileError(kFileMetro2Framing, "the file ends without a trailer record; "
                                                         "send the complete file"),
                           "offset " + std::to_string(reader_->offset()));
        }
        return false;
      }
      switch (reader_->kind()) {
        case metro2::RecordKind::kHeader:
          validator_.CheckHeader(reader_->header(), reader_->framing(), reader_->format());
          CREDO_TRY(FileLevel(false));
          continue;
        case metro2::RecordKind::kTrailer:
          validator_.CheckTrailer(reader_->trailer(), reader_->framing(), reader_->format());
          seen_trailer_ = true;
          CREDO_TRY(FileLevel(false));
          continue;
        case metro2::RecordKind::kData:
          break;
      }
      CREDO_TRY(FileLevel(false));
      if (reader_->decoded()) {
        validator_.CheckData(reader_->data(), reader_->framing(), reader_->format());
      }
      record->Clear();
      record->kind = FeedKind::kAccounts;
      record->line = static_cast<int64_t>(reader_->framing().record_number);
      record->byte_offset = static_cast<int64_t>(reader_->framing().offset);
      record->payload.assign(reader_->raw());
      record->reader_checked_cross_fields = true;
      if (reader_->decoded()) {
        const metro2::DataRecord& data = reader_->data();
        Fill(data, record);
        FillAssociated(data, AssociatedOffsets(data, reader_->framing(), reader_->format()),
                       record);
      }
      // An issue of a J1/J2 segment is that consumer's: it keeps their copy of the account out,
      // never the record (validate.h AssociatedConsumerOut).
      for (const metro2::Issue& issue : sink_.issues) {
        AssociatedConsumerRecord* consumer = ConsumerOf(issue, record);
        (consumer ? consumer->findings : record->findings).push_back(ToFinding(issue));
      }
      return true;
    }
  }

 private:
  //! Fails when an issue makes the whole file unusable.
  Status FileLevel(bool at_end) {
    for (const metro2::Issue& issue : sink_.issues) {
      bool file_record = reader_->kind() != metro2::RecordKind::kData || at_end;
      if (issue.severity() == metro2::Severity::kFatal &&
          (IsFramingRule(issue.rule) || issue.record_number == 0 || file_record)) {
        return MakeError(ErrorCode::kInvalidArgument,
                         FileError(kFileMetro2Framing, issue.ToString()),
                         "record " + std::to_string(issue.record_number) + " offset " +
                             std::to_string(issue.byte_offset));
      }
    }
    return Ok();
  }

  static void Fill(const metro2::DataRecord& data, CanonicalRecord* record) {
    const metro2::BaseSegment& base = data.base;
    auto set = [&](F field, std::string_view value) {
      if (!value.empty()) record->Set(field, std::string(value));
    };
    set(F::kRecordId, base.consumer_account_number.view());
    set(F::kFurnisher, base.identification_number.view());
    set(F::kAccountNumber, base.consumer_account_number.view());
    // The portfolio type informs the account kind as metro2::ToCore reads it (AccountKindFor).
    set(F::kPortfolioType, base.portfolio_type.view());
    set(F::kAccountType, base.account_type.view());
    set(F::kDateOpened, DateText(base.date_opened));
    record->Set(F::kCreditLimit, WholeUnits(base.credit_limit));
    record->Set(F::kHighCredit, WholeUnits(base.highest_credit));
    record->Set(F::kScheduledPayment, WholeUnits(base.scheduled_monthly_payment_amount));
    record->Set(F::kActualPayment, WholeUnits(base.actual_payment_amount));
    record->Set(F::kCurrentBalance, WholeUnits(base.current_balance));
    record->Set(F::kAmountPastDue, WholeUnits(base.amount_past_due));
    set(F::kAccountStatus, base.account_status.view());
    set(F::kPaymentHistory, HistoryThisMonthFirst(base));
    set(F::kDateOfAccountInformation, DateText(base.date_of_account_information));
    set(F::kDateOfFirstDelinquency, DateText(base.date_of_first_delinquency));
    set(F::kDateClosed, DateText(base.date_closed));
    set(F::kDateOfLastPayment, DateText(base.date_of_last_payment));
    set(F::kSpecialComment, base.special_comment.view());
    set(F::kComplianceCondition, base.compliance_condition_code.view());
    set(F::kEcoaCode, base.ecoa_code.view());
    if (base.correction_indicator == 1) set(F::kCorrection, "1");
    SetNames(base, set);
    if (base.social_security_number != 0) {
      std::string ssn = std::to_string(base.social_security_number);
      if (ssn.size() < 9) ssn.insert(0, 9 - ssn.size(), '0');
      set(F::kIdentifier, ssn);
      set(F::kIdentifierKind, "us_ssn");
    }
    set(F::kDateOfBirth, DateText(base.date_of_birth));
    if (base.telephone_number != 0) set(F::kPhone, std::to_string(base.telephone_number));
    SetAddress(base, set);
    // Metro 2 carries no currency: its whole-unit amounts are in the ingest's currency (the
    // bureau's, or the one the furnisher's ingest names), not always US dollars.
    if (data.l1) FillIdentityChange(base, *data.l1, record);
  }

  //! The J1 and J2 segments' consumers (docs/metro2/j1.md, j2.md), every J1 then every J2, at
  //! the file offsets `offsets` gives in that order. A J1 consumer lives at the base consumer's
  //! address, a J2 consumer at their own.
  static void FillAssociated(const metro2::DataRecord& data, const std::vector<uint64_t>& offsets,
                             CanonicalRecord* record) {
    size_t next = 0;
    auto offset = [&]() -> int64_t {
      return next < offsets.size() ? static_cast<int64_t>(offsets[next++]) : -1;
    };
    for (const metro2::J1Segment& j1 : data.j1) {
      AssociatedConsumerRecord consumer = AssociatedFrom(j1, metro2::SegmentKind::kJ1, offset());
      AddAddress(data.base, &consumer);
      record->associated.push_back(std::move(consumer));
    }
    for (const metro2::J2Segment& j2 : data.j2) {
      AssociatedConsumerRecord consumer = AssociatedFrom(j2, metro2::SegmentKind::kJ2, offset());
      AddAddress(j2, &consumer);
      record->associated.push_back(std::move(consumer));
    }
  }

  //! A J1/J2 segment's consumer as canonical person fields. An SSN that is zero- or 9-filled is
  //! not reported (as the Metro 2 rules and metro2::ToCore read it).
  template <typename Segment>
  static AssociatedConsumerRecord AssociatedFrom(const Segment& segment, metro2::SegmentKind kind,
                                                 int64_t byte_offset) {
    AssociatedConsumerRecord consumer;
    consumer.segment = std::string(metro2::SegmentKindName(kind));
    consumer.byte_offset = byte_offset;
    auto set = [&](F field, std::string_view value) {
      if (!value.empty()) consumer.values.emplace_back(field, std::string(value));
    };
    SetNames(segment, set);
    const int64_t ssn = segment.social_security_number;
    if (ssn > 0 && ssn < 999999999) {
      std::string digits = std::to_string(ssn);
      digits.insert(0, 9 - digits.size(), '0');
      set(F::kIdentifier, digits);
      set(F::kIdentifierKind, "us_ssn");
    }
    set(F::kDateOfBirth, DateText(segment.date_of_birth));
    if (segment.telephone_number != 0) set(F::kPhone, std::to_string(segment.telephone_number));
    set(F::kEcoaCode, segment.ecoa_code.view());
    return consumer;
  }

  //! The address of a base or J2 segment, as the consumer's.
  template <typename Segment>
  static void AddAddress(const Segment& segment, AssociatedConsumerRecord* consumer) {
    SetAddress(segment, [&](F field, std::string_view value) {
      if (!value.empty()) consumer->values.emplace_back(field, std::string(value));
    });
  }

  //! L1 (docs/metro2/l1.md): the base segment still carries the number the account was reported
  //! under; the new account number (change indicator 1 or 3) and the new identification number
  //! (2 or 3) identify the tradeline from this report on. The old ones travel as
  //! previous_account_number / previous_furnisher, so that the tradeline stored under them is
  //! continued, not duplicated. A change naming no new value changes nothing.
  static void FillIdentityChange(const metro2::BaseSegment& base, const metro2::L1Segment& l1,
                                 CanonicalRecord* record) {
    const bool account_changes = l1.change_indicator == 1 || l1.change_indicator == 3;
    const bool furnisher_changes = l1.change_indicator == 2 || l1.change_indicator == 3;
    if (account_changes && !l1.new_consumer_account_number.blank() &&
        !base.consumer_account_number.blank()) {
      record->Set(F::kPreviousAccountNumber, base.consumer_account_number.str());
      record->Set(F::kAccountNumber, l1.new_consumer_account_number.str());
    }
    if (furnisher_changes && !l1.new_identification_number.blank() &&
        !base.identification_number.blank()) {
      record->Set(F::kPreviousFurnisher, base.identification_number.str());
      record->Set(F::kFurnisher, l1.new_identification_number.str());
    }
  }

  std::unique_ptr<metro2::Reader> reader_;
  CollectingSink sink_;
  metro2::Validator validator_;
  bool seen_trailer_ = false;
};

// ---------------------------------------------------------------------------------------------
// Mapped CSV / JSON lines

std::optional<F> FromCanonicalField(CanonicalField field) {
  switch (field) {
    case CanonicalField::kStreetNumber: return std::nullopt;  // joined into address_line1
    case CanonicalField::kPaymentRating: return std::nullopt;
    case CanonicalField::kCourt: return F::kAuthority;
    default: return ParseRecordField(CanonicalFieldName(field));
  }
}

class MappedSource : public RecordSource {
 public:
  MappedSource(const Mapping& mapping, std::unique_ptr<MappedReader> reader, FeedKind kind)
      : reader_(std::move(reader)), kind_(kind) {
    for (size_t i = 0; i < kCanonicalFieldCount; ++i) {
      target_[i] = FromCanonicalField(static_cast<CanonicalField>(i));
    }
    for (const FieldRule& rule : mapping.fields) {
      for (const Transform& transform : rule.transforms) {
        if (transform.kind == TransformKind::kAmount) {
          amount_[static_cast<size_t>(rule.target)] = true;
        }
      }
      if (rule.target == CanonicalField::kIdentifier) person_kind_ = rule.identifier_kind;
      if (rule.target == CanonicalField::kCompanyIdentifier) company_kind_ = rule.identifier_kind;
    }
  }

  Result<bool> Next(CanonicalRecord* record) override {
    auto more = reader_->Next(&mapped_);
    if (!more.ok()) {
      Error error = std::move(more).error();
      const FileErrorInfo& info =
          error.message.find("UTF-8") != std::string::npos ? kFileEncoding : kFileFormat;
      error.message = FileError(info, error.message);
      return error;
    }
    if (!*more) return false;
    record->Clear();
    record->kind = kind_;
    record->line = mapped_.line;
    nlohmann::json payload = nlohmann::json::object();
    for (size_t i = 0; i < kCanonicalFieldCount; ++i) {
      if (!mapped_.present[i]) continue;
      const std::string& value = mapped_.values[i];
      payload[std::string(CanonicalFieldName(static_cast<CanonicalField>(i)))] = value;
      if (!target_[i]) continue;
      record->Set(*target_[i], value, amount_[i]);
    }
    if (mapped_.Has(CanonicalField::kStreetNumber)) {
      std::string line1 = mapped_.Get(CanonicalField::kStreetNumber);
      if (mapped_.Has(CanonicalField::kAddressLine1)) {
        line1 += " " + mapped_.Get(CanonicalField::kAddressLine1);
      }
      record->Set(F::kAddressLine1, std::move(line1));
    }
    if (record->Has(F::kIdentifier) && person_kind_ != IdentifierKind::kOther) {
      record->Set(F::kIdentifierKind, std::string(IdentifierKindName(person_kind_)));
    }
    if (record->Has(F::kCompanyIdentifier) && company_kind_ != IdentifierKind::kOther &&
        !record->Has(F::kIdentifier)) {
      record->Set(F::kIdentifierKind, std::string(IdentifierKindName(company_kind_)));
    }
    for (const FieldIssue& issue : mapped_.issues) {
      auto field = FromCanonicalField(issue.field);
      Finding finding;
      finding.rule = std::string(GetIngestRule(IngestRule::kReaderIssue).code);
      finding.field = std::string(CanonicalFieldName(issue.field));
      bool identifier = field && IsIdentifierField(*field);
      finding.message = identifier ? "the mapping's transform rejected this identifier; correct "
                                     "it at the source"
                                   : issue.error.ToString();
      finding.fatal = true;
      record->findings.push_back(std::move(finding));
    }
    record->payload = payload.dump();
    return true;
  }

 private:
  std::unique_ptr<MappedReader> reader_;
  FeedKind kind_;
  MappedRecord mapped_;
  std::array<std::optional<F>, kCanonicalFieldCount> target_;
  std::array<bool, kCanonicalFieldCount> amount_{};
  IdentifierKind person_kind_ = IdentifierKind::kOther;
  IdentifierKind company_kind_ = IdentifierKind::kOther;
};

// ---------------------------------------------------------------------------------------------
// Canonical JSON lines

std::string JsonText(const nlohmann::json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_null()) return {};
  if (value.is_boolean()) return value.get<bool>() ? "true" : "false";
  return value.dump();
}

class CanonicalJsonSource : public RecordSource {
 public:
  CanonicalJsonSource(std::unique_ptr<ByteSource> bytes, FeedKind kind)
      : reader_(std::move(bytes)), kind_(kind) {}

  Result<bool> Next(CanonicalRecord* record) override {
    auto more = reader_.Next();
    if (!more.ok()) {
      Error error = std::move(more).error();
      const FileErrorInfo& info =
          error.message.find("UTF-8") != std::string::npos ? kFileEncoding : kFileFormat;
      error.message = FileError(info, error.message);
      return error;
    }
    if (!*more) return false;
    record->Clear();
    CanonicalRecordFromJson(reader_.current(), kind_, record);
    record->line = reader_.record_line();
    record->payload = reader_.current().dump();
    return true;
  }

 private:
  JsonLinesReader reader_;
  FeedKind kind_;
};

}  // namespace

Result<std::unique_ptr<RecordSource>> OpenMetro2Source(const std::string& path) {
  auto reader = metro2::Reader::OpenFile(path);
  if (!reader.ok()) {
    Error error = std::move(reader).error();
    error.message = FileError(kFileUnreadable, error.message);
    return error;
  }
  return std::unique_ptr<RecordSource>(new Metro2Source(std::move(reader).value()));
}

std::unique_ptr<RecordSource> OpenMetro2SourceFromMemory(std::string_view bytes) {
  return std::unique_ptr<RecordSource>(new Metro2Source(metro2::Reader::FromMemory(bytes)));
}

Result<std::unique_ptr<RecordSource>> OpenMappedSource(const Mapping& mapping,
                                                       std::unique_ptr<ByteSource> bytes,
                                                       FeedKind kind,
                                                       const JurisdictionProfile& profile) {
  auto reader = MappedReader::Open(mapping, std::move(bytes));
  if (!reader.ok()) {
    Error error = std::move(reader).error();
    const FileErrorInfo& info = error.message.find("UTF-8") != std::string::npos
                                    ? kFileEncoding
                                    : (error.message.find("column") != std::string::npos
                                           ? kFileMapping
                                           : kFileFormat);
    error.message = FileError(info, error.message);
    return error;
  }
  for (const std::string& column : (*reader)->header()) {
    std::string key;
    for (char c : column) {
      key += c == ' ' || c == '-' ? '_' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    if (profile.IsProhibitedField(key)) {
      return MakeError(ErrorCode::kInvalidArgument,
                       FileError(kFileProhibitedColumn,
                                 "column '" + column + "' holds data the " + profile.name +
                                     " profile prohibits; remove the column from the file"),
                       (*reader)->source_name() + ":1 column " + column);
    }
  }
  return std::unique_ptr<RecordSource>(new MappedSource(mapping, std::move(reader).value(), kind));
}

std::unique_ptr<RecordSource> OpenCanonicalJsonSource(std::unique_ptr<ByteSource> bytes,
                                                      FeedKind kind) {
  return std::make_unique<CanonicalJsonSource>(std::move(bytes), kind);
}

void CanonicalRecordFromJson(const nlohmann::json& object, FeedKind kind,
                             CanonicalRecord* record) {
  record->kind = kind;
  if (!object.is_object()) return;
  for (auto it = object.begin(); it != object.end(); ++it) {
    const std::string& key = it.key();
    const nlohmann::json& value = it.value();
    if (key == "kind" && value.is_string()) {
      if (auto parsed = ParseFeedKind(value.get<std::string>())) record->kind = *parsed;
      continue;
    }
    if (key == "shareholders" && value.is_array()) {
      for (const nlohmann::json& item : value) {
        if (!item.is_object()) continue;
        Shareholder holder;
        if (item.contains("name")) holder.name = JsonText(item["name"]);
        if (item.contains("identifier")) holder.identifier = JsonText(item["identifier"]);
        if (item.contains("identifier_kind")) {
          holder.identifier_kind = JsonText(item["identifier_kind"]);
        }
        if (item.contains("percent")) holder.percent = JsonText(item["percent"]);
        if (item.contains("company")) holder.is_company = item["company"].is_boolean() &&
                                                          item["company"].get<bool>();
        record->shareholders.push_back(std::move(holder));
      }
      continue;
    }
    std::string text = JsonText(value);
    if (auto field = ParseRecordField(key)) {
      record->Set(*field, std::move(text));
    } else if (!text.empty() && text != "[]" && text != "{}") {
      record->other_fields.push_back(key);
    }
  }
}

}  // namespace credo::ingest
