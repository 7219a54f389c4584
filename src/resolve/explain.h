// credo resolve: why two records match or not. For each compared field: both values, the
// comparison level and its label, and the weight log2(m/u) (term-frequency adjusted where the
// field asks for it); then the prior, the total match weight and the probability. This backs
// `credo er explain` now and `credo resolve explain` once subjects are stored.
#pragma once

#include <string>
#include <vector>

#include "resolve/fs_model.h"
#include "resolve/record_table.h"

namespace credo::resolve {

struct FieldExplanation {
  std::string field;
  std::string value_a;
  std::string value_b;
  int level = 0;
  std::string level_label;
  double weight = 0;
  bool term_frequency_adjusted = false;
};

struct PairExplanation {
  std::string record_a;
  std::string record_b;
  std::vector<FieldExplanation> fields;
  double prior_weight = 0;
  double total_weight = 0;
  double probability = 0;
  std::string strong_identifier_note;  //!< "same strong identifier" / "different ..." / ""
};

PairExplanation ExplainPair(const RecordTable& table, const FsModel& model, uint32_t a,
                            uint32_t b);
//! A fixed-width table for people.
std::string FormatExplanation(const PairExplanation& explanation);

}  // namespace credo::resolve
