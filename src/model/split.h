// credo model: deterministic stratified splits and folds.
//
// The generator is SplitMix64 seeded with the seed given; each class's row indexes (ascending)
// are shuffled with a Fisher-Yates pass drawing j = next() % (i + 1) for i from the end down.
// The test part of a class is round(share * class size) of its shuffled rows, taken from the
// front; the rest is training. Outputs are sorted ascending, so the result depends only on the
// target vector, the share and the seed: the same on every platform and compiler.
// Folds: each class's shuffled rows are dealt round-robin to k folds.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace credo::model {

struct SplitIndexes {
  std::vector<size_t> train;
  std::vector<size_t> test;
};

//! SplitMix64, the generator used by every split (exposed for tests).
class SplitMix64 {
 public:
  explicit SplitMix64(uint64_t seed) : state_(seed) {}
  uint64_t Next();

 private:
  uint64_t state_;
};

SplitIndexes StratifiedSplit(const std::vector<uint8_t>& target, double test_share, uint64_t seed);

//! MT19937 as NumPy's legacy RandomState(seed) draws it (exposed for tests).
class Mt19937 {
 public:
  explicit Mt19937(uint32_t seed);
  uint32_t Next();
  //! NumPy's random_interval: uniform on [0, max] by masked rejection.
  uint64_t Interval(uint64_t max);

 private:
  uint32_t state_[624];
  int position_ = 624;
};

//! The rows scikit-learn's train_test_split(test_size=test_share, stratify=y,
//! random_state=seed) puts in each part (StratifiedShuffleSplit on NumPy's legacy MT19937), so
//! results can be compared with Python tools on the same split. `bad_class_first` says whether
//! the bad label sorts before the good one in the original data (NumPy orders classes by value:
//! 0 < 1, "Bad" < "Good", "bad" < "good").
SplitIndexes SklearnStratifiedSplit(const std::vector<uint8_t>& target, double test_share,
                                    uint32_t seed, bool bad_class_first);
//! k folds; fold f's test rows are folds[f], its training rows all the others.
std::vector<std::vector<size_t>> StratifiedFolds(const std::vector<uint8_t>& target, int folds,
                                                 uint64_t seed);
//! The training rows for fold f (every row not in folds[f]), ascending.
std::vector<size_t> FoldTrainingRows(const std::vector<std::vector<size_t>>& folds, size_t fold);

}  // namespace credo::model
