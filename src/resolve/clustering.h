// credo resolve: from scored pairs to clusters (dedupe) or links (two files).
//
// Dedupe: records sharing a valid strong identifier are joined first (deterministic layer); then
// pairs at or above the threshold weight are joined strongest first, refusing any join that would
// put two different valid strong identifiers in one cluster. Joining two groups that already
// hold several records also needs average linkage: the mean match probability over all pairs
// across the two groups must reach `min_average_probability`, so that chains of pairwise links
// (A~B, B~C, C~D ...) cannot grow one cluster out of many people. The constraint is checked
// again on the final clusters (violations are reported, and must be zero). Then a cluster held together
// by one weak link — a bridge whose weight is below `weak_link_weight` while no other pair across
// it reaches the threshold — is split there. Records with no compared field form their own
// cluster. Cluster ids are dense, in order of each cluster's first record.
//
// Link: pairs at or above the threshold, plus pairs sharing a strong identifier, minus pairs
// with two different strong identifiers; optionally one-to-one (strongest first).
#pragma once

#include <cstdint>
#include <vector>

#include "resolve/fs_model.h"
#include "resolve/record_table.h"

namespace credo::resolve {

struct ScoredPair {
  uint32_t a = 0;
  uint32_t b = 0;
  float weight = 0;
};

struct ClusterOptions {
  double threshold_weight = 0.0;     //!< match probability 0.5
  bool split_weak_links = true;
  double weak_link_weight = 6.0;     //!< bridges weaker than this are examined
  size_t max_split_cluster = 64;     //!< larger clusters are not examined (reported)
  double min_average_probability = 0.5;  //!< average linkage when joining groups
  size_t max_linkage_pairs = 4096;   //!< cross pairs examined per join (evenly spaced beyond)
};

struct Clustering {
  std::vector<uint32_t> cluster_of;  //!< per record
  int64_t clusters = 0;
  int64_t strong_identifier_joins = 0;
  int64_t constraint_refusals = 0;   //!< joins refused by the strong-identifier constraint
  int64_t constraint_violations = 0; //!< after clustering; always 0 unless there is a bug
  int64_t weak_link_splits = 0;
  int64_t average_linkage_refusals = 0;  //!< joins refused for weak evidence across groups
  int64_t singleton_empty = 0;
};

//! `scored` holds candidate pairs with their weights (any order).
Clustering ClusterRecords(const RecordTable& table, const FsModel& model,
                          std::vector<ScoredPair> scored, const ClusterOptions& options);

struct LinkOptions {
  double threshold_weight = 0.0;
  bool one_to_one = false;
};

struct Link {
  uint32_t left = 0;   //!< record index on side 0
  uint32_t right = 0;  //!< record index on side 1
  double probability = 0;
};

struct Linking {
  std::vector<Link> links;
  int64_t strong_identifier_links = 0;
  int64_t constraint_refusals = 0;
  int64_t one_to_one_dropped = 0;
};

Linking SelectLinks(const RecordTable& table, std::vector<ScoredPair> scored,
                    const LinkOptions& options);

}  // namespace credo::resolve
