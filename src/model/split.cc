#include "model/split.h"

#include <algorithm>
#include <cmath>

namespace credo::model {
namespace {

std::vector<std::vector<size_t>> ShuffledClasses(const std::vector<uint8_t>& target,
                                                 SplitMix64& random) {
  std::vector<std::vector<size_t>> classes(2);
  for (size_t row = 0; row < target.size(); ++row) classes[target[row] ? 1 : 0].push_back(row);
  for (auto& rows : classes) {
    for (size_t i = rows.size(); i > 1; --i) {
      size_t j = static_cast<size_t>(random.Next() % i);
      std::swap(rows[i - 1], rows[j]);
    }
  }
  return classes;
}

}  // namespace

uint64_t SplitMix64::Next() {
  uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

SplitIndexes StratifiedSplit(const std::vector<uint8_t>& target, double test_share, uint64_t seed) {
  SplitMix64 random(seed);
  SplitIndexes split;
  for (const auto& rows : ShuffledClasses(target, random)) {
    size_t test_count = static_cast<size_t>(std::llround(test_share * static_cast<double>(rows.size())));
    split.test.insert(split.test.end(), rows.begin(), rows.begin() + test_count);
    split.train.insert(split.train.end(), rows.begin() + test_count, rows.end());
  }
  std::sort(split.train.begin(), split.train.end());
  std::sort(split.test.begin(), split.test.end());
  return split;
}

std::vector<std::vector<size_t>> StratifiedFolds(const std::vector<uint8_t>& target, int folds,
                                                 uint64_t seed) {
  SplitMix64 random(seed);
  std::vector<std::vector<size_t>> out(static_cast<size_t>(std::max(folds, 1)));
  for (const auto& rows : ShuffledClasses(target, random)) {
    for (size_t i = 0; i < rows.size(); ++i) out[i % out.size()].push_back(rows[i]);
  }
  for (auto& fold : out) std::sort(fold.begin(), fold.end());
  return out;
}

std::vector<size_t> FoldTrainingRows(const std::vector<std::vector<size_t>>& folds, size_t fold) {
  std::vector<size_t> rows;
  for (size_t f = 0; f < folds.size(); ++f) {
    if (f != fold) rows.insert(rows.end(), folds[f].begin(), folds[f].end());
  }
  std::sort(rows.begin(), rows.end());
  return rows;
}

}  // namespace credo::model
