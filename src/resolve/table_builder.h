// credo resolve: builds a RecordTable from mapped records (ingest/mapping), standardising each
// compared value (NFKC, case, whitespace; Han names without spaces) and validating strong
// identifiers through core (a valid CN resident id, USCC, SSN or EIN becomes a strong id).
//
// Which fields are compared follows from what the mapping maps: a person schema (names, date of
// birth, identifier, phone, e-mail, address, city, postcode, state, sex) or, when company_name is
// mapped, a company schema (name, company identifier, legal representative, address, city,
// postcode, phone). Add refuses a duplicate record id (within a side) with both lines named.
// Not thread-safe; Finish() prepares comparator keys on all cores.
#pragma once

#include <cstdint>
#include <regex>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/result.h"
#include "ingest/mapping/mapped_reader.h"
#include "ingest/mapping/mapping.h"
#include "resolve/record_table.h"

namespace credo::resolve {

struct BuildStats {
  int64_t records = 0;
  int64_t empty_records = 0;             //!< no compared field present: own cluster
  int64_t transform_issues = 0;          //!< fields left empty because a transform failed
  int64_t invalid_strong_identifiers = 0;  //!< strong kind in the mapping but failed validation
  std::vector<std::string> first_issues; //!< up to 5 messages, for the summary
};

class RecordTableBuilder {
 public:
  //! Chooses the schema from the mapping (which canonical fields it maps).
  static Result<RecordTableBuilder> ForMapping(const ingest::Mapping& mapping);

  //! Adds one record to `side` (0 = left or the only file, 1 = right).
  Status Add(const ingest::MappedRecord& record, uint8_t side, const std::string& source_name);
  //! The record's compared values, standardised, one per schema column ("" when missing). Reads
  //! only what ForMapping set, so another thread may run it while this one adds records.
  //! Errors name the field; Add adds the record's line.
  Result<std::vector<std::string>> Standardize(const ingest::MappedRecord& record) const;
  //! Add with the values Standardize returned for `record` (its error, if it failed).
  Status AddStandardized(const ingest::MappedRecord& record,
                         Result<std::vector<std::string>> standardized, uint8_t side,
                         const std::string& source_name);
  //! Prepares comparator keys and returns the table. The builder is spent afterwards.
  RecordTable Finish();

  const BuildStats& stats() const { return stats_; }
  const std::vector<FieldSpec>& schema() const { return schema_; }

 private:
  struct ColumnSource {
    std::vector<ingest::CanonicalField> fields;  //!< joined with a space when several
    bool person_name = false;
  };
  RecordTableBuilder() = default;
  uint32_t Intern(size_t column, std::string value);
  Result<uint32_t> TruthOf(const ingest::MappedRecord& record);

  const ingest::Mapping* mapping_ = nullptr;
  RecordTable table_;
  std::vector<FieldSpec> schema_;
  std::vector<ColumnSource> sources_;
  std::vector<std::unordered_map<std::string, uint32_t>> dictionaries_;
  std::unordered_map<std::string, uint32_t> strong_index_;
  std::unordered_map<std::string, uint32_t> truth_index_;
  std::unordered_map<std::string, int64_t> seen_ids_[2];
  std::optional<std::regex> truth_pattern_;
  IdentifierKind identifier_kind_ = IdentifierKind::kOther;
  bool identifier_is_strong_ = false;
  ingest::CanonicalField identifier_field_ = ingest::CanonicalField::kIdentifier;
  bool split_full_name_ = false;
  BuildStats stats_;
};

}  // namespace credo::resolve
