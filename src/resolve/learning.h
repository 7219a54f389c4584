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
#include <string>
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
  double min_pass_pairs = 1000;   //!< EstimateMByPass: smaller passes are not fitted alone
  double max_pass_lambda = 0.95;  //!< a pass fit calling more pairs matches is discarded
};

//! u per field and level from random pairs and value frequencies (m left empty).
FsModel EstimateU(const RecordTable& table, const LearnOptions& options);
//! m and lambda by EM over `patterns` with `model`'s u fixed.
Status EstimateM(const std::vector<ComparisonPattern>& patterns, const LearnOptions& options,
                 FsModel* model);
//! m by EM per blocking pass, each over the pairs that pass proposed with the pass's own key
//! fields left out (those pairs agree on them by construction, and counting that agreement as
//! evidence lets EM mistake "same block" for "same person": on large files the fit over all
//! candidates can collapse to lambda near 1 with m equal to u). Each field's m is the average of
//! the passes that do not block on it, weighted by their expected matches; a field every pass
//! blocks on keeps the fit over all candidates. Then lambda over all candidates with m and u
//! fixed. `pass_masks[i]` has bit p set when pass p proposed pair i (CandidatePairs);
//! `pass_fields[p]` names pass p's key fields (BlockingPassFields).
Status EstimateMByPass(const std::vector<ComparisonPattern>& patterns,
                       const std::vector<uint32_t>& pass_masks,
                       const std::vector<std::vector<std::string>>& pass_fields,
                       const LearnOptions& options, FsModel* model);

}  // namespace credo::resolve
