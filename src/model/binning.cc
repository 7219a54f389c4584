#include "model/binning.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <numeric>
#include <optional>

namespace credo::model {
namespace {

constexpr double kNegInf = -std::numeric_limits<double>::infinity();

struct Atom {
  double value = 0;
  std::string category;
  int64_t count = 0;
  int64_t bads = 0;
};

struct Totals {
  double goods = 0;
  double bads = 0;
};

std::string FormatNumber(double value) {
  if (std::isinf(value)) return value < 0 ? "-inf" : "inf";
  char buffer[32];
  auto result = std::to_chars(buffer, buffer + sizeof(buffer), value);
  return std::string(buffer, result.ptr);
}

double Woe(double goods, double bads, const Totals& totals, double smoothing) {
  if (goods + bads <= 0) return 0;
  return std::log(((goods + smoothing) / totals.goods) / ((bads + smoothing) / totals.bads));
}

double Iv(double goods, double bads, const Totals& totals, double woe) {
  return (goods / totals.goods - bads / totals.bads) * woe;
}

// Merges adjacent atoms into at most `prebins` groups of roughly equal size.
std::vector<std::vector<Atom>> QuantileGroups(const std::vector<Atom>& atoms, int prebins) {
  int64_t total = 0;
  for (const Atom& atom : atoms) total += atom.count;
  const int64_t target = std::max<int64_t>(1, (total + prebins - 1) / std::max(prebins, 1));
  std::vector<std::vector<Atom>> groups;
  int64_t filled = 0;
  for (const Atom& atom : atoms) {
    if (groups.empty() || filled >= target) {
      groups.emplace_back();
      filled = 0;
    }
    groups.back().push_back(atom);
    filled += atom.count;
  }
  return groups;
}

// The exact optimal partition of pre-bins into contiguous groups (see the header). Returns the
// first pre-bin of each group, or nullopt when no partition meets the constraints.
std::optional<std::vector<size_t>> OptimalPartition(const std::vector<Atom>& prebins,
                                                    const Totals& totals,
                                                    const BinningOptions& options,
                                                    MonotonicTrend trend, double* best_iv) {
  const size_t count = prebins.size();
  if (count == 0) return std::nullopt;
  std::vector<int64_t> prefix_count(count + 1, 0);
  std::vector<int64_t> prefix_bads(count + 1, 0);
  for (size_t p = 0; p < count; ++p) {
    prefix_count[p + 1] = prefix_count[p] + prebins[p].count;
    prefix_bads[p + 1] = prefix_bads[p] + prebins[p].bads;
  }
  const int64_t regular = prefix_count[count];
  const int64_t min_count = std::max<int64_t>(
      1, static_cast<int64_t>(std::ceil(options.min_bin_share * static_cast<double>(regular) - 1e-9)));
  // Group statistics for every i..j.
  std::vector<double> risk(count * count, 0);  // -WoE: rises with the bad rate
  std::vector<double> value(count * count, 0);
  std::vector<uint8_t> valid(count * count, 0);
  for (size_t i = 0; i < count; ++i) {
    for (size_t j = i; j < count; ++j) {
      int64_t n = prefix_count[j + 1] - prefix_count[i];
      int64_t bads = prefix_bads[j + 1] - prefix_bads[i];
      int64_t goods = n - bads;
      double woe = Woe(static_cast<double>(goods), static_cast<double>(bads), totals,
                       options.smoothing);
      risk[i * count + j] = -woe;
      value[i * count + j] = Iv(static_cast<double>(goods), static_cast<double>(bads), totals, woe);
      valid[i * count + j] =
          n >= min_count && bads >= options.min_bin_bads && goods >= options.min_bin_goods;
    }
  }
  const size_t max_groups = static_cast<size_t>(std::max(options.max_bins, 1));
  const size_t phases =
      (trend == MonotonicTrend::kPeak || trend == MonotonicTrend::kValley) ? 2 : 1;
  // May group (h..i-1) in phase ph_prev be followed by group (i..j) in phase ph?
  auto allowed = [&](double prev, double next, size_t ph_prev, size_t ph) {
    switch (trend) {
      case MonotonicTrend::kNone: return true;
      case MonotonicTrend::kAscending: return next > prev;
      case MonotonicTrend::kDescending: return next < prev;
      case MonotonicTrend::kPeak:
        if (ph == 0) return ph_prev == 0 && next > prev;
        return next < prev;
      case MonotonicTrend::kValley:
        if (ph == 0) return ph_prev == 0 && next < prev;
        return next > prev;
      case MonotonicTrend::kAuto: return true;
    }
    return true;
  };
  constexpr double kUnset = -std::numeric_limits<double>::infinity();
  auto index = [&](size_t k, size_t ph, size_t i, size_t j) {
    return ((k * phases + ph) * count + i) * count + j;
  };
  const size_t states = max_groups * phases * count * count;
  std::vector<double> best(states, kUnset);
  std::vector<int32_t> back_start(states, -1);
  std::vector<int8_t> back_phase(states, -1);
  for (size_t j = 0; j < count; ++j) {
    if (valid[j]) best[index(0, 0, 0, j)] = value[j];  // i = 0
  }
  for (size_t k = 1; k < max_groups; ++k) {
    for (size_t ph = 0; ph < phases; ++ph) {
      for (size_t i = 1; i < count; ++i) {
        for (size_t j = i; j < count; ++j) {
          if (!valid[i * count + j]) continue;
          double next = risk[i * count + j];
          double chosen = kUnset;
          int32_t chosen_start = -1;
          int8_t chosen_phase = -1;
          for (size_t ph_prev = 0; ph_prev < phases; ++ph_prev) {
            for (size_t h = 0; h < i; ++h) {
              double previous = best[index(k - 1, ph_prev, h, i - 1)];
              if (previous == kUnset) continue;
              if (!allowed(risk[h * count + i - 1], next, ph_prev, ph)) continue;
              if (previous > chosen) {
                chosen = previous;
                chosen_start = static_cast<int32_t>(h);
                chosen_phase = static_cast<int8_t>(ph_prev);
              }
            }
          }
          if (chosen_start >= 0) {
            size_t at = index(k, ph, i, j);
            best[at] = chosen + value[i * count + j];
            back_start[at] = chosen_start;
            back_phase[at] = chosen_phase;
          }
        }
      }
    }
  }
  double top = kUnset;
  size_t top_k = 0, top_ph = 0, top_i = 0;
  for (size_t k = 0; k < max_groups; ++k) {
    for (size_t ph = 0; ph < phases; ++ph) {
      for (size_t i = 0; i < count; ++i) {
        double candidate = best[index(k, ph, i, count - 1)];
        if (candidate > top + 1e-12) {
          top = candidate;
          top_k = k;
          top_ph = ph;
          top_i = i;
        }
      }
    }
  }
  if (top == kUnset) return std::nullopt;
  std::vector<size_t> starts;
  size_t k = top_k, ph = top_ph, i = top_i, j = count - 1;
  while (true) {
    starts.push_back(i);
    if (k == 0) break;
    size_t at = index(k, ph, i, j);
    size_t h = static_cast<size_t>(back_start[at]);
    ph = static_cast<size_t>(back_phase[at]);
    j = i - 1;
    i = h;
    --k;
  }
  std::reverse(starts.begin(), starts.end());
  if (best_iv) *best_iv = top;
  return starts;
}

struct Partitioned {
  std::vector<size_t> starts;
  MonotonicTrend trend = MonotonicTrend::kNone;
};

// Runs the partition for the requested trend (auto tries both directions), falling back to one
// group when the constraints cannot be met.
Partitioned ChoosePartition(const std::vector<Atom>& prebins, const Totals& totals,
                            const BinningOptions& options, MonotonicTrend requested) {
  Partitioned result;
  if (prebins.empty()) return result;
  std::vector<MonotonicTrend> candidates;
  if (requested == MonotonicTrend::kAuto) {
    candidates = {MonotonicTrend::kAscending, MonotonicTrend::kDescending};
  } else {
    candidates = {requested};
  }
  double best = -std::numeric_limits<double>::infinity();
  for (MonotonicTrend candidate : candidates) {
    double iv = 0;
    auto starts = OptimalPartition(prebins, totals, options, candidate, &iv);
    if (starts && iv > best + 1e-12) {
      best = iv;
      result.starts = *starts;
      result.trend = starts->size() > 1 ? candidate : MonotonicTrend::kNone;
    }
  }
  if (result.starts.empty()) result.starts = {0};
  return result;
}

Totals TotalsOf(const std::vector<uint8_t>& target) {
  Totals totals;
  for (uint8_t bad : target) (bad ? totals.bads : totals.goods) += 1;
  return totals;
}

void FinishBins(VariableBinning& binning, const Totals& totals) {
  binning.iv = 0;
  for (Bin& bin : binning.bins) {
    bin.woe = Woe(static_cast<double>(bin.goods()), static_cast<double>(bin.bads), totals,
                  binning.smoothing);
    bin.iv = Iv(static_cast<double>(bin.goods()), static_cast<double>(bin.bads), totals, bin.woe);
    binning.iv += bin.iv;
  }
}

void AppendSpecialAndMissing(VariableBinning& binning, const std::vector<double>& specials) {
  std::vector<double> sorted = specials;
  std::sort(sorted.begin(), sorted.end());
  sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
  for (double special : sorted) {
    Bin bin;
    bin.kind = BinKind::kSpecial;
    bin.special_value = special;
    binning.bins.push_back(bin);
  }
  Bin missing;
  missing.kind = BinKind::kMissing;
  binning.bins.push_back(missing);
}

Status CheckTarget(const Column& column, const std::vector<uint8_t>& target) {
  const size_t rows =
      column.kind == ColumnKind::kNumeric ? column.numbers.size() : column.texts.size();
  if (rows != target.size()) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "column '" + column.name + "' has " + std::to_string(rows) +
                         " rows but the target has " + std::to_string(target.size()));
  }
  Totals totals = TotalsOf(target);
  if (totals.goods == 0 || totals.bads == 0) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "binning needs both good and bad rows; the target has only one class",
                     "column " + column.name);
  }
  return Ok();
}

}  // namespace

