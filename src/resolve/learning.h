// credo resolve: learning a Fellegi-Sunter model without labels.
//
// u (level shares among non-matches) comes from random record pairs, which are almost all
// non-matches; the exact level's u is computed from value frequencies (sum of squared shares),
// which is exact even for identifiers too rare for any sample to repeat. m and lambda come from
// expectation-maximisation over the candidate pairs' comparison patterns with u held fixed
// (patterns are aggregated first, so each iteration costs the number of distinct patterns, not
// pairs). Truth labels are never read. Deterministic for a given seed.
#pragma once

#include <cstdint>
#include <vector>

#include "core/result.h"
#include "resolve/comparison.h"
#include "resolve/fs_model.h"
#include "resolve/record_table.h"

namespace credo::resolve {

struct LearnOptions {
  bool link = false;                //!< random pairs are left x right
  int64_t u_sample_pairs = 200000;
  uint64_t seed = 20240601;
  int max_iterations = 200;
  double tolerance = 1e-7;
  int threads = 2;
};

//! u per field and level from random pairs and value frequencies (m left empty).
FsModel EstimateU(const RecordTable& table, const LearnOptions& options);
//! m and lambda by EM over `patterns` with `model`'s u fixed.
Status EstimateM(const std::vector<ComparisonPattern>& patterns, const LearnOptions& options,
                 FsModel* model);

}  // namespace credo::resolve
