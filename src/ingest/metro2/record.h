// credo ingest/metro2: the records of a Metro 2 file as plain structs.
//
// One struct per record or segment, one member per field, named as in ../shared/METRO2.md and
// docs/metro2/ (a page per segment). Values are decoded: text stays as its fixed-width bytes
// (FixedText, trailing blanks trimmed by view()), numbers are integers (whole dollars, counts,
// SSN and telephone as digits), dates are Metro2Date (the MMDDYYYY digits as one integer, 0 = no
// date). These structs own their bytes and never allocate per field; they are cheap to copy.
// Physical details (descriptor words, padding, line breaks) live in RecordFraming so that a file
// can be written back byte for byte (writer.h).
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/result.h"

namespace credo::metro2 {

//! A fixed-width alphanumeric field: left-justified, blank-filled. Capacity is the longest the
//! field is in any format (the reserved tails differ between the 426 and 366 layouts).
template <size_t N>
struct FixedText {
  std::array<char, N> bytes;

  FixedText() { bytes.fill(' '); }
  FixedText(std::string_view text) { Set(text); }  // NOLINT: implicit from text is the point
  FixedText& operator=(std::string_view text) {
    Set(text);
    return *this;
  }

  //! The value without trailing blanks (leading blanks are kept: they are data).
  std::string_view view() const {
    size_t n = N;
    while (n > 0 && bytes[n - 1] == ' ') --n;
    return {bytes.data(), n};
  }
  //! All N bytes as stored.
  std::string_view raw() const { return {bytes.data(), N}; }
  std::string str() const { return std::string(view()); }
  //! Left-justifies `text` and blank-fills; text longer than N is cut at N bytes.
  void Set(std::string_view text) {
    bytes.fill(' ');
    std::copy_n(text.data(), std::min(text.size(), N), bytes.data());
  }
  bool blank() const { return view().empty(); }
  bool operator==(const FixedText&) const = default;
};

//! A Metro 2 date: the MMDDYYYY digits as one integer (12312023), 0 when no date is reported.
struct Metro2Date {
  uint32_t mmddyyyy = 0;

