// credo ingest/batch: the data-quality report of one batch.
//
// Counts by outcome (accepted, accepted with warnings, rejected) and by rule, accepted records
// already in the bureau (duplicates, counted by the pipeline), the copies of accounts written
// for associated consumers (Metro 2 J1/J2; counted by the pipeline), field completeness
// (how many records carried each canonical field), and drift against the same source's previous
// committed batch: record count and the share of delinquent statuses, with a warning past the
// thresholds. Reports are stored with the batch (state.h) so `credo dq BATCH` prints them later.
// Plain values; not thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "ingest/batch/record.h"
#include "ingest/batch/validate.h"

namespace credo::ingest {

struct DriftThresholds {
  double record_count_change = 0.25;    //!< |records / previous - 1| above this warns
  double delinquent_share_points = 0.05;  //!< |share - previous share| above this warns
};

struct DqDrift {
  int64_t previous_batch_id = 0;
  int64_t previous_records = 0;
  double previous_delinquent_share = 0;
  double record_count_change = 0;       //!< records / previous_records - 1
  double delinquent_share_change = 0;   //!< share - previous share (fraction, not percent)
};

struct DqReport {
  int64_t batch_id = 0;
  std::string source;
  std::string feed;  //!< FeedKindName of the batch
  int64_t records = 0;
  int64_t accepted = 0;
  int64_t accepted_with_warnings = 0;
  int64_t rejected = 0;
  int64_t delinquent = 0;  //!< accepted records with a negative status (or public records)
  //! Accepted records the bureau already held, so nothing was written for them: an inquiry
  //! loaded from a feed before (same subject, institution, date, purpose and kind, and
  //! furnisher reference), delivered again in a file with other bytes. Not an error.
  int64_t duplicates = 0;
  //! Associated consumers of accounts (Metro 2 J1/J2): copies of the account written to their
  //! own credit files (new or updated), copies marked deleted (ECOA Z, or the account deleted
  //! with DA/DF), and segments whose copy was kept out (quarantined; the record itself stands).
  int64_t associated_written = 0;
  int64_t associated_removed = 0;
  int64_t associated_rejected = 0;
  std::map<std::string, int64_t> by_rule;         //!< rule code -> findings
  std::map<std::string, int64_t> field_present;   //!< field name -> records carrying it
  std::optional<DqDrift> drift;
  std::vector<std::string> warnings;

  double delinquent_share() const {
    int64_t kept = accepted + accepted_with_warnings;
    return kept == 0 ? 0.0 : static_cast<double>(delinquent) / static_cast<double>(kept);
  }
  //! Counts one record and its validation.
  void Count(const CanonicalRecord& record, const ValidatedRecord& validated);
  //! Compares with the previous report of the same source and adds warnings past thresholds.
  void CompareWith(const DqReport& previous, const DriftThresholds& thresholds);

  std::string ToJson() const;
  static Result<DqReport> FromJson(std::string_view json);
  //! A human-readable summary (several lines) for the CLI.
  std::string ToText() const;
};

}  // namespace credo::ingest
