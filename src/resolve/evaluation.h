// credo resolve: scoring against known truth (benchmarks only; truth never trains anything).
//
// Pairwise precision, recall and F1: a predicted pair is two records in one cluster (dedupe) or a
// reported link; a true pair is two records of the same truth entity (link: one on each side).
// Pairs completeness is the share of true pairs among the blocking's candidate pairs.
#pragma once

#include <cstdint>
#include <vector>

#include "resolve/clustering.h"
#include "resolve/record_table.h"

namespace credo::resolve {

struct PairMetrics {
  int64_t true_pairs = 0;
  int64_t predicted_pairs = 0;
  int64_t true_positives = 0;
  double precision = 0;
  double recall = 0;
  double f1 = 0;
};

//! True pairs in the table (dedupe: within the file; link: across sides).
int64_t CountTruePairs(const RecordTable& table, bool link);
PairMetrics EvaluateClusters(const RecordTable& table, const std::vector<uint32_t>& cluster_of);
PairMetrics EvaluateLinks(const RecordTable& table, const std::vector<Link>& links);
//! Share of true pairs found among `pairs` (sorted or not).
double PairsCompleteness(const RecordTable& table, const std::vector<uint64_t>& pairs, bool link);

}  // namespace credo::resolve
