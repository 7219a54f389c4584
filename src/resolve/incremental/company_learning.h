// credo resolve/incremental: a company model learned from the bureau's own companies.
//
// A register holds few duplicates, and plain EM over its blocked pairs fits the likeness of
// different companies in one city as readily as duplication (on the generator's intake it
// called 97% of candidate pairs matches and made a code disagreement nearly weightless). So m
// is learned by hard (classification) EM from the documented prior instead: u comes from random
// pairs of the register (CalibrateCompanyModel); the pairs the current model would join on its
// own (probability at or above the join threshold, a field besides the name agreeing, never two
// different valid codes) are taken as the duplicates; each field's m is counted from them and
// shrunk towards DefaultCompanyModel's m as if the defaults were 100 more pairs; repeated until
// the set of pairs is stable (at most five rounds). A level no duplicate showed (an exact name
// where every copy changed its legal form) keeps part of its default, and a field no duplicate
// held on both sides keeps its default m. lambda stays the default's. Deterministic.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "core/subject.h"
#include "resolve/fs_model.h"

namespace credo::resolve {

struct LearnedCompanyModel {
  //! Empty under `min_companies`: a random pair of a small register is too often the same
  //! company, and there are too few duplicates to count.
  std::optional<FsModel> model;
  int64_t companies = 0;
  int64_t random_pairs = 0;     //!< pairs u was estimated from
  int64_t candidate_pairs = 0;
  int64_t duplicate_pairs = 0;                //!< pairs the final model joins
  int rounds = 0;
  std::vector<std::string> defaulted_fields;  //!< no duplicate pair held them: default m
};

//! The company model learned from the organizations among `organizations` (others skipped);
//! `join_probability` is the upper threshold the attacher joins at.
Result<LearnedCompanyModel> LearnModelFromCompanies(const std::vector<Subject>& organizations,
                                                    double join_probability,
                                                    size_t min_companies = 1000);

//! Where the model came from, for people: "m from 275 duplicate pairs (default m kept for
//! phone), u from 20000 random pairs of 1375 stored companies".
std::string CompanyLearningSource(const LearnedCompanyModel& learned);

}  // namespace credo::resolve
