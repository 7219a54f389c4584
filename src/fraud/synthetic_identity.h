// credo fraud: synthetic-identity indicators of a subject.
//
//   * one identifier seen with several names or birth dates: the subject's strong identifiers
//     (and the identifier an application claims) are looked up across every subject holding them
//     and every recorded application that claimed them; names and birth dates are compared as
//     blind indexes (namespaces "fraud.name", "fraud.birth_date"), never in clear;
//   * a CN resident identity number whose embedded birth date disagrees with the record's (or the
//     application's) birth date, or whose region (province of GB/T 2260) differs from the
//     province of every address on the record. The region is where the number was issued, so
//     people who moved disagree too: the rule is low severity by default;
//   * a thin file made only of authorised-user tradelines (ECOA code '3'): piggybacking.
// Reads only.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/result.h"
#include "fraud/application.h"
#include "store/store.h"

namespace credo::fraud {

struct SyntheticIdentitySignals {
  int64_t names_per_identifier = 0;        //!< most distinct names on one identifier
  int64_t birth_dates_per_identifier = 0;  //!< most distinct birth dates on one identifier
  int64_t subjects_per_identifier = 0;     //!< most subjects holding one identifier
  bool id_birth_date_mismatch = false;
  std::string id_birth_date_evidence;      //!< "ID birth date 1990-05-01, record 1991-05-01"
  bool id_region_mismatch = false;
  std::string id_region_evidence;          //!< "ID issued in 四川省 (51), addresses in 北京市"
  int64_t tradelines = 0;
  int64_t authorised_user_tradelines = 0;  //!< ECOA code '3'
};

//! `event` (normalised) may be null. The subject must exist (kNotFound otherwise).
Result<SyntheticIdentitySignals> MeasureSyntheticIdentity(Transaction& transaction,
                                                          SubjectId subject,
                                                          const ApplicationEvent* event);

}  // namespace credo::fraud