std::string_view MonotonicTrendName(MonotonicTrend trend) {
  switch (trend) {
    case MonotonicTrend::kNone: return "none";
    case MonotonicTrend::kAscending: return "ascending";
    case MonotonicTrend::kDescending: return "descending";
    case MonotonicTrend::kAuto: return "auto";
    case MonotonicTrend::kPeak: return "peak";
    case MonotonicTrend::kValley: return "valley";
  }
  return "none";
}

Result<MonotonicTrend> ParseMonotonicTrend(std::string_view name) {
  for (MonotonicTrend trend : {MonotonicTrend::kNone, MonotonicTrend::kAscending,
                               MonotonicTrend::kDescending, MonotonicTrend::kAuto,
                               MonotonicTrend::kPeak, MonotonicTrend::kValley}) {
    if (MonotonicTrendName(trend) == name) return trend;
  }
  return MakeError(ErrorCode::kInvalidArgument,
                   "unknown trend '" + std::string(name) +
                       "'; use none, ascending, descending, auto, peak or valley");
}

std::string Bin::Label() const {
  switch (kind) {
    case BinKind::kRange: {
      std::string label(1, '[');
      label.append(FormatNumber(lower)).append(", ").append(FormatNumber(upper)).append(1, ')');
      return label;
    }
    case BinKind::kCategories: {
      std::string label = "{";
      for (size_t i = 0; i < categories.size(); ++i) {
        if (i) label += ", ";
        label += categories[i];
      }
      return label + "}";
    }
    case BinKind::kSpecial: return "special " + FormatNumber(special_value);
    case BinKind::kMissing: return "missing";
  }
  return "";
}

