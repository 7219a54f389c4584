#include "model/split.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <functional>
#include <numeric>

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

Mt19937::Mt19937(uint32_t seed) {
  state_[0] = seed;
  for (int i = 1; i < 624; ++i) {
    state_[i] = 1812433253U * (state_[i - 1] ^ (state_[i - 1] >> 30)) + static_cast<uint32_t>(i);
  }
}

uint32_t Mt19937::Next() {
  if (position_ >= 624) {
    for (int i = 0; i < 624; ++i) {
      uint32_t y = (state_[i] & 0x80000000U) | (state_[(i + 1) % 624] & 0x7fffffffU);
      state_[i] = state_[(i + 397) % 624] ^ (y >> 1) ^ ((y & 1U) ? 0x9908b0dfU : 0U);
    }
    position_ = 0;
  }
  uint32_t y = state_[position_++];
  y ^= y >> 11;
  y ^= (y << 7) & 0x9d2c5680U;
  y ^= (y << 15) & 0xefc60000U;
  y ^= y >> 18;
  return y;
}

uint64_t Mt19937::Interval(uint64_t max) {
  if (max == 0) return 0;
  uint64_t mask = max;
  mask |= mask >> 1;
  mask |= mask >> 2;
  mask |= mask >> 4;
  mask |= mask >> 8;
  mask |= mask >> 16;
  mask |= mask >> 32;
  uint64_t value;
  if (max <= 0xffffffffULL) {
    while ((value = (Next() & mask)) > max) {
    }
  } else {
    while ((value = (((static_cast<uint64_t>(Next()) << 32) | Next()) & mask)) > max) {
    }
  }
  return value;
}

namespace {

// NumPy's legacy permutation(n): arange(n) shuffled from the end with random_interval.
std::vector<size_t> NumpyPermutation(Mt19937& random, size_t n) {
  std::vector<size_t> values(n);
  std::iota(values.begin(), values.end(), 0);
  for (size_t i = n; i-- > 1;) std::swap(values[i], values[random.Interval(i)]);
  return values;
}

// scikit-learn's _approximate_mode for two classes.
std::array<size_t, 2> ApproximateMode(const std::array<size_t, 2>& counts, size_t draws,
                                      Mt19937& random) {
  const double total = static_cast<double>(counts[0] + counts[1]);
  std::array<double, 2> continuous{};
  std::array<size_t, 2> floored{};
  double floored_sum = 0;
  for (int c = 0; c < 2; ++c) {
    continuous[c] = static_cast<double>(counts[c]) / total * static_cast<double>(draws);
    floored[c] = static_cast<size_t>(std::floor(continuous[c]));
    floored_sum += std::floor(continuous[c]);
  }
  auto need = static_cast<int64_t>(static_cast<double>(draws) - floored_sum);
  if (need > 0) {
    std::array<double, 2> remainder{continuous[0] - std::floor(continuous[0]),
                                    continuous[1] - std::floor(continuous[1])};
    std::vector<double> values = {remainder[0], remainder[1]};
    std::sort(values.begin(), values.end(), std::greater<>());
    values.erase(std::unique(values.begin(), values.end()), values.end());
    for (double value : values) {
      std::vector<size_t> indexes;
      for (size_t c = 0; c < 2; ++c) {
        if (remainder[c] == value) indexes.push_back(c);
      }
      size_t add_now = std::min<size_t>(indexes.size(), static_cast<size_t>(need));
      std::vector<size_t> order = NumpyPermutation(random, indexes.size());  // rng.choice
      for (size_t k = 0; k < add_now; ++k) ++floored[indexes[order[k]]];
      need -= static_cast<int64_t>(add_now);
      if (need == 0) break;
    }
  }
  return floored;
}

}  // namespace

SplitIndexes SklearnStratifiedSplit(const std::vector<uint8_t>& target, double test_share,
                                    uint32_t seed, bool bad_class_first) {
  const size_t n = target.size();
  const size_t test_count = static_cast<size_t>(std::ceil(test_share * static_cast<double>(n)));
  const size_t train_count =
      static_cast<size_t>(std::floor((1.0 - test_share) * static_cast<double>(n)));
  // Class 0 is the label that sorts first.
  std::array<std::vector<size_t>, 2> members;
  for (size_t row = 0; row < n; ++row) {
    bool bad = target[row] != 0;
    members[bad == bad_class_first ? 0 : 1].push_back(row);
  }
  std::array<size_t, 2> counts{members[0].size(), members[1].size()};
  Mt19937 random(seed);
  std::array<size_t, 2> train_per_class = ApproximateMode(counts, train_count, random);
  std::array<size_t, 2> remaining{counts[0] - train_per_class[0], counts[1] - train_per_class[1]};
  std::array<size_t, 2> test_per_class = ApproximateMode(remaining, test_count, random);
  SplitIndexes split;
  for (size_t c = 0; c < 2; ++c) {
    std::vector<size_t> order = NumpyPermutation(random, counts[c]);
    for (size_t k = 0; k < train_per_class[c] + test_per_class[c] && k < order.size(); ++k) {
      (k < train_per_class[c] ? split.train : split.test).push_back(members[c][order[k]]);
    }
  }
  std::sort(split.train.begin(), split.train.end());
  std::sort(split.test.begin(), split.test.end());
  return split;
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
