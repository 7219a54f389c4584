// credo model: optimal binning of one variable against a binary target (WoE / IV).
//
// Numeric variables: missing values (NaN) and each configured special value get bins of their own;
// the remaining values are pre-binned at quantiles (boundaries at observed values), then the
// pre-bins are merged by an exact dynamic programme that maximises the information value subject
// to: at most max_bins bins, each holding at least min_bin_share of those rows and at least
// min_bin_bads bads and min_bin_goods goods, and the requested bad-rate trend (ascending,
// descending, auto = the better of the two, peak, valley, or none). Categorical variables are
// the same after ordering categories by WoE. The result is deterministic (no randomness; ties go
// to the earlier candidate).
//
// Conventions: WoE_i = ln(%good_i / %bad_i) with `smoothing` added to each bin's good and bad
// counts (so empty cells have a finite WoE); a bin with no rows has WoE 0 (the population);
// IV = sum (%good_i - %bad_i) * WoE_i. Numeric ranges are [lower, upper). Bins are ordered: the
// regular bins (ascending values, or category groups), then special values, then missing (always
// present, last). A category not seen in training falls into the missing bin.
#pragma once

#include <cstdint>
#include <limits>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/result.h"
#include "model/dataset.h"

namespace credo::model {

//! The trend of the bad rate along the bins (WoE moves the opposite way).
enum class MonotonicTrend { kNone, kAscending, kDescending, kAuto, kPeak, kValley };
std::string_view MonotonicTrendName(MonotonicTrend trend);
Result<MonotonicTrend> ParseMonotonicTrend(std::string_view name);

struct BinningOptions {
  int max_bins = 8;               //!< regular bins at most (special and missing come on top)
  int prebins = 50;               //!< quantile pre-bins before merging
  double min_bin_share = 0.02;    //!< each regular bin holds at least this share of regular rows
  int64_t min_bin_bads = 1;       //!< and at least this many bads
  int64_t min_bin_goods = 1;      //!< and at least this many goods
  MonotonicTrend trend = MonotonicTrend::kAuto;
  std::vector<double> special_values;  //!< numeric codes that get bins of their own
  double smoothing = 0.5;         //!< added to each cell when computing WoE
};

enum class BinKind { kRange, kCategories, kSpecial, kMissing };

struct Bin {
  BinKind kind = BinKind::kRange;
  double lower = -std::numeric_limits<double>::infinity();  //!< kRange: lower <= x
  double upper = std::numeric_limits<double>::infinity();   //!< kRange: x < upper
  std::vector<std::string> categories;                      //!< kCategories
  double special_value = 0;                                  //!< kSpecial
  int64_t count = 0;
  int64_t bads = 0;
  double woe = 0;
  double iv = 0;

  int64_t goods() const { return count - bads; }
  //! "[0.5, 1.2)", "{a, b}", "special -7", "missing".
  std::string Label() const;
};

struct VariableBinning {
  std::string variable;
  ColumnKind kind = ColumnKind::kNumeric;
  MonotonicTrend requested_trend = MonotonicTrend::kAuto;
  MonotonicTrend trend = MonotonicTrend::kNone;  //!< the trend the bins follow
  bool user_defined = false;                     //!< boundaries given by a person
  std::vector<Bin> bins;
  double iv = 0;
  double smoothing = 0.5;

  //! Rebuilds the lookup tables; call after editing bins by hand.
  void Index();
  size_t BinOf(double value) const;               //!< numeric variables
  size_t BinOf(std::string_view category) const;  //!< categorical variables
  size_t BinOf(const Column& column, size_t row) const;
  size_t MissingBin() const { return bins.size() - 1; }
  size_t RegularBins() const { return regular_bins_; }
  //! Upper bounds of the regular bins but the last (numeric only).
  const std::vector<double>& Cuts() const { return cuts_; }

 private:
  size_t regular_bins_ = 0;
  std::vector<double> cuts_;
  std::vector<std::pair<double, size_t>> specials_;
  std::unordered_map<std::string, size_t> category_bins_;
};

//! Finds the optimal bins of `column` against `target` (1 = bad).
Result<VariableBinning> FitBinning(const Column& column, const std::vector<uint8_t>& target,
                                   const BinningOptions& options);
//! Bins with boundaries chosen by a person: numeric `cuts` (ascending, making cuts.size() + 1
//! ranges) and the options' special values; counts and WoE come from the data.
Result<VariableBinning> FitBinningWithCuts(const Column& column, const std::vector<uint8_t>& target,
                                           const std::vector<double>& cuts,
                                           const BinningOptions& options);
//! Recounts a (possibly hand-edited) binning on data, keeping its boundaries and groups.
Result<VariableBinning> RefitBinning(const VariableBinning& spec, const Column& column,
                                     const std::vector<uint8_t>& target);
//! Fills count, bads, woe and iv of every bin from the data (boundaries unchanged).
void CountBins(VariableBinning& binning, const Column& column, const std::vector<uint8_t>& target);

//! Checks a binning's structure (bin order, ascending contiguous ranges, one missing bin last,
//! no category in two groups); the error names the bin.
Status CheckBinning(const VariableBinning& binning);

//! Bins every column of `data` (in column order).
Result<std::vector<VariableBinning>> FitAllBinnings(const Dataset& data,
                                                    const BinningOptions& options);

}  // namespace credo::model