void VariableBinning::Index() {
  regular_bins_ = 0;
  cuts_.clear();
  specials_.clear();
  category_bins_.clear();
  for (size_t b = 0; b < bins.size(); ++b) {
    const Bin& bin = bins[b];
    if (bin.kind == BinKind::kRange) {
      if (regular_bins_ > 0) cuts_.push_back(bin.lower);
      ++regular_bins_;
    } else if (bin.kind == BinKind::kCategories) {
      ++regular_bins_;
      for (const std::string& category : bin.categories) category_bins_.emplace(category, b);
    } else if (bin.kind == BinKind::kSpecial) {
      specials_.emplace_back(bin.special_value, b);
    }
  }
}

size_t VariableBinning::BinOf(double value) const {
  if (std::isnan(value)) return MissingBin();
  for (const auto& [special, bin] : specials_) {
    if (value == special) return bin;
  }
  if (regular_bins_ == 0) return MissingBin();
  return static_cast<size_t>(std::upper_bound(cuts_.begin(), cuts_.end(), value) - cuts_.begin());
}

size_t VariableBinning::BinOf(std::string_view category) const {
  if (category.empty()) return MissingBin();
  auto it = category_bins_.find(std::string(category));
  return it == category_bins_.end() ? MissingBin() : it->second;
}