  static Metro2Date FromDate(Date date) {
    return {static_cast<uint32_t>(date.month() * 1000000 + date.day() * 10000 + date.year())};
  }
  bool empty() const { return mmddyyyy == 0; }
  int month() const { return static_cast<int>(mmddyyyy / 1000000); }
  int day() const { return static_cast<int>(mmddyyyy / 10000 % 100); }
  int year() const { return static_cast<int>(mmddyyyy % 10000); }
  //! YYYYMMDD, for ordering two dates.
  uint32_t SortKey() const { return static_cast<uint32_t>(year() * 10000 + month() * 100 + day()); }
  //! The civil date; an error when empty or not a real calendar date.
  Result<Date> ToDate() const { return Date::FromYmd(year(), month(), day()); }
  //! The civil date, or nullopt when empty or invalid.
  std::optional<Date> ToOptionalDate() const {
    if (empty()) return std::nullopt;
    auto date = ToDate();
    if (!date.ok()) return std::nullopt;
    return *date;
  }
  bool operator==(const Metro2Date&) const = default;
};

//! A Metro 2 time stamp: the MMDDYYYYHHMMSS digits as one integer, 0 when not reported.
struct Metro2Timestamp {
  uint64_t mmddyyyyhhmmss = 0;
  bool empty() const { return mmddyyyyhhmmss == 0; }
  Metro2Date date() const { return {static_cast<uint32_t>(mmddyyyyhhmmss / 1000000)}; }
  int hour() const { return static_cast<int>(mmddyyyyhhmmss / 10000 % 100); }
  int minute() const { return static_cast<int>(mmddyyyyhhmmss / 100 % 100); }
  int second() const { return static_cast<int>(mmddyyyyhhmmss % 100); }
  bool operator==(const Metro2Timestamp&) const = default;
};

//! Header record (docs/metro2/header.md).
struct HeaderRecord {
  FixedText<6> record_identifier{"HEADER"};
  FixedText<2> cycle_identifier;
  FixedText<10> innovis_program_identifier;
  FixedText<10> equifax_program_identifier;
  FixedText<5> experian_program_identifier;
  FixedText<10> transunion_program_identifier;
  Metro2Date activity_date;
  Metro2Date date_created;
  Metro2Date program_date;
  Metro2Date program_revision_date;
  FixedText<40> reporter_name;
  FixedText<96> reporter_address;
  int64_t reporter_telephone_number = 0;
  FixedText<40> software_vendor_name;
  FixedText<5> software_version_number;
  FixedText<10> prbc_program_identifier;
  FixedText<146> reserved;
  uint64_t malformed_fields = 0;  //!< bit i: field i of the layout failed to decode
  bool operator==(const HeaderRecord&) const = default;
};

//! Base segment (docs/metro2/base.md).
struct BaseSegment {
  int64_t processing_indicator = 1;
  Metro2Timestamp time_stamp;
  int64_t correction_indicator = 0;
  FixedText<20> identification_number;
  FixedText<2> cycle_identifier;
  FixedText<30> consumer_account_number;
  FixedText<1> portfolio_type;
  FixedText<2> account_type;
  Metro2Date date_opened;
  int64_t credit_limit = 0;
  int64_t highest_credit = 0;
  FixedText<3> terms_duration;
  FixedText<1> terms_frequency;
  int64_t scheduled_monthly_payment_amount = 0;
  int64_t actual_payment_amount = 0;
  FixedText<2> account_status;
  FixedText<1> payment_rating;
  FixedText<24> payment_history_profile;
  FixedText<2> special_comment;
  FixedText<2> compliance_condition_code;
  int64_t current_balance = 0;
  int64_t amount_past_due = 0;
  int64_t original_charge_off_amount = 0;
  Metro2Date date_of_account_information;
  Metro2Date date_of_first_delinquency;
  Metro2Date date_closed;
  Metro2Date date_of_last_payment;
  FixedText<1> interest_type_indicator;
  FixedText<17> reserved;
  FixedText<25> surname;
  FixedText<20> first_name;
  FixedText<20> middle_name;
  FixedText<1> generation_code;
  int64_t social_security_number = 0;
  Metro2Date date_of_birth;
  int64_t telephone_number = 0;
  FixedText<1> ecoa_code;
  FixedText<2> consumer_information_indicator;
  FixedText<2> country_code;
  FixedText<32> first_line_of_address;
  FixedText<32> second_line_of_address;
  FixedText<20> city;
  FixedText<2> state;
  FixedText<9> postal_zip_code;
  FixedText<1> address_indicator;
  FixedText<1> residence_code;
  uint64_t malformed_fields = 0;
  bool operator==(const BaseSegment&) const = default;
};

//! J1: associated consumer at the base consumer's address (docs/metro2/j1.md).
struct J1Segment {
  FixedText<2> segment_identifier{"J1"};
  FixedText<1> reserved;
  FixedText<25> surname;
  FixedText<20> first_name;
  FixedText<20> middle_name;
  FixedText<1> generation_code;
  int64_t social_security_number = 0;
  Metro2Date date_of_birth;
  int64_t telephone_number = 0;
  FixedText<1> ecoa_code;
  FixedText<2> consumer_information_indicator;
  FixedText<1> reserved_end;
  uint64_t malformed_fields = 0;
  bool operator==(const J1Segment&) const = default;
};

//! J2: associated consumer at a different address (docs/metro2/j2.md).
struct J2Segment {
  FixedText<2> segment_identifier{"J2"};
  FixedText<1> reserved;
  FixedText<25> surname;
  FixedText<20> first_name;
  FixedText<20> middle_name;
  FixedText<1> generation_code;
  int64_t social_security_number = 0;
  Metro2Date date_of_birth;
  int64_t telephone_number = 0;
  FixedText<1> ecoa_code;
  FixedText<2> consumer_information_indicator;
  FixedText<2> country_code;
  FixedText<32> first_line_of_address;
  FixedText<32> second_line_of_address;
  FixedText<20> city;
  FixedText<2> state;
  FixedText<9> postal_zip_code;
  FixedText<1> address_indicator;
  FixedText<1> residence_code;
  FixedText<2> reserved_end;
  uint64_t malformed_fields = 0;
  bool operator==(const J2Segment&) const = default;
};

//! K1: original creditor name (docs/metro2/k1.md).
struct K1Segment {
  FixedText<2> segment_identifier{"K1"};
  FixedText<30> original_creditor_name;
  int64_t creditor_classification = 0;
  uint64_t malformed_fields = 0;
  bool operator==(const K1Segment&) const = default;
};

//! K2: purchased from / sold to (docs/metro2/k2.md).
struct K2Segment {
  FixedText<2> segment_identifier{"K2"};
  int64_t purchased_or_sold_indicator = 0;
  FixedText<30> purchased_from_or_sold_to_name;
  FixedText<1> reserved;
  uint64_t malformed_fields = 0;
  bool operator==(const K2Segment&) const = default;
};

//! K3: mortgage information (docs/metro2/k3.md).
struct K3Segment {
  FixedText<2> segment_identifier{"K3"};
  int64_t agency_identifier = 0;
  FixedText<18> agency_account_number;
  FixedText<18> mortgage_identification_number;
  uint64_t malformed_fields = 0;
  bool operator==(const K3Segment&) const = default;
};

//! K4: specialized payment (docs/metro2/k4.md).
struct K4Segment {
  FixedText<2> segment_identifier{"K4"};
  int64_t specialized_payment_indicator = 0;
  Metro2Date deferred_payment_start_date;
  Metro2Date balloon_payment_due_date;
  int64_t balloon_payment_amount = 0;
  FixedText<1> reserved;
  uint64_t malformed_fields = 0;
  bool operator==(const K4Segment&) const = default;
};

//! L1: account number / identification number change (docs/metro2/l1.md).
struct L1Segment {
  FixedText<2> segment_identifier{"L1"};
  int64_t change_indicator = 0;
  FixedText<30> new_consumer_account_number;
  FixedText<20> new_identification_number;
  FixedText<1> reserved;
  uint64_t malformed_fields = 0;
  bool operator==(const L1Segment&) const = default;
};

//! N1: employment of the base consumer (docs/metro2/n1.md).
struct N1Segment {
  FixedText<2> segment_identifier{"N1"};
  FixedText<30> employer_name;
  FixedText<32> first_line_of_employer_address;
  FixedText<32> second_line_of_employer_address;
  FixedText<20> employer_city;
  FixedText<2> employer_state;
  FixedText<9> employer_postal_zip_code;
  FixedText<18> occupation;
  FixedText<1> reserved;
  uint64_t malformed_fields = 0;
  bool operator==(const N1Segment&) const = default;
};

//! Trailer record with the file's control totals (docs/metro2/trailer.md).
struct TrailerRecord {
  FixedText<7> record_identifier{"TRAILER"};
  int64_t total_base_records = 0;
  FixedText<9> reserved;
  int64_t total_status_code_df = 0;
  int64_t total_consumer_segments_j1 = 0;
  int64_t total_consumer_segments_j2 = 0;
  int64_t block_count = 0;
  int64_t total_status_code_da = 0;
  int64_t total_status_code_05 = 0;
  int64_t total_status_code_11 = 0;
  int64_t total_status_code_13 = 0;
  int64_t total_status_code_61 = 0;
  int64_t total_status_code_62 = 0;
  int64_t total_status_code_63 = 0;
  int64_t total_status_code_64 = 0;
  int64_t total_status_code_65 = 0;
  int64_t total_status_code_71 = 0;
  int64_t total_status_code_78 = 0;
  int64_t total_status_code_80 = 0;
  int64_t total_status_code_82 = 0;
  int64_t total_status_code_83 = 0;
  int64_t total_status_code_84 = 0;
  int64_t total_status_code_88 = 0;
  int64_t total_status_code_89 = 0;
  int64_t total_status_code_93 = 0;
  int64_t total_status_code_94 = 0;
  int64_t total_status_code_95 = 0;
  int64_t total_status_code_96 = 0;
  int64_t total_status_code_97 = 0;
  int64_t total_ecoa_code_z = 0;
  int64_t total_employment_segments = 0;
  int64_t total_original_creditor_segments = 0;
  int64_t total_purchased_from_sold_to_segments = 0;
  int64_t total_mortgage_information_segments = 0;
  int64_t total_specialized_payment_segments = 0;
  int64_t total_change_segments = 0;
  int64_t total_ssns_all_segments = 0;
  int64_t total_ssns_base_segments = 0;
  int64_t total_ssns_j1_segments = 0;
  int64_t total_ssns_j2_segments = 0;
  int64_t total_dates_of_birth_all_segments = 0;
  int64_t total_dates_of_birth_base_segments = 0;
  int64_t total_dates_of_birth_j1_segments = 0;
  int64_t total_dates_of_birth_j2_segments = 0;
  int64_t total_telephone_numbers_all_segments = 0;
  FixedText<135> reserved_end;
  uint64_t malformed_fields = 0;
  bool operator==(const TrailerRecord&) const = default;
};

//! The appended segment kinds, in the order a writer puts them by default.
enum class SegmentKind : uint8_t { kHeader, kBase, kJ1, kJ2, kK1, kK2, kK3, kK4, kL1, kN1, kTrailer };
//! "header", "base", "j1", ... "trailer".
std::string_view SegmentKindName(SegmentKind kind);

//! A data record: a base segment and its appended segments.
struct DataRecord {
  BaseSegment base;
  std::vector<J1Segment> j1;
  std::vector<J2Segment> j2;
  std::optional<K1Segment> k1;
  std::optional<K2Segment> k2;
  std::optional<K3Segment> k3;
  std::optional<K4Segment> k4;
  std::optional<L1Segment> l1;
  std::optional<N1Segment> n1;
  //! Physical order of the appended segments as read; empty means the default order
  //! (all J1, all J2, K1, K2, K3, K4, L1, N1).
  std::vector<SegmentKind> segment_order;
  bool operator==(const DataRecord&) const = default;
};

//! Character (426-byte records, digits as text) or packed (366-byte records, binary numbers).
enum class PhysicalFormat : uint8_t { kCharacter, kPacked };
//! How a packed file encodes numbers and dates (METRO2.md section 3).
enum class PackedDialect : uint8_t {
  kAuto,           //!< reader only: decide from the first data record (or the trailer)
  kPackedDecimal,  //!< CDIA guide: IBM packed decimal (COMP-3), sign nibble C/F
  kMoovBinary,     //!< moov-io/metro2: big-endian binary; dates 00 + 3 bytes + 0x73
};
enum class LineTerminator : uint8_t { kNone, kLf, kCrLf };

//! How a whole file is laid out physically.
struct FileFormat {
  PhysicalFormat format = PhysicalFormat::kCharacter;
  PackedDialect dialect = PackedDialect::kMoovBinary;  //!< packed files only
  uint8_t packed_sign_nibble = 0x0C;                   //!< kPackedDecimal: 0x0C or 0x0F
  bool blocked = false;  //!< records carry a block descriptor word (variable-blocked)
  bool operator==(const FileFormat&) const = default;
};

//! Where a record sits in the file and the physical bytes around its segments.
struct RecordFraming {
  uint64_t offset = 0;         //!< byte offset of the record's first byte (its BDW when present)
  uint64_t record_number = 0;  //!< 1-based physical record number (header is 1)
  std::optional<uint32_t> block_descriptor_word;  //!< when this record opens a block
  uint32_t record_descriptor_word = 0;            //!< as read (or to write)
  //! Bytes after the last recognised segment up to the RDW length (normally blanks).
  std::string tail;
  LineTerminator terminator = LineTerminator::kNone;  //!< line break after the record, if any
  bool operator==(const RecordFraming&) const = default;
};

}  // namespace credo::metro2
