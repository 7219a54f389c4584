// credo resolve: a Fellegi-Sunter model — per field and level the probability m of that level
// among true matches and u among non-matches, and the prior share lambda of matches among
// candidate pairs. The weight of a level is log2(m/u); a pair's match weight is the prior's
// log-odds plus its fields' weights, with a term-frequency adjustment at the exact level of
// fields that ask for it (u becomes the share of records holding that value, so a rare surname
// counts more than a common one). The model serialises to JSON so that learned weights can be
// stored and reused for incremental resolution. Immutable after learning; thread-safe to read.
#pragma once

#include <string>
#include <vector>

#include "core/result.h"
#include "resolve/comparators/comparator.h"
#include "resolve/comparison.h"
#include "resolve/record_table.h"

namespace credo::resolve {

struct FieldModel {
  std::string name;
  ComparatorKind comparator = ComparatorKind::kExact;
  bool term_frequency = false;
  std::vector<double> m;  //!< per level; index 0 (null) unused
  std::vector<double> u;
};

struct FsModel {
  std::vector<FieldModel> fields;
  double lambda = 0.01;
  int em_iterations = 0;
  bool converged = false;

  double PriorWeight() const;
  //! log2(m/u) of `level` (0 for the null level).
  double LevelWeight(size_t field, int level) const;
  //! LevelWeight with the term-frequency adjustment for an exact match on a value held by
  //! `value_frequency` of the records (ignored when the field has no adjustment).
  double ExactWeightForValue(size_t field, double value_frequency) const;

  std::string ToJson() const;
  static Result<FsModel> FromJson(const std::string& text);
};

//! Match weight of a pair (prior included).
double PairWeight(const RecordTable& table, const FsModel& model, uint32_t a, uint32_t b,
                  ComparisonPattern pattern);
//! 1 / (1 + 2^-weight).
double WeightToProbability(double weight);
double ProbabilityToWeight(double probability);

}  // namespace credo::resolve