size_t VariableBinning::BinOf(const Column& column, size_t row) const {
  return column.kind == ColumnKind::kNumeric ? BinOf(column.numbers[row]) : BinOf(column.texts[row]);
}

void CountBins(VariableBinning& binning, const Column& column, const std::vector<uint8_t>& target) {
  binning.Index();
  for (Bin& bin : binning.bins) {
    bin.count = 0;
    bin.bads = 0;
  }
  for (size_t row = 0; row < target.size(); ++row) {
    Bin& bin = binning.bins[binning.BinOf(column, row)];
    ++bin.count;
    bin.bads += target[row];
  }
  FinishBins(binning, TotalsOf(target));
}

Result<VariableBinning> FitBinning(const Column& column, const std::vector<uint8_t>& target,
                                   const BinningOptions& options) {
  CREDO_TRY(CheckTarget(column, target));
  const Totals totals = TotalsOf(target);
  VariableBinning binning;
  binning.variable = column.name;
  binning.kind = column.kind;
  binning.requested_trend = options.trend;
  binning.smoothing = options.smoothing;

  if (column.kind == ColumnKind::kNumeric) {
    std::vector<size_t> order;
    order.reserve(target.size());
    for (size_t row = 0; row < target.size(); ++row) {
      double value = column.numbers[row];
      if (std::isnan(value)) continue;
      if (std::find(options.special_values.begin(), options.special_values.end(), value) !=
          options.special_values.end()) {
        continue;
      }
      order.push_back(row);
    }
    std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
      return column.numbers[a] < column.numbers[b];
    });
    std::vector<Atom> atoms;
    for (size_t row : order) {
      double value = column.numbers[row];
      if (atoms.empty() || atoms.back().value != value) atoms.push_back(Atom{value, {}, 0, 0});
      ++atoms.back().count;
      atoms.back().bads += target[row];
    }
    auto groups = QuantileGroups(atoms, options.prebins);
    std::vector<Atom> prebins;
    for (const auto& group : groups) {
      Atom merged{group.front().value, {}, 0, 0};
      for (const Atom& atom : group) {
        merged.count += atom.count;
        merged.bads += atom.bads;
      }
      prebins.push_back(merged);
    }
    Partitioned partition = ChoosePartition(prebins, totals, options, options.trend);
    binning.trend = partition.trend;
    if (partition.starts.empty()) partition.starts = {0};
    for (size_t g = 0; g < partition.starts.size(); ++g) {
      Bin bin;
      bin.kind = BinKind::kRange;
      if (g > 0) bin.lower = prebins[partition.starts[g]].value;
      if (g + 1 < partition.starts.size()) bin.upper = prebins[partition.starts[g + 1]].value;
      binning.bins.push_back(bin);
    }
    AppendSpecialAndMissing(binning, options.special_values);
  } else {
    std::map<std::string, Atom> by_category;
    for (size_t row = 0; row < target.size(); ++row) {
      const std::string& text = column.texts[row];
      if (text.empty()) continue;
      Atom& atom = by_category[text];
      atom.category = text;
      ++atom.count;
      atom.bads += target[row];
    }
    std::vector<Atom> atoms;
    for (auto& [name, atom] : by_category) atoms.push_back(atom);
    // Order by bad rate (rising risk); stable on the name for ties.
    std::stable_sort(atoms.begin(), atoms.end(), [&](const Atom& a, const Atom& b) {
      return Woe(static_cast<double>(a.count - a.bads), static_cast<double>(a.bads), totals,
                 options.smoothing) >
             Woe(static_cast<double>(b.count - b.bads), static_cast<double>(b.bads), totals,
                 options.smoothing);
    });
    auto groups = QuantileGroups(atoms, options.prebins);
    std::vector<Atom> prebins;
    for (const auto& group : groups) {
      Atom merged;
      for (const Atom& atom : group) {
        merged.count += atom.count;
        merged.bads += atom.bads;
      }
      prebins.push_back(merged);
    }
    MonotonicTrend trend = options.trend == MonotonicTrend::kNone ? MonotonicTrend::kNone
                                                                  : MonotonicTrend::kAscending;
    Partitioned partition = ChoosePartition(prebins, totals, options, trend);
    binning.trend = partition.trend;
    for (size_t g = 0; g < partition.starts.size(); ++g) {
      size_t end = g + 1 < partition.starts.size() ? partition.starts[g + 1] : groups.size();
      Bin bin;
      bin.kind = BinKind::kCategories;
      for (size_t p = partition.starts[g]; p < end; ++p) {
        for (const Atom& atom : groups[p]) bin.categories.push_back(atom.category);
      }
      std::sort(bin.categories.begin(), bin.categories.end());
      binning.bins.push_back(bin);
    }
    if (binning.bins.empty()) {
      Bin bin;
      bin.kind = BinKind::kCategories;
      binning.bins.push_back(bin);
    }
    Bin missing;
    missing.kind = BinKind::kMissing;
    binning.bins.push_back(missing);
  }
  CountBins(binning, column, target);
  return binning;
}

