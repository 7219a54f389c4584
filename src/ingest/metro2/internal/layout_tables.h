// credo ingest/metro2 internal: the field tables of every record and segment, as compile-time
// constants (METRO2.md sections 4-7; docs/metro2/*.md), so that the character-format decoder
// (codec.cc) can be specialised field by field. Positions are 1-based in the tables below, as in
// the format guides, and stored 0-based. layout.h is the interface; include this only where a
// table is needed as a constant.
#pragma once

#include <array>
#include <cstddef>

#include "ingest/metro2/internal/layout.h"

namespace credo::metro2::internal::tables {

#define CREDO_M2_FIELD(S, member, cpos, clen, ppos, plen, kind, need)                         \
  FieldSpec {                                                                                 \
    #member, (cpos) - 1, clen, (ppos) - 1, plen, FieldKind::kind, Need::need,                 \
        static_cast<uint16_t>(offsetof(S, member)), static_cast<uint16_t>(sizeof(S::member)), \
        false                                                                                 \
  }
#define CREDO_M2_SAME(S, member, pos, len, kind, need) \
  CREDO_M2_FIELD(S, member, pos, len, pos, len, kind, need)

constexpr FieldSpec Identifier(FieldSpec spec) {
  spec.identifier = true;
  return spec;
}

inline constexpr std::array kHeaderFields = {
    CREDO_M2_SAME(HeaderRecord, record_identifier, 5, 6, kText, kRequired),
    CREDO_M2_SAME(HeaderRecord, cycle_identifier, 11, 2, kText, kApplicable),
    CREDO_M2_SAME(HeaderRecord, innovis_program_identifier, 13, 10, kText, kApplicable),
    CREDO_M2_SAME(HeaderRecord, equifax_program_identifier, 23, 10, kText, kApplicable),
    CREDO_M2_SAME(HeaderRecord, experian_program_identifier, 33, 5, kText, kApplicable),
    CREDO_M2_SAME(HeaderRecord, transunion_program_identifier, 38, 10, kText, kApplicable),
    CREDO_M2_SAME(HeaderRecord, activity_date, 48, 8, kDate, kRequired),
    CREDO_M2_SAME(HeaderRecord, date_created, 56, 8, kDate, kRequired),
    CREDO_M2_SAME(HeaderRecord, program_date, 64, 8, kDate, kOptional),
    CREDO_M2_SAME(HeaderRecord, program_revision_date, 72, 8, kDate, kOptional),
    CREDO_M2_SAME(HeaderRecord, reporter_name, 80, 40, kText, kRequired),
    CREDO_M2_SAME(HeaderRecord, reporter_address, 120, 96, kText, kRequired),
    CREDO_M2_SAME(HeaderRecord, reporter_telephone_number, 216, 10, kNumber, kOptional),
    CREDO_M2_SAME(HeaderRecord, software_vendor_name, 226, 40, kText, kApplicable),
    CREDO_M2_SAME(HeaderRecord, software_version_number, 266, 5, kText, kApplicable),
    CREDO_M2_SAME(HeaderRecord, prbc_program_identifier, 271, 10, kText, kApplicable),
    CREDO_M2_FIELD(HeaderRecord, reserved, 281, 146, 281, 86, kText, kReserved),
};

inline constexpr std::array kBaseFields = {
    CREDO_M2_FIELD(BaseSegment, processing_indicator, 5, 1, 5, 1, kNumber, kOptional),
    CREDO_M2_FIELD(BaseSegment, time_stamp, 6, 14, 6, 8, kTimestamp, kOptional),
    CREDO_M2_FIELD(BaseSegment, correction_indicator, 20, 1, 14, 1, kNumber, kOptional),
    CREDO_M2_FIELD(BaseSegment, identification_number, 21, 20, 15, 20, kText, kRequired),
    CREDO_M2_FIELD(BaseSegment, cycle_identifier, 41, 2, 35, 2, kText, kApplicable),
    CREDO_M2_FIELD(BaseSegment, consumer_account_number, 43, 30, 37, 30, kText, kRequired),
    CREDO_M2_FIELD(BaseSegment, portfolio_type, 73, 1, 67, 1, kText, kRequired),
    CREDO_M2_FIELD(BaseSegment, account_type, 74, 2, 68, 2, kText, kRequired),
    CREDO_M2_FIELD(BaseSegment, date_opened, 76, 8, 70, 5, kDate, kRequired),
    CREDO_M2_FIELD(BaseSegment, credit_limit, 84, 9, 75, 5, kNumber, kApplicable),
    CREDO_M2_FIELD(BaseSegment, highest_credit, 93, 9, 80, 5, kNumber, kOptional),
    CREDO_M2_FIELD(BaseSegment, terms_duration, 102, 3, 85, 3, kText, kRequired),
    CREDO_M2_FIELD(BaseSegment, terms_frequency, 105, 1, 88, 1, kText, kApplicable),
    CREDO_M2_FIELD(BaseSegment, scheduled_monthly_payment_amount, 106, 9, 89, 5, kNumber,
                   kApplicable),
    CREDO_M2_FIELD(BaseSegment, actual_payment_amount, 115, 9, 94, 5, kNumber, kApplicable),
    CREDO_M2_FIELD(BaseSegment, account_status, 124, 2, 99, 2, kText, kRequired),
    CREDO_M2_FIELD(BaseSegment, payment_rating, 126, 1, 101, 1, kText, kApplicable),
    CREDO_M2_FIELD(BaseSegment, payment_history_profile, 127, 24, 102, 24, kText, kRequired),
    CREDO_M2_FIELD(BaseSegment, special_comment, 151, 2, 126, 2, kText, kApplicable),
    CREDO_M2_FIELD(BaseSegment, compliance_condition_code, 153, 2, 128, 2, kText, kApplicable),
    CREDO_M2_FIELD(BaseSegment, current_balance, 155, 9, 130, 5, kNumber, kApplicable),
    CREDO_M2_FIELD(BaseSegment, amount_past_due, 164, 9, 135, 5, kNumber, kApplicable),
    CREDO_M2_FIELD(BaseSegment, original_charge_off_amount, 173, 9, 140, 5, kNumber, kApplicable),
    CREDO_M2_FIELD(BaseSegment, date_of_account_information, 182, 8, 145, 5, kDate, kRequired),
    CREDO_M2_FIELD(BaseSegment, date_of_first_delinquency, 190, 8, 150, 5, kDate, kApplicable),
    CREDO_M2_FIELD(BaseSegment, date_closed, 198, 8, 155, 5, kDate, kApplicable),
    CREDO_M2_FIELD(BaseSegment, date_of_last_payment, 206, 8, 160, 5, kDate, kApplicable),
    CREDO_M2_FIELD(BaseSegment, interest_type_indicator, 214, 1, 165, 1, kText, kOptional),
    CREDO_M2_FIELD(BaseSegment, reserved, 215, 17, 166, 17, kText, kReserved),
    CREDO_M2_FIELD(BaseSegment, surname, 232, 25, 183, 25, kText, kRequired),
    CREDO_M2_FIELD(BaseSegment, first_name, 257, 20, 208, 20, kText, kRequired),
    CREDO_M2_FIELD(BaseSegment, middle_name, 277, 20, 228, 20, kText, kApplicable),
    CREDO_M2_FIELD(BaseSegment, generation_code, 297, 1, 248, 1, kText, kApplicable),
    Identifier(CREDO_M2_FIELD(BaseSegment, social_security_number, 298, 9, 249, 5, kNumber,
                              kOptional)),
    CREDO_M2_FIELD(BaseSegment, date_of_birth, 307, 8, 254, 5, kDate, kOptional),
    CREDO_M2_FIELD(BaseSegment, telephone_number, 315, 10, 259, 6, kNumber, kOptional),
    CREDO_M2_FIELD(BaseSegment, ecoa_code, 325, 1, 265, 1, kText, kRequired),
    CREDO_M2_FIELD(BaseSegment, consumer_information_indicator, 326, 2, 266, 2, kText,
                   kApplicable),
    CREDO_M2_FIELD(BaseSegment, country_code, 328, 2, 268, 2, kText, kOptional),
    CREDO_M2_FIELD(BaseSegment, first_line_of_address, 330, 32, 270, 32, kText, kRequired),
    CREDO_M2_FIELD(BaseSegment, second_line_of_address, 362, 32, 302, 32, kText, kApplicable),
    CREDO_M2_FIELD(BaseSegment, city, 394, 20, 334, 20, kText, kRequired),
    CREDO_M2_FIELD(BaseSegment, state, 414, 2, 354, 2, kText, kRequired),
    CREDO_M2_FIELD(BaseSegment, postal_zip_code, 416, 9, 356, 9, kText, kRequired),
    CREDO_M2_FIELD(BaseSegment, address_indicator, 425, 1, 365, 1, kText, kOptional),
    CREDO_M2_FIELD(BaseSegment, residence_code, 426, 1, 366, 1, kText, kOptional),
};

inline constexpr std::array kJ1Fields = {
    CREDO_M2_SAME(J1Segment, segment_identifier, 1, 2, kText, kRequired),
    CREDO_M2_SAME(J1Segment, reserved, 3, 1, kText, kReserved),
    CREDO_M2_SAME(J1Segment, surname, 4, 25, kText, kRequired),
    CREDO_M2_SAME(J1Segment, first_name, 29, 20, kText, kRequired),
    CREDO_M2_SAME(J1Segment, middle_name, 49, 20, kText, kApplicable),
    CREDO_M2_SAME(J1Segment, generation_code, 69, 1, kText, kApplicable),
    Identifier(CREDO_M2_SAME(J1Segment, social_security_number, 70, 9, kNumber, kOptional)),
    CREDO_M2_SAME(J1Segment, date_of_birth, 79, 8, kDate, kOptional),
    CREDO_M2_SAME(J1Segment, telephone_number, 87, 10, kNumber, kOptional),
    CREDO_M2_SAME(J1Segment, ecoa_code, 97, 1, kText, kRequired),
    CREDO_M2_SAME(J1Segment, consumer_information_indicator, 98, 2, kText, kApplicable),
    CREDO_M2_SAME(J1Segment, reserved_end, 100, 1, kText, kReserved),
};

inline constexpr std::array kJ2Fields = {
    CREDO_M2_SAME(J2Segment, segment_identifier, 1, 2, kText, kRequired),
    CREDO_M2_SAME(J2Segment, reserved, 3, 1, kText, kReserved),
    CREDO_M2_SAME(J2Segment, surname, 4, 25, kText, kRequired),
    CREDO_M2_SAME(J2Segment, first_name, 29, 20, kText, kOptional),
    CREDO_M2_SAME(J2Segment, middle_name, 49, 20, kText, kApplicable),
    CREDO_M2_SAME(J2Segment, generation_code, 69, 1, kText, kApplicable),
    Identifier(CREDO_M2_SAME(J2Segment, social_security_number, 70, 9, kNumber, kOptional)),
    CREDO_M2_SAME(J2Segment, date_of_birth, 79, 8, kDate, kOptional),
    CREDO_M2_SAME(J2Segment, telephone_number, 87, 10, kNumber, kOptional),
    CREDO_M2_SAME(J2Segment, ecoa_code, 97, 1, kText, kRequired),
    CREDO_M2_SAME(J2Segment, consumer_information_indicator, 98, 2, kText, kApplicable),
    CREDO_M2_SAME(J2Segment, country_code, 100, 2, kText, kOptional),
    CREDO_M2_SAME(J2Segment, first_line_of_address, 102, 32, kText, kRequired),
    CREDO_M2_SAME(J2Segment, second_line_of_address, 134, 32, kText, kApplicable),
    CREDO_M2_SAME(J2Segment, city, 166, 20, kText, kRequired),
    CREDO_M2_SAME(J2Segment, state, 186, 2, kText, kRequired),
    CREDO_M2_SAME(J2Segment, postal_zip_code, 188, 9, kText, kRequired),
    CREDO_M2_SAME(J2Segment, address_indicator, 197, 1, kText, kOptional),
    CREDO_M2_SAME(J2Segment, residence_code, 198, 1, kText, kOptional),
    CREDO_M2_SAME(J2Segment, reserved_end, 199, 2, kText, kReserved),
};

inline constexpr std::array kK1Fields = {
    CREDO_M2_SAME(K1Segment, segment_identifier, 1, 2, kText, kRequired),
    CREDO_M2_SAME(K1Segment, original_creditor_name, 3, 30, kText, kRequired),
    CREDO_M2_SAME(K1Segment, creditor_classification, 33, 2, kNumber, kRequired),
};

inline constexpr std::array kK2Fields = {
    CREDO_M2_SAME(K2Segment, segment_identifier, 1, 2, kText, kRequired),
    CREDO_M2_SAME(K2Segment, purchased_or_sold_indicator, 3, 1, kNumber, kRequired),
    CREDO_M2_SAME(K2Segment, purchased_from_or_sold_to_name, 4, 30, kText, kApplicable),
    CREDO_M2_SAME(K2Segment, reserved, 34, 1, kText, kReserved),
};

inline constexpr std::array kK3Fields = {
    CREDO_M2_SAME(K3Segment, segment_identifier, 1, 2, kText, kRequired),
    CREDO_M2_SAME(K3Segment, agency_identifier, 3, 2, kNumber, kApplicable),
    CREDO_M2_SAME(K3Segment, agency_account_number, 5, 18, kText, kApplicable),
    CREDO_M2_SAME(K3Segment, mortgage_identification_number, 23, 18, kText, kOptional),
};

inline constexpr std::array kK4Fields = {
    CREDO_M2_SAME(K4Segment, segment_identifier, 1, 2, kText, kRequired),
    CREDO_M2_SAME(K4Segment, specialized_payment_indicator, 3, 2, kNumber, kRequired),
    CREDO_M2_SAME(K4Segment, deferred_payment_start_date, 5, 8, kDate, kApplicable),
    CREDO_M2_SAME(K4Segment, balloon_payment_due_date, 13, 8, kDate, kApplicable),
    CREDO_M2_SAME(K4Segment, balloon_payment_amount, 21, 9, kNumber, kApplicable),
    CREDO_M2_SAME(K4Segment, reserved, 30, 1, kText, kReserved),
};

inline constexpr std::array kL1Fields = {
    CREDO_M2_SAME(L1Segment, segment_identifier, 1, 2, kText, kRequired),
    CREDO_M2_SAME(L1Segment, change_indicator, 3, 1, kNumber, kRequired),
    CREDO_M2_SAME(L1Segment, new_consumer_account_number, 4, 30, kText, kApplicable),
    CREDO_M2_SAME(L1Segment, new_identification_number, 34, 20, kText, kApplicable),
    CREDO_M2_SAME(L1Segment, reserved, 54, 1, kText, kReserved),
};

inline constexpr std::array kN1Fields = {
    CREDO_M2_SAME(N1Segment, segment_identifier, 1, 2, kText, kRequired),
    CREDO_M2_SAME(N1Segment, employer_name, 3, 30, kText, kRequired),
    CREDO_M2_SAME(N1Segment, first_line_of_employer_address, 33, 32, kText, kApplicable),
    CREDO_M2_SAME(N1Segment, second_line_of_employer_address, 65, 32, kText, kApplicable),
    CREDO_M2_SAME(N1Segment, employer_city, 97, 20, kText, kApplicable),
    CREDO_M2_SAME(N1Segment, employer_state, 117, 2, kText, kApplicable),
    CREDO_M2_SAME(N1Segment, employer_postal_zip_code, 119, 9, kText, kApplicable),
    CREDO_M2_SAME(N1Segment, occupation, 128, 18, kText, kApplicable),
    CREDO_M2_SAME(N1Segment, reserved, 146, 1, kText, kReserved),
};

#define CREDO_M2_COUNT(member, cpos, ppos) \
  CREDO_M2_FIELD(TrailerRecord, member, cpos, 9, ppos, 5, kNumber, kOptional)

inline constexpr std::array kTrailerFields = {
    CREDO_M2_FIELD(TrailerRecord, record_identifier, 5, 7, 5, 7, kText, kRequired),
    CREDO_M2_COUNT(total_base_records, 12, 12),
    CREDO_M2_FIELD(TrailerRecord, reserved, 21, 9, 17, 5, kText, kReserved),
    CREDO_M2_COUNT(total_status_code_df, 30, 22),
    CREDO_M2_COUNT(total_consumer_segments_j1, 39, 27),
    CREDO_M2_COUNT(total_consumer_segments_j2, 48, 32),
    CREDO_M2_COUNT(block_count, 57, 37),
    CREDO_M2_COUNT(total_status_code_da, 66, 42),
    CREDO_M2_COUNT(total_status_code_05, 75, 47),
    CREDO_M2_COUNT(total_status_code_11, 84, 52),
    CREDO_M2_COUNT(total_status_code_13, 93, 57),
    CREDO_M2_COUNT(total_status_code_61, 102, 62),
    CREDO_M2_COUNT(total_status_code_62, 111, 67),
    CREDO_M2_COUNT(total_status_code_63, 120, 72),
    CREDO_M2_COUNT(total_status_code_64, 129, 77),
    CREDO_M2_COUNT(total_status_code_65, 138, 82),
    CREDO_M2_COUNT(total_status_code_71, 147, 87),
    CREDO_M2_COUNT(total_status_code_78, 156, 92),
    CREDO_M2_COUNT(total_status_code_80, 165, 97),
    CREDO_M2_COUNT(total_status_code_82, 174, 102),
    CREDO_M2_COUNT(total_status_code_83, 183, 107),
    CREDO_M2_COUNT(total_status_code_84, 192, 112),
    CREDO_M2_COUNT(total_status_code_88, 201, 117),
    CREDO_M2_COUNT(total_status_code_89, 210, 122),
    CREDO_M2_COUNT(total_status_code_93, 219, 127),
    CREDO_M2_COUNT(total_status_code_94, 228, 132),
    CREDO_M2_COUNT(total_status_code_95, 237, 137),
    CREDO_M2_COUNT(total_status_code_96, 246, 142),
    CREDO_M2_COUNT(total_status_code_97, 255, 147),
    CREDO_M2_COUNT(total_ecoa_code_z, 264, 152),
    CREDO_M2_COUNT(total_employment_segments, 273, 157),
    CREDO_M2_COUNT(total_original_creditor_segments, 282, 162),
    CREDO_M2_COUNT(total_purchased_from_sold_to_segments, 291, 167),
    CREDO_M2_COUNT(total_mortgage_information_segments, 300, 172),
    CREDO_M2_COUNT(total_specialized_payment_segments, 309, 177),
    CREDO_M2_COUNT(total_change_segments, 318, 182),
    CREDO_M2_COUNT(total_ssns_all_segments, 327, 187),
    CREDO_M2_COUNT(total_ssns_base_segments, 336, 192),
    CREDO_M2_COUNT(total_ssns_j1_segments, 345, 197),
    CREDO_M2_COUNT(total_ssns_j2_segments, 354, 202),
    CREDO_M2_COUNT(total_dates_of_birth_all_segments, 363, 207),
    CREDO_M2_COUNT(total_dates_of_birth_base_segments, 372, 212),
    CREDO_M2_COUNT(total_dates_of_birth_j1_segments, 381, 217),
    CREDO_M2_COUNT(total_dates_of_birth_j2_segments, 390, 222),
    CREDO_M2_COUNT(total_telephone_numbers_all_segments, 399, 227),
    CREDO_M2_FIELD(TrailerRecord, reserved_end, 408, 19, 232, 135, kText, kReserved),
};

#undef CREDO_M2_FIELD
#undef CREDO_M2_SAME
#undef CREDO_M2_COUNT

}  // namespace credo::metro2::internal::tables
