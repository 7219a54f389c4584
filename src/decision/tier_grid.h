// credo decision: rule-based tiers, a value x risk grid read from a TOML file.
//
// The file (docs/decision/tiers.md; defaults in src/decision/config/tiers_person.toml and
// tiers_company.toml):
//   kind = "person"                       # or "company"
//   [value]  attribute = "value.annual_revenue"; cuts = [20000, 100000];
//            labels = ["low", "medium", "high"]; missing = "low"
//   [risk]   attribute = "times_30dpd_12m"; cuts = [1, 3]; labels = ["low", "medium", "high"]
//   [tiers]  grid = [["develop", "grow", "core"], ...]  # one row per risk label (low first),
//                                                      # one column per value label (low first)
//   [kmeans] attributes = [...]; k_min = 2; k_max = 8; tag_threshold = 0.5   # optional
// A value below cuts[0] falls in the first band, at or above cuts[i] in band i+1. Missing goes
// to the `missing` label (default: the lowest value band; the highest risk band).
// Errors (kInvalidArgument, "file:line"): invalid TOML, an unknown key, cuts not ascending,
// labels not one more than cuts, a grid of the wrong shape, and an attribute name that is neither
// an attribute of that kind nor a value measure: the message lists every known name.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "core/subject.h"
#include "decision/portfolio.h"

namespace credo::decision {

struct TierAxis {
  std::string attribute;
  std::vector<double> cuts;
  std::vector<std::string> labels;
  std::string missing_label;

  //! Band index of a value (the missing band for nullopt).
  size_t BandOf(std::optional<double> value) const;
};

struct TierGrid {
  std::string source;
  SubjectKind kind = SubjectKind::kPerson;
  TierAxis value;
  TierAxis risk;
  std::vector<std::vector<std::string>> grid;  //!< [risk band][value band]
  std::vector<std::string> kmeans_attributes;  //!< empty: DefaultClusteringMeasures
  int k_min = 2;
  int k_max = 8;
  double tag_threshold = 0.5;
};

Result<TierGrid> ParseTierGrid(std::string_view text, const std::string& source);
Result<TierGrid> LoadTierGrid(const std::string& path);
//! The grid shipped with credo for a kind (src/decision/config/tiers_<kind>.toml).
std::string DefaultTierGridPath(SubjectKind kind);

struct TierAssignment {
  std::string tier;
  std::string value_band;
  std::string risk_band;
  std::optional<double> value;
  std::optional<double> risk;
};
TierAssignment AssignTier(const TierGrid& grid, const CustomerRecord& record);

}  // namespace credo::decision