Result<VariableBinning> FitBinningWithCuts(const Column& column, const std::vector<uint8_t>& target,
                                           const std::vector<double>& cuts,
                                           const BinningOptions& options) {
  CREDO_TRY(CheckTarget(column, target));
  if (column.kind != ColumnKind::kNumeric) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "cut points apply to numeric columns; '" + column.name + "' is categorical");
  }
  for (size_t i = 0; i < cuts.size(); ++i) {
    if (!std::isfinite(cuts[i]) || (i > 0 && !(cuts[i] > cuts[i - 1]))) {
      return MakeError(ErrorCode::kInvalidArgument,
                       "cut points must be finite and strictly ascending",
                       "column " + column.name + " cut " + std::to_string(i + 1));
    }
  }
  VariableBinning binning;
  binning.variable = column.name;
  binning.kind = ColumnKind::kNumeric;
  binning.requested_trend = MonotonicTrend::kNone;
  binning.user_defined = true;
  binning.smoothing = options.smoothing;
  for (size_t g = 0; g <= cuts.size(); ++g) {
    Bin bin;
    if (g > 0) bin.lower = cuts[g - 1];
    if (g < cuts.size()) bin.upper = cuts[g];
    binning.bins.push_back(bin);
  }
  AppendSpecialAndMissing(binning, options.special_values);
  CountBins(binning, column, target);
  return binning;
}

Result<VariableBinning> RefitBinning(const VariableBinning& spec, const Column& column,
                                     const std::vector<uint8_t>& target) {
  CREDO_TRY(CheckTarget(column, target));
  CREDO_TRY(CheckBinning(spec));
  if (spec.kind != column.kind) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "the bins are " + std::string(ColumnKindName(spec.kind)) + " but column '" +
                         column.name + "' is " + std::string(ColumnKindName(column.kind)));
  }
  VariableBinning binning = spec;
  CountBins(binning, column, target);
  return binning;
}

