#include "ingest/metro2/totals.h"

namespace credo::metro2 {
namespace {

bool HasSsn(int64_t ssn) { return ssn > 0 && ssn < 999999999; }

int64_t* StatusCounter(TrailerRecord& t, std::string_view status) {
  if (status.size() != 2) return nullptr;
  char a = status[0];
  char b = status[1];
  if (a == 'D') {
    if (b == 'F') return &t.total_status_code_df;
    if (b == 'A') return &t.total_status_code_da;
    return nullptr;
  }
  if (a < '0' || a > '9' || b < '0' || b > '9') return nullptr;
  switch ((a - '0') * 10 + (b - '0')) {
    case 5: return &t.total_status_code_05;
    case 11: return &t.total_status_code_11;
    case 13: return &t.total_status_code_13;
    case 61: return &t.total_status_code_61;
    case 62: return &t.total_status_code_62;
    case 63: return &t.total_status_code_63;
    case 64: return &t.total_status_code_64;
    case 65: return &t.total_status_code_65;
    case 71: return &t.total_status_code_71;
    case 78: return &t.total_status_code_78;
    case 80: return &t.total_status_code_80;
    case 82: return &t.total_status_code_82;
    case 83: return &t.total_status_code_83;
    case 84: return &t.total_status_code_84;
    case 88: return &t.total_status_code_88;
    case 89: return &t.total_status_code_89;
    case 93: return &t.total_status_code_93;
    case 94: return &t.total_status_code_94;
    case 95: return &t.total_status_code_95;
    case 96: return &t.total_status_code_96;
    case 97: return &t.total_status_code_97;
    default: return nullptr;
  }
}

template <typename S>
void AddConsumer(const S& segment, TrailerRecord& t, int64_t* ssns, int64_t* births) {
  if (segment.ecoa_code.bytes[0] == 'Z') ++t.total_ecoa_code_z;
  if (HasSsn(segment.social_security_number)) {
    ++*ssns;
    ++t.total_ssns_all_segments;
  }
  if (!segment.date_of_birth.empty()) {
    ++*births;
    ++t.total_dates_of_birth_all_segments;
  }
  if (segment.telephone_number > 0) ++t.total_telephone_numbers_all_segments;
}

}  // namespace

void TotalsCounter::Add(const DataRecord& record) {
  TrailerRecord& t = totals_;
  ++t.total_base_records;
  if (int64_t* counter = StatusCounter(t, record.base.account_status.raw())) ++*counter;
  AddConsumer(record.base, t, &t.total_ssns_base_segments, &t.total_dates_of_birth_base_segments);
  for (const J1Segment& j1 : record.j1) {
    ++t.total_consumer_segments_j1;
    AddConsumer(j1, t, &t.total_ssns_j1_segments, &t.total_dates_of_birth_j1_segments);
  }
  for (const J2Segment& j2 : record.j2) {
    ++t.total_consumer_segments_j2;
    AddConsumer(j2, t, &t.total_ssns_j2_segments, &t.total_dates_of_birth_j2_segments);
  }
  if (record.k1) ++t.total_original_creditor_segments;
  if (record.k2) ++t.total_purchased_from_sold_to_segments;
  if (record.k3) ++t.total_mortgage_information_segments;
  if (record.k4) ++t.total_specialized_payment_segments;
  if (record.l1) ++t.total_change_segments;
  if (record.n1) ++t.total_employment_segments;
}

void TotalsCounter::Merge(const TotalsCounter& other) {
  static constexpr int64_t TrailerRecord::*kCounts[] = {
      &TrailerRecord::total_base_records,
      &TrailerRecord::total_status_code_df,
      &TrailerRecord::total_consumer_segments_j1,
      &TrailerRecord::total_consumer_segments_j2,
      &TrailerRecord::total_status_code_da,
      &TrailerRecord::total_status_code_05,
      &TrailerRecord::total_status_code_11,
      &TrailerRecord::total_status_code_13,
      &TrailerRecord::total_status_code_61,
      &TrailerRecord::total_status_code_62,
      &TrailerRecord::total_status_code_63,
      &TrailerRecord::total_status_code_64,
      &TrailerRecord::total_status_code_65,
      &TrailerRecord::total_status_code_71,
      &TrailerRecord::total_status_code_78,
      &TrailerRecord::total_status_code_80,
      &TrailerRecord::total_status_code_82,
      &TrailerRecord::total_status_code_83,
      &TrailerRecord::total_status_code_84,
      &TrailerRecord::total_status_code_88,
      &TrailerRecord::total_status_code_89,
      &TrailerRecord::total_status_code_93,
      &TrailerRecord::total_status_code_94,
      &TrailerRecord::total_status_code_95,
      &TrailerRecord::total_status_code_96,
      &TrailerRecord::total_status_code_97,
      &TrailerRecord::total_ecoa_code_z,
      &TrailerRecord::total_employment_segments,
      &TrailerRecord::total_original_creditor_segments,
      &TrailerRecord::total_purchased_from_sold_to_segments,
      &TrailerRecord::total_mortgage_information_segments,
      &TrailerRecord::total_specialized_payment_segments,
      &TrailerRecord::total_change_segments,
      &TrailerRecord::total_ssns_all_segments,
      &TrailerRecord::total_ssns_base_segments,
      &TrailerRecord::total_ssns_j1_segments,
      &TrailerRecord::total_ssns_j2_segments,
      &TrailerRecord::total_dates_of_birth_all_segments,
      &TrailerRecord::total_dates_of_birth_base_segments,
      &TrailerRecord::total_dates_of_birth_j1_segments,
      &TrailerRecord::total_dates_of_birth_j2_segments,
      &TrailerRecord::total_telephone_numbers_all_segments,
  };
  for (int64_t TrailerRecord::*count : kCounts) totals_.*count += other.totals_.*count;
}

TrailerRecord TotalsCounter::Totals() const {
  TrailerRecord t = totals_;
  t.block_count = t.total_base_records + 2;
  return t;
}

}  // namespace credo::metro2
