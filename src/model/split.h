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
//! k folds; fold f's test rows are folds[f], its training rows all the others.
std::vector<std::vector<size_t>> StratifiedFolds(const std::vector<uint8_t>& target, int folds,
                                                 uint64_t seed);
//! The training rows for fold f (every row not in folds[f]), ascending.
std::vector<size_t> FoldTrainingRows(const std::vector<std::vector<size_t>>& folds, size_t fold);

}  // namespace credo::model