Status CheckBinning(const VariableBinning& binning) {
  const std::string where = "binning " + binning.variable;
  if (binning.bins.empty() || binning.bins.back().kind != BinKind::kMissing) {
    return MakeError(ErrorCode::kInvalidArgument, "the last bin must be the missing bin",
                     where + " bins");
  }
  int stage = 0;  // 0 regular, 1 special, 2 missing
  std::map<std::string, size_t> seen;
  size_t regular = 0;
  for (size_t b = 0; b < binning.bins.size(); ++b) {
    const Bin& bin = binning.bins[b];
    const std::string at = where + " bin " + std::to_string(b);
    int bin_stage = bin.kind == BinKind::kSpecial ? 1 : bin.kind == BinKind::kMissing ? 2 : 0;
    if (bin_stage < stage || (bin_stage == 2 && b + 1 != binning.bins.size())) {
      return MakeError(ErrorCode::kInvalidArgument,
                       "bins must be ordered regular, special, missing (one missing bin, last)", at);
    }
    stage = bin_stage;
    if (bin.kind == BinKind::kRange) {
      if (binning.kind != ColumnKind::kNumeric) {
        return MakeError(ErrorCode::kInvalidArgument, "a range bin in a categorical variable", at);
      }
      const Bin* previous = regular > 0 ? &binning.bins[b - 1] : nullptr;
      if (!previous && bin.lower != kNegInf) {
        return MakeError(ErrorCode::kInvalidArgument, "the first range must start at -inf", at);
      }
      if (previous && bin.lower != previous->upper) {
        return MakeError(ErrorCode::kInvalidArgument,
                         "ranges must be contiguous: lower " + FormatNumber(bin.lower) +
                             " differs from the previous upper " + FormatNumber(previous->upper),
                         at);
      }
      if (!(bin.lower < bin.upper)) {
        return MakeError(ErrorCode::kInvalidArgument, "range lower must be below upper", at);
      }
      ++regular;
    } else if (bin.kind == BinKind::kCategories) {
      if (binning.kind != ColumnKind::kCategorical) {
        return MakeError(ErrorCode::kInvalidArgument, "a category bin in a numeric variable", at);
      }
      for (const std::string& category : bin.categories) {
        if (!seen.emplace(category, b).second) {
          return MakeError(ErrorCode::kInvalidArgument,
                           "category '" + category + "' is in two bins", at);
        }
      }
      ++regular;
    } else if (bin.kind == BinKind::kSpecial && binning.kind != ColumnKind::kNumeric) {
      return MakeError(ErrorCode::kInvalidArgument, "a special-value bin in a categorical variable",
                       at);
    }
    if (!std::isfinite(bin.woe)) {
      return MakeError(ErrorCode::kInvalidArgument, "woe must be a finite number", at + " woe");
    }
  }
  if (regular == 0) {
    return MakeError(ErrorCode::kInvalidArgument, "at least one regular bin is needed", where);
  }
  if (binning.kind == ColumnKind::kNumeric) {
    for (size_t b = 0; b < binning.bins.size(); ++b) {
      if (binning.bins[b].kind == BinKind::kRange &&
          (b + 1 == binning.bins.size() || binning.bins[b + 1].kind != BinKind::kRange) &&
          !std::isinf(binning.bins[b].upper)) {
        return MakeError(ErrorCode::kInvalidArgument, "the last range must end at inf",
                         where + " bin " + std::to_string(b));
      }
    }
  }
  return Ok();
}

Result<std::vector<VariableBinning>> FitAllBinnings(const Dataset& data,
                                                    const BinningOptions& options) {
  std::vector<VariableBinning> binnings;
  binnings.reserve(data.columns.size());
  for (const Column& column : data.columns) {
    CREDO_ASSIGN_OR_RETURN(VariableBinning binning, FitBinning(column, data.target, options));
    binnings.push_back(std::move(binning));
  }
  return binnings;
}

}  // namespace credo::model
