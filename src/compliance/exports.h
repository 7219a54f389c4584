// credo compliance: de-identified and anonymised exports (PIPL Art. 73, Art. 4).
//
// De-identified (去标识化): every identifier is replaced by a keyed pseudonym (HMAC-SHA256 under
// the bureau's blind-index key, namespace "compliance.pseudonym"); the data is still personal
// information, so the export needs the operator role and is audited. One JSON object per line.
//
// Anonymised (匿名化): quasi-identifiers (age, region, total balance) are generalised along fixed
// hierarchies (age bands, region prefixes, amount bands) by global recoding, the attribute with
// the most distinct values first, until every combination occurs at least k times, apart from
// at most max_suppression of the records, which are suppressed. k-anonymity of the rows is
// verified before anything is written. CSV with a header.
//
// Both read the file through LoadCreditFileView for model inputs: purged, deleted and disputed
// items never leave. Refusals (recorded): a role other than operator (kPermissionDenied),
// k < 2 (kInvalidArgument).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "compliance/context.h"
#include "store/store.h"

namespace credo::compliance {

inline constexpr std::string_view kOperatorRole = "operator";

struct ExportSummary {
  std::string out_path;
  int64_t subjects_read = 0;
  int64_t records_written = 0;
  int64_t records_suppressed = 0;
  int k = 0;
  std::map<std::string, int> generalisation_levels;  //!< per quasi-identifier
  int64_t smallest_class = 0;                        //!< size of the rarest combination written
};

struct DeidentifiedExportOptions {
  std::string role;      //!< must be "operator"
  std::string out_path;  //!< JSON lines
};
Result<ExportSummary> ExportDeidentified(Store& store, const ComplianceContext& context,
                                         const DeidentifiedExportOptions& options);

struct AnonymisedExportOptions {
  std::string role;  //!< must be "operator"
  int k = 5;
  double max_suppression = 0.05;  //!< share of records that may be suppressed instead of
                                  //!< generalising further
  std::string out_path;           //!< CSV
};
Result<ExportSummary> ExportAnonymised(Store& store, const ComplianceContext& context,
                                       const AnonymisedExportOptions& options);

// The anonymisation algorithm, exposed for tests.
struct QuasiIdentifiers {
  std::optional<int> age;          //!< whole years
  std::string region;              //!< postcode or region code, most specific first
  std::optional<int64_t> amount;   //!< major units (total balance)
};
inline constexpr int kMaxGeneralisationLevel = 4;
std::string GeneraliseAge(const std::optional<int>& age, int level);
std::string GeneraliseRegion(const std::string& region, int level);
std::string GeneraliseAmount(const std::optional<int64_t>& amount, int level);

struct AnonymisedTable {
  std::vector<std::vector<std::string>> rows;  //!< generalised quasi-identifiers then payload
  std::vector<size_t> source_index;            //!< which input each row came from
  int64_t suppressed = 0;
  int age_level = 0, region_level = 0, amount_level = 0;
};
//! Generalises `records` (payload columns appended unchanged) to k-anonymity; see the header.
Result<AnonymisedTable> Anonymise(const std::vector<QuasiIdentifiers>& records,
                                  const std::vector<std::vector<std::string>>& payload, int k,
                                  double max_suppression);
//! Size of the smallest class over the first `quasi_columns` columns (0 for no rows).
int64_t SmallestEquivalenceClass(const std::vector<std::vector<std::string>>& rows,
                                 size_t quasi_columns);

}  // namespace credo::compliance
