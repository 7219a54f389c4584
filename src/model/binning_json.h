// credo model: bins as JSON, saved and reloaded, editable by hand.
//
// A binning file is {"format": "credo-binning", "format_version": 1, "variables": [...]}. Each
// variable is {"variable", "kind": numeric|categorical, "trend", "requested_trend",
// "user_defined", "iv", "smoothing", "bins": [...]}; a bin is {"kind": range|categories|special|
// missing, "lower"/"upper" (null = unbounded), "categories", "value", "count", "bads", "woe",
// "iv"}. A person may also give just {"variable": NAME, "cuts": [c1, c2, ...]} (numeric) or
// {"variable": NAME, "groups": [["a","b"], ["c"]]} (categorical); training then uses exactly
// those boundaries. Errors name the field ("variables[2].bins[1].lower").
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/result.h"
#include "model/binning.h"

namespace credo::model {

inline constexpr int kBinningFormatVersion = 1;

nlohmann::json BinningToJson(const VariableBinning& binning);
//! Reads one variable's full bins (with counts and WoE); `where` prefixes error locations.
Result<VariableBinning> BinningFromJson(const nlohmann::json& json, const std::string& where);

//! Boundaries given by a person for one variable (from a binning file).
struct UserBins {
  std::string variable;
  std::optional<std::vector<double>> cuts;                     //!< numeric cut points
  std::optional<std::vector<std::vector<std::string>>> groups;  //!< categorical groups
  std::optional<VariableBinning> full;                          //!< a whole edited binning
};

nlohmann::json BinningFileToJson(const std::vector<VariableBinning>& binnings);
//! Parses a binning file's text; accepts full bins, "cuts" or "groups" per variable.
Result<std::vector<UserBins>> ParseBinningFile(std::string_view text, const std::string& source);

}  // namespace credo::model
